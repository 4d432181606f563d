--
-- errors: every error rule of the series side, with its SQLSTATE and
-- message, and the places where NULL (not an error) is the contract.
--
-- The messages are the ones the contract names (lowercase primary message
-- naming the problem and the month; detail and hint full sentences).
--
SET datestyle = 'ISO, YMD';

-- err() runs a statement and reports the error it raises: SQLSTATE, primary
-- message, detail and hint (empty when there is none).
CREATE TYPE err_report AS (state text, message text, detail text, hint text);
CREATE FUNCTION err(query text) RETURNS err_report LANGUAGE plpgsql AS $$
DECLARE
	r err_report;
BEGIN
	EXECUTE query;
	r.state := 'no error';
	RETURN r;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS r.state = RETURNED_SQLSTATE, r.message = MESSAGE_TEXT,
		r.detail = PG_EXCEPTION_DETAIL, r.hint = PG_EXCEPTION_HINT;
	RETURN r;
END $$;

CREATE TABLE s1 AS SELECT 'numeric {2020-01: 10, 2020-02: 20, 2020-03: 30, 2020-04: 40, 2020-05: 50, 2020-06: 60, 2020-07: 70, 2020-08: 80, 2020-09: 90, 2020-10: 100, 2020-11: 110, 2020-12: 120, 2021-01: 11, 2021-02: NULL, 2021-03: 33}'::indicator_series AS s;

\x on

------------------------------------------------------------------------------
-- Two values for one month: 21000 (cardinality_violation), naming the month
------------------------------------------------------------------------------

-- two days of one month
SELECT * FROM err($$SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 1::numeric), ('2021-02-01', 2), ('2021-01-31', 3)) t(p, v)$$);
-- the same value twice is still two values
SELECT * FROM err($$SELECT series_agg(p, v) FROM (VALUES (date '2021-03-01', 1::float8), ('2021-03-01', 1)) t(p, v)$$);
\x off
-- every input type; after a rescale; far before the first month; a NULL row
-- for the month first
SELECT q, e.state, e.message FROM (VALUES
	($$SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 1::bigint), ('2021-01-15', 2)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 1::integer), ('2021-01-15', 2)) t(p, v)$$),
	($$SELECT series_agg(p, v ORDER BY v) FROM (VALUES (date '2021-02-01', 1::numeric), ('2021-02-01', 0.5)) t(p, v)$$),
	($$SELECT series_agg(p, v ORDER BY p DESC) FROM (VALUES (date '2021-06-01', 1::numeric), ('1990-07-01', 2), ('1990-07-02', 3)) t(p, v)$$),
	($$SELECT series_agg(p, v ORDER BY v NULLS FIRST) FROM (VALUES (date '2021-04-01', NULL::numeric), ('2021-04-01', 1), ('2021-04-30', 2)) t(p, v)$$),
	($$SELECT series_agg_combine('numeric {2021-01: 1, 2021-02: 2}', 'numeric {2021-02: 3}')$$),
	($$SELECT series_agg_transfn('numeric {2021-01: 1, 2021-02: 2}', '2021-02-10', 5::numeric)$$)
) v(q), LATERAL err(q) e;
-- a NULL value for a month that has one is not a duplicate
SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 1::numeric), ('2021-01-31', NULL)) t(p, v);

------------------------------------------------------------------------------
-- NULL period: 22004 (null_value_not_allowed)
------------------------------------------------------------------------------

\x on
SELECT * FROM err($$SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 1::numeric), (NULL, 2)) t(p, v)$$);
\x off
-- as the first row, with a NULL value too, for every input type
SELECT q, e.state, e.message FROM (VALUES
	($$SELECT series_agg(p, v) FROM (VALUES (NULL::date, 1::numeric)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (NULL::date, NULL::numeric)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (NULL::date, 'NaN'::numeric)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (NULL::date, 1::float8)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (NULL::date, 1::bigint)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (NULL::date, 1::integer)) t(p, v)$$)
) v(q), LATERAL err(q) e;

------------------------------------------------------------------------------
-- NaN and infinite values: 22023 (invalid_parameter_value), naming the month
------------------------------------------------------------------------------

