package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Converts subscriptions between their two wire forms. Implements RFC 37 "The
 * Publish-Subscribe Pattern" (commands) and RFC 29 / ZMTP 3.0 (messages).
 *
 * <pre>
 *  message form (ZMTP 3.0 peers, and Gannet's sockets internally):
 *  +-------------------------+--------------------+
 *  | 1 = subscribe, 0 = cancel | topic, 0..n bytes |
 *  +-------------------------+--------------------+
 *
 *  command form (ZMTP 3.1 peers):
 *  +------+-------------+-------------------+     +------+----------+-------------------+
 *  | 0x09 | "SUBSCRIBE" | topic, 0..n bytes | and | 0x06 | "CANCEL" | topic, 0..n bytes |
 *  +------+-------------+-------------------+     +------+----------+-------------------+
 * </pre>
 *
 * The engine sends a 3.1 peer the command form ({@link #messageToCommand}) and a 3.0 peer the
 * message unchanged; it turns received SUBSCRIBE/CANCEL commands into the message form
 * ({@link #commandToMessage}) and accepts both forms from anyone, as libzmq does.
 * Subscriptions are rare, so conversions copy. Stateless; any thread.
 */
public final class Subscriptions {
    /** First byte of a subscribe message. */
    public static final int SUBSCRIBE = 1;
    /** First byte of a cancel message. */
    public static final int CANCEL = 0;

    private Subscriptions() {
    }

    /** Whether a command body is SUBSCRIBE or CANCEL. */
    public static boolean isSubscriptionCommand(ByteBuf command) {
        return CommandName.SUBSCRIBE.matches(command) || CommandName.CANCEL.matches(command);
    }

    /** Whether a message frame is a subscription message: first byte 1 or 0. */
    public static boolean isSubscriptionMessage(ByteBuf message) {
        if (!message.isReadable()) {
            return false;
        }
        int first = message.getUnsignedByte(message.readerIndex());
        return first == SUBSCRIBE || first == CANCEL;
    }

    /**
     * The message form of a SUBSCRIBE or CANCEL command body, or null if the body is neither.
     * Does not release {@code command}; the caller owns the result.
     */
    public static ByteBuf commandToMessage(ByteBufAllocator alloc, ByteBuf command) {
        int kind;
        if (CommandName.SUBSCRIBE.matches(command)) {
            kind = SUBSCRIBE;
        } else if (CommandName.CANCEL.matches(command)) {
            kind = CANCEL;
        } else {
            return null;
        }
        int topicLength = Commands.dataLength(command);
        ByteBuf message = alloc.buffer(1 + topicLength);
        message.writeByte(kind);
        message.writeBytes(command, Commands.dataIndex(command), topicLength);
        return message;
    }

    /**
     * The command form of a subscription message, or null if the message is not one (empty, or
     * first byte neither 1 nor 0). Does not release {@code message}; the caller owns the result.
     */
    public static ByteBuf messageToCommand(ByteBufAllocator alloc, ByteBuf message) {
        if (!isSubscriptionMessage(message)) {
            return null;
        }
        int start = message.readerIndex();
        CommandName name = message.getUnsignedByte(start) == SUBSCRIBE ? CommandName.SUBSCRIBE : CommandName.CANCEL;
        int topicLength = message.readableBytes() - 1;
        ByteBuf command = Commands.allocate(alloc, name.bytes(), topicLength);
        command.writeBytes(message, start + 1, topicLength);
        return command;
    }

    /** Builds a subscription in message form. The caller owns the result. */
    public static ByteBuf message(ByteBufAllocator alloc, boolean subscribe, byte[] topic) {
        ByteBuf message = alloc.buffer(1 + topic.length);
        message.writeByte(subscribe ? SUBSCRIBE : CANCEL);
        message.writeBytes(topic);
        return message;
    }
}
