package io.gannet.internal;

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

    /**
     * The transport for {@code scheme}, or null if none is on the path ({@link EndpointKinds}
     * says what to add).
     */
    public static Transport find(String scheme) {
        return BY_SCHEME.get(scheme);
    }
}
