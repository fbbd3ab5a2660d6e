#!/usr/bin/env bash
# synscan's test lab: a scanner and a target joined by a veth pair, each in its own network
# namespace, with no default route anywhere, so lab traffic cannot leave this machine.
#
#   lab.sh up [--quiet]        build the namespace lab (idempotent)
#   lab.sh down [--quiet]      remove what `up` made: namespaces, veth, the services process
#   lab.sh status [--quiet]    print what is up; exit 0 when the whole lab is up, 3 otherwise
#   lab.sh target-up [IFACE]   provision the CURRENT network namespace as the lab target
#   lab.sh target-down         undo target-up in the current network namespace
#   lab.sh vm-up scanner|target  provision this machine as one of the two Vagrant lab VMs: its lab
#                              interface is the one Vagrant gave 198.18.0.1 (scanner) or 198.18.0.2
#                              (target); adds the IPv6 address, then target-up or the scanner's routes
#
#   synscan-scan  ss-scan0  198.18.0.1/24  fd00:5ca0::1/64
#                    |      routes 198.18.128.0/17 via 198.18.0.2, fd00:5ca0:1::/112 via fd00:5ca0::2
#   synscan-tgt   ss-tgt0   198.18.0.2/24  fd00:5ca0::2/64
#                           AnyIP: local 198.18.128.0/17 and fd00:5ca0:1::/112 on lo
#
# The target's behaviour comes from lab-truth.tsv: listeners and UDP services (lab-services.py),
# iptables/ip6tables DROP and REJECT rules in the SYNSCAN-LAB chain, ICMP rate limits off.
# `up` provisions the target by running this script's `target-up` inside synscan-tgt; the
# Vagrant target VM runs the same `target-up` through `vm-up target` (with its lab interface,
# e.g. eth1), and the scanner VM gets the same AnyIP routes via the target through `vm-up scanner`,
# so both labs come from one definition (addresses, routes, services, firewall, truth).
#
# IPv6 AnyIP caveat: the kernel sends ICMPv6 errors for an AnyIP address from fd00:5ca0::2, not
# from the probed address, so in fd00:5ca0:1::/112 nmap reports a closed UDP port as
# filtered/port-unreach (TCP results there match the truth exactly). IPv4 has no such caveat.
set -euo pipefail

self=$(readlink -f "${BASH_SOURCE[0]}")
here=$(dirname "$self")
# SYNSCAN_LAB=NAME runs a second, independent lab (namespaces NAME-scan / NAME-tgt, same addresses:
# namespaces do not see each other), e.g. for a benchmark beside a test run. Default: synscan.
LAB=${SYNSCAN_LAB:-synscan}
SCAN_NS=$LAB-scan
TGT_NS=$LAB-tgt
SCAN_IF=ss-scan0
TGT_IF=ss-tgt0
SCAN4=198.18.0.1 TGT4=198.18.0.2 PREFIX4=24
SCAN6=fd00:5ca0::1 TGT6=fd00:5ca0::2 PREFIX6=64
WIDE4=198.18.128.0/17
WIDE6=fd00:5ca0:1::/112
TRUTH=${SYNSCAN_LAB_TRUTH:-$here/lab-truth.tsv}
SERVICES=$here/lab-services.py
RUN_DIR=/run/$LAB-lab
CHAIN=SYNSCAN-LAB
quiet=0

say() { [ "$quiet" = 1 ] || echo "lab: $*"; }
warn() { echo "lab: warning: $*" >&2; }
die() { echo "lab: $*" >&2; exit 1; }
usage() { echo "usage: lab.sh up|down|status [--quiet] | target-up [IFACE] | target-down | vm-up scanner|target" >&2; exit 2; }

need_root() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (it creates network namespaces and firewall rules): sudo $self $1"
}

# tool, package that provides it
need_tool() {
  command -v "$1" >/dev/null 2>&1 ||
    die "$1 is missing: install $2 (or run: sudo $here/install-deps.sh --test)"
}

need_tools() {
  need_tool ip iproute2
  need_tool iptables iptables
  need_tool ip6tables iptables
  need_tool iptables-restore iptables
  need_tool sysctl procps
}

