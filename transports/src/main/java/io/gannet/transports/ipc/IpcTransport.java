package io.gannet.transports.ipc;

import io.gannet.SocketOption;
import io.gannet.spi.OptionSource;
import io.gannet.spi.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ipc://path}: Unix domain stream sockets through {@code java.nio}, wire-compatible
 * with libzmq's ipc. As libzmq does, binding removes a stale socket file at the path first,
 * {@code ipc://*} binds a fresh path in a new temporary directory, and unbinding removes the
 * socket file (and that directory). Linux abstract names ({@code ipc://@name}) are not
 * supported by {@code java.nio}. A path whose directory does not exist fails bind with
 * ENOENT naming the directory; a connect to one is retried, each CONNECT_RETRIED monitor
 * event saying which directory is missing. Stateless; any thread.
 */
public final class IpcTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(IpcTransport.class);
    /** Directory prefix of ipc://* paths; unlisten removes such directories. */
    static final String TEMP_PREFIX = "gannet-ipc-";
    static final String TEMP_NAME = "socket";
    /** sun_path holds 108 bytes including the terminating NUL. */
    private static final int MAX_PATH_BYTES = 107;

    @Override
    public String scheme() {
        return "ipc";
    }

    @Override
    public SocketAddress resolveBind(String address, OptionSource options) throws IOException {
        if (address.equals("*")) {
            Path dir = Files.createTempDirectory(TEMP_PREFIX);
            return UnixDomainSocketAddress.of(dir.resolve(TEMP_NAME));
        }
        return resolve(address);
    }

    @Override
    public SocketAddress resolveConnect(String address, OptionSource options) {
        if (address.equals("*")) {
            throw new IllegalArgumentException("ipc://* can only be bound, not connected to");
        }
        return resolve(address);
    }

    private static UnixDomainSocketAddress resolve(String address) {
        if (address.startsWith("@")) {
            throw new IllegalArgumentException("abstract ipc names (ipc://@name) are not supported by java.nio");
        }
        if (address.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("ipc path longer than " + MAX_PATH_BYTES + " bytes: " + address);
        }
        try {
            return UnixDomainSocketAddress.of(address);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid ipc path '" + address + "': " + e.getMessage());
        }
    }

    @Override
    public ServerSocketChannel listen(SocketAddress address, OptionSource options) throws IOException {
        Path path = ((UnixDomainSocketAddress) address).getPath();
        requireDirectory(path);
        // libzmq unlinks whatever is at the path: a socket file left by a crashed process.
        Files.deleteIfExists(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(address, Math.max(1, options.option(SocketOption.BACKLOG)));
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            removeTempDir(path);
            requireDirectory(path); // the directory went away meanwhile: say so, not "No such file"
            throw e;
        }
    }

    /**
     * Fails with a {@link NoSuchFileException} whose reason names the path and its missing
     * directory; {@code java.nio} would only say "No such file or directory".
     */
    private static void requireDirectory(Path socketFile) throws NoSuchFileException {
        Path dir = socketFile.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), socketFile.toString(),
                    "the directory " + dir + " of ipc path " + socketFile + " does not exist");
        }
    }

    @Override
    public SocketChannel open(SocketAddress address, OptionSource options) throws IOException {
        // A connect into a missing directory is retried (it may be made later), with this reason.
        requireDirectory(((UnixDomainSocketAddress) address).getPath());
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void configure(SocketChannel channel, OptionSource options) throws IOException {
        int sndbuf = options.option(SocketOption.SNDBUF);
        if (sndbuf > 0) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, sndbuf);
        }
        int rcvbuf = options.option(SocketOption.RCVBUF);
        if (rcvbuf > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, rcvbuf);
        }
    }

    @Override
    public String endpoint(SocketAddress boundAddress) {
        return "ipc://" + ((UnixDomainSocketAddress) boundAddress).getPath();
    }

    @Override
    public void unlisten(SocketAddress boundAddress) {
        Path path = ((UnixDomainSocketAddress) boundAddress).getPath();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("cannot remove ipc socket file {}", path, e);
        }
        removeTempDir(path);
    }

    private static void removeTempDir(Path socketFile) {
        Path dir = socketFile.getParent();
        if (dir != null && dir.getFileName() != null && dir.getFileName().toString().startsWith(TEMP_PREFIX)
                && socketFile.getFileName().toString().equals(TEMP_NAME)) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                LOG.debug("cannot remove ipc directory {}", dir, e);
            }
        }
    }
}
