#!/usr/bin/env bash
# Where the wall-clock time of the benchmark's queries goes: perf samples
# (the cpu-clock software event, which works where hardware counters do not,
# as in virtual machines) of the backend while it runs a query of
# bench/queries.sql twice, output discarded as in bench/run.sh.  Unlike the
# instruction counts of bench/profile.sh, this sees time in the kernel too:
# page faults on fresh memory, which is where memory-hungry plans lose time.
#
#   bash bench/perf.sh [SERIES [QUERY ...]]     default: 20000 scan r1_ext r3_ext
#   bash bench/perf.sh 20000 iip_scan iip_ext   the IIP (its workload is loaded too)
#
# Prints, per query, the share of samples by symbol (kernel symbols marked
# [k]) and the share spent under page faults.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = --inside ]; then
	shift
	series=$1
	shift
	psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS indicator"
	psql -X -q -v ON_ERROR_STOP=1 -v series="$series" -c 'SET client_min_messages = warning' \
		-f bench/workload.sql -f bench/iip_workload.sql -c CHECKPOINT
	work=$(mktemp -d)
	for name in "$@"; do
		{
			echo 'SELECT pg_backend_pid() AS pid \gset'
			echo '\setenv BACKEND :pid'
			echo "\\! perf record -q -F 999 -e cpu-clock -g -p \$BACKEND -o $work/$name.data >/dev/null 2>&1 & echo \$! >$work/perf.pid; sleep 1"
			echo '\o /dev/null'
			echo '\set as_of 2020-06-01'
			echo '\set year 2020'
			for _ in 1 2; do bash bench/query.sh "$name"; done
			echo '\o'
			echo "\\! kill -INT \$(cat $work/perf.pid); while kill -0 \$(cat $work/perf.pid) 2>/dev/null; do sleep 0.2; done"
		} >"$work/$name.sql"
		psql -X -q -v ON_ERROR_STOP=1 -f "$work/$name.sql"
		echo
		echo "== $name ($series series x 120 months, run twice)"
		perf report -i "$work/$name.data" --no-children --sort symbol -g none --stdio --percent-limit 1.5 2>/dev/null |
			awk '/%/ && shown++ < 20'
		perf report -i "$work/$name.data" --children --sort symbol -g none --stdio 2>/dev/null |
			awk '/\[k\] exc_page_fault[ \t]/ && !shown++ { printf "under page faults (kernel): %s of the samples\n", $1 }'
	done
	rm -rf "$work"
	exit 0
fi

series=${1:-20000}
shift || true
queries=("$@")
[ ${#queries[@]} -gt 0 ] || queries=(scan r1_ext r3_ext)
bash tools/setup.sh
bash tools/packages.sh linux-perf
export PGPORT=$(bash tools/free_port.sh)
pg_virtualenv -t \
	-o shared_buffers=2GB -o work_mem=256MB -o max_parallel_workers_per_gather=0 -o jit=off \
	bash bench/perf.sh --inside "$series" "${queries[@]}"
