--
-- prices: deflate, real_growth_pct, implied_levels, attainment_lower_pct and
-- ytd_contribution_pp on hand-computed cases for every rule (the expected
-- values are worked out in the comments).  On real data against pandas:
-- prices_realdata.sql.
--
SET datestyle = 'ISO, YMD';

-- the SQLSTATE and message of a call that fails
CREATE FUNCTION pg_temp.err(call text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE 'SELECT ' || call;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

------------------------------------------------------------------------------
-- deflate(s, price, base_year, fy_start_month)
------------------------------------------------------------------------------

-- yearly: prices 100, 100, 120; base 2019 (average 100): 100, 110,
-- 132 x 100 / 120 = 110; base 2021 (120): 120, 132, 132
SELECT deflate('float8 {2019: 100, 2020: 110, 2021: 132}', 'float8 {2019: 100, 2020: 100, 2021: 120}', 2019) AS base_2019,
       deflate('numeric {2019: 100, 2020: 110, 2021: 132}', 'numeric {2019: 100, 2020: 100, 2021: 120}', 2021) AS base_2021;

-- quarterly: the 2020 prices 90, 100, 110, 100 average 100, so 2020 at its
-- own prices is 90 x 100/90, 100, 110 x 100/110, 100 = 100 each; a price of
-- 0 (2021-Q1), negative (Q2) or missing (Q3) makes the period missing;
-- 2021-Q4: 250 x 100 / 125 = 200; 2022-Q1 is outside the price's span
CREATE TEMP TABLE pq AS
SELECT 'numeric {2020-Q1: 90, 2020-Q2: 100, 2020-Q3: 110, 2020-Q4: 100, 2021-Q1: 50, 2021-Q2: 60, 2021-Q3: 70, 2021-Q4: 250, 2022-Q1: 1}'::indicator_series AS s,
       'numeric {2020-Q1: 90, 2020-Q2: 100, 2020-Q3: 110, 2020-Q4: 100, 2021-Q1: 0, 2021-Q2: -5, 2021-Q3: NULL, 2021-Q4: 125}'::indicator_series AS p;
SELECT deflate(s, p, 2020) FROM pq;
-- the price's own periods deflated by itself: the base year's average
SELECT deflate(p, p, 2020) FROM pq;
-- NULL: base year incomplete (2021-Q3 missing), outside the price's span,
-- or with an average that is not positive (-5 and 5 average 0)
SELECT deflate(s, p, 2021) IS NULL AS incomplete,
       deflate(s, p, 2019) IS NULL AS outside,
       deflate('float8 {2020: 1}', 'float8 {2020: 0}', 2020) IS NULL AS zero_average,
       deflate('float8 {2020-Q1: 1}', 'float8 {2020-Q1: -5, 2020-Q2: 5, 2020-Q3: -5, 2020-Q4: 5}', 2020) IS NULL AS zero_average_q
FROM pq;

-- monthly, fiscal year from July: FY2021 = 2020-07 .. 2021-06 at price 2
-- (average 2); 2021-07 at price 4: 10 x 2 / 4 = 5.  The calendar year 2021
-- lacks 2021-08..12: NULL
CREATE TEMP TABLE pm AS
SELECT series_agg(d, 10::numeric) AS s, series_agg(d, CASE WHEN d < '2021-07-01' THEN 2 ELSE 4 END::numeric) AS p
FROM generate_series(date '2020-07-01', date '2021-07-01', interval '1 month') g(t), LATERAL (SELECT t::date AS d) x;
SELECT deflate(s, p, 2021, 7) AS fy_2021_july, deflate(s, p, 2021) IS NULL AS calendar_2021_incomplete FROM pm;

------------------------------------------------------------------------------
-- deflate(s, price, base_period date)
------------------------------------------------------------------------------

-- base 2020-Q2 (price 100): as base 2020 above; base 2020-Q3 (110):
-- 90 x 110/90 = 110, 110, 110, 110, ..., 250 x 110/125 = 220
SELECT deflate(s, p, '2020-04-01'::date) AS base_q2, deflate(s, p, '2020-08-15'::date) AS base_q3 FROM pq;
-- NULL: the base period's price is 0, negative, missing, outside the span
SELECT deflate(s, p, '2021-01-01'::date) IS NULL AS zero, deflate(s, p, '2021-04-01'::date) IS NULL AS negative,
       deflate(s, p, '2021-07-01'::date) IS NULL AS missing, deflate(s, p, '2019-01-01'::date) IS NULL AS outside
FROM pq;
-- a numeric value with many digits: 1234567890.123 x 3 / 7 in double
SELECT deflate('numeric {2020-01: 1234567890.123, 2020-02: 1234567890.123}', 'numeric {2020-01: 3, 2020-02: 7}', '2020-01-01'::date)
       = ('float8 {2020-01: 1234567890.123, 2020-02: ' || (1234567890.123::float8 * 3 / 7)::text || '}')::indicator_series AS same_as_float8;
-- an untyped literal matches both the year and the date: it needs its cast
SELECT pg_temp.err($$deflate(s, p, '2020-04-01') FROM pq$$) AS untyped_literal;

-- errors
SELECT pg_temp.err($$deflate('float8 {2020-01: 1}', 'float8 {2020-Q1: 1}', 2020)$$) AS frequencies,
       pg_temp.err($$deflate('float8 {2020-01: 1}', 'float8 {2020-Q1: 1}', '2020-01-01'::date)$$) AS frequencies_period;
SELECT pg_temp.err($$deflate(s, p, 2020, 2) FROM pq$$) AS fy_off_quarters,
       pg_temp.err($$deflate(s, p, 0) FROM pq$$) AS year_zero,
       pg_temp.err($$deflate(s, p, 2020, 13) FROM pm$$) AS fy_13;
-- a deflated value beyond double's range is 22003 naming the period
SELECT pg_temp.err($$deflate('float8 {2020: 1e300, 2021: 1e300}', 'float8 {2020: 1e10, 2021: 1e-300}', 2020)$$) AS overflow;
-- but a product that alone overflows is divided first: 1e300 x 1e10 / 1e20
SELECT deflate('float8 {2020: 1e300, 2021: 1e300}', 'float8 {2020: 1e10, 2021: 1e20}', 2020);

------------------------------------------------------------------------------
-- real_growth_pct(nominal_pct, price_pct)
------------------------------------------------------------------------------

-- (1.18 / 1.035 - 1) x 100 = (18 - 3.5) / 103.5 x 100 = 14.00966183574879...;
-- 0 and 25: 1 / 1.25 = 0.8, -20; equal growth: 0; -100 nominal: -100;
-- deflation (price -20): 1.1 / 0.8 = 1.375, +37.5
SELECT n, p, real_growth_pct(n, p) AS from_numeric, real_growth_pct(n::float8, p::float8) AS from_float8,
       real_growth_pct(n, p) = ((n - p) * 100 / (100 + p))::float8 AS as_numeric_arithmetic
FROM (VALUES (18::numeric, 3.5::numeric), (0, 25), (5, 5), (-100, 3), (10, -20), (-3.4, 2.1), (1.5, -99.5)) t(n, p);
-- NULL when price_pct is -100 or less
SELECT real_growth_pct(10, -100) IS NULL AS n_100, real_growth_pct(10, -150) IS NULL AS n_150,
       real_growth_pct(10::float8, -100) IS NULL AS f_100, real_growth_pct(10::float8, -1e300) IS NULL AS f_far_below;
-- numeric arguments too long for 128-bit mantissas take numeric arithmetic
SELECT real_growth_pct(1.0000000000000000000000000000000000000001, 1e-40) =
       ((1.0000000000000000000000000000000000000001 - 1e-40) * 100 / (100 + 1e-40))::float8 AS long_numeric;
-- errors: NaN or infinite arguments
SELECT pg_temp.err($$real_growth_pct('NaN'::numeric, 1)$$) AS nan_numeric,
       pg_temp.err($$real_growth_pct(1, 'Infinity'::float8)$$) AS inf_float8;

------------------------------------------------------------------------------
-- attainment_lower_pct(actual, target)
------------------------------------------------------------------------------

-- 80 against a limit of 100: 125% (better than the limit); 125 against 100:
-- 80%; 2.4 kWh a unit against 2.5: 104.16666666666667%
SELECT a, t, attainment_lower_pct(a, t) AS from_numeric, attainment_lower_pct(a::float8, t::float8) AS from_float8
FROM (VALUES (80::numeric, 100::numeric), (125, 100), (2.4, 2.5), (100, 100)) v(a, t);
-- NULL unless both are positive
SELECT attainment_lower_pct(0, 100) IS NULL AS actual_0, attainment_lower_pct(100, 0) IS NULL AS target_0,
       attainment_lower_pct(-5, 10) IS NULL AS actual_negative, attainment_lower_pct(5, -10) IS NULL AS target_negative,
       attainment_lower_pct(0::float8, 100) IS NULL AS f_actual_0, attainment_lower_pct(5::float8, -10) IS NULL AS f_target_negative;
-- numeric arithmetic beyond 128-bit mantissas gives the same: 100 / 3e-40 x 100
SELECT attainment_lower_pct(3e-40, 100) = (100 * 100 / 3e-40)::float8 AS long_numeric;
SELECT pg_temp.err($$attainment_lower_pct('NaN'::numeric, 1)$$) AS nan_actual,
       pg_temp.err($$attainment_lower_pct(1, '-Infinity'::float8)$$) AS inf_target,
       pg_temp.err($$attainment_lower_pct(1e-300::float8, 1e300)$$) AS overflow;

------------------------------------------------------------------------------
-- implied_levels(growth, anchor, lag_months)
------------------------------------------------------------------------------

-- yearly growth 2019 +10, 2020 -50, 2021 +100, 2022 -100, 2023 +20, anchor
-- 2020 = 200: forwards 2021 = 200 x 2 = 400, 2022 broken (-100), so 2023
-- too; backwards 2019 = 200 / 0.5 = 400, 2018 = 400 / 1.1 = 363.63...
SELECT implied_levels('float8 {2019: 10, 2020: -50, 2021: 100, 2022: -100, 2023: 20}', 'numeric {2020: 200}');
-- a growth below -100 breaks the chain both ways: 2021 (-150) is missing
-- (2019 = 100 x 100 / 110 from 2020's +10%), and 2020 is not reached
-- backwards from 2021
SELECT implied_levels('float8 {2020: 10, 2021: -150, 2022: 10}', 'float8 {2020: 100}') AS forwards,
       implied_levels('float8 {2021: -150}', 'float8 {2021: 100}') AS backwards;
-- two anchors: every anchor is kept (2021 = 100, not 110 x 1.1 = 121);
-- 2020 is reached forwards from 2019 (110) and backwards from 2021
-- (100 / 1.1): the earlier anchor's value is kept
SELECT implied_levels('float8 {2020: 10, 2021: 10, 2022: 10}', 'float8 {2019: 100, 2020: NULL, 2021: 100}');
-- monthly, year on year (the default lag): anchor 2020 = 100 a month; 2021
-- grows 10%, 2022 falls 50% from it; 2019 from 2020's growth of 25% is 80;
-- 2021-06 has no growth: missing, and 2022-06 is not reached either
SELECT implied_levels(g, a)
FROM (SELECT series_agg(d, CASE WHEN d < '2021-01-01' THEN 25 WHEN d = '2021-06-01' THEN NULL
                                WHEN d < '2022-01-01' THEN 10 ELSE -50 END::numeric) AS g
      FROM generate_series(date '2020-01-01', date '2022-12-01', interval '1 month') x(t), LATERAL (SELECT t::date AS d) y) g,
     (SELECT series_agg(t::date, 100::numeric) AS a
      FROM generate_series(date '2020-01-01', date '2020-12-01', interval '1 month') t) a;
-- month on month (lag 1): 100, +1% = 101, +1% = 102.01; backwards from the
-- anchor: 100 / 1.02 = 98.03921568627452
SELECT implied_levels('float8 {2020-01: 2, 2020-02: 1, 2020-03: 1}', 'float8 {2020-01: 100}', 1);
-- quarterly: lag_months 12 is four quarters, 3 is one quarter
SELECT implied_levels('float8 {2021-Q1: 10, 2021-Q2: 20}', 'float8 {2020-Q1: 100, 2020-Q2: 100}') AS yoy,
       implied_levels('float8 {2021-Q1: 10, 2021-Q2: 20}', 'float8 {2020-Q4: 100}', 3) AS qoq;
-- NULL when the anchor has no value at all
SELECT implied_levels('float8 {2021: 10}', 'float8 {2020: NULL}') IS NULL AS no_anchor;
-- errors
SELECT pg_temp.err($$implied_levels('float8 {2021-Q1: 10}', 'float8 {2020-Q1: 100}', 2)$$) AS lag_off_quarters,
       pg_temp.err($$implied_levels('float8 {2021: 10}', 'float8 {2020: 100}', 0)$$) AS lag_zero,
       pg_temp.err($$implied_levels('float8 {2021-01: 10}', 'float8 {2020: 100}')$$) AS frequencies,
       pg_temp.err($$implied_levels('float8 {2021: 1e300}', 'float8 {2020: 1e300}')$$) AS overflow;
-- the periods reached span at most what a series may: growth of 0% from
-- 1501-01 through 2500-12 carries 1500-01 to every January through 2500-01,
-- 12,001 months
SELECT pg_temp.err($$implied_levels(series_agg(t::date, 0::numeric), 'numeric {1500-01: 100}')
                     FROM generate_series(date '1501-01-01', date '2500-12-01', interval '1 month') t$$) AS span;

------------------------------------------------------------------------------
-- ytd_contribution_pp(component, weight_share, aggregate, as_of, fy_start_month, method)
------------------------------------------------------------------------------

-- two components with weights 1 and 3 (shares 0.25 and 0.75); the
-- aggregate a = 0.25 c1 + 0.75 c2:
--            2020-01  02    03    2021-01  02    03
--   c1       10       20    30    12       22    36
--   c2       40       40    40    38       44    50
--   a        32.5     35    37.5  31.5     38.5  46.5
-- ytd to March ('sum'): c1 60 -> 70, c2 120 -> 132, a 105 -> 116.5
--   c1: 0.25 x 10 / 105 x 100 = 2.380952380952381
--   c2: 0.75 x 12 / 105 x 100 = 8.571428571428571
--   total 11.5 / 105 x 100 = 10.952380952380953 = ytd_growth_pct(a)
-- 'avg' divides both years by 3: the same; 'last' (March): c1 30 -> 36,
-- c2 40 -> 50, a 37.5 -> 46.5: 0.25 x 6 / 37.5 x 100 = 4, 0.75 x 10 /
-- 37.5 x 100 = 20, total 24; from February (fy_start_month 2): c1 50 -> 58,
-- a 72.5 -> 85: 0.25 x 8 / 72.5 x 100 = 2.7586206896551726
CREATE TEMP TABLE comp AS
SELECT name, w, series_agg(d, v) AS s
FROM (VALUES ('c1', 1::float8, date '2020-01-01', 10::numeric), ('c1', 1, '2020-02-01', 20), ('c1', 1, '2020-03-01', 30),
             ('c1', 1, '2021-01-01', 12), ('c1', 1, '2021-02-01', 22), ('c1', 1, '2021-03-01', 36),
             ('c2', 3, '2020-01-01', 40), ('c2', 3, '2020-02-01', 40), ('c2', 3, '2020-03-01', 40),
             ('c2', 3, '2021-01-01', 38), ('c2', 3, '2021-02-01', 44), ('c2', 3, '2021-03-01', 50)) v(name, w, d, v)
GROUP BY name, w;
CREATE TEMP TABLE agg AS SELECT index_agg(s, w) AS a FROM comp;
SELECT a FROM agg;
SELECT c.name, m.method,
       ytd_contribution_pp(c.s, c.w / 4, agg.a, '2021-03-01', 1, m.method) AS pp
FROM comp c, agg, (VALUES ('sum'), ('avg'), ('last')) m(method)
ORDER BY m.method, c.name;
-- the contributions add up to the aggregate's ytd growth (to rounding)
SELECT m.method, round(sum(ytd_contribution_pp(c.s, c.w / 4, agg.a, '2021-03-15', 1, m.method))::numeric, 12) AS pp_sum,
       round(ytd_growth_pct(agg.a, '2021-03-15', 1, m.method)::numeric, 12) AS ytd_growth
FROM comp c, agg, (VALUES ('sum'), ('avg'), ('last')) m(method)
GROUP BY m.method, agg.a ORDER BY m.method;
SELECT ytd_contribution_pp(c.s, 0.25, agg.a, '2021-03-01', 2, 'sum') AS from_february
FROM comp c, agg WHERE c.name = 'c1';
-- NULL: a period of either year-to-date missing (2021-04, 2019-...), or the
-- aggregate's year-to-date 0 a year earlier
SELECT ytd_contribution_pp(c.s, 0.25, agg.a, '2021-04-01', 1, 'sum') IS NULL AS now_missing,
       ytd_contribution_pp(c.s, 0.25, agg.a, '2020-03-01', 1, 'sum') IS NULL AS year_before_missing,
       ytd_contribution_pp(c.s, 0.25, 'numeric {2020-01: 0, 2020-02: 0, 2020-03: 0}', '2021-03-01', 1, 'sum') IS NULL AS aggregate_zero,
       ytd_contribution_pp(c.s, 0.25, 'numeric {2020-01: 5, 2020-02: -5, 2020-03: 1}', '2021-03-01', 1, 'last') AS last_ignores_the_sum
FROM comp c, agg WHERE c.name = 'c1';
-- quarterly, fiscal year from July: FY2021 Q1 = 2020-Q3; c 10 -> 15, a 50:
-- 0.5 x 5 / 50 x 100 = 5
SELECT ytd_contribution_pp('float8 {2019-Q3: 10, 2019-Q4: NULL, 2020-Q1: NULL, 2020-Q2: NULL, 2020-Q3: 15}', 0.5,
                           'float8 {2019-Q3: 50}', '2020-09-30', 7, 'sum');
-- errors
SELECT pg_temp.err($$ytd_contribution_pp(s, 0.5, s, '2021-03-01', 1, 'median') FROM comp$$) AS method,
       pg_temp.err($$ytd_contribution_pp(s, 'NaN', s, '2021-03-01', 1, 'sum') FROM comp$$) AS share_nan,
       pg_temp.err($$ytd_contribution_pp('float8 {2020-Q1: 1}', 1, 'float8 {2020-01: 1}', '2021-03-01', 1, 'sum')$$) AS frequencies,
       pg_temp.err($$ytd_contribution_pp('float8 {2020-Q1: 1}', 1, 'float8 {2020-Q1: 1}', '2021-03-01', 2, 'sum')$$) AS fy_off_quarters,
       pg_temp.err($$ytd_contribution_pp('float8 {2020-Q1: 1}', 1, 'float8 {2020-Q1: 1}', '2021-03-01', 1)$$) AS five_arguments;

-- The IIP workload at test scale (bench/iip_workload.sql's shape): 400
-- products in 40 four-digit industries under 10 two-digit ones, monthly
-- quantities 2015-01 .. 2020-12 (deterministic), base year 2015, product
-- weights and value added; product 7 lacks 2019-03, so its industries and
-- the IIP lack it too.  The contributions of the two-digit industries
-- (shares of the IIP's weights) add up to the IIP's ytd_growth_pct in every
-- month, for every method and fiscal year start; the sum is taken only where
-- every industry's contribution is defined (the industry with product 7 has
-- none where its year-to-date spans 2019-03), and is NULL exactly where the
-- growth is.
CREATE TEMP TABLE wl_products AS
SELECT p AS product, (p - 1) / 10 AS ind4, (p - 1) / 40 AS ind2, (1 + (p * 37) % 11)::float8 AS w,
       rebase(series_agg((date '2015-01-01' + make_interval(months => k))::date,
                         CASE WHEN p = 7 AND k = 50 THEN NULL
                              ELSE round((200 + (p * 7919 + k * 104729) % 997 / 10.0 + 20 * sin(p + k / 6.0))::numeric, 3) END),
              2015) AS idx
FROM generate_series(1, 400) p, generate_series(0, 71) k
GROUP BY p;
CREATE TEMP TABLE wl_ind4 AS
SELECT ind4, min(ind2) AS ind2, (100 + (ind4 * 53) % 400)::float8 AS va, index_agg(idx, w) AS idx
FROM wl_products GROUP BY ind4;
CREATE TEMP TABLE wl_ind2 AS
SELECT ind2, sum(va) AS va, index_agg(idx, va) AS idx FROM wl_ind4 GROUP BY ind2;
CREATE TEMP TABLE wl_iip AS SELECT index_agg(idx, va) AS idx, sum(va) AS va FROM wl_ind2;
SELECT month_count(idx) AS iip_months, missing_months(idx) FROM wl_iip;
SELECT f.method, f.fy, count(*) AS months, count(c.pp) AS defined,
       count(*) FILTER (WHERE abs(c.pp - ytd_growth_pct(t.idx, m, f.fy, f.method)) < 1e-9) AS adds_up,
       count(*) FILTER (WHERE (c.pp IS NULL) <> (ytd_growth_pct(t.idx, m, f.fy, f.method) IS NULL)) AS null_differs
FROM wl_iip t, (VALUES ('sum', 1), ('avg', 1), ('last', 1), ('sum', 7), ('avg', 4), ('last', 10)) f(method, fy),
     generate_series(date '2015-01-01', date '2020-12-01', interval '1 month') g(d),
     LATERAL (SELECT g.d::date) mm(m),
     LATERAL (SELECT CASE WHEN count(x.pp) = count(*) THEN sum(x.pp) END
              FROM wl_ind2 i, LATERAL (SELECT ytd_contribution_pp(i.idx, i.va / t.va, t.idx, m, f.fy, f.method)) x(pp)) c(pp)
GROUP BY f.method, f.fy ORDER BY f.fy, f.method;

------------------------------------------------------------------------------
-- Estimates: a deflated period is an estimate when its value, its price or
-- a period of the base is; an implied level when the anchor or a growth
-- rate it rests on is ('*' marks an estimate in the text form)
------------------------------------------------------------------------------

-- 2020's value and 2021's price are estimates: base 2019 flags 2020 and
-- 2021; base 2021 (an estimated price) flags every period; the base
-- period 2019-06-01 (on a yearly series, the year 2019) as base 2019
SELECT deflate('numeric {2019: 100, 2020: 110*, 2021: 132}', 'numeric {2019: 100, 2020: 100, 2021: 120*}', 2019) AS base_2019,
       deflate('numeric {2019: 100, 2020: 110*, 2021: 132}', 'numeric {2019: 100, 2020: 100, 2021: 120*}', 2021) AS base_2021,
       deflate('numeric {2019: 100, 2020: 110*, 2021: 132}', 'numeric {2019: 100, 2020: 100, 2021: 120*}', '2019-06-01'::date) AS base_2019_period;
-- a base year with one estimated quarter flags every period; a missing
-- period is never flagged (2021-Q1: its price is 0)
SELECT deflate('float8 {2020-Q4: 10, 2021-Q1: 20*, 2021-Q2: 30}', 'float8 {2020-Q1: 1, 2020-Q2: 1*, 2020-Q3: 1, 2020-Q4: 1, 2021-Q1: 0, 2021-Q2: 2}', 2020) AS base_flagged,
       estimated_periods(deflate('float8 {2020-Q4: 10, 2021-Q1: 20*, 2021-Q2: 30}', 'float8 {2020-Q4: 1, 2021-Q1: 0, 2021-Q2: 2*}', '2020-10-01'::date)) AS flagged;
-- no estimate anywhere: a series without flags, equal to one written without
SELECT deflate('numeric {2019: 100, 2020: 110}', 'numeric {2019: 100, 2020: 100}', 2019)::text AS no_flags;

-- implied_levels: 2020's growth (-50) is an estimate, so 2019 reached
-- backwards through it is, and 2018 reached from 2019; 2021, carried from
-- the anchor by an official rate, is not.  An estimated anchor flags every
-- level carried from it.
SELECT implied_levels('float8 {2019: 10, 2020: -50*, 2021: 100}', 'numeric {2020: 200}') AS estimated_rate,
       implied_levels('float8 {2019: 10, 2020: -50, 2021: 100}', 'numeric {2020: 200*}') AS estimated_anchor,
       implied_levels('float8 {2020: 10, 2021: 10}', 'float8 {2019: 100, 2020: NULL, 2021: 100*}') AS anchors_kept;
