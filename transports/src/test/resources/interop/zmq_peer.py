#!/usr/bin/python3
"""A scriptable libzmq peer for Gannet's interoperability tests.

One program, driven by its command line, plays the libzmq side of every interop
scenario: it opens one socket of the given type, applies options, binds and/or
connects, prints "READY <endpoints>", runs one mode, and finishes with
"DONE key=value ..." (exit 0) or "ERROR <text>" (exit non-zero).

Protocol on stdout (one line per event, always flushed):
  READY <endpoint> [<endpoint> ...]   resolved endpoints, in command-line order
  EVENT <NAME> <value> <endpoint>     socket monitor events (with --monitor)
  ZAP <mechanism> <status>            ZAP decisions (with --zap)
  ...mode-specific lines...           see each mode_* function
  DONE key=value ...                  the mode's summary; exit status 0
  ERROR <text>                        anything that went wrong; exit status 1 (2: usage)

Stdin is a control channel: "go" releases --await-go, "stop" (or end of input)
ends a mode that is waiting for messages. In "lines" mode stdin carries commands.

Message format shared with the Java side (PeerMessages.java):
  frame 0       topic bytes (may be empty) + sequence number as 10 ASCII digits
                (message s carries topic number s mod len(--topic))
  frames 1..K-1 payload frames; byte j of frame f of message s is (s + f + j) mod 256
Frames are written as lowercase hex on stdout; "-" stands for an empty frame.
Byte-valued arguments are UTF-8 text, or hex when prefixed with "hex:".

Always run with /usr/bin/python3 (Debian's python3-zmq, libzmq 4.3.4).
"""

import argparse
import inspect
import os
import signal
import sys
import textwrap
import threading
import time

import zmq
import zmq.utils.z85
from zmq.utils.monitor import parse_monitor_message

SEQ_DIGITS = 10
SOCKET_TYPES = ("PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER",
                "PULL", "PUSH", "XPUB", "XSUB", "STREAM")


class PeerError(Exception):
    """A failure the peer reports as "ERROR <text>" and exit status 1."""


# --------------------------------------------------------------------- output

_out_lock = threading.Lock()


def out(*parts):
    """Prints one protocol line; threads (monitor, ZAP) share stdout safely."""
    line = " ".join(str(p) for p in parts)
    with _out_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def hexs(frame):
    return frame.hex() if frame else "-"


def unhex(token):
    return b"" if token == "-" else bytes.fromhex(token)


def parse_bytes(text):
    return bytes.fromhex(text[4:]) if text.startswith("hex:") else text.encode()


# ------------------------------------------------------------- message format

def header(topic, seq):
    return topic + b"%0*d" % (SEQ_DIGITS, seq)


def split_header(frame):
    """Returns (topic, seq), or (frame, None) when frame 0 is not a sequence header."""
    digits = frame[-SEQ_DIGITS:]
    if len(frame) >= SEQ_DIGITS and digits.isdigit():
        return frame[:-SEQ_DIGITS], int(digits)
    return frame, None


_BLOCK = bytes(range(256))


def pattern(size, start):
    """size bytes counting up from start (mod 256); built by slicing, fast for 64 MB."""
    start %= 256
    rotated = _BLOCK[start:] + _BLOCK[:start]
    reps = size // 256 + 1
    return (rotated * reps)[:size]


def payload_size(args, seq):
    if args.sizes:
        return args.sizes[seq % len(args.sizes)]
    return args.size or 0


def payload_frames(args):
    if args.frames:
        return args.frames - 1
    return 1 if (args.sizes or args.size is not None) else 0


def build_message(args, seq):
    frames = [header(args.topic[seq % len(args.topic)], seq)]
    size = payload_size(args, seq)
    for f in range(1, payload_frames(args) + 1):
        frames.append(pattern(size, seq + f))
    return frames


