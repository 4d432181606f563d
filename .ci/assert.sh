#!/usr/bin/env bash
# The extension built with its Assert()s compiled in (-DUSE_ASSERT_CHECKING;
# Debian's server is built without them, which does not matter to an
# extension's own assertions), installed into the system PostgreSQL 15, and
# the whole pg_regress suite run against it in a throwaway cluster
# (pg_virtualenv); regression.diffs is printed on failure.  The build has no
# JIT bitcode (with_llvm=no): the installed bitcode would be compiled
# without the assertions.  Afterwards the assert build is uninstalled again:
# the system holds no indicator files (the next step installs what it needs).
set -euo pipefail
cd "$(dirname "$0")/.."

pg_config=/usr/lib/postgresql/15/bin/pg_config
bash tools/packages.sh build-essential postgresql-15 postgresql-common postgresql-server-dev-15
export PATH="/usr/lib/postgresql/15/bin:$PATH"

# remove an earlier install, its JIT bitcode too (with_llvm=yes)
make -s PG_CONFIG=$pg_config uninstall
make -s PG_CONFIG=$pg_config clean
make -s PG_CONFIG=$pg_config COPT=-DUSE_ASSERT_CHECKING with_llvm=no
# the assertions are in: the library calls the server's assertion failure
if ! nm -D --undefined-only indicator.so | grep -w ExceptionalCondition >/dev/null; then
	echo "assert: indicator.so has no Assert() compiled in" >&2
	exit 1
fi
make -s PG_CONFIG=$pg_config with_llvm=no install >/dev/null

# make TARGET in a throwaway cluster; regression.diffs on failure
regress() {
	if PGPORT=$(bash tools/free_port.sh) pg_virtualenv -t make -s PG_CONFIG=$pg_config "$1"; then
		return 0
	fi
	[ -f regression.diffs ] && cat regression.diffs
	return 1
}
# the self-contained suite, then the tests on real data beside the
# repository (as test/run.sh: skipped when ../shared/data/real is missing)
status=0
regress installcheck || status=1
if [ -d ../shared/data/real ]; then
	regress installcheck-realdata || status=1
fi

make -s PG_CONFIG=$pg_config with_llvm=no uninstall
make -s PG_CONFIG=$pg_config clean
[ $status -eq 0 ] && echo "assert: the regression suite passes with assertions"
exit $status
