package io.gannet.transports.pgm.protocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 network-layer addresses as the big-endian ints the PGM codec carries. */
final class Nla {
    private Nla() {
    }

    static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    static InetAddress toAddress(int nla) {
        byte[] b = {(byte) (nla >>> 24), (byte) (nla >>> 16), (byte) (nla >>> 8), (byte) nla};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }
}