def check_message(args, frames, seq):
    """Verifies payload frames of message seq; returns a problem text or None."""
    want = payload_frames(args)
    if len(frames) - 1 != want:
        return "message %d has %d frames, expected %d" % (seq, len(frames), want + 1)
    size = payload_size(args, seq)
    for f in range(1, len(frames)):
        if len(frames[f]) != size:
            return "message %d frame %d has %d bytes, expected %d" % (seq, f, len(frames[f]), size)
        if args.verify and frames[f] != pattern(size, seq + f):
            return "message %d frame %d content differs from the pattern" % (seq, f)
    return None


# -------------------------------------------------------------- socket set-up

def apply_option(sock, spec):
    name, sep, value = spec.partition("=")
    if not sep:
        raise PeerError("option %r is not NAME=VALUE" % spec)
    key = name.upper()
    key = key[4:] if key.startswith("ZMQ_") else key
    try:
        opt = zmq.SocketOption[key]
    except KeyError:
        raise PeerError("unknown socket option %s" % name) from None
    if opt._opt_type.name == "bytes":
        sock.setsockopt(opt, parse_bytes(value))
    else:
        sock.setsockopt(opt, int(value, 0))


class Monitor:
    """Reads the socket's monitor on its own thread; prints events if asked and
    lets the main thread wait for one by name (heartbeat-silent uses that)."""

    def __init__(self, sock, echo):
        self.echo = echo
        self.seen = []
        self.cond = threading.Condition()
        self.stopping = False
        self.pair = sock.get_monitor_socket()
        self.thread = threading.Thread(target=self._run, name="monitor", daemon=True)
        self.thread.start()

    def _run(self):
        poller = zmq.Poller()
        poller.register(self.pair, zmq.POLLIN)
        idle_after_stop = 0
        while True:
            if not poller.poll(50):
                if self.stopping:
                    idle_after_stop += 1
                    if idle_after_stop > 4:
                        break
                continue
            event = parse_monitor_message(self.pair.recv_multipart())
            name = zmq.Event(event["event"]).name
            if self.echo:
                out("EVENT", name, event["value"], event["endpoint"].decode())
            with self.cond:
                self.seen.append(name)
                self.cond.notify_all()
            if name == "MONITOR_STOPPED":
                break
        self.pair.close(0)

    def await_event(self, name, timeout_ms):
        with self.cond:
            if not self.cond.wait_for(lambda: name in self.seen, timeout_ms / 1000):
                raise PeerError("no %s event within %d ms" % (name, timeout_ms))

    def stop(self):
        self.stopping = True
        self.thread.join(2)


class ZapHandler:
    """Answers ZAP requests (RFC 27) by a fixed policy: allow, deny,
    plain=USER:PASS or curve=<Z85 client public key>."""

    def __init__(self, ctx, policy):
        self.policy = policy
        self.stopping = False
        self.rep = ctx.socket(zmq.REP)
        self.rep.bind("inproc://zeromq.zap.01")
        self.thread = threading.Thread(target=self._run, name="zap", daemon=True)
        self.thread.start()

    def _decide(self, mechanism, credentials):
        kind, _, arg = self.policy.partition("=")
        if kind in ("allow", "deny"):
            return kind == "allow"
        if kind == "plain" and mechanism == b"PLAIN":
            user, _, password = arg.partition(":")
            return credentials == [user.encode(), password.encode()]
        if kind == "curve" and mechanism == b"CURVE":
            return zmq.utils.z85.encode(credentials[0]) == arg.encode()
        return False

    def _run(self):
        poller = zmq.Poller()
        poller.register(self.rep, zmq.POLLIN)
        while not self.stopping:
            if not poller.poll(50):
                continue
            version, request_id, _domain, _address, _identity, mechanism, *cred = \
                self.rep.recv_multipart()
            ok = self._decide(mechanism, cred)
            status = b"200" if ok else b"400"
            out("ZAP", mechanism.decode(), status.decode())
            self.rep.send_multipart([version, request_id, status,
                                     b"OK" if ok else b"denied", b"user" if ok else b"", b""])
        self.rep.close(0)

    def stop(self):
        self.stopping = True
        self.thread.join(2)


