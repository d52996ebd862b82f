package io.gannet.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The reusable per-connection box against {@link CryptoBox} (itself checked against NaCl's
 * vectors): the same bytes both ways, over many boxes on one instance, and X25519 keys as
 * NaCl makes them.
 */
class BoxSessionTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ALICE_SK = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PK = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_PK = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");

    private static byte[] nonce(int i) {
        byte[] n = new byte[CryptoBox.NONCE_LENGTH];
        n[23] = (byte) i;
        n[0] = 7;
        return n;
    }

    @Test
    void boxesSealedOnOneSessionAreCryptoBoxesAndOpenBack() {
        byte[] key = CryptoBox.beforenm(BOB_PK, ALICE_SK);
        BoxSession session = new BoxSession(key.clone());
        for (int i = 0; i < 40; i++) {
            byte[] plain = new byte[1 + i * 37];
            Arrays.fill(plain, (byte) i);
            plain[0] = (byte) (i & 3);
            byte[] sealed = new byte[3 + CryptoBox.TAG_LENGTH + plain.length];
            session.seal(nonce(i), plain[0], plain, 1, plain.length - 1, sealed, 3);
            byte[] box = Arrays.copyOfRange(sealed, 3, sealed.length);
            assertArrayEquals(CryptoBox.seal(key, nonce(i), plain), box, "box " + i);

            byte[] opened = new byte[plain.length + 2];
            assertTrue(session.open(nonce(i), sealed, 3, box.length, opened, 2));
            assertArrayEquals(plain, Arrays.copyOfRange(opened, 2, opened.length));
        }
    }

    @Test
    void aChangedByteOrAnotherNonceDoesNotOpenAndWritesNothing() {
        byte[] key = CryptoBox.beforenm(BOB_PK, ALICE_SK);
        BoxSession session = new BoxSession(key.clone());
        byte[] box = CryptoBox.seal(key, nonce(1), "hello".getBytes());
        byte[] out = new byte[5];
        assertFalse(session.open(nonce(2), box, 0, box.length, out, 0));
        for (int i = 0; i < box.length; i++) {
            byte[] bad = box.clone();
            bad[i] ^= 1;
            assertFalse(session.open(nonce(1), bad, 0, bad.length, out, 0), "byte " + i);
        }
        assertArrayEquals(new byte[5], out);
        assertFalse(session.open(nonce(1), box, 0, CryptoBox.TAG_LENGTH - 1, out, 0));
        assertTrue(session.open(nonce(1), box, 0, box.length, out, 0));
        assertArrayEquals("hello".getBytes(), out);
    }

    @Test
    void wipeOverwritesTheKey() {
        byte[] key = CryptoBox.beforenm(BOB_PK, ALICE_SK);
        new BoxSession(key).wipe();
        assertArrayEquals(new byte[32], key);
    }

    @Test
    void x25519PublicKeyMatchesRfc7748AndLowOrderPointsAreRefused() {
        assertArrayEquals(ALICE_PK, X25519.publicKey(ALICE_SK));
        assertNotNull(X25519.sharedSecret(ALICE_SK, BOB_PK));
        assertThrows(IllegalArgumentException.class, () -> X25519.sharedSecret(ALICE_SK, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> X25519.sharedSecret(ALICE_SK, new byte[31]));
    }
}
