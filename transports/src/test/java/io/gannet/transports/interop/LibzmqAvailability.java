package io.gannet.transports.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Whether the libzmq peer can run here: {@code /usr/bin/python3 -c 'import zmq'} works.
 * Probed once per JVM.
 *
 * <p>Interop tests never skip: without the peer they fail with a message that says how
 * to install it, locally and in CI ({@code CI=true}, where {@code .ci/run} installs it).
 * Thread-safe.
 */
public final class LibzmqAvailability {
    private static final String PROBE = "import zmq; print(zmq.zmq_version())";
    private static String version;
    private static String problem;

    private LibzmqAvailability() {
    }

    /** True if the peer can run. */
    public static boolean isAvailable() {
        probe();
        return problem == null;
    }

    /** The libzmq version the peer uses, e.g. {@code 4.3.4}; fails like {@link #require()}. */
    public static String libzmqVersion() {
        require();
        return version;
    }

    /** Fails the calling test, with installation advice, unless the peer can run. */
    public static void require() {
        probe();
        if (problem != null) {
            boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
            throw new AssertionError("libzmq interop peer unavailable: " + problem + "\n"
                    + "Install Debian's python3-zmq (libzmq 4.3.4): "
                    + "sudo apt-get install -y python3-zmq, or run .ci/run, which installs it.\n"
                    + (ci ? "CI=true: the CI environment must provide python3-zmq; interop tests never skip."
                          : "Interop tests never skip, locally either."));
        }
    }

    private static synchronized void probe() {
        if (version != null || problem != null) {
            return;
        }
        try {
            Process p = new ProcessBuilder(LibzmqPeer.PYTHON, "-c", PROBE).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                problem = LibzmqPeer.PYTHON + " -c 'import zmq' did not finish";
            } else if (p.exitValue() != 0) {
                problem = LibzmqPeer.PYTHON + " cannot import zmq: " + lastLine(output);
            } else {
                version = output;
            }
        } catch (IOException e) {
            problem = "cannot run " + LibzmqPeer.PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while probing for python3-zmq", e);
        }
    }

    private static String lastLine(String output) {
        int nl = output.lastIndexOf('\n');
        return nl < 0 ? output : output.substring(nl + 1);
    }
}
