package io.gannet.internal.zmtp.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gannet.internal.fuzz.BoundedRun;
import io.gannet.SocketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for the CURVE client handshake: {@link MechanismFuzzHarness} with a
 * {@link CurveClientMechanism} behind {@link SealingCurveServer}, which seals peer commands
 * starting with 0xFF so the fuzzer reaches the WELCOME and READY parsers inside the boxes;
 * other commands arrive raw (bad sizes, bad boxes, ERROR, unexpected names).
 */
class CurveClientMechanismFuzzTest {
    private static final MechanismFuzzHarness.Factory CURVE = (config, asServer) -> new SealingCurveServer(config);

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        MechanismFuzzHarness.check(CURVE, input);
    }

    /** Each input costs a few X25519 operations, run twice (the heap is measured on the second). */
    private static final int ITERATIONS = 300;

    @Test
    void boundedRun() {
        BoundedRun.run(CurveClientMechanismFuzzTest.class, "fuzz", input -> MechanismFuzzHarness.check(CURVE, input),
                ITERATIONS);
    }

    /** The sealing server is what lets the fuzzer past the boxes: its seed ends in a READY handshake. */
    @Test
    void theSealedSeedReachesReady() throws Exception {
        byte[] seed;
        try (var in = CurveClientMechanismFuzzTest.class.getResourceAsStream(
                "CurveClientMechanismFuzzTestInputs/fuzz/sealed-welcome-then-ready")) {
            seed = in.readAllBytes();
        }
        Mechanism m = new SealingCurveServer(HandshakeConfig.of(SocketType.REQ));
        UnpooledByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;
        m.nextCommand(alloc).release(); // HELLO
        int pos = 2;
        while (pos < seed.length) {
            int length = seed[pos] & 0xFF;
            ByteBuf command = Unpooled.wrappedBuffer(seed, pos + 1, length);
            pos += 1 + length;
            m.processCommand(command);
            for (ByteBuf c = m.nextCommand(alloc); c != null; c = m.nextCommand(alloc)) {
                c.release();
            }
        }
        assertEquals(Mechanism.Status.READY, m.status(), String.valueOf(m.error()));
        assertEquals(SocketType.REP, m.peerSocketType());
    }
}
