"""A minimal acknowledged-delivery producer written from docs/acknowledged-delivery-protocol.md.

usage: ad_producer.py COUNT
Binds a ROUTER on tcp://127.0.0.1:* and prints "BOUND <endpoint>". Delivers COUNT messages
to consumers that said READY, never more than their prefetch unacknowledged, with a header
"n", and prints "CONFIRMED <n>" once every message was acknowledged.
"""
import sys
import time
import zmq

count = int(sys.argv[1])
ctx = zmq.Context()
s = ctx.socket(zmq.ROUTER)
s.setsockopt(zmq.LINGER, 2000)
s.bind("tcp://127.0.0.1:*")
print("BOUND", s.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)
credit = {}       # routing id -> prefetch
in_flight = {}    # routing id -> set of ids
queue = [("py-%d" % i).encode() for i in range(count)]
bodies = {m: b"body-" + m for m in queue}
confirmed = set()
last_hb = time.monotonic()
deadline = time.monotonic() + 60
while len(confirmed) < count and time.monotonic() < deadline:
    for rid in list(credit):
        while queue and len(in_flight[rid]) < credit[rid]:
            m = queue.pop(0)
            in_flight[rid].add(m)
            s.send_multipart([rid, b"DELIVER", m, b"1", bodies[m], b"n", m[3:]])
    if s.poll(100):
        frames = s.recv_multipart()
        rid, cmd = frames[0], frames[1]
        if cmd == b"READY":
            credit[rid] = int(frames[3])
            in_flight.setdefault(rid, set())
        elif cmd == b"ACK":
            for m in frames[2:]:
                in_flight.get(rid, set()).discard(m)
                confirmed.add(m)
        elif cmd == b"HB" and rid not in credit:
            s.send_multipart([rid, b"HELLO", b"py-producer"])
    if time.monotonic() - last_hb > 1.0:
        for rid in credit:
            s.send_multipart([rid, b"HB"])
        last_hb = time.monotonic()
print("CONFIRMED", len(confirmed), flush=True)
s.close()
ctx.term()
