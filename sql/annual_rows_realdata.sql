--
-- annual_rows on real data that is not in the repository (make
-- installcheck-realdata): ../shared/data/real/forecast_gas.csv and
-- reference_forecast_gas.csv (see that directory's README.md for their
-- source and terms).  Split from annual_rows.sql, whose other tests need
-- nothing outside the repository.
--
SET datestyle = ISO, YMD;
-- objects of this test live in their own schema, dropped at the end
CREATE SCHEMA annual_rows_realdata_test;
SET search_path = annual_rows_realdata_test, public;

--
-- The real data: Australian monthly gas production, 1956-01 .. 1995-08, against
-- reference_forecast_gas.csv (pandas, cross-checked with R; see
-- ../shared/data/real/README.md): annual_months for every year; annual_total
-- where the year is complete (the reference's 1995 total sums the 8 months
-- present, and annual_rows gives NULL there); annual_yoy_pct 1957 .. 1994.
--
CREATE TABLE gas (series text, period date, value numeric);
\copy gas FROM '../shared/data/real/forecast_gas.csv' (FORMAT csv, HEADER)
CREATE TABLE ref (series text, metric text, period date, value double precision);
\copy ref FROM '../shared/data/real/reference_forecast_gas.csv' (FORMAT csv, HEADER)

CREATE TABLE gas_t AS
	SELECT 'numeric' AS kind, series_agg(period, value) AS s FROM gas
	UNION ALL
	SELECT 'float8', series_agg(period, value::float8) FROM gas;

-- 40 years per path; the reference's 40 + 39 + 38 rows matched (1e-9 relative),
-- 1995 NULL with 8 months; the growth of 1956 (no 1955) and 1995 (incomplete) NULL
SELECT g.kind, count(*) AS years, min(r.year), max(r.year),
	   count(*) FILTER (WHERE rm.value IS DISTINCT FROM r.months) AS months_off,
	   count(rt.value) FILTER (WHERE r.months = 12) AS totals_checked,
	   count(*) FILTER (WHERE r.months = 12 AND (r.value IS NULL OR abs(r.value::float8 - rt.value) > 1e-9 * abs(rt.value))) AS totals_off,
	   count(ry.value) AS growth_checked,
	   count(*) FILTER (WHERE ry.value IS NOT NULL AND (r.growth_pct IS NULL OR abs(r.growth_pct - ry.value) > 1e-9 * abs(ry.value))) AS growth_off,
	   count(*) FILTER (WHERE ry.value IS NULL AND r.growth_pct IS NOT NULL) AS growth_not_null_where_reference_has_none,
	   string_agg(r.year || ': ' || coalesce(r.value::text, 'NULL') || ', ' || r.months, '; ') FILTER (WHERE r.months < 12) AS incomplete
FROM gas_t g, annual_rows(g.s) r
	 LEFT JOIN ref rm ON rm.metric = 'annual_months' AND rm.period = make_date(r.year, 1, 1)
	 LEFT JOIN ref rt ON rt.metric = 'annual_total' AND rt.period = make_date(r.year, 1, 1)
	 LEFT JOIN ref ry ON ry.metric = 'annual_yoy_pct' AND ry.period = make_date(r.year, 1, 1)
GROUP BY g.kind ORDER BY g.kind;

RESET search_path;
DROP SCHEMA annual_rows_realdata_test CASCADE;
