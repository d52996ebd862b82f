package io.gannet.auth;

import io.gannet.Z85;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the {@link Authenticator} allows: an immutable snapshot, replaced whole when the
 * application changes the configuration, so the handler thread reads it without locks.
 *
 * <p>The rules are czmq's {@code zauth} and pyzmq's authenticator:
 * <ol>
 * <li>Addresses. With an allow-list, an address on it passes (NULL needs nothing more) and
 *     any other address is refused; without one, an address on the deny-list is refused and
 *     any other passes. The allow-list wins when both are set.</li>
 * <li>Mechanism. NULL passes. PLAIN needs a user name and password of the request's domain
 *     (or of {@code "*"}, the default domain). CURVE needs a client public key of the domain
 *     (or of {@code "*"}), or "any key" there. Other mechanisms are refused.</li>
 * </ol>
 * The user id of a success is the PLAIN user name or the CURVE key in Z85 (empty for NULL);
 * its metadata is the client certificate's. Passwords are compared in constant time; public
 * keys are not secret and are looked up by value.
 */
final class ZapPolicy {
    /** The domain whose settings apply to every domain without its own. */
    static final String ANY_DOMAIN = "*";

    static final ZapPolicy EMPTY = new ZapPolicy(Set.of(), Set.of(), Map.of(), Map.of(), Set.of());

    private final Set<String> allowed;
    private final Set<String> denied;
    /** domain → user → password. */
    private final Map<String, Map<String, byte[]>> passwords;
    /** domain → client public key (Z85) → certificate metadata. */
    private final Map<String, Map<String, Map<String, String>>> curveKeys;
    /** Domains where any CURVE key passes. */
    private final Set<String> curveAnyKey;

    private ZapPolicy(Set<String> allowed, Set<String> denied, Map<String, Map<String, byte[]>> passwords,
            Map<String, Map<String, Map<String, String>>> curveKeys, Set<String> curveAnyKey) {
        this.allowed = Set.copyOf(allowed);
        this.denied = Set.copyOf(denied);
        this.passwords = Map.copyOf(passwords);
        this.curveKeys = Map.copyOf(curveKeys);
        this.curveAnyKey = Set.copyOf(curveAnyKey);
    }

    ZapPolicy allow(Set<String> addresses) {
        Set<String> a = new HashSet<>(allowed);
        a.addAll(addresses);
        return new ZapPolicy(a, denied, passwords, curveKeys, curveAnyKey);
    }

    ZapPolicy deny(Set<String> addresses) {
        Set<String> d = new HashSet<>(denied);
        d.addAll(addresses);
        return new ZapPolicy(allowed, d, passwords, curveKeys, curveAnyKey);
    }

    /** Replaces the domain's PLAIN users. */
    ZapPolicy passwords(String domain, Map<String, String> users) {
        Map<String, byte[]> u = new HashMap<>();
        users.forEach((name, pw) -> u.put(name, pw.getBytes(StandardCharsets.UTF_8)));
        Map<String, Map<String, byte[]>> p = new HashMap<>(passwords);
        p.put(domain, Map.copyOf(u));
        return new ZapPolicy(allowed, denied, p, curveKeys, curveAnyKey);
    }

    /** Replaces the domain's CURVE keys (Z85 → metadata); the domain no longer takes any key. */
    ZapPolicy curveKeys(String domain, Map<String, Map<String, String>> keys) {
        Map<String, Map<String, Map<String, String>>> c = new HashMap<>(curveKeys);
        c.put(domain, Map.copyOf(keys));
        Set<String> any = new HashSet<>(curveAnyKey);
        any.remove(domain);
        return new ZapPolicy(allowed, denied, passwords, c, any);
    }

    ZapPolicy curveAnyKey(String domain) {
        Set<String> any = new HashSet<>(curveAnyKey);
        any.add(domain);
        return new ZapPolicy(allowed, denied, passwords, curveKeys, any);
    }

    /** The verdict on a well-formed request (version, frame count and mechanism checked). */
    ZapReply decide(ZapRequest r) {
        if (!allowed.isEmpty()) {
            if (!allowed.contains(r.address)) {
                return ZapReply.denied("Address not allowed");
            }
        } else if (denied.contains(r.address)) {
            return ZapReply.denied("Address denied");
        }
        switch (r.mechanism) {
            case "NULL":
                return ZapReply.ok("", Map.of());
            case "PLAIN":
                return plain(r);
            case "CURVE":
                return curve(r);
            default:
                return ZapReply.denied("Mechanism not supported");
        }
    }

    private ZapReply plain(ZapRequest r) {
        Map<String, byte[]> users = forDomain(passwords, r.domain);
        if (users == null) {
            return ZapReply.denied("No passwords defined for domain");
        }
        String user = new String(r.credentials.get(0), StandardCharsets.UTF_8);
        byte[] expected = users.get(user);
        // Compare against something even for an unknown user, so timing does not tell which users exist.
        boolean match = MessageDigest.isEqual(expected == null ? new byte[0] : expected, r.credentials.get(1));
        if (expected == null || !match) {
            return ZapReply.denied("Invalid user name or password");
        }
        return ZapReply.ok(user, Map.of());
    }

    private ZapReply curve(ZapRequest r) {
        byte[] key = r.credentials.get(0);
        if (key.length != 32) {
            return ZapReply.denied("Invalid key");
        }
        String z85 = Z85.encode(key);
        // The request's own domain decides if it has CURVE settings, else the default domain.
        String domain = curveAnyKey.contains(r.domain) || curveKeys.containsKey(r.domain) ? r.domain : ANY_DOMAIN;
        if (curveAnyKey.contains(domain)) {
            return ZapReply.ok(z85, Map.of());
        }
        Map<String, Map<String, String>> keys = curveKeys.get(domain);
        if (keys == null) {
            return ZapReply.denied("No keys defined for domain");
        }
        Map<String, String> metadata = keys.get(z85);
        return metadata == null ? ZapReply.denied("Unknown key") : ZapReply.ok(z85, metadata);
    }

    private static <T> T forDomain(Map<String, T> byDomain, String domain) {
        T v = byDomain.get(domain);
        return v != null ? v : byDomain.get(ANY_DOMAIN);
    }
}
