#!/usr/bin/env bash
# Instruction counts of the benchmark's core queries under callgrind, for
# seeing where the time goes (BENCHMARKS.md).  Counts are repeatable whatever
# else the machine does; seconds are not.
#
#   bash bench/profile.sh [SERIES]        default 2000 series x 120 months
#
# Builds a cluster in a temporary directory, loads the workload, then runs
# each query once in single-user mode (postgres --single) under
# valgrind --tool=callgrind, and prints its instructions beyond those of
# "SELECT 1" (startup), and the ratio to the bare scan.  Each query consumes
# every column it computes (sum() over them), because the planner drops
# unused aggregate outputs of a subquery.  callgrind.out files stay in the
# directory it prints, for callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/.."
series=${1:-2000}

bash tools/setup.sh
bash tools/packages.sh valgrind
bin=/usr/lib/postgresql/15/bin
dir=$(mktemp -d -t indicator-profile.XXXXXX)
chown postgres "$dir"
run() { su postgres -s /bin/bash -c "$1"; }

run "$bin/initdb -D $dir/data -A trust >/dev/null"
run "$bin/pg_ctl -D $dir/data -o \"-p 5999 -k $dir -c listen_addresses=''\" -l $dir/log start >/dev/null"
run "psql -h $dir -p 5999 -X -q -d postgres -c 'CREATE EXTENSION indicator'"
run "psql -h $dir -p 5999 -X -q -d postgres -v ON_ERROR_STOP=1 -v series=$series -f bench/workload.sql"
run "$bin/pg_ctl -D $dir/data stop >/dev/null"

count() {
	local name=$1 sql=$2
	echo "SET max_parallel_workers_per_gather = 0; SET jit = off; SET work_mem = '256MB'; $sql" >"$dir/$name.sql"
	chown postgres "$dir/$name.sql"
	run "valgrind --tool=callgrind --callgrind-out-file=$dir/callgrind.out.$name $bin/postgres --single -D $dir/data postgres <$dir/$name.sql >/dev/null 2>$dir/$name.err"
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$dir/$name.err"
}

base=$(count startup "SELECT 1;")
declare -A ir
ir[scan]=$(count scan "SELECT sum(t) FROM (SELECT series, sum(value) AS t FROM m GROUP BY series) x;")
ir[rows]=$(count rows "SELECT sum(value), count(period), count(series) FROM m;")
ir[agg]=$(count agg "SELECT sum(month_count(s)) FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x;")
ir[r1]=$(count r1 "SELECT sum(a), sum(g), sum(p) FROM (SELECT annual(x.s, t.year) a, annual_growth_pct(x.s, t.year) g, attainment_pct(x.s, t.year, t.target) p FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x JOIN targets t USING (series)) z;")
ir[r2]=$(count r2 "SELECT sum(r.value), sum(r.mom_pct), sum(r.yoy_pct), sum(r.ytd), sum(r.ytd_growth_pct), count(r.period) FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x, series_rows(x.s) r;")
ir[r3]=$(count r3 "SELECT sum(a), sum(b), sum(c), sum(d), sum(e) FROM (SELECT ytd(x.s, '2020-06-01') a, ytd_growth_pct(x.s, '2020-06-01') b, ytd_attainment_pct(x.s, '2020-06-01', t.target) c, required_monthly(x.s, '2020-06-01', t.target) d, projected_annual(x.s, '2020-06-01') e FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x JOIN targets t ON t.series = x.series AND t.year = 2020) z;")

echo "callgrind, $series series x 120 months; instructions beyond startup ($base)"
for q in scan rows agg r1 r2 r3; do
	n=$((ir[$q] - base))
	awk -v q="$q" -v n="$n" -v scan="$((ir[scan] - base))" -v rows="$((ir[rows] - base))" \
		'BEGIN { printf "%-5s %14d instructions  %6.2fx scan  %6.2fx rows\n", q, n, n / scan, n / rows }'
done
echo "callgrind.out files: $dir"
