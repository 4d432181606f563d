--
-- Oracle test on a real quarterly series: UK gas consumption, 1960-Q1 ..
-- 1986-Q4, 108 quarters, none missing (R's UKgas, ../shared/data/real, GPL).
-- The reference is computed at run time, independently, by pandas on a
-- calendar PeriodIndex (test/oracle/ukgas_reference.py; neither the data nor
-- derived tables are committed): growth on the previous quarter and the same
-- quarter a year earlier, annual totals, means and growth, the first half's
-- total and growth, and totals of fiscal years starting in July.
--
-- Every reference row is reproduced within a relative 1e-9 by a quarterly
-- series built with series_agg(period, value, 'quarter'), exact (numeric)
-- and double precision; where the reference has no row, ours is NULL.
-- Needs /usr/bin/python3 with pandas (Debian's python3-pandas).
--
SET datestyle = ISO, YMD;
CREATE SCHEMA oracle_quarterly_test;
SET search_path = oracle_quarterly_test, public;

CREATE TABLE gas (series text, period date, value numeric);
\copy gas FROM '../shared/data/real/r_ukgas_quarterly.csv' (FORMAT csv, HEADER)
\! /usr/bin/python3 test/oracle/ukgas_reference.py ../shared/data/real/r_ukgas_quarterly.csv results/ukgas_reference.csv
CREATE TABLE ref (metric text, period date, value double precision);
\copy ref FROM 'results/ukgas_reference.csv' (FORMAT csv, HEADER)

-- the data: 108 quarters 1960-Q1 .. 1986-Q4 (first days of quarters), no NULL;
-- the reference: qoq 107 (all but the first), yoy 104 (from 1961), 27 years
-- of totals and means, 26 of yearly growth, 27 first halves, 26 growths of
-- them, 26 fiscal years from July (1961 .. 1986)
SELECT count(*) AS quarters, count(value) AS with_value, min(period), max(period),
       bool_and(extract(month FROM period) IN (1, 4, 7, 10) AND extract(day FROM period) = 1) AS quarter_starts
FROM gas;
SELECT metric, count(*) AS rows, min(period), max(period) FROM ref GROUP BY metric ORDER BY metric;

-- the opening mistake: without a frequency, the quarters become months with
-- two missing months in three, and series_agg says so
SELECT month_count(series_agg(period, value)) AS months_present FROM gas;

CREATE TABLE s AS
	SELECT 'numeric' AS kind, series_agg(period, value, 'quarter') AS s FROM gas
	UNION ALL
	SELECT 'float8', series_agg(period, value::float8, 'quarter') FROM gas;
SELECT kind, frequency(s), first_month(s), last_month(s), month_count(s), missing_months(s) FROM s ORDER BY kind;

-- ours, for every quarter and every year of the span, metric by metric
CREATE TABLE ours AS
	SELECT kind, m.metric, q::date AS period, m.value
	FROM s, generate_series(date '1960-01-01', '1986-10-01', interval '3 months') q,
		 LATERAL (VALUES ('qoq_pct', pop_pct(s, q::date)),
						 ('yoy_pct', yoy_pct(s, q::date))) m(metric, value)
	UNION ALL
	SELECT kind, m.metric, make_date(y, 1, 1), m.value
	FROM s, generate_series(1960, 1986) y,
		 LATERAL (VALUES ('annual_total', annual(s, y)::float8),
						 ('annual_avg', annual(s, y, 'avg')::float8),
						 ('annual_yoy_pct', annual_growth_pct(s, y)),
						 ('h1_total', ytd(s, make_date(y, 6, 1))::float8),
						 ('h1_yoy_pct', ytd_growth_pct(s, make_date(y, 6, 1))),
						 ('fy7_total', annual(s, y, 'sum', 7)::float8)) m(metric, value);

-- per kind and metric: reference rows, rows matched within 1e-9, rows that
-- are NULL in both, and mismatches (a value off, or NULL on one side only)
SELECT o.kind, o.metric, count(r.value) AS reference_rows,
       count(*) FILTER (WHERE abs(o.value - r.value) <= 1e-9 * greatest(abs(r.value), 1e-300)) AS matched,
       count(*) FILTER (WHERE o.value IS NULL AND r.value IS NULL) AS both_null,
       count(*) FILTER (WHERE (o.value IS NULL) <> (r.value IS NULL)
                           OR abs(o.value - r.value) > 1e-9 * greatest(abs(r.value), 1e-300)) AS mismatches
FROM ours o LEFT JOIN ref r USING (metric, period)
GROUP BY o.kind, o.metric ORDER BY o.kind, o.metric;
-- no reference row is left without one of ours
SELECT count(*) AS unmatched_reference_rows FROM ref r
WHERE NOT EXISTS (SELECT FROM ours o WHERE o.metric = r.metric AND o.period = r.period);

-- series_rows gives the same quarter-on-quarter, year-on-year and
-- first-half figures, one row per quarter
SELECT count(*) AS rows,
       count(*) FILTER (WHERE (q.value IS NULL) = (r1.value IS NULL) AND
                              coalesce(abs(q.value - r1.value) <= 1e-9 * abs(r1.value), true)) AS qoq_agree,
       count(*) FILTER (WHERE (y.value IS NULL) = (r2.value IS NULL) AND
                              coalesce(abs(y.value - r2.value) <= 1e-9 * abs(r2.value), true)) AS yoy_agree,
       count(*) FILTER (WHERE extract(month FROM q.period) = 4 AND
                              abs(q.ytd - r3.value) <= 1e-9 * abs(r3.value)) AS h1_agree
FROM (SELECT period, mom_pct AS value, ytd FROM series_rows((SELECT s FROM s WHERE kind = 'numeric'))) q
JOIN (SELECT period, yoy_pct AS value FROM series_rows((SELECT s FROM s WHERE kind = 'numeric'))) y USING (period)
LEFT JOIN ref r1 ON r1.metric = 'qoq_pct' AND r1.period = q.period
LEFT JOIN ref r2 ON r2.metric = 'yoy_pct' AND r2.period = q.period
LEFT JOIN ref r3 ON r3.metric = 'h1_total' AND r3.period = make_date(extract(year FROM q.period)::int, 1, 1);

RESET search_path;
DROP SCHEMA oracle_quarterly_test CASCADE;
