#!/usr/bin/env bash
# Inside the benchmark's cluster (see bench/run.sh): the IIP workload of
# issue 9 (bench/iip_workload.sql: 2,000 products x 120 months, 40
# industries), the queries of bench/iip_queries.sql timed with psql's
# \timing (output discarded) in REPEATS shuffled rounds after a warm-up
# (bench/rounds.sh); prints the median of each query and the median of the
# ratios within a round (bench/rounds.awk).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/rounds.sh
REPEATS=${REPEATS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS indicator"
echo
echo "== IIP: 2,000 products x 120 months = 240000 rows, 40 industries; $REPEATS rounds"
psql -X -q -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' -f bench/iip_workload.sql
psql -X -q -c CHECKPOINT

rounds_script bench/iip_queries.sql >"$work/run.sql"
psql -X -q -v ON_ERROR_STOP=1 -f "$work/run.sql" >"$work/out.txt"

awk -f bench/rounds.awk -f <(cat <<'AWK'
	END {
		printf "%-34s %10.1f ms\n", "scan (sum GROUP BY product)", median(times["scan"])
		printf "%-34s %10.1f ms   %6.2fx scan   goal <= 1.5x scan\n", "IIP, yoy, contributions: extension", median(times["iip_ext"]), ratio("iip_ext", "scan")
		printf "%-34s %10.1f ms   %6.2fx scan\n", "IIP, yoy, contributions: plain SQL", median(times["iip_sql"]), ratio("iip_sql", "scan")
		printf "%-34s %13s   %6.2fx        goal >= 3x\n", "plain SQL / extension", "", ratio("iip_sql", "iip_ext")
		printf "every timed run, ms, round 1 to %d:\n", rounds
		split("scan iip_ext iip_sql", order, " ")
		for (i = 1; i <= 3; i++) printf "  %-8s%s\n", order[i], times[order[i]]
	}
AWK
) "$work/out.txt"
