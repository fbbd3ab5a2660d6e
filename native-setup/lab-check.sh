#!/usr/bin/env bash
# The fixed test scans of the synscan lab, each compared with the truth, as a pass/fail table.
# Runs the same way in the Vagrant scanner VM and against the namespace lab on any Linux box:
#
#   vagrant ssh scanner -c 'sudo /vagrant/native-setup/lab-check.sh'
#   sudo native-setup/lab-check.sh          # namespace lab: brought up if needed, and down after
#
#   lab-check.sh [--user USER] [--rate PPS] [--keep DIR] [CHECK...]
#
# CHECKs (default: all, in this order):
#   tcp4 / tcp6       every TCP port of 198.18.0.2 / fd00:5ca0::2
#   udp4 / udp6       the truth's UDP ports of 198.18.0.2 / fd00:5ca0::2
#   anyip4 / anyip6   the truth's TCP ports on three AnyIP addresses behind the target (gateway route)
#   loopback          every TCP port of 127.0.0.1: open ports = those connect() is accepted on
# The first six compare synscan's XML (-oX) with lab-truth.tsv through lab-compare.py.
# --user USER  run synscan as USER with only CAP_NET_RAW (grant-capabilities.sh run), not as root
# --rate PPS   synscan's --rate for every scan (default 50000)
# --keep DIR   keep every scan's XML, stderr and comparison in DIR
#
# Where: an interface here with the scanner VM's address 198.18.0.1 means the Vagrant scanner VM;
# otherwise the namespace lab, with synscan under `ip netns exec synscan-scan`. Before each scan it
# checks that the scan cannot leave the lab: no default route in the scanner namespace, or (VM)
# every lab address routed through the lab interface.
# Exit 0 when every check passes, 1 when one fails, 2 when the checks cannot run.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
home=$(dirname "$here")
TRUTH=${SYNSCAN_LAB_TRUTH:-$here/lab-truth.tsv}
# The lab's addresses, as native-setup/lab.sh and the Vagrantfile define them.
SCAN_NS=synscan-scan
SCANNER4=198.18.0.1
TARGET4=198.18.0.2
TARGET6=fd00:5ca0::2
ANYIP4=(198.18.128.1 198.18.200.77 198.18.255.254)
ANYIP6=(fd00:5ca0:1::1 fd00:5ca0:1::beef fd00:5ca0:1::ffff)
LOOPBACK_PORTS=(4711 50123)
ALL_CHECKS=(tcp4 tcp6 udp4 udp6 anyip4 anyip6 loopback)

user="" rate=50000 keep="" checks=()

die() { echo "lab-check: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case $1 in
    --user) user=${2:?--user needs a user name}; shift ;;
    --rate) rate=${2:?--rate needs packets per second}; shift ;;
    --keep) keep=${2:?--keep needs a directory}; shift ;;
    -h|--help) sed -n '2,27s/^# \{0,1\}//p' "$0"; exit 0 ;;
    tcp4|tcp6|udp4|udp6|anyip4|anyip6|loopback) checks+=("$1") ;;
    *) die "unknown argument $1 (see lab-check.sh --help)" ;;
  esac
  shift
