#!/usr/bin/env bash
# Installs what synscan needs, and only what is missing, so a repeated run returns at once.
#
#   install-deps.sh            libpcap (to run synscan)
#   install-deps.sh --build    also a JDK 17 and Maven (to build it)
#   install-deps.sh --lab      also what the namespace lab (synscan demo) needs: iproute2,
#                              iptables, python3, procps
#   install-deps.sh --test     also the test suite's tools: the lab's, and nmap, ndiff,
#                              tcpdump, xmllint (libxml2-utils), vagrant (and on Debian/Ubuntu
#                              and Fedora its libvirt plugin) to validate the Vagrantfile
#   install-deps.sh --check    install nothing: list what is missing, exit 1 if anything is
#
# Debian/Ubuntu (apt), Fedora/RHEL (dnf), Arch (pacman), macOS (brew). Prints each step.
set -euo pipefail

build=0 lab=0 test=0 check=0
for a in "$@"; do
  case $a in
    --build) build=1 ;;
    --lab) lab=1 ;;
    --test) test=1; lab=1 ;;
    --check) check=1 ;;
    -h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install-deps: unknown option $a (use --build, --lab, --test, --check)" >&2; exit 2 ;;
  esac
done

say() { echo "install-deps: $*"; }

if [ "$(uname -s)" = Darwin ]; then
  os=brew
elif command -v apt-get >/dev/null 2>&1; then
  os=apt
elif command -v dnf >/dev/null 2>&1; then
  os=dnf
elif command -v pacman >/dev/null 2>&1; then
  os=pacman
else
  say "no apt-get, dnf, pacman or brew here: install libpcap (and a JDK 17 and Maven to build) by hand"
  exit 1
fi

# ---------------------------------------------------------------- is it there already?

have() { command -v "$1" >/dev/null 2>&1; }

have_libpcap() {
  [ "$os" = brew ] && return 0 # macOS ships libpcap in the system
  { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep 'libpcap\.so' >/dev/null
}

have_jdk17() {
  have javac || return 1
  local v
  v=$(javac -version 2>&1 | sed -n 's/^javac \([0-9][0-9]*\).*/\1/p')
  [ -n "$v" ] && [ "$v" -ge 17 ]
}

# The plugin lets the tests validate the Vagrantfile's libvirt settings (no libvirt daemon needed).
have_vagrant_libvirt() {
  have vagrant && VAGRANT_CHECKPOINT_DISABLE=1 vagrant plugin list 2>/dev/null | grep '^vagrant-libvirt ' >/dev/null
}

# name | check | apt package | dnf package | pacman package | brew formula ("-": not there)
components() {
  echo "libpcap|have_libpcap|libpcap0.8|libpcap|libpcap|-"
  if [ "$build" = 1 ]; then
    echo "JDK 17|have_jdk17|openjdk-17-jdk-headless|java-17-openjdk-devel|jdk17-openjdk|openjdk@17"
    echo "Maven|have mvn|maven|maven|maven|maven"
  fi
  if [ "$lab" = 1 ]; then
    echo "iproute2 (ip)|have ip|iproute2|iproute|iproute2|-"
    echo "iptables|have iptables && have ip6tables|iptables|iptables-nft|iptables-nft|-"
    echo "python3|have python3 || [ -x /usr/bin/python3 ]|python3-minimal|python3|python|python3"
    echo "procps (sysctl, ps)|have sysctl && have ps|procps|procps-ng|procps-ng|-"
  fi
  if [ "$test" = 1 ]; then
    echo "nmap|have nmap|nmap|nmap|nmap|nmap"
    echo "ndiff|have ndiff|ndiff|nmap|nmap|nmap"
    echo "tcpdump|have tcpdump|tcpdump|tcpdump|tcpdump|-"
    echo "xmllint|have xmllint|libxml2-utils|libxml2|libxml2|libxml2"
    # vagrant validate and ruby -c on the Vagrantfile (the VMs themselves never boot in the tests)
    echo "vagrant|have vagrant && have ruby|vagrant|vagrant|vagrant|-"
    # packaged only for apt and dnf; elsewhere: vagrant plugin install vagrant-libvirt
    case $os in apt|dnf) echo "vagrant-libvirt|have_vagrant_libvirt|vagrant-libvirt|vagrant-libvirt|-|-" ;; esac
  fi
}

# the package column of this system: col APT DNF PACMAN BREW
col() {
  case $os in apt) echo "$1" ;; dnf) echo "$2" ;; pacman) echo "$3" ;; brew) echo "$4" ;; esac
}

missing_names=() packages=()
while IFS='|' read -r name test_cmd apt_pkg dnf_pkg pacman_pkg brew_pkg; do
  if eval "$test_cmd"; then
    say "$name: present"
    continue
  fi
  pkg=$(col "$apt_pkg" "$dnf_pkg" "$pacman_pkg" "$brew_pkg")
  if [ "$pkg" = "-" ]; then
    say "$name: missing, and not installable with $os (the namespace lab and its tests need Linux)"
    missing_names+=("$name")
    continue
  fi
  say "$name: missing (package $pkg)"
  missing_names+=("$name")
  # a package may cover two components (Fedora's nmap brings ndiff)
  case " ${packages[*]-} " in *" $pkg "*) ;; *) packages+=("$pkg") ;; esac
done < <(components)

if [ ${#missing_names[@]} -eq 0 ]; then
  say "nothing to install"
  exit 0
fi
if [ "$check" = 1 ]; then
  say "missing: ${missing_names[*]}"
  exit 1
fi
if [ ${#packages[@]} -eq 0 ]; then
  exit 1
fi

sudo_cmd=()
if [ "$os" != brew ] && [ "$(id -u)" -ne 0 ]; then
  have sudo || { say "not root and no sudo: run as root"; exit 1; }
  sudo_cmd=(sudo)
fi

run() { say "running: $*"; "$@"; }
# "${a[@]}" of an empty array is an error under set -u in bash 3.2 (macOS): expand it this way
sudo_run() { run ${sudo_cmd[@]+"${sudo_cmd[@]}"} "$@"; }

case $os in
  apt)
    sudo_run env DEBIAN_FRONTEND=noninteractive apt-get update -q
    sudo_run env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" ;;
  dnf) sudo_run dnf install -y "${packages[@]}" ;;
  pacman) sudo_run pacman -S --needed --noconfirm "${packages[@]}" ;;
  brew) run brew install "${packages[@]}" ;;
esac

# Say what is still missing (e.g. a JDK installed but not first on the PATH).
still=()
while IFS='|' read -r name test_cmd _; do
  eval "$test_cmd" || still+=("$name")
done < <(components)
if [ ${#still[@]} -gt 0 ]; then
  say "still missing after installing: ${still[*]}"
  exit 1
fi
say "done"
