--
-- indices: rebase, index_agg, contribution_pp and chain_link on
-- hand-computed cases for every rule, and published worked examples.
-- (Properties on generated data, parallel plans: indices_properties.sql;
-- postgres_fdw: fdw.sql.)
--
SET datestyle = 'ISO, YMD';

------------------------------------------------------------------------------
-- rebase(s, base_year, fy_start_month)
------------------------------------------------------------------------------

-- 2015: 90, 110, 90, 110, ... (average 100); 2016-01: 120, 2016-02 missing.
-- Every month x 100 / 100: the same numbers, as a float8 series.
CREATE TEMP TABLE q AS
SELECT series_agg(p, v) AS s
FROM (SELECT make_date(2015, m, 1) AS p, CASE WHEN m % 2 = 1 THEN 90 ELSE 110 END::numeric AS v
      FROM generate_series(1, 12) m
      UNION ALL VALUES (date '2016-01-01', 120), ('2016-02-01', NULL)) t;
SELECT rebase(s, 2015) FROM q;
-- base 2016: incomplete (2016-02 missing, 2016-03.. outside the span): NULL
SELECT rebase(s, 2016) IS NULL AS incomplete_is_null, rebase(s, 2014) IS NULL AS outside_is_null FROM q;
-- a fiscal year from July: FY2016 = 2015-07 .. 2016-06, incomplete: NULL
SELECT rebase(s, 2016, 7) IS NULL AS fy_incomplete FROM q;
-- fiscal year 2021 from July = 2020-07 .. 2021-06: six months of 1.5 and
-- six of 4.5, average 3; 2021-07 = 6 -> 200, 1.5 -> 50, 4.5 -> 150
SELECT rebase(series_agg(p, v), 2021, 7)
FROM (SELECT (date '2020-07-01' + make_interval(months => k))::date AS p,
             CASE WHEN k < 6 THEN 1.5 WHEN k < 12 THEN 4.5 ELSE 6 END::numeric AS v
      FROM generate_series(0, 12) k) t;
-- an average that is 0 or negative: NULL (an index needs a positive base)
-- (-5.5, -4.5, ..., 5.5: average 0; every month -1: average -1)
SELECT rebase(series_agg(p, v), 2020) IS NULL AS zero_base
FROM (SELECT make_date(2020, m, 1) AS p, (m - 6.5)::float8 AS v FROM generate_series(1, 12) m) t;
SELECT rebase(series_agg(p, -1::float8), 2020) IS NULL AS negative_base
FROM (SELECT make_date(2020, m, 1) AS p FROM generate_series(1, 12) m) t;
-- rebasing an index keeps its growth: 120 / 90 - 1 = 33.33...%
SELECT yoy_pct(s, '2016-01-01') AS raw_yoy, yoy_pct(rebase(s, 2015), '2016-01-01') AS rebased_yoy FROM q;

------------------------------------------------------------------------------
-- rebase(s, base_period date)
------------------------------------------------------------------------------

-- base 2015-02 = 110: 90 -> 81.8181..., 110 -> 100, 120 -> 109.0909...
SELECT rebase(s, date '2015-02-01') FROM q;
-- any day of the month stands for it
SELECT rebase(s, date '2015-02-27')::text = rebase(s, date '2015-02-01')::text AS same FROM q;
-- a missing month, a month outside the span, a zero or negative value: NULL
SELECT rebase(s, date '2016-02-01') IS NULL AS missing_base,
       rebase(s, date '2030-01-01') IS NULL AS outside_base,
       rebase('numeric {2020-01: 0, 2020-02: 5}', date '2020-01-01') IS NULL AS zero_base,
       rebase('float8 {2020-01: -2, 2020-02: 5}', date '2020-01-01') IS NULL AS negative_base
