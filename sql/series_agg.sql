--
-- series_agg: building indicator_series from (period, value) rows.
--
-- Expected series are written by hand; exactness is checked against
-- PostgreSQL's own sum(numeric) over the same rows, in the same query.
--
SET datestyle = 'ISO, YMD';

------------------------------------------------------------------------------
-- One aggregate per input type
------------------------------------------------------------------------------

-- numeric: any day stands for its month; the scale is the largest display
-- scale seen (100.50 has 2), and value_at returns values at that scale
SELECT series_agg(p, v) FROM (VALUES
	(date '2021-01-15', 100.50::numeric), ('2021-02-28', NULL), ('2021-03-01', 98.25)) t(p, v);
SELECT value_at(s, '2021-01-31') AS jan, value_at(s, '2021-02-01') AS feb, value_at(s, '2021-03-10') AS mar,
       month_count(s), missing_months(s)
FROM (SELECT series_agg(p, v) AS s FROM (VALUES
	(date '2021-01-15', 100.50::numeric), ('2021-02-28', NULL), ('2021-03-01', 98.25)) t(p, v)) q;
-- double precision: a float8 series, shortest output
SELECT series_agg(p, v) FROM (VALUES
	(date '2020-11-30', 1e-07::float8), ('2020-12-01', NULL), ('2021-01-01', 0.1), ('2021-02-01', -2.5)) t(p, v);
-- bigint and integer: exact series at scale 0, across the whole int8 range
SELECT series_agg(p, v) FROM (VALUES
	(date '2021-01-01', 9223372036854775807::bigint), ('2021-02-01', -9223372036854775808), ('2021-03-01', 0)) t(p, v);
SELECT series_agg(p, v) FROM (VALUES
	(date '2021-01-01', 2147483647::integer), ('2021-02-01', -2147483648), ('2021-03-01', 7)) t(p, v);
-- an int8 sum beyond int8 stays exact: (2^63 - 1) * 2 + 1 = 18446744073709551615
SELECT ytd(s, '2021-03-01') AS ytd_exact, 9223372036854775807::numeric * 2 + 1 AS by_numeric
FROM (SELECT series_agg(p, v) AS s FROM (VALUES
	(date '2021-01-01', 9223372036854775807::bigint), ('2021-02-01', 9223372036854775807), ('2021-03-01', 1)) t(p, v)) q;
-- the aggregate picks the overload by the value's type; smallint has no
-- overload of its own and, by PostgreSQL's rules for resolving overloads
-- (prefer the preferred type of the category, double precision), builds a
-- float8 series
SELECT pg_typeof(v), left(series_agg(date '2021-01-01', v)::text, 7) AS kind
FROM (VALUES (1::numeric)) a(v) GROUP BY 1
UNION ALL
SELECT pg_typeof(v), left(series_agg(date '2021-01-01', v)::text, 7) FROM (VALUES (1::float8)) a(v) GROUP BY 1
UNION ALL
SELECT pg_typeof(v), left(series_agg(date '2021-01-01', v)::text, 7) FROM (VALUES (1::bigint)) a(v) GROUP BY 1
UNION ALL
SELECT pg_typeof(v), left(series_agg(date '2021-01-01', v)::text, 7) FROM (VALUES (1::integer)) a(v) GROUP BY 1
UNION ALL
SELECT pg_typeof(v), left(series_agg(date '2021-01-01', v)::text, 7) FROM (VALUES (1::smallint)) a(v) GROUP BY 1;

------------------------------------------------------------------------------
-- Input in any order
------------------------------------------------------------------------------

CREATE TABLE agg_rows (p date, v numeric);
INSERT INTO agg_rows VALUES
	('2021-01-01', 10), ('2021-02-01', 20), ('2021-03-01', 30), ('2021-04-01', 40),
	('2021-05-01', 50), ('2021-06-01', 60);
-- ascending, descending, and a shuffled order give one series
SELECT series_agg(p, v ORDER BY p) FROM agg_rows;
SELECT series_agg(p, v ORDER BY p DESC) FROM agg_rows;
SELECT series_agg(p, v ORDER BY v % 4, v) FROM agg_rows;
-- gaps: missing months inside the span are NULL
SELECT series_agg(p, v ORDER BY p DESC) FROM agg_rows WHERE v IN (10, 40, 60);
-- prepending before the first month, far outside the slots allocated so far
SELECT series_agg(p, v ORDER BY p DESC)
FROM (VALUES (date '2021-06-01', 1), ('2021-05-01', 2), ('2019-12-01', 3)) t(p, v);
SELECT first_month(s), last_month(s), month_count(s), cardinality(missing_months(s)) AS missing
FROM (SELECT series_agg(p, v ORDER BY p DESC) AS s
      FROM (VALUES (date '2021-06-01', 1), ('2021-05-01', 2), ('2001-01-01', 3), ('2031-12-01', 4)) t(p, v)) q;
