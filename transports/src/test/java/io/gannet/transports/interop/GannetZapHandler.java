package io.gannet.transports.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.gannet.Context;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

/**
 * A hand-written ZAP handler (RFC 27) for tests: a REP socket bound at
 * {@code inproc://zeromq.zap.01} on its own thread, answering each request with the reply
 * its policy builds, and keeping every request it saw for the test to check. Closed by the
 * test before its context.
 */
final class GannetZapHandler implements AutoCloseable {
    /** One request as the handler received it (the REP socket strips the delimiter). */
    record Request(String version, String requestId, String domain, String address, byte[] routingId,
                   String mechanism, List<byte[]> credentials) {
        String credential(int i) {
            return new String(credentials.get(i), StandardCharsets.UTF_8);
        }
    }

    private final Socket rep;
    private final Thread thread;
    private final BlockingQueue<Request> seen = new LinkedBlockingQueue<>();
    private volatile boolean stopping;

    /** The policy returns the reply frames after version and request id: status, text, user id, metadata. */
    GannetZapHandler(Context ctx, Function<Request, List<byte[]>> policy) {
        rep = ctx.socket(SocketType.REP);
        rep.set(SocketOption.RCVTIMEO, 50);
        rep.set(SocketOption.LINGER, 0);
        rep.bind("inproc://zeromq.zap.01");
        thread = new Thread(() -> run(policy), "test-zap-handler");
        thread.setDaemon(true);
        thread.start();
    }

    /** A policy that answers {@code status} with user id {@code userId} and no metadata. */
    static Function<Request, List<byte[]>> status(String status, String userId) {
        return r -> List.of(ascii(status), ascii("test"), ascii(userId), new byte[0]);
    }

    private void run(Function<Request, List<byte[]>> policy) {
        while (!stopping) {
            Multipart m = rep.recvMultipart(0);
            if (m == null) {
                continue;
            }
            try {
                List<byte[]> f = new ArrayList<>();
                for (int i = 0; i < m.size(); i++) {
                    f.add(m.get(i).bytes());
                }
                Request r = new Request(str(f.get(0)), str(f.get(1)), str(f.get(2)), str(f.get(3)), f.get(4),
                        str(f.get(5)), f.subList(6, f.size()));
                seen.add(r);
                Multipart reply = new Multipart();
                reply.add(f.get(0));
                reply.add(f.get(1));
                for (byte[] frame : policy.apply(r)) {
                    reply.add(frame);
                }
                rep.send(reply);
            } finally {
                m.close();
            }
        }
    }

    /** The next request the handler saw; fails the test after {@code timeout}. */
    Request next(Duration timeout) throws InterruptedException {
        Request r = seen.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no ZAP request within " + timeout);
        }
        return r;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(5000);
        rep.close();
    }
}