done
[ ${#checks[@]} -gt 0 ] || checks=("${ALL_CHECKS[@]}")

[ "$(id -u)" -eq 0 ] || die "must run as root (it runs scans and may build the namespace lab): sudo $0"
command -v ip >/dev/null || die "ip is missing: install iproute2 (or run: sudo $here/install-deps.sh --lab)"
command -v python3 >/dev/null || die "python3 is missing (run: sudo $here/install-deps.sh --lab)"
[ -z "$user" ] || id "$user" >/dev/null 2>&1 || die "no such user: $user"

out=${keep:-$(mktemp -d)}
mkdir -p "$out"
listener="" brought_up=0
cleanup() {
  if [ -n "$listener" ]; then
    kill "$listener" 2>/dev/null || true
    wait "$listener" 2>/dev/null || true
  fi
  [ "$brought_up" = 0 ] || "$here/lab.sh" down --quiet || true
  [ -n "$keep" ] || rm -rf "$out"
}
trap cleanup EXIT

lab_if=$(ip -o -4 addr show | awk -v a="$SCANNER4" '{ split($4, p, "/") } p[1] == a { print $2; exit }')
if [ -n "$lab_if" ]; then
  where="Vagrant scanner VM (lab interface $lab_if)"
  in_scanner=()
else
  where="namespace lab (synscan runs under ip netns exec $SCAN_NS)"
  in_scanner=(ip netns exec "$SCAN_NS")
  if ! "$here/lab.sh" status --quiet; then
    "$here/lab.sh" up --quiet || die "cannot bring the namespace lab up"
    brought_up=1
  fi
fi

# Refuses to send unless every address can only be reached through the lab.
assert_lab_only() {
  local addr routes
  if [ -z "$lab_if" ]; then
    routes=$({ ip -n "$SCAN_NS" -4 route show table all default; ip -n "$SCAN_NS" -6 route show table all default; } |
             grep -v '^unreachable' || true)
    [ -z "$routes" ] || die "default route in $SCAN_NS, not scanning: $routes"
    return
  fi
  for addr in "$@"; do
    case $addr in 127.*|::1) continue ;; esac
    ip route get "$addr" 2>/dev/null | grep " dev $lab_if " >/dev/null ||
      die "$addr is not routed through the lab interface $lab_if, not scanning: $(ip route get "$addr" 2>&1 | head -1)"
  done
}

# The truth's ports for a family ("ipv4"/"ipv6") and protocol, as a port list.
truth_ports() {
  awk -v fam="$1" -v proto="$2" '{ sub(/#.*/, "") } NF == 6 && ($1 == "both" || $1 == fam) && $2 == proto { print $3 }' \
    "$TRUTH" | sort -n | paste -sd, -
}

synscan=("$home/synscan")
[ -z "$user" ] || synscan=("$here/grant-capabilities.sh" run --user "$user" --)

# Runs one scan with its XML on stdout (written by this root shell, so any --user can scan).
scan() {
  local name=$1; shift
  ${in_scanner[@]+"${in_scanner[@]}"} "${synscan[@]}" "$@" --rate "$rate" -oX - >"$out/$name.xml" 2>"$out/$name.err"
}

# Starts listeners on the scanner's loopback so the loopback check has open ports to find (once).
start_listener() {
  [ -z "$listener" ] || return 0
  ${in_scanner[@]+"${in_scanner[@]}"} python3 "$here/lab-loopback.py" listen "${LOOPBACK_PORTS[@]}" >"$out/listener.out" 2>&1 &
  listener=$!
  local i
  for i in $(seq 50); do
    grep -qx ready "$out/listener.out" 2>/dev/null && return 0
    kill -0 "$listener" 2>/dev/null || break
    sleep 0.1
  done
  return 1
}

# "N ports agree" or the first difference, from lab-compare.py's output.
summarize() {
  awk '/agree with the truth/ { hosts++; ports += $3 }
       /DIFFER/ { bad++; if (!first) first = $0 }
       END { if (bad) { print first; exit }
             printf "%d port%s = truth", ports, (ports == 1 ? "" : "s")
             if (hosts > 1) printf " (%d hosts)", hosts
             print "" }' "$1"
}

run_check() {
  local name=$1 args=() targets=() detail status start ms
  case $name in
    tcp4) args=("$TARGET4" -p-) ;;
    tcp6) args=(-6 "$TARGET6" -p-) ;;
    udp4) args=(-sU "$TARGET4" -p "$(truth_ports ipv4 udp)") ;;
    udp6) args=(-6 -sU "$TARGET6" -p "$(truth_ports ipv6 udp)") ;;
    anyip4) args=("${ANYIP4[@]}" -p "$(truth_ports ipv4 tcp)") ;;
    anyip6) args=(-6 "${ANYIP6[@]}" -p "$(truth_ports ipv6 tcp)") ;;
    loopback) args=(127.0.0.1 -p-) ;;
  esac
  for a in "${args[@]}"; do
    case $a in -*|*,*) ;; *) targets+=("$a") ;; esac
  done
  assert_lab_only "${targets[@]}"
  status=FAIL
  start=$(date +%s%N)
  if [ "$name" = loopback ] && ! start_listener; then
    detail="loopback listeners did not start: $(tr '\n' ' ' <"$out/listener.out")"
  elif ! scan "$name" "${args[@]}"; then
    detail="synscan failed: $(tail -n 1 "$out/$name.err")"
  elif [ "$name" = loopback ]; then
    detail=$(${in_scanner[@]+"${in_scanner[@]}"} python3 "$here/lab-loopback.py" compare "$out/$name.xml" 2>&1) && status=pass
  else
    python3 "$here/lab-compare.py" --truth "$TRUTH" "$out/$name.xml" >"$out/$name.compare" 2>&1 && status=pass
    detail=$(summarize "$out/$name.compare")
    [ -n "$detail" ] || detail=$(tail -n 1 "$out/$name.compare")
  fi
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  local shown="${args[*]}"
  [ ${#shown} -le 46 ] || shown="${shown:0:43}..."
  printf '%-9s %-46s %6s  %-4s  %s\n' "$name" "$shown" "$(printf '%d.%ds' $((ms / 1000)) $((ms % 1000 / 100)))" \
    "$status" "$detail"
  [ "$status" = pass ] || failed+=("$name")
  [ "$status" = pass ]
}

# After the table: what each failed check saw.
details() {
  local name f
  for name in "${failed[@]}"; do
    echo
    echo "--- $name: synscan ${user:+as $user }said:"
    for f in "$out/$name.err" "$out/$name.compare"; do
      [ -s "$f" ] && head -n 40 "$f"
    done
  done
  return 0
}

"$home/synscan" --version >/dev/null || die "synscan does not start (run: $home/synscan --version)"
echo "synscan lab check: $where; synscan runs as ${user:-root}${user:+ with only CAP_NET_RAW}"
printf '%-9s %-46s %6s  %-4s  %s\n' CHECK SCAN TIME RESULT DETAIL
passed=0 failed=()
for c in "${checks[@]}"; do
  if run_check "$c"; then passed=$((passed + 1)); fi
done
[ ${#failed[@]} -eq 0 ] || details
echo "lab-check: $passed of ${#checks[@]} checks passed"
[ "$passed" -eq ${#checks[@]} ]
