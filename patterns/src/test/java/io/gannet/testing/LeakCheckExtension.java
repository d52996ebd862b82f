package io.gannet.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaked a {@link ByteBuf}. Netty's leak detector (paranoid in tests,
 * set by the parent pom) only logs; this extension, registered for every test class through
 * JUnit's extension auto-detection, records what it reports and, after each class, collects
 * garbage and nudges the detector so that leaks of that class surface there.
 */
public final class LeakCheckExtension implements AfterAllCallback {
    private static final List<String> LEAKS = new ArrayList<>();

    static {
        // Must run before Netty's buffer classes create their detectors (at class load).
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                       long maxActive) {
                return new Recording<>(resource, samplingInterval);
            }
        });
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20);
            // The detector looks at collected buffers when new ones are tracked.
            for (int i = 0; i < 100; i++) {
                PooledByteBufAllocator.DEFAULT.buffer(8).release();
            }
        }
        List<String> found;
        synchronized (LEAKS) {
            found = new ArrayList<>(LEAKS);
            LEAKS.clear();
        }
        if (!found.isEmpty()) {
            fail(found.size() + " ByteBuf leak(s) in " + context.getDisplayName() + ":\n" + String.join("\n", found));
        }
    }

    private static final class Recording<T> extends ResourceLeakDetector<T> {
        Recording(Class<?> type, int samplingInterval) {
            super(type, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record(resourceType + shorten(records));
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record(resourceType + " (untraced)");
        }

        /** The access records without the test framework's frames below the test. */
        private static String shorten(String records) {
            StringBuilder sb = new StringBuilder();
            for (String line : records.split("\n")) {
                String t = line.trim();
                if (t.startsWith("org.junit") || t.startsWith("java.base/") || t.startsWith("org.apache.maven")) {
                    continue;
                }
                sb.append(line).append('\n');
            }
            return sb.toString();
        }

        private static void record(String leak) {
            synchronized (LEAKS) {
                LEAKS.add(leak);
            }
        }
    }
}
