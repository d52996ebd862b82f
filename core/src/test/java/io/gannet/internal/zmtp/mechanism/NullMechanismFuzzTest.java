package io.gannet.internal.zmtp.mechanism;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gannet.internal.fuzz.BoundedRun;
import org.junit.jupiter.api.Test;

/** Fuzz target for the NULL handshake: {@link MechanismFuzzHarness} with {@link NullMechanism}. */
class NullMechanismFuzzTest {
    private static final MechanismFuzzHarness.Factory NULL = (config, asServer) -> new NullMechanism(config);

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        MechanismFuzzHarness.check(NULL, input);
    }

    @Test
    void boundedRun() {
        BoundedRun.run(NullMechanismFuzzTest.class, "fuzz", input -> MechanismFuzzHarness.check(NULL, input),
                BoundedRun.DEFAULT_ITERATIONS);
    }
}
