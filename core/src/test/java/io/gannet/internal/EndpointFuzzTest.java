package io.gannet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.internal.fuzz.BoundedRun;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for endpoint parsing ({@link Endpoint#parse}), fed the input as UTF-8 text.
 *
 * <p>Properties: the only exception is a {@link GannetException} with {@code EINVAL} and a
 * message; what parses has a non-empty scheme and address, prints back as the same string,
 * and parses again to an equal endpoint.
 */
class EndpointFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        check(input);
    }

    @Test
    void boundedRun() {
        BoundedRun.run(EndpointFuzzTest.class, "fuzz", EndpointFuzzTest::check, BoundedRun.DEFAULT_ITERATIONS);
    }

    static void check(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Endpoint e;
        try {
            e = Endpoint.parse(text);
        } catch (GannetException refused) {
            assertEquals(ErrorCode.EINVAL, refused.code());
            assertFalse(refused.getMessage() == null || refused.getMessage().isEmpty());
            return;
        }
        assertFalse(e.scheme().isEmpty() || e.address().isEmpty(), e.toString());
        assertEquals(text, e.toString());
        assertEquals(e, Endpoint.parse(e.toString()));
    }
}
