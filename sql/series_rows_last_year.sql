--
-- series_rows(s, fy_start_month, method): 1.0's columns with year-to-date
-- by 'sum', 'avg' or 'last', then last year's value and year-to-date beside
-- this year's (value_last_year, ytd_last_year).  Checked against values
-- worked out by hand and against the accessors row by row (the real gas
-- production data: series_rows_last_year_realdata.sql); and every 1.0 call
-- of series_rows still reaches 1.0's function.
--
SET datestyle = ISO, YMD;
-- objects of this test live in their own schema, dropped at the end
CREATE SCHEMA series_rows_last_year_test;
SET search_path = series_rows_last_year_test, public;

CREATE FUNCTION p(x double precision) RETURNS numeric
	LANGUAGE sql IMMUTABLE AS $$ SELECT trim_scale(round(x::numeric, 9)) $$;

-- small: 2020-01 .. 2023-03 (39 months); month j of the span (j = 0 .. 38)
-- holds 10 + j, except 2022-11 (j = 34), which is missing.
--   2020-01 10, 2020-02 11, ..., 2020-12 21, 2021-01 22, ..., 2021-12 33,
--   2022-01 34, ..., 2022-10 43, [2022-11], 2022-12 45, 2023-01 46, ..., 2023-03 48
CREATE TABLE small (period date, value numeric);
INSERT INTO small
SELECT (date '2020-01-01' + j * interval '1 month')::date, 10 + j
FROM generate_series(0, 38) j WHERE j <> 34;

CREATE TABLE series_t AS
	SELECT 'numeric' AS kind, series_agg(period, value) AS s FROM small
	UNION ALL
	SELECT 'float8', series_agg(period, value::float8) FROM small;

--
-- Which function each call reaches: 1.0's calls keep 1.0's six columns,
-- including an untyped or unknown-typed fiscal year (psql literals, drivers'
-- parameters); only three arguments reach the new form, with eight.
--
PREPARE one_arg AS SELECT * FROM series_rows($1::indicator_series);
PREPARE untyped_fy AS SELECT * FROM series_rows($1::indicator_series, '7');
PREPARE unknown_fy AS SELECT * FROM series_rows($1::indicator_series, $2);
PREPARE named_fy AS SELECT * FROM series_rows(s => $1::indicator_series, fy_start_month => $2);
PREPARE three AS SELECT * FROM series_rows($1::indicator_series, $2, $3);
PREPARE three_untyped AS SELECT * FROM series_rows($1::indicator_series, '1', 'avg');
SELECT name, parameter_types FROM pg_prepared_statements ORDER BY name;
-- 2024-05 of a one-month series, under fiscal years starting in July: ytd NULL
EXECUTE one_arg('numeric {2024-05: 7.25}');
EXECUTE untyped_fy('numeric {2024-05: 7.25}');
EXECUTE unknown_fy('numeric {2024-05: 7.25}', '7');
EXECUTE named_fy('numeric {2024-05: 7.25}', '7');
EXECUTE three('numeric {2024-05: 7.25}', '7', 'sum');
EXECUTE three_untyped('numeric {2024-05: 7.25}');
DEALLOCATE ALL;
SELECT * FROM series_rows('numeric {2024-05: 7.25}', 5);
SELECT * FROM series_rows('numeric {2024-05: 7.25}', '5', 'sum');

