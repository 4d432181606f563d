#!/usr/bin/env bash
# Inside the benchmark's cluster (see bench/run.sh): load the IIP workload
# and check its two queries against each other; for each size, load the
# workload, time the queries (the IIP's among them) and print medians and
# ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/rounds.sh

as_of=2020-06-01
year=2020
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS indicator"
echo "PostgreSQL: $(psql -X -A -t -c 'SELECT version()')"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "settings: $(psql -X -A -t -c "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit')"); $REPEATS interleaved rounds; median of each"

# the query names, in file order
names=($(sed -n 's/^-- name: //p' bench/queries.sql))

# The IIP workload (bench/iip_workload.sql) does not depend on the size: it
# is loaded once, checked once (the extension's and the plain SQL's answers
# must be the same numbers), and timed in every round beside the others.
psql -X -q -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' -f bench/iip_workload.sql
echo
echo "== the IIP: $(psql -X -A -t -c "SELECT format('%s products x %s months = %s rows (%s quantities NULL), %s four-digit industries under %s two-digit, base year 2015',
	count(DISTINCT product), count(DISTINCT period), count(*), count(*) - count(q),
	(SELECT count(*) FROM iip_ind4), (SELECT count(*) FROM iip_ind2)) FROM p")"
psql -X -A -t -v ON_ERROR_STOP=1 <<SQL
WITH a AS ($(bash bench/query.sh iip_ext | tr -d ';')),
b AS ($(bash bench/query.sh iip_sql | tr -d ';')),
ab AS (SELECT ind4, period, a.index::float8 AS a_index, b.index AS b_index, a.iip::float8 AS a_iip,
			  b.iip AS b_iip, a.iip_yoy_pct AS a_yoy, b.iip_yoy_pct AS b_yoy,
			  a.contribution_pp AS a_pp, b.contribution_pp AS b_pp,
			  a.ind4 IS NOT NULL AS in_a, b.ind4 IS NOT NULL AS in_b
	   FROM a FULL JOIN b USING (ind4, period)),
months AS (SELECT period, max(a_yoy) AS yoy, sum(a_pp) AS pp FROM ab GROUP BY period HAVING max(a_yoy) IS NOT NULL)
SELECT format('check, extension against plain SQL: %s and %s rows, %s in one only, %s with a different NULL; '
			  'max abs difference %s (index, IIP, yoy %%, pp); defined: %s indices, %s IIP, %s yoy, %s contributions',
			  count(*) FILTER (WHERE in_a), count(*) FILTER (WHERE in_b), count(*) FILTER (WHERE in_a <> in_b),
			  count(*) FILTER (WHERE (a_index IS NULL) <> (b_index IS NULL) OR (a_iip IS NULL) <> (b_iip IS NULL)
								  OR (a_yoy IS NULL) <> (b_yoy IS NULL) OR (a_pp IS NULL) <> (b_pp IS NULL)),
			  coalesce(max(greatest(abs(a_index - b_index), abs(a_iip - b_iip), abs(a_yoy - b_yoy),
									abs(a_pp - b_pp)))::text, 'none'),
			  count(a_index), count(a_iip), count(a_yoy), count(a_pp))
	   || E'\n'
	   || (SELECT format('check, the contributions add up to the IIP''s yoy growth: %s of %s months within 1e-9 (max difference %s)',
						 count(*) FILTER (WHERE abs(pp - yoy) < 1e-9), count(*), max(abs(pp - yoy)))
		   FROM months)
FROM ab;
SQL

