package io.gannet.internal.zmtp.mechanism;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gannet.internal.fuzz.BoundedRun;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for the PLAIN client handshake: {@link MechanismFuzzHarness} with
 * {@link PlainClientMechanism} (the as-server bit is ignored: a PLAIN client is always the client).
 */
class PlainClientMechanismFuzzTest {
    private static final MechanismFuzzHarness.Factory PLAIN = (config, asServer) -> new PlainClientMechanism(config,
            "admin".getBytes(StandardCharsets.UTF_8), "secret".getBytes(StandardCharsets.UTF_8));

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        MechanismFuzzHarness.check(PLAIN, input);
    }

    @Test
    void boundedRun() {
        BoundedRun.run(PlainClientMechanismFuzzTest.class, "fuzz", input -> MechanismFuzzHarness.check(PLAIN, input),
                BoundedRun.DEFAULT_ITERATIONS);
    }
}
