--
-- Oracle test of ranges and conversions on real monthly data:
-- Australian gas production (1956-01 .. 1995-08, a flow: quarters, halves,
-- nine months, Jan+Feb and trailing twelve months are sums) and the Dutch
-- retail sales index (1960-05 .. 1995-09, an index: quarters and years are
-- means, or the last month), both from ../shared/data/real (GPL).  The
-- reference is computed at run time, independently, by pandas on calendar
-- PeriodIndexes (test/oracle/ranges_reference.py; neither the data nor
-- derived tables are committed).
--
-- Each reference figure is reproduced by to_frequency (month -> quarter,
-- month -> year, month -> quarter -> year) and by range_value /
-- range_growth_pct on the monthly series, exact (numeric) and double
-- precision; where the reference has no row (a quarter only partly in the
-- data: 1960-Q2 of the index, 1995-Q3 of gas), ours is NULL.  Tolerance: a
-- relative 1e-9, except to_frequency's 'avg' of a numeric series, stored at
-- the series' scale (0) plus 6 decimals: within half a unit of the 6th
-- decimal.  Needs /usr/bin/python3 with pandas (Debian's python3-pandas).
--
SET datestyle = ISO, YMD;
CREATE SCHEMA oracle_ranges_test;
SET search_path = oracle_ranges_test, public;

CREATE TABLE rows (series text, period date, value numeric);
\copy rows FROM '../shared/data/real/forecast_gas.csv' (FORMAT csv, HEADER)
\copy rows FROM '../shared/data/real/aer_dutchsales.csv' (FORMAT csv, HEADER)
\! /usr/bin/python3 test/oracle/ranges_reference.py ../shared/data/real/forecast_gas.csv ../shared/data/real/aer_dutchsales.csv results/ranges_reference.csv
CREATE TABLE ref (metric text, period date, value double precision);
\copy ref FROM 'results/ranges_reference.csv' (FORMAT csv, HEADER)

-- the data, and how many reference rows of each metric
SELECT series, count(*) AS months, count(value) AS with_value, min(period), max(period)
FROM rows GROUP BY series ORDER BY series;
SELECT metric, count(*) AS rows, min(period), max(period) FROM ref GROUP BY metric ORDER BY metric;

CREATE TABLE s AS
	SELECT series, kind, s FROM (
		SELECT series, 'numeric' AS kind, series_agg(period, value) AS s FROM rows GROUP BY series
		UNION ALL
		SELECT series, 'float8', series_agg(period, value::float8) FROM rows GROUP BY series) x;

-- ours: every quarter and year the data touches, by each way of computing it
-- (via), with its tolerance: rel (relative) or abs (absolute)
CREATE TABLE ours (kind text, via text, metric text, period date, value double precision,
				   rel double precision DEFAULT 1e-9, abs double precision DEFAULT 0);
INSERT INTO ours (kind, via, metric, period, value)
	SELECT kind, m.via, m.metric, q::date, m.value
	FROM s, generate_series(date '1956-01-01', '1995-07-01', interval '3 months') q,
		 LATERAL (VALUES
			('to_frequency', 'gas_q_sum', value_at(to_frequency(s, 'quarter'), q::date)::float8),
			('range_value', 'gas_q_sum', range_value(s, q::date, (q + interval '2 months')::date)::float8),
			('to_frequency', 'gas_q_yoy_pct', yoy_pct(to_frequency(s, 'quarter'), q::date)),
			('range_growth_pct', 'gas_q_yoy_pct', range_growth_pct(s, q::date, (q + interval '2 months')::date)),
			('range_value', 'gas_ttm', range_value(s, (q - interval '9 months')::date, (q + interval '2 months')::date)::float8)
		 ) m(via, metric, value)
	WHERE series = 'au_gas_production';
INSERT INTO ours (kind, via, metric, period, value)
	SELECT kind, m.via, m.metric, make_date(y, 1, 1), m.value
	FROM s, generate_series(1956, 1995) y,
		 LATERAL (VALUES
			('to_frequency', 'gas_y_sum', value_at(to_frequency(s, 'year'), make_date(y, 1, 1))::float8),
			('quarter_to_year', 'gas_y_sum', value_at(to_frequency(to_frequency(s, 'quarter'), 'year'), make_date(y, 1, 1))::float8),
			('range_value', 'gas_janfeb', range_value(s, make_date(y, 1, 1), make_date(y, 2, 1))::float8),
			('range_value', 'gas_h1', range_value(s, make_date(y, 1, 1), make_date(y, 6, 1))::float8),
			('range_value', 'gas_m9', range_value(s, make_date(y, 1, 1), make_date(y, 9, 1))::float8),
			('range_value', 'gas_h2', range_value(s, make_date(y, 7, 1), make_date(y, 12, 1))::float8),
			('range_growth_pct', 'gas_janfeb_yoy_pct', range_growth_pct(s, make_date(y, 1, 1), make_date(y, 2, 1))),
			('range_growth_pct', 'gas_h1_yoy_pct', range_growth_pct(s, make_date(y, 1, 1), make_date(y, 6, 1))),
			('range_growth_pct', 'gas_m9_yoy_pct', range_growth_pct(s, make_date(y, 1, 1), make_date(y, 9, 1))),
			('range_growth_pct', 'gas_h2_yoy_pct', range_growth_pct(s, make_date(y, 7, 1), make_date(y, 12, 1)))
		 ) m(via, metric, value)
	WHERE series = 'au_gas_production';
INSERT INTO ours (kind, via, metric, period, value, abs)
	SELECT kind, m.via, m.metric, q::date, m.value, m.abs
	FROM s, generate_series(date '1960-04-01', '1995-07-01', interval '3 months') q,
		 LATERAL (VALUES
			('to_frequency', 'dutch_q_avg', value_at(to_frequency(s, 'quarter', 'avg'), q::date)::float8,
			 CASE kind WHEN 'numeric' THEN 0.5e-6 ELSE 0 END),
			('range_value', 'dutch_q_avg', range_value(s, q::date, (q + interval '2 months')::date, 'avg')::float8, 0),
			('to_frequency', 'dutch_q_last', value_at(to_frequency(s, 'quarter', 'last'), q::date)::float8, 0),
			('range_value', 'dutch_q_last', range_value(s, q::date, (q + interval '2 months')::date, 'last')::float8, 0)
		 ) m(via, metric, value, abs)
	WHERE series = 'nl_retail_sales_index';
INSERT INTO ours (kind, via, metric, period, value, abs)
	SELECT kind, m.via, m.metric, make_date(y, 1, 1), m.value, m.abs
	FROM s, generate_series(1960, 1995) y,
		 LATERAL (VALUES
			('to_frequency', 'dutch_y_avg', value_at(to_frequency(s, 'year', 'avg'), make_date(y, 1, 1))::float8,
			 CASE kind WHEN 'numeric' THEN 0.5e-6 ELSE 0 END),
			('range_value', 'dutch_y_avg', range_value(s, make_date(y, 1, 1), make_date(y, 12, 1), 'avg')::float8, 0),
			('annual', 'dutch_y_avg', annual(s, y, 'avg')::float8, 0)
		 ) m(via, metric, value, abs)
	WHERE series = 'nl_retail_sales_index';

-- per kind, metric and way: reference rows, rows matched within tolerance,
-- rows NULL on both sides, and mismatches (a value off, or NULL on one side)
SELECT o.metric, o.kind, o.via, count(r.value) AS reference_rows,
	   count(*) FILTER (WHERE abs(o.value - r.value) <= greatest(o.rel * abs(r.value), o.abs)) AS matched,
	   count(*) FILTER (WHERE o.value IS NULL AND r.value IS NULL) AS both_null,
	   count(*) FILTER (WHERE (o.value IS NULL) <> (r.value IS NULL)
						   OR abs(o.value - r.value) > greatest(o.rel * abs(r.value), o.abs)) AS mismatches
FROM ours o LEFT JOIN ref r USING (metric, period)
GROUP BY o.metric, o.kind, o.via ORDER BY o.metric, o.kind, o.via;
-- no reference row is left without ours
SELECT count(*) AS unmatched_reference_rows FROM ref r
WHERE NOT EXISTS (SELECT FROM ours o WHERE o.metric = r.metric AND o.period = r.period);
-- the partial quarters are missing, not sums of fewer months
SELECT s.series, s.kind, missing_months(to_frequency(s, 'quarter')) AS missing_quarters
FROM s ORDER BY 1, 2;

RESET search_path;
DROP SCHEMA oracle_ranges_test CASCADE;
