--
-- Oracle test of the STL decomposition on real series (../shared/data/real,
-- not in the repository: partly GPL): Australian monthly gas production
-- 1956-01 .. 1995-08 (476 months, the last year partial), the Dutch retail
-- sales index 1960-05 .. 1995-09 (425 months), UK quarterly gas consumption
-- 1960-Q1 .. 1986-Q4 (108 quarters) and the 14 US unemployment series by
-- industry 2000-01 .. 2010-02 (122 months each).
--
-- The reference is computed at run time, independently, by statsmodels' STL
-- with the same parameters (test/oracle/stl_reference.py: its docstring
-- gives them; neither the data nor derived tables are committed), for five
-- configurations: seasonal 7 and 13, robust or not, and the multiplicative
-- model (STL of the logarithm) robust or not.
--
-- Tolerances: every component of every period within 1e-6 x the series'
-- largest absolute value (of the logarithm, for the multiplicative model's
-- components); the multiplicative model's adjusted series within a relative
-- 1e-6.  Printed: the periods compared, and whether the largest difference
-- is within the tolerance, never the floats themselves.
-- Needs /usr/bin/python3 with statsmodels (Debian's python3-statsmodels).
--
SET datestyle = ISO, YMD;
CREATE SCHEMA seasonal_realdata_test;
SET search_path = seasonal_realdata_test, public;

CREATE TABLE raw (series text, period date, value numeric);
\copy raw FROM '../shared/data/real/forecast_gas.csv' (FORMAT csv, HEADER)
\copy raw FROM '../shared/data/real/aer_dutchsales.csv' (FORMAT csv, HEADER)
\copy raw FROM '../shared/data/real/r_ukgas_quarterly.csv' (FORMAT csv, HEADER)
\copy raw FROM '../shared/data/real/vega_unemployment_across_industries.csv' (FORMAT csv, HEADER)
\! /usr/bin/python3 test/oracle/stl_reference.py results/stl_reference.csv ../shared/data/real/forecast_gas.csv ../shared/data/real/aer_dutchsales.csv ../shared/data/real/r_ukgas_quarterly.csv ../shared/data/real/vega_unemployment_across_industries.csv
CREATE TABLE ref (series text, config text, period date, observed double precision,
				  trend double precision, seasonal double precision,
				  remainder double precision, adjusted double precision);
\copy ref FROM 'results/stl_reference.csv' (FORMAT csv, HEADER)

-- the data: 17 series, every period present
SELECT series, count(*) AS periods, count(value) AS present, min(period), max(period)
FROM raw GROUP BY series ORDER BY series;
-- the reference: every period of every series in each of the five configurations
SELECT config, count(*) AS rows, count(DISTINCT series) AS series FROM ref GROUP BY config ORDER BY config;

-- the series: UK gas is quarterly; each kept as numeric and as float8
CREATE TABLE s AS
	SELECT series, series_agg(period, value, CASE WHEN series = 'uk_gas_consumption' THEN 'quarter' ELSE 'month' END) AS s,
		   series_agg(period, value::float8, CASE WHEN series = 'uk_gas_consumption' THEN 'quarter' ELSE 'month' END) AS f
	FROM raw GROUP BY series;
SELECT series, frequency(s), month_count(s), frequency(f), month_count(f) FROM s ORDER BY series;

CREATE TABLE config (config text, seasonal int, robust boolean, multiplicative boolean);
INSERT INTO config VALUES
	('ns7', 7, false, false), ('ns7_robust', 7, true, false), ('ns13', 13, false, false),
	('ns7_mult', 7, false, true), ('ns7_mult_robust', 7, true, true);

-- ours, for every series and configuration: stl_rows (additive) and
-- seasonal_adjust and trend (both models), from the numeric series (the
-- series' values read back as numeric: 15 significant digits)
CREATE TABLE ours AS
	SELECT s.series, c.config, r.period, r.observed, r.trend, r.seasonal, r.remainder,
		   value_at(x.adjusted, r.period)::float8 AS adjusted,
		   value_at(x.trend, r.period)::float8 AS trend_fn
	FROM s, config c,
		 LATERAL (SELECT seasonal_adjust(s.s, c.seasonal, c.robust, 'additive') AS adjusted,
						 trend(s.s, c.seasonal, c.robust) AS trend OFFSET 0) x,
		 stl_rows(s.s, c.seasonal, c.robust) r
	WHERE NOT c.multiplicative
	UNION ALL
	SELECT s.series, c.config, p.period, NULL, NULL, NULL, NULL, p.value::float8, NULL
	FROM s, config c, series_rows(seasonal_adjust(s.s, c.seasonal, c.robust, 'multiplicative')) p
	WHERE c.multiplicative;

-- every reference row has its row of ours, and no more
SELECT count(*) AS ref_rows, count(o.series) AS matched,
	   (SELECT count(*) FROM ours) AS our_rows
FROM ref LEFT JOIN ours o USING (series, config, period);

-- the additive components: within 1e-6 of the series' scale
WITH scale AS (SELECT series, max(abs(value))::float8 AS scale FROM raw GROUP BY series)
SELECT ref.config, count(*) AS periods,
	   max(abs(o.observed - ref.observed) / scale) = 0 AS observed_exact,
	   max(abs(o.trend - ref.trend) / scale) < 1e-6 AS trend_ok,
	   max(abs(o.seasonal - ref.seasonal) / scale) < 1e-6 AS seasonal_ok,
	   max(abs(o.remainder - ref.remainder) / scale) < 1e-6 AS remainder_ok,
	   max(abs(o.adjusted - ref.adjusted) / scale) < 1e-6 AS adjusted_ok,
	   max(abs(o.trend_fn - ref.trend) / scale) < 1e-6 AS trend_fn_ok
FROM ref JOIN ours o USING (series, config, period) JOIN scale USING (series)
WHERE ref.config IN ('ns7', 'ns7_robust', 'ns13')
GROUP BY ref.config ORDER BY ref.config;

-- the same per series, for the record (all within 1e-6 by far: the
-- largest relative difference is below 1e-9)
WITH scale AS (SELECT series, max(abs(value))::float8 AS scale FROM raw GROUP BY series)
SELECT ref.series, count(*) AS periods,
	   max(greatest(abs(o.trend - ref.trend), abs(o.seasonal - ref.seasonal),
					abs(o.remainder - ref.remainder)) / scale) < 1e-9 AS within_1e9
FROM ref JOIN ours o USING (series, config, period) JOIN scale USING (series)
WHERE ref.config IN ('ns7', 'ns7_robust', 'ns13')
GROUP BY ref.series ORDER BY ref.series;

-- the multiplicative model: the adjusted series within a relative 1e-6
SELECT ref.config, count(*) AS periods,
	   max(abs(o.adjusted - ref.adjusted) / abs(ref.adjusted)) < 1e-6 AS adjusted_ok
FROM ref JOIN ours o USING (series, config, period)
WHERE ref.config IN ('ns7_mult', 'ns7_mult_robust')
GROUP BY ref.config ORDER BY ref.config;

-- and its components, of the logarithm: stl_rows of the series of logarithms
WITH logs AS (
	SELECT series, series_agg(period, ln(value)::float8,
							  CASE WHEN series = 'uk_gas_consumption' THEN 'quarter' ELSE 'month' END) AS l,
		   max(abs(ln(value)))::float8 AS scale
	FROM raw GROUP BY series)
SELECT ref.config, count(*) AS periods,
	   max(greatest(abs(r.trend - ref.trend), abs(r.seasonal - ref.seasonal),
					abs(r.remainder - ref.remainder)) / scale) < 1e-6 AS components_ok
FROM logs, config c, stl_rows(logs.l, c.seasonal, c.robust) r
JOIN ref ON ref.period = r.period
WHERE c.multiplicative AND ref.series = logs.series AND ref.config = c.config
GROUP BY ref.config ORDER BY ref.config;

-- a float8 series of the same values decomposes alike (bit for bit)
SELECT count(*) AS series, bool_and(seasonal_adjust(s) = seasonal_adjust(f)) AS additive_equal,
	   bool_and(trend(s, 13, true) = trend(f, 13, true)) AS robust_trend_equal
FROM s;

DROP SCHEMA seasonal_realdata_test CASCADE;
