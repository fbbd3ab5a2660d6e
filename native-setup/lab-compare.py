#!/usr/bin/env python3
"""Compare scan results in nmap's XML format with the lab truth, port for port.

usage: lab-compare.py [--truth FILE] [--table] XML...

Reads nmap -oX output (or synscan's -oX, which is the same format). For every host and every
port the scan covered (scaninfo `services`), the port's state and reason, explicit or from
<extraports>, must equal the truth's. Prints one line per host and protocol and every difference;
--table also prints every port the truth lists or that is not in the default state. Exit 0 when everything agrees,
1 on any difference, 2 on bad input.

Only the standard library's builtin expat is used, so python3-minimal is enough.
"""
import os
import socket
import sys

try:
    from xml.parsers import expat
except ImportError:  # python3-minimal ships the builtin module without the xml package
    import pyexpat as expat

DEFAULTS = {"tcp": ("closed", "reset"), "udp": ("closed", "port-unreach")}
# fd00:5ca0:1::/112 is AnyIP on the target: the kernel sends its ICMPv6 errors from
# fd00:5ca0::2, and nmap calls a port-unreachable that does not come from the target filtered.
WIDE6_PREFIX = socket.inet_pton(socket.AF_INET6, "fd00:5ca0:1::")[:14]


def fail(msg):
    print(f"lab-compare: {msg}", file=sys.stderr)
    sys.exit(2)


def load_truth(path):
    """{(family, proto, port): (state, reason)} with family 'ipv4' or 'ipv6'."""
    truth = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            fields = line.split("#", 1)[0].split()
            if not fields:
                continue
            if len(fields) != 6 or fields[0] not in ("both", "ipv4", "ipv6") \
                    or fields[1] not in DEFAULTS or not fields[2].isdigit():
                fail(f"{path}:{n}: bad row: {line.strip()}")
            fams = ("ipv4", "ipv6") if fields[0] == "both" else (fields[0],)
            for fam in fams:
                key = (fam, fields[1], int(fields[2]))
                if key in truth:
                    fail(f"{path}:{n}: {fam} {fields[1]} {fields[2]} listed twice")
                truth[key] = (fields[3], fields[4])
    return truth


def expected(truth, addr, proto, port):
    fam = "ipv6" if ":" in addr else "ipv4"
    verdict = truth.get((fam, proto, port), DEFAULTS[proto])
    if fam == "ipv6" and proto == "udp" and verdict == ("closed", "port-unreach") \
            and socket.inet_pton(socket.AF_INET6, addr)[:14] == WIDE6_PREFIX:
        return ("filtered", "port-unreach")
    return verdict


def parse_ports(spec):
    ports = []
    for part in filter(None, spec.split(",")):
        lo, _, hi = part.partition("-")
        ports.extend(range(int(lo), int(hi or lo) + 1))
    return ports


def singular(reason):
    """nmap writes extrareasons in the plural in older versions ("resets", "port-unreaches")."""
    if reason.endswith("unreaches"):
        return reason[:-2]
    return reason[:-1] if reason.endswith("s") else reason


