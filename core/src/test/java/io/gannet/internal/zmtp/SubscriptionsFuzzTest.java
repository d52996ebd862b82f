package io.gannet.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gannet.internal.fuzz.BoundedRun;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for subscription commands (RFC 37 SUBSCRIBE/CANCEL) and their ZMTP 3.0
 * message form: the input is used both as a command body and as a message frame.
 *
 * <p>Properties: no exception escapes; a body is a subscription command exactly when it
 * converts to a message, and converting back gives the same bytes; a message is a
 * subscription message exactly when its first byte is 0 or 1, and it survives the round trip
 * through the command form; inputs are not modified; every buffer released.
 */
class SubscriptionsFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        check(input);
    }

    @Test
    void boundedRun() {
        BoundedRun.run(SubscriptionsFuzzTest.class, "fuzz", SubscriptionsFuzzTest::check, BoundedRun.DEFAULT_ITERATIONS);
    }

    static void check(byte[] input) {
        UnpooledByteBufAllocator alloc = TestBuffers.allocator();
        ByteBuf frame = alloc.heapBuffer(Math.max(1, input.length)).writeBytes(input);
        try {
            asCommand(alloc, frame);
            asMessage(alloc, frame);
            assertEquals(0, frame.readerIndex(), "input consumed");
            assertArrayEquals(input, ByteBufUtil.getBytes(frame), "input modified");
        } finally {
            frame.release();
        }
        assertEquals(0, TestBuffers.used(alloc), "leaked");
    }

    private static void asCommand(UnpooledByteBufAllocator alloc, ByteBuf command) {
        ByteBuf message = Subscriptions.commandToMessage(alloc, command);
        if (!Subscriptions.isSubscriptionCommand(command)) {
            assertNull(message, "a message from a body that is no subscription command");
            return;
        }
        assertNotNull(message);
        try {
            assertTrue(Subscriptions.isSubscriptionMessage(message));
            ByteBuf back = Subscriptions.messageToCommand(alloc, message);
            try {
                assertTrue(ByteBufUtil.equals(command, back), "command round trip");
            } finally {
                back.release();
            }
        } finally {
            message.release();
        }
    }

    private static void asMessage(UnpooledByteBufAllocator alloc, ByteBuf message) {
        boolean isSubscription = message.isReadable() && (message.getByte(0) == 0 || message.getByte(0) == 1);
        assertEquals(isSubscription, Subscriptions.isSubscriptionMessage(message));
        if (!isSubscription) {
            return;
        }
        ByteBuf command = Subscriptions.messageToCommand(alloc, message);
        try {
            assertTrue(Subscriptions.isSubscriptionCommand(command));
            ByteBuf back = Subscriptions.commandToMessage(alloc, command);
            try {
                assertTrue(ByteBufUtil.equals(message, back), "message round trip");
            } finally {
                back.release();
            }
        } finally {
            command.release();
        }
    }
}
