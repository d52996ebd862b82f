package io.gannet.examples;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Talking to Python: Gannet speaks ZMTP 3.1, so a pyzmq (libzmq) socket is an ordinary peer.
 * This program starts a small pyzmq REP server (the {@link #PYTHON} snippet) with
 * {@code python3 -c}, reads the port it bound from its first output line, and sends it
 * requests from a Gannet REQ socket; the server answers in upper case and says which libzmq
 * it runs.
 *
 * <p>Needs Python 3 with pyzmq ({@code apt-get install python3-zmq} or {@code pip install pyzmq}).
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.PythonPeer [requests] [python]
 * </pre>
 */
public final class PythonPeer {
    /** The Python side, complete: bind REP to a free port, print it, answer N requests. */
    static final String PYTHON = String.join("\n",
            "import sys, zmq",
            "requests = int(sys.argv[1])",
            "ctx = zmq.Context()",
            "rep = ctx.socket(zmq.REP)",
            "port = rep.bind_to_random_port('tcp://127.0.0.1')",
            "print(port, flush=True)",
            "for _ in range(requests):",
            "    text = rep.recv_string()",
            "    rep.send_string(text.upper() + ' (pyzmq ' + zmq.pyzmq_version() + ', libzmq ' + zmq.zmq_version() + ')')",
            "rep.close(linger=1000)",
            "ctx.term()");

    private PythonPeer() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String python = args.length > 1 ? args[1] : "python3";

        Process peer = new ProcessBuilder(python, "-c", PYTHON, Integer.toString(requests))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (Context ctx = new Context(); Socket req = ctx.socket(SocketType.REQ)) {
            BufferedReader fromPython = new BufferedReader(
                    new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
            String port = fromPython.readLine();
            if (port == null) {
                System.out.println("the Python peer did not start (is pyzmq installed?); its program was:\n" + PYTHON);
                return;
            }
            String endpoint = "tcp://127.0.0.1:" + port.trim();
            System.out.println("python REP server listening on " + endpoint);
            req.set(SocketOption.RCVTIMEO, 5000);
            req.connect(endpoint);
            for (int i = 1; i <= requests; i++) {
                req.send("hello from gannet " + i);
                System.out.println("reply: " + req.recvString());
            }
        } finally {
            if (!peer.waitFor(5, TimeUnit.SECONDS)) {
                peer.destroyForcibly().waitFor();
            }
        }
        System.out.println("python peer exited with status " + peer.exitValue());
    }
}
