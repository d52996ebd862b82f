package io.gannet.internal;

import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.function.Function;

/**
 * Indexes {@link java.util.ServiceLoader} providers by the keys they serve (a transport's
 * scheme, a provider's socket types). Two providers of one key are a packaging mistake
 * (two versions of an artifact, or a fork beside the original); which one would win depends
 * on class-path order, so it is refused, naming both classes, rather than resolved.
 */
final class ProviderIndex {
    private ProviderIndex() {
    }

    /**
     * Fills {@code into} with each provider under each of its keys.
     *
     * @param what what a key names, for the message ("transport for scheme", "socket type")
     * @throws ServiceConfigurationError when two providers serve one key
     */
    static <K, P> Map<K, P> index(Iterable<? extends P> providers, Function<? super P, ? extends Iterable<K>> keys,
            String what, Map<K, P> into) {
        for (P p : providers) {
            for (K key : keys.apply(p)) {
                P first = into.putIfAbsent(key, p);
                if (first != null && first != p) {
                    throw new ServiceConfigurationError("two providers of " + what + " '" + key + "': "
                            + first.getClass().getName() + " and " + p.getClass().getName()
                            + "; keep one of them on the class or module path");
                }
            }
        }
        return into;
    }
}
