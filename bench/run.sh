#!/usr/bin/env bash
# synscan against nmap, masscan and zmap on the namespace lab: same work, alternating runs.
#
#   sudo bench/run.sh [--runs N] [--works a,b,c,d,e,g] [--out DIR]
#
# Works (issue 6); every tool runs only inside the lab's scanner namespace (synscan-scan, no
# default route) against lab addresses:
#   a  one host, TCP 1-65535, IPv4 (198.18.0.2)        synscan, nmap -sS -Pn -n -p-, masscan
#   b  the same over IPv6 (fd00:5ca0::2)               synscan, nmap, masscan
#   c  32,768 hosts (198.18.128.0/17, AnyIP) x port 80 synscan, nmap --min-rate 100000, masscan, zmap
#   d  answered probes/s: the /17 x 8 open ports at increasing --rate, synscan and masscan;
#      probes and replies counted on the target's interface, replies lost = sent - found
#   e  bare send rate: the /17 x 16 ports to a MAC nobody owns (nothing answers); frames counted
#      on the scanner's interface; synscan (-T4), masscan, zmap (--sender-threads 2). synscan keeps
#      every probe in its table until it is answered or times out, and with nothing answering the
#      timeout stays at the template's initial one (T3: 1 s, T4: 0.5 s), so at T3 the 262,144-entry
#      table caps a bare send at ~262 kpps; -T4 measures the send path instead of that cap
#   f  peak RSS: GNU time's %M, measured in every run above (no runs of its own)
#   g  time to first probe: a timestamp just before exec, and the first SYN's capture timestamp
#      from tcpdump in the target namespace; synscan (with SYNSCAN_TRACE), nmap, masscan
# Rounds alternate the tools (synscan, peer, peer..., synscan, ...), so load from elsewhere on the
# machine falls on all alike. The script takes the shared lab lock (/tmp/synscan-lab.lock) for the
# whole run, brings the lab up, and tears it down at the end, also on error or Ctrl-C.
#
# Knobs (environment; defaults in brackets):
#   BENCH_SYNSCAN_ARGS   extra synscan flags for a, b, c   [--rate 100000]
#   BENCH_MASSCAN_RATE   masscan --rate for a, b, c        [100000]
#   BENCH_MASSCAN_WAIT   masscan --wait (seconds)          [1]
#   BENCH_ZMAP_RATE      zmap -r for c                     [100000]
#   BENCH_ZMAP_COOLDOWN  zmap -c (seconds)                 [1]
#   BENCH_RATES          offered rates for d               [100000 200000 300000]
#   BENCH_FIRST_RUNS     runs per tool for g               [--runs]
#   BENCH_RUN_TIMEOUT    seconds before one run is killed  [120]
#   BENCH_LOCK_WAIT      seconds to wait for the lab lock  [3600]
# Needs root, nmap, masscan, zmap, tcpdump, GNU time and python3 (on Debian/Ubuntu the missing
# ones are installed with apt-get). Raw results stay in --out (default: a new /tmp/synscan-bench.*)
# and bench/report.py prints the tables again from them.
set -euo pipefail

home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
bench=$home/bench
LAB=$home/native-setup/lab.sh
SCAN_NS=synscan-scan TGT_NS=synscan-tgt SCAN_IF=ss-scan0 TGT_IF=ss-tgt0
SCAN4=198.18.0.1 TGT4=198.18.0.2 SCAN6=fd00:5ca0::1 TGT6=fd00:5ca0::2 WIDE4=198.18.128.0/17
SUSTAIN_PORTS=21,22,25,80,443,993,3306,5432   # open on every address of the /17
BARE_PORTS=1-16
NOBODY_MAC=02:00:5c:a0:00:01                   # locally administered, on no interface of the lab
LOCK=/tmp/synscan-lab.lock

runs=3
works=a,b,c,d,e,g
out=""
SYNSCAN_ARGS=${BENCH_SYNSCAN_ARGS:---rate 100000}
MASSCAN_RATE=${BENCH_MASSCAN_RATE:-100000}
MASSCAN_WAIT=${BENCH_MASSCAN_WAIT:-1}
ZMAP_RATE=${BENCH_ZMAP_RATE:-100000}
ZMAP_COOLDOWN=${BENCH_ZMAP_COOLDOWN:-1}
RATES=${BENCH_RATES:-100000 200000 300000}
RUN_TIMEOUT=${BENCH_RUN_TIMEOUT:-120}
LOCK_WAIT=${BENCH_LOCK_WAIT:-3600}

say() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
usage() { sed -n '3,4p' "$0" | sed 's/^# *//' >&2; exit 2; }

while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=${2:?}; shift 2 ;;
    --works) works=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "bench: unknown argument $1" >&2; usage ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"
[[ $works =~ ^[a-g](,[a-g])*$ ]] || die "--works takes letters a-g separated by commas"
FIRST_RUNS=${BENCH_FIRST_RUNS:-$runs}
has_work() { [[ ,$works, == *,$1,* ]]; }

# ------------------------------------------------------------------ prerequisites

[ "$(id -u)" -eq 0 ] || die "must run as root (namespaces, raw sockets): sudo $0"
need() {   # command, Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || die "$1 is missing: install $2"
  say "$1 is missing: apt-get install -y $2"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >&2 || die "installing $2 failed"
}
need nmap nmap
need masscan masscan
need zmap zmap
need tcpdump tcpdump
need python3 python3-minimal
[ -x /usr/bin/time ] || need /usr/bin/time time

out=${out:-$(mktemp -d /tmp/synscan-bench.XXXXXX)}
mkdir -p "$out"
: >"$out/runs.tsv"; : >"$out/rates.tsv"; : >"$out/first.tsv"
say "raw results in $out"
# builds the jar if needed, before the lock: others need not wait for a compile
"$home/synscan" --version >/dev/null || die "synscan does not start (build: cd $home && mvn -B package)"

# ------------------------------------------------------------------ lock, lab, cleanup

exec {lockfd}>>"$LOCK"
say "waiting for the lab lock ($LOCK)"
flock -w "$LOCK_WAIT" "$lockfd" || die "the lab lock stayed busy for ${LOCK_WAIT}s"
bg_pids=()
cleanup() {
  local pid
  for pid in "${bg_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$LAB" down --quiet {lockfd}>&- || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Every child closes the lock's descriptor: a daemon that kept it (the lab's services) would hold
# the lock for everyone after we are gone.
"$LAB" up --quiet {lockfd}>&- || die "the lab did not come up"
TMAC=$(ip -n "$TGT_NS" -br link show "$TGT_IF" | awk '{print $3}')
SMAC=$(ip -n "$SCAN_NS" -br link show "$SCAN_IF" | awk '{print $3}')
[ -n "$TMAC" ] && [ -n "$SMAC" ] || die "cannot read the veth MAC addresses of the lab"

# Before every run: the scanner namespace holds only lo and the veth, and no default route.
assert_lab_only() {
  local routes links
  routes=$({ ip -n "$SCAN_NS" -4 route show table all default; ip -n "$SCAN_NS" -6 route show table all default; } |
           grep -v '^unreachable' || true)
  [ -z "$routes" ] || die "default route in $SCAN_NS, refusing to send: $routes"
  links=$(ip -n "$SCAN_NS" -br link show | awk '{sub(/@.*/, "", $1); print $1}' | grep -vx -e lo -e "$SCAN_IF" || true)
  [ -z "$links" ] || die "unexpected interfaces in $SCAN_NS: $links"
}

# Starts a background job whose descriptors do not include the lock; its pid goes to bg_pids.
background() {
  "$@" {lockfd}>&- &
  bg_pids+=("$!")
  last_bg=$!
}

# Stops one background job and forgets it, so the exit trap never signals a reused pid.
stop_bg() {
  local pid keep=()
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  for pid in "${bg_pids[@]}"; do [ "$pid" = "$1" ] || keep+=("$pid"); done
  bg_pids=("${keep[@]}")
}

# masscan exits only after it sees a packet once its --wait is over: on a silent link it waits
# for ever. A datagram from the target to the scanner every 0.2 s (bash's /dev/udp, so no ping
# is needed; the scanner's kernel answers port-unreachable) keeps the link from being silent.
with_keepalive() {
  background ip netns exec "$TGT_NS" bash -c \
    "while :; do echo >/dev/udp/$SCAN4/9 2>/dev/null || true; sleep 0.2; done"
  local keepalive=$last_bg status=0
  "$@" || status=$?
  stop_bg "$keepalive"
  return "$status"
}