\x on
SELECT * FROM err($$SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 1::numeric), ('2021-02-15', 'NaN')) t(p, v)$$);
\x off
SELECT q, e.state, e.message FROM (VALUES
	($$SELECT series_agg(p, v) FROM (VALUES (date '2021-03-01', 'Infinity'::numeric)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '2021-04-01', '-Infinity'::numeric)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '2021-05-01', 'NaN'::float8)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '2021-06-01', 'Infinity'::float8)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '2021-07-01', '-Infinity'::float8)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '0001-01-01', 'NaN'::numeric)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '9999-12-31', 'NaN'::float8)) t(p, v)$$),
	($$SELECT series_agg_transfn(NULL, '2021-08-01', 'NaN'::numeric)$$)
) v(q), LATERAL err(q) e;

------------------------------------------------------------------------------
-- Periods that name no month a series can hold: 22008
------------------------------------------------------------------------------

\x on
SELECT * FROM err($$SELECT series_agg(p, v) FROM (VALUES (date 'infinity', 1::numeric)) t(p, v)$$);
SELECT * FROM err($$SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 1::numeric), ('10000-01-01', 2)) t(p, v)$$);
\x off
-- -infinity; NULL values too; December of 1 BC; March of 44 BC
SELECT q, e.state, e.message FROM (VALUES
	($$SELECT series_agg(p, v) FROM (VALUES (date '-infinity', 1::float8)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date 'infinity', NULL::numeric)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date 'infinity', 'NaN'::numeric)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '10000-01-01', NULL::numeric)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '0001-12-31 BC', 1::integer)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '0044-03-15 BC', 1::bigint)) t(p, v)$$)
) v(q), LATERAL err(q) e;
-- the first and last days a series can hold
SELECT series_agg(p, v) FROM (VALUES (date '0001-01-01', 1::numeric)) t(p, v);
SELECT series_agg(p, v) FROM (VALUES (date '9999-12-31', 1::numeric)) t(p, v);
-- an infinite as_of or period in the accessors
SELECT q, e.state, e.message FROM (VALUES
	($$SELECT value_at(s, 'infinity') FROM s1$$),
	($$SELECT mom_pct(s, '-infinity') FROM s1$$),
	($$SELECT yoy_pct(s, 'infinity') FROM s1$$),
	($$SELECT ytd(s, 'infinity') FROM s1$$),
	($$SELECT ytd_growth_pct(s, 'infinity') FROM s1$$),
	($$SELECT ytd_attainment_pct(s, 'infinity', 100) FROM s1$$),
	($$SELECT expected_ytd_share_pct(s, 'infinity') FROM s1$$),
	($$SELECT projected_annual(s, 'infinity') FROM s1$$),
	($$SELECT required_monthly(s, '-infinity', 100) FROM s1$$),
	($$SELECT required_growth_rest_pct(s, 'infinity', 100) FROM s1$$)
) v(q), LATERAL err(q) e;

------------------------------------------------------------------------------
-- A span of more than 12000 months: 54000 (program_limit_exceeded)
------------------------------------------------------------------------------

\x on
-- 1021-01 mistyped for 2021-01: 1021-01 .. 2021-02 is 12002 months
SELECT * FROM err($$SELECT series_agg(p, v) FROM (VALUES (date '2021-01-01', 1::numeric), ('2021-02-01', 2), ('1021-01-01', 3)) t(p, v)$$);
\x off
SELECT q, e.state, e.message FROM (VALUES
	($$SELECT series_agg(p, v ORDER BY p) FROM (VALUES (date '2000-01-01', 1::float8), ('3000-01-01', 2)) t(p, v)$$),
	($$SELECT series_agg(p, v ORDER BY p DESC) FROM (VALUES (date '2000-01-01', 1::float8), ('3000-01-01', 2)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '2000-01-01', NULL::numeric), ('3000-01-31', NULL)) t(p, v)$$),
	($$SELECT series_agg(p, v) FROM (VALUES (date '0001-01-01', 1::integer), ('9999-12-01', 2)) t(p, v)$$),
	($$SELECT series_agg_combine('numeric {2000-01: 1}', 'numeric {3000-01: 2}')$$),
	($$SELECT series_agg_transfn('numeric {3000-01: 1}', '2000-01-01', 2::numeric)$$)
) v(q), LATERAL err(q) e;
-- exactly 12000 months is fine, in either order
SELECT first_month(s), last_month(s), month_count(s)
FROM (SELECT series_agg(p, v ORDER BY p) AS s FROM (VALUES (date '2000-01-01', 1::numeric), ('2999-12-31', 2)) t(p, v)) q;
SELECT first_month(s), last_month(s), month_count(s)
FROM (SELECT series_agg(p, v ORDER BY p DESC) AS s FROM (VALUES (date '2000-01-01', 1::numeric), ('2999-12-31', 2)) t(p, v)) q;

