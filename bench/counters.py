#!/usr/bin/env python3
"""Samples one interface's packet counters until SIGTERM: lines "ns rx_packets tx_packets".

usage: counters.py IFACE OUT [INTERVAL_MS]   (default 20 ms)

Run it inside a network namespace (ip netns exec NS counters.py ...): /proc/net/dev shows the
interfaces of the reader's namespace. One long-lived process costs far less than polling with
`ip -s link` (a fork and exec per sample) while a scan runs on the same CPUs. The first line is
written before the loop starts and flushed, so a caller can wait for it.
"""
import signal
import sys
import time


def read(iface):
    with open("/proc/net/dev", encoding="ascii") as f:
        for line in f:
            name, _, rest = line.partition(":")
            if name.strip() == iface:
                fields = rest.split()
                return int(fields[1]), int(fields[9])
    raise SystemExit(f"counters: no interface {iface} in this namespace")


def main(argv):
    if len(argv) not in (2, 3):
        raise SystemExit("usage: counters.py IFACE OUT [INTERVAL_MS]")
    iface, out = argv[0], argv[1]
    interval = (int(argv[2]) if len(argv) == 3 else 20) / 1000
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    with open(out, "w", encoding="ascii") as f:
        while True:
            rx, tx = read(iface)
            f.write(f"{time.time_ns()} {rx} {tx}\n")
            f.flush()
            if stop:
                return 0
            time.sleep(interval)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
