/** Gannet's socket types: one small state machine per ZeroMQ socket type (RFC 28-31). */
module io.gannet.patterns {
    requires io.gannet.core;

    provides io.gannet.spi.SocketProtocolProvider with io.gannet.patterns.StandardSocketTypes;
}
