package io.gannet.transports.pgm;

import static io.gannet.transports.pgm.TsduWriterTest.bytes;
import static io.gannet.transports.pgm.TsduWriterTest.drain;
import static io.gannet.transports.pgm.TsduWriterTest.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading one source's TSDUs back into whole messages: joining, loss, bad data, RCVHWM. */
class TsduReaderTest {
    private final FakeHost host = new FakeHost();
    private final TsduReader reader = new TsduReader(host, "1.2.3.4.5.6.7000", -1);

    private void feed(byte[] tsdu) {
        reader.data(ByteBuffer.wrap(tsdu));
    }

    @Test
    void readsWhatLibzmqSent() throws Exception {
        for (byte[] t : LibzmqCapture.tsdus().values()) {
            feed(t);
        }
        for (int i = 0; i < 30; i++) {
            List<String> m = host.take();
            if (i == 10) {
                assertEquals(List.of("topic", "part-1", "part-2"), m);
            } else if (i == 20) {
                assertEquals(1, m.size());
                assertEquals(4007, m.get(0).length());
                assertTrue(m.get(0).startsWith("big 20 "), m.get(0).substring(0, 10));
            } else {
                assertEquals(List.of("msg " + i), m);
            }
        }
        assertNull(host.take());
        assertEquals(0, host.dropped);
        reader.close();
    }