class Control:
    """Stdin as a line-oriented control channel, polled together with the socket."""

    def __init__(self):
        self.fd = sys.stdin.fileno()
        self.buffer = b""
        self.lines = []
        self.eof = False

    def _fill(self):
        chunk = os.read(self.fd, 65536)
        if not chunk:
            self.eof = True
            return
        self.buffer += chunk
        *complete, self.buffer = self.buffer.split(b"\n")
        self.lines.extend(line.decode().strip() for line in complete)

    def next_line(self, timeout_ms=None):
        """The next stdin line, None at end of input (or on timeout)."""
        poller = zmq.Poller()
        poller.register(self.fd, zmq.POLLIN)
        while not self.lines and not self.eof:
            if not poller.poll(timeout_ms):
                return None
            self._fill()
        return self.lines.pop(0) if self.lines else None

    def wait(self, sock, timeout_ms):
        """Waits for a message on sock: returns "msg", "stop" or "timeout"."""
        poller = zmq.Poller()
        poller.register(sock, zmq.POLLIN)
        if not self.eof:
            poller.register(self.fd, zmq.POLLIN)
        deadline = None if not timeout_ms else time.monotonic() + timeout_ms / 1000
        while True:
            if "stop" in self.lines:
                return "stop"
            if sock.getsockopt(zmq.EVENTS) & zmq.POLLIN:
                return "msg"
            left = None if deadline is None else max(0, int((deadline - time.monotonic()) * 1000))
            ready = dict(poller.poll(left))
            if self.fd in ready:
                self._fill()
                if self.eof:
                    poller.unregister(self.fd)
            elif not ready and deadline is not None and time.monotonic() >= deadline:
                return "timeout"

    def await_stop(self):
        """Blocks until a "stop" line; end of input alone does not stop a peer
        (the watchdog ends it if its parent dies)."""
        while self.next_line() != "stop":
            if self.eof:
                while True:
                    time.sleep(3600)


# ---------------------------------------------------------------------- modes

def receive_loop(sock, ctl, args, handle, what="messages"):
    """Receives until --count messages were handled (when count > 0), "stop",
    or --timeout-ms without traffic. handle(frames) returns True if it counts."""
    count = 0
    while args.count == 0 or count < args.count:
        state = ctl.wait(sock, args.timeout_ms)
        if state != "msg":
            if args.count and not args.allow_loss:
                raise PeerError("%s after %d of %d %s" % (state, count, args.count, what))
            break
        if handle(sock.recv_multipart()):
            count += 1
    return count


def mode_send(sock, ctl, args):
    """Sends --count messages (or one per --sizes entry). XPUB with
    --await-subscriptions first waits for that many subscriptions.
    Prints "SENT count=N"."""
    if args.await_subscriptions:
        seen = []
        receive_loop(sock, ctl, _with(args, count=args.await_subscriptions),
                     lambda f: _print_subscription(f[0], seen), "subscriptions")
    total = 0
    for seq in range(args.count):
        frames = build_message(args, seq)
        total += sum(len(f) for f in frames[1:])
        if args.to is not None:
            frames.insert(0, args.to)
        _send_retrying(sock, frames, args)
        if args.interval_ms:
            time.sleep(args.interval_ms / 1000)
    out("SENT", "count=%d" % args.count, "bytes=%d" % total)
    return {"count": args.count, "bytes": total}


