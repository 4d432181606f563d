#!/usr/bin/env bash
# Inside the benchmark's cluster (see bench/run.sh): R3 on the quarterly
# twin of the workload (bench/quarterly_workload.sql: 20,000 series x 40
# quarters), the queries of bench/quarterly_queries.sql timed with psql's
# \timing (output discarded) in REPEATS shuffled rounds after a warm-up
# (bench/rounds.sh); prints the medians and the median of the ratios within
# a round (bench/rounds.awk).  First checks that the extension and the
# plain SQL give the same rows.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/rounds.sh
REPEATS=${REPEATS:-3}
series=${QUARTERLY_SERIES:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS indicator"
echo
echo "== quarterly: $series series x 40 quarters = $((series * 40)) rows; $REPEATS rounds"
psql -X -q -v ON_ERROR_STOP=1 -v series="$series" -c 'SET client_min_messages = warning' -f bench/quarterly_workload.sql
psql -X -q -c CHECKPOINT

vars=$'\\set as_of 2020-06-01\n\\set year 2020'
# the two R3 queries agree, row for row (a ratio of wrong answers means
# nothing): numeric columns exactly, percentages to a relative 1e-12
{
	echo "$vars"
	echo "SELECT count(*) AS differing_rows FROM ($(bash bench/query.sh r3_ext bench/quarterly_queries.sql | tr -d ';')) e"
	echo "FULL JOIN ($(bash bench/query.sh r3_sql bench/quarterly_queries.sql | tr -d ';')) p USING (series)"
	echo "WHERE e.ytd IS DISTINCT FROM p.ytd OR e.projected IS DISTINCT FROM p.projected"
	echo "   OR e.required_per_quarter IS DISTINCT FROM p.required_per_quarter"
	echo "   OR (e.ytd_growth_pct IS NULL) <> (p.ytd_growth_pct IS NULL)"
	echo "   OR abs(e.ytd_growth_pct - p.ytd_growth_pct) > 1e-12 * abs(p.ytd_growth_pct)"
	echo "   OR (e.progress_pct IS NULL) <> (p.progress_pct IS NULL)"
	echo "   OR abs(e.progress_pct - p.progress_pct) > 1e-12 * abs(p.progress_pct);"
} >"$work/check.sql"
psql -X -q -A -t -v ON_ERROR_STOP=1 -f "$work/check.sql" | sed 's/^/R3 extension and plain SQL, rows that differ: /'

{
	echo "$vars"
	rounds_script bench/quarterly_queries.sql
} >"$work/run.sql"
psql -X -q -v ON_ERROR_STOP=1 -f "$work/run.sql" >"$work/out.txt"

awk -f bench/rounds.awk -f <(cat <<'AWK'
	END {
		printf "%-34s %10.1f ms\n", "scan (sum GROUP BY series)", median(times["scan"])
		printf "%-34s %10.1f ms   %6.2fx scan   goal <= 1.3x scan\n", "R3 quarterly, extension", median(times["r3_ext"]), ratio("r3_ext", "scan")
		printf "%-34s %10.1f ms   %6.2fx scan\n", "R3 quarterly, plain SQL", median(times["r3_sql"]), ratio("r3_sql", "scan")
		printf "%-34s %13s   %6.2fx        goal <= 1x\n", "R3 extension / plain SQL", "", ratio("r3_ext", "r3_sql")
		printf "every timed run, ms, round 1 to %d:\n", rounds
		split("scan r3_ext r3_sql", order, " ")
		for (i = 1; i <= 3; i++) printf "  %-8s%s\n", order[i], times[order[i]]
	}
AWK
) "$work/out.txt"
