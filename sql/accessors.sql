--
-- Accessors on indicator_series, on small hand-built series.
--
-- Every expected value is worked out by hand in the comment above its query.
-- Levels are numeric and shown as they come.  Percentages are double
-- precision; p() shows them rounded to 9 decimals (trailing zeros trimmed), so
-- that a non-terminating fraction such as 100/13 is written 7.692307692 and
-- an exact one such as 25 is written 25.
--
SET datestyle = ISO, YMD;
-- objects of this test live in their own schema, dropped at the end
CREATE SCHEMA accessors_test;
SET search_path = accessors_test, public;

CREATE FUNCTION p(x double precision) RETURNS numeric
	LANGUAGE sql IMMUTABLE AS $$ SELECT trim_scale(round(x::numeric, 9)) $$;

CREATE TABLE m (name text, period date, value numeric);

-- flow: a flow in calendar years, 2020-01 .. 2022-05, no gap
--   2020 month k: 10k      10, 20, 30, ..., 120            sum 780
--   2021 month k: 10k + 5  15, 25, 35, ..., 125            sum 840
--   2022 month k: 10k + 10 20, 30, 40, 50, 60 (Jan..May)   ytd May 200
INSERT INTO m SELECT 'flow', make_date(2020, k, 1), 10 * k FROM generate_series(1, 12) k;
INSERT INTO m SELECT 'flow', make_date(2021, k, 1), 10 * k + 5 FROM generate_series(1, 12) k;
INSERT INTO m SELECT 'flow', make_date(2022, k, 1), 10 * k + 10 FROM generate_series(1, 5) k;

-- gappy: 2021-01 .. 2022-06; 2021-03 has no row at all, 2022-05 has a NULL value
INSERT INTO m VALUES
	('gappy', '2021-01-01', 100), ('gappy', '2021-02-01', 110),
	('gappy', '2021-04-01', 130), ('gappy', '2021-05-01', 140), ('gappy', '2021-06-01', 150),
	('gappy', '2021-07-01', 160), ('gappy', '2021-08-01', 170), ('gappy', '2021-09-01', 180),
	('gappy', '2021-10-01', 190), ('gappy', '2021-11-01', 200), ('gappy', '2021-12-01', 210),
	('gappy', '2022-01-01', 120), ('gappy', '2022-02-01', 121), ('gappy', '2022-03-01', 150),
	('gappy', '2022-04-01', 143), ('gappy', '2022-05-01', NULL), ('gappy', '2022-06-01', 160);

-- profit: a result that is often a loss (negative and zero bases); scale 1 from 15.5
--   2021: -40, -30, 0, 15.5, -15.5, then -10 x 7 (Jun..Dec)   sum -140
--   2022: -50, -20, 7, -2, then -5 x 8 (May..Dec)             sum -105
INSERT INTO m VALUES
	('profit', '2021-01-01', -40), ('profit', '2021-02-01', -30), ('profit', '2021-03-01', 0),
	('profit', '2021-04-01', 15.5), ('profit', '2021-05-01', -15.5),
	('profit', '2022-01-01', -50), ('profit', '2022-02-01', -20), ('profit', '2022-03-01', 7),
	('profit', '2022-04-01', -2);
INSERT INTO m SELECT 'profit', make_date(2021, k, 1), -10 FROM generate_series(6, 12) k;
INSERT INTO m SELECT 'profit', make_date(2022, k, 1), -5 FROM generate_series(5, 12) k;

-- zero: 2021 all twelve months 0, 2022 all twelve months 5 (sum 60)
INSERT INTO m SELECT 'zero', make_date(2021, k, 1), 0 FROM generate_series(1, 12) k;
INSERT INTO m SELECT 'zero', make_date(2022, k, 1), 5 FROM generate_series(1, 12) k;

-- fiscal: 2020-07 .. 2022-12, the k-th month of the span holds k (1 .. 30):
--   2020-07 = 1, 2020-12 = 6, 2021-01 = 7, 2021-06 = 12, 2021-07 = 13,
--   2021-12 = 18, 2022-01 = 19, 2022-06 = 24, 2022-09 = 27, 2022-12 = 30
INSERT INTO m SELECT 'fiscal', (date '2020-07-01' + (k - 1) * interval '1 month')::date, k
FROM generate_series(1, 30) k;

