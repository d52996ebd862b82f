package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.spi.Transport;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The stream transports on the class or module path, by scheme, found once through ServiceLoader. */
public final class Transports {
    private static final Map<String, Transport> BY_SCHEME = load();

    private Transports() {
    }

    private static Map<String, Transport> load() {
        Map<String, Transport> map = new HashMap<>();
        for (Transport t : ServiceLoader.load(Transport.class, Transports.class.getClassLoader())) {
            map.putIfAbsent(t.scheme(), t);
        }
        return map;
    }

    /** The transport for {@code scheme}; throws {@code EPROTONOSUPPORT} naming the artifact to add, or saying that the transport is not implemented. */
    public static Transport require(String scheme) {
        Transport t = BY_SCHEME.get(scheme);
        if (t != null) {
            return t;
        }
        switch (scheme) {
            case "tcp": case "ipc":
                throw new GannetException(ErrorCode.EPROTONOSUPPORT, "no " + scheme
                        + ":// transport is on the class or module path; add the io.gannet:gannet-transports artifact");
            case "pgm": case "epgm":
                throw new GannetException(ErrorCode.EPROTONOSUPPORT, "the " + scheme
                        + ":// (multicast) transport is not implemented in Gannet yet; use tcp://, ipc:// or inproc://");
            default:
                throw new GannetException(ErrorCode.EPROTONOSUPPORT, "unknown transport '" + scheme
                        + "://' (Gannet knows inproc, ipc and tcp)");
        }
    }
}