now_ns() { local t=$EPOCHREALTIME; echo "${t/./}000"; }

# run_tool ID -- CMD...: runs CMD in the scanner namespace under GNU time; sets wall (s), rss (KB),
# cpu (user + system s) and rc.
run_tool() {
  local id=$1; shift 2
  assert_lab_only
  local t0 t1
  t0=$(now_ns)
  rc=0
  timeout -k 5 "$RUN_TIMEOUT" /usr/bin/time -f '%M %U %S' -o "$out/$id.time" \
    ip netns exec "$SCAN_NS" "$@" >"$out/$id.out" 2>"$out/$id.err" {lockfd}>&- || rc=$?
  t1=$(now_ns)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  read -r rss cpu < <(tail -n 1 "$out/$id.time" 2>/dev/null | awk 'NF == 3 { print $1, $2 + $3; next } { print 0, 0 }')
  [ "$rc" = 0 ] || say "$id: exit status $rc (see $out/$id.err)"
}

score() {   # format file hosts ports -> "found expected exact extra"
  [ -s "$2" ] || { echo "0 ? - 0"; return; }
  python3 "$bench/score.py" found "$1" "$2" --hosts "$3" --ports "$4" 2>>"$out/score.err" || echo "0 ? - 0"
}

record() {   # work tool run found expected exact extra
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$wall" "$rss" "$cpu" "$4" "$5" "$6" "$7" \
    "$rc" >>"$out/runs.tsv"
  say "$1 $2 run $3: ${wall}s, $((rss / 1024)) MB, ${cpu}s CPU, found $4/$5, port differences $6, rc $rc"
}

masscan_common() { echo "-e $SCAN_IF --adapter-mac $SMAC --wait $MASSCAN_WAIT"; }

# ------------------------------------------------------------------ a, b: one host, all ports

one_host() {
  local work=$1 fam=$2 target=$3 src=$4 r tool id
  local v6=() mrouter=(--router-mac "$TMAC") mtarget=("$target")
  if [ "$fam" = 6 ]; then
    v6=(-6); mrouter=(--router-mac-ipv6 "$TMAC"); mtarget=(--range "$target")
  fi
  for r in $(seq "$runs"); do
    for tool in synscan nmap masscan; do
      id=$work-$tool-$r
      case $tool in
        synscan) run_tool "$id" -- "$home/synscan" "${v6[@]}" -Pn -n -p- $SYNSCAN_ARGS "$target" -oX "$out/$id.xml"
                 record "$work" "$tool" "$r" $(score xml "$out/$id.xml" "$target" 1-65535) ;;
        nmap)    run_tool "$id" -- nmap "${v6[@]}" -sS -Pn -n -p- "$target" -oX "$out/$id.xml"
                 record "$work" "$tool" "$r" $(score xml "$out/$id.xml" "$target" 1-65535) ;;
        masscan) with_keepalive run_tool "$id" -- masscan -p1-65535 "${mtarget[@]}" --rate "$MASSCAN_RATE" \
                   $(masscan_common) --adapter-ip "$src" "${mrouter[@]}" -oL "$out/$id.txt"
                 record "$work" "$tool" "$r" $(score masscan "$out/$id.txt" "$target" 1-65535) ;;
      esac
    done
  done
}

# ------------------------------------------------------------------ c: the /17, port 80

zmap_files() {
  # zmap's own config names /etc/zmap/blacklist.conf, which holds 198.18.0.0/15: give it an
  # empty config and blocklist, and an allowlist of the lab's range only.
  echo "# synscan bench: no defaults from /etc/zmap" >"$out/zmap.conf"
  : >"$out/zmap-blocklist"
  echo "$WIDE4" >"$out/zmap-allowlist"
}

zmap_base() {
  echo "-C $out/zmap.conf -b $out/zmap-blocklist -w $out/zmap-allowlist -i $SCAN_IF -S $SCAN4 --source-mac $SMAC"
}