--
-- Hand values, calendar years ('sum'):
-- 2020-03: 12; last year outside the span: value_last_year, ytd_last_year NULL;
--          ytd 10 + 11 + 12 = 33
-- 2021-03: 24; value_last_year 12 (2020-03); ytd 22 + 23 + 24 = 69;
--          ytd_last_year 33; ytd growth (69 - 33) / 33 = 109.090909091%
-- 2022-11: missing: value, ytd NULL; value_last_year 32 (2021-11);
--          ytd_last_year 22 + ... + 32 = 11 * 27 = 297 (last year's is complete)
-- 2022-12: 45; value_last_year 33; ytd NULL (November missing), so no growth;
--          ytd_last_year 22 + ... + 33 = 330
-- 2023-01: 46; value_last_year 34; ytd 46; ytd_last_year 34; growth 12 / 34 = 35.294117647%
-- 2023-03: 48; value_last_year 36; ytd 46 + 47 + 48 = 141; ytd_last_year 34 + 35 + 36 = 105;
--          growth 36 / 105 = 34.285714286%
SELECT kind, r.period, r.value, r.value_last_year, r.ytd, r.ytd_last_year, p(r.ytd_growth_pct) AS ytd_growth
FROM series_t, series_rows(s, 1, 'sum') r
WHERE r.period IN ('2020-03-01', '2021-03-01', '2022-11-01', '2022-12-01', '2023-01-01', '2023-03-01')
ORDER BY kind, r.period;

-- 'avg' (indices, rates): the average of the months so far, as avg(numeric) over
-- those rows gives it; growth as for the sums
-- 2021-03: (22 + 23 + 24) / 3 = 23, last year (10 + 11 + 12) / 3 = 11; 109.090909091%
-- 2022-11: last year 297 / 11 = 27
-- 2023-03: 141 / 3 = 47, last year 105 / 3 = 35; 34.285714286%
SELECT r.period, r.value, r.value_last_year, r.ytd, r.ytd_last_year, p(r.ytd_growth_pct) AS ytd_growth,
	   (SELECT avg(value) FROM small WHERE period BETWEEN date_trunc('year', r.period) AND r.period) AS avg_of_rows
FROM series_t, series_rows(s, 1, 'avg') r
WHERE kind = 'numeric' AND r.period IN ('2021-03-01', '2022-11-01', '2023-03-01')
ORDER BY r.period;

-- 'last' (stocks): the month's own value, but only when the year so far is complete
-- 2021-03: 24, last year 12; growth (24 - 12) / 12 = 100%
-- 2022-12: NULL (November missing), last year 33
-- 2023-03: 48, last year 36; growth 12 / 36 = 33.333333333%
SELECT r.period, r.value, r.value_last_year, r.ytd, r.ytd_last_year, p(r.ytd_growth_pct) AS ytd_growth
FROM series_t, series_rows(s, 1, 'last') r
WHERE kind = 'numeric' AND r.period IN ('2021-03-01', '2022-12-01', '2023-03-01')
ORDER BY r.period;

-- Fiscal years starting in July ('sum'): FY 2022 = 2021-07 .. 2022-06
-- 2021-09: 30; value_last_year 18; ytd 28 + 29 + 30 = 87; ytd_last_year 16 + 17 + 18 = 51;
--          growth 36 / 51 = 70.588235294%
-- 2020-09: ytd 16 + 17 + 18 = 51 (FY 2021 starts 2020-07); last year outside the span
SELECT r.period, r.value, r.value_last_year, r.ytd, r.ytd_last_year, p(r.ytd_growth_pct) AS ytd_growth
FROM series_t, series_rows(s, 7, 'sum') r
WHERE kind = 'numeric' AND r.period IN ('2020-09-01', '2021-09-01')
ORDER BY r.period;

--
-- Row by row against the accessors, for every method and fiscal-year start:
--   the first six columns with 'sum' are 1.0's series_rows(s, fy) exactly;
--   value_last_year = value_at(s, period - 1 year);
--   ytd_last_year = this form's ytd of the same month last year; with 'sum' it is
--   ytd(s, period - 1 year, fy);
--   with 'avg', ytd = ytd('sum') / months since the start of the fiscal year;
--   with 'last', ytd = value wherever ytd('sum') is not NULL;
--   mom_pct and yoy_pct do not depend on the method; ytd_growth_pct is that of the
--   sums for 'avg', and yoy_pct for 'last' where both years' ytd exist.
-- Zero disagreements.
--
CREATE TABLE rows_t AS
SELECT kind, fy, method, r.*,
	   (SELECT count(*) FROM generate_series(make_date(fiscal_year(r.period, fy) - CASE WHEN fy > 1 THEN 1 ELSE 0 END, fy, 1),
											  r.period, interval '1 month')) AS months_into_year
FROM series_t, generate_series(1, 12) AS fy, (VALUES ('sum'), ('avg'), ('last')) AS m(method),
	 LATERAL series_rows(s, fy, method) r;

SELECT kind, method, count(*) AS rows, count(value_last_year) AS with_value_last_year,
	   count(ytd) AS with_ytd, count(ytd_last_year) AS with_ytd_last_year,
	   count(*) FILTER (WHERE value_last_year IS DISTINCT FROM value_at(s, (period - interval '1 year')::date)) AS value_last_year_off,
	   count(*) FILTER (WHERE ytd_last_year IS DISTINCT FROM
						(SELECT y.ytd FROM rows_t y WHERE (y.kind, y.fy, y.method) = (r.kind, r.fy, r.method)
						 AND y.period = (r.period - interval '1 year')::date)) AS ytd_last_year_off,
	   count(*) FILTER (WHERE mom_pct IS DISTINCT FROM mom_pct(s, period)
						OR yoy_pct IS DISTINCT FROM yoy_pct(s, period)) AS growth_off,
	   count(*) FILTER (WHERE ytd IS DISTINCT FROM
						CASE method WHEN 'sum' THEN ytd(s, period, fy)
									WHEN 'avg' THEN ytd(s, period, fy) / months_into_year
									ELSE CASE WHEN ytd(s, period, fy) IS NOT NULL THEN value END END) AS ytd_off,
	   count(*) FILTER (WHERE ytd_growth_pct IS DISTINCT FROM
						CASE method WHEN 'last' THEN CASE WHEN ytd IS NOT NULL AND ytd_last_year IS NOT NULL THEN yoy_pct(s, period) END
									ELSE ytd_growth_pct(s, period, fy) END) AS ytd_growth_off
FROM rows_t r JOIN series_t USING (kind)
GROUP BY kind, method ORDER BY kind, method;

-- with 'sum', the first six columns are 1.0's series_rows(s, fy), row for row
SELECT kind,
	   (SELECT count(*) FROM (SELECT fy, period, value, mom_pct, yoy_pct, ytd, ytd_growth_pct FROM rows_t r
							  WHERE r.kind = t.kind AND method = 'sum'
							  EXCEPT ALL
							  SELECT fy, o.* FROM generate_series(1, 12) fy, series_rows(t.s, fy) o) d)
	   + (SELECT count(*) FROM (SELECT fy, o.* FROM generate_series(1, 12) fy, series_rows(t.s, fy) o
								EXCEPT ALL
								SELECT fy, period, value, mom_pct, yoy_pct, ytd, ytd_growth_pct FROM rows_t r
								WHERE r.kind = t.kind AND method = 'sum') d) AS rows_differing
FROM series_t t ORDER BY kind;

-- NULL arguments: no rows (STRICT)
SELECT count(*) FROM series_rows('numeric {2024-05: 7.25}', 1, NULL);
SELECT count(*) FROM series_rows('numeric {2024-05: 7.25}', NULL, 'sum');

-- Errors: an unknown method, a fiscal year starting outside 1 .. 12: 22023
\set VERBOSITY sqlstate
SELECT * FROM series_rows('numeric {2024-05: 7.25}', 1, 'total');
SELECT * FROM series_rows('numeric {2024-05: 7.25}', 13, 'sum');
\set VERBOSITY default
SELECT * FROM series_rows('numeric {2024-05: 7.25}', 1, 'total');

RESET search_path;
DROP SCHEMA series_rows_last_year_test CASCADE;
