package io.gannet;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurveKeyPairTest {

    /** Pairs made by pyzmq 25 on libzmq 4.3.4: zmq.curve_keypair() (public, secret). */
    private static final String[][] PYZMQ_PAIRS = {
            {"0CW{oVL50[dmPz}qW1Ub8J]lW2HCnRb{&>Rwwyh{", "n$U$7orp$l[gMSH*}L0[mb87b?j.bgGxKpgD:Wn]"},
            {"B4iyabv5BTxwN^)vJLvE?kD3CZJ[1]v#M!boEvD3", "&If:#9LbEFJu@>nQh.Y-xF?YIxO{]qj}asyeRmWt"},
            {"DuJnYglG%>&0:{pgVeauhwqK1R>y^-8q]U%If)AC", "a8Bcn78E71C%XW.O>KS6O#u*lva)(BUauhQtyH25"},
            // the well-known test keys of libzmq's test_security_curve (server, client)
            {"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7", "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"},
            {"Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID", "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs"},
    };

    @Test
    void derivesThePublicKeyLibzmqDerives() {
        for (String[] pair : PYZMQ_PAIRS) {
            CurveKeyPair keys = CurveKeyPair.fromSecretKey(pair[1]);
            assertEquals(pair[0], keys.publicKeyZ85());
            assertEquals(pair[1], keys.secretKeyZ85());
            assertArrayEquals(Z85.decode(pair[0]), CurveKeyPair.publicKeyOf(Z85.decode(pair[1])));
        }
    }

    @Test
    void generatedPairsAreConsistentAndDistinct() {
        CurveKeyPair a = CurveKeyPair.generate();
        CurveKeyPair b = CurveKeyPair.generate();
        assertArrayEquals(a.publicKey(), CurveKeyPair.publicKeyOf(a.secretKey()));
        assertEquals(40, a.publicKeyZ85().length());
        assertEquals(40, a.secretKeyZ85().length());
        assertNotEquals(a.publicKeyZ85(), b.publicKeyZ85());
    }

    @Test
    void destroyOverwritesTheSecretButKeepsThePublicKey() {
        CurveKeyPair keys = CurveKeyPair.generate();
        String pub = keys.publicKeyZ85();
        keys.destroy();
        assertTrue(keys.isDestroyed());
        assertEquals(pub, keys.publicKeyZ85());
        assertThrows(IllegalStateException.class, keys::secretKey);
        assertThrows(IllegalStateException.class, keys::secretKeyZ85);
    }

    @Test
    void secretKeyIsCopiedInAndOut() {
        byte[] secret = Z85.decode(PYZMQ_PAIRS[0][1]);
        CurveKeyPair keys = CurveKeyPair.fromSecretKey(secret);
        secret[0] ^= 1;
        keys.secretKey()[0] ^= 1;
        assertEquals(PYZMQ_PAIRS[0][1], keys.secretKeyZ85());
    }

    @Test
    void rawKeyAcceptsBytesOrZ85() {
        byte[] raw = Z85.decode(PYZMQ_PAIRS[3][0]);
        assertArrayEquals(raw, CurveKeyPair.toRawKey(raw));
        assertArrayEquals(raw, CurveKeyPair.toRawKey(PYZMQ_PAIRS[3][0].getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IllegalArgumentException.class, () -> CurveKeyPair.toRawKey(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> CurveKeyPair.toRawKey(new byte[40]));
        assertThrows(IllegalArgumentException.class, () -> CurveKeyPair.decodeKey("short"));
        assertThrows(IllegalArgumentException.class, () -> CurveKeyPair.fromSecretKey(new byte[16]));
    }

    @Test
    void keysEqualComparesContent() {
        byte[] a = Z85.decode(PYZMQ_PAIRS[0][0]);
        assertTrue(CurveKeyPair.keysEqual(a, a.clone()));
        byte[] b = a.clone();
        b[31] ^= 1;
        assertFalse(CurveKeyPair.keysEqual(a, b));
        assertFalse(CurveKeyPair.keysEqual(a, null));
    }

    @Test
    void toStringShowsNoSecret() {
        CurveKeyPair keys = CurveKeyPair.fromSecretKey(PYZMQ_PAIRS[3][1]);
        assertFalse(keys.toString().contains(PYZMQ_PAIRS[3][1]));
        assertTrue(keys.toString().contains(PYZMQ_PAIRS[3][0]));
    }
}