wide() {
  local r tool id
  zmap_files
  for r in $(seq "$runs"); do
    for tool in synscan nmap masscan zmap; do
      id=c-$tool-$r
      case $tool in
        synscan) run_tool "$id" -- "$home/synscan" -Pn -n -p80 $SYNSCAN_ARGS "$WIDE4" -oX "$out/$id.xml"
                 record c "$tool" "$r" $(score xml "$out/$id.xml" "$WIDE4" 80) ;;
        nmap)    run_tool "$id" -- nmap -sS -Pn -n -p80 --min-rate 100000 "$WIDE4" -oX "$out/$id.xml"
                 record c "$tool" "$r" $(score xml "$out/$id.xml" "$WIDE4" 80) ;;
        masscan) with_keepalive run_tool "$id" -- masscan -p80 "$WIDE4" --rate "$MASSCAN_RATE" $(masscan_common) \
                   --adapter-ip "$SCAN4" --router-mac "$TMAC" -oL "$out/$id.txt"
                 record c "$tool" "$r" $(score masscan "$out/$id.txt" "$WIDE4" 80) ;;
        zmap)    run_tool "$id" -- zmap -q $(zmap_base) -G "$TMAC" -p 80 -r "$ZMAP_RATE" -c "$ZMAP_COOLDOWN" \
                   -o "$out/$id.csv" -m "$out/$id.json" "$WIDE4"
                 record c "$tool" "$r" $(score zmap "$out/$id.csv" "$WIDE4" 80) ;;
      esac
    done
  done
}

# ------------------------------------------------------------------ d, e: rates from interface counters

# counted ID NS IFACE -- CMD...: samples IFACE in NS while run_tool runs CMD.
counted() {
  local id=$1 ns=$2 iface=$3; shift 4
  local samples=$out/$id.samples
  background ip netns exec "$ns" python3 "$bench/counters.py" "$iface" "$samples"
  local sampler=$last_bg i
  for i in $(seq 100); do [ -s "$samples" ] && break; sleep 0.02; done
  "$@"
  stop_bg "$sampler"
  read -r c_rx c_tx c_secs c_rxpps c_txpps < <(python3 "$bench/score.py" rate "$samples")
}

drops_of() {   # tool id -> pcap drops as the tool reports them, "-" when it does not
  case $1 in
    synscan) python3 "$bench/score.py" summary "$out/$2.out" | awk '{print $3}' ;;
    zmap) grep -o '"pcap_drop": *[0-9]*' "$out/$2.json" 2>/dev/null | tr -dc 0-9 || echo - ;;
    *) echo - ;;
  esac
}

sustained() {
  local rate r tool id found expected
  for r in $(seq "$runs"); do
    for rate in $RATES; do
      for tool in synscan masscan; do
        id=d-$tool-$rate-$r
        case $tool in
          synscan) counted "$id" "$TGT_NS" "$TGT_IF" -- run_tool "$id" -- "$home/synscan" -Pn -n -p"$SUSTAIN_PORTS" \
                     --rate "$rate" "$WIDE4" -oX "$out/$id.xml"
                   read -r found expected _ _ < <(score xml "$out/$id.xml" "$WIDE4" "$SUSTAIN_PORTS") ;;
          masscan) counted "$id" "$TGT_NS" "$TGT_IF" -- with_keepalive run_tool "$id" -- masscan -p"$SUSTAIN_PORTS" \
                     "$WIDE4" --rate "$rate" $(masscan_common) --adapter-ip "$SCAN4" --router-mac "$TMAC" -oL "$out/$id.txt"
                   read -r found expected _ _ < <(score masscan "$out/$id.txt" "$WIDE4" "$SUSTAIN_PORTS") ;;
        esac
        # work tool rate run wall rss cpu received-by-target replies-out seconds found expected drops
        printf 'd\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$rate" "$r" "$wall" "$rss" "$cpu" "$c_rx" "$c_tx" \
          "$c_secs" "$found" "$expected" "$(drops_of "$tool" "$id")" >>"$out/rates.tsv"
        say "d $tool --rate $rate run $r: target sent $c_tx replies in ${c_secs}s ($c_txpps/s), tool found" \
            "$found/$expected, ${cpu}s CPU"
      done
    done
  done
}

