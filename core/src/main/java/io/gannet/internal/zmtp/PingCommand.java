package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * PING and PONG, ZMTP 3.1 heartbeats. Implements RFC 37 "Connection Heartbeating".
 *
 * <pre>
 *  PING  +------+--------+-------------------------+------------------------+
 *        | 0x04 | "PING" | TTL, 2 bytes big-endian | context, 0-16 bytes    |
 *        |      |        | unsigned, deciseconds   |                        |
 *        +------+--------+-------------------------+------------------------+
 *  PONG  +------+--------+------------------------+
 *        | 0x04 | "PONG" | context, 0-16 bytes    |   (echoes the PING's)
 *        +------+--------+------------------------+
 * </pre>
 *
 * A PING context longer than 16 bytes is accepted and its first 16 bytes echoed, as libzmq
 * does. libzmq answers PING even from a peer that announced 3.0, and so should the engine.
 * Stateless, allocation-free readers; any thread.
 */
public final class PingCommand {
    /** Longest context a PONG echoes. */
    public static final int MAX_CONTEXT = 16;
    /** Largest TTL the two bytes hold, in deciseconds (6553.5 s). */
    public static final int MAX_TTL_DECISECONDS = 0xFFFF;

    private PingCommand() {
    }

    /**
     * Builds a PING body.
     *
     * @param ttlDeciseconds the TTL, 0-65535 tenths of a second (0 = no hint)
     * @param context        up to 16 bytes the peer echoes (may be empty)
     */
    public static ByteBuf encodePing(ByteBufAllocator alloc, int ttlDeciseconds, byte[] context) {
        if (ttlDeciseconds < 0 || ttlDeciseconds > MAX_TTL_DECISECONDS || context.length > MAX_CONTEXT) {
            throw new IllegalArgumentException("PING ttl " + ttlDeciseconds + ", context " + context.length + " bytes");
        }
        ByteBuf body = Commands.allocate(alloc, CommandName.PING.bytes(), 2 + context.length);
        body.writeShort(ttlDeciseconds);
        body.writeBytes(context);
        return body;
    }

    /** Whether a PING body (name checked by the caller) holds its two TTL bytes. */
    public static boolean isWellFormedPing(ByteBuf ping) {
        return Commands.dataLength(ping) >= 2;
    }

    /** The TTL of a well-formed PING body, in deciseconds. */
    public static int ttlDeciseconds(ByteBuf ping) {
        return ping.getUnsignedShort(Commands.dataIndex(ping));
    }

    /**
     * Builds the PONG answering a well-formed PING body: its context, cut to 16 bytes. Does
     * not release {@code ping}. The caller owns the result.
     */
    public static ByteBuf encodePong(ByteBufAllocator alloc, ByteBuf ping) {
        int contextIndex = Commands.dataIndex(ping) + 2;
        int length = Math.min(ping.writerIndex() - contextIndex, MAX_CONTEXT);
        ByteBuf body = Commands.allocate(alloc, CommandName.PONG.bytes(), length);
        body.writeBytes(ping, contextIndex, length);
        return body;
    }

    /** Absolute index and length of a PONG body's context are {@link Commands#dataIndex} and
     *  {@link Commands#dataLength}; this returns the length cut to 16 bytes. */
    public static int pongContextLength(ByteBuf pong) {
        return Math.min(Commands.dataLength(pong), MAX_CONTEXT);
    }
}
