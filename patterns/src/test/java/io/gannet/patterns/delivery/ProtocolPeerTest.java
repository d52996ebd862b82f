package io.gannet.patterns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Producers and consumers against a plain socket speaking the wire protocol by hand. */
class ProtocolPeerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static List<String> recv(Socket s) {
        try (Multipart m = s.recvMultipart()) {
            return m.strings();
        }
    }

    @Test
    void theDedupWindowAcknowledgesARepeatWithoutTheApplication() throws Exception {
        try (Context ctx = new Context();
                Socket producer = ctx.socket(SocketType.ROUTER);
                Consumer c = Consumer.builder(ctx).prefetch(7).dedupWindow(100).build()) {
            producer.set(SocketOption.RCVTIMEO, 10_000);
            producer.bind("inproc://raw-producer");
            c.connect("inproc://raw-producer");
            byte[] rid;
            List<String> ready;
            try (Multipart m = producer.recvMultipart()) {
                rid = m.get(0).bytes();
                ready = m.strings();
            }
            assertEquals("READY", ready.get(1));
            assertEquals(c.instanceId(), ready.get(2));
            assertEquals("7", ready.get(3));
            producer.send(Multipart.of(rid, "DELIVER".getBytes(), "x1".getBytes(), "1".getBytes(), "body".getBytes(),
                    "h".getBytes(), "v".getBytes()));
            Delivery d = c.receive(WAIT);
            assertEquals("v", d.headers().get("h"));
            d.ack();
            List<String> ack = recv(producer);
            while (ack.get(1).equals("HB")) {
                ack = recv(producer);
            }
            assertEquals(List.of("ACK", "x1"), ack.subList(1, ack.size()));
            producer.send(Multipart.of(rid, "DELIVER".getBytes(), "x1".getBytes(), "2".getBytes(), "body".getBytes()));
            List<String> again = recv(producer);
            while (again.get(1).equals("HB")) {
                again = recv(producer);
            }
            assertEquals(List.of("ACK", "x1"), again.subList(1, again.size()));
            assertNull(c.receive(Duration.ZERO));
            assertEquals(1, c.stats().duplicatesSuppressed());
            assertEquals(1, c.stats().received());
        }
    }

    @Test
    void badCommandsAreCountedAndIgnored() throws Exception {
        try (Context ctx = new Context();
                Producer p = Producer.builder(ctx).build();
                Socket rogue = ctx.socket(SocketType.DEALER);
                Consumer c = Consumer.builder(ctx).build()) {
            String ep = p.bind("inproc://rogue");
            rogue.connect(ep);
            rogue.send(Multipart.of("NONSENSE"));
            rogue.send(Multipart.of("READY", "x", "not-a-number"));
            rogue.send(Multipart.of("REJECT", "only-an-id"));
            Await.until("3 protocol errors", () -> p.stats().protocolErrors() == 3);
            c.connect(ep);
            p.publish(Message.of("still works"));
            c.receive(WAIT).ack();
            assertTrue(p.awaitConfirms(WAIT));
        }
    }
}
