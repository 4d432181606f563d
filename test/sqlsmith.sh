#!/usr/bin/env bash
# Fuzzes a throwaway PostgreSQL 15 server that has indicator installed with
# sqlsmith's random queries, then checks that no query crashed the server.
#
# The database holds real monthly data (../shared/data/real), a table of
# indicator_series built from it (numeric and float8 kinds, with missing
# months, plus edge cases: one month, the first and last years a series may
# hold, a sparse 999-year span) and materialized views over the accessors,
# so that the random queries find columns of indicator_series, date and
# numeric to feed indicator's functions.  --exclude-catalog keeps sqlsmith's
# FROM clauses on these tables (functions still come from everywhere).
# sqlsmith connects as a role without superuser rights.
#
# Usage: bash test/sqlsmith.sh [QUERIES]     (as root; QUERIES default 3000)
# Environment:
#   SQLSMITH_SEED=N   sqlsmith's random seed (default: random, printed)
#   SQLSMITH_KEEP=1   keep the work directory (queries, server log); it is
#                     always kept after a crash
# Exit status: 0 no crash; 1 a crash (a backend killed by a signal, PANIC,
# the server down, or a broken connection seen by sqlsmith) or a setup error.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = --in-cluster ]; then
	###########################################################################
	# Inside pg_virtualenv: PGHOST, PGPORT, PGUSER (postgres), PGPASSWORD set
	###########################################################################
	# SQLSMITH_LOGFILE: the server log of a cluster not made by pg_virtualenv
	logfile=${SQLSMITH_LOGFILE:-$(pg_lsclusters -h | awk '$2 == "regress" { print $7 }')}
	psql -X -q -v ON_ERROR_STOP=1 -d postgres <<-'SQL'
		ALTER SYSTEM SET log_line_prefix = '%m [%p] %e %q%u@%d ';
		SELECT pg_reload_conf() \g /dev/null
		CREATE ROLE smith LOGIN PASSWORD 'smith';
		-- a fallback: sqlsmith sets its own statement_timeout
		ALTER ROLE smith SET statement_timeout = '5s';
		CREATE DATABASE smith OWNER smith;
	SQL
	# sqlsmith reads the functions it may call from an unqualified pg_proc.
	# A view of that name earlier in smith's search_path narrows them: every
	# function outside pg_catalog (indicator's are in public), and a fifth of
	# pg_catalog's, without the ones taking or returning pseudo-types
	# (anyrange, anymultirange, ...) that sqlsmith 1.4 cannot call correctly
	# on PostgreSQL 15.  Otherwise some 3,000 built-in functions crowd out
	# indicator's 37 and most queries fail on pseudo-types before running.
	psql -X -q -v ON_ERROR_STOP=1 -d smith <<-'SQL'
		CREATE EXTENSION indicator;
		CREATE SCHEMA fuzz;
		GRANT USAGE ON SCHEMA fuzz TO smith;
		CREATE VIEW fuzz.pg_proc AS
		SELECT p.* FROM pg_catalog.pg_proc p
		WHERE p.pronamespace <> 'pg_catalog'::regnamespace
		   OR (abs(hashtext(p.proname)) % 5 = 0
		       AND NOT EXISTS (SELECT FROM pg_catalog.pg_type t
		                       WHERE t.typtype = 'p'
		                         AND (t.oid = p.prorettype OR t.oid = ANY (p.proargtypes))));
		GRANT SELECT ON fuzz.pg_proc TO smith;
		ALTER ROLE smith SET search_path = fuzz, public, pg_catalog;
	SQL
	PGPASSWORD=smith psql -X -q -v ON_ERROR_STOP=1 -U smith -d smith <<-'SQL'
		SET datestyle = 'ISO, YMD';
		SET search_path = public;
		CREATE TABLE readings (series text, period date, value numeric,
		                       fvalue double precision, ivalue bigint);
		CREATE TEMP TABLE csv (series text, period date, value numeric);
		\copy csv FROM '../shared/data/real/forecast_gas.csv' (FORMAT csv, HEADER)
		\copy csv FROM '../shared/data/real/vega_unemployment_across_industries.csv' (FORMAT csv, HEADER)
		-- some months missing: every 37th row has no value, every 53rd no row
		INSERT INTO readings
		SELECT series, period, CASE WHEN n % 37 <> 0 THEN value END,
		       CASE WHEN n % 37 <> 0 THEN value::float8 / 7 END, value::bigint
		FROM (SELECT *, row_number() OVER (ORDER BY series, period) AS n FROM csv) c
		WHERE n % 53 <> 0;
		ANALYZE readings;

		CREATE TABLE series_store (series text PRIMARY KEY, s indicator_series,
		                           fs indicator_series, target numeric, fy_start_month int);
		INSERT INTO series_store
		SELECT series, series_agg(period, value), series_agg(period, fvalue),
		       round(sum(value) / count(DISTINCT extract(year FROM period)) * 1.05, 1),
		       1 + length(series) % 12
		FROM readings GROUP BY series;
		INSERT INTO series_store VALUES
		    ('one month', 'numeric {2021-06: 100.50}', 'float8 {2021-06: 1e-07}', 100, 7),
		    ('first year', 'numeric {0001-01: 1, 0001-02: NULL, 0001-03: -3.25}', 'float8 {0001-01: -0}', 0, 1),
		    ('last year', 'numeric {9999-10: 99999999999999999999999999999999999.999, 9999-11: NULL, 9999-12: 1}',
		     'float8 {9999-12: 1.7976931348623157e+308}', -1, 12),
		    ('all missing but one', 'numeric {2020-01: NULL, 2020-02: NULL, 2020-03: 0}', 'float8 {2020-01: NULL, 2020-02: 5e-324}', NULL, 4);
		INSERT INTO series_store
		SELECT 'sparse 999 years', series_agg(p, v), series_agg(p, v::float8), 1, 1
		FROM (VALUES (date '1001-01-01', 1.5), (date '1999-12-31', -2.5)) t(p, v);
		-- release 1.1: quarterly and yearly series (the frequency work), so
		-- that rebase, chain_link, contribution_pp, the comparisons and the
		-- wording functions get series of every frequency
		INSERT INTO series_store VALUES
		    ('quarterly', 'numeric {2019-Q1: 100, 2019-Q2: 101.5, 2019-Q3: NULL, 2019-Q4: 99, 2020-Q1: 104, 2020-Q2: 97.25, 2020-Q3: 103, 2020-Q4: 110}',
		     'float8 {2019-Q1: 100, 2019-Q2: 101.5, 2019-Q3: NULL, 2019-Q4: 99, 2020-Q1: 104, 2020-Q2: 97.25, 2020-Q3: 103, 2020-Q4: 110}', 400, 1),
		    ('quarterly edges', 'numeric {0001-Q1: 1, 0001-Q2: NULL}', 'float8 {9999-Q4: 1.7976931348623157e+308}', 1, 4),
		    ('yearly', 'numeric {2018: 90, 2019: 100, 2020: NULL, 2021: 120}', 'float8 {2018: 90, 2019: 100, 2020: NULL, 2021: 120}', 130, 1),
		    ('yearly edges', 'numeric {0001: -1, 0002: NULL, 0003: 1}', 'float8 {9999: 5e-324}', 0, 1);
		-- index_agg's inputs: a weight per series, and a table of states
		CREATE TABLE weights (series text, weight double precision);
		INSERT INTO weights SELECT series, 1 + length(series) % 5 FROM series_store;
		INSERT INTO weights VALUES ('one month', 0), ('quarterly', 1e-300), ('yearly', 1e300);
		CREATE MATERIALIZED VIEW index_states AS
		SELECT st.series, index_agg_transfn(NULL, st.fs, w.weight) AS state
		FROM series_store st JOIN weights w USING (series);

		CREATE TABLE plan (series text, year int, target numeric, method text, fy_start_month int);
		INSERT INTO plan
		SELECT series, y, target, (ARRAY['sum', 'avg', 'last'])[1 + y % 3], 1 + y % 12
		FROM series_store, generate_series(1995, 2024) y;

		CREATE MATERIALIZED VIEW series_facts AS
		SELECT st.series, r.period,
		       value_at(st.s, r.period) AS value, mom_pct(st.s, r.period) AS mom,
		       yoy_pct(st.s, r.period) AS yoy, ytd(st.s, r.period, st.fy_start_month) AS ytd,
		       ytd_growth_pct(st.s, r.period) AS ytd_growth,
		       annual(st.s, extract(year FROM r.period)::int) AS annual_sum,
		       annual_growth_pct(st.fs, extract(year FROM r.period)::int, 'avg') AS annual_growth,
		       attainment_pct(st.s, extract(year FROM r.period)::int, st.target) AS attainment,
		       ytd_attainment_pct(st.s, r.period, st.target) AS ytd_attainment,
		       expected_ytd_share_pct(st.s, r.period) AS expected_share,
		       projected_annual(st.s, r.period) AS projected,
		       projected_annual(st.fs, r.period, 'run_rate', 7) AS projected_run_rate,
		       required_monthly(st.s, r.period, st.target) AS required_monthly,
		       required_growth_rest_pct(st.s, r.period, st.target) AS required_growth_rest,
		       fiscal_year(r.period, st.fy_start_month) AS fiscal_year
		FROM series_store st JOIN readings r USING (series);
		CREATE MATERIALIZED VIEW series_summary AS
		SELECT series, s, first_month(s), last_month(s), month_count(s), missing_months(s),
		       indicator_series_send(s) AS bytes, s::text AS literal
		FROM series_store;
		CREATE MATERIALIZED VIEW series_table AS
		SELECT st.series, r.* FROM series_store st, series_rows(st.fs, st.fy_start_month) r;
		ANALYZE readings, series_store, plan, series_facts, series_summary, series_table,
		        weights, index_states;
	SQL
	log_start=$(stat -c %s "$logfile")

	echo "sqlsmith: $SQLSMITH_QUERIES queries, seed $SQLSMITH_SEED"
	set +e
	timeout $((120 + SQLSMITH_QUERIES)) sqlsmith \
		--target="host=$PGHOST port=$PGPORT dbname=smith user=smith password=smith" \
		--seed="$SQLSMITH_SEED" --max-queries="$SQLSMITH_QUERIES" --exclude-catalog \
		--dump-all-queries --verbose \
		>"$SQLSMITH_WORK/queries.sql" 2>"$SQLSMITH_WORK/sqlsmith.log"
	smith_status=$?
	set -e

	alive=yes
	psql -X -q -At -d smith -c "SELECT 1" >/dev/null 2>&1 || alive=no
	tail -c +$((log_start + 1)) "$logfile" >"$SQLSMITH_WORK/server.log"

	python3 - "$SQLSMITH_WORK" "$smith_status" "$alive" <<-'EOF'
		import collections, re, sys

		work, smith_status, alive = sys.argv[1], int(sys.argv[2]), sys.argv[3]
		queries = re.split(r";\n", open(f"{work}/queries.sql", errors="replace").read())
		queries = [q for q in queries if q.strip()]
		smith_log = open(f"{work}/sqlsmith.log", errors="replace").read()
		# one progress character per query: . ok, e error, t timeout, S (or s)
		# syntax error, C (or c) broken connection: the server went away
		progress = "".join(l for l in smith_log.splitlines() if re.fullmatch(r"[.a-zA-Z]+", l))
		progress = progress.replace("S", "s").replace("C", "c")
		server = open(f"{work}/server.log", errors="replace").read().splitlines()

		names = sorted(set(re.findall(r"^CREATE (?:FUNCTION|AGGREGATE) (\w+)\(",
		                              open("src/indicator.sql").read() +
		                              open("src/indicator--1.0--1.1.sql").read(), re.M)))
		call = re.compile(r"\b(" + "|".join(names) + r")\s*\(")
		reached = collections.Counter()
		ours = ours_ok = 0
		for i, q in enumerate(queries):
		    found = set(call.findall(q))
		    if found or "indicator_series" in q:
		        ours += 1
		        if i < len(progress) and progress[i] == ".":
		            ours_ok += 1
		    reached.update(found)

		classes = collections.Counter()
		messages = collections.Counter()
		internal = collections.Counter()
		for line in server:
		    m = re.search(r"\] ([0-9A-Z]{5}) smith@smith ERROR:  (.*)", line)
		    if m:
		        state, msg = m.groups()
		        classes[state[:2]] += 1
		        messages[f"{state} {msg[:110]}"] += 1
		        if state.startswith("XX"):
		            internal[msg] += 1
		crash_re = re.compile(r"terminated by signal|exited with exit code [^01]|PANIC|TRAP:|"
		                      r"terminating any other active server processes")
		crashes = [l for l in server if crash_re.search(l)]
		failed_query = [l for l in server if "Failed process was running" in l]

		kinds = collections.Counter(progress)
		print(f"sqlsmith: {len(queries)} queries generated, {len(progress)} run: "
		      f"{kinds['.']} ok, {kinds['e']} errors, {kinds['t']} timeouts, "
		      f"{kinds['s']} syntax errors, {kinds['c']} broken connections"
		      + "".join(f", {n} '{k}'" for k, n in kinds.items() if k not in ".etsc"))
		print(f"sqlsmith: {ours} queries call indicator functions or use indicator_series "
		      f"({ours_ok} of them ran without error)")
		print(f"sqlsmith: {len([n for n in names if reached[n]])} of {len(names)} indicator functions called; "
		      f"never called: {', '.join(n for n in names if not reached[n]) or 'none'}")
		print("sqlsmith: errors by SQLSTATE class (server log): " +
		      (", ".join(f"{c}xxx {n}" for c, n in sorted(classes.items())) or "none"))
		print("sqlsmith: most frequent errors:")
		for msg, n in messages.most_common(12):
		    print(f"  {n:5d}  {msg}")
		if internal:
		    print("sqlsmith: internal errors (XX class), worth a look:")
		    for msg, n in internal.most_common():
		        print(f"  {n:5d}  {msg}")
		if crashes or failed_query:
		    print("sqlsmith: CRASH lines in the server log:")
		    for l in crashes + failed_query:
		        print("  " + l[:2000])
		ncrash = len(crashes) + kinds["c"] + (alive != "yes")
		print(f"sqlsmith: server still up: {alive}; sqlsmith exit status {smith_status}")
		print(f"sqlsmith: crashes: {ncrash}")
		open(f"{work}/crashes", "w").write(f"{ncrash}\n")
	EOF
	exit 0
