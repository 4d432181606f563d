-- 03_real_data.sql: results on real published data, checked against values
-- computed independently of indicator.
--
-- Data (see ../shared/data/real/README.md): forecast_gas.csv, Australian
-- monthly gas production 1956-01 .. 1995-08 (476 months, none missing; 1995
-- has only 8 months), and vega_unemployment_across_industries.csv, US
-- unemployed persons by industry, 14 series of 2000-01 .. 2010-02.
-- Reference: reference_forecast_gas.csv, computed from forecast_gas.csv with
-- pandas 1.5.3 and cross-checked with R 4.2.2; percentages are compared with
-- a relative tolerance of 1e-9, as its README says.  The figures quoted
-- below name their row of that file (line numbers count the header as 1).
--
-- pg_prove runs this file with psql from the repository root (test/run.sh
-- changes there), so \copy reads the data beside the repository.
BEGIN;
SELECT plan(44);

CREATE TEMP TABLE gas (series text, period date, value numeric) ON COMMIT DROP;
\copy gas FROM '../shared/data/real/forecast_gas.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE ref (series text, metric text, period date, value numeric) ON COMMIT DROP;
\copy ref FROM '../shared/data/real/reference_forecast_gas.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE vega (series text, period date, value numeric) ON COMMIT DROP;
\copy vega FROM '../shared/data/real/vega_unemployment_across_industries.csv' WITH (FORMAT csv, HEADER)

CREATE TEMP TABLE gs ON COMMIT DROP AS
	SELECT series_agg(period, value) AS s,
		   series_agg(period, value::double precision) AS f,
		   series_agg(period, value::integer) AS i
	  FROM gas;
CREATE TEMP TABLE vs ON COMMIT DROP AS
	SELECT series, series_agg(period, value) AS s FROM vega GROUP BY series;

-- |got - want| <= 1e-9 * |want|, both NULL counting as equal
CREATE FUNCTION pg_temp.close(got double precision, want double precision) RETURNS boolean
	LANGUAGE sql IMMUTABLE
	AS $$SELECT CASE WHEN got IS NULL OR want IS NULL THEN got IS NULL AND want IS NULL
					 ELSE abs(got - want) <= 1e-9 * abs(want) END$$;

------------------------------------------------------------------------------
-- The data loaded (3 tests)
------------------------------------------------------------------------------

SELECT is((SELECT count(*) FROM gas), 476::bigint, 'forecast_gas.csv: 476 rows loaded');
SELECT is((SELECT count(*) FROM ref), 700::bigint, 'reference_forecast_gas.csv: 700 rows loaded');
SELECT is((SELECT count(*) FROM vega), 1708::bigint, 'vega_unemployment_across_industries.csv: 1708 rows loaded');

------------------------------------------------------------------------------
-- Gas production: the span (5 tests)
------------------------------------------------------------------------------

SELECT is(month_count(s), 476, 'gas: month_count is 476') FROM gs;
SELECT is(missing_months(s), '{}'::date[], 'gas: no month missing') FROM gs;
SELECT is(first_month(s), '1956-01-01'::date, 'gas: the span starts in January 1956') FROM gs;
SELECT is(last_month(s), '1995-08-01'::date, 'gas: the span ends in August 1995') FROM gs;
SELECT is(value_at(s, '1956-02-14'), 1646::numeric, 'gas: February 1956 is 1646 (forecast_gas.csv line 3)') FROM gs;

------------------------------------------------------------------------------
-- Gas production: figures quoted from the reference (12 tests)
------------------------------------------------------------------------------

-- line 2: annual_total 1956 = 24497.0; 1955 is not in the data, so no growth
SELECT is(annual(s, 1956), 24497::numeric, 'gas: annual 1956 = 24497') FROM gs;
SELECT is(annual_growth_pct(s, 1956), NULL, 'gas: no annual growth for 1956 (no 1955)') FROM gs;
-- line 5: annual_total 1957 = 25237.0
SELECT is(annual(s, 1957), 25237::numeric, 'gas: annual 1957 = 25237') FROM gs;
-- line 7: annual_yoy_pct 1957 = 3.0207780544556475
SELECT ok(abs(annual_growth_pct(s, 1957) - 3.0207780544556475) < 1e-9,
		  'gas: annual growth 1957 = 3.0207780544556475 %') FROM gs;
-- line 8: ytd_jun_total 1957 = 11890.0
SELECT is(ytd(s, '1957-06-01'), 11890::numeric, 'gas: ytd to June 1957 = 11890') FROM gs;
-- line 10: ytd_jun_yoy_pct 1957 = 3.202846975088968
SELECT ok(abs(ytd_growth_pct(s, '1957-06-01') - 3.202846975088968) < 1e-9,
		  'gas: ytd growth to June 1957 = 3.202846975088968 %') FROM gs;
