package io.gannet.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The memory layout of {@link SpscPipeQueue}: the writer's counters and the reader's counters
 * each on cache lines of their own. Both change on every message, from two different cores;
 * sharing a line (as two neighbouring {@code AtomicLong}s or two fields of one object do)
 * makes every write of one side evict the other's line, and performance then depends on
 * where the allocator happened to put the objects (inproc throughput varied 2.5× between
 * runs). The JVM lays out a superclass's fields before a subclass's, so a chain of classes
 * with {@code long} padding between them keeps the groups apart (the JCTools technique;
 * {@code @Contended} is not open to library code).
 */
final class SpscPipeQueueLayout {
    private SpscPipeQueueLayout() {
    }

    abstract static class PadBeforeWriter extends PipeQueue {
        long p00, p01, p02, p03, p04, p05, p06, p07;
        long p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;

        PadBeforeWriter(int hwm) {
            super(hwm);
        }
    }

    /** Written by the writer only (read by the reader: {@link #published}). */
    abstract static class WriterSide extends PadBeforeWriter {
        private static final VarHandle PUBLISHED;

        static {
            try {
                PUBLISHED = MethodHandles.lookup().findVarHandle(WriterSide.class, "published", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** Whole messages made visible to the reader. */
        private volatile long published;
        /** Whole messages written, published or not. */
        long written;
        /** The writer's last look at the reader's {@code consumed}. */
        long consumedSeen;

        WriterSide(int hwm) {
            super(hwm);
        }

        final long published() {
            return published;
        }

        /** A volatile store: the writer's half of the reader-asleep handshake follows it. */
        final void publishTo(long count) {
            PUBLISHED.setVolatile(this, count);
        }
    }

    abstract static class PadBetween extends WriterSide {
        long p10, p11, p12, p13, p14, p15, p16, p17;
        long p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

        PadBetween(int hwm) {
            super(hwm);
        }
    }

    /** Written by the reader only (read by the writer: {@link #consumed}). */
    abstract static class ReaderSide extends PadBetween {
        private static final VarHandle CONSUMED;

        static {
            try {
                CONSUMED = MethodHandles.lookup().findVarHandle(ReaderSide.class, "consumed", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** Whole messages read. */
        private volatile long consumed;
        /** Whole messages read (the reader's own copy of {@link #consumed}). */
        long read;
        /** The reader's last look at the writer's {@code published}. */
        long publishedSeen;
        /** {@link #read} at the last check for a blocked writer. */
        long lastCreditCheck;
        /** The last frame read had MORE: the reader is inside a message. */
        boolean midMessage;

        ReaderSide(int hwm) {
            super(hwm);
        }

        final long consumed() {
            return consumed;
        }

        /** A release store: the writer only needs to see it eventually (or after a fence). */
        final void consumedLazily(long count) {
            CONSUMED.setRelease(this, count);
        }
    }

    abstract static class PadAfterReader extends ReaderSide {
        long p20, p21, p22, p23, p24, p25, p26, p27;
        long p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;

        PadAfterReader(int hwm) {
            super(hwm);
        }
    }
}
