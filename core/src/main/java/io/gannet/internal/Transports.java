package io.gannet.internal;

import io.gannet.spi.DatagramTransport;
import io.gannet.spi.Transport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The network transports on the class or module path, by scheme, found once through
 * ServiceLoader: stream transports ({@link Transport}) and datagram transports
 * ({@link DatagramTransport}). Each scheme is served by one transport of one kind; two
 * providers of one scheme fail {@link #check()} (called when a context starts) and every
 * lookup with a {@link ServiceConfigurationError} naming both.
 *
 * <p>{@link EndpointKinds} is the one place where an endpoint's scheme chooses what serves it.
 */
public final class Transports {
    private Transports() {
    }

    /** Loaded on first use; holds the map, or the reason there is none. */
    private static final class Loaded {
        static final Map<String, Object> BY_SCHEME;
        static final ServiceConfigurationError ERROR;

        static {
            Map<String, Object> map = null;
            ServiceConfigurationError error = null;
            try {
                List<Object> all = new ArrayList<>();
                ServiceLoader.load(Transport.class, Transports.class.getClassLoader()).forEach(all::add);
                ServiceLoader.load(DatagramTransport.class, Transports.class.getClassLoader()).forEach(all::add);
                map = index(all);
            } catch (ServiceConfigurationError e) {
                error = e;
            }
            BY_SCHEME = map;
            ERROR = error;
        }
    }

    /** The transports (stream and datagram) by scheme; throws when two serve one scheme. */
    static Map<String, Object> index(Iterable<?> transports) {
        return ProviderIndex.index(transports, t -> List.of(schemeOf(t)), "the transport for scheme", new HashMap<>());
    }

    private static String schemeOf(Object transport) {
        return transport instanceof DatagramTransport
                ? ((DatagramTransport) transport).scheme() : ((Transport) transport).scheme();
    }

    /** Throws a {@link ServiceConfigurationError} if the transports on the path are ambiguous. */
    public static void check() {
        if (Loaded.ERROR != null) {
            throw new ServiceConfigurationError(Loaded.ERROR.getMessage(), Loaded.ERROR);
        }
    }

    /** The stream transport for {@code scheme}, or null ({@link EndpointKinds} says what to add). */
    static Transport findStream(String scheme) {
        check();
        Object t = Loaded.BY_SCHEME.get(scheme);
        return t instanceof Transport ? (Transport) t : null;
    }

    /** The datagram transport for {@code scheme}, or null. */
    static DatagramTransport findDatagram(String scheme) {
        check();
        Object t = Loaded.BY_SCHEME.get(scheme);
        return t instanceof DatagramTransport ? (DatagramTransport) t : null;
    }
}
