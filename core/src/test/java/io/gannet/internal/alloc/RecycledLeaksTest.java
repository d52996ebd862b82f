package io.gannet.internal.alloc;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;
import org.junit.jupiter.api.Test;

/** Recycled buffers: every one tracked at PARANOID, a sample at ADVANCED (as Netty samples), none below. */
class RecycledLeaksTest {
    @Test
    void tracksEveryBufferAtParanoidASampleAtAdvancedAndNoneBelow() {
        ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
        ByteBuf buf = Unpooled.directBuffer(8);
        try {
            for (ResourceLeakDetector.Level level : ResourceLeakDetector.Level.values()) {
                ResourceLeakDetector.setLevel(level);
                ResourceLeakTracker<ByteBuf> leak = RecycledLeaks.track(buf);
                if (level == ResourceLeakDetector.Level.ADVANCED) {
                    RecycledLeaks.close(leak, buf); // sampled: a tracker or none
                } else if (level == ResourceLeakDetector.Level.PARANOID) {
                    assertNotNull(leak, level.name());
                    RecycledLeaks.record(leak, "hint");
                    RecycledLeaks.record(leak);
                    RecycledLeaks.close(leak, buf);
                } else {
                    assertNull(leak, level.name());
                    RecycledLeaks.record(null, "hint"); // a null tracker is "not tracked" everywhere
                    RecycledLeaks.record(null);
                    RecycledLeaks.close(null, buf);
                }
            }
        } finally {
            ResourceLeakDetector.setLevel(before);
            buf.release();
        }
    }
}
