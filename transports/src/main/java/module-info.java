/**
 * Gannet's network transports: {@code tcp://} and {@code ipc://} (Unix domain sockets), the
 * stream ones, and the datagram ones: {@code udp://} (one message per datagram) and
 * {@code epgm://} (PGM over UDP multicast, as libzmq with OpenPGM speaks it). The stream and
 * udp transports only resolve addresses and open non-blocking channels; epgm brings its own
 * protocol ({@link io.gannet.spi.DatagramSession}), which core's I/O threads drive.
 */
module io.gannet.transports {
    requires io.gannet.core;
    requires org.slf4j;

    provides io.gannet.spi.Transport with
            io.gannet.transports.tcp.TcpTransport,
            io.gannet.transports.ipc.IpcTransport;
    provides io.gannet.spi.DatagramTransport with
            io.gannet.transports.udp.UdpTransport,
            io.gannet.transports.pgm.EpgmTransport;
}
