--
-- series_rows(s, fy_start_month, method) on real data that is not in the repository (make
-- installcheck-realdata): ../shared/data/real/forecast_gas.csv and
-- reference_forecast_gas.csv (see that directory's README.md for their
-- source and terms).  Split from series_rows_last_year.sql, whose other tests need
-- nothing outside the repository.
--
SET datestyle = ISO, YMD;
-- objects of this test live in their own schema, dropped at the end
CREATE SCHEMA series_rows_last_year_realdata_test;
SET search_path = series_rows_last_year_realdata_test, public;

--
-- The real data: Australian monthly gas production, 1956-01 .. 1995-08, against
-- reference_forecast_gas.csv (pandas, cross-checked with R): ytd_jun_prev_total
-- (the year before's January .. June, 1957 .. 1995) is ytd_last_year at June,
-- and ytd_jun_total is ytd at June (1956 .. 1995), within 1e-9 relative
--
CREATE TABLE gas (series text, period date, value numeric);
\copy gas FROM '../shared/data/real/forecast_gas.csv' (FORMAT csv, HEADER)
CREATE TABLE ref (series text, metric text, period date, value double precision);
\copy ref FROM '../shared/data/real/reference_forecast_gas.csv' (FORMAT csv, HEADER)

CREATE TABLE gas_t AS
	SELECT 'numeric' AS kind, series_agg(period, value) AS s FROM gas
	UNION ALL
	SELECT 'float8', series_agg(period, value::float8) FROM gas;

-- 40 Junes; 39 ytd_last_year checked (1956 has no 1955), 40 ytd; none off
SELECT g.kind, count(*) AS junes,
	   count(rp.value) AS prev_checked,
	   count(*) FILTER (WHERE (rp.value IS NULL) <> (r.ytd_last_year IS NULL)
						OR abs(r.ytd_last_year::float8 - rp.value) > 1e-9 * abs(rp.value)) AS prev_off,
	   count(rt.value) AS ytd_checked,
	   count(*) FILTER (WHERE (rt.value IS NULL) <> (r.ytd IS NULL)
						OR abs(r.ytd::float8 - rt.value) > 1e-9 * abs(rt.value)) AS ytd_off
FROM gas_t g, series_rows(g.s, 1, 'sum') r
	 LEFT JOIN ref rp ON rp.metric = 'ytd_jun_prev_total' AND rp.period = date_trunc('year', r.period)
	 LEFT JOIN ref rt ON rt.metric = 'ytd_jun_total' AND rt.period = date_trunc('year', r.period)
WHERE extract(month FROM r.period) = 6
GROUP BY g.kind ORDER BY g.kind;

RESET search_path;
DROP SCHEMA series_rows_last_year_realdata_test CASCADE;
