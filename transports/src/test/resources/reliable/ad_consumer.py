"""A minimal acknowledged-delivery consumer written from docs/acknowledged-delivery-protocol.md.

usage: ad_consumer.py ENDPOINT COUNT PREFETCH [batch]
Connects a DEALER, says READY, acknowledges every DELIVER, answers HELLO with READY and sends
a heartbeat every second. Prints "GOT <id> <count> <body> <headers>" per delivery and
"DONE <n>" after COUNT distinct ids. With "batch" it names the batch feature in READY, takes
packed DELIVERS and acknowledges each of them with one packed ACKS, and prints "GRANTED <n>".
"""
import struct
import sys
import time
import uuid
import zmq

endpoint, count, prefetch = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
batch = len(sys.argv) > 4 and sys.argv[4] == "batch"
ready = [b"READY", b"", prefetch] + ([b"batch"] if batch else [])
instance = ("py-" + uuid.uuid4().hex[:8]).encode()
ready[1] = instance
ctx = zmq.Context()
s = ctx.socket(zmq.DEALER)
s.setsockopt(zmq.LINGER, 2000)
s.connect(endpoint)
s.send_multipart(ready)
seen = set()
last_hb = time.monotonic()


def take(buf, at):
    """One length-prefixed field of a packed frame: (bytes, next offset)."""
    (n,) = struct.unpack_from(">i", buf, at)
    return buf[at + 4:at + 4 + n], at + 4 + n


while len(seen) < count:
    if s.poll(200):
        frames = s.recv_multipart()
        cmd = frames[0]
        if cmd == b"HELLO":
            s.send_multipart(ready)
        elif cmd == b"GRANTED":
            print("GRANTED", frames[1].decode(), flush=True)
        elif cmd == b"DELIVERS":
            buf, at, acked = frames[1], 0, b""
            while at < len(buf):
                msg_id, at = take(buf, at)
                delivery_count, header_count = struct.unpack_from(">ii", buf, at)
                at += 8
                pairs = []
                for _ in range(2 * header_count):
                    field, at = take(buf, at)
                    pairs.append(field.decode())
                body, at = take(buf, at)
                headers = ",".join(pairs[i] + "=" + pairs[i + 1] for i in range(0, len(pairs), 2))
                print("GOT", msg_id.decode(), delivery_count, body.decode(), headers, flush=True)
                seen.add(msg_id)
                acked += struct.pack(">i", len(msg_id)) + msg_id
            s.send_multipart([b"ACKS", acked])
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