-- (2001-01 .. 2031-12 is 31 years = 372 months, 4 of them present)

-- 240 months in ascending, descending and random order, against the series
-- built from the same rows' text (string_agg in period order)
CREATE TABLE agg_long AS
SELECT (date '2001-01-01' + make_interval(months => k))::date AS p,
       CASE WHEN k % 29 = 3 THEN NULL ELSE ((k * 7919) % 1009 - 500) * 0.125 END AS v
FROM generate_series(0, 239) k;
SELECT setseed(0.25);
SELECT a = e AS ascending_ok, d = e AS descending_ok, r = e AS random_ok, r2 = e AS random2_ok
FROM (SELECT series_agg(p, v ORDER BY p)::text AS a,
             series_agg(p, v ORDER BY p DESC)::text AS d,
             series_agg(p, v ORDER BY random())::text AS r,
             series_agg(p, v ORDER BY (extract(month FROM p) * 7) % 12, p DESC)::text AS r2,
             'numeric {' || string_agg(to_char(p, 'YYYY-MM') || ': ' || coalesce(v::text, 'NULL'), ', ' ORDER BY p) || '}' AS e
      FROM agg_long) q;
-- every value reads back exactly, at the series' scale (every v has 3
-- decimals, as the product of an integer and 0.125)
SELECT count(*) AS months,
       count(*) FILTER (WHERE value_at(s, p) = v) AS equal,
       count(*) FILTER (WHERE v IS NULL AND value_at(s, p) IS NULL) AS missing,
       min(scale(value_at(s, p))) AS min_scale, max(scale(v)) AS max_input_scale
FROM agg_long, (SELECT series_agg(p, v ORDER BY random()) AS s FROM agg_long) q;

------------------------------------------------------------------------------
-- NULL values are missing months; NULL over no rows
------------------------------------------------------------------------------

-- NULL-valued rows at the edges count in the span, as missing months
SELECT series_agg(p, v) FROM (VALUES
	(date '2021-01-01', NULL::numeric), ('2021-02-01', 5), ('2021-04-01', NULL)) t(p, v);
-- a NULL row for a month that another row gives a value is ignored, in
-- either order
SELECT series_agg(p, v ORDER BY v NULLS FIRST) AS null_first,
       series_agg(p, v ORDER BY v NULLS LAST) AS null_last
FROM (VALUES (date '2021-01-01', 1::numeric), ('2021-01-20', NULL), ('2021-02-01', 2)) t(p, v);
-- several NULL rows for one month
SELECT series_agg(p, v) FROM (VALUES
	(date '2021-01-01', NULL::float8), ('2021-01-02', NULL), ('2021-02-01', NULL)) t(p, v);
-- all values NULL: a series of missing months
SELECT s, month_count(s), missing_months(s)
FROM (SELECT series_agg(p, v) AS s FROM (VALUES
	(date '2021-01-01', NULL::numeric), ('2021-03-01', NULL)) t(p, v)) q;
-- no rows: NULL, like sum() and array_agg()
SELECT series_agg(p, v) IS NULL AS is_null, sum(v) IS NULL AS sum_is_null FROM agg_rows WHERE false;
SELECT series_agg(p, v::float8) IS NULL AS float8_null, series_agg(p, v::bigint) IS NULL AS bigint_null,
       series_agg(p, v::integer) IS NULL AS integer_null FROM agg_rows WHERE false;
-- no rows in a group-less aggregate over an empty table, and per group
SELECT g, series_agg(p, v) FROM (SELECT 1 AS g, * FROM agg_rows WHERE false) t GROUP BY g;

------------------------------------------------------------------------------
-- GROUP BY: many series at once
------------------------------------------------------------------------------

CREATE TABLE agg_groups (series text, p date, v numeric);
INSERT INTO agg_groups VALUES
	('exports', '2021-03-01', 5.5), ('imports', '2021-01-01', 7), ('exports', '2021-01-01', 1),
	('retail', '2020-12-01', NULL), ('imports', '2021-02-01', 8.25), ('exports', '2021-02-01', 2),
	('retail', '2021-01-01', 100), ('imports', '2021-04-01', 9), ('empty', '2021-01-01', NULL);
