package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.SocketType;
import io.gannet.spi.SocketProtocol;
import io.gannet.spi.SocketProtocolProvider;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketTraits;
import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The socket-type implementations on the class or module path, found once through
 * ServiceLoader. Two providers of one socket type fail {@link #check()} (called when a
 * context starts) and every socket creation with a {@link ServiceConfigurationError}
 * naming both.
 */
final class Protocols {
    private Protocols() {
    }

    /** Loaded on first use; holds the map, or the reason there is none. */
    private static final class Loaded {
        static final Map<SocketType, SocketProtocolProvider> PROVIDERS;
        static final ServiceConfigurationError ERROR;

        static {
            Map<SocketType, SocketProtocolProvider> map = null;
            ServiceConfigurationError error = null;
            try {
                map = index(ServiceLoader.load(SocketProtocolProvider.class, Protocols.class.getClassLoader()));
            } catch (ServiceConfigurationError e) {
                error = e;
            }
            PROVIDERS = map;
            ERROR = error;
        }
    }

    /** The providers by socket type; throws when two serve one type. */
    static Map<SocketType, SocketProtocolProvider> index(Iterable<? extends SocketProtocolProvider> providers) {
        return ProviderIndex.index(providers, SocketProtocolProvider::types, "the socket type",
                new EnumMap<>(SocketType.class));
    }

    /** Throws a {@link ServiceConfigurationError} if the socket types on the path are ambiguous. */
    static void check() {
        if (Loaded.ERROR != null) {
            throw new ServiceConfigurationError(Loaded.ERROR.getMessage(), Loaded.ERROR);
        }
    }

    static SocketProtocol create(SocketType type, SocketHost host) {
        return provider(type).create(host);
    }

    /** What core must know about {@code type}, from its provider. */
    static SocketTraits traits(SocketType type) {
        return provider(type).traits(type);
    }

    private static SocketProtocolProvider provider(SocketType type) {
        check();
        SocketProtocolProvider p = Loaded.PROVIDERS.get(type);
        if (p == null) {
            throw new GannetException(ErrorCode.ENOTSUP, "no implementation of the " + type
                    + " socket type is on the class path; add the io.gannet:gannet-patterns artifact");
        }
        return p;
    }
}
