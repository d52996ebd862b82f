package io.gannet.internal.zmtp;

import io.gannet.SocketEvent;

/**
 * Everything a ZMTP peer can do wrong, as seen by the codec and the handshake layer.
 *
 * <p>Each constant carries libzmq's {@code ZMQ_PROTOCOL_ERROR_*} number (the value of a
 * {@link SocketEvent#HANDSHAKE_FAILED_PROTOCOL} event) and the monitor event it maps to.
 * Framing errors found after the handshake are not handshake failures: libzmq just drops the
 * connection (a {@link SocketEvent#DISCONNECTED} event); the engine decides which event to
 * raise from the phase it is in. Immutable; any thread.
 */
public enum ProtocolError {
    // --- greeting (RFC 37 "Version Negotiation", "Authentication and Confidentiality")
    /** Byte 0 is not 0xFF or byte 9 lacks bit 0: not a ZMTP 3 greeting (ZMTP 1.0 or junk). */
    BAD_SIGNATURE(Codes.UNSPECIFIED),
    /** The peer speaks ZMTP 2.0 or older (major version below 3). */
    UNSUPPORTED_VERSION(Codes.UNSPECIFIED),
    /** The mechanism field holds characters RFC 37 does not allow, or no name at all. */
    BAD_MECHANISM_NAME(Codes.MECHANISM_MISMATCH),
    /** The peer announced a different security mechanism from ours. */
    MECHANISM_MISMATCH(Codes.MECHANISM_MISMATCH),

    // --- framing (RFC 37 "Framing")
    /** A frame is larger than MAXMSGSIZE. */
    FRAME_TOO_LARGE(Codes.UNSPECIFIED),
    /** A long frame size has its top bit set (2^63 or more). */
    BAD_FRAME_SIZE(Codes.UNSPECIFIED),
    /** A frame is larger than one Java buffer can hold (above {@link Integer#MAX_VALUE}). */
    FRAME_SIZE_UNSUPPORTED(Codes.UNSPECIFIED),
    /** A command frame has the MORE flag set. */
    COMMAND_WITH_MORE(Codes.MALFORMED_COMMAND),

    // --- commands (RFC 37 "Commands", "The NULL Security Mechanism", heartbeats)
    /** A command body is too short for its own name, or its name is empty. */
    MALFORMED_COMMAND(Codes.MALFORMED_COMMAND),
    /** A READY body whose property lengths run past its end, or an empty property name. */
    MALFORMED_READY(0x10000016),
    /** An ERROR body whose reason length runs past its end. */
    MALFORMED_ERROR(0x10000015),
    /** A WELCOME body that is not what the mechanism expects (PLAIN: no data at all). */
    MALFORMED_WELCOME(0x10000017),
    /** A CURVE HELLO of the wrong size or version. */
    MALFORMED_HELLO(0x10000013),
    /** A CURVE INITIATE of the wrong size. */
    MALFORMED_INITIATE(0x10000014),
    /** A CURVE MESSAGE too short for its nonce, tag and flags. */
    MALFORMED_MESSAGE(0x10000012),
    /** A CURVE box that does not open: wrong key, forged or damaged. */
    CRYPTOGRAPHIC(0x11000001),
    /** A CURVE vouch that does not name the keys of this connection. */
    KEY_EXCHANGE(0x10000003),
    /** A CURVE nonce that is not above the last one received (a replay or reordering). */
    INVALID_SEQUENCE(0x10000002),
    /** A PING body without its two TTL bytes. */
    MALFORMED_PING(Codes.MALFORMED_COMMAND),
    /** A command the current handshake step does not expect (e.g. a second READY). */
    UNEXPECTED_COMMAND(0x10000001),
    /** Metadata is missing something required (Socket-Type) or names an incompatible type. */
    INVALID_METADATA(0x10000018),
    /** The peer ended the handshake with an ERROR command whose reason is not a ZAP status. */
    PEER_ERROR(Codes.UNSPECIFIED),

    // --- authentication (ZAP, RFC 27); used by PLAIN and CURVE
    /** Authentication failed; the event value is the ZAP status code (300, 400, 500). */
    AUTH_FAILED(0),
    /**
     * The mechanism must ask a ZAP handler and none is bound at {@code inproc://zeromq.zap.01}
     * (a PLAIN server), or the handler went away before it answered. libzmq reports
     * {@link SocketEvent#HANDSHAKE_FAILED_NO_DETAIL} with EFAULT (14) as the value.
     */
    ZAP_UNAVAILABLE(14),
    /** The ZAP reply's delimiter frame is not empty. */
    ZAP_UNSPECIFIED(0x20000000),
    /** The ZAP reply does not have exactly seven frames. */
    ZAP_MALFORMED_REPLY(0x20000001),
    /** The ZAP reply's request id is not the one sent. */
    ZAP_BAD_REQUEST_ID(0x20000002),
    /** The ZAP reply's version is not "1.0". */
    ZAP_BAD_VERSION(0x20000003),
    /** The ZAP reply's status code is not 200, 300, 400 or 500. */
    ZAP_INVALID_STATUS_CODE(0x20000004),
    /** The ZAP reply's metadata frame is not well-formed. */
    ZAP_INVALID_METADATA(0x20000005);

    private final int zmqCode;

    ProtocolError(int zmqCode) {
        this.zmqCode = zmqCode;
    }

    /** libzmq's {@code ZMQ_PROTOCOL_ERROR_*} value for this error (0 for {@link #AUTH_FAILED}). */
    public int zmqCode() {
        return zmqCode;
    }

    /** The monitor event a handshake that fails with this error raises. */
    public SocketEvent handshakeEvent() {
        switch (this) {
            case AUTH_FAILED:
                return SocketEvent.HANDSHAKE_FAILED_AUTH;
            case PEER_ERROR:
            case ZAP_UNAVAILABLE:
                return SocketEvent.HANDSHAKE_FAILED_NO_DETAIL;
            default:
                return SocketEvent.HANDSHAKE_FAILED_PROTOCOL;
        }
    }

    /** libzmq's numbers, named once (zmq.h). */
    private static final class Codes {
        static final int UNSPECIFIED = 0x10000000;
        static final int MALFORMED_COMMAND = 0x10000011;
        static final int MECHANISM_MISMATCH = 0x11000002;
    }
}
