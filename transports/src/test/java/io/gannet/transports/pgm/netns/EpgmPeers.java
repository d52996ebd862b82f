package io.gannet.transports.pgm.netns;

import io.gannet.transports.pgm.netns.NetnsLab.Side;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts multicast peers in a {@link NetnsLab}: libzmq ({@code pgm/epgm_peer.py} under
 * Debian's python3-zmq, built with OpenPGM) or Gannet ({@link EpgmPeer} in a child JVM with
 * this test's class path), with the same arguments, and runs the usual publish/subscribe
 * choreography between them.
 */
final class EpgmPeers {
    /** Which implementation plays a part. */
    enum Impl { GANNET, LIBZMQ }

    static final String PYTHON = "/usr/bin/python3";
    static final String GROUP = "239.192.7.1";
    static final int PORT = 5601;

    private EpgmPeers() {
    }

    /** {@code epgm://<side's address>;239.192.7.1:5601}. */
    static String endpoint(NetnsLab lab, Side side) {
        return "epgm://" + lab.address(side) + ";" + GROUP + ":" + PORT;
    }

    /** Starts {@code epgm_peer.py mode endpoint args} or {@code EpgmPeer mode endpoint args} on {@code side}. */
    static NsChild start(NetnsLab lab, Impl impl, Side side, String label, String mode, List<String> args) {
        List<String> command = new ArrayList<>();
        if (impl == Impl.LIBZMQ) {
            command.addAll(List.of(PYTHON, "-u", "-B", script().toString()));
        } else {
            command.addAll(javaCommand());
            command.add(EpgmPeer.class.getName());
        }
        command.add(mode);
        command.add(endpoint(lab, side));
        command.addAll(args);
        return lab.start(side, label + " (" + impl.name().toLowerCase() + ", " + side + ")", command);
    }

    /** A child JVM with this test's class and module path. */
    static List<String> javaCommand() {
        String modulePath = System.getProperty("jdk.module.path", "");
        String classPath = System.getProperty("java.class.path")
                + (modulePath.isEmpty() ? "" : File.pathSeparator + modulePath);
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseParallelGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dio.netty.leakDetection.level=paranoid", "-cp", classPath);
    }

    static Path script() {
        URL url = EpgmPeers.class.getResource("/pgm/epgm_peer.py");
        if (url == null) {
            throw new AssertionError("test resource /pgm/epgm_peer.py is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The usual run: the subscriber(s) start and print READY, each publisher sends hellos
     * until every subscriber has printed JOINED for it (so no subscriber joins late), then
     * sends its messages; the subscribers' DONE lines are returned, after which the
     * publishers are told to stop (they stay up until then to answer NAKs).
     */
    static List<Map<String, String>> run(List<NsChild> subs, List<NsChild> pubs, List<String> pubIds, Duration timeout) {
        for (NsChild sub : subs) {
            sub.awaitLine("READY", Duration.ofSeconds(60));
        }
        for (NsChild pub : pubs) {
            pub.awaitLine("READY", Duration.ofSeconds(60));
        }
        for (NsChild sub : subs) {
            for (String id : pubIds) {
                sub.awaitLine("JOINED " + id, Duration.ofSeconds(60));
            }
        }
        for (NsChild pub : pubs) {
            pub.writeLine("go");
        }
        List<Map<String, String>> results = new ArrayList<>();
        for (NsChild sub : subs) {
            results.add(sub.awaitDone(timeout));
        }
        for (NsChild pub : pubs) {
            pub.writeLine("stop");
            pub.awaitDone(Duration.ofSeconds(60));
        }
        return results;
    }

    /** Fails, with both peers' transcripts, unless {@code done} says every expected message came whole. */
    static void assertComplete(Map<String, String> done, long expected, NsChild sub, NsChild... pubs) {
        boolean ok = done.get("complete").equals("true") && done.get("gaps").equals("0")
                && done.get("bad").equals("0") && Long.parseLong(done.get("received")) == expected;
        if (!ok) {
            StringBuilder why = new StringBuilder("expected " + expected + " whole messages in order, got " + done);
            why.append('\n').append(sub.describe());
            for (NsChild pub : pubs) {
                why.append('\n').append(pub.describe());
            }
            throw new AssertionError(why.toString());
        }
        assertNoLeak(sub);
        for (NsChild pub : pubs) {
            assertNoLeak(pub);
        }
    }

    /** A Gannet child reports a Netty buffer leak on stderr; a test fails on it. */
    static void assertNoLeak(NsChild child) {
        if (child.stderr().contains("LEAK:")) {
            throw new AssertionError("buffer leak reported\n" + child.describe());
        }
    }
}