for series in "$@"; do
	rows=$((series * 120))
	echo
	echo "== $series series x 120 months = $rows rows, values 1000 to 1000 + ${MAX_VALUE:-1e6}"
	psql -X -q -v ON_ERROR_STOP=1 -v series="$series" -v max_value="${MAX_VALUE:-1e6}" \
		-c 'SET client_min_messages = warning' -f bench/workload.sql
	# the monthly load's tables and the stores (bench/load_tables.sql)
	psql -X -q -v ON_ERROR_STOP=1 -f bench/load_tables.sql
	for report in r1 r2 r2ly; do
		psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS ${report}_out" \
			-c "CREATE TABLE ${report}_out AS $(bash bench/query.sh "${report}_ext" | tr -d ';')" \
			-c "VACUUM ANALYZE ${report}_out"
	done
	psql -X -q -c CHECKPOINT

	# a warm-up round, then REPEATS shuffled rounds (bench/rounds.sh)
	{
		echo "\\set as_of $as_of"
		echo "\\set year $year"
		rounds_script bench/queries.sql
	} >"$work/run.sql"
	psql -X -q -v ON_ERROR_STOP=1 -f "$work/run.sql" >"$work/out.txt"

	# medians and ratios (bench/rounds.awk parses the rounds)
	awk -v rows="$rows" -v names="${names[*]}" -f bench/rounds.awk -f <(cat <<'AWK'
		function line(label, name, base, goal) {
			printf "%-34s %10.1f ms   %6.2fx %-6s %s\n", label, median(times[name]), ratio(name, base), base, goal
		}
		# the median over rounds of (name - prev) / base within a round
		function step(label, name, prev, base,    r, list) {
			list = ""
			for (r = 1; r <= rounds; r++) list = list " " (t[r, name] - t[r, prev]) / t[r, base]
			printf "  %-32s %13s   %+6.2fx %s\n", label, "", median(list), base
		}
		function relative(label, name, base, goal) {
			printf "%-34s %13s   %6.2fx %-6s %s\n", label, "", ratio(name, base), base, goal
		}
		END {
			printf "%-34s %10s      %s\n", "query", "median", "median of the ratios within a round"
			printf "%-34s %10.1f ms\n", "scan (sum GROUP BY series)", median(times["scan"])
			line("rows (SELECT * FROM m)", "rows", "scan", "")
			line("R1 yearly summary, extension", "r1_ext", "scan", "goal <= 1.5x scan")
			line("R1 yearly summary, plain SQL", "r1_sql", "scan", "")
			line("R1 rows read from a table", "r1_out", "scan", "")
			line("R2 monthly report, extension", "r2_ext", "rows", "goal <= 2x rows")
			line("R2 monthly report, plain SQL", "r2_sql", "rows", "")
			line("R2 rows read from a table", "r2_out", "rows", "")
			relative("R2 extension / r2_out", "r2_ext", "r2_out", "goal <= 1.3x")
			line("R2 with last year's columns", "r2ly_ext", "rows", "")
			relative("R2 with last year's / r2ly_out", "r2ly_ext", "r2ly_out", "goal <= 1.5x")
			line("R1 as series x years (1.0's way)", "r1_years", "scan", "")
			line("R1 with annual_rows", "r1_rows", "scan", "goal <= 1.5x scan")
			line("R1 read from the store", "r1_store", "scan", "goal <= 0.5x scan")
			line("R1 from the store, annual_rows", "r1_store_rows", "scan", "")
			printf "%-34s %10.1f ms\n", "monthly load, plain table", median(times["load_plain"])
			line("monthly load, with a store", "load_store", "load_plain", "goal <= 3x load_plain")
			printf "%-34s %10.1f ms\n", "monthly load, vintage table", median(times["load_vintage_plain"])
			line("monthly load, vintage store", "load_vintage_store", "load_vintage_plain", "goal <= 3x load_vintage_plain")
			line("R3 as-of dashboard, extension", "r3_ext", "scan", "goal <= 1.3x scan")
			line("R3 as-of dashboard, plain SQL", "r3_sql", "scan", "")
			relative("R3 extension / plain SQL", "r3_ext", "r3_sql", "goal <= 1x")
			printf "%-34s %10.1f ms\n", "IIP scan (sum GROUP BY product)", median(times["iip_scan"])
			line("IIP, extension", "iip_ext", "iip_scan", "goal <= 1.5x iip_scan")
			line("IIP, plain SQL", "iip_sql", "iip_scan", "")
			relative("IIP plain SQL / extension", "iip_sql", "iip_ext", "goal >= 3x")
			printf "%-34s %10.3f us per row\n", "R2 extension, per input row", median(times["r2_ext"]) * 1000 / rows
			print "where R1 and R3 spend their time, step by step:"
			line("  the aggregation alone", "agg", "scan", "")
			step("R1: + the join to targets", "r1_join", "agg", "scan")
			step("R1: + the accessors", "r1_calc", "r1_join", "scan")
			step("R1: + returning the rows", "r1_ext", "r1_calc", "scan")
			step("R3: + the join to targets", "r3_join", "agg", "scan")
			step("R3: + the accessors", "r3_calc", "r3_join", "scan")
			step("R3: + returning the rows", "r3_ext", "r3_calc", "scan")
			line("  IIP: the product indices", "iip_rebase", "iip_scan", "")
			step("IIP: + index_agg to the total", "iip_total", "iip_rebase", "iip_scan")
			step("IIP: + the rows by month", "iip_ext", "iip_total", "iip_scan")
			printf "every timed run, ms, round 1 to %d:\n", rounds
			n = split(names, order, " ")
			for (i = 1; i <= n; i++) printf "  %-8s%s\n", order[i], times[order[i]]
		}
AWK
	) "$work/out.txt"

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
