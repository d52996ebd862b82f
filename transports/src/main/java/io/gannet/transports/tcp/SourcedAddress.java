package io.gannet.transports.tcp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A tcp connect address in libzmq's {@code source;destination} form
 * ({@code tcp://192.168.1.17:0;server:5555}): the connection is made from {@code source}
 * (port 0 lets the system choose) to {@code destination}. Immutable.
 */
final class SourcedAddress extends SocketAddress {
    private static final long serialVersionUID = 1L;

    private final InetSocketAddress source;
    private final InetSocketAddress destination;

    SourcedAddress(InetSocketAddress source, InetSocketAddress destination) {
        this.source = source;
        this.destination = destination;
    }

    InetSocketAddress source() {
        return source;
    }

    InetSocketAddress destination() {
        return destination;
    }

    @Override
    public String toString() {
        return source + ";" + destination;
    }
}
