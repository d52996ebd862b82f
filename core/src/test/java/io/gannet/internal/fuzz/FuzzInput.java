package io.gannet.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Helpers shared by the fuzz targets: cutting one input into the pieces a decoder is fed
 * (to check that where reads end changes nothing), and a budget for the heap a target may
 * allocate, so that a size the peer merely claims cannot make us allocate it.
 */
public final class FuzzInput {
    /** Heap a target may allocate beyond {@link #HEAP_PER_INPUT_BYTE} per input byte. */
    public static final long HEAP_BASE = 256 * 1024;
    /** Heap a target may allocate per byte it was given (copies, strings, records). */
    public static final long HEAP_PER_INPUT_BYTE = 64;

    // Looked up reflectively: core's tests compile as its module, which does not read
    // java.management (they run on the class path, where it is visible).
    private static final Object THREADS;
    private static final Method ALLOCATED;

    static {
        try {
            THREADS = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FuzzInput() {
    }

    /**
     * Cuts {@code stream} into consecutive pieces chosen by {@code seed}: seed 0 cuts after
     * every byte, others cut at pseudo-random places (fewer as the low bits grow), so one
     * input byte lets the fuzzer explore where reads end.
     */
    public static List<byte[]> pieces(int seed, byte[] stream) {
        List<byte[]> out = new ArrayList<>();
        Random r = new Random(seed);
        int oneIn = (seed & 0x07) + 1;
        int start = 0;
        for (int i = 1; i < stream.length; i++) {
            if (r.nextInt(oneIn) == 0) {
                out.add(Arrays.copyOfRange(stream, start, i));
                start = i;
            }
        }
        out.add(Arrays.copyOfRange(stream, start, stream.length));
        return out;
    }

    /**
     * Heap bytes {@code action} allocates on this thread, measured on its second run: the first
     * loads and initialises classes (megabytes that say nothing about the input). The action
     * must do the same on every run.
     */
    public static long heapAllocatedBySecondRun(Runnable action) {
        action.run();
        long before = heapAllocated();
        action.run();
        return heapAllocated() - before;
    }

    /** Heap bytes this thread has allocated so far (HotSpot's per-thread counter). */
    public static long heapAllocated() {
        try {
            return (Long) ALLOCATED.invoke(THREADS);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails when {@code allocated} exceeds what {@code inputLength} bytes of input justify. */
    public static void assertHeapBudget(long allocated, int inputLength, String what) {
        assertHeapBudget(allocated, inputLength, 0, what);
    }

    /**
     * As {@link #assertHeapBudget(long, int, String)}, with {@code fixedCost} more bytes
     * allowed whatever the input (a handshake's key agreements, which do not depend on it).
     */
    public static void assertHeapBudget(long allocated, int inputLength, long fixedCost, String what) {
        long budget = HEAP_BASE + fixedCost + HEAP_PER_INPUT_BYTE * inputLength;
        assertTrue(allocated <= budget, what + " allocated " + allocated + " heap bytes for " + inputLength
                + " input bytes (budget " + budget + "): a claimed size was believed");
    }

    /** Lowercase hex, for failure messages and corpus files. */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
