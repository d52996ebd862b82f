package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ipc:// into a directory that does not exist: a clear error, not a bare SocketException. */
class IpcMissingDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void bindNamesThePathAndTheMissingDirectory() {
        Path missing = dir.resolve("not-there");
        String ep = "ipc://" + missing.resolve("s.sock");
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            Monitor m = pull.monitor(EnumSet.of(SocketEvent.BIND_FAILED));
            GannetException e = assertThrows(GannetException.class, () -> pull.bind(ep));
            assertEquals(ErrorCode.ENOENT, e.code());
            assertTrue(e.getMessage().contains("the directory " + missing + " of ipc path " + missing.resolve("s.sock")
                    + " does not exist"), e.getMessage());
            assertFalse(e.getMessage().contains("SocketException"), e.getMessage());
            MonitorEvent failed = m.next(TestSupport.TIMEOUT);
            assertEquals(SocketEvent.BIND_FAILED, failed.event());
            assertTrue(failed.detail().contains(missing.toString()), failed.toString());
        }
    }

    @Test
    void connectRetriesSayingWhichDirectoryIsMissingAndConnectsOnceItExists() throws Exception {
        Path later = dir.resolve("later");
        String ep = "ipc://" + later.resolve("s.sock");
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            Monitor m = push.monitor(EnumSet.of(SocketEvent.CONNECT_RETRIED));
            push.set(SocketOption.RECONNECT_IVL, 10).connect(ep);
            MonitorEvent retried = TestSupport.expect(m, SocketEvent.CONNECT_RETRIED);
            assertTrue(retried.detail().contains("the directory " + later + " "), retried.toString());
            push.send("waited");
            Files.createDirectory(later);
            pull.bind(ep);
            assertEquals("waited", TestSupport.recv(pull));
        }
    }
}