# The services need python3; Debian-like systems get python3-minimal when we are root.
python_bin() {
  local py
  for py in /usr/bin/python3 "$(command -v python3 || true)"; do
    [ -n "$py" ] && [ -x "$py" ] && { echo "$py"; return; }
  done
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "lab: python3 is missing: installing python3-minimal" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-minimal >&2 ||
      die "installing python3-minimal failed"
    echo /usr/bin/python3
    return
  fi
  die "python3 is missing: install python3 (Debian/Ubuntu: apt-get install python3-minimal)"
}

ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -x "$1" >/dev/null; }

# Truth rows without comments, as "family proto port state reason how".
truth_rows() {
  [ -r "$TRUTH" ] || die "truth file not found: $TRUTH"
  awk -v f="$TRUTH" '
    { sub(/#.*/, "") }
    NF == 0 { next }
    NF != 6 || $1 !~ /^(both|ipv4|ipv6)$/ || $2 !~ /^(tcp|udp)$/ || $3 !~ /^[0-9]+$/ || $3 < 1 || $3 > 65535 ||
    $6 !~ /^(closed|drop|reject:[a-z0-9-]+)$/ && !($2 == "tcp" && $6 == "listen") &&
                                                !($2 == "udp" && $6 ~ /^(dns|ntp|snmp|echo|silent)$/) {
      printf "lab: %s:%d: bad row: %s\n", f, NR, $0 > "/dev/stderr"; bad = 1; next }
    { print $1, $2, $3, $4, $5, $6 }
    END { exit bad }' "$TRUTH"
}

# ------------------------------------------------------------------ the target (any netns)

target_sysctls() {
  local kv
  # ICMP errors must be exact at any rate: no per-peer limit, no global token bucket for any
  # type (ratemask), and a huge bucket where the kernel has one.
  for kv in net.ipv4.icmp_ratelimit=0 net.ipv4.icmp_ratemask=0 \
            net.ipv4.icmp_msgs_per_sec=100000000 net.ipv4.icmp_msgs_burst=100000000 \
            net.ipv6.icmp.ratelimit=0 net.ipv6.icmp.ratemask= \
            net.core.somaxconn=65535 net.ipv4.tcp_max_syn_backlog=65536 net.ipv4.tcp_syncookies=1 \
            net.ipv4.conf.all.forwarding=0 net.ipv6.conf.all.forwarding=0; do
    [ -e "/proc/sys/$(echo "${kv%%=*}" | tr . /)" ] || continue
    sysctl -q -w "$kv" >/dev/null || warn "cannot set $kv"
  done
}

# Rebuilds the SYNSCAN-LAB chains from the truth (atomically: iptables-restore flushes the
# chain it declares) and hooks them into INPUT once.
target_firewall() {
  local iface=$1 tool family rules
  for tool in iptables ip6tables; do
    [ "$tool" = iptables ] && family=ipv4 || family=ipv6
    rules=$(truth_rows | awk -v fam="$family" -v chain="$CHAIN" '
      $1 != "both" && $1 != fam { next }
      $6 == "drop" { printf "-A %s -p %s --dport %s -j DROP\n", chain, $2, $3 }
      $6 ~ /^reject:/ { t = $6; sub(/^reject:/, "", t)
                        printf "-A %s -p %s --dport %s -j REJECT --reject-with %s\n", chain, $2, $3, t }')
    printf '*filter\n:%s - [0:0]\n%s\nCOMMIT\n' "$CHAIN" "$rules" | "$tool-restore" -w -n ||
      die "$tool cannot load the rules from $TRUTH"
    local jump=(INPUT ${iface:+-i "$iface"} -j "$CHAIN")
    "$tool" -w -C "${jump[@]}" 2>/dev/null || "$tool" -w -I "${jump[@]}"
  done
}

target_anyip() {
  ip route replace local "$WIDE4" dev lo
  ip -6 route replace local "$WIDE6" dev lo
}

# Where the services' PID file lives: one per network namespace, named after it.
pid_file() {
  local ns
  ns=$(ip netns identify "$$" 2>/dev/null || true)
  echo "$RUN_DIR/services.${ns:-host}.pid"
}

# Prints the PID of our running services process for this PID file, if it is alive and ours.
services_pid() {
  local pidf=$1 pid
  [ -r "$pidf" ] || return 1
  pid=$(tr -dc 0-9 <"$pidf")
  [ -n "$pid" ] && running "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep "lab-services.py --truth" >/dev/null || return 1
  echo "$pid"
}

target_services() {
  local pidf pid py log i
  pidf=$(pid_file)
  log=${pidf%.pid}.log
  if pid=$(services_pid "$pidf"); then
    if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -F -- "--truth $TRUTH --pid-file" >/dev/null &&
       [ ! "$TRUTH" -nt "$pidf" ] && [ ! "$SERVICES" -nt "$pidf" ]; then
      return 0
    fi
    say "truth file or lab-services.py changed: restarting services (pid $pid)"
    stop_services "$pidf"
  fi
  py=$(python_bin)
  mkdir -p "$RUN_DIR"
  rm -f "$pidf"
  # The daemon outlives this script, so it must not inherit any lock: neither lab.sh's own (fd 9) nor
  # one a caller holds around lab.sh ("flock FILE cmd" hands its fd down), else that lock stays taken
  # for as long as the lab is up. So every descriptor above 2 is closed before python starts.
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done
    exec "$py" "$SERVICES" --truth "$TRUTH" --pid-file "$pidf" </dev/null >>"$log" 2>&1
  ) &
  local child=$!
  for i in $(seq 100); do
    pid=$(services_pid "$pidf") && return 0
    kill -0 "$child" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 5 "$log" >&2 || true
  die "lab-services.py did not start (log: $log)"
}

# Running, as opposed to gone or a zombie (an exited daemon waits for PID 1 to reap it).
running() {
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

stop_services() {
  local pidf=$1 pid i
  pid=$(services_pid "$pidf") || { rm -f "$pidf"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 50); do
    running "$pid" || break
    sleep 0.05
  done
  if running "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$pidf"
}

target_up() {
  local iface=${1:-}
  need_root target-up
  need_tools
  truth_rows >/dev/null
  ip link set lo up
  target_sysctls
  target_anyip
  target_firewall "$iface"
  target_services
}

target_down() {
  local tool
  need_root target-down
  local pidf
  pidf=$(pid_file)
  stop_services "$pidf"
  rm -f "${pidf%.pid}.log"
  rmdir "$RUN_DIR" 2>/dev/null || true
  for tool in iptables ip6tables; do
    command -v "$tool" >/dev/null 2>&1 || continue
    while read -r rule; do
      eval "$tool -w ${rule/-A/-D}"
    done < <("$tool" -w -S INPUT 2>/dev/null | grep -- "-j $CHAIN\$" || true)
    "$tool" -w -F "$CHAIN" 2>/dev/null || true
    "$tool" -w -X "$CHAIN" 2>/dev/null || true
  done
  ip route del local "$WIDE4" dev lo 2>/dev/null || true
  ip -6 route del local "$WIDE6" dev lo 2>/dev/null || true
}

# The wide (AnyIP) ranges sit behind the target, so scanning them exercises next-hop (gateway)
# lookup. IFACE is the scanner's lab interface; further arguments go to ip (e.g. -n NAMESPACE).
scanner_routes() {
  local iface=$1; shift
  ip "$@" route replace "$WIDE4" via "$TGT4" dev "$iface"
  ip "$@" -6 route replace "$WIDE6" via "$TGT6" dev "$iface"
}

# ------------------------------------------------------------------ the Vagrant lab (two VMs)

# The interface that has ADDRESS (Vagrant's private network gives each VM its lab IPv4 address).
iface_with() {
  ip -o -4 addr show | awk -v a="$1" '{ split($4, p, "/") } p[1] == a { print $2; exit }'
}

# Runs on every boot of a VM (the Vagrantfile's provisioner has run: "always"): addresses, routes
# and services do not survive a reboot.
vm_up() {
  local role=$1 v4 v6 iface
  case $role in
    scanner) v4=$SCAN4 v6=$SCAN6 ;;
    target) v4=$TGT4 v6=$TGT6 ;;
    *) usage ;;
  esac
  need_root vm-up
  need_tools
  iface=$(iface_with "$v4")
  [ -n "$iface" ] || die "no interface has $v4: vm-up $role runs in the Vagrant $role VM, whose private network has that address"
  sysctl -q -w "net.ipv6.conf.$iface.disable_ipv6=0" "net.ipv6.conf.$iface.accept_ra=0" \
    "net.ipv6.conf.$iface.accept_dad=0" >/dev/null
  ip -6 addr replace "$v6/$PREFIX6" dev "$iface" nodad
  if [ "$role" = target ]; then
    target_up "$iface"
    say "target up on $iface ($v4, $v6; AnyIP $WIDE4, $WIDE6)"
  else
    scanner_routes "$iface"
    say "scanner up on $iface ($v4, $v6; $WIDE4 via $TGT4, $WIDE6 via $TGT6)"
  fi
}

