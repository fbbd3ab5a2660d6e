#!/usr/bin/env bash
# Runs synscan as an ordinary user that holds one capability, CAP_NET_RAW (raw and packet sockets:
# all synscan needs), instead of as root. The scan's JVM, its output files and anything it reads
# then belong to that user; the capability cannot spread (bounding set, no_new_privs).
#
#   sudo grant-capabilities.sh run [--user USER] [--] SYNSCAN-ARGS...
#        runs ./synscan SYNSCAN-ARGS as USER (default: the user who ran sudo) with CAP_NET_RAW in
#        its ambient set: kept across the launcher's exec of java, and nothing else
#   grant-capabilities.sh unit USER [SYNSCAN-ARGS...]
#        prints a systemd service that runs the scan as USER with AmbientCapabilities=CAP_NET_RAW
#        (for scheduled scans: save it as /etc/systemd/system/NAME.service)
#
# Why not `setcap cap_net_raw+ep` on bin/java: a file capability makes the kernel start java in
# secure-execution mode, where glibc ignores LD_LIBRARY_PATH and expands $ORIGIN in java's RPATH
# only under trusted system directories, so a JDK in /opt or a home directory fails with
# "libjli.so: cannot open shared object file"; and every Java program on the machine would get
# raw sockets. Ambient capabilities have neither problem. Starting the scan needs root (sudo) once;
# the scan itself does not run as root. See docs/usage.md (Privileges).
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
launcher=$(dirname "$here")/synscan

die() { echo "grant-capabilities: $*" >&2; exit 2; }
usage() {
  echo "usage: grant-capabilities.sh run [--user USER] [--] SYNSCAN-ARGS... | unit USER [SYNSCAN-ARGS...]" >&2
  exit 2
}

# Resolves USER (default $SUDO_USER), refusing root: the point is a scan that is not root.
target_user() {
  local u=${1:-${SUDO_USER:-}}
  [ -n "$u" ] || die "say which user the scan runs as: --user USER (sudo sets it for you: sudo $0 run -- ...)"
  getent passwd "$u" >/dev/null || die "no such user: $u"
  [ "$(id -u "$u")" -ne 0 ] || die "$u is root; run synscan directly (sudo ./synscan ...) or name an ordinary user"
  echo "$u"
}

run() {
  local user="" home
  while [ $# -gt 0 ]; do
    case $1 in
      --user) user=${2:?--user needs a user name}; shift 2 ;;
      --user=*) user=${1#--user=}; shift ;;
      --) shift; break ;;
      *) break ;;
    esac
  done
  user=$(target_user "$user")
  [ "$(id -u)" -eq 0 ] || die "only root can hand out a capability: sudo $0 run --user $user -- $*"
  command -v setpriv >/dev/null || die "setpriv is missing: install util-linux"
  home=$(getent passwd "$user" | cut -d: -f6)
  # --init-groups: the user's own groups, not root's. The inheritable set must hold the capability
  # for the ambient one to be raised; the bounding set and no_new_privs keep it the only one, for
  # good, in every process the scan starts.
  exec env HOME="$home" USER="$user" LOGNAME="$user" \
    setpriv --reuid "$user" --regid "$(id -g "$user")" --init-groups \
      --inh-caps -all,+net_raw --ambient-caps -all,+net_raw --bounding-set -all,+net_raw --no-new-privs \
      -- "$launcher" "$@"
}

unit() {
  [ $# -ge 1 ] || usage
  local user args=() a
  user=$(target_user "$1")
  shift
  # systemd splits ExecStart= like a shell: quote what needs it
  for a in "$@"; do
    case $a in *[!A-Za-z0-9_./:,=+@%-]*|"") args+=("\"${a//\"/\\\"}\"") ;; *) args+=("$a") ;; esac
  done
  cat <<EOF
[Unit]
Description=synscan as $user with only CAP_NET_RAW
Documentation=file://$(dirname "$here")/docs/usage.md

[Service]
Type=oneshot
User=$user
ExecStart=$launcher ${args[*]}
AmbientCapabilities=CAP_NET_RAW
CapabilityBoundingSet=CAP_NET_RAW
NoNewPrivileges=yes
EOF
}

case ${1:-} in
  run) shift; run "$@" ;;
  unit) shift; unit "$@" ;;
  -h|--help) sed -n '2,19s/^# \{0,1\}//p' "$0" ;;
  *) usage ;;
esac
