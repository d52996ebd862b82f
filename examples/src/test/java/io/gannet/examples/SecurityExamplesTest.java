package io.gannet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecurityExamplesTest {
    @Test
    void curveAllowListAnswersAliceAndRefusesMallory() {
        String out = ExampleRun.output(CurveAllowList::main);
        assertTrue(out.contains("server received 'hello from alice' from "), out);
        assertTrue(out.contains("alice received: welcome, alice"), out);
        assertTrue(out.contains("mallory: HANDSHAKE_FAILED_AUTH 400"), out);
    }
}
