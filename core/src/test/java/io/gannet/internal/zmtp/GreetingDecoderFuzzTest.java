package io.gannet.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gannet.SocketEvent;
import io.gannet.internal.fuzz.BoundedRun;
import io.gannet.internal.fuzz.FuzzInput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for {@link GreetingDecoder}: the first bytes a peer sends. Byte 0 of the
 * input chooses where the rest is cut into reads.
 *
 * <p>Properties: no exception escapes; the verdict, the error and the bytes consumed are the
 * same whole or in pieces; the decoder never consumes more than the 64 greeting bytes; a
 * greeting it accepts is ZMTP 3.x with the NULL mechanism, one it refuses gives a
 * HANDSHAKE_FAILED_PROTOCOL error with a detail; {@code versionAccepted()} never says yes
 * to a refused version.
 */
class GreetingDecoderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        check(input);
    }

    @Test
    void boundedRun() {
        BoundedRun.run(GreetingDecoderFuzzTest.class, "fuzz", GreetingDecoderFuzzTest::check,
                BoundedRun.DEFAULT_ITERATIONS);
    }

    static void check(byte[] input) {
        if (input.length < 1) {
            return;
        }
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        Outcome whole = decode(List.of(stream));
        Outcome split = decode(FuzzInput.pieces(input[0], stream));
        assertEquals(whole, split, "the same greeting cut into other reads");
    }

    record Outcome(GreetingDecoder.Result result, int consumed, ProtocolError error, String mechanism) {
    }

    private static Outcome decode(List<byte[]> reads) {
        GreetingDecoder d = new GreetingDecoder("NULL");
        GreetingDecoder.Result r = GreetingDecoder.Result.NEED_INPUT;
        int consumed = 0;
        for (byte[] read : reads) {
            ByteBuf in = Unpooled.wrappedBuffer(read);
            r = d.decode(in);
            consumed += in.readerIndex();
            if (r != GreetingDecoder.Result.NEED_INPUT) {
                break;
            }
            assertTrue(!in.isReadable(), "NEED_INPUT consumes its input");
        }
        assertTrue(consumed <= Greeting.SIZE, "consumed " + consumed + " bytes");
        switch (r) {
            case DONE:
                assertEquals(Greeting.SIZE, consumed);
                assertTrue(d.peerMajor() >= 3 && d.versionAccepted());
                assertEquals("NULL", d.peerMechanism());
                break;
            case FAILED:
                assertNotNull(d.error());
                assertEquals(SocketEvent.HANDSHAKE_FAILED_PROTOCOL, d.error().event());
                assertTrue(!d.error().detail().isEmpty());
                break;
            default:
                assertTrue(consumed < Greeting.SIZE);
                break;
        }
        if (consumed > Greeting.MAJOR_OFFSET && d.peerMajor() < 3) {
            assertTrue(!d.versionAccepted(), "a ZMTP 1.0/2.0 version accepted");
        }
        return new Outcome(r, consumed, r == GreetingDecoder.Result.FAILED ? d.error().error() : null,
                r == GreetingDecoder.Result.DONE ? d.peerMechanism() : null);
    }
}