def _send_retrying(sock, frames, args):
    """ROUTER with ROUTER_MANDATORY reports EHOSTUNREACH until the peer's
    handshake is done; retry that for up to --timeout-ms."""
    deadline = time.monotonic() + args.timeout_ms / 1000
    while True:
        try:
            sock.send_multipart(frames)
            return
        except zmq.ZMQError as e:
            if e.errno != zmq.EHOSTUNREACH or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def mode_recv(sock, ctl, args):
    """Receives --count messages and checks sequence numbers arrive 0, 1, 2...
    with nothing lost, and payload frame count, sizes and content. ROUTER and
    STREAM strip the routing-id frame. Prints "GAP expected=E got=G" per gap.
    --allow-loss makes gaps and a short count non-fatal."""
    state = {"next": 0, "bytes": 0, "gaps": 0, "missing": 0, "first": -1, "peers": set()}

    def handle(frames):
        if args.socket_type in ("ROUTER", "STREAM"):
            state["peers"].add(frames.pop(0))
        _, seq = split_header(frames[0])
        if seq is None:
            raise PeerError("frame 0 is not a sequence header: %s" % hexs(frames[0]))
        if seq < state["next"]:
            raise PeerError("message %d arrived after %d (duplicate or reordered)"
                            % (seq, state["next"] - 1))
        if seq > state["next"]:
            out("GAP", "expected=%d" % state["next"], "got=%d" % seq)
            state["gaps"] += 1
            state["missing"] += seq - state["next"]
        problem = check_message(args, frames, seq)
        if problem:
            raise PeerError(problem)
        if state["first"] < 0:
            state["first"] = seq
        state["next"] = seq + 1
        state["bytes"] += sum(len(f) for f in frames[1:])
        return True

    count = receive_loop(sock, ctl, args, handle)
    if state["gaps"] and not args.allow_loss:
        raise PeerError("lost %d messages in %d gaps" % (state["missing"], state["gaps"]))
    return {"count": count, "bytes": state["bytes"], "gaps": state["gaps"],
            "missing": state["missing"], "first": state["first"],
            "last": state["next"] - 1, "peers": len(state["peers"])}


def mode_echo(sock, ctl, args):
    """Sends every message back whole (multipart, routing id and envelope kept)
    for --count messages, or until "stop" / --timeout-ms when count is 0.
    STREAM connect/disconnect notifications (empty data) are not echoed."""
    total = [0]

    def handle(frames):
        if args.socket_type == "STREAM" and frames[-1] == b"":
            return False
        sock.send_multipart(frames)
        total[0] += sum(len(f) for f in frames)
        return True

    return {"count": receive_loop(sock, ctl, args, handle), "bytes": total[0]}


def mode_req(sock, ctl, args):
    """REQ: sends --count requests (format above, --sizes allowed) and checks each
    reply equals its request, frame for frame. DEALER does the same with the empty
    delimiter a REQ would add, so it can talk to REP as well as ROUTER and DEALER."""
    for seq in range(args.count):
        frames = build_message(args, seq)
        if args.socket_type == "DEALER":
            frames.insert(0, b"")
        sock.send_multipart(frames)
        if ctl.wait(sock, args.timeout_ms) != "msg":
            raise PeerError("no reply to request %d within %d ms" % (seq, args.timeout_ms))
        if sock.recv_multipart() != frames:
            raise PeerError("reply %d differs from its request" % seq)
    return {"count": args.count}


def _print_topic(frames, topics, quiet):
    topic, seq = split_header(frames[0])
    topics[topic] = topics.get(topic, 0) + 1
    if not quiet:
        out("TOPIC", hexs(topic), "-" if seq is None else seq)
    return True


def _topic_summary(count, topics):
    listed = ",".join("%s:%d" % (hexs(t), n) for t, n in sorted(topics.items()))
    return {"count": count, "topics": listed or "-"}


def mode_sub(sock, ctl, args):
    """SUB: subscribes to each --subscribe topic (in order, with --unsubscribe
    interleaved), then prints "TOPIC <hex topic> <seq>" per message; the summary
    counts messages per topic ("topics=<hex>:<n>,...")."""
    for kind, topic in args.subscriptions:
        sock.setsockopt(zmq.SUBSCRIBE if kind == "sub" else zmq.UNSUBSCRIBE, topic)
    topics = {}
    count = receive_loop(sock, ctl, args, lambda f: _print_topic(f, topics, args.quiet))
    return _topic_summary(count, topics)