FROM q;
-- a year is an int, a month a date; an untyped literal could be either
-- (42725), which is why the README shows the cast
\set VERBOSITY sqlstate
SELECT rebase(s, '2015-02-01') FROM q;
\set VERBOSITY default
SELECT rebase(s, '2015-02-01'::date)::text = rebase(s, date '2015-02-01')::text AS cast_date FROM q;
SELECT pg_typeof(rebase(s, 2015)), rebase(s, 2015)::text = rebase(s, 2015, 1)::text AS default_fy FROM q;
-- an impossible fiscal year start: 22023, as everywhere
\set VERBOSITY sqlstate
SELECT rebase(s, 2015, 13) FROM q;
\set VERBOSITY default

------------------------------------------------------------------------------
-- index_agg(s, weight): sum(weight x s) / sum(weight), month by month
------------------------------------------------------------------------------

-- A: 100, 110, 120 (2020-01..03); B: 2020-02..04 = 100, 90, 80.
-- weights 1 and 3: 2020-02 = (110 + 300) / 4 = 102.5; 2020-03 =
-- (120 + 270) / 4 = 97.5; 2020-01 lacks B and 2020-04 lacks A: missing.
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('float8 {2020-01: 100, 2020-02: 110, 2020-03: 120}', 1.0),
             ('float8 {2020-02: 100, 2020-03: 90, 2020-04: 80}', 3.0)) v(s, w);
-- a month missing inside a component's span is missing in the index
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('float8 {2020-01: 100, 2020-02: NULL, 2020-03: 120}', 1.0),
             ('float8 {2020-01: 50, 2020-02: 60, 2020-03: 70}', 1.0)) v(s, w);
-- a component with weight 0 counts for nothing, whatever months it lacks:
-- (100 x 2 + 50 x 2) / 4 = 75
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('float8 {2020-01: 100}', 2.0), ('float8 {2020-01: 50}', 2.0),
             ('float8 {2019-01: 1, 2019-02: NULL}', 0.0), (NULL, 0.0)) v(s, w);
-- a NULL series with weight > 0 lacks every month, also those that rows
-- after it bring: nothing is dropped silently
SELECT index_agg(s::indicator_series, w ORDER BY o)
FROM (VALUES (1, 'float8 {2020-01: 100}', 1.0), (2, NULL, 1.0),
             (3, 'float8 {2020-01: 100, 2020-02: 5}', 1.0)) v(o, s, w);
-- and only NULL series with weight > 0: no month at all, NULL
SELECT index_agg(NULL::indicator_series, 1) IS NULL AS only_null_series;
-- no row with weight > 0, or no row: NULL
SELECT index_agg(s::indicator_series, w) IS NULL AS all_weight_zero
FROM (VALUES ('float8 {2020-01: 100}', 0.0), ('float8 {2020-01: 50}', 0.0)) v(s, w);
SELECT index_agg(s::indicator_series, w) IS NULL AS no_rows
FROM (VALUES ('float8 {2020-01: 100}', 1.0)) v(s, w) WHERE false;
-- numeric and float8 series together; numeric values read at their scale:
-- 2020-01 = (100.5 + 99.5) / 2 = 100, 2020-02 = (0.25 x 3 + 1.75 x 1) / 4
-- = 0.625
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('numeric {2020-01: 100.5, 2020-02: 0.25}', 3.0),
             ('float8 {2020-01: 99.5, 2020-02: 1.75}', 1.0),
             ('numeric {2020-01: 100, 2020-02: 0.625}', 0.0)) v(s, w);
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('numeric {2020-01: 100.5, 2020-02: NULL}', 1.0),
             ('numeric {2020-01: 99.5, 2020-02: 1}', 1.0)) v(s, w);