------------------------------------------------------------------------------
-- Unknown method: 22023
------------------------------------------------------------------------------

\x on
SELECT * FROM err($$SELECT annual(s, 2020, 'mean') FROM s1$$);
SELECT * FROM err($$SELECT projected_annual(s, '2021-03-01', 'linear') FROM s1$$);
\x off
-- every function with a method; names are exact (lowercase); the error comes
-- even where the figure itself would be NULL (year outside the span)
SELECT q, e.state, e.message, e.hint FROM (VALUES
	($$SELECT annual(s, 2020, 'median') FROM s1$$),
	($$SELECT annual(s, 1900, 'median') FROM s1$$),
	($$SELECT annual(s, 2020, 'SUM') FROM s1$$),
	($$SELECT annual(s, 2020, '') FROM s1$$),
	($$SELECT annual(s, 2020, 'sum ') FROM s1$$),
	($$SELECT annual_growth_pct(s, 2021, 'first') FROM s1$$),
	($$SELECT annual_growth_pct(s, 1900, 'Avg') FROM s1$$),
	($$SELECT attainment_pct(s, 2020, 100::numeric, 'total') FROM s1$$),
	($$SELECT attainment_pct(s, 1900, 100::numeric, 'max') FROM s1$$),
	($$SELECT projected_annual(s, '2021-03-01', 'sum') FROM s1$$),
	($$SELECT projected_annual(s, '1900-03-01', 'run rate') FROM s1$$)
) v(q), LATERAL err(q) e;
-- the known names work, and a NULL method is a NULL result (strict)
SELECT annual(s, 2020, 'sum') AS sum, annual(s, 2020, 'avg') AS avg, annual(s, 2020, 'last') AS last,
       annual(s, 2020, NULL) AS null_method, projected_annual(s, '2021-01-01', NULL) AS null_projection
FROM s1;
-- (10 + 20 + ... + 120 = 780; December = 120; 'avg' is numeric division:)
SELECT 780::numeric / 12 AS avg_by_numeric;

------------------------------------------------------------------------------
-- fy_start_month outside 1..12: 22023, in every function that takes it
------------------------------------------------------------------------------

