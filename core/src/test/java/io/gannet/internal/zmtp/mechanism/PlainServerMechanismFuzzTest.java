package io.gannet.internal.zmtp.mechanism;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gannet.internal.fuzz.BoundedRun;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for the PLAIN server handshake: {@link MechanismFuzzHarness} with a
 * {@link PlainServerMechanism} behind {@link HonestClientAndZap}, which replays an honest
 * client's commands (damaged where the fuzzer says) and plays the ZAP handler.
 */
class PlainServerMechanismFuzzTest {
    private static final MechanismFuzzHarness.Factory SERVER = (config, asServer) -> HonestClientAndZap.plain(config);

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        MechanismFuzzHarness.check(SERVER, input);
    }

    @Test
    void boundedRun() {
        BoundedRun.run(PlainServerMechanismFuzzTest.class, "fuzz", input -> MechanismFuzzHarness.check(SERVER, input),
                BoundedRun.DEFAULT_ITERATIONS);
    }
}
