/**
 * Gannet core: the public API ({@code io.gannet}), the SPI for socket types and transports
 * ({@code io.gannet.spi}), and the internal machinery (context, pipes, ZMTP engine, inproc).
 */
module io.gannet.core {
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires org.jctools.core;
    requires org.slf4j;
    requires org.bouncycastle.provider;

    exports io.gannet;
    exports io.gannet.spi;

    uses io.gannet.spi.SocketProtocolProvider;
    uses io.gannet.spi.Transport;
}