\x on
SELECT * FROM err($$SELECT ytd(s, '2021-01-01', 0) FROM s1$$);
\x off
SELECT q, e.state, e.message FROM (VALUES
	($$SELECT ytd(s, '2021-01-01', 13) FROM s1$$),
	($$SELECT ytd_growth_pct(s, '2021-01-01', 0) FROM s1$$),
	($$SELECT ytd_growth_pct(s, '2021-01-01', 13) FROM s1$$),
	($$SELECT annual(s, 2020, 'sum', 0) FROM s1$$),
	($$SELECT annual(s, 2020, 'sum', 13) FROM s1$$),
	($$SELECT annual_growth_pct(s, 2021, 'sum', 0) FROM s1$$),
	($$SELECT annual_growth_pct(s, 2021, 'sum', 13) FROM s1$$),
	($$SELECT attainment_pct(s, 2020, 100::numeric, 'sum', 0) FROM s1$$),
	($$SELECT attainment_pct(s, 2020, 100::numeric, 'sum', 13) FROM s1$$),
	($$SELECT ytd_attainment_pct(s, '2021-01-01', 100, 0) FROM s1$$),
	($$SELECT ytd_attainment_pct(s, '2021-01-01', 100, 13) FROM s1$$),
	($$SELECT expected_ytd_share_pct(s, '2021-01-01', 0) FROM s1$$),
	($$SELECT expected_ytd_share_pct(s, '2021-01-01', 13) FROM s1$$),
	($$SELECT projected_annual(s, '2021-01-01', 'seasonal', 0) FROM s1$$),
	($$SELECT projected_annual(s, '2021-01-01', 'run_rate', 13) FROM s1$$),
	($$SELECT required_monthly(s, '2021-01-01', 100, 0) FROM s1$$),
	($$SELECT required_monthly(s, '2021-01-01', 100, 13) FROM s1$$),
	($$SELECT required_growth_rest_pct(s, '2021-01-01', 100, 0) FROM s1$$),
	($$SELECT required_growth_rest_pct(s, '2021-01-01', 100, 13) FROM s1$$),
	($$SELECT * FROM series_rows((SELECT s FROM s1), 0)$$),
	($$SELECT * FROM series_rows((SELECT s FROM s1), 13)$$),
	($$SELECT fiscal_year('2021-01-01', 0)$$),
	($$SELECT fiscal_year('2021-01-01', 13)$$),
	-- other out-of-range values, and where the figure would be NULL anyway
	($$SELECT ytd(s, '2021-01-01', -1) FROM s1$$),
	($$SELECT ytd(s, '2021-01-01', 2147483647) FROM s1$$),
	($$SELECT ytd(s, '1900-01-01', 0) FROM s1$$),
	($$SELECT annual(s, 1900, 'sum', 13) FROM s1$$)
) v(q), LATERAL err(q) e;
-- 1 and 12 are fine; NULL is a NULL result
SELECT ytd(s, '2020-12-01', 1) AS fy1, ytd(s, '2020-12-01', 12) AS fy12, ytd(s, '2020-12-01', NULL) AS fy_null FROM s1;
-- (fy 1: Jan..Dec 2020 = 780; fy 12: FY 2021 runs 2020-12 .. 2021-11, so
-- ytd through 2020-12 is December alone = 120)

------------------------------------------------------------------------------
-- NaN and infinite targets: 22023, naming the argument
------------------------------------------------------------------------------

\x on
SELECT * FROM err($$SELECT attainment_pct(s, 2020, 'NaN'::numeric) FROM s1$$);
\x off
SELECT q, e.state, e.message FROM (VALUES
	($$SELECT attainment_pct(s, 2020, 'Infinity'::numeric) FROM s1$$),
	($$SELECT attainment_pct(s, 1900, '-Infinity'::numeric) FROM s1$$),
	($$SELECT ytd_attainment_pct(s, '2021-01-01', 'NaN') FROM s1$$),
	($$SELECT ytd_attainment_pct(s, '2021-01-01', 'Infinity') FROM s1$$),
	($$SELECT required_monthly(s, '2021-01-01', 'NaN') FROM s1$$),
	($$SELECT required_monthly(s, '2021-01-01', '-Infinity') FROM s1$$),
	($$SELECT required_growth_rest_pct(s, '2021-01-01', 'NaN') FROM s1$$),
	($$SELECT required_growth_rest_pct(s, '1900-01-01', 'Infinity') FROM s1$$)
) v(q), LATERAL err(q) e;

------------------------------------------------------------------------------
-- Sums beyond 38 digits, growth beyond double: 22003
------------------------------------------------------------------------------

\x on
SELECT * FROM err($$SELECT ytd('numeric {2021-01: 60000000000000000000000000000000000000, 2021-02: 60000000000000000000000000000000000000}', '2021-02-01')$$);
\x off
SELECT q, e.state, e.message FROM (VALUES
	($$SELECT annual(series_agg(p::date, 9e37::numeric), 2021) FROM generate_series(date '2021-01-01', '2021-12-01', '1 month') p$$),
	($$SELECT ytd('float8 {2021-01: 1e308, 2021-02: 1e308}', '2021-02-01')$$),
	($$SELECT mom_pct('float8 {2021-01: 1e-300, 2021-02: 1e10}', '2021-02-01')$$)
) v(q), LATERAL err(q) e;
-- just below: 10^38 - 1 as a sum of two values
SELECT ytd('numeric {2021-01: 50000000000000000000000000000000000000, 2021-02: 49999999999999999999999999999999999999}', '2021-02-01');