SELECT series, series_agg(p, v) FROM agg_groups GROUP BY series ORDER BY series;
SET enable_hashagg = off;
SELECT series, series_agg(p, v) FROM agg_groups GROUP BY series ORDER BY series;
RESET enable_hashagg;

------------------------------------------------------------------------------
-- Exactness on random numerics with many decimals
------------------------------------------------------------------------------

-- 6 series x 20 years; values of up to 16 digits at scales 0 to 12, so the
-- series' scale is 12 and every value is rescaled; rows in random order
SELECT setseed(0.5);
CREATE TABLE rnd AS
SELECT g AS series, (date '2001-01-01' + make_interval(months => k))::date AS p,
       (floor(random() * 2e15)::bigint - 1000000000000000)::numeric * ('1e-' || floor(random() * 13)::int)::numeric AS v
FROM generate_series(1, 6) g, generate_series(0, 239) k
ORDER BY random();
-- every series has a value of scale 12 (checked, not assumed)
SELECT series, max(scale(v)) AS max_scale, min(scale(v)) AS min_scale, count(*) FROM rnd GROUP BY 1 ORDER BY 1;
CREATE TABLE rnd_s AS SELECT series, series_agg(p, v) AS s FROM rnd GROUP BY series;
-- every value back exactly, every annual sum equal to sum(numeric) for every year
SELECT count(*) AS months, count(*) FILTER (WHERE value_at(s, p) = v) AS value_equal,
       count(*) FILTER (WHERE value_at(s, p)::text = round(v, 12)::text) AS text_equal
FROM rnd JOIN rnd_s USING (series);
SELECT count(*) AS years,
       count(*) FILTER (WHERE annual(s, y) = total) AS sum_equal,
       count(*) FILTER (WHERE annual(s, y)::text = round(total, 12)::text) AS sum_text_equal,
       count(*) FILTER (WHERE annual(s, y, 'avg') = total::numeric(60, 12) / 12) AS avg_equal
FROM (SELECT series, extract(year FROM p)::int AS y, sum(v) AS total FROM rnd GROUP BY 1, 2) y
JOIN rnd_s USING (series);
-- ytd for every month against the running sum
SELECT count(*) AS months, count(*) FILTER (WHERE ytd(s, p) = run) AS ytd_equal
FROM (SELECT series, p, sum(v) OVER (PARTITION BY series, extract(year FROM p) ORDER BY p) AS run FROM rnd) r
JOIN rnd_s USING (series);

-- Every numeric of at most 38 digits at a scale of at most 38 is held
-- exactly, wherever its decimal point falls.  agg_one() builds a one-month
-- series from a value and returns its text, or the error it raised.
CREATE FUNCTION agg_one(v numeric) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	RETURN series_agg(date '2021-01-01', v)::text;
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
-- 38 significant digits with the point at every position (the text form
-- reads each of them, see series_io)
SELECT v, scale(v), agg_one(v) = 'numeric {2021-01: ' || v::text || '}' AS held_exactly
FROM (SELECT (left(d, 38 - sc) || CASE WHEN sc > 0 THEN '.' || right(d, sc) ELSE '' END)::numeric AS v, sc
      FROM (SELECT '12345678901234567890123456789012345678' AS d) digits, generate_series(0, 38) sc) q
ORDER BY sc;
-- the largest magnitudes at a few scales
SELECT v, agg_one(v) = 'numeric {2021-01: ' || v::text || '}' AS held_exactly FROM (VALUES
	(99999999999999999999999999999999999999::numeric), (9999999999999999999999999999999999999.9),
	(999999999999999999999999999999999999.99), (99999999999999999999999999999999999.999),
	(9999999999999999999999999999999999.9999), (-999999999999999999999999999999999.99999),
	(0.99999999999999999999999999999999999999), (-0.00000000000000000000000000000000000001)) t(v);

