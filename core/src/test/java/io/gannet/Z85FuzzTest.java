package io.gannet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gannet.internal.fuzz.BoundedRun;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for {@link Z85}, the encoding of CURVE keys in options and certificate files:
 * the input is decoded as text (ISO-8859-1, so every byte is one character) and encoded as
 * bytes.
 *
 * <p>Properties: decoding refuses with an {@link IllegalArgumentException} and a message, or
 * returns 4 bytes per 5 characters that encode back to the same text; encoding refuses a
 * length that is not a multiple of 4, or gives text that decodes back to the same bytes.
 */
class Z85FuzzTest {

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        check(input);
    }

    @Test
    void boundedRun() {
        BoundedRun.run(Z85FuzzTest.class, "fuzz", Z85FuzzTest::check, BoundedRun.DEFAULT_ITERATIONS);
    }

    static void check(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        try {
            byte[] decoded = Z85.decode(text);
            assertEquals(text.length() / 5 * 4, decoded.length);
            assertEquals(text, Z85.encode(decoded));
        } catch (IllegalArgumentException refused) {
            assertFalse(refused.getMessage() == null || refused.getMessage().isEmpty());
        }
        try {
            String encoded = Z85.encode(input);
            assertEquals(input.length / 4 * 5, encoded.length());
            assertArrayEquals(input, Z85.decode(encoded));
        } catch (IllegalArgumentException refused) {
            assertFalse(input.length % 4 == 0, "refused a length that is a multiple of 4: " + refused.getMessage());
        }
    }
}
