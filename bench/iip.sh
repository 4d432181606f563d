#!/usr/bin/env bash
# Inside the benchmark's cluster (see bench/run.sh): the IIP workload of
# issue 9 (bench/iip_workload.sql: 2,000 products x 120 months, 40
# industries), the queries of bench/iip_queries.sql timed with psql's
# \timing (output discarded) in REPEATS interleaved rounds after a warm-up,
# each round in its own shuffled order; prints the median of each query and
# the median of the ratios within a round.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS indicator"
echo
echo "== IIP: 2,000 products x 120 months = 240000 rows, 40 industries; $REPEATS rounds"
psql -X -q -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' -f bench/iip_workload.sql
psql -X -q -c CHECKPOINT

names=($(sed -n 's/^-- name: //p' bench/iip_queries.sql))
{
	echo '\o /dev/null'
	for ((round = 0; round <= REPEATS; round++)); do
		for name in $(printf '%s\n' "${names[@]}" |
			shuf --random-source=<(for i in $(seq 64); do echo "$round $i" | sha256sum; done)); do
			[ $round -eq 0 ] && echo '\timing off' || echo '\timing on'
			echo "\\echo @@ $round $name"
			bash bench/query.sh "$name" bench/iip_queries.sql
		done
	done
} >"$work/run.sql"
psql -X -q -v ON_ERROR_STOP=1 -f "$work/run.sql" >"$work/out.txt"

awk '
	function median(list,    a, n, i, j, x) {
		n = split(list, a, " ")
		for (i = 2; i <= n; i++) {
			x = a[i] + 0
			for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]
			a[j + 1] = x
		}
		return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	function ratio(name, base,    r, list) {
		list = ""
		for (r = 1; r <= rounds; r++) list = list " " t[r, name] / t[r, base]
		return median(list)
	}
	/^@@ / { round = $2; name = $3; next }
	/^Time: / && round > 0 && name != "" {
		t[round, name] = $2; times[name] = times[name] " " $2; name = ""
		if (round > rounds) rounds = round
	}
	END {
		printf "%-34s %10.1f ms\n", "scan (sum GROUP BY product)", median(times["scan"])
		printf "%-34s %10.1f ms   %6.2fx scan   goal <= 1.5x scan\n", "IIP, yoy, contributions: extension", median(times["iip_ext"]), ratio("iip_ext", "scan")
		printf "%-34s %10.1f ms   %6.2fx scan\n", "IIP, yoy, contributions: plain SQL", median(times["iip_sql"]), ratio("iip_sql", "scan")
		printf "%-34s %13s   %6.2fx        goal >= 3x\n", "plain SQL / extension", "", ratio("iip_sql", "iip_ext")
		printf "every timed run, ms, round 1 to %d:\n", rounds
		for (n in times) printf "  %-8s%s\n", n, times[n]
	}' "$work/out.txt"
