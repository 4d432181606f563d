--
-- series_rows(s, fy_start_month): one row per month of the span, checked
-- against the accessors row by row (value_at, mom_pct, yoy_pct, ytd,
-- ytd_growth_pct) and against values worked out by hand, on a small series
-- with a gap and on the real gas production data.
--
SET datestyle = ISO, YMD;
-- objects of this test live in their own schema, dropped at the end
CREATE SCHEMA series_rows_test;
SET search_path = series_rows_test, public;

CREATE FUNCTION p(x double precision) RETURNS numeric
	LANGUAGE sql IMMUTABLE AS $$ SELECT trim_scale(round(x::numeric, 9)) $$;

-- small: 2020-05 .. 2022-08 (28 months); month j of the span (j = 0 .. 27)
-- holds 100 + 5j, except 2021-02 (j = 9), which has no row, and 2022-03
-- (j = 22), whose row has a NULL value.
--   2020-05 100, 2020-06 105, 2020-07 110, 2020-08 115, 2020-09 120, ...,
--   2021-01 140, [2021-02], 2021-03 150, 2021-04 155, ..., 2021-07 170,
--   2021-08 175, 2021-09 180, ..., 2022-02 205, [2022-03], 2022-04 215, ...,
--   2022-07 230, 2022-08 235
CREATE TABLE small (period date, value numeric);
INSERT INTO small
SELECT (date '2020-05-01' + j * interval '1 month')::date, CASE WHEN j = 22 THEN NULL ELSE 100 + 5 * j END
FROM generate_series(0, 27) j WHERE j <> 9;

CREATE TABLE series_t AS
	SELECT 'numeric' AS kind, series_agg(period, value) AS s FROM small
	UNION ALL
	SELECT 'float8', series_agg(period, value::float8) FROM small;

--
-- Hand values, fiscal years starting in July (FY 2022 = 2021-07 .. 2022-06)
--
-- 2020-05: first month: no mom, no yoy; the span starts inside FY 2020: no ytd
-- 2020-07: 110; mom (110 - 105) / 105 = 100/21 = 4.761904762; ytd 110 (FY 2021 starts)
-- 2021-01: 140; mom (140 - 135) / 135 = 100/27 = 3.703703704; yoy NULL (2020-01 outside
--          the span); ytd 110 + 115 + ... + 140 = 7 * 125 = 875
-- 2021-02: missing: every column but period NULL
-- 2021-03: 150; mom NULL (February missing); yoy NULL (2020-03 outside the span);
--          ytd NULL (FY 2021 lacks February)
-- 2021-07: 170; mom (170 - 165) / 165 = 100/33 = 3.03030303; yoy (170 - 110) / 110 = 600/11
--          = 54.545454545; ytd 170 against 110: also 54.545454545
-- 2021-09: 180; mom (180 - 175) / 175 = 20/7 = 2.857142857; yoy (180 - 120) / 120 = 50; ytd 170 + 175 + 180 = 525 against
--          110 + 115 + 120 = 345: 180 / 345 = 1200/23 = 52.173913043
-- 2022-02: 205; mom (205 - 200) / 200 = 2.5; yoy NULL (2021-02 missing);
--          ytd 170 + 175 + ... + 205 = 8 * 187.5 = 1500; ytd growth NULL (2021-02 missing)
-- 2022-03: NULL row: every column but period NULL
-- 2022-04: 215; mom NULL; yoy (215 - 155) / 155 = 1200/31 = 38.709677419; ytd NULL
-- 2022-07: 230; mom (230 - 225) / 225 = 20/9 = 2.222222222; yoy (230 - 170) / 170 = 600/17
--          = 35.294117647; ytd 230 (FY 2023 starts) against 170: the same
-- 2022-08: 235; mom (235 - 230) / 230 = 50/23 = 2.173913043; yoy (235 - 175) / 175 = 240/7
--          = 34.285714286; ytd 465 against 345: 120 / 345 = 800/23 = 34.782608696
SELECT r.period, r.value, p(r.mom_pct) AS mom, p(r.yoy_pct) AS yoy, r.ytd, p(r.ytd_growth_pct) AS ytd_growth
FROM series_t, series_rows(s, 7) r
WHERE kind = 'numeric'
  AND r.period IN ('2020-05-01', '2020-07-01', '2021-01-01', '2021-02-01', '2021-03-01',
				   '2021-07-01', '2021-09-01', '2022-02-01', '2022-03-01', '2022-04-01',
				   '2022-07-01', '2022-08-01')
ORDER BY r.period;

-- The rows run over every month of the span, in order, once each: 28 rows
-- from 2020-05 to 2022-08, 26 with a value, for either kind and any fiscal year.
SELECT kind, fy, count(*) AS rows, min(r.period) AS first, max(r.period) AS last,
	   count(DISTINCT r.period) AS distinct_periods, count(r.value) AS with_value,
	   bool_and(r.period = (date '2020-05-01' + (r.n - 1) * interval '1 month')::date) AS consecutive