-- line 234: annual_months 1995 = 8.0, so 1995 has no annual figure
SELECT is(annual(s, 1995), NULL, 'gas: annual 1995 is NULL (8 months)') FROM gs;
SELECT is(annual_growth_pct(s, 1995), NULL, 'gas: annual growth 1995 is NULL (8 months)') FROM gs;
-- line 233: annual_total 1995 = 423388.0, the sum of its 8 months: ytd through August
SELECT is(ytd(s, '1995-08-01'), 423388::numeric, 'gas: ytd to August 1995 = 423388') FROM gs;
SELECT is(ytd(s, '1995-08-31'), 423388::numeric, 'gas: any day of August 1995 stands for the month') FROM gs;
-- line 237: ytd_jun_yoy_pct 1995 = 3.6426188854543233
SELECT ok(abs(ytd_growth_pct(s, '1995-06-01') - 3.6426188854543233) < 1e-9,
		  'gas: ytd growth to June 1995 = 3.6426188854543233 %') FROM gs;
-- past the span: no month, no figure
SELECT is(ytd(s, '1995-09-01'), NULL, 'gas: ytd to September 1995 (after the span) is NULL') FROM gs;

------------------------------------------------------------------------------
-- Gas production: every figure of the reference (6 tests)
-- Each lists the years or months that disagree; a metric the reference
-- cannot compute has no row there and must be NULL here.
------------------------------------------------------------------------------

SELECT is(
	ARRAY(SELECT y FROM gs, generate_series(1956, 1995) y
		   WHERE annual(s, y) IS DISTINCT FROM
				 (SELECT t.value FROM ref t JOIN ref m ON m.period = t.period
				   WHERE t.metric = 'annual_total' AND m.metric = 'annual_months'
					 AND m.value = 12 AND t.period = make_date(y, 1, 1))
		   ORDER BY y),
	'{}'::int[],
	'gas: annual(s, Y) is the reference annual_total of every complete year, NULL otherwise');

SELECT is(
	ARRAY(SELECT y FROM gs, generate_series(1956, 1995) y
		   WHERE NOT pg_temp.close(annual_growth_pct(s, y),
								   (SELECT value FROM ref WHERE metric = 'annual_yoy_pct'
									  AND period = make_date(y, 1, 1))::double precision)
		   ORDER BY y),
	'{}'::int[],
	'gas: annual_growth_pct(s, Y) is the reference annual_yoy_pct of every year (38 figures)');

SELECT is(
	ARRAY(SELECT y FROM gs, generate_series(1956, 1995) y
		   WHERE ytd(s, make_date(y, 6, 1)) IS DISTINCT FROM
				 (SELECT value FROM ref WHERE metric = 'ytd_jun_total' AND period = make_date(y, 1, 1))
		   ORDER BY y),
	'{}'::int[],
	'gas: ytd(s, June of Y) is the reference ytd_jun_total of every year (40 figures)');

SELECT is(
	ARRAY(SELECT y FROM gs, generate_series(1956, 1995) y
		   WHERE NOT pg_temp.close(ytd_growth_pct(s, make_date(y, 6, 1)),
								   (SELECT value FROM ref WHERE metric = 'ytd_jun_yoy_pct'
									  AND period = make_date(y, 1, 1))::double precision)
		   ORDER BY y),
	'{}'::int[],
	'gas: ytd_growth_pct(s, June of Y) is the reference ytd_jun_yoy_pct of every year (39 figures)');

SELECT is(
	ARRAY(SELECT m::date FROM gs, generate_series('1956-01-01'::date, '1995-08-01', '1 month') m
		   WHERE NOT pg_temp.close(yoy_pct(s, m::date),
								   (SELECT value FROM ref WHERE metric = 'monthly_yoy_pct'
									  AND period = m::date)::double precision)
		   ORDER BY 1),
	'{}'::date[],
	'gas: yoy_pct(s, month) is the reference monthly_yoy_pct of every month (464 figures, NULL in 1956)');

SELECT is(
	ARRAY(SELECT r.period FROM gs, series_rows(s) r
		   WHERE NOT pg_temp.close(r.yoy_pct,
								   (SELECT value FROM ref WHERE metric = 'monthly_yoy_pct'
									  AND period = r.period)::double precision)
			  OR (extract(month FROM r.period) = 6 AND r.ytd IS DISTINCT FROM
				  (SELECT value FROM ref WHERE metric = 'ytd_jun_total'
					AND period = date_trunc('year', r.period)::date))
			  OR (extract(month FROM r.period) = 6 AND NOT pg_temp.close(r.ytd_growth_pct,
				  (SELECT value FROM ref WHERE metric = 'ytd_jun_yoy_pct'
					AND period = date_trunc('year', r.period)::date)::double precision))
		   ORDER BY 1),
	'{}'::date[],
	'gas: series_rows gives the reference yoy_pct of every month, and ytd and ytd growth of every June');

------------------------------------------------------------------------------
-- Gas production: series_rows and the other kinds of series (7 tests)
------------------------------------------------------------------------------

SELECT set_eq(
	'SELECT r.period, r.value FROM gs, series_rows(s) r',
	'SELECT period, value FROM gas',
	'gas: series_rows gives back every (period, value) row of the file, and no other');

SELECT is((SELECT count(*) FROM gs, series_rows(s)), 476::bigint, 'gas: series_rows has one row per month');

