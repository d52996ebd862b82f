#!/usr/bin/python3
"""A libzmq epgm:// peer for Gannet's multicast tests (run inside a network namespace).

  epgm_peer.py pub ENDPOINT --count N --pub-id ID [--topics A,B] [--profile mixed|fixed:S]
               [--multipart-every K] [--hello] [--interval-us U] [--rate KBPS] ...
  epgm_peer.py sub ENDPOINT --pubs ID[,ID] --count N [--subscribe T ...] [--topics A,B] [--late]

Its Java twin is EpgmPeer (same arguments, same lines). Lines on stdout:
  STARTED                    sub with --late: up, waiting for "go" on stdin to connect
  READY                      socket connected
  JOINED <pub>               sub: the first hello of a publisher arrived
  SENT <n> / SENT-ALL <n>    pub: progress / everything handed to the socket
  RECV <n>                   sub: progress
  GAP <pub> <first> <count>  sub: <count> expected messages before <first> never came
  BAD <pub> <seq> <why>      sub: a message that does not match what was sent
                             (the first 20 of each; DONE has the totals)
  DONE key=value ...         finished (exit 0); ERROR <text> on failure (exit 1)
Stdin: "go" ends a pub's hello phase (and lets a --late sub connect); "stop" (or end of input) ends a pub's linger or a sub.

Message format (EpgmMessages.java is the Java side): frame 0 is
  <topic>|<pub>|<seq, 10 digits>|<crc32 of the payload frames, 8 hex>|<payload frame count>
then the payload frames: one frame of size(seq) bytes, or for every K-th message (K =
--multipart-every) three frames of size(seq), 0 and size(seq) % 300 + 1 bytes. Byte j of
payload frame f is (seq + 31 f + j) mod 256. size(seq) is 'fixed:S' or 'mixed', a
log-uniform size in 1..8192 from a hash of seq. Topic of seq = topics[seq % len(topics)].
Hello messages (frame 0 "~hello|<pub>") are sent every 20 ms until "go" with --hello.
"""

import argparse
import sys
import threading
import time
import zlib

import zmq

PATTERN = bytes(range(256)) * 34

# A subscriber reports JOINED after this many hellos (about 200 ms): OpenPGM's receiver learns
# the source's address for NAKs from an SPM (it asks with SPMR after the first data); a packet
# lost before that is never NAKed and libzmq 4.3.4 stalls for good (measured ~1 run in 10 at
# 1 % loss when the burst followed the first hello at once).
JOIN_AFTER_HELLOS = 10


def size_of(seq, profile):
    if profile.startswith("fixed:"):
        return int(profile[6:])
    h = (seq * 2654435761) & 0xFFFFFFFF
    return 1 + ((h >> 8) % (1 << (h % 14)))


def payload(seq, profile, multipart_every):
    n = size_of(seq, profile)
    sizes = [n, 0, n % 300 + 1] if multipart_every and seq % multipart_every == multipart_every - 1 else [n]
    frames = []
    for f, size in enumerate(sizes):
        start = (seq + 31 * f) % 256
        frames.append(PATTERN[start:start + size])
    return frames


def message(topic, pub, seq, profile, multipart_every):
    frames = payload(seq, profile, multipart_every)
    crc = 0
    for frame in frames:
        crc = zlib.crc32(frame, crc)
    head = b"%s|%s|%010d|%08x|%d" % (topic, pub, seq, crc, len(frames))
    return [head] + frames


def out(*parts):
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


class Control:
    """Reads stdin on a thread: 'go' and 'stop' (end of input counts as stop)."""

    def __init__(self):
        self.go = threading.Event()
        self.stop = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in sys.stdin:
            word = line.strip()
            if word == "go":
                self.go.set()
            elif word == "stop":
                break
        self.stop.set()
        self.go.set()