def _print_subscription(frame, seen):
    if frame[:1] in (b"\x00", b"\x01"):
        out("SUB" if frame[0] == 1 else "UNSUB", hexs(frame[1:]))
        seen.append(frame)
        return True
    out("MSG", hexs(frame))
    return False


def mode_xpub(sock, ctl, args):
    """XPUB: prints "SUB <hex topic>" / "UNSUB <hex topic>" for every
    subscription message (other messages as "MSG <hex>"); counts subscriptions."""
    seen = []
    count = receive_loop(sock, ctl, args, lambda f: _print_subscription(f[0], seen),
                         "subscriptions")
    return {"count": count}


def mode_xsub(sock, ctl, args):
    """XSUB: sends the --subscribe/--unsubscribe messages (byte 1/0 + topic),
    printing "SUBSCRIBED <hex>" / "UNSUBSCRIBED <hex>", then receives like sub."""
    for kind, topic in args.subscriptions:
        sock.send((b"\x01" if kind == "sub" else b"\x00") + topic)
        out("SUBSCRIBED" if kind == "sub" else "UNSUBSCRIBED", hexs(topic))
    topics = {}
    count = receive_loop(sock, ctl, args, lambda f: _print_topic(f, topics, args.quiet))
    return _topic_summary(count, topics)


def mode_heartbeat_silent(sock, ctl, args):
    """Completes the handshake, prints "SILENT", then goes quiet without ever
    reading. --how stop (default) freezes the whole process with SIGSTOP, so not
    even libzmq's I/O thread answers PINGs or reads; the tester kills it (or
    sends SIGCONT: "RESUMED" follows). --how idle only stops the application:
    libzmq still answers PINGs. Heartbeats are disabled unless options set them."""
    args.monitor_obj.await_event("HANDSHAKE_SUCCEEDED", args.timeout_ms)
    out("SILENT")
    if args.how == "stop":
        os.kill(os.getpid(), signal.SIGSTOP)
        out("RESUMED")
    else:
        ctl.await_stop()
    return {"how": args.how}


def mode_lines(sock, ctl, args):
    """Interactive: one command per stdin line, one answer line each.
      send <frame> [<frame>...]   -> SENT | FAIL <errno>     (frames in hex, "-" = empty)
      recv [timeout-ms]           -> MSG <frame> [<frame>...] | TIMEOUT
      sub <hex> / unsub <hex>     -> OK                      (SUB socket options)
      set NAME=VALUE              -> OK
      get NAME                    -> VALUE <int or hex>
      bind|connect|unbind|disconnect <endpoint>  -> OK <endpoint>
      sleep <ms>                  -> OK
      close (or end of input)     -> ends the mode (DONE follows)
    A bad command answers "FAIL <text>" and the peer carries on."""
    handled = 0
    while True:
        line = ctl.next_line()
        if line is None or line in ("close", "stop"):
            break
        if not line:
            continue
        verb, *rest = line.split()
        try:
            out(*_lines_command(sock, verb, rest, args))
        except zmq.ZMQError as e:
            out("FAIL", _errno_name(e.errno), e.strerror)
        except (PeerError, ValueError, IndexError) as e:
            out("FAIL", "EINVAL", e)
        handled += 1
    return {"commands": handled}


def _lines_command(sock, verb, rest, args):
    if verb == "send":
        sock.send_multipart([unhex(t) for t in rest], copy=True)
        return ("SENT",)
    if verb == "recv":
        timeout = int(rest[0]) if rest else args.timeout_ms
        if not sock.poll(timeout, zmq.POLLIN):
            return ("TIMEOUT",)
        return ["MSG"] + [hexs(f) for f in sock.recv_multipart()]
    if verb in ("sub", "unsub"):
        sock.setsockopt(zmq.SUBSCRIBE if verb == "sub" else zmq.UNSUBSCRIBE, unhex(rest[0]))
        return ("OK",)
    if verb == "set":
        apply_option(sock, rest[0])
        return ("OK",)
    if verb == "get":
        value = sock.getsockopt(zmq.SocketOption[rest[0].upper().replace("ZMQ_", "", 1)])
        return ("VALUE", hexs(value) if isinstance(value, bytes) else value)
    if verb in ("bind", "connect", "unbind", "disconnect"):
        getattr(sock, verb)(rest[0])
        return ("OK", sock.last_endpoint.decode() if verb == "bind" else rest[0])
    if verb == "sleep":
        time.sleep(int(rest[0]) / 1000)
        return ("OK",)
    raise PeerError("unknown command %r" % verb)


