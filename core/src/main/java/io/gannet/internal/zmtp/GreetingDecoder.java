package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Reads and validates a peer's 64-byte greeting ({@link Greeting} shows the layout) as its
 * bytes arrive, in pieces of any size down to one byte: libzmq sends the first bytes, waits
 * for ours, then sends the rest.
 *
 * <p>Checks, each as soon as its bytes are in: byte 0 is 0xFF and byte 9 has bit 0 set
 * (else a ZMTP 1.0 peer or junk); the major version is at least 3 (ZMTP 2.0 and older are
 * refused); the mechanism is well formed and equals ours. Bytes 1-8 (padding), the filler
 * and the as-server byte's upper bits are not validated (RFC 37 "Version Negotiation";
 * libzmq fills the padding). A peer with a higher version is accepted, as RFC 37 requires:
 * we then speak 3.1. A 3.0 peer makes both sides speak 3.0 ({@link #negotiatedMinor()}).
 *
 * <p>Owned by one engine (its I/O thread); one instance per connection. After
 * {@link Result#DONE} the decoder has consumed exactly 64 bytes and left the rest of the
 * input (the first frames) unread.
 */
public final class GreetingDecoder {

    /** What {@link #decode} found. */
    public enum Result {
        /** More bytes are needed; the input was consumed. */
        NEED_INPUT,
        /** The whole greeting arrived and is valid. */
        DONE,
        /** The greeting is invalid: see {@link #error()}; close the connection. */
        FAILED
    }

    private static final int SIGNATURE = 0;
    private static final int MAJOR = 1;
    private static final int REST = 2;
    private static final int DONE = 3;
    private static final int FAILED = 4;

    private final String ourMechanism;
    private final byte[] bytes = new byte[Greeting.SIZE];
    private int received;
    private int state = SIGNATURE;
    private String peerMechanism;
    private HandshakeError error;

    /**
     * @param ourMechanism the mechanism we announced ("NULL"); the peer must announce the same
     */
    public GreetingDecoder(String ourMechanism) {
        if (!Greeting.isValidMechanismName(ourMechanism)) {
            throw new IllegalArgumentException("invalid ZMTP mechanism name: " + ourMechanism);
        }
        this.ourMechanism = ourMechanism;
    }

    /** Consumes greeting bytes from {@code in}, never more than the greeting's 64. */
    public Result decode(ByteBuf in) {
        for (;;) {
            switch (state) {
                case SIGNATURE:
                    if (!readSignature(in)) {
                        return state == FAILED ? Result.FAILED : Result.NEED_INPUT;
                    }
                    break;
                case MAJOR:
                    if (!readMajor(in)) {
                        return state == FAILED ? Result.FAILED : Result.NEED_INPUT;
                    }
                    break;
                case REST:
                    if (!readRest(in)) {
                        return state == FAILED ? Result.FAILED : Result.NEED_INPUT;
                    }
                    break;
                case DONE:
                    return Result.DONE;
                default:
                    return Result.FAILED;
            }
        }
    }

    /** Bytes 0-9: FF, eight ignored bytes, then a byte with bit 0 set. */
    private boolean readSignature(ByteBuf in) {
        if (received == 0 && in.isReadable()) {
            bytes[0] = in.readByte();
            received = 1;
            if ((bytes[0] & 0xFF) != 0xFF) {
                return fail(ProtocolError.BAD_SIGNATURE, String.format(
                        "greeting starts with 0x%02x, not 0xff: a ZMTP 1.0 peer or not ZeroMQ", bytes[0] & 0xFF));
            }
        }
        if (!fill(in, Greeting.MAJOR_OFFSET)) {
            return false;
        }
        if ((bytes[9] & 1) == 0) {
            return fail(ProtocolError.BAD_SIGNATURE, String.format(
                    "greeting byte 9 is 0x%02x without bit 0: a ZMTP 1.0 peer or not ZeroMQ", bytes[9] & 0xFF));
        }
        state = MAJOR;
        return true;
    }

    /** Byte 10: the major version. */
    private boolean readMajor(ByteBuf in) {
        if (!fill(in, Greeting.VERSION_DETECT_SIZE)) {
            return false;
        }
        int major = peerMajor();
        if (major < Greeting.MAJOR) {
            String which = major == 1 ? "ZMTP 2.0" : major == 0 ? "ZMTP 1.0" : "ZMTP major version " + major;
            return fail(ProtocolError.UNSUPPORTED_VERSION,
                    "peer speaks " + which + " (greeting revision " + major + "); Gannet requires ZMTP 3.0 or later");
        }
        state = REST;
        return true;
    }

    /** Bytes 11-63: minor version, mechanism, as-server, filler. */
    private boolean readRest(ByteBuf in) {
        if (!fill(in, Greeting.SIZE)) {
            return false;
        }
        int end = Greeting.MECHANISM_OFFSET;
        int limit = Greeting.MECHANISM_OFFSET + Greeting.MECHANISM_SIZE;
        while (end < limit && bytes[end] != 0) {
            if (!Greeting.isMechanismChar(bytes[end] & 0xFF)) {
                return fail(ProtocolError.BAD_MECHANISM_NAME, "greeting mechanism holds byte "
                        + String.format("0x%02x", bytes[end] & 0xFF) + " at position " + (end - Greeting.MECHANISM_OFFSET));
            }
            end++;
        }
        for (int i = end; i < limit; i++) {
            if (bytes[i] != 0) {
                return fail(ProtocolError.BAD_MECHANISM_NAME, "greeting mechanism has bytes after its NUL padding");
            }
        }
        if (end == Greeting.MECHANISM_OFFSET) {
            return fail(ProtocolError.BAD_MECHANISM_NAME, "greeting mechanism is empty");
        }
        peerMechanism = new String(bytes, Greeting.MECHANISM_OFFSET, end - Greeting.MECHANISM_OFFSET,
                StandardCharsets.US_ASCII);
        if (!peerMechanism.equals(ourMechanism)) {
            return fail(ProtocolError.MECHANISM_MISMATCH,
                    "peer's mechanism is " + peerMechanism + ", this socket's is " + ourMechanism);
        }
        state = DONE;
        return true;
    }

    /** Copies input until {@code received == upTo}; true when it got there. */
    private boolean fill(ByteBuf in, int upTo) {
        int n = Math.min(upTo - received, in.readableBytes());
        if (n > 0) {
            in.readBytes(bytes, received, n);
            received += n;
        }
        return received == upTo;
    }

    private boolean fail(ProtocolError code, String detail) {
        error = HandshakeError.of(code, detail);
        state = FAILED;
        return false;
    }

    /** Whether the whole greeting arrived and is valid. */
    public boolean isDone() {
        return state == DONE;
    }

    /** The failure, or null if none. */
    public HandshakeError error() {
        return error;
    }

    /**
     * Whether the peer's first 11 bytes arrived and announce a version we speak (3 or
     * later): the moment to send the rest of our greeting.
     */
    public boolean versionAccepted() {
        return state == REST || state == DONE;
    }

    /** The peer's major version; valid once 11 bytes arrived. */
    public int peerMajor() {
        return bytes[Greeting.MAJOR_OFFSET] & 0xFF;
    }

    /** The peer's minor version; valid after {@link Result#DONE}. */
    public int peerMinor() {
        return bytes[Greeting.MINOR_OFFSET] & 0xFF;
    }

    /**
     * The minor version both sides speak: 0 with a 3.0 peer, else 1. Valid after
     * {@link Result#DONE}.
     */
    public int negotiatedMinor() {
        return peerMajor() > Greeting.MAJOR ? Greeting.MINOR : Math.min(peerMinor(), Greeting.MINOR);
    }

    /**
     * Whether the peer speaks ZMTP 3.1 or later: send it SUBSCRIBE/CANCEL commands rather than
     * subscription messages. Valid after {@link Result#DONE}.
     */
    public boolean peerSpeaks31() {
        return negotiatedMinor() >= 1;
    }

    /** The peer's mechanism name; valid after {@link Result#DONE}. */
    public String peerMechanism() {
        return peerMechanism;
    }

    /** Whether the peer claims the server role of the mechanism; valid after {@link Result#DONE}. */
    public boolean peerAsServer() {
        return bytes[Greeting.AS_SERVER_OFFSET] != 0;
    }
}
