#!/usr/bin/env bash
# Inside the benchmark's cluster (see bench/run.sh): for each size, load the
# workload, time the queries and print medians and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

as_of=2020-06-01
year=2020
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS indicator"
echo "PostgreSQL: $(psql -X -A -t -c 'SELECT version()')"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "settings: shared_buffers=2GB work_mem=256MB max_parallel_workers_per_gather=0 jit=off; $REPEATS interleaved rounds; median of each"

# the query names, in file order
names=($(sed -n 's/^-- name: //p' bench/queries.sql))

for series in "$@"; do
	rows=$((series * 120))
	echo
	echo "== $series series x 120 months = $rows rows"
	psql -X -q -v ON_ERROR_STOP=1 -v series="$series" -c 'SET client_min_messages = warning' -f bench/workload.sql
	psql -X -q -v ON_ERROR_STOP=1 -c 'DROP TABLE IF EXISTS r2_out' \
		-c "CREATE TABLE r2_out AS $(awk '/^-- name: / {on = ($3 == "r2_ext"); next} on && !/^--/' bench/queries.sql | tr -d ';')" \
		-c 'VACUUM ANALYZE r2_out'

	# one script: a warm-up round, then REPEATS rounds in rotated order
	script="$work/run.sql"
	{
		echo '\o /dev/null'
		echo "\\set as_of $as_of"
		echo "\\set year $year"
		for ((round = 0; round <= REPEATS; round++)); do
			for ((k = 0; k < ${#names[@]}; k++)); do
				name=${names[$(((k + round) % ${#names[@]}))]}
				[ $round -eq 0 ] && echo '\timing off' || echo '\timing on'
				echo "\\echo @@ $name"
				awk -v n="$name" '/^-- name: / {on = ($3 == n); next} on' bench/queries.sql
			done
		done
	} >"$script"
	psql -X -q -v ON_ERROR_STOP=1 -f "$script" >"$work/out.txt"

	# medians: "@@ name" then "Time: X ms" (timed rounds only)
	awk '
		/^@@ / { name = $2; next }
		/^Time: / && name != "" { t[name] = t[name] " " $2; name = "" }
		END { for (n in t) print n, t[n] }' "$work/out.txt" |
	while read -r name times; do
		echo "$name $(echo "$times" | tr ' ' '\n' | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')"
	done >"$work/medians.txt"

	awk -v rows="$rows" '
		{ med[$1] = $2 }
		function line(label, name, base, goal) {
			printf "%-34s %10.1f ms   %6.2fx %-6s %s\n", label, med[name], med[name] / med[base], base, goal
		}
		END {
			printf "%-34s %10s      %s\n", "query", "median", "ratio"
			printf "%-34s %10.1f ms\n", "scan (sum GROUP BY series)", med["scan"]
			printf "%-34s %10.1f ms   %6.2fx scan\n", "rows (SELECT * FROM m)", med["rows"], med["rows"] / med["scan"]
			line("R1 yearly summary, extension", "r1_ext", "scan", "goal <= 1.5x scan")
			line("R1 yearly summary, plain SQL", "r1_sql", "scan", "")
			line("R2 monthly report, extension", "r2_ext", "rows", "goal <= 2x rows")
			line("R2 monthly report, plain SQL", "r2_sql", "rows", "")
			line("R2 rows read from a table", "r2_out", "rows", "")
			line("R3 as-of dashboard, extension", "r3_ext", "scan", "goal <= 1.3x scan")
			line("R3 as-of dashboard, plain SQL", "r3_sql", "scan", "")
			printf "%-34s %25.2fx plain SQL (goal <= 1x)\n", "R3 extension / plain SQL", med["r3_ext"] / med["r3_sql"]
			printf "%-34s %10.3f us per row\n", "series_agg + R1, per input row", med["r1_ext"] * 1000 / rows
		}' "$work/medians.txt"

	# memory: the stored series, and the hash aggregation's peak per group
	psql -X -q -A -t -v ON_ERROR_STOP=1 <<'SQL'
SELECT format('stored series: %s bytes on average for 120 months = %s bytes per month',
			  round(avg(pg_column_size(s))), round(avg(pg_column_size(s)) / 120.0, 1))
FROM (SELECT series_agg(period, value) AS s FROM m GROUP BY series) x;
SQL
	for agg in "series_agg(period, value)" "sum(value)"; do
		psql -X -q -A -t -c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) SELECT series, $agg FROM m GROUP BY series" |
			awk -v agg="$agg" -v series="$series" '/Memory Usage/ {
				match($0, /Memory Usage: [0-9]+kB/); kb = substr($0, RSTART + 14, RLENGTH - 16);
				printf "hash aggregation of %-26s peak %8d kB = %6.0f bytes per group (%5.1f per month)\n", agg ":", kb, kb * 1024 / series, kb * 1024 / series / 120 }'
	done
done
