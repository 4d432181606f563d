#!/usr/bin/env bash
# The Debian package in use: builds postgresql-15-indicator (.ci/debian.sh),
# installs it with dpkg -i into the system PostgreSQL 15, checks with
# dpkg -S that the package owns the library, its JIT bitcode, the control
# file and every install and upgrade script (and that no other indicator
# file is there), runs the regression suite against the installed package
# (debian/tests/installcheck: pg_buildext in a throwaway cluster, no make
# install), then purges it.  Files of an earlier make install (test/run.sh's)
# are removed first, so that what is tested is the package's.  The system then
# holds no indicator files.  Debian 12, as root.
set -euo pipefail
cd "$(dirname "$0")/.."

package=postgresql-15-indicator
pg_config=/usr/lib/postgresql/15/bin/pg_config
libdir=$($pg_config --pkglibdir)
extdir=$($pg_config --sharedir)/extension

# (installs what building needs, dpkg-dev among it)
bash .ci/debian.sh build/deb
version=$(dpkg-parsechangelog -l debian/changelog -S Version)

# indicator's files in the system PostgreSQL, whoever put them there
installed() {
	find "$libdir" "$extdir" \( -path "$libdir/bitcode/indicator/*" \
		-o -name indicator.so -o -name indicator.index.bc \
		-o -name 'indicator.control' -o -name 'indicator--*.sql' \) -type f | sort
}

# files of an earlier make install (another version's scripts too) belong
# to no package: remove them
make -s PG_CONFIG=$pg_config uninstall
for f in $(installed); do
	if ! dpkg -S "$f" >/dev/null 2>&1; then
		echo "package: removing $f (left by make install)"
		rm -f "$f"
	fi
done
if [ -n "$(installed)" ]; then
	echo "package: indicator files of another package are installed:" >&2
	installed >&2
	exit 1
fi

dpkg -i "build/deb/${package}_${version}_$(dpkg --print-architecture).deb"
trap 'dpkg --purge $package >/dev/null' EXIT

# what must be there: the library, the control file, the fresh install
# script and every upgrade script of the source tree
extversion=$(sed -n "s/^default_version = '\(.*\)'/\1/p" indicator.control)
expected=$({
	echo "$libdir/indicator.so"
	echo "$extdir/indicator.control"
	echo "$extdir/indicator--$extversion.sql"
	for u in src/indicator--*--*.sql; do echo "$extdir/$(basename "$u")"; done
} | sort)
status=0
missing=$(comm -23 <(echo "$expected") <(installed))
if [ -n "$missing" ]; then
	echo "package: not installed:" $missing >&2
	status=1
fi
for f in $(installed); do
	owner=$(dpkg -S "$f" 2>/dev/null | cut -d: -f1)
	if [ "$owner" != "$package" ]; then
		echo "package: $f is owned by '${owner:-no package}', not $package" >&2
		status=1
	fi
done
[ $status -eq 0 ] || exit 1
echo "package: $package owns the $(installed | wc -l) installed files:"
installed | sed 's/^/  /'

# the installed-package tests (autopkgtest), from the source tree; then the
# tests on real data beside the repository, if it is there
PGPORT=$(bash tools/free_port.sh) debian/tests/installcheck
if [ -d ../shared/data/real ]; then
	if ! PGPORT=$(bash tools/free_port.sh) pg_virtualenv -t \
		make -s PG_CONFIG=$pg_config installcheck-realdata; then
		[ -f regression.diffs ] && cat regression.diffs
		exit 1
	fi
	make -s PG_CONFIG=$pg_config clean
fi

dpkg --purge $package
trap - EXIT
if [ -n "$(installed)" ]; then
	echo "package: files left after dpkg --purge:" >&2
	installed >&2
	exit 1
fi
echo "package: built, installed, owned, tested and purged"
