package io.gannet.patterns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Msg;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistributorTest {
    private final Distributor d = new Distributor(n -> { });
    private final FakePipe a = new FakePipe("a", 2);
    private final FakePipe b = new FakePipe("b", 100);
    private final FakePipe c = new FakePipe("c", 100);

    private void sendMatching(String text, boolean more, FakePipe... to) {
        for (FakePipe p : to) {
            d.match(p);
        }
        d.sendToMatching(Msg.of(text).more(more));
        if (!more) {
            d.unmatch();
        }
    }

    @Test
    void sendsOnlyToMatchedPipes() {
        d.attach(a);
        d.attach(b);
        d.attach(c);
        sendMatching("x", false, a, c);
        assertEquals(List.of("x"), a.written);
        assertEquals(List.of(), b.written);
        assertEquals(List.of("x"), c.written);
    }

    @Test
    void aFullPipeIsSkippedUntilActivated() {
        d.attach(a);
        d.attach(b);
        for (int i = 0; i < 5; i++) {
            d.sendToAll(Msg.of("m" + i));
        }
        assertEquals(List.of("m0", "m1"), a.written);
        assertEquals(5, b.written.size());
        a.drain();
        d.activated(a);
        d.sendToAll(Msg.of("m5"));
        assertEquals(List.of("m0", "m1", "m5"), a.written);
    }

    @Test
    void checkHwmSeesAFullMatchedPipe() {
        d.attach(a);
        d.attach(b);
        sendMatching("1", false, a);
        sendMatching("2", false, a);
        d.match(a);
        d.match(b);
        assertFalse(d.checkHwm());
        d.unmatch();
        d.match(b);
        assertTrue(d.checkHwm());
    }

    @Test
    void aPipeAttachedMidMessageWaitsForTheNextMessage() {
        d.attach(b);
        d.sendToAll(Msg.of("h").more(true));
        d.attach(c);
        d.sendToAll(Msg.of("t"));
        d.sendToAll(Msg.of("next"));
        assertEquals(List.of("h", "t", "next"), b.written);
        assertEquals(List.of("next"), c.written);
    }

    @Test
    void reverseMatchSelectsTheOtherPipes() {
        d.attach(a);
        d.attach(b);
        d.attach(c);
        d.match(b);
        d.reverseMatch();
        d.sendToMatching(Msg.of("x"));
        assertEquals(List.of("x"), a.written);
        assertEquals(List.of(), b.written);
        assertEquals(List.of("x"), c.written);
    }

    @Test
    void terminatedPipesAreForgottenAndActivationIsIdempotent() {
        d.attach(a);
        d.attach(b);
        d.activated(b);
        d.activated(b);
        d.terminated(a);
        assertFalse(d.hasPipe(a));
        assertEquals(1, d.size());
        d.sendToAll(Msg.of("x"));
        assertEquals(List.of("x"), b.written);
    }

    // ---- handing one frame to many pipes: shared object or duplicate ---------------------

    /** A pooled frame, so that the paranoid leak detector watches it. */
    private static ByteBuf frame(String text) {
        return PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Pipes named by letters: {@code e} read by an engine (shareable), {@code a} read by an
     * application; attached in that order, so the last letter is the last pipe served.
     */
    private static List<FakePipe> pipes(String kinds) {
        List<FakePipe> list = new ArrayList<>();
        for (int i = 0; i < kinds.length(); i++) {
            FakePipe p = new FakePipe(kinds.charAt(i) + "" + i, 100).keeping();
            list.add(kinds.charAt(i) == 'e' ? p.shareable() : p);
        }
        return list;
    }

    private static void releaseAll(List<FakePipe> list) {
        for (FakePipe p : list) {
            p.releaseFrames();
        }
    }

    @Test
    void enginePipesShareTheFrameObjectWithOneReferenceEach() {
        List<FakePipe> list = pipes("eee");
        list.forEach(d::attach);
        ByteBuf data = frame("tick");
        d.sendToAll(Msg.wrap(data));
        for (FakePipe p : list) {
            assertSame(data, p.frames.get(0), p + " got the frame itself, not a duplicate");
        }
        assertEquals(3, data.refCnt(), "the caller's reference went to the last pipe, one more for each other");
        releaseAll(list);
        assertEquals(0, data.refCnt());
    }

    @Test
    void applicationPipesGetDuplicatesWithTheirOwnIndexes() {
        List<FakePipe> list = pipes("aaa");
        list.forEach(d::attach);
        ByteBuf data = frame("tick");
        d.sendToAll(Msg.wrap(data));
        assertNotSame(data, list.get(0).frames.get(0));
        assertNotSame(data, list.get(1).frames.get(0));
        assertSame(data, list.get(2).frames.get(0), "the last pipe gets the caller's reference");
        list.get(0).frames.get(0).skipBytes(4);
        assertEquals(0, data.readerIndex(), "a duplicate's reader does not move the others' indexes");
        assertEquals(4, list.get(1).frames.get(0).readableBytes());
        assertEquals(3, data.refCnt(), "each duplicate holds a reference to the same memory");
        releaseAll(list);
        assertEquals(0, data.refCnt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ae", "ea", "aee", "eae", "eea", "aae", "eaa", "aea", "eaea"})
    void anApplicationNeverGetsTheObjectEnginesShare(String kinds) {
        List<FakePipe> list = pipes(kinds);
        list.forEach(d::attach);
        ByteBuf data = frame("tick");
        d.sendToAll(Msg.wrap(data));
        for (FakePipe p : list) {
            ByteBuf got = p.frames.get(0);
            if (p.framesShareable()) {
                assertSame(data, got, p + " is read by an engine: the frame itself");
            } else {
                assertNotSame(data, got, p + " is read by an application: a duplicate");
                got.skipBytes(2);
            }
            assertEquals("tick", p.written.get(0));
        }
        assertEquals(0, data.readerIndex(), "what the application read did not move the engines' indexes");
        assertEquals(list.size(), data.refCnt(), "one reference per pipe, none left with the caller");
        releaseAll(list);
        assertEquals(0, data.refCnt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"first", "middle", "last"})
    void aPipeThatRefusesTheFrameKeepsNoReference(String where) {
        FakePipe full = new FakePipe("full", 0).shareable().keeping();
        FakePipe e = new FakePipe("e", 100).shareable().keeping();
        FakePipe a = new FakePipe("a", 100).keeping();
        List<FakePipe> order = where.equals("first") ? List.of(full, e, a)
                : where.equals("middle") ? List.of(e, full, a) : List.of(a, e, full);
        order.forEach(d::attach);
        ByteBuf data = frame("tick");
        d.sendToAll(Msg.wrap(data));
        assertEquals(0, full.frames.size());
        assertSame(data, e.frames.get(0));
        assertNotSame(data, a.frames.get(0));
        assertEquals(2, data.refCnt());
        releaseAll(order);
        assertEquals(0, data.refCnt());
    }

    @Test
    void eachFrameOfAMultipartMessageIsSharedOnItsOwn() {
        List<FakePipe> list = pipes("eae");
        list.forEach(d::attach);
        ByteBuf head = frame("head");
        ByteBuf body = frame("body");
        d.sendToAll(Msg.wrap(head).more(true));
        d.sendToAll(Msg.wrap(body));
        for (FakePipe p : list) {
            assertEquals(List.of("head", "body"), p.written);
            if (p.framesShareable()) {
                assertSame(head, p.frames.get(0));
                assertSame(body, p.frames.get(1));
            }
        }
        assertEquals(3, head.refCnt());
        assertEquals(3, body.refCnt());
        releaseAll(list);
        assertEquals(0, head.refCnt());
        assertEquals(0, body.refCnt());
    }

    @Test
    void aFrameNobodyMatchesIsReleased() {
        List<FakePipe> list = pipes("ea");
        list.forEach(d::attach);
        ByteBuf data = frame("tick");
        d.sendToMatching(Msg.wrap(data));
        assertEquals(0, data.refCnt());
    }
}
