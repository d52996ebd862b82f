package io.gannet.internal.engine;

import io.gannet.Msg;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.zmtp.Subscriptions;
import io.gannet.internal.zmtp.mechanism.Mechanism;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;

/**
 * What a ZMTP connection sends after its greeting, in order: handshake commands, then
 * messages from the pipe with the engine's own commands (PING, PONG) between them, and
 * SUB/XSUB subscriptions turned from messages into SUBSCRIBE/CANCEL commands for a 3.1 peer.
 * When the mechanism wraps traffic (CURVE), every frame after the handshake goes out
 * through {@link Mechanism#encode}/{@link Mechanism#encodeCommand}.
 *
 * <p>Owned by the engine's I/O thread; not thread-safe.
 */
final class ZmtpOutput {
    private final ByteBufAllocator alloc;
    private final Mechanism mechanism;
    /** The mechanism wraps every frame after the handshake (CURVE); false keeps the plain path. */
    private final boolean wraps;
    private final boolean sendsSubscriptions;
    private final ArrayDeque<ByteBuf> commands = new ArrayDeque<>(4);
    /** Handshake commands at the head of {@link #commands}: they go out unwrapped. */
    private int handshakeCommands;
    private boolean midMessage;

    ZmtpOutput(ByteBufAllocator alloc, Mechanism mechanism, boolean sendsSubscriptions) {
        this.alloc = alloc;
        this.mechanism = mechanism;
        this.wraps = mechanism.wrapsTraffic();
        this.sendsSubscriptions = sendsSubscriptions;
    }

    /** Queues a handshake command: sent as it is, never wrapped. */
    void handshakeCommand(ByteBuf body) {
        commands.add(body);
        handshakeCommands++;
    }

    /** Queues a command of the traffic phase (PING, PONG): wrapped if the mechanism wraps. */
    void trafficCommand(ByteBuf body) {
        commands.add(body);
    }

    /** Whether the last frame taken from the pipe had MORE set (the rest is still queued). */
    boolean midMessage() {
        return midMessage;
    }

    /** A new pipe: it starts at a message boundary. */
    void pipeAttached() {
        midMessage = false;
    }

    /**
     * Moves queued commands, then messages from {@code pipe} (null while the handshake runs
     * or when there is none) into {@code batch} as far as it has room. Commands go between
     * messages, never inside one.
     */
    void fill(OutputBatch batch, PipeEnd pipe, Msg scratch, boolean peer31) {
        while (batch.hasRoom()) {
            if (!midMessage && !commands.isEmpty()) {
                ByteBuf cmd = commands.poll();
                if (handshakeCommands > 0) {
                    handshakeCommands--;
                    batch.addFrame(cmd, false, true);
                } else {
                    addCommand(batch, cmd);
                }
                continue;
            }
            if (pipe == null || !pipe.read(scratch)) {
                return;
            }
            boolean more = scratch.hasMore();
            ByteBuf body = scratch.take();
            if (!midMessage && !more && peer31 && sendsSubscriptions && Subscriptions.isSubscriptionMessage(body)) {
                ByteBuf cmd = Subscriptions.messageToCommand(alloc, body);
                body.release();
                addCommand(batch, cmd);
            } else if (wraps) {
                batch.addFrame(mechanism.encode(body, more, alloc), false, false);
                if (!more) {
                    batch.messageEnded(); // counted like a plain message if the batch is dropped
                }
            } else {
                batch.addFrame(body, more, false);
                if (!more) {
                    batch.messageEnded();
                }
            }
            midMessage = more;
        }
    }

    private void addCommand(OutputBatch batch, ByteBuf cmd) {
        if (wraps) {
            batch.addFrame(mechanism.encodeCommand(cmd, alloc), false, false);
        } else {
            batch.addFrame(cmd, false, true);
        }
    }

    /**
     * Moves the queued handshake commands (an ERROR owed to the peer) into {@code batch}
     * for one last write before the connection is dropped.
     */
    boolean drainHandshakeCommands(OutputBatch batch) {
        boolean any = false;
        while (!commands.isEmpty() && batch.hasRoom()) {
            batch.addFrame(commands.poll(), false, true);
            any = true;
        }
        return any;
    }

    /** Whether anything is queued. */
    boolean hasCommands() {
        return !commands.isEmpty();
    }

    /** Releases what is queued (on close). */
    void release() {
        ByteBuf c;
        while ((c = commands.poll()) != null) {
            c.release();
        }
        handshakeCommands = 0;
    }
}