# ------------------------------------------------------------------ the namespace lab

# Any route that could carry a packet off the lab: a default route in any table, v4 or v6.
default_routes() {
  local ns=$1
  { ip -n "$ns" -4 route show table all default; ip -n "$ns" -6 route show table all default; } 2>/dev/null |
    grep -v '^unreachable' || true
}

assert_no_default_route() {
  local ns routes
  for ns in "$SCAN_NS" "$TGT_NS"; do
    routes=$(default_routes "$ns")
    if [ -n "$routes" ]; then
      echo "lab: default route in namespace $ns, refusing to continue (tearing the lab down):" >&2
      echo "$routes" >&2
      lab_down
      exit 1
    fi
  done
}

ns_sysctls() {
  local ns=$1 kv
  for kv in net.ipv4.conf.all.forwarding=0 net.ipv6.conf.all.forwarding=0 \
            net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
            net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0; do
    ip netns exec "$ns" sysctl -q -w "$kv" >/dev/null
  done
}

lab_up() {
  need_root up
  need_tools
  truth_rows >/dev/null
  local ns
  for ns in "$SCAN_NS" "$TGT_NS"; do
    ns_exists "$ns" || ip netns add "$ns"
    ns_sysctls "$ns"
    ip -n "$ns" link set lo up
  done
  if ! ip -n "$SCAN_NS" link show "$SCAN_IF" >/dev/null 2>&1 ||
     ! ip -n "$TGT_NS" link show "$TGT_IF" >/dev/null 2>&1; then
    # half a pair from an interrupted run: remove it, then make the pair inside the namespaces
    ip -n "$SCAN_NS" link del "$SCAN_IF" 2>/dev/null || true
    ip -n "$TGT_NS" link del "$TGT_IF" 2>/dev/null || true
    ip link add "$SCAN_IF" netns "$SCAN_NS" type veth peer name "$TGT_IF" netns "$TGT_NS"
  fi
  ip -n "$SCAN_NS" addr replace "$SCAN4/$PREFIX4" dev "$SCAN_IF"
  ip -n "$SCAN_NS" -6 addr replace "$SCAN6/$PREFIX6" dev "$SCAN_IF" nodad
  ip -n "$TGT_NS" addr replace "$TGT4/$PREFIX4" dev "$TGT_IF"
  ip -n "$TGT_NS" -6 addr replace "$TGT6/$PREFIX6" dev "$TGT_IF" nodad
  ip -n "$SCAN_NS" link set "$SCAN_IF" up
  ip -n "$TGT_NS" link set "$TGT_IF" up
  scanner_routes "$SCAN_IF" -n "$SCAN_NS"
  assert_no_default_route
  local args=(target-up "$TGT_IF")
  [ "$quiet" = 1 ] && args+=(--quiet)
  ip netns exec "$TGT_NS" "$self" "${args[@]}"
  assert_no_default_route
  [ "$quiet" = 1 ] || summary
}

