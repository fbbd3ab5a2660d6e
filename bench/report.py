#!/usr/bin/env python3
"""Prints the benchmark's tables (Markdown) from the raw results run.sh leaves in its --out dir.

usage: report.py DIR

DIR holds runs.tsv (works a-c), rates.tsv (d, e), first.tsv (g) and machine.txt. Figures are
medians over the runs; a ratio is synscan's median over the peer's (below 1 = synscan smaller).
"""
import os
import statistics
import sys

WORKS = {
    "a": "one host, TCP 1-65535, IPv4",
    "b": "one host, TCP 1-65535, IPv6",
    "c": "/17 (32,768 hosts) x port 80",
}
PEERS = ("nmap", "masscan", "zmap")


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def num(text):
    try:
        return float(text)
    except ValueError:
        return None


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=2):
    return "-" if value is None else f"{value:.{digits}f}"


def ratio(a, b):
    return None if a is None or not b else a / b


def scans(runs_tsv):
    """{work: {tool: [row dicts]}} from runs.tsv."""
    out = {}
    for r in rows(runs_tsv):
        work, tool, run, wall, rss, cpu, found, expected, exact, extra, rc = r
        out.setdefault(work, {}).setdefault(tool, []).append(dict(
            wall=num(wall), rss=num(rss), cpu=num(cpu), found=num(found), expected=num(expected),
            exact=exact, extra=num(extra), rc=rc))
    return out


