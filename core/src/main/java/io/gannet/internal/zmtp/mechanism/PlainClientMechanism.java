package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.zmtp.CommandName;
import io.gannet.internal.zmtp.Commands;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.ReadyCommand;
import io.gannet.internal.zmtp.ZmtpViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.Arrays;

/**
 * The client side of the PLAIN mechanism (RFC 24 "ZMTP PLAIN"): the user name and password
 * go to the server in clear text; the server (through its ZAP handler) accepts or refuses.
 *
 * <pre>
 *   send HELLO ─► WAIT_WELCOME ─WELCOME─► send INITIATE ─► WAIT_READY ─READY─► READY
 *   ERROR from the server in either wait: ERROR (a "300"/"400"/"500" reason is an auth failure;
 *                                         libzmq 4.3's misspelt ERROR is recognised too)
 *   any other command, or a malformed one: ERROR (protocol)
 * </pre>
 *
 * <pre>
 *  HELLO:    | 0x05 "HELLO" | user len (1) | user | password len (1) | password |
 *  WELCOME:  | 0x07 "WELCOME" |                                 (no data)
 *  INITIATE: | 0x08 "INITIATE" | metadata |
 *  READY:    | 0x05 "READY" | metadata |
 * </pre>
 *
 * PLAIN protects nothing on the wire: anyone who can read the traffic reads the password.
 * Our copy of the password is overwritten once HELLO is built. One instance per connection,
 * owned by the engine's I/O thread.
 */
public final class PlainClientMechanism extends HandshakeOutcome {
    /** The mechanism name in the greeting. */
    public static final String NAME = "PLAIN";

    static final byte[] HELLO = Commands.name("HELLO");
    static final byte[] WELCOME = Commands.name("WELCOME");
    static final byte[] INITIATE = Commands.name("INITIATE");

    private enum Step { SEND_HELLO, WAIT_WELCOME, SEND_INITIATE, WAIT_READY, DONE, FAILED }

    private final HandshakeConfig config;
    private final byte[] username;
    private final byte[] password;
    private Step step = Step.SEND_HELLO;

    /**
     * @param username 0-255 bytes (copied)
     * @param password 0-255 bytes (copied; the copy is overwritten once sent)
     */
    public PlainClientMechanism(HandshakeConfig config, byte[] username, byte[] password) {
        if (username.length > 255 || password.length > 255) {
            throw new IllegalArgumentException("PLAIN user name and password are at most 255 bytes");
        }
        this.config = config;
        this.username = username.clone();
        this.password = password.clone();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public ByteBuf nextCommand(ByteBufAllocator alloc) {
        switch (step) {
            case SEND_HELLO:
                step = Step.WAIT_WELCOME;
                return hello(alloc);
            case SEND_INITIATE:
                step = Step.WAIT_READY;
                ByteBuf body = Commands.allocate(alloc, INITIATE, config.metadata().encodedSize());
                config.metadata().writeTo(body);
                return body;
            default:
                return null;
        }
    }

    private ByteBuf hello(ByteBufAllocator alloc) {
        ByteBuf body = Commands.allocate(alloc, HELLO, 2 + username.length + password.length);
        body.writeByte(username.length).writeBytes(username);
        body.writeByte(password.length).writeBytes(password);
        Arrays.fill(password, (byte) 0);
        return body;
    }

    @Override
    public Status processCommand(ByteBuf body) {
        if (status != Status.HANDSHAKING) {
            return status;
        }
        boolean waiting = step == Step.WAIT_WELCOME || step == Step.WAIT_READY;
        HandshakeError refused = clientRefusal(body, waiting, "PLAIN");
        if (refused != null) {
            return fail(refused);
        }
        if (step == Step.WAIT_WELCOME && Commands.hasName(body, WELCOME)) {
            if (Commands.dataLength(body) != 0) {
                return fail(HandshakeError.of(ProtocolError.MALFORMED_WELCOME, "PLAIN WELCOME with data"));
            }
            step = Step.SEND_INITIATE;
            return status;
        }
        if (step == Step.WAIT_READY && CommandName.READY.matches(body)) {
            return onReady(body);
        }
        return fail(HandshakeError.of(ProtocolError.UNEXPECTED_COMMAND,
                "unexpected command " + Commands.nameOf(body) + " during PLAIN handshake"));
    }

    private Status onReady(ByteBuf body) {
        Metadata metadata;
        try {
            metadata = ReadyCommand.parse(body);
        } catch (ZmtpViolation e) {
            return fail(e.toHandshakeError());
        }
        HandshakeError refused = PeerMetadataCheck.check(metadata, config.socketType());
        if (refused != null) {
            return fail(refused);
        }
        peer = metadata;
        step = Step.DONE;
        status = Status.READY;
        return status;
    }

    private Status fail(HandshakeError why) {
        Arrays.fill(password, (byte) 0);
        error = why;
        step = Step.FAILED;
        status = Status.ERROR;
        peer = Metadata.EMPTY;
        return status;
    }
}
