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
import java.util.ServiceLoader;

/** The socket-type implementations on the class or module path, found once through ServiceLoader. */
final class Protocols {
    private static final Map<SocketType, SocketProtocolProvider> PROVIDERS = load();

    private Protocols() {
    }

    private static Map<SocketType, SocketProtocolProvider> load() {
        Map<SocketType, SocketProtocolProvider> map = new EnumMap<>(SocketType.class);
        for (SocketProtocolProvider p : ServiceLoader.load(SocketProtocolProvider.class,
                Protocols.class.getClassLoader())) {
            for (SocketType t : p.types()) {
                map.putIfAbsent(t, p);
            }
        }
        return map;
    }

    static SocketProtocol create(SocketType type, SocketHost host) {
        return provider(type).create(host);
    }

    /** What core must know about {@code type}, from its provider. */
    static SocketTraits traits(SocketType type) {
        return provider(type).traits(type);
    }

    private static SocketProtocolProvider provider(SocketType type) {
        SocketProtocolProvider p = PROVIDERS.get(type);
        if (p == null) {
            throw new GannetException(ErrorCode.ENOTSUP, "no implementation of the " + type
                    + " socket type is on the class path; add the io.gannet:gannet-patterns artifact");
        }
        return p;
    }
}
