package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;

/**
 * The lookup from an endpoint's scheme to the {@link EndpointKind} that serves it, one per
 * context. This is the only place that looks at a scheme: {@code inproc} is core's own, and
 * every other scheme is served by the kind whose registry has a transport for it: the stream
 * transports (tcp, ipc) or the datagram transports (udp, epgm). A new kind is one more field and
 * one more line in {@link #of}.
 */
final class EndpointKinds {
    private static final String INPROC = "inproc";

    private final EndpointKind inproc;
    private final EndpointKind streams;
    private final EndpointKind datagrams;

    EndpointKinds(EndpointKind inproc, EndpointKind streams, EndpointKind datagrams) {
        this.inproc = inproc;
        this.streams = streams;
        this.datagrams = datagrams;
    }

    /**
     * The kind that serves {@code endpoint}; throws {@code EPROTONOSUPPORT} naming the
     * artifact to add, or saying why the transport cannot exist ({@code pgm://}).
     */
    EndpointKind of(Endpoint endpoint) {
        String scheme = endpoint.scheme();
        if (scheme.equals(INPROC)) {
            return inproc;
        }
        if (Transports.findStream(scheme) != null) {
            return streams;
        }
        if (Transports.findDatagram(scheme) != null) {
            return datagrams;
        }
        throw unsupported(scheme);
    }

    /** Whether {@code endpoint} is an inproc endpoint (libzmq-style monitor sockets must be). */
    static boolean isInproc(String endpoint) {
        return endpoint.startsWith(INPROC + "://");
    }

    private static GannetException unsupported(String scheme) {
        switch (scheme) {
            case "tcp": case "ipc": case "udp": case "epgm":
                return new GannetException(ErrorCode.EPROTONOSUPPORT, "no " + scheme
                        + ":// transport is on the class or module path; add the io.gannet:gannet-transports artifact");
            case "pgm":
                return new GannetException(ErrorCode.EPROTONOSUPPORT, "pgm:// sends PGM in raw IP packets, which"
                        + " Java cannot open (no raw sockets); use epgm:// (the same PGM in UDP, as libzmq speaks it,"
                        + " e.g. epgm://eth0;239.192.1.1:5555)");
            default:
                return new GannetException(ErrorCode.EPROTONOSUPPORT, "unknown transport '" + scheme
                        + "://' (Gannet knows inproc, ipc, tcp, udp and epgm)");
        }
    }
}
