/**
 * Gannet core: the public API ({@code io.gannet}), the SPI for socket types and transports
 * ({@code io.gannet.spi}), and the internal machinery (context, pipes, ZMTP engine, inproc).
 */
module io.gannet.core {
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires org.jctools.core;
    // JCTools and Netty use sun.misc.Unsafe and only declare "requires static jdk.unsupported",
    // so without this clause the module is not resolved and the first socket fails with
    // NoClassDefFoundError (JCTools) and Netty falls back to slower code with a warning.
    requires jdk.unsupported;
    requires org.slf4j;
    requires org.bouncycastle.provider;

    exports io.gannet;
    exports io.gannet.spi;

    uses io.gannet.spi.SocketProtocolProvider;
    uses io.gannet.spi.Transport;
    uses io.gannet.spi.DatagramTransport;
}
