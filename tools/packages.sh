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

# A fresh machine may still be running its first unattended upgrade: wait
# for it (up to 10 minutes) rather than fail.  DPkg::Lock::Timeout makes
# apt-get wait for dpkg's lock; the package lists' lock, which a concurrent
# "apt-get update" holds, is not covered by it on every apt, so a failed
# update that says "Could not get lock" is tried again every 10 seconds.
wait=600
for ((waited = 0; ; waited += 10)); do
	if out=$(apt-get -o DPkg::Lock::Timeout=$wait update -qq 2>&1); then
		break
	fi
	case $out in
	*"Could not get lock"*) ;;
	*) printf '%s\n' "$out" >&2; exit 1 ;;
	esac
	if [ $waited -ge $wait ]; then
		printf '%s\n' "$out" >&2
		echo "packages: another apt still holds its lock after ${wait} s" >&2
		exit 1
	fi
	[ $waited -gt 0 ] || echo "packages: another apt is running; waiting for it to finish" >&2
	sleep 10
done
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=$wait install -y -qq "${missing[@]}" >/dev/null