-- 500 one-month series of random numerics of 1 to 38 digits (nd digits, the
-- first not 0) at scales 0 to nd: each reads back as the very numeric that
-- went in, text and all
SELECT setseed(0.75);
CREATE TABLE rnd_wide AS
SELECT i, nd, sc, (CASE WHEN random() < 0.5 THEN -1 ELSE 1 END) * m::numeric * ('1e-' || sc)::numeric AS v
FROM (SELECT i, nd, sc, (SELECT (1 + floor(random() * 9))::int::text || coalesce(string_agg(floor(random() * 10 + d * 0)::int::text, ''), '')
                         FROM generate_series(2, nd) d) AS m
      FROM (SELECT i, nd, floor(random() * (nd + 1))::int AS sc
            FROM (SELECT i, 1 + floor(random() * 38)::int AS nd FROM generate_series(1, 500) i) a) b) c;
SELECT count(*) AS n, min(nd) AS min_digits, max(nd) AS max_digits, count(*) FILTER (WHERE nd = 38) AS with_38_digits,
       max(sc) AS max_scale, count(*) FILTER (WHERE sc = nd) AS below_one,
       count(*) FILTER (WHERE length(replace(replace(v::text, '-', ''), '.', '')) - CASE WHEN sc = nd THEN 1 ELSE 0 END = nd
                          AND scale(v) = sc) AS as_constructed
FROM rnd_wide;
SELECT count(*) FILTER (WHERE agg_one(v) = 'numeric {2021-01: ' || v::text || '}') AS text_equal,
       count(*) FILTER (WHERE CASE WHEN agg_one(v) LIKE 'numeric%'
                                   THEN value_at(agg_one(v)::indicator_series, '2021-01-01')::text = v::text END) AS value_text_equal
FROM rnd_wide;

------------------------------------------------------------------------------
-- Rescaling: a value with more decimals arriving late
------------------------------------------------------------------------------

SELECT series_agg(p, v ORDER BY p) FROM (VALUES
	(date '2021-01-01', 1::numeric), ('2021-02-01', 2.5), ('2021-03-01', 0.125), ('2021-04-01', -3)) t(p, v);
SELECT value_at(s, '2021-01-01') AS jan, ytd(s, '2021-04-01') AS ytd_apr, 1 + 2.5 + 0.125 + -3 AS by_numeric
FROM (SELECT series_agg(p, v ORDER BY p) AS s FROM (VALUES
	(date '2021-01-01', 1::numeric), ('2021-02-01', 2.5), ('2021-03-01', 0.125), ('2021-04-01', -3)) t(p, v)) q;
-- the same rows in the other order: the same series
SELECT series_agg(p, v ORDER BY p DESC) FROM (VALUES
	(date '2021-01-01', 1::numeric), ('2021-02-01', 2.5), ('2021-03-01', 0.125), ('2021-04-01', -3)) t(p, v);
-- trailing zeros of a numeric count (2.000 has scale 3)
SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 1::numeric), ('2021-02-01', 2.000)) t(p, v);

------------------------------------------------------------------------------
-- Large values, and values needing more than 38 digits (22003)
------------------------------------------------------------------------------

-- near 10^37: 38-digit values are held exactly
SELECT series_agg(p, v) FROM (VALUES
	(date '2021-01-01', 9999999999999999999999999999999999999::numeric), ('2021-02-01', 1),
	('2021-03-01', -10000000000000000000000000000000000000), ('2021-04-01', 99999999999999999999999999999999999999)) t(p, v);
SELECT ytd(s, '2021-03-01') AS ytd_mar,
       9999999999999999999999999999999999999::numeric + 1 + -10000000000000000000000000000000000000 AS by_numeric
FROM (SELECT series_agg(p, v) AS s FROM (VALUES
	(date '2021-01-01', 9999999999999999999999999999999999999::numeric), ('2021-02-01', 1),
	('2021-03-01', -10000000000000000000000000000000000000)) t(p, v)) q;
-- 37 digits at scale 1 (38 digits in all) still fit
SELECT series_agg(p, v) FROM (VALUES
	(date '2021-01-01', 1000000000000000000000000000000000000::numeric), ('2021-02-01', 0.5)) t(p, v);
\set VERBOSITY sqlstate
-- 10^38 has 39 digits
SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 100000000000000000000000000000000000000::numeric)) t(p, v);
-- 39 decimals
SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 0.000000000000000000000000000000000000001::numeric)) t(p, v);
-- 38 digits first, then a value with one decimal: 38 digits at scale 1 is too many
SELECT series_agg(p, v ORDER BY p) FROM (VALUES
	(date '2021-01-01', 10000000000000000000000000000000000000::numeric), ('2021-02-01', 0.5)) t(p, v);
