package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.gannet.Msg;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.spi.SocketTraits;
import io.gannet.internal.Command;
import io.gannet.internal.Mailbox;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.PipeHandler;
import io.gannet.internal.PipePair;
import io.gannet.internal.zmtp.Greeting;
import io.gannet.internal.zmtp.TestBuffers;
import io.gannet.internal.zmtp.mechanism.HandshakeConfig;
import io.gannet.internal.zmtp.mechanism.Mechanism;
import io.gannet.spi.OptionSource;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.io.IOException;
import java.util.Arrays;

/**
 * One engine with everything around it in memory: a {@link MemoryChannel} for the wire, a
 * {@link ManualIo} for buffers, timers and the clock, and the session's part played here
 * (the pipe made when the handshake succeeds, its activations run by {@link #pump}). The
 * test plays the peer with bytes and the application with {@link #send}/{@link #receive}.
 * {@link #close} checks that every buffer the engine allocated was released.
 */
final class EngineHarness implements EngineOwner, AutoCloseable {
    static final String ENDPOINT = "tcp://memory:1";

    /** What {@link EngineOwner#engineStopped} reported. */
    record Stop(boolean handshaked, SocketEvent event, long value, String detail, boolean protocolError) {
    }

    final UnpooledByteBufAllocator alloc = TestBuffers.allocator();
    final ManualIo io = new ManualIo(alloc);
    final MemoryChannel channel = new MemoryChannel();
    final EndpointConfig cfg;
    final Engine engine;
    private final ArrayDeque<Command> mailbox = new ArrayDeque<>();
    private final Mailbox box = new Mailbox() {
        @Override
        public void post(Command command) {
            mailbox.add(command);
        }

        @Override
        public boolean postCold(Command command) {
            mailbox.add(command);
            return true;
        }
    };
    private final PipeHandler sessionSide = new PipeHandler() {
        @Override
        public void readActivated(PipeEnd end) {
            engine.outputReady();
        }

        @Override
        public void writeActivated(PipeEnd end) {
            engine.inputReady();
        }

        @Override
        public void terminated(PipeEnd end) {
        }
    };
    private final PipeHandler socketSide = new PipeHandler() {
        @Override
        public void readActivated(PipeEnd end) {
        }

        @Override
        public void writeActivated(PipeEnd end) {
        }

        @Override
        public void terminated(PipeEnd end) {
        }
    };

    /** The socket's end of the pipe, once the handshake succeeded. */
    PipeEnd socketEnd;
    PipeEnd sessionEnd;
    int handshakes;
    /** Refuse the connection at handshakeDone (the socket is closing). */
    boolean refuse;
    Stop stop;
    long lost;
    final List<String> lostWhy = new ArrayList<>();
    private boolean greetingSkipped;
    private boolean started;

    /** A ZMTP engine with the mechanism its options choose. */
    static EngineHarness zmtp(SocketType type, Object... options) {
        return new EngineHarness(type, options, null);
    }

    /** A ZMTP engine with the mechanism {@code mechanisms} makes from the handshake config. */
    static EngineHarness zmtp(SocketType type, Function<HandshakeConfig, Mechanism> mechanisms, Object... options) {
        return new EngineHarness(type, options, mechanisms);
    }

    /** A raw (STREAM) engine. */
    static EngineHarness raw(Object... options) {
        return new EngineHarness(SocketType.STREAM, options, null);
    }