fi

###############################################################################
# Outside: install what is needed, then run the above in a throwaway cluster
###############################################################################
queries=${1:-3000}
case $queries in
'' | *[!0-9]*)
	echo "usage: bash test/sqlsmith.sh [QUERIES]" >&2
	exit 1
	;;
esac
for f in forecast_gas.csv vega_unemployment_across_industries.csv; do
	if [ ! -f "../shared/data/real/$f" ]; then
		echo "sqlsmith: ../shared/data/real/$f not found; the fuzzer loads the real data beside the repository" >&2
		exit 1
	fi
done
if [ "$(id -u)" != 0 ]; then
	echo "sqlsmith: run as root (it installs packages and starts a throwaway cluster)" >&2
	exit 1
fi

bash tools/setup.sh
bash tools/packages.sh sqlsmith

start=$(date +%s)
work=$(mktemp -d -t indicator-sqlsmith.XXXXXX)
export SQLSMITH_WORK=$work SQLSMITH_QUERIES=$queries
export SQLSMITH_SEED=${SQLSMITH_SEED:-$((RANDOM * 32768 + RANDOM))}

status=0
PGPORT=$(bash tools/free_port.sh) pg_virtualenv -t bash "$0" --in-cluster || status=$?
crashes=$(cat "$work/crashes" 2>/dev/null || echo "unknown")
echo "sqlsmith: $(($(date +%s) - start)) s"

if [ $status -ne 0 ] || [ "$crashes" != 0 ]; then
	echo "sqlsmith: FAILED (status $status, crashes $crashes); queries, sqlsmith's and the server's logs: $work" >&2
	echo "sqlsmith: rerun with SQLSMITH_SEED=$SQLSMITH_SEED bash test/sqlsmith.sh $queries" >&2
	exit 1
fi
if [ "${SQLSMITH_KEEP:-0}" = 1 ]; then
	echo "sqlsmith: work directory kept: $work"
else
	rm -rf "$work"
fi
exit 0
