package io.gannet.transports.pgm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gannet.Msg;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Packing messages into TSDUs byte for byte as libzmq's pgm_sender does. */
class TsduWriterTest {

    /** Sends what the host queued as the epgm sender does: full TSDUs, and the rest when the queue is empty. */
    static List<byte[]> drain(TsduWriter w, FakeHost host) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer view = w.newView();
        for (;;) {
            while (!w.full()) {
                if (w.busy()) {
                    w.copy();
                    continue;
                }
                w.atBoundary();
                Msg m = new Msg();
                if (!host.read(m)) {
                    break;
                }
                w.load(m);
            }
            if (w.isEmpty()) {
                return out;
            }
            ByteBuffer p = w.packet(view);
            byte[] b = new byte[p.remaining()];
            p.get(b);
            out.add(b);
            w.sent();
        }
    }

    static void queue(FakeHost host, String... frames) {
        for (int i = 0; i < frames.length; i++) {
            host.outbound.add(Msg.of(frames[i].getBytes(StandardCharsets.ISO_8859_1)).more(i < frames.length - 1));
        }
    }

    @Test
    void tsdusAreByteForByteWhatLibzmqSent() throws Exception {
        Map<Long, byte[]> libzmq = LibzmqCapture.tsdus();
        TsduWriter w = new TsduWriter(LibzmqCapture.MAX_TSDU);
        FakeHost host = new FakeHost();
        List<byte[]> ours = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i == 10) {
                queue(host, "topic", "part-1", "part-2");
            } else if (i == 20) {
                queue(host, new String(bigBodyFrom(libzmq), StandardCharsets.ISO_8859_1));
            } else {
                queue(host, "msg " + i);
            }
            ours.addAll(drain(w, host)); // libzmq's queue was empty after each message
        }
        assertEquals(libzmq.size(), ours.size());
        for (int sqn = 0; sqn < ours.size(); sqn++) {
            assertArrayEquals(libzmq.get((long) sqn), ours.get(sqn), "TSDU " + sqn);
        }
        // The big message ends 0x048d bytes into TSDU 22 and nothing begins after it:
        // libzmq, and so Gannet, writes offset == the data length there.
        assertEquals(0x048d, ((ours.get(22)[0] & 0xFF) << 8) | (ours.get(22)[1] & 0xFF));
        assertEquals(0x048d, ours.get(22).length - 2);
        w.close();
    }

    /** The 4007-byte body of message 20 as libzmq framed it over TSDUs 20 to 22. */
    private static byte[] bigBodyFrom(Map<Long, byte[]> libzmq) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (long sqn = 20; sqn <= 22; sqn++) {
            byte[] t = libzmq.get(sqn);
            all.write(t, 2, t.length - 2);
        }
        byte[] frames = all.toByteArray();
        // 0xFF, 8-byte length (body + flags), flags, body
        assertEquals(0xFF, frames[0] & 0xFF);
        int size = (int) ByteBuffer.wrap(frames, 1, 8).getLong() - 1;
        assertEquals(4007, size);
        byte[] body = new byte[size];
        System.arraycopy(frames, 10, body, 0, size);
        return body;
    }

    @Test
    void messagesShareATsduAndTheOffsetPointsAtTheFirstThatBegins() {
        TsduWriter w = new TsduWriter(16);
        FakeHost host = new FakeHost();
        queue(host, "0123456789"); // 12 bytes framed: 10 of them in the first TSDU's 14
        queue(host, "ab");
        List<byte[]> t = drain(w, host);
        assertEquals(2, t.size());
        // TSDU 1: offset 0, [11 0 "0123456789"] and the first 2 bytes of [3 0 "ab"]
        assertArrayEquals(bytes(0, 0, 11, 0, "0123456789", 3, 0), t.get(0));
        // TSDU 2: "ab" only continues: no message begins, but libzmq's rule marks the end (offset 2)
        assertArrayEquals(bytes(0, 2, "ab"), t.get(1));
        w.close();
    }

    @Test
    void aTsduFullOfOneFramesMiddleSaysNoMessageBegins() {
        TsduWriter w = new TsduWriter(8);
        FakeHost host = new FakeHost();
        queue(host, "abcdefghijklmnop");
        List<byte[]> t = drain(w, host);
        assertArrayEquals(bytes(0, 0, 17, 0, "abcd"), t.get(0));
        assertArrayEquals(bytes(0xFF, 0xFF, "efghij"), t.get(1));
        assertArrayEquals(bytes(0xFF, 0xFF, "klmnop"), t.get(2));
        assertEquals(3, t.size()); // full exactly at the end: no room, so no offset (as libzmq)
        w.close();
    }

    @Test
    void theFramesOfAMultipartMessageAreNotMessageStarts() {
        TsduWriter w = new TsduWriter(8);
        FakeHost host = new FakeHost();
        queue(host, "abcdef", "gh", "ij");
        List<byte[]> t = drain(w, host);
        assertArrayEquals(bytes(0, 0, 7, 1, "abcd"), t.get(0));
        // [3 1 "gh"] begins here, but it is the second frame of the message: no offset
        assertArrayEquals(bytes(0xFF, 0xFF, "ef", 3, 1, "gh"), t.get(1));
        // the last frame, then the message's end is a boundary with room: offset 4 (libzmq's rule)
        assertArrayEquals(bytes(0, 4, 3, 0, "ij"), t.get(2));
        w.close();
    }

    @Test
    void framesOf254BytesOrMoreUseTheLongLength() {
        TsduWriter w = new TsduWriter(1000);
        FakeHost host = new FakeHost();
        queue(host, "x".repeat(253));
        queue(host, "y".repeat(254));
        byte[] t = drain(w, host).get(0);
        assertEquals(254, t[2] & 0xFF); // short: length 254 = flags + 253
        int second = 2 + 2 + 253;
        assertEquals(0xFF, t[second] & 0xFF);
        assertEquals(255, ByteBuffer.wrap(t, second + 1, 8).getLong());
        assertEquals(0, t[second + 9]);
        w.close();
    }

    @Test
    void unsentMessagesCountWhatIsTakenButNotSent() {
        TsduWriter w = new TsduWriter(8);
        FakeHost host = new FakeHost();
        queue(host, "ab");
        queue(host, "abcdefghij");
        w.atBoundary();
        Msg m = new Msg();
        host.read(m);
        w.load(m);
        assertEquals(1, w.unsentMessages());
        host.read(m);
        w.load(m);
        assertEquals(2, w.unsentMessages()); // "ab" ended here, the long one is under way
        assertEquals(1, w.sent());
        assertEquals(1, w.unsentMessages());
        w.close();
    }

    @Test
    void aTsduWithoutRoomForDataIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TsduWriter(2));
    }

    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer) {
                out.write((Integer) p);
            } else {
                out.writeBytes(((String) p).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out.toByteArray();
    }
}