    private EngineHarness(SocketType type, Object[] options, Function<HandshakeConfig, Mechanism> mechanisms) {
        Map<SocketOption<?>, Object> values = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            values.put((SocketOption<?>) options[i], options[i + 1]);
        }
        OptionSource source = new OptionSource() {
            @Override
            public <T> T option(SocketOption<T> option) {
                Object v = values.get(option);
                return v == null ? option.defaultValue() : option.type().cast(v);
            }
        };
        this.cfg = new EndpointConfig(type, traitsOf(type), source);
        if (mechanisms != null) {
            engine = new ZmtpEngine(io, channel, cfg, mechanisms.apply(cfg.handshake), alloc, this, ENDPOINT);
        } else {
            engine = cfg.engines.create(io, channel, cfg, alloc, this, ENDPOINT);
        }
    }

    /** The traits the standard socket types declare (patterns' provider, which core cannot see). */
    private static SocketTraits traitsOf(SocketType type) {
        switch (type) {
            case ROUTER: return new SocketTraits(false, true, SocketTraits.Subscriptions.NONE);
            case STREAM: return new SocketTraits(true, false, SocketTraits.Subscriptions.NONE);
            case PUB: case XPUB: return new SocketTraits(false, false, SocketTraits.Subscriptions.RECEIVES);
            case SUB: case XSUB: return new SocketTraits(false, false, SocketTraits.Subscriptions.SENDS);
            default: return SocketTraits.PLAIN;
        }
    }

    // ---- driving -----------------------------------------------------------------------------

    /** Starts the engine (it greets the peer) and runs what follows; once only. */
    EngineHarness start() {
        if (started) {
            return this;
        }
        started = true;
        try {
            engine.start();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        pump();
        return this;
    }

    /** The peer sends {@code bytes}; the engine reads them (as many reads as {@link MemoryChannel#readChunk} makes). */
    EngineHarness feed(byte[]... bytes) {
        for (byte[] b : bytes) {
            channel.feed(b);
        }
        pump();
        return this;
    }

    /** The peer closes its side. */
    EngineHarness feedEof() {
        channel.feedEof();
        pump();
        return this;
    }

    /** The clock moves on by {@code ms}; due timers run, then what follows. */
    EngineHarness advance(long ms) {
        io.advance(ms);
        pump();
        return this;
    }

    /**
     * Runs what an I/O thread would until nothing more happens: queued pipe commands, then
     * readiness the channel reports (readable with bytes or EOF waiting, writable with room).
     */
    void pump() {
        for (int i = 0; i < 100_000; i++) {
            Command c = mailbox.poll();
            if (c != null) {
                if (c instanceof Command.ForPipe f) {
                    f.end().dispatch(c);
                }
                continue;
            }
            int ops = (channel.readable() ? SelectionKey.OP_READ : 0) | (channel.writable() ? SelectionKey.OP_WRITE : 0);
            if (ops == 0 || engine.closed()) {
                return;
            }
            engine.ready(ops);
        }
        fail("the engine never settled");
    }

    // ---- the peer's view ---------------------------------------------------------------------

    /** Everything the engine wrote since the last call, raw. */
    byte[] written() {
        return channel.takeWritten();
    }

    /** The frames the engine wrote since the last call (its 64-byte greeting skipped the first time). */
    List<Wire.Frame> writtenFrames() {
        byte[] w = written();
        int from = 0;
        if (!greetingSkipped) {
            assertFalse(w.length < Greeting.SIZE, "our greeting first");
            greetingSkipped = true;
            from = Greeting.SIZE;
        }
        return Wire.frames(Arrays.copyOfRange(w, from, w.length));
    }

    /** Completes a NULL handshake as a peer of type {@code peerType}; returns the engine's frames (its READY). */
    List<Wire.Frame> handshakeAs(String peerType) {
        start();
        feed(Wire.greeting("NULL"), Wire.ready("Socket-Type", peerType));
        assertEquals(1, handshakes, "the handshake succeeded");
        return writtenFrames();
    }

    // ---- the application's view ------------------------------------------------------------

    /** The application sends one message. */
    void send(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            Msg m = Msg.of(parts[i]).more(i < parts.length - 1);
            if (!socketEnd.write(m)) {
                m.close();
                fail("the pipe refused frame " + i);
            }
        }
        socketEnd.flush();
        pump();
    }

    /** The next whole message the engine delivered, or null; a message cut short fails the test. */
    List<String> receive() {
        List<String> parts = new ArrayList<>();
        Msg m = new Msg();
        while (socketEnd.read(m)) {
            parts.add(m.data().toString(StandardCharsets.ISO_8859_1));
            boolean more = m.hasMore();
            m.close();
            if (!more) {
                pump(); // the reader's activations (room again) reach the engine
                return parts;
            }
        }
        if (!parts.isEmpty()) {
            fail("a message cut short reached the socket: " + parts);
        }
        return null;
    }

    /** Every whole message delivered so far. */
    List<List<String>> receiveAll() {
        List<List<String>> all = new ArrayList<>();
        for (List<String> m = receive(); m != null; m = receive()) {
            all.add(m);
        }
        return all;
    }

    /** The stop the engine reported; fails if it has not stopped. */
    Stop stopped() {
        assertNotNull(stop, "the engine stopped");
        return stop;
    }

    // ---- EngineOwner ----------------------------------------------------------------------

    @Override
    public boolean handshakeDone(Engine e) {
        handshakes++;
        if (refuse) {
            return false;
        }
        if (socketEnd == null) {
            PipePair pair = PipePair.create(cfg.sndHwm, cfg.rcvHwm, false, false, true, ENDPOINT).secondReadInPlace();
            socketEnd = pair.first();
            sessionEnd = pair.second();
            socketEnd.owner(box, socketSide);
            sessionEnd.owner(box, sessionSide);
        }
        socketEnd.peerIdentity(e.peerType(), e.peerIdentity());
        e.attachPipe(sessionEnd);
        return true;
    }

    @Override
    public void outputIdle(Engine e) {
    }

    @Override
    public void engineStopped(Engine e, boolean handshaked, SocketEvent event, long value, String detail,
                              boolean protocolError) {
        if (stop != null) {
            fail("stopped twice: " + stop + ", then " + detail);
        }
        stop = new Stop(handshaked, event, value, detail, protocolError);
    }

    @Override
    public void messagesLost(Engine e, long messages, String why) {
        lost += messages;
        lostWhy.add(why);
    }

    /** Closes the engine and the pipe, releases what they hold, and checks nothing leaked. */
    @Override
    public void close() {
        engine.close();
        if (socketEnd != null) {
            Msg m = new Msg();
            while (socketEnd.read(m)) {
                m.close();
            }
            while (sessionEnd.read(m)) {
                m.close();
            }
        }
        io.close();
        assertEquals(0, TestBuffers.used(alloc), "every buffer of the engine's allocator was released");
    }
}
