package io.gannet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The tool over tcp: send and recv against each other, the demo, perf lat, endpoint errors. */
class CliNetworkTest {
    /** A port that was free a moment ago (send and recv run as separate "processes"). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static CompletableFuture<CliRun> async(String... args) {
        return CompletableFuture.supplyAsync(() -> CliRun.of(args));
    }

    @Test
    void sendAndRecvExchangeMultipartMessages() throws Exception {
        String ep = "tcp://127.0.0.1:" + freePort();
        // The sender binds: its PUSH holds the first message until the receiver has connected.
        CompletableFuture<CliRun> recv = async("recv", "--connect", ep, "--count", "3", "--format", "json",
                "--timeout", "10s");
        CliRun send = CliRun.withInput("a\tb\nc\n\td\n", "send", "--bind", ep, "--timeout", "10s");
        assertEquals(ExitCode.OK, send.status(), send.toString());
        CliRun r = recv.get(30, TimeUnit.SECONDS);
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertEquals("[\"a\",\"b\"]\n[\"c\"]\n[\"\",\"d\"]\n", r.out().replace("\r\n", "\n"), r.toString());
    }

    @Test
    void reqSendPrintsTheRepliesOfARecvRep() throws Exception {
        String ep = "tcp://127.0.0.1:" + freePort();
        CompletableFuture<CliRun> rep = async("recv", "--type", "rep", "--bind", ep, "--count", "2",
                "--reply", "World", "--timeout", "10s");
        CliRun req = CliRun.of("send", "--type", "req", "--connect", ep, "--count", "2", "--timeout", "10s", "Hello");
        assertEquals(ExitCode.OK, req.status(), req.toString());
        assertEquals("World\nWorld\n", req.out().replace("\r\n", "\n"), req.toString());
        CliRun r = rep.get(30, TimeUnit.SECONDS);
        assertEquals("Hello\nHello\n", r.out().replace("\r\n", "\n"), r.toString());
    }

    @Test
    void subscriberSeesOnlyItsTopic() throws Exception {
        String ep = "tcp://127.0.0.1:" + freePort();
        CompletableFuture<CliRun> sub = async("recv", "--type", "sub", "--connect", ep, "--topic", "weather",
                "--count", "2", "--timeout", "10s");
        CliRun pub = CliRun.withInput("sport\tgoal\nweather\tsun\nweather\train\n",
                "send", "--type", "pub", "--bind", ep, "--delay", "1s");
        assertEquals(ExitCode.OK, pub.status(), pub.toString());
        CliRun r = sub.get(30, TimeUnit.SECONDS);
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertEquals("weather\tsun\nweather\train\n", r.out().replace("\r\n", "\n"), r.toString());
    }

    @Test
    void addressInUseHasItsOwnStatus() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            CliRun r = CliRun.of("recv", "--bind", "tcp://127.0.0.1:" + taken.getLocalPort(), "--timeout", "10ms");
            assertEquals(ExitCode.ENDPOINT_UNAVAILABLE, r.status(), r.toString());
        }
    }

    @Test
    void tcpEndpointWithoutPortIsABadEndpoint() {
        assertEquals(ExitCode.BAD_ENDPOINT, CliRun.of("recv", "--bind", "tcp://127.0.0.1", "--timeout", "10ms").status());
    }

    @Test
    void demoRunsEveryPatternOverTcp() {
        CliRun r = CliRun.of("demo", "--duration", "200ms");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertTrue(r.out().contains("PUB/SUB    tcp://127.0.0.1:"), r.toString());
        assertTrue(r.out().matches("(?s).*the subscriber received [\\d,]+ \\('quote\\.' only\\): [\\d,]+ msg/s.*"), r.toString());
        assertTrue(r.out().matches("(?s).*[\\d,]+ round trips; latency avg [\\d.]+ us.*"), r.toString());
        assertTrue(r.out().matches("(?s).*[\\d,]+ tasks through the pipeline: [\\d,]+ msg/s.*"), r.toString());
    }

    @Test
    void demoRunsOverInproc() {
        CliRun r = CliRun.of("demo", "--duration", "200ms", "--transport", "inproc");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertTrue(r.out().contains("tasks through the pipeline"), r.toString());
    }

    @Test
    void perfLatencyReportsLikeLibzmq() {
        CliRun r = CliRun.of("perf", "lat", "--count", "500");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertTrue(r.out().contains("roundtrip count: 500"), r.toString());
        assertTrue(r.out().matches("(?s).*average latency: [\\d.]+ \\[us\\].*"), r.toString());
    }

    @Test
    void monitorPrintsConnectionEvents() throws Exception {
        String ep = "tcp://127.0.0.1:" + freePort();
        CompletableFuture<CliRun> server = async("recv", "--bind", ep, "--timeout", "3s");
        CliRun r = CliRun.of("monitor", "--type", "push", ep, "--duration", "2s");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        assertTrue(r.out().contains(" CONNECTED "), r.toString());
        assertTrue(r.out().contains(" HANDSHAKE_SUCCEEDED "), r.toString());
        server.get(30, TimeUnit.SECONDS);
    }
}
