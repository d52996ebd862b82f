package io.gannet.internal.zmtp.mechanism;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gannet.internal.fuzz.BoundedRun;
import org.junit.jupiter.api.Test;
import io.gannet.SocketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Assertions;

/**
 * Fuzz target for the CURVE server handshake: {@link MechanismFuzzHarness} with a
 * {@link CurveServerMechanism} behind {@link HonestClientAndZap}, which replays an honest
 * client's commands (damaged where the fuzzer says) and plays the ZAP handler.
 */
class CurveServerMechanismFuzzTest {
    private static final MechanismFuzzHarness.Factory SERVER = (config, asServer) -> HonestClientAndZap.curve(config);

    /** Each input costs several X25519 operations on both sides, run twice. */
    private static final int ITERATIONS = 100;
    /**
     * Both sides' X25519 agreements (BigInteger arithmetic) and boxes of a whole handshake
     * allocate about 0.6 MB whatever the input; a believed claimed size would still show.
     */
    private static final long CRYPTO_COST = 1 << 20;

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        MechanismFuzzHarness.check(SERVER, input, CRYPTO_COST);
    }

    /** The honest client and the played ZAP handler get the fuzzer through: this seed ends READY. */
    @Test
    void theHonestSeedReachesReady() throws Exception {
        byte[] seed;
        try (var in = CurveServerMechanismFuzzTest.class.getResourceAsStream(
                "CurveServerMechanismFuzzTestInputs/fuzz/honest-hello-initiate-zap-200")) {
            seed = in.readAllBytes();
        }
        Mechanism m = HonestClientAndZap.curve(HandshakeConfig.of(SocketType.REP));
        UnpooledByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;
        int pos = 2;
        while (pos < seed.length) {
            int length = seed[pos] & 0xFF;
            m.processCommand(Unpooled.wrappedBuffer(seed, pos + 1, length));
            pos += 1 + length;
            for (ByteBuf c = m.nextCommand(alloc); c != null; c = m.nextCommand(alloc)) {
                c.release();
            }
        }
        Assertions.assertEquals(Mechanism.Status.READY, m.status(), String.valueOf(m.error()));
    }

    @Test
    void boundedRun() {
        BoundedRun.run(CurveServerMechanismFuzzTest.class, "fuzz", input -> MechanismFuzzHarness.check(SERVER, input, CRYPTO_COST),
                ITERATIONS);
    }
}
