#!/usr/bin/env python3
"""Scores one benchmark run against the lab truth, and turns counter samples into rates.

usage:
  score.py found FORMAT FILE --hosts SPEC --ports SPEC [--truth FILE]
      FORMAT: xml (nmap or synscan -oX), masscan (-oL), zmap (csv, one address per line).
      Prints "found expected exact extra": open (host, port) pairs of the work found by the
      tool, how many the truth says are open, for xml the number of ports of the work whose
      state or reason differs from the truth ("-" for formats that only list open ports), and
      results outside the work or not open in the truth.
  score.py rate SAMPLES [--min-pps N]
      SAMPLES: lines "ns rx tx" from counters.py. Prints "rx tx seconds rx_pps tx_pps": the
      packets received and sent on the interface between the first and the last sample where
      the sent count grew faster than --min-pps (default 2000, so the keep-alive datagrams do
      not count), and their rates over that span. Sent, because on the scanner's interface
      that is the probes and on the target's the replies; what the target receives mixes
      probes with the scanner's (and masscan's own) resets of each SYN-ACK.
  score.py summary FILE
      The counters synscan prints at the end ("Probes sent: ... | Capture drops: N") as
      "sent replies drops" ("- - -" when absent).

Hosts: an address, a CIDR block, or several separated by commas. Ports: nmap-style 80,443,1-1024.
Only the standard library is used (python3-minimal is enough), and lab-compare.py's truth
reading and XML parsing are reused so both scripts judge a port alike.
"""
import importlib.util
import ipaddress
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NATIVE = os.path.join(HERE, "..", "native-setup")


def lab_compare():
    spec = importlib.util.spec_from_file_location("lab_compare", os.path.join(NATIVE, "lab-compare.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def fail(msg):
    print(f"score: {msg}", file=sys.stderr)
    sys.exit(2)


def hosts_of(spec):
    nets = [ipaddress.ip_network(part, strict=False) for part in spec.split(",") if part]
    return nets


def in_hosts(nets, addr):
    ip = ipaddress.ip_address(addr)
    return any(ip in n for n in nets)


def host_count(nets):
    return sum(n.num_addresses for n in nets)


def read_open(fmt, path, port_list):
    """Set of (address, port) the file reports open (addresses normalised)."""
    found = set()
    if fmt == "xml":
        doc = lab_compare().read_xml(path)
        for addr, ports in doc.hosts:
            for (proto, port), (state, _) in ports.items():
                if proto == "tcp" and state == "open":
                    found.add((str(ipaddress.ip_address(addr)), port))
        return found, doc
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            fields = line.split()
            if fmt == "masscan":
                # "open tcp 80 198.18.128.5 1700000000"
                if len(fields) >= 4 and fields[0] == "open" and fields[1] == "tcp":
                    found.add((str(ipaddress.ip_address(fields[3])), int(fields[2])))
            elif fmt == "zmap":
                # one responding address per line (the csv module's default field, saddr)
                if len(fields) == 1 and fields[0] != "saddr":
                    if len(port_list) != 1:
                        fail("zmap output has no port column: give one port")
                    found.add((str(ipaddress.ip_address(fields[0])), port_list[0]))
            else:
                fail(f"unknown format {fmt}")
    return found, None


def family(addr):
    return "ipv6" if ":" in addr else "ipv4"


def cmd_found(fmt, path, hosts, ports, truth_path):
    lc = lab_compare()
    truth = lc.load_truth(truth_path)
    port_list = lc.parse_ports(ports)
    nets = hosts_of(hosts)
    open_ports = {}   # family -> [ports of the work open in the truth]
    for fam in ("ipv4", "ipv6"):
        open_ports[fam] = [p for p in port_list if lc.expected(truth, "::1" if fam == "ipv6" else "0.0.0.1", "tcp", p)[0] == "open"]
    expected = sum(n.num_addresses * len(open_ports["ipv6" if n.version == 6 else "ipv4"]) for n in nets)
    found, doc = read_open(fmt, path, port_list)
    ports_set = set(port_list)
    good = sum(1 for a, p in found if p in ports_set and in_hosts(nets, a)
               and lc.expected(truth, a, "tcp", p)[0] == "open")
    extra = len(found) - good
    exact = "-"
    if doc is not None:
        exact = str(differences(lc, truth, doc, nets, port_list))
    print(good, expected, exact, extra)


def differences(lc, truth, doc, nets, port_list):
    """Ports of the work whose state/reason differs from the truth; a missing host counts whole."""
    seen = set()
    diffs = 0
    for addr, got in doc.hosts:
        if addr is None or not in_hosts(nets, addr):
            diffs += len(got)
            continue
        seen.add(str(ipaddress.ip_address(addr)))
        for port in port_list:
            if got.get(("tcp", port), ("missing", "-")) != lc.expected(truth, addr, "tcp", port):
                diffs += 1
    missing_hosts = host_count(nets) - len(seen)
    return diffs + missing_hosts * len(port_list)


def cmd_rate(path, min_pps):
    samples = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if len(fields) == 3 and all(x.isdigit() for x in fields):
                samples.append(tuple(int(x) for x in fields))
    if len(samples) < 2:
        print("0 0 0 0 0")
        return
    sent = 2
    active = [i for i in range(1, len(samples))
              if (samples[i][sent] - samples[i - 1][sent]) * 1e9 / max(1, samples[i][0] - samples[i - 1][0]) > min_pps]
    if not active:
        print("0 0 0 0 0")
        return
    first, last = samples[active[0] - 1], samples[active[-1]]
    secs = (last[0] - first[0]) / 1e9
    rx, tx = last[1] - first[1], last[2] - first[2]
    print(rx, tx, f"{secs:.3f}", round(rx / secs), round(tx / secs))


def cmd_summary(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    sent = re.search(r"Probes sent: (\d+)", text)
    replies = re.search(r"Replies: (\d+)", text)
    drops = re.search(r"Capture drops: (\d+)", text)
    print(*(m.group(1) if m else "-" for m in (sent, replies, drops)))


def main(argv):
    if not argv:
        fail("usage: score.py found|rate|summary ... (see the file's header)")
    cmd, rest = argv[0], argv[1:]
    if cmd == "found":
        opts = {"--truth": os.path.join(NATIVE, "lab-truth.tsv")}
        pos = []
        it = iter(rest)
        for a in it:
            if a in ("--hosts", "--ports", "--truth"):
                opts[a] = next(it, None) or fail(f"{a} needs a value")
            else:
                pos.append(a)
        if len(pos) != 2 or "--hosts" not in opts or "--ports" not in opts:
            fail("usage: score.py found FORMAT FILE --hosts SPEC --ports SPEC [--truth FILE]")
        cmd_found(pos[0], pos[1], opts["--hosts"], opts["--ports"], opts["--truth"])
    elif cmd == "rate":
        min_pps = 2000
        if len(rest) == 3 and rest[1] == "--min-pps":
            min_pps = int(rest[2])
        elif len(rest) != 1:
            fail("usage: score.py rate SAMPLES [--min-pps N]")
        cmd_rate(rest[0], min_pps)
    elif cmd == "summary" and len(rest) == 1:
        cmd_summary(rest[0])
    else:
        fail(f"unknown command {cmd}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