def scan_table(data, goals):
    print("| work | tool | runs | wall (median s) | found/expected (median) | complete runs | exact runs"
          " | peak RSS (median MB) | CPU user+sys (median s) | wall synscan/peer | RSS synscan/peer |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for work, label in WORKS.items():
        tools = data.get(work)
        if not tools:
            continue
        mine = tools.get("synscan", [])
        my_wall = median([r["wall"] for r in mine])
        my_rss = median([r["rss"] for r in mine])
        for tool in ("synscan",) + PEERS:
            runs = tools.get(tool)
            if not runs:
                continue
            wall = median([r["wall"] for r in runs])
            rss = median([r["rss"] for r in runs])
            expected = runs[0]["expected"]
            found = median([r["found"] for r in runs])
            complete = sum(1 for r in runs if r["found"] is not None and r["found"] == r["expected"]
                           and r["rc"] == "0")
            exact = "-" if runs[0]["exact"] == "-" else str(sum(1 for r in runs if r["exact"] == "0"))
            wall_ratio = "" if tool == "synscan" else fmt(ratio(my_wall, wall))
            rss_ratio = "" if tool == "synscan" else fmt(ratio(my_rss, rss))
            print(f"| {work} {label} | {tool} | {len(runs)} | {fmt(wall)} | {fmt(found, 0)}/{fmt(expected, 0)}"
                  f" | {complete}/{len(runs)} | {exact}{'' if exact == '-' else '/' + str(len(runs))}"
                  f" | {fmt(rss / 1024 if rss else None, 1)} | {fmt(median([r['cpu'] for r in runs]))}"
                  f" | {wall_ratio} | {rss_ratio} |")
        if "nmap" in tools and work in ("a", "b", "c"):
            nmap_wall = median([r["wall"] for r in tools["nmap"]])
            exact_all = all(r["exact"] == "0" for r in mine) and mine
            complete_all = all(r["found"] == r["expected"] for r in mine) and mine
            r = ratio(my_wall, nmap_wall)
            goals.append((f"{work}: wall <= 0.5 x nmap's, every run exact",
                          r is not None and r <= 0.5 and bool(exact_all if work != "c" else complete_all),
                          f"{fmt(r)} x nmap; {'exact' if work != 'c' else 'complete'} in "
                          f"{sum(1 for x in mine if (x['exact'] == '0' if work != 'c' else x['found'] == x['expected']))}"
                          f"/{len(mine)} runs"))
        if "masscan" in tools:
            m_rss = median([r["rss"] for r in tools["masscan"]])
            r = ratio(my_rss, m_rss)
            goals.append((f"{work}: peak RSS <= masscan's", r is not None and r <= 1,
                          f"{fmt(my_rss / 1024 if my_rss else None, 1)} MB vs {fmt(m_rss / 1024 if m_rss else None, 1)}"
                          f" MB ({fmt(r)} x)"))
    print()


def sustained_table(rates, goals):
    d = [r for r in rates if r[0] == "d"]
    if not d:
        return
    print("| tool | --rate | runs | replies sent by the target/s | answered/s (found / reply span) | found/expected"
          " | replies lost (target sent - found) | pcap drops | CPU user+sys (median s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    groups = {}
    for _, tool, rate, run, wall, rss, cpu, rx, tx, secs, found, expected, drops in d:
        groups.setdefault((tool, int(rate)), []).append(dict(
            cpu=num(cpu), rx=num(rx), tx=num(tx), secs=num(secs), found=num(found), expected=num(expected), drops=drops))
    best, best_any = {}, {}
    for (tool, rate), runs in sorted(groups.items()):
        in_pps = median([r["tx"] / r["secs"] for r in runs if r["secs"]])
        ans_pps = median([r["found"] / r["secs"] for r in runs if r["secs"] and r["found"] is not None])
        found = median([r["found"] for r in runs])
        lost = median([r["tx"] - r["found"] for r in runs if r["tx"] is not None and r["found"] is not None])
        drops = ",".join(sorted({r["drops"] for r in runs}))
        complete = all(r["found"] == r["expected"] for r in runs)
        print(f"| {tool} | {rate} | {len(runs)} | {fmt(in_pps, 0)} | {fmt(ans_pps, 0)} | {fmt(found, 0)}/"
              f"{fmt(runs[0]['expected'], 0)} | {fmt(lost, 0)} | {drops} | {fmt(median([r['cpu'] for r in runs]))} |")
        if ans_pps is not None:
            best_any[tool] = max(best_any.get(tool, 0), ans_pps)
            if complete:
                best[tool] = max(best.get(tool, 0), ans_pps)
    print()
    print("Best answered/s where every run found every open port: "
          + (", ".join(f"{t} {fmt(v, 0)}" for t, v in sorted(best.items())) or "none")
          + "; best answered/s at all: " + ", ".join(f"{t} {fmt(v, 0)}" for t, v in sorted(best_any.items())) + "\n")
    if "synscan" in best_any:
        mine = best.get("synscan")
        theirs = best_any.get("masscan")
        goals.append(("d: answered probes/s, nothing lost, >= masscan's best",
                      mine is not None and (theirs is None or mine >= theirs),
                      f"synscan {fmt(mine, 0)}/s without loss, masscan at best {fmt(theirs, 0)}/s"
                      f"{'' if 'masscan' in best else ' (and never without loss)'} ({fmt(ratio(mine, theirs))} x)"))


def bare_table(rates, goals):
    e = [r for r in rates if r[0] == "e"]
    if not e:
        return
    print("| tool | runs | frames sent (median) | send span (median s) | send rate (median pps) | synscan/peer"
          " | CPU user+sys (median s) |")
    print("|---|---|---|---|---|---|---|")
    groups = {}
    for _, tool, _, run, wall, rss, cpu, rx, tx, secs, *_ in e:
        groups.setdefault(tool, []).append((num(tx), num(secs), num(cpu)))
    pps = {t: median([tx / s for tx, s, _ in v if s]) for t, v in groups.items()}
    for tool in ("synscan", "masscan", "zmap"):
        if tool in groups:
            v = groups[tool]
            print(f"| {tool} | {len(v)} | {fmt(median([x[0] for x in v]), 0)} | {fmt(median([x[1] for x in v]), 3)}"
                  f" | {fmt(pps[tool], 0)} | {'' if tool == 'synscan' else fmt(ratio(pps.get('synscan'), pps[tool]))}"
                  f" | {fmt(median([x[2] for x in v]))} |")
    print()
    if "zmap" in pps:
        r = ratio(pps.get("synscan"), pps["zmap"])
        goals.append(("e: bare send rate >= zmap's", r is not None and r >= 1.0,
                      f"synscan {fmt(pps.get('synscan'), 0)} pps, zmap {fmt(pps['zmap'], 0)} pps ({fmt(r)} x)"))


def first_table(first, goals):
    if not first:
        return
    print("| tool | runs | exec to first SYN on the wire (median ms) | min ms | synscan's own trace: main to scan start (median ms) |")
    print("|---|---|---|---|---|")
    groups = {}
    for _, tool, run, wall, rss, cpu, ms, trace in first:
        groups.setdefault(tool, []).append((num(ms), num(trace)))
    for tool in ("synscan", "nmap", "masscan"):
        if tool in groups:
            v = groups[tool]
            print(f"| {tool} | {len(v)} | {fmt(median([x[0] for x in v]), 1)} | {fmt(min(x[0] for x in v), 1)}"
                  f" | {fmt(median([x[1] for x in v]), 1)} |")
    print()
    if "synscan" in groups:
        ms = median([x[0] for x in groups["synscan"]])
        goals.append(("g: time to first probe < 300 ms", ms is not None and ms < 300, f"{fmt(ms, 1)} ms"))


def main(argv):
    if len(argv) != 1:
        print("usage: report.py DIR", file=sys.stderr)
        return 2
    base = argv[0]
    machine = os.path.join(base, "machine.txt")
    if os.path.exists(machine):
        print("```")
        print(open(machine, encoding="utf-8").read().rstrip())
        print("```\n")
    goals = []
    data = scans(os.path.join(base, "runs.tsv"))
    if data:
        scan_table(data, goals)
    rates = rows(os.path.join(base, "rates.tsv"))
    sustained_table(rates, goals)
    bare_table(rates, goals)
    first_table(rows(os.path.join(base, "first.tsv")), goals)
    if goals:
        print("| goal (issue 6) | met | measured |")
        print("|---|---|---|")
        for name, ok, figure in goals:
            print(f"| {name} | {'yes' if ok else 'NO'} | {figure} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
