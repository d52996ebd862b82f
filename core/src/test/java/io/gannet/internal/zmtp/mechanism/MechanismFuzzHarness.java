package io.gannet.internal.zmtp.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketEvent;
import io.gannet.SocketType;
import io.gannet.internal.fuzz.FuzzInput;
import io.gannet.internal.zmtp.CommandName;
import io.gannet.internal.zmtp.TestBuffers;
import io.gannet.internal.zmtp.mechanism.Mechanism.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.EnumSet;
import java.util.Set;

/**
 * Drives one {@link Mechanism} as the engine does, with handshake commands from a hostile
 * peer, and checks what every mechanism must guarantee. A fuzz target per mechanism is one
 * small class that names a {@link Factory} ({@link NullMechanismFuzzTest}); PLAIN and CURVE
 * add theirs, with their own seed corpus.
 *
 * <p>Input layout: byte 0 picks our socket type, byte 1 bit 0 the as-server role and bit 1
 * whether our first commands go out before the peer's arrive; then the peer's commands, each
 * as a length byte and that many bytes of command body.
 *
 * <p>Properties: no exception escapes; the status only moves forward (HANDSHAKING to READY
 * or ERROR) and ERROR is final; {@code error()} is set exactly on ERROR, with a
 * HANDSHAKE_FAILED event and a detail; nothing is sent after a READY, and a failed handshake
 * sends at most an ERROR (never a READY); a READY handshake reports a peer socket type that
 * is compatible or absent; heap allocation stays within what the input justifies; every
 * buffer is released.
 */
final class MechanismFuzzHarness {
    private static final SocketType[] TYPES = SocketType.values();
    private static final Set<SocketEvent> FAILED = EnumSet.of(SocketEvent.HANDSHAKE_FAILED_PROTOCOL,
            SocketEvent.HANDSHAKE_FAILED_AUTH, SocketEvent.HANDSHAKE_FAILED_NO_DETAIL);

    /** Makes the mechanism under test for one connection. */
    interface Factory {
        Mechanism create(HandshakeConfig config, boolean asServer);
    }

    private MechanismFuzzHarness() {
    }

    static void check(Factory factory, byte[] input) {
        check(factory, input, 0);
    }

    /**
     * As {@link #check(Factory, byte[])}, allowing {@code cryptoCost} more heap bytes per
     * input: what the mechanism's key agreements and boxes cost whatever the input (CURVE).
     */
    static void check(Factory factory, byte[] input, long cryptoCost) {
        if (input.length < 2) {
            return;
        }
        long allocated = FuzzInput.heapAllocatedBySecondRun(() -> handshake(factory, input));
        FuzzInput.assertHeapBudget(allocated, input.length, cryptoCost, "handshake");
    }

    /** One handshake driven by {@code input}, checked as it goes and at its end. */
    private static void handshake(Factory factory, byte[] input) {
        UnpooledByteBufAllocator alloc = TestBuffers.allocator();
        SocketType ours = TYPES[(input[0] & 0xFF) % TYPES.length];
        Mechanism m = factory.create(HandshakeConfig.of(ours), (input[1] & 1) != 0);
        Sent sent = new Sent();
        if ((input[1] & 2) != 0) {
            drain(m, alloc, sent);
        }
        int pos = 2;
        while (pos < input.length && m.status() == Status.HANDSHAKING) {
            int length = Math.min(input[pos] & 0xFF, input.length - pos - 1);
            ByteBuf command = alloc.heapBuffer(Math.max(1, length)).writeBytes(input, pos + 1, length);
            pos += 1 + length;
            Status status;
            try {
                status = m.processCommand(command);
            } finally {
                command.release();
            }
            assertEquals(m.status(), status, "processCommand returns the status");
            drain(m, alloc, sent);
        }
        drain(m, alloc, sent);

        if (m.status() == Status.ERROR) {
            assertNotNull(m.error(), "ERROR without a reason");
            assertTrue(FAILED.contains(m.error().event()), m.error().toString());
            assertFalse(m.error().detail().isEmpty());
            assertTrue(m.peerMetadata().size() == 0, "metadata of a refused peer");
            assertNull(m.nextCommand(alloc), "a command after the ERROR was taken");
        } else {
            assertNull(m.error());
        }
        if (m.status() == Status.READY) {
            SocketType peer = m.peerSocketType();
            assertTrue(peer == null || ours.compatibleWith(peer), "READY with an incompatible " + peer);
        }
        assertEquals(0, TestBuffers.used(alloc), "leaked");
    }

    /** What we have sent so far, to check the order of our commands. */
    private static final class Sent {
        boolean ready;
        Status lastStatus = Status.HANDSHAKING;
    }

    /** Takes every command the mechanism wants to send, as the engine does, checking each. */
    private static void drain(Mechanism m, UnpooledByteBufAllocator alloc, Sent sent) {
        Status statusBefore = sent.lastStatus;
        for (ByteBuf c = m.nextCommand(alloc); c != null; c = m.nextCommand(alloc)) {
            try {
                assertFalse(sent.ready, "a command after our READY (RFC 37: READY ends a mechanism handshake)");
                if (m.status() == Status.ERROR) {
                    // A PLAIN server writes ERROR as libzmq 4.3 does (Libzmq43Error), for its clients' sake.
                    boolean error = CommandName.ERROR.matches(c)
                            || (m.name().equals(PlainClientMechanism.NAME) && Libzmq43Error.reason(c) != null);
                    assertTrue(error, "a failed handshake sends only an ERROR, got "
                            + ByteBufUtil.hexDump(c));
                }
                sent.ready = CommandName.READY.matches(c);
            } finally {
                c.release();
            }
        }
        Status now = m.status();
        assertTrue(statusBefore == Status.HANDSHAKING || statusBefore == now, statusBefore + " became " + now);
        sent.lastStatus = now;
    }
}
