package io.gannet.transports.pgm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A deterministic network for PGM sources and sinks on a manual clock: multicast goes to every
 * sink, unicast to the source with that NLA, each link with its own seeded loss, delay jitter
 * (reordering) and duplication. Messages are 8-byte TSDUs (source id, index); every sink
 * checks that each source's TSDUs arrive in order, once, with only reported losses between.
 */
final class SimulatedNetwork {
    static final long MS = 1_000_000L;

    /** Decides the fate of one packet on one link. */
    interface Link {
        /** True to drop the {@code n}-th packet (0-based) sent on this link at {@code now}. */
        boolean drop(long n, long now, Random random);
    }

    static Link randomLoss(double p) {
        return (n, now, random) -> random.nextDouble() < p;
    }

    static Link bursts(int every, int length) {
        return (n, now, random) -> n % every >= every - length;
    }

    static Link outage(long fromNanos, long toNanos) {
        return (n, now, random) -> now >= fromNanos && now < toNanos;
    }

    static final Link PERFECT = (n, now, random) -> false;

    private record Event(long time, long order, Object target, byte[] packet, InetSocketAddress from) {
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    private final Random random;
    private final long jitterNanos;
    private final double duplicateRate;
    private final List<Sender> senders = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private long order;
    private boolean started;
    long now;

    SimulatedNetwork(long seed, long jitterNanos, double duplicateRate) {
        this.random = new Random(seed);
        this.jitterNanos = jitterNanos;
        this.duplicateRate = duplicateRate;
    }

    private void send(Object target, ByteBuffer packet, InetSocketAddress from, Link link, long[] counter) {
        long n = counter[0]++;
        if (link.drop(n, now, random)) {
            return;
        }
        byte[] copy = PgmTestSupport.copy(packet);
        int copies = random.nextDouble() < duplicateRate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = MS + (jitterNanos > 0 ? (long) (random.nextDouble() * jitterNanos) : 0);
            queue.add(new Event(now + delay, order++, target, copy, from));
        }
    }

    /** A source, its messages to send and its host. */
    final class Sender implements PgmWire {
        final int id;
        final PgmSource source;
        final InetSocketAddress address;
        final int messages;
        int next;

        Sender(int id, PgmSettings s, int messages, int firstSqn) {
            this.id = id;
            this.messages = messages;
            this.address = new InetSocketAddress(s.localAddress(), 40000 + id);
            this.source = new PgmSource(s, this, PgmTuning.LIBZMQ, now, firstSqn);
        }

        @Override
        public void multicast(ByteBuffer packet) {
            for (Receiver r : receivers) {
                send(r, packet, address, r.down, r.downCount);
            }
        }

        @Override
        public void unicast(ByteBuffer packet, InetSocketAddress to) {
            throw new AssertionError("a source sends no unicast");
        }

        void pump() {
            ByteBuffer tsdu = ByteBuffer.allocate(8);
            while (next < messages) {
                tsdu.clear();
                tsdu.putInt(id).putInt(next).flip();
                if (!source.send(tsdu, now)) {
                    return;
                }
                next++;
            }
        }
    }

    /** A sink with its links and its checks. */
    final class Receiver implements PgmWire, PgmDelivery {
        final PgmSink sink;
        final Link down;
        final Link up;
        final long[] downCount = {0};
        final long[] upCount = {0};
        final InetSocketAddress address;
        /** Per source id: the next index expected, and counts. */
        final Map<Integer, long[]> bySource = new HashMap<>();
        final Map<Tsi, Integer> ids = new HashMap<>();
        final Map<Tsi, Long> nextSqn = new HashMap<>();
        final Map<Tsi, Long> firstSqn = new HashMap<>();
        long delivered;
        long lost;
        boolean attached = true;

        Receiver(PgmSettings s, Link down, Link up) {
            this.down = down;
            this.up = up;
            this.address = new InetSocketAddress(s.localAddress(), 41000 + receivers.size());
            this.sink = new PgmSink(s, this, this);
        }

        @Override
        public void multicast(ByteBuffer packet) {
            throw new AssertionError("a sink sends no multicast");
        }

        @Override
        public void unicast(ByteBuffer packet, InetSocketAddress to) {
            for (Sender s : senders) {
                if (s.address.getAddress().equals(to.getAddress())) {
                    assertEquals(PgmTestSupport.PORT, to.getPort());
                    send(s, packet, address, up, upCount);
                    return;
                }
            }
            throw new AssertionError("unicast to no source: " + to);
        }

