package io.gannet.transports.scale;

import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this process holds, as the scale tests, the connection-memory benchmark and the soak
 * report it: live heap (after garbage collection), direct memory (the JDK's count plus
 * Netty's own when it allocates without cleaners), resident set size, open file descriptors
 * and live threads. Linux only for RSS and descriptors ({@code /proc/self}).
 */
public record ProcessStats(long heapBytes, long directBytes, long rssBytes, long fds, int threads) {

    /** Collects garbage until the live heap stops shrinking, then takes every figure. */
    public static ProcessStats afterGc() {
        long heap = liveHeap();
        return new ProcessStats(heap, directMemory(), rss(), openFds(), liveThreads());
    }

    /** Takes every figure as it is now (no collection: cheap, for periodic reports). */
    public static ProcessStats now() {
        Runtime rt = Runtime.getRuntime();
        return new ProcessStats(rt.totalMemory() - rt.freeMemory(), directMemory(), rss(), openFds(),
                liveThreads());
    }

    /** Heap in use after full collections, repeated until it no longer drops by more than 1 %. */
    public static long liveHeap() {
        Runtime rt = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = rt.totalMemory() - rt.freeMemory();
            if (used > last - last / 100) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }

    /** Direct memory in use: NIO's direct buffer pool plus what Netty allocated without a cleaner. */
    public static long directMemory() {
        long total = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                total += pool.getMemoryUsed();
            }
        }
        long netty = PlatformDependent.usedDirectMemory();
        return total + Math.max(0, netty);
    }

    /** Resident set size from {@code /proc/self/status}, in bytes; -1 where there is none. */
    public static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Live threads of the whole JVM (every thread group, daemons included). */
    public static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Open file descriptors of this process ({@code /proc/self/fd}). */
    public static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/self/fd", e);
        }
    }

    /** The process's limit of open file descriptors ({@code ulimit -n}), or -1 if unknown. */
    public static long maxFds() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean) {
            return ((UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** Per-item share of the growth from {@code before} to this, in bytes: heap, direct, RSS. */
    public String perItem(ProcessStats before, int items) {
        return String.format("heap %.1f KB, direct %.1f KB, heap+direct %.1f KB, RSS %.1f KB",
                (heapBytes - before.heapBytes) / 1024.0 / items, (directBytes - before.directBytes) / 1024.0 / items,
                (heapBytes + directBytes - before.heapBytes - before.directBytes) / 1024.0 / items,
                (rssBytes - before.rssBytes) / 1024.0 / items);
    }

    @Override
    public String toString() {
        return String.format("heap %.1f MB, direct %.1f MB, RSS %.1f MB, fds %d, threads %d",
                heapBytes / 1048576.0, directBytes / 1048576.0, rssBytes / 1048576.0, fds, threads);
    }
}
