#!/usr/bin/env bash
# Runs the pg_regress suite (make installcheck and, when ../shared/data/real
# is there, make installcheck-realdata: every test of the Makefile's REGRESS
# and REGRESS_REALDATA) against a throwaway PostgreSQL 15 server that runs under Valgrind
# memcheck, then reads Valgrind's logs.  Exits 1 when Valgrind reports an
# error whose stacks (where it happened, or where the uninitialised value
# came from) pass through indicator code: a frame in indicator.so or in a
# file of src/.  Exits 2 when there is none but the suite failed.
#
# Errors elsewhere (PostgreSQL itself, libc) are counted and listed but do
# not fail the run; test/valgrind.supp silences the known harmless ones.
# Debian's PostgreSQL is not built with USE_VALGRIND, so memcheck cannot see
# misuse inside memory contexts (reading a pfree'd chunk that the context
# keeps, reading past a palloc chunk into the rest of its block when that
# was written before); it does see reads and writes outside malloc'd and
# mmap'd memory and uses of bytes never written since malloc (unwritten
# padding included).  Leaks are not checked: PostgreSQL frees memory by
# dropping whole memory contexts.
#
# Usage: bash test/valgrind.sh        (as root; takes about 8 minutes)
# Environment:
#   VALGRIND_KEEP=1  keep the work directory (logs, cluster) even on success
#                    (it is always kept when errors in indicator code are found)
#   PG_CONFIG=.../pg_config  test that PostgreSQL (e.g. the private copy of
#                    tools/devenv.sh) instead of the system's: the extension
#                    must already be installed there (make install); the
#                    script then does not run tools/setup.sh, which installs
#                    into the system PostgreSQL
#   VALGRIND_ERROR_EXITCODE=128  make a backend with a Valgrind error exit
#                    with 128, which the postmaster treats as a crash (the
#                    buildfarm's way to turn errors into failing tests).  Off
#                    by default: the crash restart makes the next tests fail
#                    to connect, so they would go unchecked.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

realdata=1
if [ ! -d ../shared/data/real ]; then
	realdata=0
	echo "valgrind: ../shared/data/real not found: SKIPPING make installcheck-realdata (the tests on real data)" >&2
fi
if [ "$(id -u)" != 0 ]; then
	echo "valgrind: run as root (the server runs as user postgres)" >&2
	exit 1
fi

if [ -n "${PG_CONFIG:-}" ]; then
	bindir=$("$PG_CONFIG" --bindir)
	echo "valgrind: using $bindir (PG_CONFIG); indicator must be installed there already"
else
	bash tools/setup.sh
	bindir=/usr/lib/postgresql/15/bin
fi
bash tools/packages.sh valgrind

start=$(date +%s)
work=$(mktemp -d -t indicator-valgrind.XXXXXX)
chmod 755 "$work"
mkdir "$work/data" "$work/socket" "$work/vg" "$work/regress"
chown postgres: "$work/data" "$work/socket" "$work/vg"
port=$(bash tools/free_port.sh)
server_pid=
keep=${VALGRIND_KEEP:-0}

