--
-- series_rows on real data that is not in the repository (make
-- installcheck-realdata): ../shared/data/real/forecast_gas.csv (see that
-- directory's README.md for its source and terms).  Split from
-- series_rows.sql, whose other tests need nothing outside the repository.
--
SET datestyle = ISO, YMD;
-- objects of this test live in their own schema, dropped at the end
CREATE SCHEMA series_rows_realdata_test;
SET search_path = series_rows_realdata_test, public;

--
-- The real data: Australian monthly gas production, 1956-01 .. 1995-08,
-- 476 months, none missing
--
CREATE TABLE gas (series text, period date, value numeric);
\copy gas FROM '../shared/data/real/forecast_gas.csv' (FORMAT csv, HEADER)

CREATE TABLE gas_t AS
	SELECT 'numeric' AS kind, series_agg(period, value) AS s FROM gas
	UNION ALL
	SELECT 'float8', series_agg(period, value::float8) FROM gas;

-- every month of the span, each with its value: 476 rows, 476 values, and every
-- value equal to the table's row for that month
SELECT kind, fy, count(*) AS rows, count(r.value) AS with_value,
	   count(*) FILTER (WHERE g.value IS DISTINCT FROM r.value) AS differs_from_table
FROM gas_t, (VALUES (1), (7)) AS f(fy), LATERAL series_rows(s, fy) r
	 LEFT JOIN gas g ON g.period = r.period
GROUP BY kind, fy ORDER BY kind, fy;

-- every row agrees with the accessors: zero disagreements
SELECT kind, fy, count(*) AS rows,
	   count(*) FILTER (WHERE r.value IS DISTINCT FROM value_at(s, r.period)) AS value_off,
	   count(*) FILTER (WHERE r.mom_pct IS DISTINCT FROM mom_pct(s, r.period)) AS mom_off,
	   count(*) FILTER (WHERE r.yoy_pct IS DISTINCT FROM yoy_pct(s, r.period)) AS yoy_off,
	   count(*) FILTER (WHERE r.ytd IS DISTINCT FROM ytd(s, r.period, fy)) AS ytd_off,
	   count(*) FILTER (WHERE r.ytd_growth_pct IS DISTINCT FROM ytd_growth_pct(s, r.period, fy)) AS ytd_growth_off
FROM gas_t, (VALUES (1), (7)) AS f(fy), LATERAL series_rows(s, fy) r
GROUP BY kind, fy ORDER BY kind, fy;

-- figures present: mom 475 (all but the first month), yoy 464 (all but 1956);
-- ytd, fy 1: all 476; ytd growth, fy 1: 476 - 12 = 464;
-- ytd, fy 7: the span starts in January, inside FY 1956 (Jul 1955 .. Jun 1956),
-- so Jan..Jun 1956 have none: 470; ytd growth, fy 7: from Jul 1957 on: 476 - 18 = 458
SELECT kind, fy, count(r.mom_pct) AS mom, count(r.yoy_pct) AS yoy, count(r.ytd) AS ytd,
	   count(r.ytd_growth_pct) AS ytd_growth
FROM gas_t, (VALUES (1), (7)) AS f(fy), LATERAL series_rows(s, fy) r
GROUP BY kind, fy ORDER BY kind, fy;

RESET search_path;
DROP SCHEMA series_rows_realdata_test CASCADE;
