#!/usr/bin/python3
"""Prints every PGM-in-UDP packet seen on one interface (AF_PACKET; run as root, inside the
namespace): TYPE in|out SRC UDP-SPORT DST UDP-DPORT PGM-HEX. usage: capture_pgm.py IFACE PORT SECONDS
Feed its output to annotate_capture.py."""
import socket, struct, sys, time
iface, port, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((iface, 0))
s.settimeout(0.2)
names = {0:"SPM",1:"POLL",2:"POLR",4:"ODATA",5:"RDATA",8:"NAK",9:"NNAK",10:"NCF",12:"SPMR"}
end = time.time()+secs
counts = {}
while time.time() < end:
    try:
        pkt, addr = s.recvfrom(65535)
    except socket.timeout:
        continue
    if len(pkt) < 14+20+8 or pkt[12:14] != b"\x08\x00": continue
    ip = pkt[14:]
    ihl = (ip[0]&15)*4
    if ip[9] != 17: continue
    udp = ip[ihl:]
    sp, dp = struct.unpack("!HH", udp[:4])
    if dp != port and sp != port: continue
    pgm = udp[8:]
    t = names.get(pgm[4], "T%d"%pgm[4])
    counts[t] = counts.get(t,0)+1
    src = socket.inet_ntoa(ip[12:16]); dst = socket.inet_ntoa(ip[16:20])
    print(t, "out" if addr[2]==4 else "in", src, sp, dst, dp, pgm.hex(), flush=True)
print("COUNTS", counts, file=sys.stderr)
