#!/usr/bin/python3
"""Turns a raw capture of PGM-in-UDP packets into the annotated hex file the codec tests read.

Input lines (from capture_pgm.py): TYPE DIR SRC-IP UDP-SPORT DST-IP UDP-DPORT PGM-HEX.
Output: for each kept packet a '#' comment saying what it is, then one line of hex
(PGM header + body, no IP or UDP header). Keeps up to --per-type packets of each type,
plus every packet that carries options (OPT_NAK_LIST, OPT_FIN, ...) up to the same limit.
"""

import struct
import sys

OPTION_NAMES = {0x00: "OPT_LENGTH", 0x01: "OPT_FRAGMENT", 0x02: "OPT_NAK_LIST", 0x03: "OPT_JOIN",
                0x0D: "OPT_SYN", 0x0E: "OPT_FIN", 0x0F: "OPT_RST"}


def ones_complement_sum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def nla(body, at):
    afi = struct.unpack_from("!H", body, at)[0]
    addr = ".".join(str(b) for b in body[at + 4:at + 8]) if afi == 1 else "afi%d" % afi
    return addr, at + 8


def options(pgm, at):
    found = []
    while at + 2 <= len(pgm):
        kind, length = pgm[at], pgm[at + 1]
        name = OPTION_NAMES.get(kind & 0x7F, "OPT_0x%02x" % (kind & 0x7F))
        if kind & 0x7F == 0x00:
            found.append("%s(total %d)" % (name, struct.unpack_from("!H", pgm, at + 2)[0]))
        elif kind & 0x7F == 0x02:
            sqns = struct.unpack_from("!%dI" % ((length - 4) // 4), pgm, at + 4)
            found.append("%s%s" % (name, list(sqns)))
        else:
            found.append(name)
        if kind & 0x80 or length == 0:
            break
        at += length
    return found


def frames(data):
    """Lists the ZMTP/1.0 frames (length incl. flags byte, flags, body) that start in a TSDU."""
    found, at = [], 0
    while at < len(data):
        length, head = data[at], 1
        if length == 0xFF:
            if at + 9 > len(data):
                break
            length, head = struct.unpack_from("!Q", data, at + 1)[0], 9
        if at + head >= len(data):
            break
        flags = data[at + head]
        body = data[at + head + 1:at + head + length]
        text = body[:12].decode("ascii", "replace") + ("..." if len(body) > 12 else "")
        found.append("[length %d flags %d %r%s]" % (length, flags, text,
                                                      " continues in later TSDUs" if len(body) < length - 1 else ""))
        at += head + length
    return " ".join(found)


def describe(kind, direction, src, sport, dst, dport, pgm):
    psport, pdport, ptype, popt, csum = struct.unpack_from("!HHBBH", pgm, 0)
    gsi = pgm[8:14].hex()
    tsdu_len = struct.unpack_from("!H", pgm, 14)[0]
    valid = ones_complement_sum(pgm) == 0xFFFF
    parts = ["%s %s udp %s:%s -> %s:%s" % (kind, "sent by the PUB side" if direction == "out" else
                                           "sent by the SUB side", src, sport, dst, dport),
             "pgm sport %d dport %d options 0x%02x checksum 0x%04x (%s) gsi %s tsdu %d"
             % (psport, pdport, popt, csum, "valid" if valid else ("none" if csum == 0 else "INVALID"),
                gsi, tsdu_len)]
    body = pgm[16:]
    if kind in ("ODATA", "RDATA"):
        sqn, trail = struct.unpack_from("!II", body, 0)
        at = 16 + 8
        opts = options(pgm, at) if popt & 0x01 else []
        if opts:
            at += struct.unpack_from("!H", pgm, at + 2)[0]
        data = pgm[at:at + tsdu_len]
        offset = struct.unpack_from("!H", data, 0)[0] if len(data) >= 2 else None
        parts.append("sqn %d trail %d; libzmq offset 0x%04x%s" % (
            sqn, trail, offset, " (no message starts here)" if offset == 0xFFFF else ""))
        parts += opts
        if offset is not None and offset != 0xFFFF:
            parts.append("ZMTP/1.0 frames from the offset: " + frames(data[2 + offset:]))
    elif kind == "SPM":
        sqn, trail, lead = struct.unpack_from("!III", body, 0)
        addr, end = nla(body, 12)
        parts.append("spm_sqn %d trail %d lead %d path nla %s" % (sqn, trail, lead, addr))
        if popt & 0x01:
            parts += options(pgm, 16 + end)
    elif kind in ("NAK", "NCF", "NNAK"):
        sqn = struct.unpack_from("!I", body, 0)[0]
        src_nla, end = nla(body, 4)
        grp_nla, end = nla(body, end)
        parts.append("sqn %d source nla %s group nla %s" % (sqn, src_nla, grp_nla))
        if popt & 0x01:
            parts += options(pgm, 16 + end)
    return "; ".join(parts)


def main():
    per_type = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 4
    all_odata = "--all-odata" in sys.argv
    kept, kept_opt = {}, {}
    for line in sys.stdin:
        fields = line.split()
        if len(fields) != 7:
            continue
        kind, direction, src, sport, dst, dport, hexs = fields
        pgm = bytes.fromhex(hexs)
        has_options = bool(pgm[5] & 0x01)
        book = kept_opt if has_options else kept
        if book.get(kind, 0) >= per_type and not (all_odata and kind == "ODATA"):
            continue
        book[kind] = book.get(kind, 0) + 1
        print("# " + describe(kind, direction, src, sport, dst, dport, pgm))
        print(hexs)


if __name__ == "__main__":
    main()
