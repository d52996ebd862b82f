package io.gannet.transports.interop;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A libzmq {@link ClosingPeer}: one {@code closing_sender.py} process runs every round of a
 * case (a fresh context and socket per round, closed with LINGER 5000 and terminated), so a
 * case costs one interpreter start, not one per round. Used by the test thread.
 */
public final class LibzmqClosingPeer implements ClosingPeer {
    private static final String SCRIPT = "/interop/closing_sender.py";

    private final LibzmqPeer peer;
    private final Set<Integer> closedRounds = new HashSet<>();

    private LibzmqClosingPeer(LibzmqPeer peer) {
        this.peer = peer;
    }

    /**
     * Starts the peer for {@code rounds} rounds. {@code bindEndpoint} is where the peer binds
     * ({@code tcp://127.0.0.1:*}, or an ipc path to which each round appends its number), or
     * null when the peer connects to the endpoints given to {@link #connectRound}.
     */
    public static LibzmqClosingPeer start(LibzmqPeers peers, LossPattern pattern, LossPayload payload,
            String bindEndpoint, int rounds) {
        List<String> args = List.of(pattern.role, bindEndpoint == null ? "connect" : "bind",
                bindEndpoint == null ? "-" : bindEndpoint, Integer.toString(rounds),
                Integer.toString(payload.count), payload.arg());
        return new LibzmqClosingPeer(peers.startScript(SCRIPT, args));
    }

    @Override
    public String bindRound(int round) {
        peer.writeLine("round -");
        String line = peer.awaitLine("BOUND " + round, GannetSide.WAIT);
        return line.substring(line.lastIndexOf(' ') + 1);
    }

    @Override
    public void connectRound(int round, String endpoint) {
        peer.writeLine("round " + endpoint);
    }

    @Override
    public boolean closed(int round) {
        if (!closedRounds.contains(round) && peer.pollLine("CLOSED " + round) != null) {
            closedRounds.add(round);
        }
        return closedRounds.contains(round);
    }

    @Override
    public void awaitClosed(int round) {
        if (!closed(round)) {
            peer.awaitLine("CLOSED " + round, GannetSide.WAIT);
            closedRounds.add(round);
        }
    }

    @Override
    public void close() {
        peer.close();
    }
}
