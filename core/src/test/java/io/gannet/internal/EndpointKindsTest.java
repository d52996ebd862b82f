package io.gannet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import org.junit.jupiter.api.Test;

/** The lookup from scheme to endpoint kind; core's tests have no tcp, ipc or udp transport on the path. */
class EndpointKindsTest {
    private static final EndpointKind INPROC = new Unused();
    private static final EndpointKind STREAMS = new Unused();
    private static final EndpointKind DATAGRAMS = new Unused();
    private final EndpointKinds kinds = new EndpointKinds(INPROC, STREAMS, DATAGRAMS);

    @Test
    void inprocIsServedByTheInprocKind() {
        assertSame(INPROC, kinds.of(Endpoint.parse("inproc://name")));
    }

    @Test
    void aStreamSchemeWithoutItsTransportNamesTheArtifact() {
        GannetException e = assertThrows(GannetException.class, () -> kinds.of(Endpoint.parse("tcp://127.0.0.1:1")));
        assertEquals(ErrorCode.EPROTONOSUPPORT, e.code());
        assertTrue(e.getMessage().contains("gannet-transports"), e.getMessage());
    }

    @Test
    void pgmIsRefusedBecauseJavaHasNoRawSocketsAndPointsToEpgm() {
        GannetException e = assertThrows(GannetException.class, () -> kinds.of(Endpoint.parse("pgm://eth0;239.1.1.1:5555")));
        assertEquals(ErrorCode.EPROTONOSUPPORT, e.code());
        assertTrue(e.getMessage().contains("raw"), e.getMessage());
        assertTrue(e.getMessage().contains("use epgm://"), e.getMessage());
    }

    @Test
    void epgmWithoutItsTransportNamesTheArtifact() {
        GannetException e = assertThrows(GannetException.class, () -> kinds.of(Endpoint.parse("epgm://eth0;239.1.1.1:5555")));
        assertEquals(ErrorCode.EPROTONOSUPPORT, e.code());
        assertTrue(e.getMessage().contains("gannet-transports"), e.getMessage());
    }

    @Test
    void anUnknownSchemeListsTheKnownOnes() {
        GannetException e = assertThrows(GannetException.class, () -> kinds.of(Endpoint.parse("bogus://x")));
        assertEquals(ErrorCode.EPROTONOSUPPORT, e.code());
        assertTrue(e.getMessage().contains("inproc, ipc, tcp, udp and epgm"), e.getMessage());
    }

    @Test
    void onlyInprocEndpointsAreInproc() {
        assertTrue(EndpointKinds.isInproc("inproc://monitor"));
        assertFalse(EndpointKinds.isInproc("tcp://127.0.0.1:5555"));
        assertFalse(EndpointKinds.isInproc("inproc"));
    }

    /** A kind the lookup only hands out; these tests never bind or connect. */
    private static final class Unused implements EndpointKind {
        @Override
        public EndpointHandle bind(SocketPort socket, Endpoint endpoint) {
            throw new AssertionError("not called");
        }

        @Override
        public EndpointHandle connect(SocketPort socket, Endpoint endpoint) {
            throw new AssertionError("not called");
        }
    }
}
