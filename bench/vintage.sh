#!/usr/bin/env bash
# The vintage benchmark (one of the speed goals in BENCHMARKS.md): vintage_agg
# over SERIES series x 120 months x 3 vintages (default 20,000: 7.2M rows,
# bench/vintage_workload.sql), against the bare scan of the vintage table
# and against series_agg over the rows DISTINCT ON picks (bench/vintage_queries.sql;
# none returns the series).  Goals: vintage_agg at most 1.8x the scan, and
# at least 2x faster than the DISTINCT ON way.
#
#   bash bench/vintage.sh [SERIES]
#   REPEATS=5 bash bench/vintage.sh 20000
#
# Runs in the server that PG* names, with the extension installed there
# (for example a private cluster from tools/devenv.sh: never the system's
# while others test against it); loads the table once, checks that
# vintage_agg and the DISTINCT ON way build the same series, then times the
# three queries with psql's \timing (output discarded) in REPEATS shuffled
# rounds after a warm-up (bench/rounds.sh), at each of SETTINGS, session
# settings (default: all three, in turn):
#   bench     one backend, no parallel workers, no JIT, work_mem 256MB
#   defaults  PostgreSQL's defaults (parallel query on, work_mem 4MB)
#   work_mem_64MB  the defaults with work_mem 64MB (what docs/performance.md
#             suggests for vintage_agg over tens of thousands of series)
# shared_buffers is the server's own (128MB in tools/devenv.sh's cluster).
# Prints the medians and the median of the ratios within a round
# (bench/rounds.awk).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/rounds.sh
REPEATS=${REPEATS:-3}
series=${1:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS indicator"
echo "PostgreSQL: $(psql -X -A -t -c 'SELECT version()')"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== vintages: $series series x 120 months x 3 vintages = $((series * 360)) rows; $REPEATS rounds"
psql -X -q -v ON_ERROR_STOP=1 -v series="$series" -c 'SET client_min_messages = warning' -f bench/vintage_workload.sql
psql -X -q -c CHECKPOINT
echo "table: $(psql -X -A -t -c "SELECT pg_size_pretty(pg_table_size('v'))"), shared_buffers $(psql -X -A -t -c 'SHOW shared_buffers')"

# the two ways build the same series (a ratio of wrong answers means nothing)
psql -X -q -A -t -v ON_ERROR_STOP=1 <<'SQL' | sed 's/^/vintage_agg and DISTINCT ON, series that differ: /'
SELECT count(*) FROM (SELECT series, vintage_agg(period, value, vintage) AS s FROM v GROUP BY series) a
FULL JOIN (SELECT series, series_agg(period, value) AS s
		   FROM (SELECT DISTINCT ON (series, period) series, period, value FROM v
				 ORDER BY series, period, vintage DESC) d GROUP BY series) b USING (series)
WHERE a.s::text IS DISTINCT FROM b.s::text;
SQL

for settings in ${SETTINGS:-bench defaults work_mem_64MB}; do
	case $settings in
		bench) sets=$'SET max_parallel_workers_per_gather = 0;\nSET jit = off;\nSET work_mem = \'256MB\';' ;;
		defaults) sets=$'RESET max_parallel_workers_per_gather;\nRESET jit;\nRESET work_mem;' ;;
		work_mem_64MB) sets=$'RESET max_parallel_workers_per_gather;\nRESET jit;\nSET work_mem = \'64MB\';' ;;
		*) echo "vintage.sh: unknown SETTINGS \"$settings\" (bench, defaults, work_mem_64MB)" >&2; exit 1 ;;
	esac
	{
		echo "$sets"
		rounds_script bench/vintage_queries.sql
	} >"$work/run.sql"
	echo
	echo "=== settings: $settings ($(psql -X -q -A -t -c "$sets" -c "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings WHERE name IN ('work_mem', 'max_parallel_workers_per_gather', 'jit')"))"
	psql -X -q -v ON_ERROR_STOP=1 -f "$work/run.sql" >"$work/out.txt"
	awk -f bench/rounds.awk -f <(cat <<'AWK'
	END {
		printf "%-34s %10.1f ms\n", "scan (sum GROUP BY series)", median(times["scan"])
		printf "%-34s %10.1f ms   %6.2fx scan   goal <= 1.8x scan\n", "vintage_agg", median(times["vintage_agg"]), ratio("vintage_agg", "scan")
		printf "%-34s %10.1f ms   %6.2fx scan\n", "series_agg over DISTINCT ON", median(times["distinct_on"]), ratio("distinct_on", "scan")
		printf "%-34s %13s   %6.2fx        goal >= 2x\n", "DISTINCT ON / vintage_agg", "", ratio("distinct_on", "vintage_agg")
		printf "every timed run, ms, round 1 to %d:\n", rounds
		split("scan vintage_agg distinct_on", order, " ")
		for (i = 1; i <= 3; i++) printf "  %-12s%s\n", order[i], times[order[i]]
	}
AWK
	) "$work/out.txt"
done