        @Override
        public void data(Tsi source, ByteBuffer tsdu) {
            assertEquals(8, tsdu.remaining());
            int id = tsdu.getInt(tsdu.position());
            int index = tsdu.getInt(tsdu.position() + 4);
            Integer known = ids.putIfAbsent(source, id);
            assertTrue(known == null || known == id, "one TSI, one sender");
            long[] c = bySource.computeIfAbsent(id, k -> new long[] {-1, 0, 0});
            assertTrue(c[0] < 0 || index == c[0], "in order, once: expected " + c[0] + " got " + index);
            c[0] = index + 1;
            c[1]++;
            delivered++;
        }

        @Override
        public void lost(Tsi source, long first, long count) {
            Integer id = null;
            for (Sender s : senders) {
                if (s.source.tsi().equals(source)) {
                    id = s.id;
                }
            }
            assertTrue(id != null, "a loss of a known source");
            long[] c = bySource.computeIfAbsent(id, k -> new long[] {-1, 0, 0});
            if (c[0] < 0) {
                c[0] = first; // reported before any data: the stream starts with the loss
            }
            c[0] += count;
            c[2] += count;
            lost += count;
        }

        long deliveredFrom(int id) {
            long[] c = bySource.get(id);
            return c == null ? 0 : c[1];
        }

        long lostFrom(int id) {
            long[] c = bySource.get(id);
            return c == null ? 0 : c[2];
        }

        /** The next index this receiver expects from sender {@code id} (-1 before any). */
        long nextIndex(int id) {
            long[] c = bySource.get(id);
            return c == null ? -1 : c[0];
        }
    }

    Sender addSender(Inet4Address host, byte[] gsi, int sourcePort, long rateKbps, int recoveryMs, int messages,
                     int firstSqn) {
        PgmSettings s = PgmTestSupport.settings(host, gsi, sourcePort, rateKbps, recoveryMs);
        Sender sender = new Sender(senders.size(), s, messages, firstSqn);
        senders.add(sender);
        return sender;
    }

    Receiver addReceiver(Inet4Address host, int sourcePort, long rateKbps, int recoveryMs, Link down, Link up) {
        byte[] gsi = {9, 9, 9, 9, (byte) (receivers.size() >> 8), (byte) receivers.size()};
        Receiver r = new Receiver(PgmTestSupport.settings(host, gsi, sourcePort, rateKbps, recoveryMs), down, up);
        receivers.add(r);
        return r;
    }

    /**
     * Runs until every sender has sent all and every attached receiver has accounted (delivered
     * or lost) for every message of every sender from where it joined, or until {@code limit}.
     */
    void run(long limitNanos) {
        if (!started) {
            // the receivers are listening before the session starts: the opening SPMs reach
            // them before any data (else, with reordering, a later ODATA would define the start)
            started = true;
            for (Sender s : senders) {
                s.source.onTimer(now);
            }
            now += 10 * MS;
            while (!queue.isEmpty() && queue.peek().time <= now) {
                Event e = queue.poll();
                if (e.target instanceof Receiver r && r.attached) {
                    r.sink.receive(ByteBuffer.wrap(e.packet), e.from, now);
                }
            }
        }
        int steps = 0;
        while (now < limitNanos) {
            for (Sender s : senders) {
                s.pump();
            }
            if (done()) {
                return;
            }
            long t = Long.MAX_VALUE;
            if (!queue.isEmpty()) {
                t = queue.peek().time;
            }
            for (Sender s : senders) {
                t = Math.min(t, s.source.nextDeadline());
            }
            for (Receiver r : receivers) {
                t = Math.min(t, r.sink.nextDeadline());
            }
            now = Math.max(now, t);
            while (!queue.isEmpty() && queue.peek().time <= now) {
                Event e = queue.poll();
                ByteBuffer packet = ByteBuffer.wrap(e.packet);
                if (e.target instanceof Receiver r) {
                    if (r.attached) {
                        r.sink.receive(packet, e.from, now);
                    }
                } else {
                    ((Sender) e.target).source.receive(packet, e.from, now);
                }
            }
            for (Sender s : senders) {
                if (s.source.nextDeadline() <= now) {
                    s.source.onTimer(now);
                }
            }
            for (Receiver r : receivers) {
                if (r.sink.nextDeadline() <= now) {
                    r.sink.onTimer(now);
                }
            }
            assertTrue(++steps < 5_000_000, "the simulation makes progress");
        }
    }

    private boolean done() {
        for (Sender s : senders) {
            if (s.next < s.messages) {
                return false;
            }
        }
        for (Receiver r : receivers) {
            if (!r.attached) {
                continue;
            }
            for (Sender s : senders) {
                if (r.nextIndex(s.id) != s.messages) {
                    return false;
                }
            }
        }
        return true;
    }
}
