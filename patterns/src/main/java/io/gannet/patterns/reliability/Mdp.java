package io.gannet.patterns.reliability;

/**
 * The Majordomo Protocol's constants (ZeroMQ RFC 7, MDP/0.1) and the management namespace
 * of RFC 8 (MMI).
 *
 * <pre>
 * client  -> broker   [""] "MDPC01" service body...          (REQ adds and strips the "")
 * broker  -> client   [""] "MDPC01" service body...
 * worker <-> broker   ""   "MDPW01" command ...
 *   READY      0x01  service                  worker -> broker, once, first
 *   REQUEST    0x02  client "" body...        broker -> worker
 *   REPLY      0x03  client "" body...        worker -> broker
 *   HEARTBEAT  0x04                           both ways, every interval
 *   DISCONNECT 0x05                           either way; a worker that gets it starts over
 * </pre>
 */
final class Mdp {
    static final byte[] CLIENT = FrameIo.utf8("MDPC01");
    static final byte[] WORKER = FrameIo.utf8("MDPW01");
    static final byte[] READY = {0x01};
    static final byte[] REQUEST = {0x02};
    static final byte[] REPLY = {0x03};
    static final byte[] HEARTBEAT = {0x04};
    static final byte[] DISCONNECT = {0x05};

    /** Services the broker answers itself (RFC 8). */
    static final String MMI_PREFIX = "mmi.";
    static final String MMI_SERVICE = "mmi.service";
    static final byte[] FOUND = FrameIo.utf8("200");
    static final byte[] NOT_FOUND = FrameIo.utf8("404");
    static final byte[] NOT_IMPLEMENTED = FrameIo.utf8("501");

    private Mdp() {
    }
}
