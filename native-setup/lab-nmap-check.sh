#!/usr/bin/env bash
# Scans the namespace lab with nmap from the scanner namespace and compares every port with the
# truth (lab-compare.py). Proves the lab, and gives the reference that synscan must equal.
#
#   lab-nmap-check.sh [--table] [--keep DIR] [SCAN...]
#
# SCANs (default: tcp4 tcp6 udp4 udp6):
#   tcp4   nmap -sS -p- 198.18.0.2           tcp6   nmap -6 -sS -p- fd00:5ca0::2
#   udp4   nmap -sU on the truth's UDP ports  udp6   the same over IPv6
#   udp4all / udp6all   nmap -sU -p- (every UDP port; about 3 s each, ICMP is not rate-limited)
#   wide   TCP and UDP on the truth's ports of a few AnyIP addresses, through the gateway route
# Every nmap runs with -Pn -n --reason -T4 --max-retries 2. The lab must be up (lab.sh up).
# Exit 0 when every port of every scan agrees with the truth, 1 otherwise.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
SCAN_NS=synscan-scan
TRUTH=${SYNSCAN_LAB_TRUTH:-$here/lab-truth.tsv}
NMAP_OPTS=(-Pn -n --reason -T4 --max-retries 2)
table=() keep="" scans=()

die() { echo "lab-nmap-check: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case $1 in
    --table) table=(--table) ;;
    --keep) keep=${2:?--keep needs a directory}; shift ;;
    tcp4|tcp6|udp4|udp6|udp4all|udp6all|wide) scans+=("$1") ;;
    *) die "unknown argument $1 (usage: lab-nmap-check.sh [--table] [--keep DIR] [tcp4|tcp6|udp4|udp6|udp4all|udp6all|wide]...)" ;;
  esac
  shift
done
[ ${#scans[@]} -gt 0 ] || scans=(tcp4 tcp6 udp4 udp6)

[ "$(id -u)" -eq 0 ] || die "must run as root (nmap in the scanner namespace): sudo $0"
command -v nmap >/dev/null || die "nmap is missing: install nmap (or run: sudo $here/install-deps.sh --test)"
"$here/lab.sh" status --quiet || die "the lab is not up: run  sudo $here/lab.sh up"

# Never send from a namespace that could route off the lab.
assert_no_default_route() {
  local routes
  routes=$({ ip -n "$SCAN_NS" -4 route show table all default; ip -n "$SCAN_NS" -6 route show table all default; } |
           grep -v '^unreachable' || true)
  [ -z "$routes" ] || die "default route in $SCAN_NS, not scanning: $routes"
}

# The truth's ports for a family ("ipv4"/"ipv6") and protocol, as an nmap port list.
truth_ports() {
  awk -v fam="$1" -v proto="$2" '{ sub(/#.*/, "") } NF == 6 && ($1 == "both" || $1 == fam) && $2 == proto { print $3 }' \
    "$TRUTH" | sort -n | paste -sd, -
}

out=${keep:-$(mktemp -d)}
mkdir -p "$out"
[ -n "$keep" ] || trap 'rm -rf "$out"' EXIT

nmap_xml() {
  local name=$1; shift
  assert_no_default_route
  ip netns exec "$SCAN_NS" nmap "${NMAP_OPTS[@]}" "$@" -oX "$out/$name.xml" >/dev/null ||
    die "nmap failed: nmap $*"
  files+=("$out/$name.xml")
}

files=()
for scan in "${scans[@]}"; do
  case $scan in
    tcp4) nmap_xml tcp4 -sS -p- 198.18.0.2 ;;
    tcp6) nmap_xml tcp6 -6 -sS -p- fd00:5ca0::2 ;;
    udp4) nmap_xml udp4 -sU -p "$(truth_ports ipv4 udp)" 198.18.0.2 ;;
    udp6) nmap_xml udp6 -6 -sU -p "$(truth_ports ipv6 udp)" fd00:5ca0::2 ;;
    udp4all) nmap_xml udp4all -sU -p- 198.18.0.2 ;;
    udp6all) nmap_xml udp6all -6 -sU -p- fd00:5ca0::2 ;;
    wide)
      nmap_xml wide-tcp4 -sS -p "$(truth_ports ipv4 tcp)" 198.18.128.1 198.18.200.77 198.18.255.254
      nmap_xml wide-tcp6 -6 -sS -p "$(truth_ports ipv6 tcp)" fd00:5ca0:1::1 fd00:5ca0:1::beef fd00:5ca0:1::ffff
      nmap_xml wide-udp4 -sU -p "$(truth_ports ipv4 udp)" 198.18.128.1 198.18.255.254
      nmap_xml wide-udp6 -6 -sU -p "$(truth_ports ipv6 udp)" fd00:5ca0:1::1 fd00:5ca0:1::ffff ;;
  esac
done
python3 "$here/lab-compare.py" --truth "$TRUTH" "${table[@]}" "${files[@]}"
