package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.spi.Transport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The transports on the class or module path, by scheme, found once through ServiceLoader.
 * Two providers of one scheme fail {@link #check()} (called when a context starts) and
 * every lookup with a {@link ServiceConfigurationError} naming both.
 */
public final class Transports {
    private Transports() {
    }

    /** Loaded on first use; holds the map, or the reason there is none. */
    private static final class Loaded {
        static final Map<String, Transport> BY_SCHEME;
        static final ServiceConfigurationError ERROR;

        static {
            Map<String, Transport> map = null;
            ServiceConfigurationError error = null;
            try {
                map = index(ServiceLoader.load(Transport.class, Transports.class.getClassLoader()));
            } catch (ServiceConfigurationError e) {
                error = e;
            }
            BY_SCHEME = map;
            ERROR = error;
        }
    }

    /** The transports by scheme; throws when two serve one scheme. */
    static Map<String, Transport> index(Iterable<? extends Transport> transports) {
        return ProviderIndex.index(transports, t -> List.of(t.scheme()), "the transport for scheme", new HashMap<>());
    }

    /** Throws a {@link ServiceConfigurationError} if the transports on the path are ambiguous. */
    public static void check() {
        if (Loaded.ERROR != null) {
            throw new ServiceConfigurationError(Loaded.ERROR.getMessage(), Loaded.ERROR);
        }
    }

    /** The transport for {@code scheme}; throws {@code EPROTONOSUPPORT} naming the artifact to add, or saying that the transport is not implemented. */
    public static Transport require(String scheme) {
        check();
        Transport t = Loaded.BY_SCHEME.get(scheme);
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