------------------------------------------------------------------------------
-- Accessor results beyond double's range: 22003, never Infinity (as the
-- scalar functions: the error of PostgreSQL's float8 arithmetic, no detail)
------------------------------------------------------------------------------

-- float8 series: fy2020 of twelve 1e300 (sum 1.2e301), twelve 0.001s over
-- 2020 and 2021, one month of 1e308, and a year whose months cancel
-- (1e300 - 1e300 + 1e-300 = 1e-300, Jan. 2020 alone 1e300)
CREATE TABLE big AS SELECT
	(SELECT series_agg(p::date, 1e300::float8) FROM generate_series(date '2020-01-01', '2020-12-01', '1 month') p) AS f300,
	(SELECT series_agg(p::date, 0.001::float8) FROM generate_series(date '2020-01-01', '2021-12-01', '1 month') p) AS f001,
	(SELECT series_agg(p::date, 0.001::numeric) FROM generate_series(date '2020-01-01', '2021-12-01', '1 month') p) AS n001,
	(SELECT series_agg(p::date, 1e30::numeric) FROM generate_series(date '2020-01-01', '2020-12-01', '1 month') p) AS n30,
	'float8 {2020-01: 1e300, 2020-02: -1e300, 2020-03: 1e-300, 2020-04: 0, 2020-05: 0, 2020-06: 0, 2020-07: 0, 2020-08: 0, 2020-09: 0, 2020-10: 0, 2020-11: 0, 2020-12: 0, 2021-01: 1e300}'::indicator_series AS cancel;
\x on
SELECT * FROM err($$SELECT attainment_pct(f300, 2020, 1e-10) FROM big$$);
\x off
SELECT q, e.state, e.message, e.detail FROM (VALUES
	-- 1.2e301 / 1e-10 * 100 = 1.2e313
	($$SELECT attainment_pct(f300, 2020, 1e-10) FROM big$$),
	($$SELECT attainment_pct(f300, 2020, 1e-10, 'avg') FROM big$$),
	-- a numeric series, a target beyond a mantissa: 1.2e31 / 1e-300 * 100
	($$SELECT attainment_pct(n30, 2020, 1e-300) FROM big$$),
	-- 3e300 / 1e-10 * 100
	($$SELECT ytd_attainment_pct(f300, '2020-03-01', 1e-10) FROM big$$),
	-- (1e307 - 0.012) / 0.009 * 100 (float8 and numeric series)
	($$SELECT required_growth_rest_pct(f001, '2021-03-01', 1e307) FROM big$$),
	($$SELECT required_growth_rest_pct(n001, '2021-03-01', 1e307) FROM big$$),
	-- run rate 1e308 * 12 / 1; seasonal 1e300 * (1.1e301 / 1e-300)
	($$SELECT projected_annual('float8 {2021-01: 1e308}', '2021-01-01', 'run_rate')$$),
	($$SELECT projected_annual(series_agg(p::date, CASE WHEN p < '2020-02-01' THEN 1e-300 ELSE 1e300 END::float8), '2021-01-01') FROM generate_series(date '2020-01-01', '2021-01-01', '1 month') p$$),
	-- Jan. 2020 over fy2020: 1e300 / 1e-300 * 100
	($$SELECT expected_ytd_share_pct(cancel, '2021-01-01') FROM big$$),
	-- growth, and float8 sums beyond double: the same error (no digits detail)
	($$SELECT mom_pct('float8 {2021-01: 1e-300, 2021-02: 1e10}', '2021-02-01')$$),
	-- Jan. 2020 1e-300, Jan. 2021 1e10: (1e10 - 1e-300) / 1e-300 * 100
	($$SELECT yoy_pct(series_agg(p::date, CASE WHEN p < '2020-02-01' THEN 1e-300 ELSE 1e10 END::float8), '2021-01-01') FROM generate_series(date '2020-01-01', '2021-01-01', '1 month') p$$),
	($$SELECT ytd_growth_pct(series_agg(p::date, CASE WHEN p < '2020-02-01' THEN 1e-300 ELSE 1e10 END::float8), '2021-01-01') FROM generate_series(date '2020-01-01', '2021-01-01', '1 month') p$$),
	($$SELECT annual_growth_pct(series_agg(p::date, CASE WHEN p < '2021-01-01' THEN 1e-300 ELSE 1e300 END::float8), 2021) FROM generate_series(date '2020-01-01', '2021-12-01', '1 month') p$$),
	($$SELECT ytd('float8 {2021-01: 1.7e308, 2021-02: 1.7e308}', '2021-02-01')$$),
	($$SELECT series_sum(s) FROM (VALUES ('float8 {2021-01: 1.7e308}'::indicator_series), ('float8 {2021-01: 1.7e308}')) t(s)$$),
	($$SELECT series_rows('float8 {2021-01: 1e-300, 2021-02: 1e10}')$$)
) v(q), LATERAL err(q) e;
-- where the product alone overflows, the seasonal projection still comes
-- out: Jan. 2021 1e300 * (fy2020 1.2e301 / Jan. 2020 1e300) = 1.2e301
SELECT projected_annual(series_agg(p::date, 1e300::float8), '2021-01-01') = 1.2e301 AS finite
FROM generate_series(date '2020-01-01', '2021-01-01', '1 month') p;
-- a growth whose difference alone overflows is computed, as growth_pct
-- computes it: (1.7e308 - -1e308) / 1e308 * 100 = 270 month on month, and
-- (-1.5e308 - 1.5e308) / 1.5e308 * 100 = -200 year on year
SELECT mom_pct('float8 {2021-01: -1e308, 2021-02: 1.7e308}', '2021-02-01') AS mom,
       (SELECT r.mom_pct FROM series_rows('float8 {2021-01: -1e308, 2021-02: 1.7e308}') r
        WHERE r.period = '2021-02-01') AS rows_mom,
       growth_pct(1.7e308::float8, -1e308::float8) AS scalar,
       (SELECT yoy_pct(series_agg(p::date, CASE WHEN p < '2020-02-01' THEN 1.5e308 ELSE -1.5e308 END::float8), '2021-01-01')
        FROM generate_series(date '2020-01-01', '2021-01-01', '1 month') p) AS yoy;
