--
-- Partial totals: series_sum_present (the month-by-month total of the series
-- that have the month) and series_count (how many series have it), beside
-- series_sum (a month only when every series has it); and the query that
-- lists which inputs lack a month, as the README shows it.
--
SET datestyle = ISO, YMD;
CREATE SCHEMA partial_totals_test;
SET search_path = partial_totals_test, public;

-- Four regions' exports, stored as series:
--   north 2024-01 10,   2024-02 20,  2024-03 30
--   south               2024-02 5,   2024-03 (missing), 2024-04 7
--   east  (no series at all: NULL)
--   west                                                2024-06 1.5
CREATE TABLE regions (region text, s indicator_series);
INSERT INTO regions VALUES
	('north', 'numeric {2024-01: 10, 2024-02: 20, 2024-03: 30}'),
	('south', 'numeric {2024-02: 5, 2024-03: NULL, 2024-04: 7}'),
	('east', NULL),
	('west', 'numeric {2024-06: 1.5}');

-- The union of the spans is 2024-01 .. 2024-06.  Month by month:
--            total of those present          inputs present
--   2024-01  10                               1 (north)
--   2024-02  20 + 5 = 25                      2 (north, south)
--   2024-03  30                               1 (north; south missing)
--   2024-04  7                                1 (south)
--   2024-05  none: missing                    0
--   2024-06  1.5                              1 (west)
-- at the largest scale of the inputs (1 decimal); series_sum has no month at all
-- (some input lacks each), and series_count is an integer series with no gap
SELECT series_sum(s)::text AS sum FROM regions;
SELECT series_sum_present(s)::text AS sum_present FROM regions;
SELECT series_count(s)::text AS count FROM regions;

-- Side by side, as a report reads them: the partial total and how many of the
-- four regions it holds
SELECT r.period, r.value AS partial_total, value_at(c, r.period) AS regions_present,
	   (SELECT count(*) FROM regions) AS regions
FROM (SELECT series_sum_present(s) AS p, series_count(s) AS c FROM regions) x,
	 series_rows(x.p) r
ORDER BY r.period;

-- Which inputs lack which month of the whole span (the README's query): north
-- lacks 04, 05, 06; south 01, 03, 05, 06; east (no series) all six; west 01 .. 05:
-- 3 + 4 + 6 + 5 = 18 rows, and 4 x 6 - 18 = 6 = 1 + 2 + 1 + 1 + 0 + 1, the
-- total of the counts
WITH span AS (SELECT min(first_month(s)) AS first, max(last_month(s)) AS last FROM regions)
SELECT r.region, m::date AS month
FROM regions r, span, generate_series(span.first, span.last, interval '1 month') AS m
WHERE value_at(r.s, m::date) IS NULL
ORDER BY r.region, month;

SELECT (SELECT sum(c.value) FROM series_rows((SELECT series_count(s) FROM regions)) c) AS total_of_counts;

-- The same as one aggregate over the months: which regions lack each month
WITH span AS (SELECT min(first_month(s)) AS first, max(last_month(s)) AS last FROM regions)
SELECT m::date AS month, string_agg(r.region, ', ' ORDER BY r.region) AS lacking
FROM regions r, span, generate_series(span.first, span.last, interval '1 month') AS m
WHERE value_at(r.s, m::date) IS NULL
GROUP BY m ORDER BY m;

-- A series alone: the partial total is itself; the count is 1 where it has a
-- value and 0 where it lacks one
SELECT series_sum_present(s)::text AS sum_present, series_count(s)::text AS count
FROM regions WHERE region = 'south';

-- double precision series: the partial total is double precision, the count an
-- integer series all the same
SELECT series_sum_present(s)::text AS sum_present, series_count(s)::text AS count
FROM (VALUES ('float8 {2024-01: 0.5, 2024-02: NULL}'::indicator_series),
			 ('float8 {2024-02: 2.25}')) t(s);

-- NULL series are no input (as count(x) and sum(x) skip NULL); no rows, or only
-- NULL series, give NULL, as sum() does
SELECT series_sum_present(s) IS NULL AS sum_present_null, series_count(s) IS NULL AS count_null
FROM regions WHERE region = 'east';
SELECT series_sum_present(s) IS NULL AS sum_present_null, series_count(s) IS NULL AS count_null
FROM regions WHERE false;

-- numeric and float8 series do not add up (42804), as in series_sum; counting
-- them is fine
\set VERBOSITY sqlstate
SELECT series_sum_present(s) FROM (VALUES ('numeric {2021-01: 1}'::indicator_series), ('float8 {2021-02: 2}')) t(s);
\set VERBOSITY default
SELECT series_count(s)::text FROM (VALUES ('numeric {2021-01: 1}'::indicator_series), ('float8 {2021-02: 2}')) t(s);

-- a total beyond 38 digits is 22003, as in series_sum
\set VERBOSITY sqlstate
SELECT series_sum_present(s) FROM (VALUES ('numeric {2021-01: 90000000000000000000000000000000000000}'::indicator_series),
										  ('numeric {2021-01: 90000000000000000000000000000000000000}')) t(s);
\set VERBOSITY default

--
-- Both run in parallel plans (partial aggregates combined by the leader), with
-- the same results as serial ones: 500 copies of the four regions give every
-- partial total and every count 500 times
--
CREATE TABLE many AS SELECT g AS copy, region, s FROM regions, generate_series(1, 500) g;
ANALYZE many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT series_sum_present(s), series_count(s) FROM many;
CREATE TABLE parallel_result AS SELECT series_sum_present(s)::text AS p, series_count(s)::text AS c FROM many;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE serial_result AS SELECT series_sum_present(s)::text AS p, series_count(s)::text AS c FROM many;
SELECT * FROM parallel_result;
SELECT p.p = s.p AND p.c = s.c AS identical FROM parallel_result p, serial_result s;

RESET ALL;
DROP SCHEMA partial_totals_test CASCADE;