stop_server() {
	if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
		runuser -u postgres -- "$bindir/pg_ctl" -D "$work/data" -m fast -t 300 stop >/dev/null 2>&1 ||
			kill -TERM "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	server_pid=
}
# shellcheck disable=SC2317  # called by the trap
cleanup() {
	stop_server
	if [ "$keep" = 1 ]; then
		echo "valgrind: work directory kept: $work (Valgrind logs in vg/, server log server.log)"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# initdb runs natively: only the server that runs the tests is checked
runuser -u postgres -- "$bindir/initdb" -D "$work/data" -U postgres --auth=trust \
	--encoding=UTF8 --locale=C.UTF-8 >"$work/initdb.log"

# Settings for speed under Valgrind (every process runs some 20 to 50 times
# slower): small shared memory, no JIT (LLVM's generated code only adds
# noise), no autovacuum, no fsync.  Parallel query keeps its defaults, so the
# parallel test still gets its workers; each is a process under Valgrind too
# (that test alone takes over 3 minutes).  log_connections with %a in the
# prefix lets the report name the test (pg_regress/NAME) of each process.
runuser -u postgres -- valgrind \
	--tool=memcheck --trace-children=yes --track-origins=yes --read-var-info=yes \
	--num-callers=30 --error-limit=no --leak-check=no \
	--error-exitcode="${VALGRIND_ERROR_EXITCODE:-0}" --gen-suppressions=all \
	--error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END \
	--fullpath-after="$repo/" \
	--suppressions="$repo/test/valgrind.supp" \
	--log-file="$work/vg/%p.log" \
	"$bindir/postgres" -D "$work/data" -p "$port" -k "$work/socket" \
	-c listen_addresses= -c shared_buffers=16MB -c huge_pages=off -c jit=off \
	-c autovacuum=off -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
	-c log_connections=on -c log_line_prefix='%m [%p] %a ' \
	>"$work/server.log" 2>&1 &
server_pid=$!

export PGHOST="$work/socket" PGPORT="$port" PGUSER=postgres
# (pg_isready is asked once a second and its first "ready" is kept: asking
# again right after can time out, a backend under Valgrind being slow to
# start, which failed a run whose server was up)
ready=0
for _ in $(seq 1 300); do
	if "$bindir/pg_isready" -q -t 30; then
		ready=1
		break
	fi
	kill -0 "$server_pid" 2>/dev/null || break
	sleep 1
done
if [ $ready = 0 ]; then
	echo "valgrind: the server did not start under Valgrind; its log:" >&2
	cat "$work/server.log" >&2
	exit 1
fi
echo "valgrind: server (PID $server_pid) up under Valgrind after $(($(date +%s) - start)) s; running the suite"

# Results go to the work directory, not to results/ (another run may be
# reading those); series_io writes files into ./results through \copy.
mkdir -p results
suite=0
make -s PG_CONFIG="$bindir/pg_config" installcheck EXTRA_REGRESS_OPTS="--outputdir=$work/regress" || suite=$?
if [ $suite -ne 0 ] && [ -f "$work/regress/regression.diffs" ]; then
	head -c 20000 "$work/regress/regression.diffs"
fi
if [ $realdata = 1 ]; then
	mkdir -p "$work/regress-realdata"
	s=0
	make -s PG_CONFIG="$bindir/pg_config" installcheck-realdata \
		EXTRA_REGRESS_OPTS="--outputdir=$work/regress-realdata" || s=$?
	if [ $s -ne 0 ]; then
		suite=$s
		[ -f "$work/regress-realdata/regression.diffs" ] && head -c 20000 "$work/regress-realdata/regression.diffs"
	fi
fi
stop_server

# Read the logs.  With --error-markers every error report (its stack and the
# stack of its value's origin) stands between VALGRINDERROR-BEGIN and
# VALGRINDERROR-END lines; Valgrind prints a report once per distinct stack
# and counts repeats in the ERROR SUMMARY line at the process's exit.
python3 - "$work" "$repo" <<'EOF'
import collections, glob, os, re, sys

work, repo = sys.argv[1], sys.argv[2]
ours_re = re.compile(r"indicator\.so|\(src/[A-Za-z0-9_]+\.[ch]:\d+\)")

# which test each backend served: "connection authorized: ... application_name=pg_regress/NAME"
test_of = {}
for line in open(os.path.join(work, "server.log"), errors="replace"):
    m = re.search(r"\[(\d+)\] .*connection authorized: .*application_name=(\S+)", line)
    if m:
        test_of[m.group(1)] = m.group(2).removeprefix("pg_regress/")

logs = sorted(glob.glob(os.path.join(work, "vg", "*.log")))
occurrences = 0
reports = []        # (pid, text)
for path in logs:
    pid = os.path.basename(path)[:-4]
    text = open(path, errors="replace").read()
    sums = re.findall(r"ERROR SUMMARY: (\d+) errors", text)
    occurrences += int(sums[-1]) if sums else 0
    for block in re.findall(r"VALGRINDERROR-BEGIN\n(.*?)==\d+== VALGRINDERROR-END", text, re.S):
        reports.append((pid, re.sub(r"(?m)^==\d+== ?", "", block).rstrip()))

def frames(block):
    return [re.sub(r"^(at|by) 0x[0-9A-F]+: ", "", l.strip()) for l in block.splitlines()
            if re.match(r"\s+(at|by) 0x", l)]

def signature(block):
    """kind, the first frames of the error, the first indicator frame of its origin"""
    lines = block.splitlines()
    kind = lines[0]
    head = [f.split(" (")[0] for f in frames(block) if not f.startswith("???")][:4]
    origin = block.split("was created by", 1)
    ofr = [f for f in frames(origin[1]) if ours_re.search(f)][:1] if len(origin) > 1 else []
    return kind, " < ".join(head), ofr[0] if ofr else ""

mine = [(p, b) for p, b in reports if ours_re.search(b)]
other = [(p, b) for p, b in reports if not ours_re.search(b)]

print()
print(f"valgrind: {len(logs)} processes traced; {len(reports)} error reports "
      f"({occurrences} occurrences, ERROR SUMMARY lines), suppressions: test/valgrind.supp")
for title, group in (("outside indicator code (not failing the run)", other),
                     ("in indicator code", mine)):
    if not group:
        continue
    print(f"valgrind: {len(group)} reports {title}, by kind:")
    c = collections.Counter()
    tests = collections.defaultdict(set)
    for p, b in group:
        s = signature(b)
        c[s] += 1
        tests[s].add(test_of.get(p, "pid " + p))
    for (kind, head, org), n in c.most_common():
        print(f"  {n:4d} x {kind}")
        print(f"         at {head}")
        if org:
            print(f"         value from {org}")
        print(f"         tests: {', '.join(sorted(tests[(kind, head, org)]))}")
if mine:
    with open(os.path.join(work, "indicator-errors.txt"), "w") as f:
        for p, b in mine:
            f.write(f"--- pid {p} (test {test_of.get(p, '?')})\n{b}\n\n")
    p, b = mine[0]
    print(f"valgrind: the first report in indicator code (pid {p}, test {test_of.get(p, '?')}):")
    print("\n".join("  " + l for l in b.splitlines()))
    print(f"valgrind: all of them: {work}/indicator-errors.txt")
with open(os.path.join(work, "indicator-errors.count"), "w") as f:
    f.write(f"{len(mine)}\n")
EOF
ours=$(cat "$work/indicator-errors.count")

crashes=$(grep -Ec "terminated by signal|exited with exit code [^01]|PANIC" "$work/server.log" || true)
elapsed=$(($(date +%s) - start))
if [ "$crashes" -gt 0 ]; then
	echo "valgrind: the server log reports $crashes crashes or abnormal exits:"
	grep -m 20 -E "terminated by signal|exited with exit code [^01]|PANIC" "$work/server.log"
fi
echo "valgrind: regression suite $([ $suite -eq 0 ] && echo passed || echo FAILED) under Valgrind"
echo "valgrind: $ours errors in indicator code ($elapsed s)"

if [ "$ours" -gt 0 ]; then
	keep=1
	exit 1
fi
if [ $suite -ne 0 ] || [ "$crashes" -gt 0 ]; then
	exit 2
fi
exit 0
