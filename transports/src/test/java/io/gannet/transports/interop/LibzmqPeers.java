package io.gannet.transports.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.gannet.SocketType;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The libzmq peers of one test, and a short temporary directory for their ipc endpoints.
 * Closing it kills every peer and deletes the directory; under {@link LibzmqInterop} JUnit
 * closes it after the test. Used by the test thread only.
 */
public final class LibzmqPeers implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    private final List<LibzmqPeer> peers = new ArrayList<>();
    private Path ipcDir;

    /** A peer builder whose {@code start()} registers the peer here. */
    public PeerSpec peer(SocketType type) {
        return new PeerSpec(type, peers::add);
    }

    /** Starts and registers a peer with raw {@code zmq_peer.py} arguments. */
    public LibzmqPeer start(String... args) {
        LibzmqPeer peer = LibzmqPeer.start(args);
        peers.add(peer);
        return peer;
    }

    /** Starts and registers a peer running another resource script (see {@link LibzmqPeer#startScript}). */
    public LibzmqPeer startScript(String scriptResource, List<String> args) {
        LibzmqPeer peer = LibzmqPeer.startScript(scriptResource, args);
        peers.add(peer);
        return peer;
    }

    /**
     * {@code ipc://<dir>/<name>} in a fresh directory under /tmp: short, because a Unix
     * socket path must fit in 107 bytes, which a deep build directory may exceed.
     */
    public String ipcEndpoint(String name) {
        try {
            if (ipcDir == null) {
                ipcDir = Files.createTempDirectory(Path.of("/tmp"), "gnt");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "ipc://" + ipcDir.resolve(name);
    }

    /** Every peer's command line, transcript and stderr. */
    public String describeAll() {
        StringBuilder all = new StringBuilder();
        for (LibzmqPeer peer : peers) {
            all.append(peer.describe()).append('\n');
        }
        return all.toString();
    }

    /** Kills all peers, then removes the ipc directory. */
    @Override
    public void close() {
        for (LibzmqPeer peer : peers) {
            peer.close();
        }
        peers.clear();
        if (ipcDir != null) {
            try (Stream<Path> files = Files.walk(ipcDir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ipcDir = null;
        }
    }
}
