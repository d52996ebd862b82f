package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;

/**
 * The commands ZMTP 3.1 itself defines (RFC 37 "Commands"). Mechanisms add their own
 * (HELLO, WELCOME...) and match them with {@link Commands#hasName}; they do not belong here.
 * Immutable; any thread.
 */
public enum CommandName {
    /** NULL handshake: metadata. */
    READY,
    /** Fatal handshake error with a reason. */
    ERROR,
    /** 3.1 subscription. */
    SUBSCRIBE,
    /** 3.1 subscription cancel. */
    CANCEL,
    /** Heartbeat request. */
    PING,
    /** Heartbeat reply. */
    PONG;

    private static final CommandName[] ALL = values();

    private final byte[] bytes = Commands.name(name());

    /** The name's ASCII bytes (do not modify). */
    byte[] bytes() {
        return bytes;
    }

    /** Whether {@code body} is this command. */
    public boolean matches(ByteBuf body) {
        return Commands.hasName(body, bytes);
    }

    /** Which of these commands {@code body} is, or null for another or a malformed one. */
    public static CommandName of(ByteBuf body) {
        for (CommandName c : ALL) {
            if (c.matches(body)) {
                return c;
            }
        }
        return null;
    }
}
