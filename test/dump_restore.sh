#!/usr/bin/env bash
# Checks that indicator_series data survives the ways PostgreSQL moves data
# between databases: pg_dump -Fc with pg_restore, pg_dump -Fp replayed by
# psql, and COPY (FORMAT binary) out and back in.
#
# Runs INSIDE a throwaway cluster: PGHOST/PGPORT/PGUSER must already point at
# it, as pg_virtualenv sets them (test/run.sh calls it so), e.g.
#   PGPORT=$(bash tools/free_port.sh) pg_virtualenv -t bash test/dump_restore.sh
# It creates the database ir_src and the databases it restores into, and
# fingerprints each: md5 of the text form and of the binary (send) form of
# every stored series, and md5 of a materialized view's rows built on the
# accessors (pg_restore and the plain dump recompute the view by REFRESH
# MATERIALIZED VIEW, so its rows check the restored series and the
# functions under pg_dump's empty search_path too).  Any difference fails.
# A store kept by series_store (obs_store over the real rows) must come
# back equal to its source (series_store_check finds no key) with its
# triggers working: a month inserted after the restore reaches it.
set -euo pipefail
cd "$(dirname "$0")/.."

data=../shared/data/real
for f in forecast_gas.csv vega_unemployment_across_industries.csv; do
	if [ ! -f "$data/$f" ]; then
		echo "dump_restore: $data/$f not found" >&2
		exit 1
	fi
done
if [ -z "${PGPORT:-}" ]; then
	echo "dump_restore: PGPORT is not set; run me inside pg_virtualenv" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

src=ir_src
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

for db in "$src" ir_custom ir_plain ir_binary; do
	psql_q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db"
done
createdb "$src"

# --- the source database ---------------------------------------------------
psql_q -d "$src" <<SQL
CREATE EXTENSION indicator;

CREATE TABLE raw_obs (series text, period date, value numeric);
\copy raw_obs FROM '$data/forecast_gas.csv' (FORMAT csv, HEADER)
\copy raw_obs FROM '$data/vega_unemployment_across_industries.csv' (FORMAT csv, HEADER)

-- s: a series of the numeric kind (exact), f: one of the float8 kind (NULL
-- where a row has none), both_kinds: the two in an array, with a NULL.
CREATE TABLE store (
	id      integer PRIMARY KEY,
	name    text NOT NULL,
	s       indicator_series,
	f       indicator_series,
	both_kinds indicator_series[]
);

-- the real series: exact, and the same values as float8 divided by 7
-- (many decimals, not representable exactly)
INSERT INTO store (id, name, s, f)
SELECT row_number() OVER (ORDER BY series), series,
       series_agg(period, value),
       series_agg(period, value::float8 / 7)
FROM raw_obs GROUP BY series;