-- the numeric kind stays exact: required_monthly's numeric arithmetic has
-- no infinity (1e307 - 0.003) / 9
SELECT required_monthly(n001, '2021-03-01', 1e307) = (1e307 - 0.003) / 9 AS exact FROM big;

------------------------------------------------------------------------------
-- A numeric series and a float8 series do not mix: 42804
------------------------------------------------------------------------------

\x on
SELECT * FROM err($$SELECT series_agg_combine('numeric {2021-01: 1}', 'float8 {2021-02: 1}')$$);
\x off
-- the transition function given a state of the other kind: the same
-- datatype_mismatch, not an internal error
SELECT q, e.state FROM (VALUES
	($$SELECT series_agg_combine('float8 {2021-01: 1}', 'numeric {2021-02: 1}')$$),
	($$SELECT series_agg_transfn('float8 {2021-01: 1}', '2021-02-01', 1::numeric)$$),
	($$SELECT series_agg_transfn('numeric {2021-01: 1}', '2021-02-01', 1::float8)$$),
	($$SELECT series_agg_transfn('float8 {2021-01: 1}', '2021-02-01', 1::bigint)$$),
	($$SELECT series_agg_transfn('float8 {2021-01: 1}', '2021-02-01', 1::integer)$$)
) v(q), LATERAL err(q) e;

------------------------------------------------------------------------------
-- No error where NULL is the contract
------------------------------------------------------------------------------

-- s1: 2020-01 .. 2020-12 = 10 .. 120, 2021-01 = 11, 2021-02 missing, 2021-03 = 33
-- months outside the span, any distance away; a missing month
SELECT value_at(s, '2019-12-31') AS before, value_at(s, '2021-04-01') AS after,
       value_at(s, '0001-01-01') AS year_1, value_at(s, '9999-12-31') AS year_9999,
       value_at(s, '10000-01-01') AS year_10000, value_at(s, '0001-01-01 BC') AS bc,
       value_at(s, '4713-01-01 BC') AS first_date, value_at(s, '5874897-12-31') AS last_date,
       value_at(s, '2021-02-01') AS missing, value_at(s, '2021-03-01') AS present
