package io.gannet.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-direction in-place box (BouncyCastle's Salsa20 core and Poly1305, our composition)
 * against NaCl's published box vector and {@link CryptoBox} (BouncyCastle's XSalsa20Engine
 * and Poly1305) for every length up to several blocks and a large one, in heap and direct
 * memory: the same bytes both ways.
 */
class BoxSessionTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ALICE_SK = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PK = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_PK = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final byte[] PREFIX = "CurveZMQMESSAGEC".getBytes(StandardCharsets.US_ASCII);

    /** The 24-byte nonce a session with {@link #PREFIX} uses for short nonce {@code n}. */
    private static byte[] nonce(long n) {
        byte[] full = Arrays.copyOf(PREFIX, CryptoBox.NONCE_LENGTH);
        ByteBuffer.wrap(full, 16, 8).putLong(n);
        return full;
    }

    /** Seals {@code plain} with the session into a buffer of {@code kind}, returns the box bytes. */
    private static byte[] seal(BoxSession session, long n, byte[] plain, boolean direct) {
        int at = 5;
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(at + 16 + plain.length + 3) : ByteBuffer.allocate(at + 16 + plain.length + 3);
        buf.put(at + 16, plain);
        session.seal(n, buf, at, plain.length);
        byte[] box = new byte[16 + plain.length];
        buf.get(at, box);
        return box;
    }

    @Test
    void sealMatchesNaclBoxVector() {
        byte[] naclNonce = HEX.parseHex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
        byte[] message = HEX.parseHex(
                "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
                + "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31"
                + "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
                + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f93776384864"
                + "5e0705");
        byte[] box = HEX.parseHex(
                "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce"
                + "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972"
                + "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae"
                + "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b3"
                + "7973f622a43d14a6599b1f654cb45a74e355a5");
        byte[] key = CryptoBox.beforenm(BOB_PK, ALICE_SK);
        BoxSession session = new BoxSession(key, Arrays.copyOf(naclNonce, 16));
        long counter = ByteBuffer.wrap(naclNonce, 16, 8).getLong();
        assertArrayEquals(box, seal(session, counter, message, false));
        assertArrayEquals(box, seal(session, counter, message, true));
        ByteBuffer opened = ByteBuffer.wrap(box.clone());
        assertTrue(session.open(counter, opened, 0, box.length));
        assertArrayEquals(message, Arrays.copyOfRange(opened.array(), 16, box.length));
    }

    @Test
    void aSliceOfAHeapArrayIsSealedAndOpenedAtItsOwnOffset() {
        byte[] key = CryptoBox.beforenm(BOB_PK, ALICE_SK);
        BoxSession session = new BoxSession(key, PREFIX);
        byte[] plain = new byte[300];
        new Random(7).nextBytes(plain);
        byte[] backing = new byte[11 + 16 + plain.length];
        ByteBuffer slice = ByteBuffer.wrap(backing, 11, 16 + plain.length).slice(); // arrayOffset 11
        slice.put(16, plain);
        session.seal(9, slice, 0, plain.length);
        assertArrayEquals(CryptoBox.seal(key, nonce(9), plain), Arrays.copyOfRange(backing, 11, backing.length));
        assertTrue(session.open(9, slice, 0, 16 + plain.length));
        assertArrayEquals(plain, Arrays.copyOfRange(backing, 27, backing.length));
    }

    @Test
    void everyLengthMatchesBouncyCastleBothWaysInHeapAndDirectMemory() {
        byte[] key = CryptoBox.beforenm(BOB_PK, ALICE_SK);
        BoxSession session = new BoxSession(key, PREFIX);
        Random random = new Random(42);
        int[] lengths = new int[300];
        for (int i = 0; i < 290; i++) {
            lengths[i] = i;
        }
        int[] large = {1000, 4095, 4096, 65536, 65537, 100_003, 1 << 20, 1 << 20 | 7, 511, 513};
        System.arraycopy(large, 0, lengths, 290, large.length);
        long n = 1;
        for (int length : lengths) {
            byte[] plain = new byte[length];
            random.nextBytes(plain);
            n += 1 + random.nextInt(1000);
            byte[] expected = CryptoBox.seal(key, nonce(n), plain);
            boolean direct = (length & 1) == 0;
            assertArrayEquals(expected, seal(session, n, plain, direct), "seal, length " + length);

            ByteBuffer buf = direct ? ByteBuffer.allocateDirect(expected.length + 9) : ByteBuffer.allocate(expected.length + 9);
            buf.put(9, expected);
            assertTrue(session.open(n, buf, 9, expected.length), "open, length " + length);
            byte[] opened = new byte[length];
            buf.get(9 + 16, opened);
            assertArrayEquals(plain, opened, "open, length " + length);
        }
    }

    @Test
    void aChangedByteOrAnotherNonceDoesNotOpenAndChangesNothing() {
        byte[] key = CryptoBox.beforenm(BOB_PK, ALICE_SK);
        BoxSession session = new BoxSession(key, PREFIX);
        byte[] box = CryptoBox.seal(key, nonce(1), "hello, a box of more than one block: ".repeat(3).getBytes(StandardCharsets.US_ASCII));
        assertFalse(session.open(2, ByteBuffer.wrap(box.clone()), 0, box.length));
        for (int i = 0; i < box.length; i++) {
            byte[] bad = box.clone();
            bad[i] ^= 1;
            byte[] before = bad.clone();
            assertFalse(session.open(1, ByteBuffer.wrap(bad), 0, bad.length), "byte " + i);
            assertArrayEquals(before, bad, "unchanged after a refusal, byte " + i);
        }
        assertFalse(session.open(1, ByteBuffer.wrap(box.clone()), 0, CryptoBox.TAG_LENGTH - 1));
        BoxSession otherPrefix = new BoxSession(key, "CurveZMQMESSAGES".getBytes(StandardCharsets.US_ASCII));
        assertFalse(otherPrefix.open(1, ByteBuffer.wrap(box.clone()), 0, box.length));
        assertTrue(session.open(1, ByteBuffer.wrap(box), 0, box.length));
    }

    @Test
    void aLittleEndianBufferIsSealedTheSameAndKeepsItsOrder() {
        byte[] key = CryptoBox.beforenm(BOB_PK, ALICE_SK);
        BoxSession session = new BoxSession(key, PREFIX);
        byte[] plain = new byte[77];
        Arrays.fill(plain, (byte) 3);
        ByteBuffer buf = ByteBuffer.allocate(16 + plain.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(16, plain);
        session.seal(5, buf, 0, plain.length);
        assertEquals(ByteOrder.LITTLE_ENDIAN, buf.order());
        assertArrayEquals(CryptoBox.seal(key, nonce(5), plain), buf.array());
    }

    @Test
    void wipeMakesTheSessionUseless() {
        byte[] key = CryptoBox.beforenm(BOB_PK, ALICE_SK);
        BoxSession session = new BoxSession(key, PREFIX);
        byte[] box = CryptoBox.seal(key, nonce(1), new byte[40]);
        session.wipe();
        assertFalse(session.open(1, ByteBuffer.wrap(box), 0, box.length));
    }

    @Test
    void x25519PublicKeyMatchesRfc7748AndLowOrderPointsAreRefused() {
        assertArrayEquals(ALICE_PK, X25519.publicKey(ALICE_SK));
        assertNotNull(X25519.sharedSecret(ALICE_SK, BOB_PK));
        assertThrows(IllegalArgumentException.class, () -> X25519.sharedSecret(ALICE_SK, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> X25519.sharedSecret(ALICE_SK, new byte[31]));
    }
}
