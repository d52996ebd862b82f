package io.gannet.transports.interop;

import java.util.stream.Stream;

import io.gannet.Context;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A libzmq peer (python3-zmq) sends N messages, or answers N requests, and closes with
 * LINGER 5000, which makes libzmq flush them to a reading peer before it closes: the Gannet
 * socket must receive all N, whole and in order, whether it connected to the peer or bound
 * the endpoint the peer connected to. Every pattern (PULL, DEALER, SUB, PAIR, REQ), tcp and
 * ipc, 64 B, 64 KB, 1 MB and multipart messages, {@link LossRounds#ROUNDS} rounds per case,
 * one python process per case.
 */
@LibzmqInterop
class LossMatrixInteropTest {
    /** Which side binds. */
    enum Gannet { CONNECTS, BINDS }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Gannet side : Gannet.values()) {
            for (LossPattern pattern : LossPattern.values()) {
                for (String transport : new String[] {"tcp", "ipc"}) {
                    for (LossPayload payload : LossPayload.values()) {
                        cases.add(Arguments.of(side, pattern, transport, payload));
                    }
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "gannet {0} {1} {2} {3}")
    @MethodSource("cases")
    void everyMessageOfAClosingLibzmqPeerArrives(Gannet side, LossPattern pattern, String transport,
            LossPayload payload, LibzmqPeers peers) {
        String ipc = peers.ipcEndpoint("loss");
        boolean gannetBinds = side == Gannet.BINDS;
        String peerBinds = gannetBinds ? null : "tcp".equals(transport) ? GannetSide.ANY_TCP : ipc;
        try (Context ctx = new Context();
                ClosingPeer peer = LibzmqClosingPeer.start(peers, pattern, payload, peerBinds, LossRounds.ROUNDS)) {
            LossRounds.assertNothingLost(ctx, pattern, payload, peer,
                    !gannetBinds ? null : r -> "tcp".equals(transport) ? GannetSide.ANY_TCP : ipc + "-" + r);
        }
    }
}
