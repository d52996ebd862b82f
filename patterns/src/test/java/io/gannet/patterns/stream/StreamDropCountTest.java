package io.gannet.patterns.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Msg;
import io.gannet.SocketType;
import io.gannet.patterns.common.FakeHost;
import io.gannet.patterns.common.FakePipe;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What STREAM drops, against fake connections (STREAM runs over tcp and ipc only). */
class StreamDropCountTest {
    private final FakeHost host = new FakeHost(SocketType.STREAM);
    private final Stream stream = new Stream(host);
    private final FakePipe conn = new FakePipe("conn", 100);

    private Msg idOf(FakePipe p) {
        return Msg.wrap(Unpooled.wrappedBuffer(p.routingId().clone())).more(true);
    }

    @Test
    void dataForAConnectionCountsNothing() {
        stream.attach(conn);
        assertTrue(stream.send(idOf(conn)));
        assertTrue(stream.send(Msg.of("bytes")));
        assertTrue(stream.send(idOf(conn)));
        assertTrue(stream.send(Msg.of(""))); // closes the connection: not a loss
        assertEquals(List.of("bytes"), conn.written);
        assertEquals(0, host.dropped);
        stream.close();
    }

    @Test
    void anIdFrameWithoutDataIsCounted() {
        stream.attach(conn);
        assertTrue(stream.send(idOf(conn).more(false)));
        assertEquals(1, host.dropped);
        assertEquals(List.of(), conn.written);
        stream.close();
    }

    @Test
    void dataForAConnectionThatWentAwayAfterItsIdIsCounted() {
        stream.attach(conn);
        assertTrue(stream.send(idOf(conn)));
        stream.terminated(conn);
        assertTrue(stream.send(Msg.of("late")));
        assertEquals(1, host.dropped);
        stream.close();
    }

    @Test
    void dataAConnectionRefusesAfterItsIdIsCounted() {
        stream.attach(conn);
        assertTrue(stream.send(idOf(conn)));
        conn.die();
        assertTrue(stream.send(Msg.of("refused")));
        assertEquals(1, host.dropped);
        stream.close();
    }
}
