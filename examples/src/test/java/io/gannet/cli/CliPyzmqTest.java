package io.gannet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code gannet send} and {@code gannet recv} against Debian's pyzmq (libzmq 4.3), both ways.
 * The peer runs under {@code /usr/bin/python3}, which {@code .ci/run} provides with python3-zmq;
 * without it these tests fail (they never skip).
 */
class CliPyzmqTest {
    private static final String PYTHON = "/usr/bin/python3";

    /** A python peer that binds, prints its port, then runs {@code body}; prints "done" at the end. */
    private static Process python(String socketType, String body) throws Exception {
        String script = String.join("\n",
                "import sys, zmq",
                "ctx = zmq.Context()",
                "s = ctx.socket(zmq." + socketType + ")",
                "s.setsockopt(zmq.LINGER, 5000)",
                "s.setsockopt(zmq.RCVTIMEO, 15000)",
                "port = s.bind_to_random_port('tcp://127.0.0.1')",
                "print(port, flush=True)",
                body,
                "print('done', flush=True)",
                "s.close()",
                "ctx.term()");
        return new ProcessBuilder(PYTHON, "-c", script).redirectErrorStream(true).start();
    }

    private static List<String> lines(Process p) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python peer did not finish: " + out);
        return out;
    }

    private static String firstLine(Process p) throws Exception {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = p.getInputStream().read()) != -1 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString().trim();
    }

    @Test
    void gannetSendReachesAPyzmqPull() throws Exception {
        Process py = python("PULL", String.join("\n",
                "for i in range(2):",
                "    print('|'.join(f.decode() for f in s.recv_multipart()), flush=True)"));
        try {
            String port = firstLine(py);
            CliRun send = CliRun.withInput("hello\tworld\nsecond\n",
                    "send", "--type", "push", "--connect", "tcp://127.0.0.1:" + port, "--timeout", "10s");
            assertEquals(ExitCode.OK, send.status(), send.toString());
            assertEquals(List.of("hello|world", "second", "done"), lines(py));
        } finally {
            py.destroyForcibly();
        }
    }

    @Test
    void gannetRecvPrintsWhatAPyzmqPushSent() throws Exception {
        Process py = python("PUSH", String.join("\n",
                "s.send_multipart([b'from', b'python'])",
                "s.send_multipart([b'', b'\\x00\\xff'])"));
        try {
            String port = firstLine(py);
            CliRun recv = CliRun.of("recv", "--type", "pull", "--connect", "tcp://127.0.0.1:" + port,
                    "--count", "2", "--format", "hex", "--timeout", "10s");
            assertEquals(ExitCode.OK, recv.status(), recv.toString());
            String out = recv.out().replace("\r\n", "\n");
            String[] got = out.split("\n");
            assertEquals(2, got.length, out);
            assertTrue(got[0].contains("66726f6d") && got[0].contains("707974686f6e"), out);
            assertTrue(got[1].contains("00ff"), out);
            assertEquals(List.of("done"), lines(py));
        } finally {
            py.destroyForcibly();
        }
    }
}
