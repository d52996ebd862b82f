package io.gannet.auth;

import io.gannet.Context;
import io.gannet.ContextClosedException;
import io.gannet.CurveCertificate;
import io.gannet.GannetException;
import io.gannet.Multipart;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.UnaryOperator;

/**
 * A ready ZAP handler (RFC 27): the authentication policy of every PLAIN and CURVE server
 * socket, and of NULL servers with a {@code ZAP_DOMAIN}, in one {@link Context}. It plays
 * the part of czmq's {@code zauth} and pyzmq's {@code ThreadAuthenticator}.
 *
 * <pre>{@code
 * try (Context ctx = new Context();
 *      Authenticator auth = Authenticator.start(ctx)) {
 *     auth.allow("10.0.0.7")                                      // optional address allow-list
 *         .curveCertificates("*", Path.of("clients"));            // public certificates of the clients
 *     Socket rep = ctx.socket(SocketType.REP);
 *     rep.set(SocketOption.CURVE_SERVER, true);
 *     rep.set(SocketOption.CURVE_SECRETKEY, server.secretKey());
 *     rep.bind("tcp://*:5555");
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Policy</b> (czmq's and pyzmq's rules). With an allow-list, only its addresses pass;
 * otherwise addresses on the deny-list are refused. Then NULL passes; PLAIN needs a user and
 * password of the request's ZAP domain; CURVE needs a client key of the domain (from
 * certificates), or "any key" for the domain. Settings given for domain {@code "*"} apply
 * to every domain that has none of its own (a socket's {@code ZAP_DOMAIN} is empty unless
 * set). A refusal is status 400 with the reason; a malformed request (wrong version, too
 * few frames, the wrong number of credentials) is answered 500 if its request id can be
 * read, and otherwise dropped with a warning. A success carries the user id (the PLAIN user
 * name, or the CURVE key in Z85) and, for CURVE, the client certificate's metadata.
 *
 * <p><b>Threads.</b> It binds a ROUTER socket at {@value #ENDPOINT} and serves it on its own
 * thread: a virtual thread on Java 21 and later, a platform daemon thread before. The
 * configuration methods may be called from any thread at any time; each replaces an
 * immutable snapshot that applies to the requests that follow (already authenticated
 * connections stay). Only one handler can be bound per context. Decisions are logged
 * through SLF4J at DEBUG, or at INFO with {@link #verbose(boolean)}; the logger is
 * {@code io.gannet.auth.Authenticator}.
 *
 * <p><b>End.</b> {@link #close()} stops the thread and unbinds; closing the context also ends it.
 * Servers that ask afterwards get no reply and refuse the handshake, as libzmq does.
 */
public final class Authenticator implements AutoCloseable {
    /** Where ZAP handlers listen, fixed by RFC 27. */
    public static final String ENDPOINT = "inproc://zeromq.zap.01";

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final AtomicLong CONTROL_IDS = new AtomicLong();
    private static final byte[] STOP = {'S', 'T', 'O', 'P'};

    private final Socket control;
    private final Thread thread;
    private volatile ZapPolicy policy = ZapPolicy.EMPTY;
    private volatile boolean verbose;
    private final AtomicLong answered = new AtomicLong();
    private boolean closed;

    private Authenticator(Context context) {
        Socket router = context.socket(SocketType.ROUTER);
        Socket controlPeer = null;
        Socket ours = null;
        try {
            router.set(SocketOption.LINGER, 0);
            router.bind(ENDPOINT);
            String controlEndpoint = "inproc://gannet.authenticator.control." + CONTROL_IDS.incrementAndGet();
            controlPeer = context.socket(SocketType.PAIR);
            controlPeer.set(SocketOption.LINGER, 0);
            controlPeer.bind(controlEndpoint);
            ours = context.socket(SocketType.PAIR);
            ours.set(SocketOption.LINGER, 0);
            ours.connect(controlEndpoint);
        } catch (RuntimeException e) {
            router.close();
            if (controlPeer != null) {
                controlPeer.close();
            }
            throw e;
        }
        this.control = ours;
        ZapHandlerLoop loop = new ZapHandlerLoop(router, controlPeer);
        this.thread = Threads.newThread("gannet-zap-handler", loop);
        thread.start();
    }

    /**
     * Binds a handler at {@value #ENDPOINT} of {@code context} and starts serving it. Servers
     * may be bound as soon as this returns.
     *
     * @throws GannetException {@code EADDRINUSE} if the context already has a ZAP handler
     */
    public static Authenticator start(Context context) {
        return new Authenticator(context);
    }

    /**
     * Adds addresses to the allow-list: once it is not empty, only connections from its
     * addresses pass (as text, the way the transport reports them: {@code 127.0.0.1},
     * {@code ::1}; ipc connections have an empty address).
     */
    public Authenticator allow(String... addresses) {
        update(p -> p.allow(Set.of(addresses)));
        return this;
    }

    /** Adds addresses to the deny-list, used when there is no allow-list. */
    public Authenticator deny(String... addresses) {
        update(p -> p.deny(Set.of(addresses)));
        return this;
    }

    /** Sets the PLAIN users of {@code domain} ({@code "*"}: every domain without its own), user → password. */
    public Authenticator plainPasswords(String domain, Map<String, String> users) {
        Map<String, String> copy = Map.copyOf(users);
        update(p -> p.passwords(domain, copy));
        return this;
    }

