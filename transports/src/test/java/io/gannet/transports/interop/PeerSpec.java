package io.gannet.transports.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.gannet.SocketType;

/**
 * The command line of one {@link LibzmqPeer}, built fluently:
 *
 * <pre>{@code
 * LibzmqPeer pull = LibzmqPeer.builder(SocketType.PULL)
 *         .bind("tcp://127.0.0.1:*").option("RCVHWM", 100)
 *         .mode("recv").count(10_000).start();
 * }</pre>
 *
 * <p>Typed setters cover the common flags; {@link #arg} and {@link #flag} pass any other
 * {@code zmq_peer.py} flag through. Byte values (topics, routing ids, option values) are
 * text, or hex with a {@code hex:} prefix ({@link PeerMessages#hexArg}). Used by one thread.
 */
public final class PeerSpec {
    private final List<String> args = new ArrayList<>();
    private final Consumer<LibzmqPeer> onStart;
    private boolean hasMode;

    PeerSpec(SocketType type, Consumer<LibzmqPeer> onStart) {
        this.onStart = onStart;
        arg("--type", type.name());
    }

    /** Binds (repeatable); {@code tcp://127.0.0.1:*} picks a free port, reported by READY. */
    public PeerSpec bind(String endpoint) {
        return arg("--bind", endpoint);
    }

    /** Connects (repeatable). */
    public PeerSpec connect(String endpoint) {
        return arg("--connect", endpoint);
    }

    /** Sets a libzmq socket option by its libzmq name, e.g. {@code option("HEARTBEAT_IVL", 100)}. */
    public PeerSpec option(String name, Object value) {
        return arg("--option", name + "=" + value);
    }

    /** Prints {@code EVENT <NAME> <value> <endpoint>} for every socket monitor event. */
    public PeerSpec monitor() {
        return flag("--monitor");
    }

    /** The mode: send, recv, echo, req, sub, xpub, xsub, heartbeat-silent or lines. */
    public PeerSpec mode(String mode) {
        hasMode = true;
        return arg("--mode", mode);
    }

    /** Messages to send, receive, echo or count (0: until {@link LibzmqPeer#stop()}). */
    public PeerSpec count(int count) {
        return arg("--count", count);
    }

    /** One message per size, cycling: payload bytes of each message's payload frames. */
    public PeerSpec sizes(int... sizes) {
        StringBuilder list = new StringBuilder();
        for (int size : sizes) {
            list.append(list.length() == 0 ? "" : ",").append(size);
        }
        return arg("--sizes", list);
    }

    /** Payload bytes in every payload frame. */
    public PeerSpec size(int size) {
        return arg("--size", size);
    }

    /** Frames per message, header frame included. */
    public PeerSpec frames(int frames) {
        return arg("--frames", frames);
    }

    /** A topic prefix for frame 0; repeat to cycle topics by sequence number. */
    public PeerSpec topic(String topic) {
        return arg("--topic", topic);
    }

    /** SUB/XSUB: subscribe to {@code topic} (applied in order with unsubscribe). */
    public PeerSpec subscribe(String topic) {
        return arg("--subscribe", topic);
    }

    /** SUB/XSUB: cancel {@code topic}. */
    public PeerSpec unsubscribe(String topic) {
        return arg("--unsubscribe", topic);
    }

    /** Idle timeout of receiving modes. */
    public PeerSpec timeout(Duration timeout) {
        return arg("--timeout-ms", timeout.toMillis());
    }

    /** Pause before the socket closes (send and lines default to 500 ms, for libzmq's ipc bug). */
    public PeerSpec waitBeforeClose(Duration wait) {
        return arg("--wait-ms", wait.toMillis());
    }

    /** Any flag with a value, e.g. {@code arg("--to", "hex:00ff")}. */
    public PeerSpec arg(String flag, Object value) {
        args.add(flag);
        args.add(String.valueOf(value));
        return this;
    }

    /** Any flag without a value, e.g. {@code flag("--allow-loss")}. */
    public PeerSpec flag(String flag) {
        args.add(flag);
        return this;
    }

    /** The arguments as they will be passed to {@code zmq_peer.py}. */
    public List<String> args() {
        return List.copyOf(args);
    }

    /** Starts the peer (it has not necessarily bound or connected yet: see {@link LibzmqPeer#awaitReady}). */
    public LibzmqPeer start() {
        if (!hasMode) {
            throw new IllegalStateException("no mode given for peer " + String.join(" ", args));
        }
        LibzmqPeer peer = LibzmqPeer.start(args);
        if (onStart != null) {
            onStart.accept(peer);
        }
        return peer;
    }
}