class NmapXml:
    """The parts of nmap XML we need: scanned ports per protocol, each host's port verdicts."""

    def __init__(self):
        self.scanned = {}      # proto -> [ports]
        self.hosts = []        # [(addr, {(proto, port): (state, reason)})]
        self.elapsed = None
        self.scanner = "nmap"
        self._addr = None
        self._ports = None
        self._port = None
        self._extra_state = None
        self._unplaced = []    # extrareasons without a ports attribute (nmap < 7.80)

    def start(self, name, attrs):
        if name == "nmaprun":
            self.scanner = attrs.get("scanner", "nmap")
        elif name == "scaninfo":
            self.scanned.setdefault(attrs["protocol"], []).extend(parse_ports(attrs["services"]))
        elif name == "host":
            self._addr, self._ports, self._unplaced = None, {}, []
        elif name == "address" and self._ports is not None \
                and attrs.get("addrtype") in ("ipv4", "ipv6"):
            self._addr = attrs["addr"]
        elif name == "port":
            self._port = (attrs["protocol"], int(attrs["portid"]))
        elif name == "state" and self._port is not None:
            self._ports[self._port] = (attrs["state"], attrs.get("reason", ""))
        elif name == "extraports":
            self._extra_state = attrs["state"]
        elif name == "extrareasons":
            verdict = (self._extra_state, singular(attrs["reason"]))
            if "ports" in attrs:
                for port in parse_ports(attrs["ports"]):
                    self._ports[(attrs.get("proto", "tcp"), port)] = verdict
            else:
                self._unplaced.append(verdict)
        elif name == "finished":
            self.elapsed = attrs.get("elapsed")

    def end(self, name):
        if name == "port":
            self._port = None
        elif name == "host":
            self._place_unlisted()
            self.hosts.append((self._addr, self._ports))
            self._ports = None

    def _place_unlisted(self):
        """Old nmap gives no port list for the extraports: only one state/reason is unambiguous."""
        if not self._unplaced:
            return
        if len(self._unplaced) > 1 or len(self.scanned) > 1:
            fail(f"{self._addr}: extraports without port lists are ambiguous (nmap >= 7.80 lists them)")
        proto, ports = next(iter(self.scanned.items()))
        for port in ports:
            self._ports.setdefault((proto, port), self._unplaced[0])


def read_xml(path):
    doc = NmapXml()
    parser = expat.ParserCreate()
    parser.StartElementHandler = doc.start
    parser.EndElementHandler = doc.end
    try:
        with open(path, "rb") as f:
            parser.ParseFile(f)
    except (OSError, expat.ExpatError) as e:
        fail(f"{path}: {e}")
    if not doc.hosts:
        fail(f"{path}: no host in the scan (was the target down?)")
    return doc


def compare(truth, doc, table):
    ok = True
    timing = f" ({doc.scanner} {doc.elapsed} s)" if doc.elapsed else ""
    for addr, got in doc.hosts:
        for proto, ports in sorted(doc.scanned.items()):
            diffs, counts, rows = [], {}, []
            for port in ports:
                want = expected(truth, addr, proto, port)
                have = got.get((proto, port), ("missing", "-"))
                counts[have[0]] = counts.get(have[0], 0) + 1
                if have != want:
                    diffs.append(f"  {proto} {port}: truth {'/'.join(want)}, scan {'/'.join(have)}")
                fam = "ipv6" if ":" in addr else "ipv4"
                if have != want or want != DEFAULTS[proto] or (fam, proto, port) in truth:
                    rows.append((port, have, want))
            summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
            if diffs:
                ok = False
                print(f"{addr} {proto}: {len(diffs)} of {len(ports)} ports DIFFER from the truth "
                      f"({summary}){timing}")
                print("\n".join(diffs))
            else:
                print(f"{addr} {proto}: {len(ports)} ports agree with the truth ({summary}){timing}")
            if table:
                print_table(proto, rows)
    return ok


def print_table(proto, rows):
    print(f"  {'PORT':<10} {'STATE':<14} {'REASON':<17} TRUTH")
    for port, have, want in rows:
        mark = "=" if have == want else "DIFFERS: " + "/".join(want)
        print(f"  {str(port) + '/' + proto:<10} {have[0]:<14} {have[1]:<17} {mark}")


def main(argv):
    truth_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lab-truth.tsv")
    table, files = False, []
    args = iter(argv)
    for a in args:
        if a == "--truth":
            truth_path = next(args, None) or fail("--truth needs a file")
        elif a == "--table":
            table = True
        elif a.startswith("-"):
            fail(f"unknown option {a}; usage: lab-compare.py [--truth FILE] [--table] XML...")
        else:
            files.append(a)
    if not files:
        fail("usage: lab-compare.py [--truth FILE] [--table] XML...")
    truth = load_truth(truth_path)
    ok = all([compare(truth, read_xml(f), table) for f in files])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
