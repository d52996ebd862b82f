"""A minimal acknowledged-delivery consumer written from docs/acknowledged-delivery-protocol.md.

usage: ad_consumer.py ENDPOINT COUNT PREFETCH
Connects a DEALER, says READY, acknowledges every DELIVER, answers HELLO with READY and sends
a heartbeat every second. Prints "GOT <id> <count> <body> <headers>" per delivery and
"DONE <n>" after COUNT distinct ids.
"""
import sys
import time
import uuid
import zmq

endpoint, count, prefetch = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
instance = ("py-" + uuid.uuid4().hex[:8]).encode()
ctx = zmq.Context()
s = ctx.socket(zmq.DEALER)
s.setsockopt(zmq.LINGER, 2000)
s.connect(endpoint)
s.send_multipart([b"READY", instance, prefetch])
seen = set()
last_hb = time.monotonic()
while len(seen) < count:
    if s.poll(200):
        frames = s.recv_multipart()
        cmd = frames[0]
        if cmd == b"HELLO":
            s.send_multipart([b"READY", instance, prefetch])
        elif cmd == b"DELIVER":
            msg_id, delivery_count, body = frames[1], frames[2], frames[3]
            pairs = frames[4:]
            headers = ",".join(
                pairs[i].decode() + "=" + pairs[i + 1].decode() for i in range(0, len(pairs), 2))
            print("GOT", msg_id.decode(), delivery_count.decode(), body.decode(), headers, flush=True)
            seen.add(msg_id)
            s.send_multipart([b"ACK", msg_id])
    if time.monotonic() - last_hb > 1.0:
        s.send_multipart([b"HB"])
        last_hb = time.monotonic()
print("DONE", len(seen), flush=True)
s.close()
ctx.term()
