package io.gannet.transports.pgm.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two Linux network namespaces joined by a veth pair: a private two-host network for
 * multicast tests, with random packet loss on demand. Needs root and iproute2.
 *
 * <pre>
 *   namespace A                         namespace B
 *   lo up                               lo up
 *   veth a: 10.251.0.1/24  &lt;------&gt;  veth b: 10.251.0.2/24
 *   route 224.0.0.0/4 dev a             route 224.0.0.0/4 dev b
 *   [ingress loss filter]               [ingress loss filter]
 * </pre>
 *
 * <p>Loss: the kernels these tests run on may lack {@code sch_netem} (and iptables), so
 * loss is injected with a {@code clsact} qdisc and a classic-BPF {@code cls_bpf} filter in
 * direct-action mode on a side's ingress. For IPv4 UDP packets it draws {@code ld rand}
 * (a fresh 32-bit random number per packet) and drops the packet ({@code TC_ACT_SHOT})
 * when the number is at most {@code p * 2^32}: independent random loss with probability
 * {@code p}, the same model as netem's {@code loss random p}. Other traffic (ARP) passes.
 *
 * <p>Names carry this JVM's pid (namespaces {@code gpgm<pid>n<k>a}, links {@code gp<pid>n<k>a}); a lab whose JVM
 * died (a killed test run) is removed when the next lab is created. {@link #close()}
 * kills every child it started and deletes both namespaces, which deletes the veth pair.
 * A lab that cannot be created throws: the tests fail, they do not skip.
 */
public final class NetnsLab implements AutoCloseable {
    /** One end of the veth pair. */
    public enum Side { A, B }

    static final String PREFIX = "gpgm";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private final String nsA;
    private final String nsB;
    private final String vethA;
    private final String vethB;
    private final boolean[] lossQdisc = new boolean[2];
    private final List<NsChild> children = new ArrayList<>();

    private NetnsLab(int id) {
        String base = PREFIX + PID + "n" + id;
        nsA = base + "a";
        nsB = base + "b";
        // Interface names are limited to 15 characters: "gp" + pid (at most 7 digits) + "n" + 3 + 1.
        String shortBase = "gp" + PID + "n" + (id % 1000);
        vethA = shortBase + "a";
        vethB = shortBase + "b";
    }

    /** Creates the two namespaces and the link between them; fails the test when it cannot. */
    public static NetnsLab create() {
        removeStale();
        NetnsLab lab = new NetnsLab(SEQUENCE.incrementAndGet());
        try {
            lab.setUp();
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private void setUp() {
        ip("netns", "add", nsA);
        ip("netns", "add", nsB);
        ip("link", "add", vethA, "type", "veth", "peer", "name", vethB);
        ip("link", "set", vethA, "netns", nsA);
        ip("link", "set", vethB, "netns", nsB);
        configure(nsA, vethA, address(Side.A));
        configure(nsB, vethB, address(Side.B));
    }

    private static void configure(String ns, String veth, String address) {
        ip("-n", ns, "addr", "add", address + "/24", "dev", veth);
        ip("-n", ns, "link", "set", "lo", "up");
        ip("-n", ns, "link", "set", veth, "up");
        ip("-n", ns, "route", "add", "224.0.0.0/4", "dev", veth);
    }

    /** The IPv4 address of a side's veth end (OpenPGM inside a namespace wants the address, not the name). */
    public String address(Side side) {
        return side == Side.A ? "10.251.0.1" : "10.251.0.2";
    }

    /** The namespace name of a side. */
    public String namespace(Side side) {
        return side == Side.A ? nsA : nsB;
    }

    /** The veth interface name of a side (inside its namespace). */
    public String device(Side side) {
        return side == Side.A ? vethA : vethB;
    }

    /**
     * Drops each IPv4 UDP packet arriving at {@code side} with probability {@code fraction}
     * (0 removes the filter, 1 drops every UDP packet: a blackout). Replaces any earlier setting.
     */
    public void loss(Side side, double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("loss fraction " + fraction);
        }
        String ns = namespace(side);
        String dev = device(side);
        int i = side.ordinal();
        if (!lossQdisc[i]) {
            run(List.of("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", dev, "clsact"));
            lossQdisc[i] = true;
        } else {
            run(List.of("ip", "netns", "exec", ns, "tc", "filter", "del", "dev", dev, "ingress"));
        }
        if (fraction > 0) {
            run(List.of("ip", "netns", "exec", ns, "tc", "filter", "add", "dev", dev, "ingress",
                    "bpf", "da", "bytecode", lossBytecode(fraction)));
        }
    }

    /** Packets the loss filter of {@code side} has dropped so far (the clsact qdisc's drop count). */
    public long droppedPackets(Side side) {
        if (!lossQdisc[side.ordinal()]) {
            return 0;
        }
        String stats = run(List.of("ip", "netns", "exec", namespace(side), "tc", "-s", "qdisc", "show",
                "dev", device(side)));
        int clsact = stats.indexOf("qdisc clsact");
        int at = stats.indexOf("(dropped ", clsact);
        if (clsact < 0 || at < 0) {
            throw new AssertionError("no clsact drop count in: " + stats);
        }
        int from = at + "(dropped ".length();
        return Long.parseLong(stats.substring(from, stats.indexOf(',', from)));
    }

    /**
     * Classic BPF for cls_bpf at ingress, where offset 0 is the Ethernet header:
     * <pre>
     *   ldh  proto              ; skb->protocol
     *   jeq  #0x800, 0, pass    ; IPv4 only
     *   ldb  [23]               ; IP protocol (14-byte Ethernet header + 9)
     *   jeq  #17, 0, pass       ; UDP only
     *   ld   rand
     *   jgt  #threshold, pass, 0
     *   ret  #2                 ; TC_ACT_SHOT: drop
     *   pass: ret #0            ; TC_ACT_OK
     * </pre>
     */
    static String lossBytecode(double fraction) {
        long threshold = Math.min(0xFFFF_FFFFL, Math.round(fraction * 4294967296.0));
        String jgt = fraction >= 1 ? "5 0 0 0" : "37 1 0 " + threshold;   // p = 1: "ja +0", on to the drop
        return "8,40 0 0 4294963200,21 0 5 2048,48 0 0 23,21 0 3 17,32 0 0 4294963256,"
                + jgt + ",6 0 0 2,6 0 0 0,";
    }

    /**
     * Starts {@code command} inside a side's namespace ({@code ip netns exec}, which execs it:
     * the child's pid is the command's own). The lab kills it on close if it still runs.
     */
    public NsChild start(Side side, String label, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace(side)));
        full.addAll(command);
        NsChild child = NsChild.start(label, full);
        synchronized (children) {
            children.add(child);
        }
        return child;
    }

    /** Kills every child, deletes both namespaces (and with them the veth pair). Never throws. */
    @Override
    public void close() {
        List<NsChild> all;
        synchronized (children) {
            all = new ArrayList<>(children);
            children.clear();
        }
        for (NsChild child : all) {
            child.close();
        }
        for (String ns : List.of(nsA, nsB)) {
            tryRun(List.of("ip", "netns", "del", ns));
        }
        // Only left behind if a failure came between creating the pair and moving it.
        tryRun(List.of("ip", "link", "del", vethA));
    }

    /** Removes namespaces and links of earlier runs whose JVM no longer exists. */
    static void removeStale() {
        for (String line : tryRun(List.of("ip", "netns", "list")).split("\n")) {
            String name = line.split(" ")[0];
            if (isStale(name, PREFIX)) {
                tryRun(List.of("ip", "netns", "del", name));
            }
        }
        for (String line : tryRun(List.of("ip", "-o", "link", "show")).split("\n")) {
            String[] fields = line.split(": ");
            if (fields.length > 1) {
                String name = fields[1].split("@")[0];
                if (isStale(name, "gp")) {
                    tryRun(List.of("ip", "link", "del", name));
                }
            }
        }
    }

    private static boolean isStale(String name, String prefix) {
        if (!name.startsWith(prefix)) {
            return false;
        }
        int end = name.indexOf('n', prefix.length());
        if (end <= prefix.length()) {
            return false;
        }
        try {
            long pid = Long.parseLong(name.substring(prefix.length(), end));
            return pid != PID && ProcessHandle.of(pid).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        run(command);
    }

    /** Runs a setup command; throws AssertionError with its output if it fails. */
    static String run(List<String> command) {
        Result r = exec(command);
        if (r.status != 0) {
            throw new AssertionError("network namespace setup failed (needs root and iproute2): "
                    + String.join(" ", command) + " -> exit " + r.status + ": " + r.output.strip());
        }
        return r.output;
    }

    private static String tryRun(List<String> command) {
        Result r = exec(command);
        return r.status == 0 ? r.output : "";
    }

    private record Result(int status, String output) { }

    private static Result exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
