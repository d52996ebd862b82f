/**
 * Gannet's socket types: one small state machine per ZeroMQ socket type (RFC 28-31), and
 * the {@link io.gannet.auth.Authenticator}, a ZAP handler (RFC 27) built on them.
 */
module io.gannet.patterns {
    requires io.gannet.core;
    requires org.slf4j;

    exports io.gannet.auth;

    provides io.gannet.spi.SocketProtocolProvider with io.gannet.patterns.StandardSocketTypes;
}
