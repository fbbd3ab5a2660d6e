#!/usr/bin/env bash
# Peak memory of reading a huge target list: `synscan -sL -iL FILE -p 80 >/dev/null` (sends nothing)
# under /usr/bin/time -v, for files of 1, 4 and 10 million lines, one IPv4 address per line, all
# distinct: the first N addresses of 10.0.0.0/8 in order ("sorted", they merge into one range as they
# are read) and the same addresses shuffled ("shuffled", a fixed seed: the ranges stay fragmented
# until about half are in). Then the worst case: every other address of 10.0.0.0/8, shuffled
# ("scattered": no two merge), 4 M lines (4 M ranges, under the cap of 4,194,304) and 10 M lines
# (over it: a one-line error, exit 2). Last, a --excludefile of the shuffled 4 M file taken from
# 10.0.0.0/8. Prints peak RSS (MB), wall time, the exit code and stderr's first line of each run.
#
#   bench/input-memory.sh [--sizes "1 4 10"] [--dir DIR]
#
# The files (~14 bytes a line, 140 MB for 10 M) are made once in DIR (default /tmp/synscan-input-bench)
# and kept for the next run. Uses ./synscan, so the JVM flags are the launcher's (-Xmx256m).
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
sizes="1 4 10"
dir=/tmp/synscan-input-bench
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) echo "usage: bench/input-memory.sh [--sizes \"1 4 10\"] [--dir DIR]" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "bench/input-memory.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
mkdir -p "$dir"

# N addresses from 10.0.0.0 up, in order or shuffled with a fixed seed (python: no shuf --random-source games)
make_list() {
  local millions=$1 order=$2 file=$3
  [ -s "$file" ] && return 0
  python3 - "$millions" "$order" "$file" <<'EOF'
import random, sys
n = int(sys.argv[1]) * 1_000_000
base = 10 << 24
idx = list(range(0, 2 * n, 2)) if sys.argv[2] == "scattered" else list(range(n))
if sys.argv[2] != "sorted":
    random.Random(14).shuffle(idx)
with open(sys.argv[3] + ".tmp", "w") as f:
    for chunk in range(0, n, 100_000):
        f.write("".join(f"{(base + i) >> 24}.{((base + i) >> 16) & 255}.{((base + i) >> 8) & 255}.{(base + i) & 255}\n"
                        for i in idx[chunk:chunk + 100_000]))
EOF
  mv "$file.tmp" "$file"
}

measure() {
  local label=$1
  shift
  local log="$dir/time.log" code=0
  /usr/bin/time -v -o "$log" "$home/synscan" "$@" >/dev/null 2>"$dir/stderr.log" || code=$?
  local rss wall
  rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$log")
  wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  printf '%-34s %8d MB %10s  exit %d  %s\n' "$label" $((rss / 1024)) "$wall" "$code" \
    "$(head -c 120 "$dir/stderr.log" | head -n 1)"
}

"$home/synscan" -sL 127.0.0.1 -p 80 >/dev/null # builds if needed, and makes the class-data archive
echo "synscan $(git -C "$home" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) CPUs, $(java -version 2>&1 | head -n 1)"
printf '%-34s %11s %10s\n' "run" "peak RSS" "wall"
measure "baseline: -sL 127.0.0.1" -sL 127.0.0.1 -p 80
for m in $sizes; do
  for order in sorted shuffled; do
    f="$dir/v4-${m}M-$order.txt"
    make_list "$m" "$order" "$f"
    measure "-iL ${m}M lines, $order" -sL -iL "$f" -p 80
  done
done
for m in 4 10; do
  f="$dir/v4-${m}M-scattered.txt"
  make_list "$m" scattered "$f"
  measure "-iL ${m}M lines, scattered" -sL -iL "$f" -p 80
done
f="$dir/v4-4M-shuffled.txt"
make_list 4 shuffled "$f"
measure "--excludefile 4M lines, shuffled" -sL 10.0.0.0/8 --excludefile "$f" -p 80