-- missing months: NULL values and absent rows inside the span, a NULL at
-- each edge of the span ('month' said: its values all fall on the first
-- month of a quarter, which without it is series_agg's WARNING)
INSERT INTO store (id, name, s, f)
SELECT 100, 'gaps', series_agg(p, v, 'month'), series_agg(p, v::float8, 'month')
FROM (VALUES ('2019-12-01'::date, NULL::numeric),
             ('2020-01-01', 1.5), ('2020-02-01', NULL), ('2020-04-01', -2.25),
             ('2020-07-31', 0), ('2021-01-15', 3), ('2021-03-01', NULL)) AS t(p, v);

-- the edges of the allowed years: 0001-01 and 9999-12
INSERT INTO store (id, name, s, f)
SELECT 101, 'year 1', series_agg(p, v), series_agg(p, v::float8)
FROM (SELECT ('0001-01-01'::date + make_interval(months => i))::date, (i * 1.25)::numeric
      FROM generate_series(0, 29) AS i) AS t(p, v);
INSERT INTO store (id, name, s, f)
SELECT 102, 'year 9999', series_agg(p, v), series_agg(p, v::float8)
FROM (SELECT ('9999-12-01'::date - make_interval(months => i))::date, (i - 10.5)::numeric
      FROM generate_series(0, 29) AS i) AS t(p, v);
INSERT INTO store (id, name, s, f) VALUES
	(103, 'single month year 1', 'numeric {0001-01: 7}', 'float8 {0001-01: 7}'),
	(104, 'single month 9999-12', 'numeric {9999-12: -0.001}', 'float8 {9999-12: 5e-324}');

-- many decimals: 38 significant digits at scale 20 (the int128 limit),
-- float8 extremes and shortest-repr awkward values
INSERT INTO store (id, name, s, f)
SELECT 105, 'decimals', series_agg(p, v), series_agg(p, w)
FROM (VALUES
	('2000-01-01'::date, 123456789012345678.12345678901234567890::numeric, 1.7976931348623157e308::float8),
	('2000-02-01', -123456789012345678.12345678901234567890, 0.1),
	('2000-03-01', 0.00000000000000000001, 2.2250738585072014e-308),
	('2000-04-01', 1, -0.0),
	('2000-05-01', NULL, NULL),
	('2000-06-01', 3.14159265358979323846, 1.0 / 3),
	('2000-07-01', -0.5, 123456789.123456789)) AS t(p, v, w);

-- integer and bigint inputs (numeric kind, scale 0), a series of the
-- longest span (12000 months: stored compressed / out of line), a series
-- whose every month is missing, and a series typed in as text
INSERT INTO store (id, name, s, f)
SELECT 106, 'bigint', series_agg(p, v), NULL
FROM (VALUES ('2010-01-01'::date, 9223372036854775807::bigint),
             ('2010-02-01', '-9223372036854775808'::bigint)) AS t(p, v);
INSERT INTO store (id, name, s, f)
SELECT 107, 'longest span', series_agg(p, (i % 1000)::integer),
       series_agg(p, sin(i) * 1e6)
FROM (SELECT i, ('1500-01-01'::date + make_interval(months => i))::date AS p
      FROM generate_series(0, 11999) AS i) AS t;
INSERT INTO store (id, name, s, f)
SELECT 108, 'all missing', series_agg(p::date, NULL::numeric), series_agg(p::date, NULL::float8)
FROM generate_series('2001-01-01'::date, '2001-06-01', '1 month') AS p;
INSERT INTO store (id, name, s, f) VALUES
	(109, 'literal', 'numeric {2021-01: 100.50, 2021-02: NULL, 2021-03: 98.25}',
	 'float8 {2020-11: 1e-07, 2020-12: NULL}'),
	(110, 'no series', NULL, NULL);

UPDATE store SET both_kinds = ARRAY[s, f, NULL];

-- a store kept current by series_store's triggers, over the real rows
CREATE TABLE obs AS SELECT * FROM raw_obs;
SELECT series_store('obs', 'obs_store', '{series}') \g /dev/null

-- the accessors over every series, one row per (series, kind, year) and
-- one per month
CREATE MATERIALIZED VIEW store_facts AS
SELECT st.id, k.kind, y.year,
       annual(k.ser, y.year) AS annual_sum,
       annual(k.ser, y.year, 'avg') AS annual_avg,
       annual(k.ser, y.year, 'last', 7) AS annual_last_fy7,
       annual_growth_pct(k.ser, y.year) AS annual_growth,
       ytd(k.ser, make_date(y.year, 6, 1)) AS ytd_jun,
       ytd_growth_pct(k.ser, make_date(y.year, 6, 1)) AS ytd_jun_growth,
       attainment_pct(k.ser, y.year, 1000) AS attain_1000,
       projected_annual(k.ser, make_date(y.year, 6, 1)) AS projected,
       required_monthly(k.ser, make_date(y.year, 6, 1), 1000) AS req_monthly,
       NULL::date AS period, NULL::numeric AS value, NULL::float8 AS mom_pct,
       NULL::float8 AS yoy_pct, NULL::numeric AS ytd, NULL::float8 AS ytd_growth_pct
FROM store st
CROSS JOIN LATERAL (VALUES ('s', st.s), ('f', st.f)) AS k(kind, ser)
CROSS JOIN LATERAL generate_series(extract(year FROM first_month(k.ser))::int,
                                   extract(year FROM last_month(k.ser))::int) AS y(year)
WHERE k.ser IS NOT NULL
  -- the 1000 years of the longest series: every 25th and the last two
  -- (each call reads the whole 12000 months; series_rows below has them all)
  AND (st.id <> 107 OR y.year % 25 = 0 OR y.year >= 2498)
UNION ALL
SELECT st.id, k.kind, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       r.period, r.value, r.mom_pct, r.yoy_pct, r.ytd, r.ytd_growth_pct
FROM store st
CROSS JOIN LATERAL (VALUES ('s', st.s), ('f', st.f)) AS k(kind, ser)
CROSS JOIN LATERAL series_rows(k.ser, 4) AS r
WHERE k.ser IS NOT NULL;
SQL

# --- fingerprints ------------------------------------------------------------
# One line: series count, view row count, then the md5s.
fingerprint() {
	psql -X -A -t -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT concat_ws(' ',
	(SELECT count(s) + count(f) FROM store),
	(SELECT count(*) FROM store_facts),
	(SELECT md5(string_agg(concat_ws('|', id, name, s::text, f::text, both_kinds::text), E'\n' ORDER BY id)) FROM store),
	(SELECT md5(string_agg(concat_ws('|', id, indicator_series_send(s), indicator_series_send(f)), E'\n' ORDER BY id)) FROM store),
	(SELECT md5(string_agg(t::text, E'\n' ORDER BY t.id, t.kind, t.year, t.period)) FROM store_facts t),
	(SELECT md5(string_agg(concat_ws('|', id, month_count(s), month_count(f), missing_months(s), missing_months(f)), E'\n' ORDER BY id)) FROM store));
SQL
}

before=$(fingerprint "$src")
read -r n_series n_rows _ <<<"$before"
status=0
compare() {
	local how=$1 db=$2 after
	after=$(fingerprint "$db")
	if [ "$after" != "$before" ]; then
		echo "dump/restore: $how differs" >&2
		echo "  before: $before" >&2
		echo "  after:  $after" >&2
		status=1
	fi
}

# The restored store: equal to its source, and kept current after the
# restore (a new month for the first series, 2099-01 = 12345.5, reaches it).
n_stored=$(psql -X -A -t -d "$src" -c "SELECT count(s) FROM obs_store")
check_store() {
	local how=$1 db=$2 result
	result=$(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
SELECT concat_ws(' ', (SELECT count(s) FROM obs_store), (SELECT count(*) FROM series_store_check('obs_store')));
INSERT INTO obs SELECT min(series), '2099-01-01', 12345.5 FROM obs;
SELECT concat_ws(' ', value_at(s, '2099-01-01'), (SELECT count(*) FROM series_store_check('obs_store')))
FROM obs_store WHERE series = (SELECT min(series) FROM obs);
SQL
	)
	if [ "$result" != "$n_stored 0"$'\n'"12345.5 0" ]; then
		echo "dump/restore: $how: the store (expected \"$n_stored 0\" then \"12345.5 0\"): $result" >&2
		status=1
	fi
}

# custom format: pg_dump -Fc, pg_restore into a new database
pg_dump -Fc -f "$work/src.dump" "$src"
createdb ir_custom
pg_restore --exit-on-error -d ir_custom "$work/src.dump"
compare "custom format (pg_dump -Fc, pg_restore)" ir_custom
check_store "custom format (pg_dump -Fc, pg_restore)" ir_custom

# plain format: pg_dump -Fp replayed by psql
createdb ir_plain
pg_dump -Fp "$src" | psql_q -o /dev/null -d ir_plain
compare "plain format (pg_dump -Fp | psql)" ir_plain
check_store "plain format (pg_dump -Fp | psql)" ir_plain

# binary COPY: the schema from a schema-only dump, the rows by COPY (FORMAT
# binary) through the client, then the view refreshed from them
createdb ir_binary
pg_dump -Fp --schema-only "$src" | psql_q -o /dev/null -d ir_binary
psql_q -d "$src" -c "COPY store TO STDOUT (FORMAT binary)" >"$work/store.bin"
psql_q -d ir_binary -c "COPY store FROM STDIN (FORMAT binary)" <"$work/store.bin"
psql_q -d ir_binary -c "REFRESH MATERIALIZED VIEW store_facts"
compare "binary COPY" ir_binary
# and the binary form written back out is the same bytes (not the array
# column: an array's binary form carries its element type's OID, which
# differs between databases)
copy_out="COPY (SELECT id, name, s, f FROM store ORDER BY id) TO STDOUT (FORMAT binary)"
psql_q -d "$src" -c "$copy_out" >"$work/store1.bin"
psql_q -d ir_binary -c "$copy_out" >"$work/store2.bin"
if ! cmp -s "$work/store1.bin" "$work/store2.bin"; then
	echo "dump/restore: binary COPY output differs after the round trip" >&2
	status=1
fi

if [ $status -ne 0 ]; then
	exit $status
fi
echo "dump/restore: $n_series series, $n_rows view rows identical (custom, plain, binary COPY); a store of $n_stored series equal to its source and kept current after each restore (custom, plain)"
