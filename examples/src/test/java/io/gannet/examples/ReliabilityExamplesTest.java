package io.gannet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class ReliabilityExamplesTest {
    private static int count(String out, String what) {
        return out.split(Pattern.quote(what), -1).length - 1;
    }

    @Test
    void lazyPirateGetsEveryReplyThenGivesUp() {
        String out = ExampleRun.output(LazyPirate::main, ExampleRun.inproc("lazy"), "6");
        for (int i = 1; i <= 6; i++) {
            assertTrue(out.contains("client: reply to request " + i + "\n"), out);
        }
        Matcher m = Pattern.compile("client: 6 replies, (\\d+) resends on a fresh socket").matcher(out);
        assertTrue(m.find(), out);
        int dropped = count(out, "server: dropping");
        // Each dropped request was resent; on a very slow machine a slow reply may be resent too.
        assertTrue(dropped >= 1 && Integer.parseInt(m.group(1)) >= dropped, out);
        assertTrue(out.contains("client: giving up: no reply from") && out.contains("after 3 attempts"), out);
    }

    @Test
    void simplePirateServesEveryRequestThroughTheQueue() {
        String out = ExampleRun.output(SimplePirate::main, ExampleRun.inproc("sp-front"), ExampleRun.inproc("sp-back"));
        for (int i = 1; i <= 8; i++) {
            assertTrue(out.contains("client: HELLO " + i), out);
        }
        Matcher m = Pattern.compile("8 replies; workers handled (\\d+) requests, (\\d+) resent").matcher(out);
        assertTrue(m.find(), out);
        int handled = Integer.parseInt(m.group(1));
        int resent = Integer.parseInt(m.group(2));
        assertTrue(handled >= 8 && handled <= 8 + resent, "at least once, at most once more per resend: " + out);
    }

    @Test
    void paranoidPirateRecoversFromARestartedQueue() {
        String out = ExampleRun.output(ParanoidPirate::main, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
        assertTrue(out.contains("client: before the restart"), out);
        assertTrue(out.contains("worker: queue silent for 300 ms, reconnecting"), out);
        assertTrue(out.contains("client: after the restart"), out);
    }

    @Test
    void majordomoRoutesByServiceAndAnswersMmi() {
        String out = ExampleRun.output(Majordomo::main, ExampleRun.inproc("mdp"));
        assertTrue(out.contains("echo: hello"), out);
        assertTrue(out.contains("reverse: olleh"), out);
        assertTrue(out.contains("mmi.service echo: 200"), out);
        assertTrue(out.contains("mmi.service reverse: 200"), out);
        assertTrue(out.contains("mmi.service weather: 404"), out);
    }

    @Test
    void freelanceSpreadsRequestsAndCarriesOnWithoutAStoppedServer() {
        String out = ExampleRun.output(Freelance::main, "tcp://127.0.0.1:");
        assertEquals(12, count(out, "client: server-"), out);
        String after = out.substring(out.indexOf("server-3 stopped"));
        assertFalse(after.contains("server-3 answers"), out);
        assertTrue(out.contains("server-1 answers") && out.contains("server-2 answers"), out);
    }
}