-- a wide numeric (int128 mantissas) is read too: (1e20 + 3e20) / 2 = 2e20
SELECT index_agg(s::indicator_series, 1)
FROM (VALUES ('numeric {2020-01: 100000000000000000000.5}'), ('numeric {2020-01: 299999999999999999999.5}')) v(s);
-- spans that grow downwards and upwards, beyond the first state's room
-- (ten years): 1990-01 and 2021-12 lack the other component: missing;
-- every month in between both have: (1 + 3) / 2 = 2
SELECT first_month(i), last_month(i), month_count(i), array_length(missing_months(i), 1) AS missing,
       value_at(i, '1990-01-01') IS NULL AS first_missing, value_at(i, '2000-06-01') AS middle
FROM (SELECT index_agg(s, 1) AS i FROM (
	SELECT series_agg(p::date, 1::float8) AS s FROM generate_series(date '1990-02-01', '2021-12-01', '1 month') p
	UNION ALL
	SELECT series_agg(p::date, 3::float8) FROM generate_series(date '1990-01-01', '2021-11-01', '1 month') p) c) x;

-- weights: NULL is 22004; negative, NaN and infinite are 22023
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('float8 {2020-01: 100}', 1.0), ('float8 {2020-01: 100}', NULL)) v(s, w);
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('float8 {2020-01: 100}', -0.5)) v(s, w);
\set VERBOSITY sqlstate
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('float8 {2020-01: 100}', 'NaN'::float8)) v(s, w);
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('float8 {2020-01: 100}', 'Infinity'::float8)) v(s, w);
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('float8 {2020-01: 100}', '-Infinity'::float8)) v(s, w);
-- a NULL weight with a NULL series is still 22004
SELECT index_agg(NULL::indicator_series, NULL::float8);
-- sums beyond double precision: 22003
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('float8 {2020-01: 1e300}', 1e10), ('float8 {2020-01: 1e300}', 1e10)) v(s, w);
\set VERBOSITY default

------------------------------------------------------------------------------
-- index_agg's state, index_agg_state: text and binary forms
------------------------------------------------------------------------------

-- the transition function called directly: weights 2 + 2 = 4; sums
-- 2020-01 = 2 x 100 + 2 x 50 = 300, 2020-02 lacked by the first
SELECT index_agg_transfn(index_agg_transfn(NULL, 'float8 {2020-01: 100}', 2),
                         'float8 {2020-01: 50, 2020-02: 1}', 2);
SELECT index_agg_final(index_agg_transfn(index_agg_transfn(NULL, 'float8 {2020-01: 100}', 2),
                                         'float8 {2020-01: 50, 2020-02: 1}', 2));
-- a NULL series, and weight 0
SELECT index_agg_transfn(index_agg_transfn(NULL, NULL, 1.5), 'float8 {2020-01: 100}', 1);
SELECT index_agg_transfn(NULL, 'float8 {2020-01: 100}', 0) IS NULL AS weight_zero_no_state;
-- the combine function: weights and sums add up; a NULL side is the other
SELECT index_agg_combine('weight 1; sums float8 {2020-01: 100, 2020-02: 7}',
                         'weight 3; sums float8 {2019-12: 5, 2020-01: 270}');
SELECT index_agg_combine(NULL, 'weight 3; sums float8 {2020-01: 270}'),
       index_agg_combine('weight 3; sums float8 {2020-01: 270}', NULL),
       index_agg_combine(NULL, NULL) IS NULL AS both_null;
SELECT index_agg_combine('weight 1; lacks every month', 'weight 3; sums float8 {2020-01: 270}');
-- text form round trip, and binary
SELECT s::index_agg_state::text = s AS text_round_trip,
       index_agg_state_send(s::index_agg_state) = index_agg_state_send(s::index_agg_state::text::index_agg_state) AS binary_stable
