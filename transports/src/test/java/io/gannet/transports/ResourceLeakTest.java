package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import org.junit.jupiter.api.Test;

/** After Context.close(), no I/O thread, selector or channel is left. */
class ResourceLeakTest {

    @Test
    void closingTheContextLeavesNoThreadsOrFileDescriptors() throws Exception {
        long fdsBefore = -1;
        // Round 0 warms the JVM up (class loading and first use of Unix sockets open files
        // of their own); later rounds must each end where the previous one ended.
        for (int round = 0; round < 4; round++) {
            if (round == 1) {
                fdsBefore = TestSupport.openFds();
            }
            try (Context ctx = Context.builder().ioThreads(2).build()) {
                Socket pull = ctx.socket(SocketType.PULL);
                pull.bind("tcp://127.0.0.1:*");
                pull.bind("ipc://*");
                Socket[] pushes = new Socket[5];
                for (int i = 0; i < pushes.length; i++) {
                    pushes[i] = ctx.socket(SocketType.PUSH);
                    pushes[i].connect(i % 2 == 0 ? pull.lastEndpoint() : pull.lastEndpoint());
                    pushes[i].send(new byte[100_000]);
                }
                Socket dangling = ctx.socket(SocketType.PUSH);
                dangling.set(SocketOption.LINGER, 0);
                dangling.connect("tcp://127.0.0.1:1");
                dangling.send("never delivered");
                for (int i = 0; i < pushes.length; i++) {
                    assertEquals(100_000, pull.recvBytes(0).length);
                }
                // Sockets are left open on purpose: the context closes them.
            }
            TestSupport.assertNoIoThreads();
        }
        assertEquals(fdsBefore, TestSupport.openFds(), "file descriptors after closing the contexts");
    }
}
