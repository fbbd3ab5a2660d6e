#!/usr/bin/env bash
# Runs synscan as an ordinary user that holds one capability, CAP_NET_RAW (raw and packet sockets:
# all synscan needs), instead of as root. The scan's JVM, its output files and anything it reads
# then belong to that user; the capability cannot spread (bounding set, no_new_privs; the launcher
# and the JVM start every other program without it; the JVM cannot be attached to). docs/security.md
#
#   sudo grant-capabilities.sh run [--user USER] [--] SYNSCAN-ARGS...
#        runs ./synscan SYNSCAN-ARGS as USER (default: the user who ran sudo) with CAP_NET_RAW in
#        its ambient set: kept across the launcher's exec of java, and nothing else
#   grant-capabilities.sh unit USER [SYNSCAN-ARGS...]
#        prints a systemd service that runs the scan as USER with AmbientCapabilities=CAP_NET_RAW
#        (for scheduled scans: save it as /etc/systemd/system/NAME.service)
#   sudo grant-capabilities.sh check USER
#        exits 2 with one line when USER could change what the scan runs with the capability: the
#        launcher, the checkout's target/ (jars, JNA's stub, the start-up archive), the JDK that
#        java on PATH leads to, bash, env, setpriv, a directory on PATH, or any directory above
#        them up to / (as OpenSSH's StrictModes checks a user's files); run and unit check first
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
  echo "usage: grant-capabilities.sh run [--user USER] [--] SYNSCAN-ARGS... | unit USER [SYNSCAN-ARGS...] | check USER" >&2
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

# --- What the capability runs, and who could change it ---------------------------------------------
# A user who can change a file the scan runs while holding CAP_NET_RAW (the launcher, a jar, the
# JDK, bash), or rename a directory above one, can make it run their own code with the capability:
# the grant would then be a grant to every program of theirs. So each of those files and
# directories, and every directory above them up to /, must be out of the user's reach. The kernel
# is asked, as the user: find's -writable is access(2), which counts groups, ACLs and read-only
# mounts; and an owner can always make a file writable. A sticky directory (/tmp) may be writable:
# its entries can then be replaced only by their owners, and the next one down is checked in turn.

# Sets the array "above" to PATHS, as written and as resolved, and every directory above each, once.
with_parents() {
  local p resolved=()
  local -A seen=()
  above=()
  [ $# -gt 0 ] || return 0
  mapfile -t resolved < <(readlink -m -- "$@")
  for p in "$@" "${resolved[@]}"; do
    while [ -z "${seen[$p]:-}" ]; do
      seen[$p]=1
      above+=("$p")
      [ "$p" != / ] || break
      p=${p%/*}
      p=${p:-/}
    done
  done
}

# Prints a command's path and each symbolic link it leads through to the file that runs.
links_of() {
  local p=$1 t n=0
  while :; do
    printf '%s\n' "$p"
    [ -L "$p" ] && [ "$n" -lt 40 ] || break
    t=$(readlink -- "$p")
    n=$((n + 1))
    case $t in /*) p=$t ;; *) p=${p%/*}/$t ;; esac
  done
}

# find, run as the user with no capabilities, in the C locale (its messages are parsed).
find_as() {
  LC_ALL=C setpriv --reuid "$uid" --regid "$gid" --init-groups --inh-caps=-all --bounding-set=-all \
    --no-new-privs -- find "$@"
}

# Refuses (exit 2) when the user can change one of PATHS (KIND single: each directory above a file
# is one of them) or, for KIND tree, anything below it; and, unless UNREADABLE is "ignore", when
# the user cannot read one, as then the scan cannot run. WHAT says what the paths are.
refuse_changeable() {
  local what=$1 kind=$2 unreadable=$3
  shift 3
  local paths=() p found err rc
  for p in "$@"; do [ -e "$p" ] || [ -L "$p" ] && paths+=("$p"); done
  [ ${#paths[@]} -gt 0 ] || return 0
  err=$(mktemp)
  if [ "$kind" = tree ]; then
    found=$(find_as -L "${paths[@]}" \( -user "$uid" -printf 'owns %p\n' -quit \) -o \
      \( -writable -printf 'can write %p\n' -quit \) 2>"$err") && rc=0 || rc=$?
  else
    found=$(find_as "${paths[@]}" -maxdepth 0 \( -user "$uid" -printf 'owns %p\n' -quit \) -o \
      \( -writable ! \( -type d -perm -1000 \) -printf 'can write %p\n' -quit \) 2>"$err") && rc=0 || rc=$?
  fi
  if [ -z "$found" ] && [ "$rc" -ne 0 ] && [ "$unreadable" != ignore ]; then
    found=$(head -n 1 "$err")
    rm -f "$err"
    die "$user cannot read all of $what, so the scan cannot run as $user (${found#find: })"
  fi
  rm -f "$err"
  [ -z "$found" ] ||
    die "$user $found ($what, run with CAP_NET_RAW): $user must not be able to change it or any directory above it (make them root's, writable by root alone; see docs/security.md)"
}

# Everything the scan runs with the capability, as run would start it with this PATH.
check_user() {
  local user=$1 uid gid home java real d cmd links=() above=() -
  set -f
  uid=$(id -u "$user")
  gid=$(id -g "$user")
  home=${launcher%/*}
  with_parents "$launcher"
  refuse_changeable "the checkout" single refuse "${above[@]}"
  refuse_changeable "the checkout" tree refuse "$home/target"

  java=$(command -v java) || die "java is not on PATH ($PATH): the scan could not start"
  mapfile -t links < <(links_of "$java")
  real=$(readlink -f -- "$java")
  with_parents "${links[@]}"
  refuse_changeable "the JDK that java on PATH leads to" single refuse "${above[@]}"
  real=${real%/*}
  refuse_changeable "the JDK that java on PATH leads to" tree refuse "${real%/*}"

  # The launcher runs as #!/usr/bin/env bash, and through setpriv; PATH finds every other program.
  links=()
  local IFS=:
  for d in $PATH; do
    case $d in /*) ;; *) die "PATH holds a relative directory (\"$d\"): the scan would run what the working directory holds" ;; esac
    links+=("$d")
  done
  unset IFS
  for cmd in /usr/bin/env "$(command -v bash)" "$(command -v setpriv)"; do
    mapfile -t -O ${#links[@]} links < <(links_of "$cmd")
  done
  with_parents "${links[@]}"
  # a directory the user cannot search is one the user cannot change anything in, and skips
  refuse_changeable "a directory on PATH, bash, env or setpriv" single ignore "${above[@]}"
}

check() {
  [ $# -eq 1 ] || usage
  local user
  user=$(target_user "$1")
  [ "$(id -u)" -eq 0 ] || die "only root can check as another user: sudo $0 check $user"
  command -v setpriv >/dev/null || die "setpriv is missing: install util-linux"
  check_user "$user"
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
  check_user "$user"
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
  # checked now when we can, and again (as root: "+") at every start, since the files may change
  if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then check_user "$user"; fi
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
ExecStartPre=+$here/grant-capabilities.sh check $user
ExecStart=$launcher ${args[*]}
AmbientCapabilities=CAP_NET_RAW
CapabilityBoundingSet=CAP_NET_RAW
NoNewPrivileges=yes
EOF
}

case ${1:-} in
  run) shift; run "$@" ;;
  unit) shift; unit "$@" ;;
  check) shift; check "$@" ;;
  -h|--help) sed -n '2,25s/^# \{0,1\}//p' "$0" ;;
  *) usage ;;
esac
