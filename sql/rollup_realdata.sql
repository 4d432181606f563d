--
-- series_merge and series_sum on real data that is not in the repository
-- (make installcheck-realdata): ../shared/data/real/vega_unemployment_across_industries.csv
-- (see that directory's README.md for its source and terms), checked
-- against plain SQL over the same rows.  Split from rollup.sql, whose tests
-- on literal series need nothing outside the repository.
--
SET datestyle = ISO, YMD;
CREATE SCHEMA rollup_realdata_test;
SET search_path = rollup_realdata_test, public;

-- US unemployment by industry (14 series, 2000-01 .. 2010-02, none missing)
CREATE TABLE u (series text, period date, value numeric);
\copy u FROM '../shared/data/real/vega_unemployment_across_industries.csv' (FORMAT csv, HEADER)
SELECT count(*) AS rows, count(DISTINCT series) AS series, min(period), max(period) FROM u;

--
-- series_merge: one stored series per industry and year, merged back, is
-- the series built from all the rows at once
--
CREATE TABLE yearly AS
	SELECT series, extract(year FROM period)::int AS year, series_agg(period, value) AS s
	FROM u GROUP BY series, year;
SELECT count(*) AS yearly_series FROM yearly;
SELECT count(*) AS industries,
	   count(*) FILTER (WHERE merged::text = whole::text) AS identical
FROM (SELECT series, series_merge(s ORDER BY year DESC) AS merged FROM yearly GROUP BY series) m
JOIN (SELECT series, series_agg(period, value) AS whole FROM u GROUP BY series) w USING (series);

--
-- series_sum: the total of all industries, month by month, equals
-- sum(value) GROUP BY period (exact numeric)
--
CREATE TABLE by_industry AS SELECT series, series_agg(period, value) AS s FROM u GROUP BY series;
CREATE TABLE total AS SELECT series_sum(s) AS s FROM by_industry;
SELECT first_month(s), last_month(s), month_count(s), missing_months(s) FROM total;
SELECT count(*) AS months,
	   count(*) FILTER (WHERE value_at(t.s, p.period) = p.total) AS equal
FROM total t, (SELECT period, sum(value) AS total FROM u GROUP BY period) p;
-- the year's total of all industries, from the summed series and from rows
SELECT annual(s, 2005) AS from_series,
	   (SELECT sum(value) FROM u WHERE period BETWEEN '2005-01-01' AND '2005-12-01') AS from_rows
FROM total;

--
-- A month that some input lacks is missing in the total, never understated:
-- drop Construction's 2009-07 and give Finance a NULL 2009-08
--
CREATE TABLE u2 AS SELECT * FROM u WHERE NOT (series = 'Construction' AND period = '2009-07-01');
UPDATE u2 SET value = NULL WHERE series = 'Finance' AND period = '2009-08-01';
CREATE TABLE total2 AS SELECT series_sum(s) AS s
	FROM (SELECT series, series_agg(period, value) AS s FROM u2 GROUP BY series) x;
SELECT month_count(s), missing_months(s) FROM total2;
SELECT value_at(s, '2009-06-01') AS jun, value_at(s, '2009-07-01') AS jul,
	   value_at(s, '2009-08-01') AS aug, annual(s, 2009) AS year_2009,
	   annual(s, 2008) = (SELECT sum(value) FROM u WHERE extract(year FROM period) = 2008) AS year_2008_ok
FROM total2;

--
-- Both run in parallel plans, with the same results as serial ones
--
CREATE TABLE many AS
	SELECT g AS region, series, s FROM by_industry, generate_series(1, 300) g;
ANALYZE many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT series, series_sum(s) FROM many GROUP BY series;
CREATE TABLE parallel_result AS SELECT series, series_sum(s)::text AS total FROM many GROUP BY series;
RESET max_parallel_workers_per_gather;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE serial_result AS SELECT series, series_sum(s)::text AS total FROM many GROUP BY series;
SELECT count(*) AS series,
	   count(*) FILTER (WHERE p.total = s.total) AS identical
FROM parallel_result p JOIN serial_result s USING (series);
-- 300 copies of each industry: every month is 300 times the industry's value
SELECT count(*) AS checked,
	   count(*) FILTER (WHERE value_at(r.total::indicator_series, u.period) = 300 * u.value) AS equal
FROM serial_result r JOIN u USING (series);

RESET ALL;
DROP SCHEMA rollup_realdata_test CASCADE;