FROM s1;
-- growth: previous month outside the span or missing, or the month itself missing
SELECT mom_pct(s, '2020-01-01') AS first, mom_pct(s, '2021-02-01') AS missing, mom_pct(s, '2021-03-01') AS after_missing,
       yoy_pct(s, '2020-06-01') AS no_last_year, yoy_pct(s, '2021-02-01') AS missing_yoy,
       yoy_pct(s, '10000-01-01') AS year_10000, yoy_pct(s, '2021-03-01') AS yoy_mar
FROM s1;
-- (yoy 2021-03: (33 - 30) / 30 * 100 = 10)
-- ytd and annual over missing months, incomplete years, years far away
SELECT ytd(s, '2021-01-01') AS ytd_jan, ytd(s, '2021-03-01') AS ytd_mar, ytd(s, '2019-06-01') AS ytd_before,
       ytd(s, '2020-12-01', 7) AS fy7_dec, ytd(s, '2020-06-01', 7) AS fy7_jun,
       annual(s, 2021) AS year_2021, annual(s, 2019) AS year_2019,
       annual(s, 1) AS min_year, annual(s, 9999) AS max_year,
       annual_growth_pct(s, 1) AS min_growth, annual_growth_pct(s, 9999) AS max_growth,
       annual(s, 2020, 'sum', 7) AS fy7_2020
FROM s1;
-- (ytd Jan 2021 = 11; fy 7: FY 2021 = 2020-07 .. 2021-06, ytd through 2020-12
-- = 70 + 80 + 90 + 100 + 110 + 120 = 570; FY 2020 = 2019-07 .. 2020-06 starts
-- before the span: NULL)
-- a year outside 1..9999 is an error (22008), not NULL (1.0 returned NULL):
-- a swapped argument (attainment_pct(s, 335918, 1993)) or a mistyped year
-- shows at once
SELECT q, (err(q)).state, (err(q)).message FROM (VALUES
	('SELECT annual(s, -2147483648) FROM s1'), ('SELECT annual(s, 0) FROM s1'),
	('SELECT annual(s, 10000) FROM s1'), ('SELECT annual(s, 2147483647) FROM s1'),
	('SELECT annual_growth_pct(s, 99999) FROM s1'),
	('SELECT attainment_pct(s, 335918, 1993) FROM s1')) v(q);
-- zero targets, zero bases, no months left
SELECT attainment_pct(s, 2020, 0::numeric) AS zero_target, attainment_pct(s, 2020, 0::numeric, 'last') AS zero_target_last,
       ytd_attainment_pct(s, '2020-06-01', 0) AS zero_ytd_target,
       required_monthly(s, '2020-12-01', 1000) AS none_left,
       required_growth_rest_pct(s, '2020-12-01', 1000) AS none_left_growth,
       required_growth_rest_pct(s, '2020-06-01', 1000) AS no_last_year
FROM s1;
SELECT mom_pct(z, '2021-02-01') AS zero_base, yoy_pct(z, '2022-01-01') AS zero_base_yoy,
       annual_growth_pct(z, 2022) AS zero_year,
       expected_ytd_share_pct(z, '2022-06-01') AS zero_prev_year,
       projected_annual(z, '2022-06-01', 'seasonal') AS zero_ytd_prev,
       required_growth_rest_pct(z, '2022-06-01', 100) AS zero_rest
FROM (SELECT series_agg(p::date, CASE WHEN p < '2022-01-01' THEN 0 ELSE 5 END::numeric) AS z
      FROM generate_series(date '2021-01-01', '2022-12-01', '1 month') p) q;
-- NULL arguments: NULL results (the accessors are strict)
SELECT value_at(s, NULL) IS NULL AS a, ytd(s, NULL) IS NULL AS b, annual(s, NULL) IS NULL AS c,
       attainment_pct(s, 2020, NULL::numeric) IS NULL AS d, required_monthly(s, '2020-06-01', NULL) IS NULL AS e,
       annual(NULL::indicator_series, 2020) IS NULL AS f
FROM s1;

-- clean up (later tests drop and recreate the extension)
DROP TABLE s1, big;
DROP FUNCTION err(text);
DROP TYPE err_report;