-- stock: employment at the end of each month, 2021-01 .. 2022-12
--   2021: 500 x 11 (Jan..Nov), Dec 480;  2022: 520 x 11, Dec 528
INSERT INTO m SELECT 'stock', make_date(y, k, 1), CASE y WHEN 2021 THEN 500 ELSE 520 END
FROM generate_series(2021, 2022) y, generate_series(1, 11) k;
INSERT INTO m VALUES ('stock', '2021-12-01', 480), ('stock', '2022-12-01', 528);

-- iip: an index, built as a double precision series, 2021-01 .. 2022-12
--   2021: 98, 102, then 100 x 10   sum 1200, average 100
--   2022: 105, 115, then 110 x 10  sum 1320, average 110
INSERT INTO m VALUES ('iip', '2021-01-01', 98), ('iip', '2021-02-01', 102),
	('iip', '2022-01-01', 105), ('iip', '2022-02-01', 115);
INSERT INTO m SELECT 'iip', make_date(2021, k, 1), 100 FROM generate_series(3, 12) k;
INSERT INTO m SELECT 'iip', make_date(2022, k, 1), 110 FROM generate_series(3, 12) k;

CREATE TABLE series_t AS
	SELECT name, series_agg(period, value) AS s FROM m WHERE name <> 'iip' GROUP BY name
	UNION ALL
	SELECT name, series_agg(period, value::float8) FROM m WHERE name = 'iip' GROUP BY name;

-- the short ones in text form: every month of the span, missing ones NULL;
-- profit at scale 1 (the largest scale seen, from 15.5)
SELECT name, s FROM series_t WHERE name IN ('gappy', 'profit') ORDER BY name;

--
-- Span: first_month, last_month, month_count, missing_months
--
-- flow: 2020-01 .. 2022-05 = 29 months, all present
-- gappy: 2021-01 .. 2022-06 = 18 months, 2 missing (2021-03 no row, 2022-05 NULL) -> 16
-- fiscal: 2020-07 .. 2022-12 = 30 months
SELECT name, first_month(s), last_month(s), month_count(s), missing_months(s)
FROM series_t WHERE name IN ('flow', 'gappy', 'fiscal') ORDER BY name;

--
-- value_at: any day inside a month stands for the month
--
-- flow 2021-03 = 10*3 + 5 = 35 on the 1st, 17th and 31st; outside the span NULL
SELECT value_at(s, '2021-03-01') AS d01, value_at(s, '2021-03-17') AS d17,
	   value_at(s, '2021-03-31') AS d31,
	   value_at(s, '2019-12-31') AS before_span, value_at(s, '2022-06-01') AS after_span
FROM series_t WHERE name = 'flow';
-- gappy: 2021-03 (no row) and 2022-05 (NULL row) are missing; 2022-04 = 143
SELECT value_at(s, '2021-03-15') AS no_row, value_at(s, '2022-05-15') AS null_row,
	   value_at(s, '2022-04-30') AS apr22
FROM series_t WHERE name = 'gappy';
-- profit keeps the series scale: -40.0, 15.5, 0.0
SELECT value_at(s, '2021-01-01') AS jan21, value_at(s, '2021-04-01') AS apr21,
	   value_at(s, '2021-03-01') AS mar21
FROM series_t WHERE name = 'profit';

--
-- mom_pct and yoy_pct on flow
--
-- mom 2021-03: (35 - 25) / 25 * 100 = 40
-- mom 2021-01 (against 2020-12, across the year): (15 - 120) / 120 * 100 = -87.5
-- mom 2020-01: the month before is outside the span: NULL
-- yoy 2021-04: (45 - 40) / 40 * 100 = 12.5
-- yoy 2022-05: (60 - 55) / 55 * 100 = 100/11 = 9.0909090909...
-- yoy 2020-12: 2019-12 outside the span: NULL
SELECT p(mom_pct(s, '2021-03-01')) AS mom_mar21, p(mom_pct(s, '2021-01-20')) AS mom_jan21,
	   p(mom_pct(s, '2020-01-01')) AS mom_jan20,
	   p(yoy_pct(s, '2021-04-30')) AS yoy_apr21, p(yoy_pct(s, '2022-05-01')) AS yoy_may22,
	   p(yoy_pct(s, '2020-12-01')) AS yoy_dec20
