#!/usr/bin/env bash
# The whole test suite, as the README gives it and as CI runs it: installs what the tests need
# (JDK 17, Maven, libpcap, iproute2, iptables, nmap, ...) and runs unit and integration tests.
# Integration tests build network namespaces, so run this as root; under CI they fail, not skip,
# when the lab cannot be built.
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$home"
if [ "$(id -u)" -eq 0 ]; then
  native-setup/install-deps.sh --build --test
else
  echo "test.sh: not root: skipping package installation; integration tests will be skipped (run with sudo for all)" >&2
fi
exec mvn -B verify "$@"
