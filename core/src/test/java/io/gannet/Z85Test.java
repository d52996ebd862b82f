package io.gannet;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Z85Test {

    private static final byte[] RFC32_VECTOR = {
            (byte) 0x86, 0x4F, (byte) 0xD2, 0x6F, (byte) 0xB5, 0x59, (byte) 0xF7, 0x5B};

    @Test
    void encodesRfc32TestVector() {
        assertEquals("HelloWorld", Z85.encode(RFC32_VECTOR));
    }

    @Test
    void decodesRfc32TestVector() {
        assertArrayEquals(RFC32_VECTOR, Z85.decode("HelloWorld"));
    }

    @Test
    void emptyInputIsEmptyOutput() {
        assertEquals("", Z85.encode(new byte[0]));
        assertArrayEquals(new byte[0], Z85.decode(""));
    }

    @Test
    void extremesOfAGroupRoundTrip() {
        byte[] zeros = new byte[4];
        byte[] ones = {-1, -1, -1, -1};
        assertEquals("00000", Z85.encode(zeros));
        assertEquals("%nSc0", Z85.encode(ones));
        assertArrayEquals(ones, Z85.decode("%nSc0"));
    }

    @Test
    void randomDataRoundTrips() {
        Random r = new Random(42);
        for (int len = 0; len <= 256; len += 4) {
            byte[] data = new byte[len];
            r.nextBytes(data);
            String text = Z85.encode(data);
            assertEquals(len / 4 * 5, text.length());
            assertArrayEquals(data, Z85.decode(text));
        }
    }

    @Test
    void refusesInputOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> Z85.encode(new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hello1"));
    }

    @Test
    void refusesCharactersOutsideTheAlphabet() {
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hell~"));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hell\""));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hell\u00e9"));
    }

    @Test
    void refusesAGroupAbove32Bits() {
        // "%nSc0" is 2^32-1; "%nSc1" is 2^32
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("%nSc1"));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("#####"));
    }
}