    /**
     * Sets the PLAIN users of {@code domain} from a file of {@code username=password} lines
     * (czmq's format; blank lines and {@code #} comments skipped). Read now: call again to
     * reload after the file changes.
     *
     * @throws IOException if the file cannot be read or a line has no user name
     */
    public Authenticator plainPasswordsFile(String domain, Path file) throws IOException {
        return plainPasswords(domain, PasswordFile.load(file));
    }

    /**
     * Sets the CURVE client keys of {@code domain} to those of the public certificates in
     * {@code directory} (czmq's {@code zcert} files, as {@link CurveCertificate#loadDirectory}
     * reads them). Read now: call again to reload after adding or removing a certificate.
     *
     * @throws IOException if the directory cannot be read or holds a malformed certificate
     */
    public Authenticator curveCertificates(String domain, Path directory) throws IOException {
        return curveCertificates(domain, CurveCertificate.loadDirectory(directory));
    }

    /** Sets the CURVE client keys of {@code domain}, with each certificate's metadata sent in the ZAP reply. */
    public Authenticator curveCertificates(String domain, Collection<CurveCertificate> certificates) {
        Map<String, Map<String, String>> keys = new HashMap<>();
        for (CurveCertificate c : certificates) {
            keys.put(c.publicKeyZ85(), c.metadata());
        }
        update(p -> p.curveKeys(domain, keys));
        return this;
    }

    /**
     * Lets every CURVE client of {@code domain} in: the connection is still encrypted and the
     * server still proves its key, but any client key is accepted (pyzmq's
     * {@code CURVE_ALLOW_ANY}). Setting certificates for the domain afterwards ends this.
     */
    public Authenticator curveAnyKey(String domain) {
        update(p -> p.curveAnyKey(domain));
        return this;
    }

    /** Logs every decision at INFO instead of DEBUG. */
    public Authenticator verbose(boolean on) {
        this.verbose = on;
        return this;
    }

    /** How many requests this handler has answered (allowed or refused). */
    public long answered() {
        return answered.get();
    }

    private synchronized void update(UnaryOperator<ZapPolicy> change) {
        policy = change.apply(policy);
    }

    /** Stops the handler thread and unbinds {@value #ENDPOINT}; waits for the thread to end. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            control.send(STOP);
        } catch (ContextClosedException e) {
            // The context is closing: the handler ends on its own.
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            control.close();
        }
    }

    /** The handler thread: answers requests until told to stop or the context closes. */
    private final class ZapHandlerLoop implements Runnable {
        private final Socket router;
        private final Socket stop;

        ZapHandlerLoop(Socket router, Socket stop) {
            this.router = router;
            this.stop = stop;
        }

        @Override
        public void run() {
            try (Poller poller = new Poller()) {
                int requests = poller.register(router, Poller.POLLIN);
                int control = poller.register(stop, Poller.POLLIN);
                while (true) {
                    poller.poll(-1);
                    if (poller.isReadable(control)) {
                        return;
                    }
                    if (poller.isReadable(requests)) {
                        Multipart m = router.recvMultipart(Socket.DONTWAIT);
                        if (m != null) {
                            try (m) {
                                answer(m);
                            }
                        }
                    }
                }
            } catch (ContextClosedException e) {
                LOG.debug("ZAP handler: context closed");
            } catch (RuntimeException e) {
                LOG.error("ZAP handler stopped by an unexpected error; servers will refuse new handshakes", e);
            } finally {
                router.close();
                stop.close();
            }
        }

        /** Answers one message: ROUTER's routing id, the REQ delimiter, then the ZAP request. */
        private void answer(Multipart m) {
            if (m.size() < 4 || m.get(1).size() != 0) {
                LOG.warn("ZAP handler: dropped a message of {} frames with no request id", m.size());
                return;
            }
            byte[][] zap = new byte[m.size() - 2][];
            for (int i = 2; i < m.size(); i++) {
                zap[i - 2] = m.get(i).bytes();
            }
            ZapReply reply = ZapChecks.verdict(Arrays.asList(zap), policy);
            log(zap, reply);
            Multipart out = new Multipart()
                    .add(m.get(0).bytes())
                    .add(new byte[0])
                    .add(ZapRequest.VERSION)
                    .add(zap[1])
                    .add(reply.statusCode)
                    .add(reply.statusText)
                    .add(reply.userId)
                    .add(reply.metadataFrame());
            answered.incrementAndGet(); // before the reply, so a caller who has it sees the count
            try (out) {
                router.send(out, Socket.DONTWAIT);
            }
        }

        private void log(byte[][] zap, ZapReply reply) {
            if (verbose ? LOG.isInfoEnabled() : LOG.isDebugEnabled()) {
                String what = zap.length >= ZapRequest.FIXED_FRAMES
                        ? String.format("%s from '%s' in domain '%s'", ZapChecks.text(zap[5]), ZapChecks.text(zap[3]),
                                ZapChecks.text(zap[2]))
                        : "a malformed request";
                if (verbose) {
                    LOG.info("ZAP {}: {}", what, reply);
                } else {
                    LOG.debug("ZAP {}: {}", what, reply);
                }
            }
        }
    }
}