def _await_go(ctl):
    while True:
        line = ctl.next_line()
        if line == "go":
            return
        if line is None:
            raise PeerError("stdin closed before 'go'")


def _errno_name(errno):
    import errno as errnos
    return errnos.errorcode.get(errno) or {zmq.EFSM: "EFSM", zmq.ETERM: "ETERM"}.get(
        errno, str(errno))


def _with(args, **changes):
    copy = argparse.Namespace(**vars(args))
    for k, v in changes.items():
        setattr(copy, k, v)
    return copy


MODES = {
    "send": mode_send, "recv": mode_recv, "echo": mode_echo, "req": mode_req,
    "sub": mode_sub, "xpub": mode_xpub, "xsub": mode_xsub,
    "heartbeat-silent": mode_heartbeat_silent, "lines": mode_lines,
}

# -------------------------------------------------------------------- command line

class UsageParser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        out("ERROR usage:", message)
        sys.exit(2)


class Subscription(argparse.Action):
    """Keeps --subscribe and --unsubscribe in command-line order."""

    def __call__(self, parser, namespace, value, option_string=None):
        kind = "unsub" if option_string == "--unsubscribe" else "sub"
        namespace.subscriptions = namespace.subscriptions + [(kind, parse_bytes(value))]


def build_parser():
    modes = "\n".join("mode %s:\n%s\n" % (name, textwrap.indent(inspect.cleandoc(fn.__doc__), "    "))
                      for name, fn in MODES.items())
    p = UsageParser(prog="zmq_peer.py", description=__doc__,
                    formatter_class=argparse.RawDescriptionHelpFormatter, epilog=modes)
    s = p.add_argument_group("socket")
    s.add_argument("--type", dest="socket_type", required=True, type=str.upper,
                   choices=SOCKET_TYPES)
    s.add_argument("--bind", action="append", default=[], metavar="EP",
                   help="bind (repeatable); tcp://127.0.0.1:* reports the port in READY")
    s.add_argument("--connect", action="append", default=[], metavar="EP", help="repeatable")
    s.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                   help="any libzmq socket option, e.g. HEARTBEAT_IVL=100, ROUTING_ID=hex:00ff")
    s.add_argument("--monitor", action="store_true", help="print EVENT lines")
    s.add_argument("--zap", metavar="POLICY",
                   help="run a ZAP handler: allow | deny | plain=USER:PASS | curve=Z85KEY")
    m = p.add_argument_group("mode")
    m.add_argument("--mode", required=True, choices=list(MODES))
    m.add_argument("--count", type=int, help="messages (0 = until stop/timeout)")
    m.add_argument("--size", type=int, help="payload bytes per payload frame")
    m.add_argument("--sizes", type=lambda v: [int(x) for x in v.split(",")],
                   help="payload size per message, cycling, e.g. 0,255,256,1048576")
    m.add_argument("--frames", type=int, help="frames per message, header included")
    m.add_argument("--topic", type=parse_bytes, action="append",
                   help="send/req: prefix of frame 0; repeat to cycle topics by sequence")
    m.add_argument("--to", type=parse_bytes, help="ROUTER send: routing id of the target")
    m.add_argument("--subscribe", "--unsubscribe", dest="subscriptions", action=Subscription,
                   default=[], metavar="TOPIC", help="sub/xsub, in order")
    m.add_argument("--timeout-ms", type=int, default=10000,
                   help="give up when no message arrives for this long (default 10000)")
    m.add_argument("--wait-ms", type=int,
                   help="pause before closing (default 500 for send and lines: libzmq "
                        "4.3.4 may drop a closing sender's last messages over ipc)")
    m.add_argument("--interval-ms", type=int, default=0, help="send: pause between messages")
    m.add_argument("--await-subscriptions", type=int, default=0, metavar="N",
                   help="send on XPUB: wait for N subscriptions first")
    m.add_argument("--await-go", action="store_true",
                   help="after READY, wait for a 'go' line on stdin")
    m.add_argument("--allow-loss", action="store_true",
                   help="recv/sub: gaps and a short count are not errors")
    m.add_argument("--no-verify", dest="verify", action="store_false",
                   help="recv: check sizes but not payload content")
    m.add_argument("--quiet", action="store_true", help="sub/xsub: no TOPIC line per message")
    m.add_argument("--how", choices=("stop", "idle"), default="stop",
                   help="heartbeat-silent: SIGSTOP the process, or just stop reading")
    m.add_argument("--max-runtime-ms", type=int, default=120000,
                   help="watchdog: exit 3 after this long (default 120000)")
    return p


