/**
 * Gannet's socket types: one small state machine per ZeroMQ socket type (RFC 28-31); and the
 * Guide's reliable request-reply patterns built on them ({@code io.gannet.patterns.reliability}).
 */
module io.gannet.patterns {
    requires io.gannet.core;

    exports io.gannet.patterns.reliability;

    provides io.gannet.spi.SocketProtocolProvider with io.gannet.patterns.StandardSocketTypes;
}
