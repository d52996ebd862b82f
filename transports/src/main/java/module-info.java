/**
 * Gannet's network transports: {@code tcp://} and {@code ipc://} (Unix domain sockets), the
 * stream ones, and {@code udp://}, a datagram one. Each only resolves addresses and opens
 * non-blocking channels; core's I/O threads speak ZMTP over the streams and send one message
 * per datagram.
 */
module io.gannet.transports {
    requires io.gannet.core;
    requires org.slf4j;

    provides io.gannet.spi.Transport with
            io.gannet.transports.tcp.TcpTransport,
            io.gannet.transports.ipc.IpcTransport;
    provides io.gannet.spi.DatagramTransport with
            io.gannet.transports.udp.UdpTransport;
}