def finish_defaults(args):
    if not args.bind and not args.connect:
        raise PeerError("give --bind or --connect")
    if args.count is None:
        if args.sizes:
            args.count = len(args.sizes)
        elif args.mode in ("send", "req", "recv"):
            raise PeerError("mode %s needs --count or --sizes" % args.mode)
        else:
            args.count = 0
    if args.wait_ms is None:
        args.wait_ms = 500 if args.mode in ("send", "lines") else 0
    args.topic = args.topic or [b""]
    if args.to is not None and args.socket_type != "ROUTER":
        raise PeerError("--to only applies to ROUTER")


def start_watchdog(max_runtime_ms):
    """Kills the peer if it outlives its budget or its parent (the JVM) dies,
    so a crashed test never leaves a libzmq process behind."""
    parent = os.getppid()
    deadline = time.monotonic() + max_runtime_ms / 1000

    def watch():
        while True:
            time.sleep(0.2)
            if os.getppid() != parent:
                os._exit(4)
            if time.monotonic() > deadline:
                out("ERROR max runtime of %d ms exceeded" % max_runtime_ms)
                os._exit(3)

    threading.Thread(target=watch, name="watchdog", daemon=True).start()


def run(args):
    ctx = zmq.Context()
    zap = ZapHandler(ctx, args.zap) if args.zap else None
    sock = ctx.socket(getattr(zmq, args.socket_type))
    monitor = None
    try:
        for spec in args.option:
            apply_option(sock, spec)
        if args.monitor or args.mode == "heartbeat-silent":
            monitor = Monitor(sock, args.monitor)
        args.monitor_obj = monitor
        endpoints = []
        for ep in args.bind:
            sock.bind(ep)
            endpoints.append(sock.last_endpoint.decode())
        for ep in args.connect:
            sock.connect(ep)
            endpoints.append(ep)
        out("READY", *endpoints)
        ctl = Control()
        if args.await_go:
            _await_go(ctl)
        summary = MODES[args.mode](sock, ctl, args)
        if args.wait_ms:
            time.sleep(args.wait_ms / 1000)
    except BaseException:
        sock.close(0)
        raise
    finally:
        if not sock.closed:
            sock.close()
        if monitor:
            monitor.stop()
        if zap:
            zap.stop()
    ctx.term()
    return summary


def main(argv):
    args = build_parser().parse_args(argv)
    start_watchdog(args.max_runtime_ms)
    try:
        finish_defaults(args)
        summary = run(args)
    except PeerError as e:
        out("ERROR", e)
        return 1
    except zmq.ZMQError as e:
        out("ERROR", _errno_name(e.errno), e.strerror)
        return 1
    out("DONE", *("%s=%s" % kv for kv in summary.items()))
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    # os._exit: never hang in interpreter shutdown on a context still lingering
    # after an error, or on the daemon threads.
    os._exit(code)
