#!/usr/bin/env bash
# Micro-benchmarks of the per-probe path, in ns/op (plain harness: best of 7 rounds of 2,000,000
# operations each, so the JIT warm-up falls in the first rounds):
#   org.synscan.probe.ProbeBench  SipHash cookie, probe build (template copy + cookie + patch +
#                                 incremental checksums) per kind, reply parse + classify per shape
#   org.synscan.net.PcapBench     libpcap inject and capture on a veth pair in a namespace of its
#                                 own (ssnet-bench, no addresses, frames of a local ethertype);
#                                 root only, skipped with --no-pcap or when not root
#
#   bench/micro.sh [--no-pcap]
#
# Compiles the test classes (mvn test-compile) in this clone first.
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
pcap=1
case ${1:-} in
  --no-pcap) pcap=0 ;;
  "") ;;
  *) echo "usage: bench/micro.sh [--no-pcap]" >&2; exit 2 ;;
esac
cd "$home"
mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >&2
cp="target/classes:target/test-classes:$(cat target/bench-cp.txt)"
java_opts=(-Xms64m -Xmx256m -XX:+UseSerialGC)
echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(java -version 2>&1 | head -n 1)," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== org.synscan.probe.ProbeBench"
java "${java_opts[@]}" -cp "$cp" org.synscan.probe.ProbeBench
if [ "$pcap" = 1 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "== org.synscan.net.PcapBench"
    java "${java_opts[@]}" -cp "$cp" org.synscan.net.PcapBench
  else
    echo "== org.synscan.net.PcapBench skipped: needs root (namespaces, raw sockets)"
  fi
fi
