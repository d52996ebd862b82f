/**
 * Gannet core: the public API ({@code io.gannet}), the SPI for socket types and transports
 * ({@code io.gannet.spi}), and the internal machinery (context, pipes, ZMTP engine, inproc).
 */
module io.gannet.core {
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires org.jctools.core;
    requires org.slf4j;

    exports io.gannet;
    exports io.gannet.spi;
    // Internal machinery, shared only with sibling modules that plug into it.
    exports io.gannet.internal to io.gannet.transports, io.gannet.benchmarks;

    uses io.gannet.spi.SocketProtocolProvider;
    uses io.gannet.spi.Transport;
}
