--
-- annual_rows(s, method, fy_start_month): one row per fiscal year of the
-- span (year, value, growth_pct, months), against values worked out by
-- hand and against annual() and annual_growth_pct() year by year (the real
-- gas production data: annual_rows_realdata.sql).
--
SET datestyle = ISO, YMD;
-- objects of this test live in their own schema, dropped at the end
CREATE SCHEMA annual_rows_test;
SET search_path = annual_rows_test, public;

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

-- Calendar years ('sum', the default):
--   2020: 10 + ... + 21 = 12 * 10 + (0 + ... + 11) = 120 + 66 = 186, 12 months;
--         growth NULL (2019 is outside the span)
--   2021: 12 * 10 + (12 + ... + 23) = 120 + 210 = 330, 12 months;
--         growth (330 - 186) / 186 = 144 / 186 = 77.419354839%
--   2022: 11 months (November missing): value and growth NULL
--   2023: 3 months: NULL
SELECT kind, r.* FROM series_t, annual_rows(s) r ORDER BY kind, r.year;

-- 'avg': 186 / 12 = 15.5 and 330 / 12 = 27.5, as avg(numeric) over the year's
-- rows gives them (the same scale); growth is that of the sums, 77.419354839%
SELECT r.year, r.value, p(r.growth_pct) AS growth_pct, r.months,
	   (SELECT avg(value) FROM small WHERE extract(year FROM period) = r.year) AS avg_of_rows
FROM series_t, annual_rows(s, 'avg') r WHERE kind = 'numeric' ORDER BY r.year;

-- 'last': December's value, 21 in 2020 and 33 in 2021; growth (33 - 21) / 21
-- = 57.142857143%; 2022 is incomplete, so NULL although December is present
SELECT r.year, r.value, p(r.growth_pct) AS growth_pct, r.months
FROM series_t, annual_rows(s, 'last') r WHERE kind = 'numeric' ORDER BY r.year;

-- Fiscal years starting in July, named by the calendar year they end in, as
-- fiscal_year() names them (FY 2021 = 2020-07 .. 2021-06):
--   FY 2020: 2020-01 .. 2020-06 (j = 0 .. 5): 6 months, NULL
--   FY 2021: j = 6 .. 17: 120 + (6 + ... + 17) = 120 + 138 = 258, 12 months; growth NULL
--   FY 2022: j = 18 .. 29: 120 + (18 + ... + 29) = 120 + 282 = 402;
--            growth (402 - 258) / 258 = 144 / 258 = 55.813953488%
--   FY 2023: 2022-07 .. 2023-03 without 2022-11: 8 months, NULL
SELECT kind, r.year, r.value, p(r.growth_pct) AS growth_pct, r.months,
	   fiscal_year(make_date(r.year - 1, 7, 1), 7) AS fiscal_year_of_its_july
FROM series_t, annual_rows(s, 'sum', 7) r ORDER BY kind, r.year;

-- Named arguments, as 1.0's functions name them
SELECT r.* FROM series_t, annual_rows(s, fy_start_month => 7, method => 'last') r
WHERE kind = 'numeric' ORDER BY r.year;

-- Every row agrees with annual() and annual_growth_pct(), for every method and
-- every fiscal-year start (fy 1 .. 12): zero disagreements, and months counts
-- the rows with a value in that fiscal year.  Rows: 4 fiscal years for fy 1
-- (2020 .. 2023), 5 for fy 2 and 3 (March 2023 already opens FY 2024), 4 for
-- fy 4 .. 12: 4 + 2 x 5 + 9 x 4 = 50 per kind and method
SELECT kind, method, count(*) AS rows, count(r.value) AS complete, count(r.growth_pct) AS with_growth,
	   count(*) FILTER (WHERE r.value IS DISTINCT FROM annual(s, r.year, method, fy)) AS value_off,
	   count(*) FILTER (WHERE r.growth_pct IS DISTINCT FROM annual_growth_pct(s, r.year, method, fy)) AS growth_off,
	   count(*) FILTER (WHERE r.months IS DISTINCT FROM
						(SELECT count(value) FROM small WHERE fiscal_year(period, fy) = r.year)) AS months_off
FROM series_t, (VALUES ('sum'), ('avg'), ('last')) AS m(method),
	 generate_series(1, 12) AS fy, LATERAL annual_rows(s, method, fy) r
GROUP BY kind, method ORDER BY kind, method;

-- The years are exactly the fiscal years of the span's months, as fiscal_year()
-- names them, in order: no year differs, for any fy
SELECT count(*) AS fy_starts_checked,
	   count(*) FILTER (WHERE ours IS DISTINCT FROM theirs) AS differing
