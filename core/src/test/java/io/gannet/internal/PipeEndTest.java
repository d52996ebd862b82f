package io.gannet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Msg;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipeEndTest {

    /** Records what an owner thread is told, for single-threaded tests. */
    static final class Recorder implements PipeHandler {
        final SocketMailbox mailbox = new SocketMailbox();
        int readActivations;
        int writeActivations;
        final List<PipeEnd> terminated = new ArrayList<>();

        void attach(PipeEnd end) {
            end.owner(mailbox, this);
        }

        /** Runs the queued commands as the owner thread would. */
        void drain() {
            Command c;
            while ((c = mailbox.poll()) != null) {
                if (c instanceof Command.Run) {
                    ((Command.Run) c).task().run();
                } else if (c instanceof Command.ForPipe p) {
                    p.end().dispatch(c);
                }
            }
        }

        @Override
        public void readActivated(PipeEnd end) {
            readActivations++;
        }

        @Override
        public void writeActivated(PipeEnd end) {
            writeActivations++;
        }

        @Override
        public void terminated(PipeEnd end) {
            terminated.add(end);
        }
    }

    private static Msg frame(String s, boolean more) {
        return Msg.of(s).more(more);
    }

    @Test
    void readerSeesWholeMessagesOnly() {
        PipePair pair = PipePair.create(0, 0, false, false, true, "test");
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        a.attach(pair.first());
        b.attach(pair.second());
        Msg in = new Msg();
        assertTrue(pair.first().write(frame("one", true)));
        pair.first().flush();
        assertFalse(pair.second().read(in), "half a message must stay invisible");
        assertTrue(pair.first().write(frame("two", false)));
        pair.first().flush();
        b.drain();
        assertEquals(1, b.readActivations, "one wake-up for the sleeping reader");
        assertTrue(pair.second().read(in));
        assertEquals("one", in.string());
        assertTrue(in.hasMore());
        assertTrue(pair.second().read(in));
        assertEquals("two", in.string());
        assertFalse(in.hasMore());
        in.close();
        pair.first().close(false);
        pair.second().close(false);
    }

    /** A pipe with an HWM of 4, four messages written and the writer refused a fifth. */
    private static PipePair pipeWithBlockedWriter(Recorder writer, Recorder reader, Msg fifth) {
        PipePair pair = PipePair.create(4, 4, false, false, true, "test");
        writer.attach(pair.first());
        reader.attach(pair.second());
        for (int i = 0; i < 4; i++) {
            assertTrue(pair.first().write(frame("m" + i, false)));
        }
        pair.first().flush();
        assertFalse(pair.first().write(fifth), "the fifth message exceeds the HWM of 4");
        return pair;
    }

    @Test
    void writerStopsAtHighWaterMarkAndIsActivatedWhenDrained() {
        Recorder a = new Recorder();
        Msg extra = frame("too many", false);
        PipePair pair = pipeWithBlockedWriter(a, new Recorder(), extra);
        assertEquals(8, extra.size(), "a refused write leaves the data with the caller");
        Msg in = new Msg();
        while (pair.second().read(in)) {
            in.close();
        }
        a.drain();
        assertEquals(1, a.writeActivations, "the blocked writer is woken once");
        assertTrue(pair.first().write(extra));
        pair.first().close(false);
        pair.second().close(false);
    }

    @Test
    void multipartFramesAreAcceptedOnceTheFirstIs() {
        PipePair pair = PipePair.create(1, 1, false, false, true, "test");
        new Recorder().attach(pair.first());
        new Recorder().attach(pair.second());
        assertTrue(pair.first().write(frame("a", true)));
        for (int i = 0; i < 10; i++) {
            assertTrue(pair.first().write(frame("b" + i, true)));
        }
        assertTrue(pair.first().write(frame("c", false)));
        pair.first().flush();
        assertFalse(pair.first().checkWrite(), "HWM counts whole messages: one queued, limit one");
        pair.first().close(true);
        pair.second().close(true);
    }

    @Test
    void closingDeliversQueuedMessagesThenTerminatesThePeer() {
        PipePair pair = PipePair.create(0, 0, false, false, true, "test");
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        a.attach(pair.first());
        b.attach(pair.second());
        pair.first().write(frame("last words", false));
        pair.first().flush();
        pair.first().close(false);
        b.drain();
        assertTrue(b.terminated.isEmpty(), "the peer first reads what is queued");
        Msg in = new Msg();
        assertTrue(pair.second().read(in));
        assertEquals("last words", in.string());
        in.close();
        assertFalse(pair.second().read(in));
        b.drain();
        assertEquals(List.of(pair.second()), b.terminated);
        assertFalse(pair.second().write(frame("x", false)), "a finished pipe refuses writes");
    }

    @Test
    void anEndMarkAloneIsNotReadable() {
        // The peer closed after its last message was read; its close command has not been run
        // yet. A poller asking checkRead in that window must not report the pipe readable.
        PipePair pair = PipePair.create(0, 0, false, false, true, "test");
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        a.attach(pair.first());
        b.attach(pair.second());
        pair.first().write(frame("request", false));
        pair.first().flush();
        Msg in = new Msg();
        assertTrue(pair.second().checkRead());
        assertTrue(pair.second().read(in));
        in.close();
        pair.first().close(false);
        assertFalse(pair.second().checkRead(), "only the end mark is left");
        assertFalse(pair.second().read(in));
        b.drain();
        assertEquals(List.of(pair.second()), b.terminated, "taking the end mark finishes the pipe once");
    }

    @Test
    void closingWithDiscardReleasesQueuedBuffers() {
        PipePair pair = PipePair.create(0, 0, false, false, true, "test");
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        a.attach(pair.first());
        b.attach(pair.second());
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(16).writeLong(42);
        pair.first().write(Msg.wrap(buf));
        pair.first().flush();
        pair.first().close(true);
        b.drain();
        assertEquals(List.of(pair.second()), b.terminated, "linger 0: terminated at once");
        assertEquals(0, buf.refCnt(), "the frame nobody will read is released");
    }

    @Test
    void aLingerZeroCloseLetsTheReaderFinishTheMessageItIsInside() {
        PipePair pair = PipePair.create(0, 0, false, false, true, "test");
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        a.attach(pair.first());
        b.attach(pair.second());
        pair.first().write(frame("id", true));
        pair.first().write(frame("", true));
        pair.first().write(frame("body", false));
        pair.first().write(frame("next message", false));
        pair.first().flush();
        Msg in = new Msg();
        assertTrue(pair.second().read(in));
        assertEquals("id", in.string());
        in.close();
        pair.first().close(true); // linger 0 while the reader is inside the first message
        b.drain();
        assertTrue(b.terminated.isEmpty(), "not ended in the middle of a message");
        assertTrue(pair.second().read(in));
        assertEquals("", in.string());
        assertTrue(in.hasMore());
        in.close();
        assertTrue(pair.second().read(in));
        assertEquals("body", in.string());
        assertFalse(in.hasMore());
        in.close();
        assertFalse(pair.second().read(in), "linger 0: the next whole message is dropped");
        b.drain();
        assertEquals(List.of(pair.second()), b.terminated, "ended at the message boundary, once");
    }

    @Test
    void peerWithNothingQueuedFinishesAtOnceEvenIfItNeverReads() {
        PipePair pair = PipePair.create(0, 0, false, false, true, "test");
        Recorder pusher = new Recorder();
        Recorder puller = new Recorder();
        pusher.attach(pair.first());
        puller.attach(pair.second());
        pair.second().close(false);
        pusher.drain();
        assertEquals(List.of(pair.first()), pusher.terminated);
    }

    @Test
    void rollbackDropsHalfAMessage() {
        PipePair pair = PipePair.create(0, 0, false, false, true, "test");
        new Recorder().attach(pair.first());
        new Recorder().attach(pair.second());
        ByteBuf buf = Unpooled.buffer(4).writeInt(1);
        pair.first().write(Msg.wrap(buf).more(true));
        pair.first().rollback();
        assertEquals(0, buf.refCnt());
        pair.first().flush();
        assertFalse(pair.second().checkRead());
        pair.first().close(true);
        pair.second().close(true);
    }

    @Test
    void conflateKeepsOnlyTheNewest() {
        PipePair pair = PipePair.create(0, 0, true, true, true, "test");
        new Recorder().attach(pair.first());
        new Recorder().attach(pair.second());
        for (int i = 0; i < 5; i++) {
            pair.first().write(frame("v" + i, false));
            pair.first().flush();
        }
        Msg in = new Msg();
        assertTrue(pair.second().read(in));
        assertEquals("v4", in.string());
        assertFalse(pair.second().read(in));
        in.close();
        pair.first().close(true);
        pair.second().close(true);
    }

    /**
     * Two threads, small HWM, random multipart messages: every message arrives whole and in
     * order, the writer never exceeds the HWM, and no wake-up is lost (both sides sleep only
     * on their mailbox and rely on activations alone).
     */
    @Test
    void aWriterBlockedUnderTheOldHighWaterMarkIsWokenWhenItGrows() {
        // inproc connect-before-bind: the binder raises the HWM; the reader alone would check
        // for the blocked writer only after hwm/2 = 500 reads, and there are just 4 to read.
        Recorder a = new Recorder();
        Msg extra = frame("fifth", false);
        PipePair pair = pipeWithBlockedWriter(a, new Recorder(), extra);
        pair.second().inboundHwm(1000);
        a.drain();
        assertEquals(1, a.writeActivations, "raising the HWM wakes the blocked writer");
        assertTrue(pair.first().write(extra));
        pair.first().close(false);
        pair.second().close(false);
    }

    @ParameterizedTest(name = "hwm {0}")
    @ValueSource(ints = {1, 2, 3, 16, 1000})
    void twoThreadsStreamWithoutLossOrLostWakeups(int hwm) throws Exception {
        final int messages = 100_000;
        PipePair pair = PipePair.create(hwm, hwm, false, false, true, "test");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            Recorder me = new Recorder();
            me.attach(pair.first());
            try {
                for (int i = 0; i < messages; i++) {
                    int parts = 1 + (i % 3);
                    while (!pair.first().checkWrite()) {
                        awaitActivation(me);
                    }
                    for (int p = 0; p < parts; p++) {
                        ByteBuf b = Unpooled.buffer(8).writeInt(i).writeInt(p);
                        assertTrue(pair.first().write(Msg.wrap(b).more(p < parts - 1)));
                    }
                    pair.first().flush();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "writer");
        Recorder me = new Recorder();
        me.attach(pair.second());
        writer.start();
        Msg in = new Msg();
        for (int i = 0; i < messages && failure.get() == null; i++) {
            int parts = 1 + (i % 3);
            for (int p = 0; p < parts; p++) {
                while (!pair.second().read(in)) {
                    awaitActivation(me);
                }
                assertEquals(i, in.data().getInt(0));
                assertEquals(p, in.data().getInt(4));
                assertEquals(p < parts - 1, in.hasMore());
            }
        }
        in.close();
        writer.join(30_000);
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        pair.first().close(false);
        pair.second().close(false);
    }

    private static void awaitActivation(Recorder r) {
        try {
            r.mailbox.await(System.nanoTime() + 10_000_000_000L, () -> false);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        int before = r.readActivations + r.writeActivations;
        r.drain();
        if (r.readActivations + r.writeActivations == before) {
            throw new AssertionError("woken without an activation within 10 s: a lost wake-up");
        }
    }

    @Test
    void dropQueuedCountsWholeMessagesUpToTheEndMarkAndReleasesThem() {
        PipePair pair = PipePair.create(0, 0, false, false, true, "test");
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        a.attach(pair.first());
        b.attach(pair.second());
        ByteBuf kept = Unpooled.copiedBuffer(new byte[] {1});
        assertTrue(pair.first().write(Msg.wrap(kept.retain()).more(false)));
        assertTrue(pair.first().write(frame("a1", true)));
        assertTrue(pair.first().write(frame("a2", false)));
        assertTrue(pair.first().write(frame("b", false)));
        assertTrue(pair.first().write(frame("unfinished", true)));
        pair.first().flush();
        Msg head = new Msg();
        assertTrue(pair.second().read(head)); // the first message, taken by a reader
        head.close();
        assertEquals(2, pair.second().queuedMessages());
        pair.first().close(false); // rolls back the unfinished message, appends the end mark
        assertEquals(2, pair.second().queuedMessages(), "the end mark is not a message");
        assertEquals(2, pair.second().dropQueued());
        assertEquals(0, pair.second().queuedMessages());
        assertEquals(0, pair.second().dropQueued(), "nothing twice");
        assertEquals(1, kept.refCnt(), "the reader's frame was released by the reader only");
        kept.release();
        pair.second().close(false);
    }

    @Test
    void dropQueuedCountsAMessageWhoseHeadWasAlreadyRead() {
        PipePair pair = PipePair.create(0, 0, false, false, true, "test");
        new Recorder().attach(pair.first());
        new Recorder().attach(pair.second());
        assertTrue(pair.first().write(frame("head", true)));
        assertTrue(pair.first().write(frame("tail", false)));
        pair.first().flush();
        Msg m = new Msg();
        assertTrue(pair.second().read(m));
        m.close();
        assertEquals(1, pair.second().dropQueued(), "counted where its last frame is");
        pair.first().close(false);
        pair.second().close(false);
    }
}
