package io.gannet.internal.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The short fuzzing run every build does for each target: a fixed number of inputs made by
 * mutating the target's regression corpus (flipped, inserted, deleted and repeated bytes,
 * splices of two seeds, truncations) from a fixed seed, so the run is bounded and repeatable.
 * Coverage-guided fuzzing is Jazzer's job ({@code JAZZER_FUZZ=1}, see docs/fuzzing.md); this
 * run keeps the properties exercised beyond the corpus in every build, at no extra tool cost.
 *
 * <p>A failure names the seed, the iteration and the input in hex: save the input as a file in
 * the target's corpus directory so it is replayed from then on.
 */
public final class BoundedRun {
    /** Inputs per target and build; a few thousand take well under a second each. */
    public static final int DEFAULT_ITERATIONS = 3000;
    private static final int MAX_LENGTH = 4096;

    private BoundedRun() {
    }

    /**
     * Checks {@code property} on the corpus of {@code target}'s method {@code method} and on
     * {@code iterations} mutations of it. The seed is {@code gannet.fuzz.seed} if set (to
     * replay or vary a run), else fixed.
     */
    public static void run(Class<?> target, String method, Consumer<byte[]> property, int iterations) {
        List<byte[]> corpus = corpus(target, method);
        if (corpus.isEmpty()) {
            throw new AssertionError("no corpus for " + target.getSimpleName() + "." + method);
        }
        long seed = Long.getLong("gannet.fuzz.seed", 0x6A77E7L);
        Random random = new Random(seed);
        for (byte[] input : corpus) {
            check(property, input, target, seed, -1);
        }
        for (int i = 0; i < iterations; i++) {
            byte[] input = mutate(random, corpus.get(random.nextInt(corpus.size())), corpus);
            check(property, input, target, seed, i);
        }
    }

    private static void check(Consumer<byte[]> property, byte[] input, Class<?> target, long seed, int iteration) {
        try {
            property.accept(input);
        } catch (Throwable t) {
            throw new AssertionError(target.getSimpleName() + " failed at seed " + seed + ", iteration " + iteration
                    + " on input " + FuzzInput.hex(input) + ": " + t, t);
        }
    }

    static byte[] mutate(Random r, byte[] base, List<byte[]> corpus) {
        byte[] b = base.clone();
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds; k++) {
            switch (r.nextInt(6)) {
                case 0: // flip bits in one byte
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                    break;
                case 1: // an interesting value
                    if (b.length > 0) {
                        byte[] values = {0, 1, 2, 4, 6, 0x7F, (byte) 0x80, (byte) 0xFF};
                        b[r.nextInt(b.length)] = values[r.nextInt(values.length)];
                    }
                    break;
                case 2: // insert random bytes
                    b = splice(b, r.nextInt(b.length + 1), randomBytes(r, 1 + r.nextInt(8)), 0);
                    break;
                case 3: // delete a range
                    if (b.length > 0) {
                        int from = r.nextInt(b.length);
                        int to = Math.min(b.length, from + 1 + r.nextInt(8));
                        b = splice(b, from, new byte[0], to - from);
                    }
                    break;
                case 4: // splice in part of another seed
                    byte[] other = corpus.get(r.nextInt(corpus.size()));
                    if (other.length > 0) {
                        int from = r.nextInt(other.length);
                        byte[] part = Arrays.copyOfRange(other, from, from + 1 + r.nextInt(other.length - from));
                        b = splice(b, r.nextInt(b.length + 1), part, 0);
                    }
                    break;
                default: // truncate
                    if (b.length > 0) {
                        b = Arrays.copyOf(b, r.nextInt(b.length));
                    }
                    break;
            }
        }
        return b.length > MAX_LENGTH ? Arrays.copyOf(b, MAX_LENGTH) : b;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert, int remove) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** The files of Jazzer's regression directory for one fuzz test: {@code <Class>Inputs/<method>/}. */
    static List<byte[]> corpus(Class<?> target, String method) {
        URL dir = target.getResource(target.getSimpleName() + "Inputs/" + method);
        if (dir == null) {
            return List.of();
        }
        List<byte[]> inputs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                inputs.add(Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return inputs;
    }
}
