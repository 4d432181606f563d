#!/usr/bin/env bash
# Static analysis of indicator's C code (src/*.c): cppcheck, then
# clang-tidy with the checks chosen in .clang-tidy (why each left-out check
# is left out is written there).  Exits non-zero on any finding.
# Needs cppcheck and clang-tidy (Debian 12: apt-get install cppcheck
# clang-tidy); installs them when run as root and they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
[ -x "$PG_CONFIG" ] || PG_CONFIG=pg_config
server_include=$("$PG_CONFIG" --includedir-server)

bash tools/packages.sh cppcheck clang-tidy

status=0

# one header per file, and no circle of files including each other's headers
echo "lint: include cycles"
python3 tools/include_cycles.py src || status=1

# cppcheck: findings in the server's headers are not ours (it misreads
# their NAN casts); toomanyconfigs only says it checked 12 of the headers'
# #ifdef combinations (our own code has no conditional compilation).
echo "lint: cppcheck"
cppcheck --quiet --enable=warning,performance,portability --error-exitcode=1 \
	--inline-suppr --suppress=missingIncludeSystem --suppress=toomanyconfigs \
	"--suppress=*:$server_include/*" \
	-I src -I "$server_include" src/*.c || status=1

# clang-tidy, one process per file: clang-tidy 14 given several files in one
# run carries analyzer state from one to the next and reports a va_list
# in series_parse.c's fail() as uninitialized (it is not; alone, no report).
# The flags are those of the build that matter to analysis, and its -W set
# (clang's -W findings come out as clang-diagnostic-*).
echo "lint: clang-tidy"
tidy_one() {
	local out rc=0
	out=$(clang-tidy --quiet "$1" -- -std=gnu99 -D_GNU_SOURCE -fwrapv \
		-Wall -Wextra -Wmissing-prototypes -Wpointer-arith \
		-Wdeclaration-after-statement -Wimplicit-fallthrough \
		-I src -isystem "$SERVER_INCLUDE" 2>&1) || rc=$?
	# drop the counts ("54 warnings generated."): those are the server's
	# headers' warnings, which clang-tidy suppresses
	grep -v -E '^[0-9]+ (warning|error)s?( and [0-9]+ (warning|error)s?)? (generated|treated as errors)\.?$' <<<"$out" || true
	return $rc
}
export -f tidy_one
export SERVER_INCLUDE=$server_include
# shellcheck disable=SC2016 # $1 is for the inner bash
printf '%s\n' src/*.c |
	xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} bash -c 'tidy_one "$1"' _ {} || status=1

if [ $status -ne 0 ]; then
	echo "lint: findings above" >&2
	exit $status
fi
echo "lint: no findings (cppcheck, clang-tidy)"