FROM series_t, (VALUES (1), (7), (10)) AS f(fy),
	 LATERAL series_rows(s, fy) WITH ORDINALITY AS r(period, value, mom_pct, yoy_pct, ytd, ytd_growth_pct, n)
GROUP BY kind, fy ORDER BY kind, fy;

-- How many rows have each figure (so that the agreement below is not an
-- agreement of NULLs).  Months j present: all but 9 and 22.
--   mom: j = 1..27 with j and j - 1 present: 27 - 4 (j = 9, 10, 22, 23) = 23
--   yoy: j = 12..27 with j and j - 12 present: 16 - 2 (j = 21, 22) = 14
--   ytd, fy 1: 2020 starts in May: none; 2021: Jan only (Feb missing); 2022: Jan, Feb -> 3
--   ytd growth, fy 1: 2022-01 only -> 1
--   ytd, fy 7: FY 2021 Jul..Jan (7), FY 2022 Jul..Feb (8), FY 2023 Jul, Aug (2) -> 17
--   ytd growth, fy 7: 2021-07 .. 2022-01 (7), 2022-07, 2022-08 (2) -> 9
--   ytd, fy 10: FY 2021 Oct..Jan (4), FY 2022 Oct..Feb (5) -> 9
--   ytd growth, fy 10: 2021-10 .. 2022-01 -> 4
SELECT kind, fy, count(r.mom_pct) AS mom, count(r.yoy_pct) AS yoy, count(r.ytd) AS ytd,
	   count(r.ytd_growth_pct) AS ytd_growth
FROM series_t, (VALUES (1), (7), (10)) AS f(fy), LATERAL series_rows(s, fy) r
GROUP BY kind, fy ORDER BY kind, fy;

-- Every row agrees with the accessors, column by column: zero disagreements
SELECT kind, fy, count(*) AS rows,
	   count(*) FILTER (WHERE r.value IS DISTINCT FROM value_at(s, r.period)) AS value_off,
	   count(*) FILTER (WHERE r.mom_pct IS DISTINCT FROM mom_pct(s, r.period)) AS mom_off,
	   count(*) FILTER (WHERE r.yoy_pct IS DISTINCT FROM yoy_pct(s, r.period)) AS yoy_off,
	   count(*) FILTER (WHERE r.ytd IS DISTINCT FROM ytd(s, r.period, fy)) AS ytd_off,
	   count(*) FILTER (WHERE r.ytd_growth_pct IS DISTINCT FROM ytd_growth_pct(s, r.period, fy)) AS ytd_growth_off
FROM series_t, (VALUES (1), (7), (10)) AS f(fy), LATERAL series_rows(s, fy) r
GROUP BY kind, fy ORDER BY kind, fy;

-- The default fiscal year is the calendar year: series_rows(s) = series_rows(s, 1)
SELECT kind,
	   (SELECT count(*) FROM (SELECT * FROM series_rows(s) EXCEPT ALL SELECT * FROM series_rows(s, 1)) d)
	   + (SELECT count(*) FROM (SELECT * FROM series_rows(s, 1) EXCEPT ALL SELECT * FROM series_rows(s)) d)
	   AS rows_differing
FROM series_t ORDER BY kind;

-- The double precision series gives the same rows as the numeric one (all its
-- values are small integers, exact in double precision; percentages within 1e-12)
SELECT fy, count(*) AS rows,
	   count(*) FILTER (WHERE f.period IS NULL OR n.period IS NULL
						OR f.value IS DISTINCT FROM n.value
						OR f.ytd IS DISTINCT FROM n.ytd
						OR (f.mom_pct IS NULL) <> (n.mom_pct IS NULL)
						OR abs(f.mom_pct - n.mom_pct) > 1e-12
						OR (f.yoy_pct IS NULL) <> (n.yoy_pct IS NULL)
						OR abs(f.yoy_pct - n.yoy_pct) > 1e-12
						OR (f.ytd_growth_pct IS NULL) <> (n.ytd_growth_pct IS NULL)
						OR abs(f.ytd_growth_pct - n.ytd_growth_pct) > 1e-12) AS differing
FROM (VALUES (1), (7), (10)) AS x(fy),
	 LATERAL (SELECT r.* FROM series_t, series_rows(s, fy) r WHERE kind = 'float8') f
	 FULL JOIN LATERAL (SELECT r.* FROM series_t, series_rows(s, fy) r WHERE kind = 'numeric') n
	 ON n.period = f.period
GROUP BY fy ORDER BY fy;

RESET search_path;
DROP SCHEMA series_rows_test CASCADE;
