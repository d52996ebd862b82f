/**
 * Gannet's stream transports: {@code tcp://} and {@code ipc://} (Unix domain sockets). Each
 * only resolves addresses and opens non-blocking channels; core's I/O threads speak ZMTP
 * over them.
 */
module io.gannet.transports {
    requires io.gannet.core;
    requires org.slf4j;

    provides io.gannet.spi.Transport with
            io.gannet.transports.tcp.TcpTransport,
            io.gannet.transports.ipc.IpcTransport;
}