lab_down() {
  need_root down
  local ns pids
  if ns_exists "$TGT_NS"; then
    stop_services "$RUN_DIR/services.$TGT_NS.pid"
    rm -f "$RUN_DIR/services.$TGT_NS.log"
  fi
  for ns in "$SCAN_NS" "$TGT_NS"; do
    ns_exists "$ns" || continue
    pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
    [ -z "$pids" ] || warn "processes not started by lab.sh still run in $ns (pids: $pids); left alone"
    ip netns del "$ns"
  done
  # Only if a half-made pair was left in the root namespace: these names are ours.
  ip link del "$SCAN_IF" 2>/dev/null || true
  ip link del "$TGT_IF" 2>/dev/null || true
  rmdir "$RUN_DIR" 2>/dev/null || true
  say "lab down"
}

# "N+M" counts of v4+v6 rows of the truth matching an awk condition on proto ($2) and how ($6)
truth_count() {
  truth_rows | awk "$1"' { if ($1 != "ipv6") v4++; if ($1 != "ipv4") v6++ } END { printf "%d+%d", v4, v6 }'
}

summary() {
  local pid
  pid=$(services_pid "$RUN_DIR/services.$TGT_NS.pid" || echo "?")
  echo "lab up: $SCAN_NS ($SCAN4, $SCAN6) <-> $TGT_NS ($TGT4, $TGT6; AnyIP $WIDE4, $WIDE6):" \
       "$(truth_count '$2 == "tcp" && $6 == "listen"') tcp listeners," \
       "$(truth_count '$2 == "udp" && $6 ~ /^(dns|ntp|snmp|echo|silent)$/') udp services," \
       "$(truth_count '$6 == "drop" || $6 ~ /^reject:/') firewall rules (v4+v6), services pid $pid"
}