FROM generate_series(1, 12) AS fy,
	 LATERAL (SELECT array_agg(r.year ORDER BY n) AS ours
			  FROM series_t, annual_rows(s, 'sum', fy) WITH ORDINALITY AS r(year, value, growth_pct, months, n)
			  WHERE kind = 'numeric') o,
	 LATERAL (SELECT array_agg(DISTINCT fiscal_year(m::date, fy)) AS theirs
			  FROM generate_series(date '2020-01-01', date '2023-03-01', interval '1 month') m) t;

-- A zero base gives NULL growth, never infinity; a loss that shrinks is growth
-- (-40 -> -30: +25%, the absolute value of the base)
SELECT r.* FROM annual_rows(
	'numeric {2020-01: 0, 2020-02: 0, 2020-03: 0, 2020-04: 0, 2020-05: 0, 2020-06: 0, 2020-07: 0, 2020-08: 0, 2020-09: 0, 2020-10: 0, 2020-11: 0, 2020-12: 0, 2021-01: 5, 2021-02: 0, 2021-03: 0, 2021-04: 0, 2021-05: 0, 2021-06: 0, 2021-07: 0, 2021-08: 0, 2021-09: 0, 2021-10: 0, 2021-11: 0, 2021-12: 0}') r;
SELECT r.* FROM annual_rows(
	'numeric {2020-01: -40, 2020-02: 0, 2020-03: 0, 2020-04: 0, 2020-05: 0, 2020-06: 0, 2020-07: 0, 2020-08: 0, 2020-09: 0, 2020-10: 0, 2020-11: 0, 2020-12: 0, 2021-01: -30, 2021-02: 0, 2021-03: 0, 2021-04: 0, 2021-05: 0, 2021-06: 0, 2021-07: 0, 2021-08: 0, 2021-09: 0, 2021-10: 0, 2021-11: 0, 2021-12: 0}') r;

-- A one-month series: one row, its year, 1 month, NULL value
SELECT r.* FROM annual_rows('numeric {2024-05: 7.25}', 'sum', 6) r;

-- NULL arguments: no rows (STRICT)
SELECT count(*) FROM annual_rows(NULL::indicator_series);
SELECT count(*) FROM annual_rows('numeric {2024-05: 7.25}', NULL);

-- Errors: an unknown method (22023, with the known names in the hint) and a
-- fiscal year starting outside 1 .. 12 (22023)
\set VERBOSITY sqlstate
SELECT * FROM annual_rows('numeric {2024-05: 7.25}', 'mean');
SELECT * FROM annual_rows('numeric {2024-05: 7.25}', 'sum', 13);
SELECT * FROM annual_rows('numeric {2024-05: 7.25}', 'sum', 0);
\set VERBOSITY default
SELECT * FROM annual_rows('numeric {2024-05: 7.25}', 'mean');

-- Quarterly series: a year is its four quarters, months counts quarters.
-- 2020-Q1 .. 2022-Q1 hold 1 .. 9: 2020 'avg' (1 + 2 + 3 + 4) / 4 = 2.5, 2021
-- (5 + 6 + 7 + 8) / 4 = 6.5, growth of the sums (26 - 10) / 10 = 160%; 2022 has
-- one quarter.  series_rows(s, 7, 'avg'), fiscal years from July: 2020-Q3 3,
-- 2020-Q4 (3 + 4) / 2 = 3.5, 2021-Q1 (3 + 4 + 5) / 3 = 4; value_last_year of
-- 2021-Q1 is 2020-Q1's 1.  A fiscal year starting inside a quarter is 22023.
SELECT r.* FROM annual_rows('numeric {2020-Q1: 1, 2020-Q2: 2, 2020-Q3: 3, 2020-Q4: 4, 2021-Q1: 5, 2021-Q2: 6, 2021-Q3: 7, 2021-Q4: 8, 2022-Q1: 9}', 'avg') r;
SELECT r.period, r.ytd, r.value_last_year
FROM series_rows('numeric {2020-Q1: 1, 2020-Q2: 2, 2020-Q3: 3, 2020-Q4: 4, 2021-Q1: 5}', 7, 'avg') r;
SELECT series_count(s)::text AS count, series_sum_present(s)::text AS sum_present
FROM (VALUES ('numeric {2020-Q1: 1, 2020-Q2: NULL}'::indicator_series), ('numeric {2020-Q2: 5}')) t(s);
\set VERBOSITY sqlstate
SELECT * FROM annual_rows('numeric {2020-Q1: 1}', 'sum', 2);
-- a monthly and a quarterly series do not count together (42804)
SELECT series_count(s) FROM (VALUES ('numeric {2020-Q1: 1}'::indicator_series), ('numeric {2020-02: 5}')) t(s);
\set VERBOSITY default

RESET search_path;
DROP SCHEMA annual_rows_test CASCADE;
