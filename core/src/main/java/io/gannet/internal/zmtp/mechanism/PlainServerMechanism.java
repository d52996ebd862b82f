package io.gannet.internal.zmtp.mechanism;

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
 * The server side of the PLAIN mechanism (RFC 24 "ZMTP PLAIN"), as libzmq 4.3 runs it: the
 * client's user name and password go to the ZAP handler, which decides.
 *
 * <pre>
 *  WAIT_HELLO ─HELLO─► ZAP request ─200─► send WELCOME ─► WAIT_INITIATE ─INITIATE─► send READY ─► READY
 *                           ├─300───► ERROR (auth 300, nothing sent)
 *                           └─400/500► ERROR (auth, ERROR "400"/"500" sent)
 *  no ZAP handler bound: ERROR (HANDSHAKE_FAILED_NO_DETAIL, as libzmq 4.3 refuses every client)
 *  a command other than the one awaited, a malformed HELLO: ERROR (protocol)
 * </pre>
 *
 * <pre>
 *  HELLO:    | 0x05 "HELLO" | user len (1) | user | password len (1) | password |  (exact length)
 *  WELCOME:  | 0x07 "WELCOME" |
 *  INITIATE: | 0x08 "INITIATE" | metadata |
 *  READY:    | 0x05 "READY" | metadata |
 * </pre>
 *
 * The password is copied only into the ZAP request and overwritten here once it is sent.
 * One instance per connection, owned by the engine's I/O thread.
 */
public final class PlainServerMechanism extends ZapServerMechanism {
    private enum Step { WAIT_HELLO, WAIT_ZAP, SEND_WELCOME, WAIT_INITIATE, SEND_READY, DONE }

    private Step step = Step.WAIT_HELLO;

    /**
     * @param config    what we announce
     * @param zapDomain the ZAP domain sent to the handler (may be empty)
     */
    public PlainServerMechanism(HandshakeConfig config, String zapDomain) {
        super(config, zapDomain);
    }

    @Override
    public String name() {
        return PlainClientMechanism.NAME;
    }

    @Override
    ByteBuf handshakeCommand(ByteBufAllocator alloc) {
        if (step == Step.SEND_WELCOME) {
            step = Step.WAIT_INITIATE;
            return Commands.allocate(alloc, PlainClientMechanism.WELCOME, 0);
        }
        if (step == Step.SEND_READY) {
            step = Step.DONE;
            status = Status.READY;
            return ReadyCommand.encode(alloc, config.metadata());
        }
        return null;
    }

    @Override
    public Status processCommand(ByteBuf body) {
        if (status != Status.HANDSHAKING) {
            return status;
        }
        if (!Commands.isWellFormed(body)) {
            return fail(HandshakeError.of(ProtocolError.MALFORMED_COMMAND,
                    "malformed command of " + body.readableBytes() + " bytes during PLAIN handshake"));
        }
        if (step == Step.WAIT_HELLO && Commands.hasName(body, PlainClientMechanism.HELLO)) {
            return onHello(body);
        }
        if (step == Step.WAIT_INITIATE && Commands.hasName(body, PlainClientMechanism.INITIATE)) {
            return onInitiate(body);
        }
        if (step == Step.WAIT_ZAP) {
            return commandWhileWaiting();
        }
        return fail(HandshakeError.of(ProtocolError.UNEXPECTED_COMMAND,
                "unexpected command " + Commands.nameOf(body) + " during PLAIN handshake"));
    }

    private Status onHello(ByteBuf body) {
        int at = Commands.dataIndex(body);
        int length = Commands.dataLength(body);
        if (length < 1) {
            return malformedHello("no user name length");
        }
        int userLength = body.getUnsignedByte(at);
        if (1 + userLength + 1 > length) {
            return malformedHello("user name or password length runs past the end");
        }
        int passwordLength = body.getUnsignedByte(at + 1 + userLength);
        if (1 + userLength + 1 + passwordLength != length) {
            return malformedHello("password length does not end the command");
        }
        byte[] user = new byte[userLength];
        body.getBytes(at + 1, user);
        byte[] password = new byte[passwordLength];
        body.getBytes(at + 2 + userLength, password);
        boolean asked;
        try {
            asked = zap.ask(PlainClientMechanism.NAME, user, password);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
        if (!asked) {
            return fail(HandshakeError.of(ProtocolError.ZAP_UNAVAILABLE,
                    "a PLAIN server needs a ZAP handler at " + ZapClient.ENDPOINT + " and none is bound"));
        }
        step = Step.WAIT_ZAP;
        return status;
    }

    private Status malformedHello(String why) {
        return fail(HandshakeError.of(ProtocolError.MALFORMED_HELLO, "PLAIN HELLO: " + why));
    }

    @Override
    void zapAllowed() {
        step = Step.SEND_WELCOME;
    }

    private Status onInitiate(ByteBuf body) {
        Metadata metadata;
        try {
            metadata = Metadata.parse(body, Commands.dataIndex(body), Commands.dataLength(body),
                    ProtocolError.MALFORMED_INITIATE);
        } catch (ZmtpViolation e) {
            return fail(e.toHandshakeError());
        }
        HandshakeError refused = PeerMetadataCheck.check(metadata, config.socketType());
        if (refused != null) {
            return fail(refused);
        }
        peer = metadata;
        step = Step.SEND_READY;
        return status;
    }

    @Override
    void wipeSecrets() {
        // The password never outlives onHello.
    }
}