FROM (VALUES ('weight 4; sums float8 {2020-01: 300, 2020-02: NULL}; exact weight 0x1p+2, sums 0x4bp+2, NULL'),
             ('weight 0.1; lacks every month; sums float8 {2020-01: NULL}; exact weight 0xccccccccccccdp-55, sums NULL'),
             ('weight 2.5; lacks every month; exact weight 0x5p-1'),
             -- a subnormal weight, as out writes it (strtod's ERANGE is no error)
             ('weight 5e-324; lacks every month; exact weight 0x1p-1074'),
             -- a negative sum, and a sum that no double holds (1 + 2^-60,
             -- rounded to 1 for the reader)
             ('weight 1; sums float8 {2020-01: -1.5, 2020-02: 1}; exact weight 0x1p+0, sums -0x3p-1, 0x1000000000000001p-60')) v(s);
-- the exact numbers are the state; the rounded ones are for the reader
SELECT index_agg_final('weight 1; sums float8 {2020-01: 1}; exact weight 0x1p+0, sums 0x1000000000000001p-60') AS rounded_once,
       index_agg_final(index_agg_combine('weight 1; sums float8 {2020-01: 1}; exact weight 0x1p+0, sums 0x1000000000000001p-60',
                                         'weight 1; sums float8 {2020-01: -1}; exact weight 0x1p+0, sums -0x1p+0')) AS two_to_minus_61;
-- release 1.1's text form (float8 sums, no exact part) is still read, its
-- doubles taken as exact
SELECT s::index_agg_state AS state, index_agg_final(s::index_agg_state) AS final
FROM (VALUES ('weight 4; sums float8 {2020-01: 300, 2020-02: NULL}'),
             ('weight 0.1; lacks every month; sums float8 {2020-01: NULL}'),
             ('weight 2.5; lacks every month'),
             ('weight 5e-324; lacks every month')) v(s);
-- malformed states: 22P02
\set VERBOSITY sqlstate
SELECT 'weight 0; sums float8 {2020-01: 1}'::index_agg_state;
SELECT 'weight -1; sums float8 {2020-01: 1}'::index_agg_state;
SELECT 'weight NaN; sums float8 {2020-01: 1}'::index_agg_state;
SELECT 'weight 1'::index_agg_state;
SELECT 'weight 1; sums numeric {2020-01: 1}'::index_agg_state;
SELECT 'weight 1; sums float8 {2020-01: x}'::index_agg_state;
SELECT 'sums float8 {2020-01: 1}'::index_agg_state;
SELECT 'weight 1; something'::index_agg_state;
\set VERBOSITY default
SELECT 'weight 0; sums float8 {2020-01: 1}'::index_agg_state;
-- malformed exact parts: 22P02, with the reason
SELECT 'weight 1; exact weight 0x0p+0'::index_agg_state;
SELECT 'weight 1; exact weight -0x1p+0'::index_agg_state;
SELECT 'weight 1; exact weight 1.5'::index_agg_state;
SELECT 'weight 1; exact weight 0x1p+99999'::index_agg_state;
SELECT 'weight 1; exact weight 0x1p+3000'::index_agg_state;
SELECT 'weight 1; sums float8 {2020-01: 1}; exact weight 0x1p+0'::index_agg_state;
SELECT 'weight 1; sums float8 {2020-01: 1, 2020-02: 2}; exact weight 0x1p+0, sums 0x1p+0'::index_agg_state;
SELECT 'weight 1; sums float8 {2020-01: 1}; exact weight 0x1p+0, sums 0x1p+0, 0x1p+0'::index_agg_state;
SELECT 'weight 1; sums float8 {2020-01: 1}; exact weight 0x1p+0, sums 0xgp+0'::index_agg_state;

------------------------------------------------------------------------------
-- contribution_pp(component, weight_share, aggregate, period, lag_months)
------------------------------------------------------------------------------

-- Two industries, weights 0.25 and 0.75 (shares of the total's weights).
-- A: 2020-01 100, 2020-12 104, 2021-01 120; B: 100, 98, 96.
-- Total = 0.25 A + 0.75 B: 2020-01 100, 2020-12 26 + 73.5 = 99.5,
-- 2021-01 30 + 72 = 102.
-- YoY 2021-01: total +2%; A: 0.25 x 20 / 100 x 100 = 5 pp; B: 0.75 x -4 /
-- 100 x 100 = -3 pp; 5 - 3 = 2.
-- MoM 2021-01: total (102 - 99.5) / 99.5 = 2.5125628...%; A: 0.25 x 16 /
-- 99.5 x 100 = 4.0201005...; B: 0.75 x -2 / 99.5 x 100 = -1.5075376...;
-- sum 2.5125628...
CREATE TEMP TABLE ind (industry text, share float8, s indicator_series);
INSERT INTO ind
SELECT 'A', 0.25, series_agg(p, v) FROM (SELECT (date '2020-01-01' + make_interval(months => k))::date AS p,
	CASE k WHEN 0 THEN 100 WHEN 11 THEN 104 WHEN 12 THEN 120 ELSE 100 END::float8 AS v FROM generate_series(0, 12) k) t
UNION ALL
SELECT 'B', 0.75, series_agg(p, v) FROM (SELECT (date '2020-01-01' + make_interval(months => k))::date AS p,
	CASE k WHEN 0 THEN 100 WHEN 11 THEN 98 WHEN 12 THEN 96 ELSE 100 END::float8 AS v FROM generate_series(0, 12) k) t;
CREATE TEMP TABLE tot AS SELECT index_agg(s, share) AS s FROM ind;
SELECT value_at(s, '2020-01-01') AS jan_2020, value_at(s, '2020-12-01') AS dec_2020, value_at(s, '2021-01-01') AS jan_2021,
       yoy_pct(s, '2021-01-01') AS yoy, mom_pct(s, '2021-01-01') AS mom FROM tot;
SELECT industry, contribution_pp(i.s, share, t.s, '2021-01-01') AS yoy_pp,
       round(contribution_pp(i.s, share, t.s, '2021-01-01', 1)::numeric, 10) AS mom_pp
FROM ind i, tot t ORDER BY industry;
SELECT sum(contribution_pp(i.s, share, t.s, '2021-01-01')) AS yoy_pp_sum,
       round(sum(contribution_pp(i.s, share, t.s, '2021-01-01', 1))::numeric, 10) AS mom_pp_sum,
       round((SELECT mom_pct(s, '2021-01-01') FROM tot)::numeric, 10) AS total_mom
FROM ind i, tot t;
-- NULL when a month is missing (component now, component then, aggregate
-- then) or the aggregate's base month is 0
SELECT contribution_pp('float8 {2020-01: 1, 2020-02: NULL}', 1, 'float8 {2020-01: 1, 2020-02: 1}', '2020-02-01', 1) IS NULL AS c_now_missing,
       contribution_pp('float8 {2020-02: 1}', 1, 'float8 {2020-01: 1, 2020-02: 1}', '2020-02-01', 1) IS NULL AS c_then_missing,
       contribution_pp('float8 {2020-01: 1, 2020-02: 2}', 1, 'float8 {2020-02: 1}', '2020-02-01', 1) IS NULL AS a_then_missing,
       contribution_pp('float8 {2020-01: 1, 2020-02: 2}', 1, 'float8 {2020-01: 0, 2020-02: 1}', '2020-02-01', 1) IS NULL AS a_then_zero;
-- the aggregate's base is taken in absolute value: -40 -> -30 with share
-- 1 is +25 pp, as growth_pct gives +25%
SELECT contribution_pp('numeric {2020-01: -40, 2020-02: -30}', 1, 'numeric {2020-01: -40, 2020-02: -30}', '2020-02-01', 1) AS pp,
       growth_pct(-30::numeric, -40) AS growth;
-- a bad share or lag: 22023
\set VERBOSITY sqlstate
SELECT contribution_pp('float8 {2020-01: 1}', 'NaN', 'float8 {2020-01: 1}', '2020-01-01');
SELECT contribution_pp('float8 {2020-01: 1}', 'Infinity', 'float8 {2020-01: 1}', '2020-01-01');
SELECT contribution_pp('float8 {2020-01: 1}', 1, 'float8 {2020-01: 1}', '2020-01-01', 0);
\set VERBOSITY default

-- Flows: each commodity's contribution to the growth of total exports, with
-- weight share 1 (the total is the plain sum).  Exports (million USD),
-- 2020-03 and 2021-03: rice 10 -> 12, coffee 30 -> 27, phones 60 -> 81;
-- total 100 -> 120 (+20%): rice +2 pp, coffee -3 pp, phones +21 pp.
CREATE TEMP TABLE exports (commodity text, period date, value numeric);
INSERT INTO exports VALUES
	('rice', '2020-03-01', 10), ('rice', '2021-03-01', 12),
	('coffee', '2020-03-01', 30), ('coffee', '2021-03-01', 27),
	('phones', '2020-03-01', 60), ('phones', '2021-03-01', 81);
WITH c AS (SELECT commodity, series_agg(period, value) AS s FROM exports GROUP BY commodity),
     t AS (SELECT series_sum(s) AS s FROM c)
SELECT commodity, contribution_pp(c.s, 1, t.s, '2021-03-01') AS pp, yoy_pct(t.s, '2021-03-01') AS total_yoy
FROM c, t ORDER BY commodity;
-- (2020-04 .. 2021-02 are missing: the total's year-on-year growth needs
-- only the two months)

------------------------------------------------------------------------------
-- chain_link(old, new, link_period date): one-month overlap
------------------------------------------------------------------------------

-- Statistics Finland, "Linking old indices" (Statistics Finland web school,
-- www.stat.fi/tup/verkkokoulu/data/ind/03/06/index_en.html, case A, an index
-- renewed every year and chained in December): the index on base 2000 is
-- 104.47 in December 2003; the new index (2003:12 = 100) is 100.34 in
-- January 2004; linked: 100.34 x 104.47 / 100 = 104.825198, which rounds to
-- 104.83.  The publication prints 104.82 because the agency multiplied the
-- unrounded index values; from the rounded inputs printed, 104.83 is right.
-- Its second line links the same month to base 2002:12 (101.88 in December
-- 2003): 100.34 x 101.88 / 100 = 102.226392 -> 102.23 (printed 102.22, for
-- the same reason).
SELECT chain_link('float8 {2003-12: 104.47}', 'float8 {2003-12: 100, 2004-01: 100.34}', date '2003-12-01') AS base_2000,
       round(value_at(chain_link('float8 {2003-12: 104.47}', 'float8 {2003-12: 100, 2004-01: 100.34}', date '2003-12-01'), '2004-01-01'), 2) AS jan_2004_base_2000,
       round(value_at(chain_link('float8 {2003-12: 101.88}', 'float8 {2003-12: 100, 2004-01: 100.34}', date '2003-12-01'), '2004-01-01'), 2) AS jan_2004_base_2002_12;
-- The Open University, OpenLearn course M140 "Prices, location and spread",
-- "Determining a chained price index" (a chain of yearly price ratios): the
-- index is 100 in 2007; the price ratio 2008/2007 is 1.192, so 2008 is
-- 119.2; the ratio 2009/2008 is 1.059, and the chained 2009 index is
-- 119.2 x 1.059 = 126.2328, printed 126.2.  As chain_link on yearly series:
-- the old index (2007 = 100) through 2008, the new one on base 2008 = 100
-- (2009: 105.9) linked in 2008.
SELECT chain_link('float8 {2007: 100, 2008: 119.2}', 'float8 {2008: 100, 2009: 105.9}', date '2008-01-01') AS chained,
       round(value_at(chain_link('float8 {2007: 100, 2008: 119.2}', 'float8 {2008: 100, 2009: 105.9}', date '2008-01-01'), '2009-01-01')::numeric, 1) AS index_2009;
-- old's months after the link and new's months before it are not used;
-- the span runs from old's first month to new's last; missing months stay
-- missing.  Old: 2020-01..04 = 50, 60, 70, 999; new: 2019-12..2020-06 = 1,
-- 2, 3, 35 (link 2020-03: ratio 70 / 35 = 2), NULL, 40, 41 ->
-- 50, 60, 70, NULL, 80, 82
SELECT chain_link('numeric {2020-01: 50, 2020-02: 60, 2020-03: 70, 2020-04: 999}',
                  'float8 {2019-12: 1, 2020-01: 2, 2020-02: 3, 2020-03: 35, 2020-04: NULL, 2020-05: 40, 2020-06: 41}',
                  date '2020-03-15');
-- a new series that ends before the link: old through the link
SELECT chain_link('float8 {2020-01: 1, 2020-02: 2}', 'float8 {2020-01: 4}', date '2020-01-01');
-- NULL when either link month is missing, or new's is 0
SELECT chain_link('float8 {2020-01: 1, 2020-02: NULL}', 'float8 {2020-02: 5}', date '2020-02-01') IS NULL AS old_missing,
       chain_link('float8 {2020-01: 1, 2020-02: 2}', 'float8 {2020-03: 5}', date '2020-02-01') IS NULL AS new_outside,
       chain_link('float8 {2020-01: 1, 2020-02: 2}', 'float8 {2020-02: 0, 2020-03: 5}', date '2020-02-01') IS NULL AS new_zero;
-- the chained level keeps full precision, not a rounded link factor:
-- old(link) = 10, new(link) = 3, new = 1 -> 1 x 10 / 3 = 3.3333333333333335
-- (the nearest double)
SELECT chain_link('float8 {2020-01: 10}', 'float8 {2020-01: 3, 2020-02: 1}', date '2020-01-01');

------------------------------------------------------------------------------
-- chain_link(old, new, link_year, fy_start_month): annual overlap
------------------------------------------------------------------------------

-- old 2020: every month 110 (average 110); new 2020: 90 .. 101 (average
-- 95.5), 2021-01 = 100.  After 2020: new x 110 / 95.5; 2021-01 =
-- 100 x 110 / 95.5 = 115.18324607329843
CREATE TEMP TABLE links AS
SELECT (SELECT series_agg(make_date(2020, m, 1), 110::float8) FROM generate_series(1, 12) m) AS old,
       (SELECT series_agg(p, v) FROM (SELECT make_date(2020, m, 1) AS p, (89 + m)::float8 AS v FROM generate_series(1, 12) m
                                      UNION ALL VALUES (date '2021-01-01', 100)) t) AS new;
SELECT chain_link(old, new, 2020) FROM links;
SELECT chain_link(old, new, 2020)::text = chain_link(old, new, 2020, 1)::text AS default_fy FROM links;
-- an incomplete year on either side: NULL; fiscal year 2021 from July
-- (2020-07 .. 2021-06) is incomplete in both
SELECT chain_link(old, new, 2019) IS NULL AS old_incomplete,
       chain_link(new, old, 2021, 7) IS NULL AS fy_incomplete,
       chain_link(old, 'float8 {2020-01: 5}', 2020) IS NULL AS new_incomplete,
       chain_link(old, (SELECT series_agg(make_date(2020, m, 1), (m - 6.5)::float8) FROM generate_series(1, 12) m), 2020) IS NULL AS new_average_zero
FROM links;
-- fiscal year 2021 from July over a series that covers it: old and new
-- hold 2020-07 .. 2021-07; old's average 10 (all 10), new's 5 (all 5),
-- 2021-07 new = 6 -> 12; 2021-06 is old's 10
SELECT chain_link(series_agg(p::date, 10::float8), series_agg(p::date, CASE WHEN p = '2021-07-01' THEN 6 ELSE 5 END::float8), 2021, 7)
FROM generate_series(date '2020-07-01', '2021-07-01', '1 month') g(p);
\set VERBOSITY sqlstate
SELECT chain_link(old, new, 2020, 0) FROM links;
\set VERBOSITY default

------------------------------------------------------------------------------
-- A published Laspeyres aggregation with every input printed
------------------------------------------------------------------------------

-- "Construct index number of industrial production from the following
-- data" (BYJU'S question and answer, byjus.com/question-answer/
-- construct-index-number-of-industrial-production-from-the-following-data-
-- industry-number-of-items-weight/): mining and quarrying 35 -> 107,
-- weight 10; manufacturing 413 -> 1225, weight 85; electricity 10 -> 27,
-- weight 5.  Published: relatives 305.71, 296.61, 270; index 296.19.
-- Base and current year are held here as two months, the base month the
-- base (rebase on it); unrounded: (305.714... x 10 + 296.610... x 85 +
-- 270 x 5) / 100 = 296.1900...
CREATE TEMP TABLE iip_byjus (industry text, period date, output numeric, weight float8);
INSERT INTO iip_byjus VALUES
	('Mining and quarrying', '2000-01-01', 35, 10), ('Mining and quarrying', '2000-02-01', 107, 10),
	('Manufacturing', '2000-01-01', 413, 85), ('Manufacturing', '2000-02-01', 1225, 85),
	('Electricity', '2000-01-01', 10, 5), ('Electricity', '2000-02-01', 27, 5);
WITH i AS (SELECT industry, weight, rebase(series_agg(period, output), date '2000-01-01') AS s
           FROM iip_byjus GROUP BY industry, weight)
SELECT industry, round(value_at(s, '2000-02-01'), 2) AS relative FROM i ORDER BY weight;
WITH i AS (SELECT industry, weight, rebase(series_agg(period, output), date '2000-01-01') AS s
           FROM iip_byjus GROUP BY industry, weight)
SELECT round(value_at(index_agg(s, weight), '2000-02-01'), 2) AS iip FROM i;

-- A Laspeyres quantity index as index_agg: sum(p0 q1) / sum(p0 q0) x 100 is
-- the mean of the quantity relatives q1 / q0 x 100 weighted by the base
-- values p0 q0.  Question and answer at askanewquestion.com/questions/2973382
-- ("calculate for 2005 with 2002 as base year"): product I p0 60, q0 50,
-- q1 40; II p0 50, q0 20, q1 40; III p0 30, q0 30, q1 40.  Published:
-- sum(p0 q1) = 5600, sum(p0 q0) = 4900, index 5600 / 4900 x 100 = 114.29.
-- Here: weights 3000, 1000, 900; relatives 80, 200, 133.33...;
-- (240000 + 200000 + 120000) / 4900 = 114.2857...
WITH p (product, p0, q0, q1) AS (VALUES ('I', 60, 50, 40), ('II', 50, 20, 40), ('III', 30, 30, 40)),
     s AS (SELECT product, (p0 * q0)::float8 AS base_value,
                  rebase(series_agg(d, q), date '2002-01-01') AS idx
           FROM p, LATERAL (VALUES (date '2002-01-01', q0), (date '2005-01-01', q1)) v(d, q)
           GROUP BY product, p0, q0)
SELECT round(value_at(index_agg(idx, base_value), '2005-01-01'), 2) AS laspeyres_quantity_index
FROM s;

DROP TABLE q, ind, tot, exports, links, iip_byjus;

-- an old series that starts more than 1,000 years before the new one ends:
-- the linked series would span more than a series may (54000), never a
-- longer series
SELECT chain_link((SELECT series_agg(d, 1::float8) FROM (VALUES ('0001-01-01'::date), ('0900-01-01')) t(d)),
                  (SELECT series_agg(d, 1::float8) FROM (VALUES ('0900-01-01'::date), ('1800-01-01')) t(d)),
                  '0900-01-01'::date);