-- the same figures from a double precision series and an integer series
SELECT is(annual(f, 1957), 25237::numeric, 'gas, double precision: annual 1957 = 25237') FROM gs;
SELECT ok(abs(annual_growth_pct(f, 1957) - 3.0207780544556475) < 1e-9,
		  'gas, double precision: annual growth 1957 = 3.0207780544556475 %') FROM gs;
SELECT ok(abs(ytd_growth_pct(f, '1957-06-01') - 3.202846975088968) < 1e-9,
		  'gas, double precision: ytd growth to June 1957 = 3.202846975088968 %') FROM gs;
SELECT is(ytd(i, '1995-08-01'), 423388::numeric, 'gas, integer: ytd to August 1995 = 423388') FROM gs;
SELECT is(annual(i, 1995), NULL, 'gas, integer: annual 1995 is NULL') FROM gs;

------------------------------------------------------------------------------
-- Unemployment by industry: one series per industry (11 tests)
-- Checked against plain SQL over the same rows.
------------------------------------------------------------------------------

SELECT is((SELECT count(*) FROM vs), 14::bigint, 'vega: 14 industries, one series each');

SELECT is(
	ARRAY(SELECT series FROM vs
		   WHERE month_count(s) <> 122 OR missing_months(s) <> '{}'
			  OR first_month(s) <> '2000-01-01' OR last_month(s) <> '2010-02-01'
		   ORDER BY 1),
	'{}'::text[],
	'vega: every industry holds the 122 months 2000-01 .. 2010-02, none missing');

SELECT results_eq(
	'SELECT series, annual(s, 2005) FROM vs ORDER BY series',
	$$SELECT series, sum(value) FROM vega
	   WHERE period >= '2005-01-01' AND period < '2006-01-01'
	   GROUP BY series ORDER BY series$$,
	'vega: annual(s, 2005) is the sum of 2005 for every industry');

SELECT set_eq(
	'SELECT series, y, annual(s, y) FROM vs, generate_series(2000, 2009) y',
	$$SELECT series, extract(year FROM period)::int, sum(value) FROM vega
	   GROUP BY 1, 2 HAVING count(*) = 12$$,
	'vega: annual(s, Y) is the sum of Y for every industry and every complete year 2000 .. 2009');

SELECT is(
	ARRAY(SELECT series FROM vs WHERE annual(s, 2010) IS NOT NULL ORDER BY 1),
	'{}'::text[],
	'vega: annual 2010 is NULL for every industry (two months of 2010)');

SELECT results_eq(
	'SELECT series, ytd(s, ''2010-02-01'') FROM vs ORDER BY series',
	$$SELECT series, sum(value) FROM vega WHERE period >= '2010-01-01' GROUP BY series ORDER BY series$$,
	'vega: ytd to February 2010 is January + February 2010 for every industry');

-- unemployed persons are a stock: 'last' takes December, 'avg' the year's sum / 12
SELECT results_eq(
	$$SELECT series, annual(s, 2008, 'last') FROM vs ORDER BY series$$,
	$$SELECT series, value FROM vega WHERE period = '2008-12-01' ORDER BY series$$,
	'vega: annual(s, 2008, ''last'') is December 2008 for every industry');

SELECT results_eq(
	$$SELECT series, annual(s, 2008, 'avg') FROM vs ORDER BY series$$,
	$$SELECT series, sum(value) / 12 FROM vega
	   WHERE period >= '2008-01-01' AND period < '2009-01-01'
	   GROUP BY series ORDER BY series$$,
	'vega: annual(s, 2008, ''avg'') is the sum of 2008 / 12 for every industry');

SELECT set_eq(
	'SELECT series, r.period, r.value FROM vs, series_rows(s) r',
	'SELECT series, period, value FROM vega',
	'vega: series_rows gives back every (series, period, value) row of the file');

-- no month is missing, so lag() is correct here and serves as the reference
SELECT is(
	ARRAY(SELECT series || ' ' || period
			FROM (SELECT v.series, v.period,
						 ((v.value - lag(v.value) OVER w) / abs(lag(v.value) OVER w) * 100)::double precision AS want,
						 mom_pct(vs.s, v.period) AS got
					FROM vega v JOIN vs USING (series)
				  WINDOW w AS (PARTITION BY v.series ORDER BY v.period)) x
		   WHERE NOT pg_temp.close(got, want)
		   ORDER BY 1),
	'{}'::text[],
	'vega: mom_pct is (v - previous) / |previous| * 100 for every industry and month');

SELECT is(
	ARRAY(SELECT series || ' ' || period
			FROM (SELECT v.series, v.period,
						 ((v.value - lag(v.value, 12) OVER w) / abs(lag(v.value, 12) OVER w) * 100)::double precision AS want,
						 yoy_pct(vs.s, v.period) AS got
					FROM vega v JOIN vs USING (series)
				  WINDOW w AS (PARTITION BY v.series ORDER BY v.period)) x
		   WHERE NOT pg_temp.close(got, want)
		   ORDER BY 1),
	'{}'::text[],
	'vega: yoy_pct is (v - same month last year) / |that| * 100 for every industry and month');

SELECT * FROM finish();
ROLLBACK;