FROM series_t WHERE name = 'flow';

--
-- Comparison by calendar month, not by row: gappy has no row for 2021-03
-- (and a NULL row for 2022-05).  yoy_pct compares each month of 2022 with the
-- same month of 2021; lag(value, 12) over the rows compares with whatever row
-- is 12 rows back:
--   2022-01 120: yoy (120 - 100) / 100 = 20;       lag: only 11 rows before -> NULL
--   2022-02 121: yoy (121 - 110) / 110 = 10;       lag: 2021-01 (100) -> 21, wrong month
--   2022-03 150: yoy NULL (2021-03 missing);       lag: 2021-02 (110) -> 40/110 = 36.363636364, wrong month
--   2022-04 143: yoy (143 - 130) / 130 = 10;       lag: 2021-04 -> 10, right again
--   2022-05 NULL: NULL;                            lag: 2021-05, NULL value -> NULL
--   2022-06 160: yoy (160 - 150) / 150 = 6.666666667; lag: 2021-06 -> same
WITH r AS (
	SELECT period, value,
		   lag(period, 12) OVER w AS lag_period, lag(value, 12) OVER w AS lag_value
	FROM m WHERE name = 'gappy'
	WINDOW w AS (ORDER BY period)
)
SELECT r.period, r.value, p(yoy_pct(t.s, r.period)) AS yoy_by_month,
	   r.lag_period AS lag_compares_with,
	   trim_scale(round((r.value - r.lag_value) / abs(r.lag_value) * 100, 9)) AS yoy_by_lag
FROM r, series_t t
WHERE t.name = 'gappy' AND r.period >= '2022-01-01'
ORDER BY r.period;
-- mom next to the gap: 2021-03 and 2021-04 NULL; 2021-02: (110 - 100) / 100 = 10
SELECT p(mom_pct(s, '2021-02-01')) AS feb21, p(mom_pct(s, '2021-03-01')) AS mar21,
	   p(mom_pct(s, '2021-04-01')) AS apr21
FROM series_t WHERE name = 'gappy';

--
-- Growth over |base|: negative and zero bases (profit)
--
-- mom 2021-02: (-30 - -40) / |-40| * 100 = +25 (a loss shrinking from 40 to 30)
-- mom 2021-03: (0 - -30) / 30 * 100 = +100
-- mom 2021-04: base 0 -> NULL
-- mom 2021-05: (-15.5 - 15.5) / 15.5 * 100 = -200
-- mom 2021-06: (-10 - -15.5) / 15.5 * 100 = 5.5/15.5 = 1100/31 = 35.483870968
SELECT p(mom_pct(s, '2021-02-01')) AS feb21, p(mom_pct(s, '2021-03-01')) AS mar21,
	   p(mom_pct(s, '2021-04-01')) AS apr21, p(mom_pct(s, '2021-05-01')) AS may21,
	   p(mom_pct(s, '2021-06-01')) AS jun21
FROM series_t WHERE name = 'profit';
-- yoy 2022-01: (-50 - -40) / 40 * 100 = -25 (the loss grew)
-- yoy 2022-02: (-20 - -30) / 30 * 100 = 100/3 = 33.333333333
-- yoy 2022-03: base (2021-03) is 0 -> NULL
-- yoy 2022-04: (-2 - 15.5) / 15.5 * 100 = -3500/31 = -112.903225806
SELECT p(yoy_pct(s, '2022-01-01')) AS jan22, p(yoy_pct(s, '2022-02-01')) AS feb22,
	   p(yoy_pct(s, '2022-03-01')) AS mar22, p(yoy_pct(s, '2022-04-01')) AS apr22
FROM series_t WHERE name = 'profit';
-- ytd 2021-03: -40 - 30 + 0 = -70.0; ytd 2022-03: -50 - 20 + 7 = -63.0
-- ytd growth: (-63 - -70) / 70 * 100 = +10
-- annual 2021 = -140.0, 2022 = -105.0; growth (-105 - -140) / 140 * 100 = +25,
-- where dividing by the signed base would give -25
SELECT ytd(s, '2021-03-01') AS ytd_mar21, ytd(s, '2022-03-01') AS ytd_mar22,
	   p(ytd_growth_pct(s, '2022-03-01')) AS ytd_growth_mar22,
	   annual(s, 2021) AS y2021, annual(s, 2022) AS y2022,
	   p(annual_growth_pct(s, 2022)) AS growth_2022,
	   (annual(s, 2022) - annual(s, 2021)) / annual(s, 2021) * 100 AS signed_base_would_say
