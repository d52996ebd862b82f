package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.spi.DatagramTransport;
import io.gannet.spi.Transport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The network transports on the class or module path, by scheme, found once through
 * ServiceLoader: stream transports ({@link Transport}) and datagram transports
 * ({@link DatagramTransport}). Each scheme is served by one transport of one kind; two
 * providers of one scheme fail {@link #check()} (called when a context starts) and every
 * lookup with a {@link ServiceConfigurationError} naming both.
 *
 * <p>This is the one place where an endpoint's scheme chooses what serves it.
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

    /**
     * Binds {@code endpoint} with the transport that serves its scheme. The lookup comes
     * first: a missing transport fails fast, naming the artifact, without starting the I/O
     * threads ({@code io} is only asked for them after).
     */
    static EndpointHandle bind(Supplier<StreamEndpoints> io, SocketImpl socket, Endpoint endpoint) {
        Object t = require(endpoint.scheme());
        return t instanceof DatagramTransport
                ? io.get().bind(socket, (DatagramTransport) t, endpoint) : io.get().bind(socket, (Transport) t, endpoint);
    }

    /** Connects {@code endpoint} with the transport that serves its scheme; as {@link #bind}. */
    static EndpointHandle connect(Supplier<StreamEndpoints> io, SocketImpl socket, Endpoint endpoint) {
        Object t = require(endpoint.scheme());
        return t instanceof DatagramTransport
                ? io.get().connect(socket, (DatagramTransport) t, endpoint)
                : io.get().connect(socket, (Transport) t, endpoint);
    }

    /**
     * The transport for {@code scheme}, of either kind; throws {@code EPROTONOSUPPORT} naming
     * the artifact to add, or saying that the transport is not implemented.
     */
    static Object require(String scheme) {
        check();
        Object t = Loaded.BY_SCHEME.get(scheme);
        if (t != null) {
            return t;
        }
        switch (scheme) {
            case "tcp": case "ipc": case "udp":
                throw new GannetException(ErrorCode.EPROTONOSUPPORT, "no " + scheme
                        + ":// transport is on the class or module path; add the io.gannet:gannet-transports artifact");
            case "pgm": case "epgm":
                throw new GannetException(ErrorCode.EPROTONOSUPPORT, "the " + scheme
                        + ":// (multicast) transport is not implemented in Gannet yet; use tcp://, ipc:// or inproc://");
            default:
                throw new GannetException(ErrorCode.EPROTONOSUPPORT, "unknown transport '" + scheme
                        + "://' (Gannet knows inproc, ipc, tcp and udp)");
        }
    }
}
