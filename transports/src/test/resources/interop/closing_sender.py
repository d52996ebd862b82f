#!/usr/bin/python3
"""A libzmq peer that sends N messages per round and then closes, for many rounds.

Used by Gannet's loss-matrix tests: each round the peer opens a fresh context and
socket, binds (or connects), serves N messages, closes the socket with LINGER 5000
and terminates the context (which returns once libzmq has flushed what it queued),
so whatever it sent must reach the Gannet side whole.

Usage: closing_sender.py ROLE SIDE ENDPOINT ROUNDS COUNT SIZES
  ROLE      push | pair | xpub | router | rep
              push, pair  send N messages
              xpub        waits for a subscription, then sends N messages
              router      echoes N requests (routing id kept), then closes
              rep         answers N requests with the request, then closes
  SIDE      bind | connect
  ENDPOINT  bind: tcp://127.0.0.1:* or ipc://<dir>/<name> (the round number is
            appended); connect: "-" (each round's endpoint comes on stdin)
  ROUNDS    how many rounds
  COUNT     messages per round
  SIZES     frame sizes of one message, comma-separated (e.g. 64 or 64,0,65536,1)

Stdin, one line per round: "round <endpoint>" (connect) or "round -" (bind).
Stdout, per round: "BOUND <round> <endpoint>" (bind only), then "CLOSED <round>"
once the context is terminated; finally "DONE rounds=<ROUNDS>" or "ERROR <text>".

Message format (mirrored by LossMessages.java): frame f of message s has the size
SIZES[f]; byte j of it is (7s + 13f + j) mod 256, except that a frame of 4 bytes or
more starts with s as a 4-byte big-endian number.

Always run with /usr/bin/python3 (Debian's python3-zmq, libzmq 4.3.4).
"""

import sys

import zmq

LINGER_MS = 5000
TYPES = {"push": zmq.PUSH, "pair": zmq.PAIR, "xpub": zmq.XPUB,
         "router": zmq.ROUTER, "rep": zmq.REP}


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Frames:
    """Builds the frames of message s; the pattern is cut from one long base."""

    def __init__(self, sizes):
        self.sizes = sizes
        self.base = bytes(range(256)) * ((max(sizes) + 511) // 256)

    def message(self, seq):
        frames = []
        for f, size in enumerate(self.sizes):
            off = (7 * seq + 13 * f) % 256
            if size >= 4:
                frames.append(seq.to_bytes(4, "big") + self.base[off + 4:off + size])
            else:
                frames.append(self.base[off:off + size])
        return frames


def serve(role, sock, count, frames):
    if role in ("push", "pair"):
        for seq in range(count):
            sock.send_multipart(frames.message(seq))
    elif role == "xpub":
        subscription = sock.recv()
        if subscription != b"\x01":
            raise RuntimeError("expected a subscription to everything, got %r" % subscription)
        for seq in range(count):
            sock.send_multipart(frames.message(seq))
    else:  # router echoes with the routing id in front; rep answers each request
        for _ in range(count):
            sock.send_multipart(sock.recv_multipart())


def main(argv):
    if len(argv) != 7 or argv[1] not in TYPES or argv[2] not in ("bind", "connect"):
        out("ERROR usage: " + __doc__.splitlines()[5])
        return 2
    role, side, endpoint = argv[1], argv[2], argv[3]
    rounds, count = int(argv[4]), int(argv[5])
    frames = Frames([int(s) for s in argv[6].split(",")])
    for r in range(rounds):
        line = sys.stdin.readline().split()
        if len(line) != 2 or line[0] != "round":
            raise RuntimeError("expected 'round <endpoint>' on stdin, got %r" % line)
        ctx = zmq.Context()
        sock = ctx.socket(TYPES[role])
        sock.linger = LINGER_MS
        if side == "bind":
            sock.bind(endpoint if endpoint.startswith("tcp://") else "%s-%d" % (endpoint, r))
            out("BOUND %d %s" % (r, sock.getsockopt_string(zmq.LAST_ENDPOINT)))
        else:
            sock.connect(line[1])
        serve(role, sock, count, frames)
        sock.close()
        ctx.term()
        out("CLOSED %d" % r)
    out("DONE rounds=%d" % rounds)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except Exception as e:  # reported on the protocol channel, the Java side fails
        out("ERROR %s: %s" % (type(e).__name__, e))
        sys.exit(1)
