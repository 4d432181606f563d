#!/usr/bin/env bash
# Installs the Debian packages named as arguments that are not installed
# yet (as root; otherwise says which are missing and fails).  The one place
# where the project's scripts install packages.
#   bash tools/packages.sh valgrind sqlsmith
set -euo pipefail

missing=()
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null || missing+=("$p")
done
[ ${#missing[@]} -gt 0 ] || exit 0
if [ "$(id -u)" != 0 ]; then
	echo "packages: missing ${missing[*]}; run as root to install them" >&2
	exit 1
fi
echo "packages: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
