package io.gannet.spi;

/**
 * What a socket does at a datagram endpoint: datagram endpoints are one-way, so each socket
 * either sends there or receives there. The {@link DatagramTransport} decides it from the
 * socket type ({@link DatagramTransport#role}).
 */
public enum DatagramRole {
    /** The socket's messages go out as datagrams (a PUB, an XPUB). */
    SEND,
    /** Datagrams come in as messages for the socket (a SUB, an XSUB). */
    RECEIVE
}
