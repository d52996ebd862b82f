#!/usr/bin/python3
"""A minimal Majordomo (ZeroMQ RFC 7, MDP/0.1; RFC 8 mmi.service) peer on libzmq, written
from the RFCs, for Gannet's interop tests.

Usage:
  mdp_peer.py broker ENDPOINT HEARTBEAT_MS          bind a broker (ROUTER) at ENDPOINT
  mdp_peer.py worker ENDPOINT SERVICE HEARTBEAT_MS  serve SERVICE, replying "py:" + each frame
  mdp_peer.py client ENDPOINT SERVICE COUNT TIMEOUT_MS

Stdout: "READY <endpoint>" once bound or connected; a worker prints "SERVED <n>" per request;
a client prints "REPLY <text>" per reply, "MMI <service> <code>" for its mmi.service query of
SERVICE, then "DONE count=<n>"; "ERROR <text>" on failure. Broker and worker run until killed.
Always run with /usr/bin/python3 (Debian's python3-zmq, libzmq 4.3.4).
"""
import sys
import time

import zmq

C_CLIENT = b"MDPC01"
W_WORKER = b"MDPW01"
READY, REQUEST, REPLY, HEARTBEAT, DISCONNECT = b"\x01", b"\x02", b"\x03", b"\x04", b"\x05"
LIVENESS = 3


def now_ms():
    return time.monotonic() * 1000.0


def broker(endpoint, hb_ms):
    ctx = zmq.Context()
    sock = ctx.socket(zmq.ROUTER)
    sock.linger = 0
    sock.bind(endpoint)
    print("READY " + sock.getsockopt_string(zmq.LAST_ENDPOINT), flush=True)
    workers = {}   # id -> [service, expires_at]
    waiting = []   # ids of waiting workers, least recently ready first
    queues = {}    # service -> list of (client id, body frames)
    heartbeat_at = now_ms() + hb_ms

    def dispatch(service):
        q = queues.setdefault(service, [])
        while q:
            wid = next((w for w in waiting if workers[w][0] == service), None)
            if wid is None:
                return
            waiting.remove(wid)
            client, body = q.pop(0)
            sock.send_multipart([wid, b"", W_WORKER, REQUEST, client, b""] + body)

    def forget(wid):
        workers.pop(wid, None)
        if wid in waiting:
            waiting.remove(wid)

    while True:
        timeout = max(0, heartbeat_at - now_ms())
        if sock.poll(timeout, zmq.POLLIN):
            frames = sock.recv_multipart()
            if len(frames) < 3 or frames[1] != b"":
                continue
            sender, header = frames[0], frames[2]
            if header == C_CLIENT and len(frames) >= 5:
                service, body = frames[3], frames[4:]
                if service.startswith(b"mmi."):
                    code = b"501"
                    if service == b"mmi.service":
                        code = b"200" if any(w[0] == body[0] for w in workers.values()) else b"404"
                    sock.send_multipart([sender, b"", C_CLIENT, service, code])
                else:
                    queues.setdefault(service, []).append((sender, body))
                    dispatch(service)
            elif header == W_WORKER and len(frames) >= 4:
                command = frames[3]
                known = sender in workers
                if command == READY and not known and len(frames) == 5 and not frames[4].startswith(b"mmi."):
                    workers[sender] = [frames[4], now_ms() + hb_ms * LIVENESS]
                    waiting.append(sender)
                    dispatch(frames[4])
                elif command == REPLY and known and len(frames) >= 7:
                    service = workers[sender][0]
                    sock.send_multipart([frames[4], b"", C_CLIENT, service] + frames[6:])
                    workers[sender][1] = now_ms() + hb_ms * LIVENESS
                    waiting.append(sender)
                    dispatch(service)
                elif command == HEARTBEAT and known:
                    workers[sender][1] = now_ms() + hb_ms * LIVENESS
                elif command == DISCONNECT:
                    forget(sender)
                else:
                    sock.send_multipart([sender, b"", W_WORKER, DISCONNECT])
                    forget(sender)
        if now_ms() >= heartbeat_at:
            for wid in list(waiting):
                if workers[wid][1] <= now_ms():
                    forget(wid)
                else:
                    sock.send_multipart([wid, b"", W_WORKER, HEARTBEAT])
            heartbeat_at = now_ms() + hb_ms


def worker(endpoint, service, hb_ms):
    ctx = zmq.Context()
    served = 0
    announced = False
    while True:
        sock = ctx.socket(zmq.DEALER)
        sock.linger = 0
        sock.connect(endpoint)
        sock.send_multipart([b"", W_WORKER, READY, service])
        if not announced:
            print("READY " + endpoint, flush=True)
            announced = True
        liveness = LIVENESS
        heartbeat_at = now_ms() + hb_ms
        while liveness > 0:
            if sock.poll(hb_ms, zmq.POLLIN):
                frames = sock.recv_multipart()
                liveness = LIVENESS
                if len(frames) < 3 or frames[0] != b"" or frames[1] != W_WORKER:
                    continue
                command = frames[2]
                if command == REQUEST and len(frames) >= 6:
                    reply = [b"py:" + f for f in frames[5:]]
                    sock.send_multipart([b"", W_WORKER, REPLY, frames[3], b""] + reply)
                    served += 1
                    print("SERVED %d" % served, flush=True)
                elif command == DISCONNECT:
                    break
            else:
                liveness -= 1
            if now_ms() >= heartbeat_at:
                sock.send_multipart([b"", W_WORKER, HEARTBEAT])
                heartbeat_at = now_ms() + hb_ms
        sock.close()
        time.sleep(hb_ms / 1000.0)


def client(endpoint, service, count, timeout_ms):
    ctx = zmq.Context()

    def request(svc, body):
        for _ in range(20):
            sock = ctx.socket(zmq.REQ)
            sock.linger = 0
            sock.connect(endpoint)
            sock.send_multipart([C_CLIENT, svc, body])
            if sock.poll(timeout_ms, zmq.POLLIN):
                frames = sock.recv_multipart()
                sock.close()
                if len(frames) < 3 or frames[0] != C_CLIENT or frames[1] != svc:
                    raise RuntimeError("not an MDP/0.1 reply: %r" % frames)
                return frames[2:]
            sock.close()
        raise RuntimeError("no reply from %s for %s" % (endpoint, svc))

    print("READY " + endpoint, flush=True)
    print("MMI %s %s" % (service.decode(), request(b"mmi.service", service)[0].decode()), flush=True)
    for i in range(count):
        reply = request(service, b"py-%d" % i)
        print("REPLY " + reply[0].decode(), flush=True)
    print("DONE count=%d" % count, flush=True)


def main():
    try:
        role = sys.argv[1]
        if role == "broker":
            broker(sys.argv[2], int(sys.argv[3]))
        elif role == "worker":
            worker(sys.argv[2], sys.argv[3].encode(), int(sys.argv[4]))
        elif role == "client":
            client(sys.argv[2], sys.argv[3].encode(), int(sys.argv[4]), int(sys.argv[5]))
        else:
            raise RuntimeError("unknown role " + role)
    except Exception as e:  # the test reads the reason on stdout
        print("ERROR %s" % e, flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
