#!/usr/bin/env bash
# Builds the Debian package postgresql-15-indicator (debian/, pg_buildext)
# from the committed tree (HEAD), the way a Debian builder does:
# dpkg-buildpackage -us -uc -b in a temporary copy (git archive), since
# dpkg-buildpackage writes its results to the parent directory.  The build
# runs the regression suite against the staged files (dh_pgxs_test; skip
# it with DEB_BUILD_OPTIONS=nocheck).  The .deb, .buildinfo and .changes
# land in OUTDIR (default build/deb/ in the checkout, ignored by git).
#   bash .ci/debian.sh [OUTDIR]
# On Debian 12 as root it installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-build/deb}
bash tools/packages.sh build-essential dpkg-dev debhelper fakeroot git \
	postgresql-15 postgresql-common postgresql-server-dev-all

if ! git diff --quiet HEAD; then
	echo "debian: uncommitted changes are not in the package (it is built from HEAD)" >&2
fi
version=$(dpkg-parsechangelog -l debian/changelog -S Version)
src=indicator-${version%-*}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the test cluster's server runs as postgres and reads the staged files
chmod 755 "$tmp"
git archive --prefix="$src/" HEAD | tar -x -C "$tmp"
# the build's test cluster (pg_virtualenv) on a free port
(cd "$tmp/$src" && PGPORT=$(bash tools/free_port.sh) dpkg-buildpackage -us -uc -b)

mkdir -p "$out"
cp "$tmp"/*.deb "$tmp"/*.buildinfo "$tmp"/*.changes "$out/"
ls -l "$out"/*.deb