def socket_for(ctx, kind, args):
    s = ctx.socket(kind)
    s.setsockopt(zmq.LINGER, args.linger_ms)
    s.setsockopt(zmq.RATE, args.rate)
    s.setsockopt(zmq.RECOVERY_IVL, args.recovery_ivl)
    s.setsockopt(zmq.SNDHWM, args.hwm)
    s.setsockopt(zmq.RCVHWM, args.hwm)
    if args.maxtpdu:
        s.setsockopt(zmq.MULTICAST_MAXTPDU, args.maxtpdu)
    if args.hops:
        s.setsockopt(zmq.MULTICAST_HOPS, args.hops)
    if args.buffer:
        s.setsockopt(zmq.SNDBUF, args.buffer)
        s.setsockopt(zmq.RCVBUF, args.buffer)
    return s


def run_pub(ctx, args, control):
    s = socket_for(ctx, zmq.PUB, args)
    s.connect(args.endpoint)
    pub = args.pub_id.encode()
    topics = [t.encode() for t in args.topics.split(",")]
    out("READY")
    if args.hello:
        while not control.go.is_set():
            s.send(b"~hello|" + pub)
            control.go.wait(0.02)
    interval = args.interval_us / 1e6
    started = time.monotonic()
    for seq in range(args.count):
        if control.stop.is_set():
            raise RuntimeError("stopped after %d of %d messages" % (seq, args.count))
        s.send_multipart(message(topics[seq % len(topics)], pub, seq, args.profile, args.multipart_every))
        if args.progress and (seq + 1) % args.progress == 0:
            out("SENT", seq + 1)
        if interval:
            delay = started + (seq + 1) * interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
    out("SENT-ALL", args.count)
    # Stay up (and able to repair) until the test has what it needs.
    control.stop.wait(args.max_seconds)
    s.close()
    out("DONE", "sent=%d" % args.count)


class Streams:
    """What a subscriber has seen of each publisher: the next expected seq, gaps, bad messages."""

    def __init__(self, args):
        self.args = args
        self.topics = [t.encode() for t in args.topics.split(",")]
        self.subs = [t.encode() for t in (args.subscribe or [""])]
        self.pubs = args.pubs.split(",")
        self.last = {}
        self.first = {}
        self.received = 0
        self.gaps = 0
        self.missing = 0
        self.bad = 0

    def wanted(self, seq):
        topic = self.topics[seq % len(self.topics)]
        return any(topic.startswith(s) for s in self.subs)

    def last_wanted(self):
        seq = self.args.count - 1
        while seq >= 0 and not self.wanted(seq):
            seq -= 1
        return seq

    def check(self, frames):
        head = frames[0].split(b"|")
        if len(head) != 5:
            return self.reject("?", -1, "header %r" % frames[0][:60])
        topic, pub, seq_text, crc_text, count = head
        pub = pub.decode()
        seq = int(seq_text)
        if pub not in self.pubs:
            return self.reject(pub, seq, "unknown publisher")
        if topic != self.topics[seq % len(self.topics)] or not self.wanted(seq):
            return self.reject(pub, seq, "topic %r not expected" % topic)
        body = frames[1:]
        if len(body) != int(count):
            return self.reject(pub, seq, "%d payload frames, header says %s" % (len(body), count))
        crc = 0
        for frame in body:
            crc = zlib.crc32(frame, crc)
        if "%08x" % crc != crc_text.decode():
            return self.reject(pub, seq, "crc32 %08x, header says %s" % (crc, crc_text.decode()))
        if body != payload(seq, self.args.profile, self.args.multipart_every):
            return self.reject(pub, seq, "payload differs from what was sent")
        self.received += 1
        if pub not in self.last:
            self.first[pub] = seq
            expected_from = seq if self.args.late else 0
        else:
            if seq <= self.last[pub]:
                return self.reject(pub, seq, "out of order after %d" % self.last[pub])
            expected_from = self.last[pub] + 1
        skipped = sum(1 for s in range(expected_from, seq) if self.wanted(s))
        if skipped:
            self.gaps += 1
            self.missing += skipped
            if self.gaps <= 20:
                out("GAP", pub, seq, skipped)
        self.last[pub] = seq
        if self.args.progress and self.received % self.args.progress == 0:
            out("RECV", self.received)

    def reject(self, pub, seq, why):
        self.bad += 1
        if self.bad <= 20:
            out("BAD", pub, seq, why.replace(" ", "_"))

    def complete(self):
        end = self.last_wanted()
        return all(self.last.get(p) == end for p in self.pubs)

    def summary(self):
        parts = ["received=%d" % self.received, "gaps=%d" % self.gaps, "missing=%d" % self.missing,
                 "bad=%d" % self.bad, "complete=%s" % str(self.complete()).lower()]
        for p in self.pubs:
            parts.append("first.%s=%s" % (p, self.first.get(p, -1)))
            parts.append("last.%s=%s" % (p, self.last.get(p, -1)))
        return parts


