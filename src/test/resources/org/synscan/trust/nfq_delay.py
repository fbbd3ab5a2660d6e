#!/usr/bin/env python3
"""NFQUEUE consumer for the fault tests: holds each queued packet for a random delay, then accepts it.

    nfq_delay.py QUEUE MIN_MS MAX_MS

Speaks nfnetlink_queue directly over a netlink socket (no libnetfilter_queue or Python package
needed). Packets are accepted by id in order of their due time, not arrival, so they come out late
and reordered. Prints "ready" once bound; when its standard input closes (or on SIGTERM) it accepts whatever
it still holds, prints "held=N reordered=N max_ms=M" and exits. The iptables rule uses --queue-bypass, so packets pass
untouched whenever this process is not there.
"""
import errno
import heapq
import os
import random
import select
import signal
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
MSG_PACKET, MSG_VERDICT, MSG_CONFIG = 0, 1, 2
NLM_F_REQUEST = 1
NLMSG_ERROR = 2
CFG_CMD, CFG_PARAMS, CFG_QUEUE_MAXLEN, CFG_MASK, CFG_FLAGS = 1, 2, 3, 4, 5
# when this process falls behind (a full queue, or its socket buffer), the kernel lets the packet
# pass undelayed instead of dropping it: the tests inject delay, never loss they did not ask for
CFG_F_FAIL_OPEN = 1
CMD_BIND = 1
COPY_META = 1
ATTR_PACKET_HDR, ATTR_VERDICT_HDR = 1, 2
NF_ACCEPT = 1


def attr(kind, payload):
    size = 4 + len(payload)
    return struct.pack("=HH", size, kind) + payload + b"\0" * (-size % 4)


class Queue:
    def __init__(self, num):
        self.num = num
        self.seq = 0
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
        self.sock.bind((0, 0))
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 << 20)
        self.send(MSG_CONFIG, attr(CFG_CMD, struct.pack("!BBH", CMD_BIND, 0, 0)))
        self.send(MSG_CONFIG, attr(CFG_PARAMS, struct.pack("!IB", 0, COPY_META)))
        self.send(MSG_CONFIG, attr(CFG_QUEUE_MAXLEN, struct.pack("!I", 1 << 16)))
        self.send(MSG_CONFIG, attr(CFG_FLAGS, struct.pack("!I", CFG_F_FAIL_OPEN))
                  + attr(CFG_MASK, struct.pack("!I", CFG_F_FAIL_OPEN)))

    def send(self, kind, attrs):
        self.seq += 1
        body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(self.num)) + attrs
        header = struct.pack("=IHHII", 16 + len(body), NFNL_SUBSYS_QUEUE << 8 | kind, NLM_F_REQUEST, self.seq, 0)
        self.sock.send(header + body)

    def accept(self, packet_id):
        self.send(MSG_VERDICT, attr(ATTR_VERDICT_HDR, struct.pack("!II", NF_ACCEPT, packet_id)))

    def packet_ids(self):
        """Ids of the packets in one read from the socket."""
        try:
            data = self.sock.recv(1 << 20)
        except OSError as e:
            if e.errno == errno.ENOBUFS:  # notifications lost; fail-open passed their packets
                return
            raise
        off = 0
        while off + 16 <= len(data):
            size, kind = struct.unpack_from("=IH", data, off)
            if size < 16:
                break
            if kind == (NFNL_SUBSYS_QUEUE << 8 | MSG_PACKET):
                at, end = off + 20, off + size
                while at + 4 <= end:
                    alen, akind = struct.unpack_from("=HH", data, at)
                    if alen < 4:
                        break
                    if akind & 0x7FFF == ATTR_PACKET_HDR:
                        yield struct.unpack_from("!I", data, at + 4)[0]
                    at += (alen + 3) & ~3
            elif kind == NLMSG_ERROR and struct.unpack_from("=i", data, off + 16)[0] != 0:
                raise SystemExit("netlink error %d" % struct.unpack_from("=i", data, off + 16)[0])
            off += (size + 3) & ~3


def main():
    num, lo, hi = int(sys.argv[1]), float(sys.argv[2]) / 1000, float(sys.argv[3]) / 1000
    q = Queue(num)
    held, stats = [], {"held": 0, "reordered": 0, "max_ms": 0}
    last_id = [-1]
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    print("ready", flush=True)

    def release(now):
        while held and (held[0][0] <= now or stopping):
            due, packet_id, arrived = heapq.heappop(held)
            q.accept(packet_id)
            if packet_id < last_id[0]:
                stats["reordered"] += 1
            last_id[0] = max(last_id[0], packet_id)
            stats["max_ms"] = max(stats["max_ms"], int((time.monotonic() - arrived) * 1000))

    while not stopping:
        now = time.monotonic()
        release(now)
        wait = min(0.2, max(0.0, held[0][0] - now)) if held else 0.2
        try:
            readable, _, _ = select.select([q.sock, sys.stdin], [], [], wait)
        except InterruptedError:
            continue
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 4096):
            stopping.append(1)
        if q.sock in readable:
            for packet_id in q.packet_ids():
                arrived = time.monotonic()
                heapq.heappush(held, (arrived + random.uniform(lo, hi), packet_id, arrived))
                stats["held"] += 1
    release(time.monotonic())
    print(" ".join("%s=%d" % kv for kv in stats.items()), flush=True)


if __name__ == "__main__":
    main()
