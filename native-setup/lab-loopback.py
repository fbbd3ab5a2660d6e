#!/usr/bin/env python3
"""The loopback part of lab-check.sh: what a scan of 127.0.0.1 must find, asked of the kernel.

usage: lab-loopback.py listen PORT...    listen on 127.0.0.1:PORT, print "ready", wait (<= 10 min)
       lab-loopback.py compare XML       compare a scan of 127.0.0.1 (nmap XML) with connect()

compare: the scan must cover every TCP port it lists in scaninfo, and its open ports must be
exactly the ports where connect() to 127.0.0.1 succeeds (from 127.0.0.2, so a connection to
ourselves cannot happen). Prints one line; exit 0 when they agree, 1 otherwise, 2 on bad input.

Only the standard library's builtin expat is used, so python3-minimal is enough.
"""
import errno
import socket
import sys
import time

try:
    from xml.parsers import expat
except ImportError:  # python3-minimal ships the builtin module without the xml package
    import pyexpat as expat


def listen(ports):
    socks = []
    for port in ports:
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen(64)
        socks.append(s)
    print("ready", flush=True)
    time.sleep(600)  # bounded: the caller kills us long before this
    return 0


def scanned_ports(spec):
    ports = set()
    for part in filter(None, spec.split(",")):
        lo, _, hi = part.partition("-")
        ports.update(range(int(lo), int(hi or lo) + 1))
    return ports


def read_scan(path):
    """(ports the scan covered, ports reported for 127.0.0.1, open ports) of a TCP scan."""
    scan = {"covered": set(), "reported": 0, "open": set(), "host": None}

    def start(name, attrs):
        if name == "scaninfo" and attrs.get("protocol") == "tcp":
            scan["covered"] |= scanned_ports(attrs["services"])
        elif name == "address" and attrs.get("addrtype") == "ipv4":
            scan["host"] = attrs["addr"]
        elif name == "port" and attrs.get("protocol") == "tcp":
            scan["port"] = int(attrs["portid"])
            scan["reported"] += 1
        elif name == "state" and "port" in scan and attrs["state"] == "open":
            scan["open"].add(scan["port"])
        elif name == "extraports":
            scan["reported"] += int(attrs["count"])

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    try:
        with open(path, "rb") as f:
            parser.ParseFile(f)
    except (OSError, expat.ExpatError) as e:
        print(f"lab-loopback: {path}: {e}", file=sys.stderr)
        sys.exit(2)
    if scan["host"] != "127.0.0.1":
        print(f"lab-loopback: {path}: no result for 127.0.0.1", file=sys.stderr)
        sys.exit(2)
    return scan["covered"], scan["reported"], scan["open"]


def accepting(ports):
    """The ports of 127.0.0.1 where a TCP connection is accepted right now."""
    found = set()
    for port in sorted(ports):
        s = socket.socket()
        try:
            s.bind(("127.0.0.2", 0))
            if s.connect_ex(("127.0.0.1", port)) == 0:
                found.add(port)
        except OSError as e:
            if e.errno != errno.ECONNREFUSED:
                raise
        finally:
            s.close()
    return found


def compare(path):
    covered, reported, scan_open = read_scan(path)
    kernel_open = accepting(covered)
    if reported != len(covered):
        print(f"{len(covered)} ports scanned but {reported} reported")
        return 1
    if scan_open != kernel_open:
        missed = sorted(kernel_open - scan_open)
        extra = sorted(scan_open - kernel_open)
        print(f"open ports differ from connect(): scan missed {missed}, scan alone found {extra}")
        return 1
    listed = ",".join(map(str, sorted(scan_open))) or "none"
    print(f"{len(covered)} ports, open = what connect() accepts: {listed}")
    return 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "listen":
        return listen([int(p) for p in argv[1:]])
    if len(argv) == 2 and argv[0] == "compare":
        return compare(argv[1])
    print("usage: lab-loopback.py listen PORT... | compare XML", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
