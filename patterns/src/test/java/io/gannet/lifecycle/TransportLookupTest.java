package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Socket;
import io.gannet.SocketType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the library says about schemes it has no transport for: the message must be true. */
class TransportLookupTest {

    private static String failure(String endpoint, boolean bind) {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PUB)) {
            GannetException e = assertThrows(GannetException.class,
                    () -> { if (bind) { s.bind(endpoint); } else { s.connect(endpoint); } });
            assertEquals(ErrorCode.EPROTONOSUPPORT, e.code(), e.getMessage());
            return e.getMessage();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pgmIsRefusedBecauseJavaHasNoRawSocketsAndPointsToEpgm(boolean bind) {
        String msg = failure("pgm://eth0;239.192.1.1:5555", bind);
        assertTrue(msg.contains("raw") && msg.contains("use epgm://"), msg);
        assertFalse(msg.contains("artifact"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sctp://127.0.0.1:5555", "ws://127.0.0.1:5555"})
    void unknownSchemeListsOnlyTransportsThatExist(String endpoint) {
        String msg = failure(endpoint, false);
        assertTrue(msg.contains("inproc, ipc, tcp, udp and epgm"), msg);
        assertFalse(msg.matches(".*\\bpgm\\b.*"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:5555", "udp://127.0.0.1:5555", "epgm://eth0;239.192.1.1:5555"})
    void aGannetTransportWithoutItsArtifactNamesTheArtifact(String endpoint) {
        String msg = failure(endpoint, false);
        assertTrue(msg.contains("io.gannet:gannet-transports"), msg);
    }
}