bare() {
  local r tool id
  zmap_files
  for r in $(seq "$runs"); do
    for tool in synscan masscan zmap; do
      id=e-$tool-$r
      case $tool in
        synscan) counted "$id" "$SCAN_NS" "$SCAN_IF" -- run_tool "$id" -- "$home/synscan" -T4 -Pn -n -p"$BARE_PORTS" \
                   --rate 100000000 --max-retries 0 --router-mac "$NOBODY_MAC" "$WIDE4" ;;
        masscan) counted "$id" "$SCAN_NS" "$SCAN_IF" -- with_keepalive run_tool "$id" -- masscan -p"$BARE_PORTS" "$WIDE4" \
                   --rate 100000000 $(masscan_common) --adapter-ip "$SCAN4" --router-mac "$NOBODY_MAC" -oL "$out/$id.txt" ;;
        zmap)    counted "$id" "$SCAN_NS" "$SCAN_IF" -- run_tool "$id" -- zmap -q $(zmap_base) -G "$NOBODY_MAC" -p 80 \
                   -P 16 -r 0 -T 2 -c 0 -o "$out/$id.csv" -m "$out/$id.json" "$WIDE4" ;;
      esac
      # frames the scanner's interface sent: c_tx over c_secs
      printf 'e\t%s\t-\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t-\t-\t-\n' "$tool" "$r" "$wall" "$rss" "$cpu" "$c_rx" "$c_tx" "$c_secs" \
        >>"$out/rates.tsv"
      say "e $tool run $r: $c_tx frames in ${c_secs}s ($c_txpps/s), ${cpu}s CPU"
    done
  done
}

# ------------------------------------------------------------------ g: time to first probe

first_probe() {
  local r tool id dump t0 first trace
  for r in $(seq "$FIRST_RUNS"); do
    for tool in synscan nmap masscan; do
      id=g-$tool-$r
      dump=$out/$id.pcaptxt
      : >"$dump.err"
      background ip netns exec "$TGT_NS" tcpdump -i "$TGT_IF" -n -l -c 1 -tt --time-stamp-precision=nano \
        'tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn' >"$dump" 2>"$dump.err"
      local td=$last_bg i
      for i in $(seq 250); do grep -q 'listening on' "$dump.err" && break; sleep 0.02; done
      t0=$(now_ns)
      case $tool in
        synscan) SYNSCAN_TRACE=1 run_tool "$id" -- "$home/synscan" -Pn -n -p80 "$TGT4" ;;
        nmap)    run_tool "$id" -- nmap -sS -Pn -n -p80 "$TGT4" ;;
        masscan) with_keepalive run_tool "$id" -- masscan -p80 "$TGT4" --rate 1000 $(masscan_common) \
                   --adapter-ip "$SCAN4" --router-mac "$TMAC" ;;
      esac
      for i in $(seq 100); do kill -0 "$td" 2>/dev/null || break; sleep 0.02; done
      stop_bg "$td"
      first=$(awk 'NR == 1 { split($1, a, "."); printf "%s%s", a[1], a[2] }' "$dump")
      trace=$(sed -n 's/^trace \([0-9.]*\) ms: scan start$/\1/p' "$out/$id.err" | head -n 1)
      if [ -n "$first" ]; then
        # work tool run wall rss cpu first-probe-ms synscan's own "scan start" ms
        printf 'g\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$r" "$wall" "$rss" "$cpu" \
          "$(awk -v a="$t0" -v b="$first" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')" "${trace:--}" >>"$out/first.tsv"
      else
        say "g $tool run $r: no SYN captured"
      fi
    done
  done
}

# ------------------------------------------------------------------ main

machine() {
  echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), kernel $(uname -r)," \
       "$(java -version 2>&1 | head -n 1), nmap $(nmap --version | awk 'NR == 1 {print $3}'), $(masscan --version 2>&1 |
       awk '/version/ {print "masscan " $3; exit}'), $(zmap --version 2>&1 | head -n 1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

machine | tee "$out/machine.txt" >&2
{ echo "runs=$runs works=$works"; echo "synscan: $SYNSCAN_ARGS; masscan --rate $MASSCAN_RATE --wait $MASSCAN_WAIT;" \
  "zmap -r $ZMAP_RATE -c $ZMAP_COOLDOWN; d rates: $RATES"; } >>"$out/machine.txt"
started=$(date +%s)
has_work a && one_host a 4 "$TGT4" "$SCAN4"
has_work b && one_host b 6 "$TGT6" "$SCAN6"
has_work c && wide
has_work d && sustained
has_work e && bare
has_work g && first_probe
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); took $(( $(date +%s) - started )) s" >>"$out/machine.txt"
python3 "$bench/report.py" "$out"