    @Test
    void roundTripsMultipartMessagesOfEverySizeAtEveryTsduSize() {
        Random random = new Random(42);
        for (int maxTsdu : new int[] {3, 4, 7, 16, 100, 1428}) {
            FakeHost out = new FakeHost();
            FakeHost in = new FakeHost();
            TsduReader r = new TsduReader(in, "s", -1);
            TsduWriter w = new TsduWriter(maxTsdu);
            List<List<String>> sent = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int parts = 1 + random.nextInt(3);
                String[] frames = new String[parts];
                for (int p = 0; p < parts; p++) {
                    int size = random.nextInt(4) == 0 ? random.nextInt(600) : random.nextInt(20);
                    StringBuilder sb = new StringBuilder();
                    for (int c = 0; c < size; c++) {
                        sb.append((char) random.nextInt(256));
                    }
                    frames[p] = sb.toString();
                }
                sent.add(List.of(frames));
                queue(out, frames);
                if (random.nextBoolean()) { // sometimes several messages wait, sometimes one
                    for (byte[] t : drain(w, out)) {
                        r.data(ByteBuffer.wrap(t));
                    }
                }
            }
            for (byte[] t : drain(w, out)) {
                r.data(ByteBuffer.wrap(t));
            }
            assertEquals(sent, new ArrayList<>(in.received), "max TSDU " + maxTsdu);
            assertEquals(0, in.dropped);
            w.close();
            r.close();
        }
    }

    @Test
    void twoSourcesSharingTheSocketNeverInterleaveTheirFrames() {
        // Both sources' multipart messages span TSDUs, and their TSDUs arrive alternately.
        FakeHost in = new FakeHost();
        TsduReader a = new TsduReader(in, "a", -1);
        TsduReader b = new TsduReader(in, "b", -1);
        List<byte[]> fromA = tsdusOf(16, "a-head", "a-body-0123456789", "a-tail");
        List<byte[]> fromB = tsdusOf(16, "b-head", "b-body-0123456789", "b-tail");
        for (int i = 0; i < Math.max(fromA.size(), fromB.size()); i++) {
            if (i < fromA.size()) {
                a.data(ByteBuffer.wrap(fromA.get(i)));
            }
            if (i < fromB.size()) {
                b.data(ByteBuffer.wrap(fromB.get(i)));
            }
        }
        assertEquals(List.of("a-head", "a-body-0123456789", "a-tail"), in.take());
        assertEquals(List.of("b-head", "b-body-0123456789", "b-tail"), in.take());
        assertNull(in.take());
        assertEquals(0, in.dropped);
        a.close();
        b.close();
    }

    private static List<byte[]> tsdusOf(int maxTsdu, String... frames) {
        FakeHost out = new FakeHost();
        TsduWriter w = new TsduWriter(maxTsdu);
        queue(out, frames);
        List<byte[]> tsdus = drain(w, out);
        w.close();
        return tsdus;
    }

    @Test
    void aLateJoinerStartsAtTheFirstMessageThatBegins() throws Exception {
        Map<Long, byte[]> libzmq = LibzmqCapture.tsdus();
        for (long sqn = 21; sqn < libzmq.size(); sqn++) { // joins inside the big message
            feed(libzmq.get(sqn));
        }
        assertEquals(List.of("msg 21"), host.take()); // not the tail of message 20
        assertEquals(0, host.dropped);
        reader.close();
    }

    @Test
    void aTsduWhereNoMessageBeginsIsSkippedUntilOneDoes() {
        feed(bytes(0xFF, 0xFF, "middle of something"));
        feed(bytes(0, 3, "end", 3, 0, "ok"));
        assertEquals(List.of("ok"), host.take());
        assertNull(host.take());
        reader.close();
    }

    @Test
    void lossDropsThePartialMessageReportsItAndResumesAtTheNextBoundary() {
        feed(bytes(0, 0, 4, 1, "one", 8, 1, "two-"));  // a multipart message begins
        assertFalse(host.midMessage());                // its frames wait in the reader, not the socket
        reader.lost(4_294_967_290L, 10);               // wraps past 2^32
        assertFalse(host.midMessage());
        assertNull(host.take());                       // the held frame was released, never queued
        assertEquals(1, host.dropped);
        String why = host.dropReasons.get(0);
        assertTrue(why.contains("1.2.3.4.5.6.7000"), why);
        assertTrue(why.contains("4294967290 to 3"), why);
        feed(bytes(0xFF, 0xFF, "and more of it"));     // still the lost message: skipped
        feed(bytes(0, 4, "tail", 6, 0, "after"));
        assertEquals(List.of("after"), host.take());
        assertNull(host.take());
        reader.close();
    }

    @Test
    void aZeroLengthIsBadDataDroppedUntilTheNextBoundary() {
        feed(bytes(0, 0, 3, 0, "ok", 0, 9, 9, 9));
        assertEquals(List.of("ok"), host.take());
        assertEquals(1, host.dropped);
        feed(bytes(0xFF, 0xFF, 3, 0, "no"));            // not joined: no boundary here
        feed(bytes(0, 0, 4, 0, "yes"));
        assertEquals(List.of("yes"), host.take());
        assertNull(host.take());
        reader.close();
    }

    @Test
    void aHugeClaimedLengthAllocatesNothingAndIsDropped() {
        // 0xFF, then 2^40: far over 2 GiB
        feed(bytes(0, 0, 0xFF, 0, 0, 1, 0, 0, 0, 0, 0, 0, "x"));
        assertEquals(1, host.dropped);
        assertEquals(0, host.largestAllocation);
        // 1 GiB claimed, 5 bytes arrive: the buffer holds only what came
        feed(bytes(0, 0, 0xFF, 0, 0, 0, 0, 0x40, 0, 0, 1, 0, "hello"));
        assertEquals(5, host.largestAllocation);
        reader.close();
        assertNull(host.take());
    }

    @Test
    void aFrameOverMaxMsgSizeIsDropped() {
        TsduReader r = new TsduReader(host, "s", 4);
        r.data(ByteBuffer.wrap(bytes(0, 0, 6, 0, "12345", 5, 0, "1234")));
        assertEquals(1, host.dropped);
        assertTrue(host.dropReasons.get(0).contains("MAXMSGSIZE"), host.dropReasons.get(0));
        r.data(ByteBuffer.wrap(bytes(0, 0, 5, 0, "1234")));
        assertEquals(List.of("1234"), host.take());
        r.close();
    }

    @Test
    void anOffsetThatDoesNotFallOnABoundaryResynchronisesThere() {
        feed(bytes(0, 0, 10, 0, "abc"));                // a 9-byte frame begins
        feed(bytes(0, 2, "de", 3, 0, "ok"));           // the sender says a message begins at 2: it cannot
        assertEquals(1, host.dropped);
        assertEquals(List.of("ok"), host.take());
        feed(bytes(0, 9, "past end"));                 // offset past the end: bad, nothing delivered
        assertEquals(2, host.dropped);
        feed(bytes(0, 0, 3, 0, "go"));
        assertEquals(List.of("go"), host.take());
        reader.close();
    }

    @Test
    void aMessageArrivingAtRcvhwmIsSkippedWholeAndCounted() {
        host.hwm = 1;
        feed(bytes(0, 0, 2, 0, "a", 2, 1, "b", 2, 0, "c", 2, 0, "d"));
        assertEquals(List.of("a"), host.take());
        assertNull(host.take());
        assertEquals(2, host.dropped);                 // [b, c] and [d]
        feed(bytes(0, 0, 2, 0, "e"));
        assertEquals(List.of("e"), host.take());
        reader.close();
    }

    @Test
    void aTsduShorterThanItsOffsetIsIgnored() {
        feed(new byte[] {0});
        feed(bytes(0, 0, 2, 0, "x"));
        assertEquals(List.of("x"), host.take());
        feed(new byte[] {0});                          // joined: counted as bad data
        assertEquals(1, host.dropped);
        reader.close();
    }
}