-- the other order
SELECT series_agg(p, v ORDER BY p DESC) FROM (VALUES
	(date '2021-01-01', 10000000000000000000000000000000000000::numeric), ('2021-02-01', 0.5)) t(p, v);
\set VERBOSITY default
SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 100000000000000000000000000000000000000::numeric)) t(p, v);
SELECT series_agg(p, v ORDER BY p) FROM (VALUES
	(date '2021-01-01', 10000000000000000000000000000000000000::numeric), ('2021-02-01', 0.5)) t(p, v);
SELECT series_agg(p, v ORDER BY p DESC) FROM (VALUES
	(date '2021-01-01', 10000000000000000000000000000000000000::numeric), ('2021-02-01', 0.5)) t(p, v);

------------------------------------------------------------------------------
-- As a window function: running series
------------------------------------------------------------------------------

SELECT p, series_agg(p, v) OVER (ORDER BY p) FROM agg_rows WHERE v <= 40 ORDER BY p;
-- a moving frame restarts the aggregate for each row
SELECT p, series_agg(p, v) OVER (ORDER BY p ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM agg_rows ORDER BY p;
-- per series, and read back with an accessor: the running ytd equals the
-- running sum
SELECT series, p, ytd(series_agg(p, v) OVER w, p) AS ytd, sum(v) OVER w AS running_sum
FROM agg_groups WHERE series IN ('exports', 'imports')
WINDOW w AS (PARTITION BY series ORDER BY p) ORDER BY series, p;
-- rows arriving in descending order within a frame that grows backwards
SELECT p, series_agg(p, v) OVER (ORDER BY p DESC) FROM agg_rows WHERE v <= 30 ORDER BY p DESC;

------------------------------------------------------------------------------
-- Transition and combine functions called directly do not modify their input
------------------------------------------------------------------------------

CREATE TABLE agg_state (id int, s indicator_series);
INSERT INTO agg_state VALUES (1, 'numeric {2021-01: 1.5, 2021-02: NULL}'), (2, 'float8 {2021-01: 1}');
-- filling a missing month, extending, prepending, rescaling: each returns a
-- new series and leaves the stored one as it was
SELECT series_agg_transfn(s, '2021-02-01', 2::numeric) AS filled,
       series_agg_transfn(s, '2021-04-01', 4::numeric) AS extended,
       series_agg_transfn(s, '2020-12-01', 0::numeric) AS prepended,
       series_agg_transfn(s, '2021-02-01', 0.25::numeric) AS rescaled,
       s AS unchanged
FROM agg_state WHERE id = 1;
SELECT s, month_count(s) FROM agg_state ORDER BY id;
-- the same value read twice in one expression
SELECT s, series_agg_transfn(s, '2021-02-01', 0.25::numeric), s
FROM (SELECT 'numeric {2021-01: 1.5, 2021-02: NULL}'::indicator_series AS s) q;
SELECT series_agg_transfn(s, '2021-02-01', 2::float8), s FROM agg_state WHERE id = 2;
-- a NULL state starts a series; a NULL value extends the span only
SELECT series_agg_transfn(NULL, '2021-05-01', 3::numeric),
       series_agg_transfn(NULL, '2021-05-01', 3::bigint),
       series_agg_transfn(NULL, '2021-05-01', 3::integer),
       series_agg_transfn(NULL, '2021-05-01', 3::float8);
SELECT series_agg_transfn(s, '2021-03-01', NULL::numeric), s FROM agg_state WHERE id = 1;
-- combine: the union of two partial series over disjoint months
SELECT series_agg_combine(a, b) AS combined, a, b
FROM (SELECT 'numeric {2021-01: 1.5, 2021-02: NULL}'::indicator_series AS a,
             'numeric {2021-02: 2.25, 2021-03: 3}'::indicator_series AS b) q;
SELECT series_agg_combine(b, a) AS combined, a, b
FROM (SELECT 'numeric {2021-01: 1.5, 2021-02: NULL}'::indicator_series AS a,
             'numeric {2021-04: 2.25}'::indicator_series AS b) q;
SELECT series_agg_combine(NULL, s), series_agg_combine(s, NULL), series_agg_combine(NULL, NULL) IS NULL AS both_null
FROM agg_state WHERE id = 1;
SELECT s FROM agg_state ORDER BY id;

-- clean up (later tests drop and recreate the extension)
DROP TABLE agg_rows, agg_long, agg_groups, rnd, rnd_s, rnd_wide, agg_state;
DROP FUNCTION agg_one(numeric);