FROM series_t WHERE name = 'profit';

-- zero: 2021 all 0, 2022 all 5
-- mom 2022-01 (base Dec 2021 = 0) NULL; mom 2022-02: (5 - 5) / 5 = 0
-- yoy 2022-06 (base 0) NULL; ytd growth 2022-06 (base ytd 0) NULL;
-- annual 2021 = 0, annual growth 2022 (base 0) NULL
SELECT p(mom_pct(s, '2022-01-01')) AS mom_jan22, p(mom_pct(s, '2022-02-01')) AS mom_feb22,
	   p(yoy_pct(s, '2022-06-01')) AS yoy_jun22, p(ytd_growth_pct(s, '2022-06-01')) AS ytd_growth_jun22,
	   annual(s, 2021) AS y2021, p(annual_growth_pct(s, 2022)) AS growth_2022
FROM series_t WHERE name = 'zero';
-- expected share (last year's total 0) NULL; seasonal projection (last year's ytd 0) NULL;
-- run rate: ytd Jun 2022 = 30, 30 * 12 / 6 = 60;
-- required growth of the rest (last year's Jul..Dec = 0) NULL;
-- required monthly: (90 - 30) / 6 = 10;
-- attainment of a zero target NULL (annual and ytd); of 120: 60 / 120 * 100 = 50
SELECT p(expected_ytd_share_pct(s, '2022-06-01')) AS share,
	   projected_annual(s, '2022-06-01', 'seasonal') AS seasonal,
	   projected_annual(s, '2022-06-01', 'run_rate') = 60 AS run_rate_is_60,
	   p(required_growth_rest_pct(s, '2022-06-01', 90)) AS rest_growth,
	   required_monthly(s, '2022-06-01', 90) = 10 AS required_monthly_is_10,
	   p(attainment_pct(s, 2022, 0)) AS att_target0,
	   p(ytd_attainment_pct(s, '2022-06-01', 0)) AS ytd_att_target0,
	   p(attainment_pct(s, 2022, 120)) AS att_120
FROM series_t WHERE name = 'zero';

--
-- ytd and ytd_growth_pct (calendar years) on flow and gappy
--
-- flow: ytd 2021-03 = 15 + 25 + 35 = 75; ytd 2020-03 = 10 + 20 + 30 = 60;
-- growth (75 - 60) / 60 * 100 = 25; ytd 2021-12 = 840 (the whole year);
-- ytd 2022-05 = 20 + 30 + 40 + 50 + 60 = 200 against 2021-05: 15 + 25 + 35 + 45 + 55 = 175,
-- growth 25 / 175 * 100 = 100/7 = 14.285714286;
-- ytd 2022-06: June 2022 is past the span -> NULL; ytd growth 2020-03: no 2019 -> NULL
SELECT ytd(s, '2021-03-31') AS ytd_mar21, ytd(s, '2020-03-01') AS ytd_mar20,
	   p(ytd_growth_pct(s, '2021-03-01')) AS growth_mar21,
	   ytd(s, '2021-12-01') AS ytd_dec21,
	   ytd(s, '2022-05-01') AS ytd_may22, p(ytd_growth_pct(s, '2022-05-15')) AS growth_may22,
	   ytd(s, '2022-06-01') AS ytd_jun22, p(ytd_growth_pct(s, '2020-03-01')) AS growth_mar20
FROM series_t WHERE name = 'flow';
-- gappy: ytd 2021-02 = 100 + 110 = 210; 2021-03 and every later month of 2021 NULL
-- (2021-03 missing); ytd 2022-02 = 120 + 121 = 241, growth (241 - 210) / 210 * 100
-- = 310/21 = 14.761904762; ytd 2022-04 = 120 + 121 + 150 + 143 = 534, its growth NULL
-- (ytd 2021-04 incomplete); ytd 2022-05 and 2022-06 NULL (2022-05 missing)
SELECT ytd(s, '2021-02-28') AS ytd_feb21, ytd(s, '2021-03-01') AS ytd_mar21,
	   ytd(s, '2021-12-01') AS ytd_dec21,
	   ytd(s, '2022-02-01') AS ytd_feb22, p(ytd_growth_pct(s, '2022-02-01')) AS growth_feb22,
	   ytd(s, '2022-04-01') AS ytd_apr22, p(ytd_growth_pct(s, '2022-04-01')) AS growth_apr22,
	   ytd(s, '2022-05-01') AS ytd_may22, ytd(s, '2022-06-01') AS ytd_jun22
FROM series_t WHERE name = 'gappy';

--
-- annual and annual_growth_pct: 'sum' for a flow, 'last' for a stock, 'avg' for an index;
-- NULL for an incomplete year
--
-- flow: 2020 = 780, 2021 = 840, avg 2021 = 840 / 12 = 70, last 2021 = Dec 2021 = 125;
-- 2022 (Jan..May only) NULL by every method; 2019 (outside the span) NULL
SELECT annual(s, 2020) AS sum20, annual(s, 2021) AS sum21,
	   annual(s, 2021, 'avg') = 70 AS avg21_is_70, annual(s, 2021, 'last') AS last21,
	   annual(s, 2022) AS sum22, annual(s, 2022, 'avg') AS avg22,
	   annual(s, 2022, 'last') AS last22, annual(s, 2019) AS sum19
FROM series_t WHERE name = 'flow';
-- flow growth 2021: sum (840 - 780) / 780 * 100 = 100/13 = 7.692307692; avg the same
-- (70 against 65); last (125 - 120) / 120 * 100 = 25/6 = 4.166666667;
-- 2022 NULL (incomplete), 2020 NULL (2019 missing)
SELECT p(annual_growth_pct(s, 2021)) AS sum21, p(annual_growth_pct(s, 2021, 'avg')) AS avg21,
	   p(annual_growth_pct(s, 2021, 'last')) AS last21,
	   p(annual_growth_pct(s, 2022)) AS sum22, p(annual_growth_pct(s, 2020)) AS sum20
FROM series_t WHERE name = 'flow';
-- gappy 2021 (2021-03 missing) NULL
SELECT annual(s, 2021) AS sum21, annual(s, 2021, 'last') AS last21,
	   p(annual_growth_pct(s, 2022)) AS growth22
FROM series_t WHERE name = 'gappy';
-- stock ('last'): 2021 = 480 (December), 2022 = 528, growth (528 - 480) / 480 * 100 = 10;
-- summing a stock means nothing: 2022 sum = 520 * 11 + 528 = 6248
SELECT annual(s, 2021, 'last') AS last21, annual(s, 2022, 'last') AS last22,
	   p(annual_growth_pct(s, 2022, 'last')) AS growth22, annual(s, 2022, 'sum') AS sum22
FROM series_t WHERE name = 'stock';
-- iip ('avg', double precision series): 2021 = 1200 / 12 = 100, 2022 = 1320 / 12 = 110,
-- growth (110 - 100) / 100 * 100 = 10
SELECT annual(s, 2021, 'avg') AS avg21, annual(s, 2022, 'avg') AS avg22,
	   p(annual_growth_pct(s, 2022, 'avg')) AS growth22
FROM series_t WHERE name = 'iip';

--
-- attainment_pct (series form) and ytd_attainment_pct
--
-- flow 2021: sum 840 / 800 * 100 = 105; avg 70 / 70 * 100 = 100; last 125 / 100 * 100 = 125;
-- target 0 NULL; 2022 (incomplete) NULL
SELECT p(attainment_pct(s, 2021, 800)) AS sum21, p(attainment_pct(s, 2021, 70, 'avg')) AS avg21,
	   p(attainment_pct(s, 2021, 100, 'last')) AS last21,
	   p(attainment_pct(s, 2021, 0)) AS target0, p(attainment_pct(s, 2022, 800)) AS y2022
FROM series_t WHERE name = 'flow';
-- stock: 528 / 550 * 100 = 96; iip: avg 110 / 100 * 100 = 110
SELECT (SELECT p(attainment_pct(s, 2022, 550, 'last')) FROM series_t WHERE name = 'stock') AS stock22,
	   (SELECT p(attainment_pct(s, 2022, 100, 'avg')) FROM series_t WHERE name = 'iip') AS iip22;
-- flow ytd 2022-05 = 200: 200 / 1000 * 100 = 20; target 0 NULL;
-- as of 2022-06 (ytd unknown) NULL
SELECT p(ytd_attainment_pct(s, '2022-05-01', 1000)) AS may22,
	   p(ytd_attainment_pct(s, '2022-05-01', 0)) AS target0,
	   p(ytd_attainment_pct(s, '2022-06-01', 1000)) AS jun22
FROM series_t WHERE name = 'flow';
-- targets read from a table (numerics with a short header, read where they
-- lie), and targets beyond an exact mantissa (42 digits; 40 decimals):
-- flow 2021 = 840 and ytd 2022-05 = 200 against 800: 105 and 25; 1,600:
-- 52.5 and 12.5; 8e41: 1.05e-37 and 2.5e-38; 8e-40: 1.05e44 and 2.5e43
CREATE TABLE att_targets (target numeric, attainment float8, ytd_attainment float8);
INSERT INTO att_targets VALUES (800, 105, 25), (1600, 52.5, 12.5),
	(800000000000000000000000000000000000000000, 1.05e-37, 2.5e-38),
	(0.0000000000000000000000000000000000000008, 1.05e44, 2.5e43);
SELECT t.target::float8 AS target,
	   abs(attainment_pct(s, 2021, t.target) / t.attainment - 1) < 1e-12 AS attainment,
	   abs(ytd_attainment_pct(s, '2022-05-01', t.target) / t.ytd_attainment - 1) < 1e-12 AS ytd_attainment
FROM series_t, att_targets t WHERE name = 'flow' ORDER BY t.target;
DROP TABLE att_targets;

--
-- expected_ytd_share_pct and projected_annual (flow)
--
-- share as of 2022-05: ytd 2021-05 / annual 2021 = 175 / 840 * 100 = 125/6 = 20.833333333
-- share as of 2021-12: ytd 2020-12 / annual 2020 = 780 / 780 * 100 = 100
-- share as of 2020-05: no 2019 -> NULL
SELECT p(expected_ytd_share_pct(s, '2022-05-01')) AS may22,
	   p(expected_ytd_share_pct(s, '2021-12-01')) AS dec21,
	   p(expected_ytd_share_pct(s, '2020-05-01')) AS may20
FROM series_t WHERE name = 'flow';
-- seasonal as of 2022-05: 200 * 840 / 175 = 960 (default method)
-- run rate as of 2022-05: 200 * 12 / 5 = 480
-- seasonal as of 2021-03: 75 * 780 / 60 = 975
-- as of 2020-05: seasonal NULL (no 2019); run rate 150 * 12 / 5 = 360 (10+20+30+40+50 = 150)
-- as of 2022-06 (ytd unknown): NULL
SELECT projected_annual(s, '2022-05-01') = 960 AS seasonal_may22_is_960,
	   projected_annual(s, '2022-05-01', 'run_rate') = 480 AS run_rate_may22_is_480,
	   projected_annual(s, '2021-03-01', 'seasonal') = 975 AS seasonal_mar21_is_975,
	   projected_annual(s, '2020-05-01', 'seasonal') AS seasonal_may20,
	   projected_annual(s, '2020-05-01', 'run_rate') = 360 AS run_rate_may20_is_360,
	   projected_annual(s, '2022-06-01', 'run_rate') AS run_rate_jun22
FROM series_t WHERE name = 'flow';

--
-- required_monthly and required_growth_rest_pct (flow)
--
-- as of 2022-05, target 900: (900 - 200) / 7 months left = 100
-- the remaining 7 months need 700; last year's Jun..Dec brought
-- 65 + 75 + 85 + 95 + 105 + 115 + 125 = 665: (700 - 665) / 665 * 100 = 100/19 = 5.263157895
-- target 865: the rest needs exactly last year's 665 -> 0
-- as of 2021-12 (last month of the year, no months left): both NULL
-- as of 2022-06 (ytd unknown): both NULL
SELECT required_monthly(s, '2022-05-01', 900) = 100 AS req_may22_is_100,
	   p(required_growth_rest_pct(s, '2022-05-01', 900)) AS rest_may22,
	   p(required_growth_rest_pct(s, '2022-05-01', 865)) AS rest_may22_865,
	   required_monthly(s, '2021-12-01', 900) AS req_dec21,
	   p(required_growth_rest_pct(s, '2021-12-01', 900)) AS rest_dec21,
	   required_monthly(s, '2022-06-01', 900) AS req_jun22,
	   p(required_growth_rest_pct(s, '2022-06-01', 900)) AS rest_jun22
FROM series_t WHERE name = 'flow';

--
-- Fiscal years, named by the calendar year they end in (fiscal: month k of the span holds k)
--
-- fy_start_month 7: FY 2021 = 2020-07 .. 2021-06 = 1..12 -> 78
--                   FY 2022 = 2021-07 .. 2022-06 = 13..24 -> (13 + 24) * 12 / 2 = 222
--                   FY 2023 = 2022-07 .. 2023-06: past the span -> NULL
-- calendar (1):     2021 = 7..18 -> 150; 2022 = 19..30 -> 294; 2020 (from July only) NULL
-- fy_start_month 10: FY 2021 = 2020-10 .. 2021-09 = 4..15 -> 114
--                    FY 2022 = 2021-10 .. 2022-09 = 16..27 -> 258
--                    FY 2020 and FY 2023 incomplete -> NULL
SELECT annual(s, 2021, 'sum', 7) AS fy7_2021, annual(s, 2022, 'sum', 7) AS fy7_2022,
	   annual(s, 2023, 'sum', 7) AS fy7_2023,
	   annual(s, 2021) AS cal_2021, annual(s, 2022) AS cal_2022, annual(s, 2020) AS cal_2020,
	   annual(s, 2021, 'sum', 10) AS fy10_2021, annual(s, 2022, 'sum', 10) AS fy10_2022,
	   annual(s, 2020, 'sum', 10) AS fy10_2020, annual(s, 2023, 'sum', 10) AS fy10_2023
FROM series_t WHERE name = 'fiscal';
-- annual(s, 2022, 'sum', 7) is the sum of the rows from Jul 2021 to Jun 2022
SELECT (SELECT annual(s, 2022, 'sum', 7) FROM series_t WHERE name = 'fiscal') =
	   (SELECT sum(value) FROM m WHERE name = 'fiscal'
		AND period BETWEEN '2021-07-01' AND '2022-06-01') AS fy7_2022_is_jul21_to_jun22;
-- FY 2022 (7): last = Jun 2022 = 24, avg = 222 / 12 = 18.5;
-- growth (222 - 78) / 78 * 100 = 2400/13 = 184.615384615
-- FY 2022 (10): growth (258 - 114) / 114 * 100 = 2400/19 = 126.315789474; avg 258 / 12 = 21.5
-- FY 2021 (10): FY 2020 incomplete -> NULL
SELECT annual(s, 2022, 'last', 7) AS fy7_last, annual(s, 2022, 'avg', 7) = 18.5 AS fy7_avg_is_18_5,
	   p(annual_growth_pct(s, 2022, 'sum', 7)) AS fy7_growth,
	   p(annual_growth_pct(s, 2022, 'sum', 10)) AS fy10_growth,
	   annual(s, 2022, 'avg', 10) = 21.5 AS fy10_avg_is_21_5,
	   p(annual_growth_pct(s, 2021, 'sum', 10)) AS fy10_growth_2021
FROM series_t WHERE name = 'fiscal';
-- ytd with fy 7: as of 2021-09-15: Jul..Sep 2021 = 13 + 14 + 15 = 42;
--   as of 2020-09: 1 + 2 + 3 = 6; growth (42 - 6) / 6 * 100 = 600;
--   as of 2020-06: FY 2020 began 2019-07, before the span -> NULL
-- ytd with fy 10: as of 2021-12: Oct..Dec 2021 = 16 + 17 + 18 = 51; as of 2020-12: 4 + 5 + 6 = 15;
--   growth (51 - 15) / 15 * 100 = 240; as of 2021-09: the whole FY 2021 = 114
-- ytd calendar: as of 2021-09: Jan..Sep 2021 = 7..15 -> 99
SELECT ytd(s, '2021-09-15', 7) AS fy7_sep21, ytd(s, '2020-09-01', 7) AS fy7_sep20,
	   p(ytd_growth_pct(s, '2021-09-01', 7)) AS fy7_growth_sep21,
	   ytd(s, '2020-06-01', 7) AS fy7_jun20,
	   ytd(s, '2021-12-01', 10) AS fy10_dec21, ytd(s, '2020-12-01', 10) AS fy10_dec20,
	   p(ytd_growth_pct(s, '2021-12-31', 10)) AS fy10_growth_dec21,
	   ytd(s, '2021-09-01', 10) AS fy10_sep21, ytd(s, '2021-09-01') AS cal_sep21
FROM series_t WHERE name = 'fiscal';
-- fy 7, as of 2021-12 (6 months in, 6 left): ytd = 13..18 = 93
--   expected share: ytd 2020-12 / FY 2021 = (1 + ... + 6) / 78 = 21 / 78 * 100 = 350/13 = 26.923076923
--   run rate: 93 * 12 / 6 = 186; progress against 186: 93 / 186 * 100 = 50
--   target 207: required monthly (207 - 93) / 6 = 19; the rest needs 114 against
--   last year's Jan..Jun 2021 = 7..12 = 57: (114 - 57) / 57 * 100 = 100
-- fy 7, as of 2022-03: ytd = 13..21 = 153, last year's ytd = 1..9 = 45, FY 2021 = 78:
--   seasonal 153 * 78 / 45 = 265.2
SELECT p(expected_ytd_share_pct(s, '2021-12-01', 7)) AS share,
	   projected_annual(s, '2021-12-01', 'run_rate', 7) = 186 AS run_rate_is_186,
	   p(ytd_attainment_pct(s, '2021-12-01', 186, 7)) AS progress,
	   required_monthly(s, '2021-12-01', 207, 7) = 19 AS req_is_19,
	   p(required_growth_rest_pct(s, '2021-12-01', 207, 7)) AS rest_growth,
	   projected_annual(s, '2022-03-01', 'seasonal', 7) = 265.2 AS seasonal_is_265_2
FROM series_t WHERE name = 'fiscal';
-- months left = 0 in the last month of the fiscal year -> NULL:
--   fy 7: June 2022; fy 10: September 2022; calendar: December 2021
-- one month left, fy 7 as of 2022-05: ytd = 13..23 = 198, target 222: (222 - 198) / 1 = 24;
--   the rest (June) needs 24 against June 2021 = 12: (24 - 12) / 12 * 100 = 100
-- calendar as of 2022-06: ytd = 19..24 = 129, target 300: (300 - 129) / 6 = 28.5
SELECT required_monthly(s, '2022-06-01', 300, 7) AS fy7_jun22,
	   p(required_growth_rest_pct(s, '2022-06-30', 300, 7)) AS fy7_rest_jun22,
	   required_monthly(s, '2022-09-01', 300, 10) AS fy10_sep22,
	   p(required_growth_rest_pct(s, '2022-09-01', 300, 10)) AS fy10_rest_sep22,
	   required_monthly(s, '2021-12-01', 300) AS cal_dec21,
	   required_monthly(s, '2022-05-01', 222, 7) = 24 AS fy7_may22_is_24,
	   p(required_growth_rest_pct(s, '2022-05-01', 222, 7)) AS fy7_rest_may22,
	   required_monthly(s, '2022-06-01', 300) = 28.5 AS cal_jun22_is_28_5
FROM series_t WHERE name = 'fiscal';

--
-- A double precision series (iip) through the same accessors
--
-- value 2022-02 = 115; mom 2022-02: (115 - 105) / 105 * 100 = 200/21 = 9.523809524;
-- yoy 2022-02: (115 - 102) / 102 * 100 = 650/51 = 12.745098039;
-- ytd 2022-02 = 220 against 2021-02: 200 -> growth 10; annual 2022 sum 1320
SELECT value_at(s, '2022-02-10') AS feb22, p(mom_pct(s, '2022-02-01')) AS mom_feb22,
	   p(yoy_pct(s, '2022-02-01')) AS yoy_feb22, ytd(s, '2022-02-01') AS ytd_feb22,
	   p(ytd_growth_pct(s, '2022-02-01')) AS ytd_growth_feb22, annual(s, 2022) AS sum22
FROM series_t WHERE name = 'iip';

RESET search_path;
DROP SCHEMA accessors_test CASCADE;
