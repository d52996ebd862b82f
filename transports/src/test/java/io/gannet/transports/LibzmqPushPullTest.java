package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A first handshake with real libzmq (Debian's python3-zmq, run as a subprocess): Gannet
 * PUSH to libzmq PULL and libzmq PUSH to Gannet PULL, over tcp and ipc. The full interop
 * suite lives beside it; this one guards the engine itself.
 */
// A send to a peer that never came (its port taken between freePort() and its bind) blocks
// for ever: fail instead of hanging the build.
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LibzmqPushPullTest {

    private static Process python(String script) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        return p;
    }

    private static String output(Process p) throws Exception {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python peer did not finish");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                sb.append(line).append('\n');
            }
            return sb.toString().trim();
        }
    }

    @Test
    void gannetPushToLibzmqPull() throws Exception {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.set(SocketOption.RECONNECT_IVL, 20);
            int port = TestSupport.freePort();
            Process p = python("import zmq\n"
                    + "s = zmq.Context().socket(zmq.PULL)\n"
                    + "s.bind('tcp://127.0.0.1:" + port + "')\n"
                    + "s.rcvtimeo = 10000\n"
                    + "parts = [s.recv_multipart() for i in range(1000)]\n"
                    + "ok = all(m == [b'k%d' % i, b'', b'x' * 300] for i, m in enumerate(parts))\n"
                    + "big = s.recv()\n"
                    + "print('ok' if ok and len(big) == 1 << 20 else 'bad')\n");
            push.connect("tcp://127.0.0.1:" + port);
            for (int i = 0; i < 1000; i++) {
                push.sendMore("k" + i);
                push.sendMore("");
                push.send("x".repeat(300));
            }
            push.send(new byte[1 << 20]);
            assertEquals("ok", output(p));
        }
    }

    @Test
    void libzmqPushToGannetPullOverIpc() throws Exception {
        Path dir = Files.createTempDirectory("gannet-test");
        String ep = "ipc://" + dir.resolve("s.sock");
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind(ep);
            // The sender closes with linger and terminates its context, as a libzmq program
            // must for its queue to be flushed; no wait before closing.
            Process p = python("import zmq\n"
                    + "c = zmq.Context()\n"
                    + "s = c.socket(zmq.PUSH)\n"
                    + "s.connect('" + ep + "')\n"
                    + "for i in range(1000): s.send_multipart([b'm%d' % i, b'tail'])\n"
                    + "s.close(linger=-1)\n"
                    + "c.term()\n"
                    + "print('sent')\n");
            for (int i = 0; i < 1000; i++) {
                assertEquals("m" + i, TestSupport.recv(pull));
                assertEquals("tail", TestSupport.recv(pull));
            }
            assertEquals("sent", output(p));
        } finally {
            Files.deleteIfExists(dir.resolve("s.sock"));
            Files.deleteIfExists(dir);
        }
    }
}
