package io.gannet.internal.crypto;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** crypto_box against the test vectors published with NaCl (tests/box.c, core1.c). */
class CryptoBoxTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ALICE_SK = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] BOB_PK = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final byte[] BOB_SK = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final byte[] ALICE_PK = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] NONCE = HEX.parseHex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    private static final byte[] MESSAGE = HEX.parseHex(
            "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
            + "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31"
            + "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
            + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f93776384864"
            + "5e0705");
    private static final byte[] BOX = HEX.parseHex(
            "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce"
            + "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972"
            + "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae"
            + "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b3"
            + "7973f622a43d14a6599b1f654cb45a74e355a5");

    @Test
    void hsalsa20MatchesNaclCore1() {
        byte[] shared = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertArrayEquals(HEX.parseHex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389"),
                CryptoBox.hsalsa20(shared, new byte[16]));
    }

    @Test
    void sealMatchesNaclBox() {
        byte[] key = CryptoBox.beforenm(BOB_PK, ALICE_SK);
        assertArrayEquals(BOX, CryptoBox.seal(key, NONCE, MESSAGE));
    }

    @Test
    void openMatchesNaclBoxOpenFromTheOtherSide() {
        byte[] key = CryptoBox.beforenm(ALICE_PK, BOB_SK);
        assertArrayEquals(MESSAGE, CryptoBox.open(key, NONCE, BOX));
    }

    @Test
    void anyChangedByteFailsToOpen() {
        byte[] key = CryptoBox.beforenm(ALICE_PK, BOB_SK);
        for (int i = 0; i < BOX.length; i += 7) {
            byte[] bad = BOX.clone();
            bad[i] ^= 0x01;
            assertNull(CryptoBox.open(key, NONCE, bad), "byte " + i);
        }
        byte[] otherNonce = NONCE.clone();
        otherNonce[23] ^= 1;
        assertNull(CryptoBox.open(key, otherNonce, BOX));
        assertNull(CryptoBox.open(key, NONCE, new byte[15]));
    }

    @Test
    void emptyMessagesRoundTrip() {
        byte[] key = CryptoBox.beforenm(BOB_PK, ALICE_SK);
        byte[] box = CryptoBox.seal(key, NONCE, new byte[0]);
        assertArrayEquals(new byte[0], CryptoBox.open(CryptoBox.beforenm(ALICE_PK, BOB_SK), NONCE, box));
    }
}
