package io.gannet.internal.alloc;

import io.netty.buffer.ByteBuf;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;

/**
 * Leak tracking for buffers that Gannet recycles itself ({@link MessageBuffer}, the ZMTP
 * decoder's large bodies), from the moment a buffer is handed out to its last release, so a
 * forgotten release is reported like one of a Netty buffer: at Netty's {@code PARANOID} level
 * every buffer, at {@code ADVANCED} a sample (Netty's own sampling); at lower levels none (a
 * sampled track would cost a stack trace now and then on the hot path). A null tracker means
 * "not tracked" to every method here.
 */
public final class RecycledLeaks {
    private static final ResourceLeakDetector<ByteBuf> LEAKS =
            ResourceLeakDetectorFactory.instance().newResourceLeakDetector(ByteBuf.class);

    private RecycledLeaks() {
    }

    /** A tracker for {@code buf}, just handed out, or null when it is not tracked. */
    public static ResourceLeakTracker<ByteBuf> track(ByteBuf buf) {
        return ResourceLeakDetector.getLevel().ordinal() >= ResourceLeakDetector.Level.ADVANCED.ordinal()
                ? LEAKS.track(buf) : null;
    }

    /** Records an access ({@link ByteBuf#touch(Object)}). */
    public static void record(ResourceLeakTracker<ByteBuf> leak, Object hint) {
        if (leak != null) {
            leak.record(hint);
        }
    }

    /** Records an access ({@link ByteBuf#touch()}). */
    public static void record(ResourceLeakTracker<ByteBuf> leak) {
        if (leak != null) {
            leak.record();
        }
    }

    /** Closes the record of {@code buf}, whose last reference was released. */
    public static void close(ResourceLeakTracker<ByteBuf> leak, ByteBuf buf) {
        if (leak != null) {
            leak.close(buf);
        }
    }
}
