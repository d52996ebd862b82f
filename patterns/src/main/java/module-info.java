/**
 * Gannet's socket types: one small state machine per ZeroMQ socket type (RFC 28-31); the
 * {@link io.gannet.auth.Authenticator}, a ZAP handler (RFC 27) built on them; the Guide's
 * reliable request-reply patterns ({@code io.gannet.patterns.reliability}); and acknowledged
 * delivery ({@code io.gannet.patterns.delivery}).
 */
module io.gannet.patterns {
    requires io.gannet.core;
    requires org.slf4j;
    // Only the durable outbox of io.gannet.patterns.delivery uses H2; it is optional.
    requires static com.h2database;

    exports io.gannet.patterns.delivery;

    exports io.gannet.patterns.reliability;

    exports io.gannet.auth;

    provides io.gannet.spi.SocketProtocolProvider with io.gannet.patterns.StandardSocketTypes;
}