lab_status() {
  need_root status
  local ok=1 ns pid
  for ns in "$SCAN_NS" "$TGT_NS"; do
    if ! ns_exists "$ns"; then
      say "$ns: absent"; ok=0; continue
    fi
    say "$ns: $(ip -n "$ns" -br addr show | grep -v '^lo ' | tr -s ' ' | tr '\n' ';')"
    say "$ns: routes: $(ip -n "$ns" route show | tr '\n' ';') $(ip -n "$ns" -6 route show | grep -v '^fe80' | tr '\n' ';')"
    if [ -n "$(default_routes "$ns")" ]; then
      say "$ns: DEFAULT ROUTE PRESENT: $(default_routes "$ns" | tr '\n' ';')"; ok=0
    fi
  done
  if ns_exists "$TGT_NS"; then
    if pid=$(services_pid "$RUN_DIR/services.$TGT_NS.pid"); then
      say "$TGT_NS: services pid $pid; listening tcp $(ip netns exec "$TGT_NS" ss -ltnH | wc -l)," \
          "udp $(ip netns exec "$TGT_NS" ss -lunH | wc -l);" \
          "firewall rules v4 $(ip netns exec "$TGT_NS" iptables -w -S "$CHAIN" 2>/dev/null | grep -c '^-A' || true)," \
          "v6 $(ip netns exec "$TGT_NS" ip6tables -w -S "$CHAIN" 2>/dev/null | grep -c '^-A' || true)"
    else
      say "$TGT_NS: services not running"; ok=0
    fi
  fi
  if [ "$ok" = 1 ]; then
    [ "$quiet" = 1 ] && return 0
    summary
    return 0
  fi
  [ "$quiet" = 1 ] || echo "lab not (fully) up"
  return 3
}

main() {
  local cmd="" args=() a
  for a in "$@"; do
    case $a in
      --quiet|-q) quiet=1 ;;
      -h|--help) usage ;;
      -*) echo "lab: unknown option $a" >&2; usage ;;
      *) if [ -z "$cmd" ]; then cmd=$a; else args+=("$a"); fi ;;
    esac
  done
  case $cmd in
    up|down)
      # one up/down at a time (two test JVMs starting together): lock this script, create nothing
      if command -v flock >/dev/null 2>&1; then
        exec 9<"$self"
        flock -w 120 9 || die "another lab.sh up/down is still running"
      fi
      if [ "$cmd" = up ]; then lab_up; else lab_down; fi ;;
    status) lab_status ;;
    target-up) [ "${#args[@]}" -le 1 ] || usage; target_up "${args[@]}" ;;
    target-down) target_down ;;
    vm-up) [ "${#args[@]}" -eq 1 ] || usage; vm_up "${args[0]}" ;;
    *) usage ;;
  esac
}

main "$@"
