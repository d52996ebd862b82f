package io.gannet.transports.pgm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import org.junit.jupiter.api.Test;

/** What {@code epgm://} and {@code pgm://} refuse, with the reason, before any packet moves. */
class EpgmEndpointTest {

    private static GannetException bindFails(SocketType type, String endpoint) {
        try (Context ctx = new Context(); Socket s = ctx.socket(type)) {
            return assertThrows(GannetException.class, () -> s.bind(endpoint));
        }
    }

    private static GannetException connectFails(SocketType type, String endpoint) {
        try (Context ctx = new Context(); Socket s = ctx.socket(type)) {
            return assertThrows(GannetException.class, () -> s.connect(endpoint));
        }
    }

    @Test
    void pgmIsRefusedBecauseJavaHasNoRawSockets() {
        GannetException e = connectFails(SocketType.PUB, "pgm://127.0.0.1;239.192.1.1:5555");
        assertEquals(ErrorCode.EPROTONOSUPPORT, e.code());
        assertTrue(e.getMessage().contains("raw") && e.getMessage().contains("use epgm://"), e.getMessage());
    }

    @Test
    void onlyPubSubSocketTypesUseEpgm() {
        for (SocketType t : new SocketType[] {SocketType.PUSH, SocketType.PULL, SocketType.REQ, SocketType.DEALER,
                SocketType.PAIR}) {
            GannetException e = connectFails(t, "epgm://127.0.0.1;239.192.1.1:5555");
            assertEquals(ErrorCode.ENOTSUP, e.code(), t.toString());
            assertTrue(e.getMessage().contains("PUB/SUB only") && e.getMessage().contains(t.toString()), e.getMessage());
        }
        assertEquals(ErrorCode.ENOTSUP, bindFails(SocketType.ROUTER, "epgm://127.0.0.1;239.192.1.1:5555").code());
    }

    @Test
    void malformedEndpointsSayWhatIsWrong() {
        String[][] cases = {
            {"epgm://127.0.0.1:5555", "interface;group:port"},
            {"epgm://127.0.0.1;239.192.1.1", "interface;group:port"},
            {"epgm://127.0.0.1;239.192.1.1:http", "no valid port"},
            {"epgm://127.0.0.1;239.192.1.1:70000", "not 1 to 65535"},
            {"epgm://;239.192.1.1:5555", "names no interface"},
            {"epgm://127.0.0.1;10.1.2.3:5555", "not an IPv4 multicast group"},
            {"epgm://127.0.0.1;ff02::1:5555", "not an IPv4 multicast group"},
            {"epgm://127.0.0.1;239.1.1.1,239.1.1.2:5555", "one multicast group"},
            {"epgm://no-such-if0;239.192.1.1:5555", "no network interface is named 'no-such-if0'"},
            {"epgm://192.0.2.77;239.192.1.1:5555", "no network interface has the address 192.0.2.77"},
        };
        for (String[] c : cases) {
            GannetException e = bindFails(SocketType.SUB, c[0]);
            assertEquals(ErrorCode.EINVAL, e.code(), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
            e = connectFails(SocketType.PUB, c[0]);
            assertEquals(ErrorCode.EINVAL, e.code(), c[0]);
        }
    }

    @Test
    void multicastOptionsHaveLibzmqDefaultsAndRanges() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PUB)) {
            assertEquals(100, s.get(SocketOption.RATE));
            assertEquals(10_000, s.get(SocketOption.RECOVERY_IVL));
            assertEquals(1, s.get(SocketOption.MULTICAST_HOPS));
            assertEquals(1500, s.get(SocketOption.MULTICAST_MAXTPDU));
            assertEquals(true, s.get(SocketOption.MULTICAST_LOOP));
            assertThrows(GannetException.class, () -> s.set(SocketOption.RATE, 0));
            assertThrows(GannetException.class, () -> s.set(SocketOption.MULTICAST_HOPS, 256));
            assertThrows(GannetException.class, () -> s.set(SocketOption.MULTICAST_MAXTPDU, 100));
            s.set(SocketOption.RATE, 1_000_000);
            assertEquals(1_000_000, s.get(SocketOption.RATE));
        }
    }
}
