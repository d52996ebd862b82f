package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.StderrCapture;
import io.gannet.testing.TestSupport;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * A bug of ours on an I/O thread (here a NullPointerException while a listener sets up an
 * accepted connection) closes what it hit, says so at ERROR with the stack and through the
 * monitor, and the same I/O thread goes on serving every other connection.
 */
class IoThreadBugTest {

    @Test
    void aNullPointerExceptionInAHandlerClosesItWithAnErrorLogAndAMonitorEventAndOthersGoOn() throws Exception {
        try (Context ctx = new Context(1); // one I/O thread: the good and the bad share it
             Socket badPull = ctx.socket(SocketType.PULL);
             Socket badPush = ctx.socket(SocketType.PUSH);
             Socket goodPull = ctx.socket(SocketType.PULL);
             Socket goodPush = ctx.socket(SocketType.PUSH);
             Monitor closed = badPull.monitor(EnumSet.of(SocketEvent.CLOSED))) {
            goodPull.set(SocketOption.RCVTIMEO, 10_000);
            badPull.bind("faulty://npe@127.0.0.1:0");
            goodPull.bind("faulty://127.0.0.1:0");
            goodPush.connect(goodPull.lastEndpoint());
            assertTrue(goodPush.send("before"));
            assertEquals("before", goodPull.recvString());

            String log;
            try (StderrCapture err = new StderrCapture()) {
                badPush.connect(badPull.lastEndpoint());
                MonitorEvent e = closed.next(Duration.ofSeconds(10));
                assertNotNull(e, "the failed listener reports CLOSED");
                assertTrue(e.detail().startsWith("internal error: java.lang.NullPointerException"), e.detail());
                TestSupport.await("the stack trace is logged",
                        () -> err.text().contains("\tat io.gannet.testing.FaultyTransport.configure"));
                log = err.text();
            }
            assertTrue(log.contains("ERROR"), log);
            assertTrue(log.contains("NullPointerException"), log);

            assertTrue(goodPush.send("after"));
            assertEquals("after", goodPull.recvString(), "the I/O thread still serves the other connection");
        }
    }
}