def run_sub(ctx, args, control):
    if args.late:
        out("STARTED")
        control.go.wait()
    s = socket_for(ctx, zmq.SUB, args)
    streams = Streams(args)
    for topic in streams.subs:
        s.setsockopt(zmq.SUBSCRIBE, topic)
    s.setsockopt(zmq.SUBSCRIBE, b"~hello|")
    s.setsockopt(zmq.RCVTIMEO, 100)
    s.connect(args.endpoint)
    out("READY")
    hellos = {}
    deadline = time.monotonic() + args.max_seconds
    last_message = None
    while not control.stop.is_set() and time.monotonic() < deadline:
        try:
            frames = s.recv_multipart()
        except zmq.Again:
            if last_message and time.monotonic() - last_message > args.idle_ms / 1000:
                break
            continue
        if frames[0].startswith(b"~hello|"):
            pub = frames[0][7:].decode()
            hellos[pub] = hellos.get(pub, 0) + 1
            if hellos[pub] == JOIN_AFTER_HELLOS:
                out("JOINED", pub)
            continue
        last_message = time.monotonic()
        streams.check(frames)
        if streams.complete():
            break
    s.close()
    out("DONE", *streams.summary())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=("pub", "sub"))
    p.add_argument("endpoint")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--pub-id", default="p1")
    p.add_argument("--pubs", default="p1")
    p.add_argument("--topics", default="")
    p.add_argument("--subscribe", action="append")
    p.add_argument("--profile", default="mixed")
    p.add_argument("--multipart-every", type=int, default=0)
    p.add_argument("--hello", action="store_true")
    p.add_argument("--late", action="store_true")
    p.add_argument("--interval-us", type=int, default=0)
    p.add_argument("--progress", type=int, default=0)
    p.add_argument("--rate", type=int, default=100000)
    p.add_argument("--recovery-ivl", type=int, default=10000)
    p.add_argument("--hwm", type=int, default=0)
    p.add_argument("--maxtpdu", type=int, default=0)
    p.add_argument("--hops", type=int, default=0)
    p.add_argument("--buffer", type=int, default=0)
    p.add_argument("--linger-ms", type=int, default=0)
    p.add_argument("--idle-ms", type=int, default=15000)
    p.add_argument("--max-seconds", type=float, default=170)
    args = p.parse_args()
    if not zmq.has("pgm"):
        out("ERROR this libzmq was built without OpenPGM")
        sys.exit(1)
    control = Control()
    ctx = zmq.Context()
    try:
        if args.mode == "pub":
            run_pub(ctx, args, control)
        else:
            run_sub(ctx, args, control)
    except Exception as e:  # reported to the test as one line
        out("ERROR", "%s: %s" % (type(e).__name__, e))
        sys.exit(1)
    finally:
        ctx.destroy(linger=0)


if __name__ == "__main__":
    main()
