package io.gannet.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gannet.internal.fuzz.BoundedRun;
import io.gannet.internal.fuzz.FuzzInput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for metadata properties (RFC 37 READY body, also the metadata of PLAIN and
 * CURVE's final commands): the input is a READY command body, parsed by
 * {@link ReadyCommand#parse}.
 *
 * <p>Properties: only {@link ZmtpViolation} escapes; no allocation beyond what the input
 * justifies, whatever value lengths the properties claim (up to 2^32-1); what parses
 * re-encodes to metadata that parses back to the same properties; every buffer released.
 */
class MetadataFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        check(input);
    }

    @Test
    void boundedRun() {
        BoundedRun.run(MetadataFuzzTest.class, "fuzz", MetadataFuzzTest::check, BoundedRun.DEFAULT_ITERATIONS);
    }

    static void check(byte[] input) {
        UnpooledByteBufAllocator alloc = TestBuffers.allocator();
        ByteBuf body = alloc.heapBuffer(Math.max(1, input.length)).writeBytes(input);
        try {
            FuzzInput.assertHeapBudget(FuzzInput.heapAllocatedBySecondRun(() -> parseOrNull(body)), input.length,
                    "READY parse");
            Metadata parsed;
            try {
                parsed = ReadyCommand.parse(body);
            } catch (ZmtpViolation e) {
                assertNotNull(e.error());
                return;
            }
            ByteBuf again = ReadyCommand.encode(alloc, parsed);
            try {
                assertSame(parsed.toMap(), ReadyCommand.parse(again).toMap());
            } catch (ZmtpViolation e) {
                throw new AssertionError("our own encoding of " + parsed + " does not parse: " + e, e);
            } finally {
                again.release();
            }
        } finally {
            body.release();
            assertEquals(0, TestBuffers.used(alloc), "leaked");
        }
    }

    private static Metadata parseOrNull(ByteBuf body) {
        try {
            return ReadyCommand.parse(body);
        } catch (ZmtpViolation e) {
            return null;
        }
    }

    private static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()), e.getKey());
        }
    }
}
