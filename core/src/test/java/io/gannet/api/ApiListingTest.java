package io.gannet.api;

import static org.junit.jupiter.api.Assertions.fail;

import io.gannet.Context;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public surface of {@code io.gannet} and {@code io.gannet.spi} (what the module exports),
 * listed in {@code core/api/gannet-core.api}: every public type and its public and protected
 * members, one signature a line. A change to the surface fails this test with the lines that
 * differ until the listing is regenerated, so the change shows in the commit's diff:
 *
 * <pre>mvn -B -pl core test -Dtest=ApiListingTest -Dgannet.api.update=true</pre>
 */
class ApiListingTest {
    private static final Path LISTING = Path.of("api", "gannet-core.api");
    private static final List<String> PACKAGES = List.of("io.gannet", "io.gannet.spi");

    @Test
    void thePublicSurfaceMatchesTheCheckedInListing() throws Exception {
        List<String> now = listing();
        if (Boolean.getBoolean("gannet.api.update")) {
            Files.write(LISTING, now, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(LISTING)) {
            fail(LISTING.toAbsolutePath() + " is missing; create it with: " + UPDATE);
        }
        List<String> before = Files.readAllLines(LISTING, StandardCharsets.UTF_8);
        if (!before.equals(now)) {
            Set<String> removed = new LinkedHashSet<>(before);
            now.forEach(removed::remove);
            Set<String> added = new LinkedHashSet<>(now);
            before.forEach(added::remove);
            StringBuilder diff = new StringBuilder("the public API changed; if that is intended, run\n  ")
                    .append(UPDATE).append("\nand commit ").append(LISTING).append('\n');
            removed.forEach(l -> diff.append("- ").append(l).append('\n'));
            added.forEach(l -> diff.append("+ ").append(l).append('\n'));
            fail(diff.toString());
        }
    }

    private static final String UPDATE = "mvn -B -pl core test -Dtest=ApiListingTest -Dgannet.api.update=true";

    /** Every exported type, sorted by name, each followed by its sorted members. */
    static List<String> listing() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> lines = new ArrayList<>();
        for (String pkg : PACKAGES) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            List<String> names;
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".class") && !n.equals("package-info.class") && !n.equals("module-info.class"))
                        .map(n -> pkg + "." + n.substring(0, n.length() - ".class".length()))
                        .sorted()
                        .collect(Collectors.toList());
            }
            for (String name : names) {
                Class<?> c = Class.forName(name, false, ApiListingTest.class.getClassLoader());
                if (isVisible(c)) {
                    describe(c, lines);
                }
            }
        }
        return lines;
    }

    /** A type is part of the surface if it and every type enclosing it are public or protected. */
    private static boolean isVisible(Class<?> c) {
        for (Class<?> t = c; t != null; t = t.getDeclaringClass()) {
            int m = t.getModifiers();
            if (!Modifier.isPublic(m) && !(t.getDeclaringClass() != null && Modifier.isProtected(m))) {
                return false;
            }
            if (t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static void describe(Class<?> c, List<String> lines) {
        StringBuilder head = new StringBuilder(header(c));
        Type sup = c.getGenericSuperclass();
        if (sup != null && sup != Object.class && !c.isEnum() && !c.isRecord()) {
            head.append(" extends ").append(sup.getTypeName());
        }
        Type[] ifaces = c.getGenericInterfaces();
        if (ifaces.length > 0) {
            head.append(c.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(ifaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        if (c.isSealed()) {
            head.append(" permits ").append(Arrays.stream(c.getPermittedSubclasses())
                    .map(Class::getName).sorted().collect(Collectors.joining(", ")));
        }
        lines.add(head.toString());
        TreeSet<String> members = new TreeSet<>();
        for (Field f : c.getDeclaredFields()) {
            if (isMember(f)) {
                members.add(f.toGenericString());
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (isMember(k)) {
                members.add(k.toGenericString());
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (isMember(m) && !m.isBridge()) {
                members.add(m.toGenericString());
            }
        }
        // "public void io.gannet.Socket.bind(java.lang.String)" reads as "public void bind(java.lang.String)".
        String owner = " " + c.getTypeName() + ".";
        members.forEach(m -> lines.add("  " + m.replace(owner, " ")));
    }

    /**
     * Modifiers, kind, name and type parameters, written here rather than by
     * {@link Class#toGenericString()}, whose output grew between Java versions (sealed).
     */
    private static String header(Class<?> c) {
        int mods = c.getModifiers() & Modifier.classModifiers();
        String kind;
        if (c.isAnnotation()) {
            kind = "@interface";
            mods &= ~Modifier.ABSTRACT;
        } else if (c.isInterface()) {
            kind = "interface";
            mods &= ~Modifier.ABSTRACT;
        } else if (c.isEnum()) {
            kind = "enum";
        } else if (c.isRecord()) {
            kind = "record";
        } else {
            kind = "class";
        }
        StringBuilder b = new StringBuilder(Modifier.toString(mods));
        b.append(b.length() > 0 ? " " : "").append(kind).append(' ').append(c.getName());
        if (c.getTypeParameters().length > 0) {
            b.append(Arrays.stream(c.getTypeParameters()).map(v -> {
                String bounds = Arrays.stream(v.getBounds()).filter(t -> t != Object.class)
                        .map(Type::getTypeName).collect(Collectors.joining(" & "));
                return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + bounds;
            }).collect(Collectors.joining(", ", "<", ">")));
        }
        return b.toString();
    }

    private static boolean isMember(Member m) {
        int mod = m.getModifiers();
        return !m.isSynthetic() && (Modifier.isPublic(mod) || Modifier.isProtected(mod));
    }
}
