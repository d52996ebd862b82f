package io.gannet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tool's behaviour that needs no network: help, usage errors and their exit codes. */
class GannetCliTest {
    @Test
    void noArgumentsPrintsUsageAndFails() {
        CliRun r = CliRun.of();
        assertEquals(ExitCode.USAGE, r.status(), r.toString());
        assertTrue(r.err().contains("usage: gannet COMMAND"), r.toString());
    }

    @Test
    void helpListsEveryCommand() {
        CliRun r = CliRun.of("--help");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        for (String c : new String[] {"demo", "send", "recv", "monitor", "perf"}) {
            assertTrue(r.out().contains("  " + c + " "), c + " missing\n" + r);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"demo", "send", "recv", "monitor", "perf"}) {
            CliRun r = CliRun.of(c, "--help");
            assertEquals(ExitCode.OK, r.status(), r.toString());
            assertTrue(r.out().startsWith("usage: gannet " + c), r.toString());
            assertEquals(r.out(), CliRun.of("help", c).out());
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun r = CliRun.of("sned");
        assertEquals(ExitCode.USAGE, r.status(), r.toString());
        assertTrue(r.err().contains("unknown command 'sned'"), r.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = CliRun.of("recv", "--bindd", "tcp://*:1");
        assertEquals(ExitCode.USAGE, r.status(), r.toString());
        assertTrue(r.err().startsWith("gannet recv: unknown option --bindd"), r.toString());
    }

    @Test
    void missingEndpointIsAUsageError() {
        assertEquals(ExitCode.USAGE, CliRun.of("recv", "--count", "1").status());
    }

    @Test
    void badSocketTypeIsAUsageError() {
        CliRun r = CliRun.of("recv", "--type", "pusher", "--bind", "inproc://x");
        assertEquals(ExitCode.USAGE, r.status(), r.toString());
        assertTrue(r.err().contains("pusher"), r.toString());
    }

    @Test
    void topicOnANonSubSocketIsAUsageError() {
        assertEquals(ExitCode.USAGE, CliRun.of("recv", "--type", "pull", "--topic", "a", "--bind", "inproc://x").status());
    }

    @Test
    void badSocketOptionIsAUsageError() {
        assertEquals(ExitCode.USAGE, CliRun.of("recv", "--option", "NOPE=1", "--bind", "inproc://x").status());
        assertEquals(ExitCode.USAGE, CliRun.of("recv", "--option", "SNDHWM=-5", "--bind", "inproc://x").status());
        assertEquals(ExitCode.USAGE, CliRun.of("recv", "--option", "SNDHWM=lots", "--bind", "inproc://x").status());
    }

    @Test
    void unknownTransportIsABadEndpoint() {
        CliRun r = CliRun.of("recv", "--bind", "carrier-pigeon://roof");
        assertEquals(ExitCode.BAD_ENDPOINT, r.status(), r.toString());
        assertTrue(r.err().contains("carrier-pigeon://roof"), r.toString());
    }

    @Test
    void malformedEndpointIsABadEndpoint() {
        assertEquals(ExitCode.BAD_ENDPOINT, CliRun.of("send", "--connect", "no-scheme-here", "x").status());
    }

    @Test
    void recvGivesUpAfterTheTimeoutWithItsOwnStatus() {
        CliRun r = CliRun.of("recv", "--bind", "inproc://nobody-sends", "--timeout", "50ms");
        assertEquals(ExitCode.TIMEOUT, r.status(), r.toString());
        assertTrue(r.err().contains("0 message(s) received"), r.toString());
    }

    @Test
    void perfThroughputReportsLikeLibzmq() {
        CliRun r = CliRun.of("perf", "thr", "--endpoint", "inproc://perf-thr", "--count", "20000", "--size", "10");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertTrue(r.out().contains("message size: 10 [B]"), r.toString());
        assertTrue(r.out().contains("message count: 20000"), r.toString());
        assertTrue(r.out().matches("(?s).*mean throughput: \\d+ \\[msg/s\\].*"), r.toString());
    }

    @Test
    void perfLatencyReportsHalfTheRoundTrip() {
        CliRun r = CliRun.of("perf", "lat", "--endpoint", "inproc://perf-lat", "--count", "300");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertTrue(r.out().contains("roundtrip count: 300"), r.toString());
        assertTrue(r.out().matches("(?s).*average latency: [\\d.]+ \\[us\\].*"), r.toString());
    }

    @Test
    void perfNeedsToKnowWhichTest() {
        assertEquals(ExitCode.USAGE, CliRun.of("perf").status());
        assertEquals(ExitCode.USAGE, CliRun.of("perf", "speed").status());
        assertEquals(ExitCode.USAGE, CliRun.of("perf", "thr", "--role", "remote").status());
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun r = CliRun.of("--version");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertTrue(r.out().matches("gannet \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), r.toString());
        assertFalse(r.out().contains("${"), "the version resource was not filtered: " + r);
    }

    @Test
    void sendWithASocketThatCannotSendIsAUsageErrorListingWhatItTakes() {
        for (String type : new String[] {"pull", "sub", "rep", "stream"}) {
            CliRun r = CliRun.of("send", "--type", type, "--connect", "inproc://x", "hi");
            assertEquals(ExitCode.USAGE, r.status(), r.toString());
            assertTrue(r.err().contains("pair, pub, req, dealer, router, push, xpub, xsub"), r.toString());
        }
    }

    @Test
    void recvWithASocketThatCannotReceiveIsAUsageError() {
        for (String type : new String[] {"push", "pub", "req", "stream"}) {
            CliRun r = CliRun.of("recv", "--type", type, "--bind", "inproc://x");
            assertEquals(ExitCode.USAGE, r.status(), r.toString());
            assertTrue(r.err().contains("pair, sub, rep, dealer, router, pull, xpub, xsub"), r.toString());
        }
    }

    @Test
    void proxyRefusesStreamOnEitherSide() {
        assertEquals(ExitCode.USAGE, CliRun.of("proxy", "--frontend-type", "stream", "--frontend", "inproc://a",
                "--backend", "inproc://b").status());
        assertEquals(ExitCode.USAGE, CliRun.of("proxy", "--backend-type", "stream", "--frontend", "inproc://a",
                "--backend", "inproc://b").status());
    }

    @Test
    void helpListsExactlyTheTypesEachCommandAccepts() {
        assertTrue(CliRun.of("send", "--help").out().contains("one of: pair, pub, req, dealer, router, push, xpub, xsub"));
        assertTrue(CliRun.of("recv", "--help").out().contains("one of: pair, sub, rep, dealer, router, pull, xpub, xsub"));
        assertTrue(CliRun.of("proxy", "--help").out()
                .contains("pair, pub, sub, req, rep, dealer, router, pull, push, xpub, xsub"));
        assertTrue(CliRun.of("monitor", "--help").out().contains("stream"));
    }

    @Test
    void fractionalDurationsAreAcceptedAndPrintedWithTheirUnit() {
        CliRun r = CliRun.of("recv", "--bind", "inproc://nobody-sends-either", "--timeout", "0.05s");
        assertEquals(ExitCode.TIMEOUT, r.status(), r.toString());
        assertTrue(r.err().contains("then none within 50ms"), r.toString());
    }

    @Test
    void badDurationIsAUsageErrorThatShowsTheForm() {
        CliRun r = CliRun.of("recv", "--bind", "inproc://x", "--timeout", "soon");
        assertEquals(ExitCode.USAGE, r.status(), r.toString());
        assertTrue(r.err().contains("500ms, 1.5s, 2m"), r.toString());
    }

    @Test
    void pgmIsRefusedWithTheReasonAndEpgmEndpointsAreChecked() {
        CliRun r = CliRun.of("send", "--type", "pub", "--connect", "pgm://eth0;239.192.1.1:5555", "x");
        assertEquals(ExitCode.BAD_ENDPOINT, r.status(), r.toString());
        assertTrue(r.err().contains("raw") && r.err().contains("use epgm://"), r.toString());
        assertFalse(r.err().contains("artifact"), r.toString());
        r = CliRun.of("send", "--type", "pub", "--connect", "epgm://127.0.0.1;10.1.2.3:5555", "x");
        assertEquals(ExitCode.BAD_ENDPOINT, r.status(), r.toString());
        assertTrue(r.err().contains("not an IPv4 multicast group"), r.toString());
        r = CliRun.of("send", "--type", "push", "--connect", "epgm://127.0.0.1;239.192.1.1:5555", "x");
        assertEquals(ExitCode.BAD_ENDPOINT, r.status(), r.toString());
        assertTrue(r.err().contains("PUB/SUB only"), r.toString());
    }

    @Test
    void multicastOptionsAreSetByName() {
        CliRun r = CliRun.of("send", "--type", "pub", "--option", "RATE=0", "--connect", "inproc://x", "x");
        assertEquals(ExitCode.USAGE, r.status(), r.toString());
        assertTrue(r.err().contains("RATE"), r.toString());
    }
}
