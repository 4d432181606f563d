-- 02_errors.sql: bad input is an error with a specific SQLSTATE and a
-- message naming the problem (and the month, where there is one); undefined
-- results are NULL, never an error.
--
-- SQLSTATEs are part of the API:
--   21000 cardinality_violation          two values for one month
--   22004 null_value_not_allowed         NULL period
--   22023 invalid_parameter_value        NaN/infinite value or argument, unknown method,
--                                        fy_start_month outside 1..12
--   22008 datetime_field_overflow        infinite period, year outside 1..9999
--   54000 program_limit_exceeded         span of more than 12000 months
--   22P02 invalid_text_representation    malformed indicator_series literal
--   22003 numeric_value_out_of_range     overflow, numeric not held exactly
--   42804 datatype_mismatch              combining a numeric and a float8 series
BEGIN;
SELECT plan(108);

------------------------------------------------------------------------------
-- Two values for one month: 21000 (6 tests)
------------------------------------------------------------------------------

SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2021-01-01'::date, 1::numeric), ('2021-01-15', 2)) t(p, v)$$,
	'21000', 'more than one value for month 2021-01',
	'numeric: two dates of one month are two values for the month');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2021-02-01'::date, 1::float8), ('2021-02-28', 1)) t(p, v)$$,
	'21000', 'more than one value for month 2021-02',
	'double precision: a repeated month is an error even with equal values');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2020-12-01'::date, 1::bigint), ('2021-01-01', 2), ('2020-12-31', 3)) t(p, v)$$,
	'21000', 'more than one value for month 2020-12',
	'bigint: the repeated month is named, not the last one seen');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2021-03-01'::date, 0::integer), ('2021-03-01', 0)) t(p, v)$$,
	'21000', 'more than one value for month 2021-03',
	'integer: a repeated month is an error');
SELECT throws_ok(
	$$SELECT series_agg_combine('numeric {2021-01: 1, 2021-02: 2}', 'numeric {2021-02: 2, 2021-03: 3}')$$,
	'21000', 'more than one value for month 2021-02',
	'combining two partial states that share a month is the same error');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM generate_series(1, 2) g,
	         LATERAL (VALUES ('2021-01-01'::date, 5::numeric)) t(p, v)$$,
	'21000', 'more than one value for month 2021-01',
	'a join that doubles the rows is caught, not summed');

------------------------------------------------------------------------------
-- NULL period: 22004 (5 tests)
------------------------------------------------------------------------------

SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2021-01-01'::date, 1::numeric), (NULL, 2)) t(p, v)$$,
	'22004', 'period cannot be NULL', 'numeric: a NULL period is an error');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES (NULL::date, 1::float8)) t(p, v)$$,
	'22004', 'period cannot be NULL', 'double precision: a NULL period is an error');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES (NULL::date, 1::bigint)) t(p, v)$$,
	'22004', 'period cannot be NULL', 'bigint: a NULL period is an error');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES (NULL::date, 1::integer)) t(p, v)$$,
	'22004', 'period cannot be NULL', 'integer: a NULL period is an error');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES (NULL::date, NULL::numeric)) t(p, v)$$,
	'22004', 'period cannot be NULL', 'a NULL period is an error even when the value is NULL too');

------------------------------------------------------------------------------
-- NaN and infinite values: 22023, naming the month (6 tests)
------------------------------------------------------------------------------

SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2021-03-01'::date, 'NaN'::numeric)) t(p, v)$$,
	'22023', 'value for month 2021-03 cannot be NaN', 'numeric NaN value');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2021-03-01'::date, 1::numeric), ('2021-04-10', 'Infinity')) t(p, v)$$,
	'22023', 'value for month 2021-04 cannot be infinite', 'numeric Infinity value');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2021-05-01'::date, '-Infinity'::numeric)) t(p, v)$$,
	'22023', 'value for month 2021-05 cannot be infinite', 'numeric -Infinity value');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2021-03-01'::date, 'NaN'::float8)) t(p, v)$$,
	'22023', 'value for month 2021-03 cannot be NaN', 'double precision NaN value');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2021-03-01'::date, 'Infinity'::float8)) t(p, v)$$,
	'22023', 'value for month 2021-03 cannot be infinite', 'double precision Infinity value');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('1999-12-31'::date, '-Infinity'::float8)) t(p, v)$$,
	'22023', 'value for month 1999-12 cannot be infinite', 'double precision -Infinity value');

------------------------------------------------------------------------------
-- Infinite period: 22008 (7 tests)
------------------------------------------------------------------------------

SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('infinity'::date, 1::numeric)) t(p, v)$$,
	'22008', 'period cannot be infinite', 'series_agg: infinite period');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('-infinity'::date, 1::float8)) t(p, v)$$,
	'22008', 'period cannot be infinite', 'series_agg: -infinity period');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('infinity'::date, NULL::numeric)) t(p, v)$$,
	'22008', 'period cannot be infinite', 'series_agg: infinite period with a NULL value');
SELECT throws_ok(
	$$SELECT fiscal_year('infinity'::date)$$,
	'22008', 'period cannot be infinite', 'fiscal_year: infinite period');
SELECT throws_ok(
	$$SELECT value_at('numeric {2021-01: 1}', '-infinity')$$,
	'22008', 'period cannot be infinite', 'value_at: infinite period');
SELECT throws_ok(
	$$SELECT ytd('numeric {2021-01: 1}', 'infinity')$$,
	'22008', 'as_of cannot be infinite', 'ytd: infinite as_of, named as_of');
SELECT throws_ok(
	$$SELECT projected_annual('numeric {2021-01: 1}', 'infinity', 'run_rate')$$,
	'22008', 'as_of cannot be infinite', 'projected_annual: infinite as_of');

------------------------------------------------------------------------------
-- Period outside years 1..9999: 22008 (5 tests)
------------------------------------------------------------------------------

SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('10000-01-01'::date, 1::numeric)) t(p, v)$$,
	'22008', 'period 10000-01 is out of range for indicator_series', 'year 10000');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('10000-01-01'::date, NULL::float8)) t(p, v)$$,
	'22008', 'period 10000-01 is out of range for indicator_series',
	'year 10000 with a NULL value (it would still widen the span)');
-- the message writes the month as PostgreSQL writes the date.
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('0001-12-01 BC'::date, 1::integer)) t(p, v)$$,
	'22008', 'period 0001-12 BC is out of range for indicator_series', 'December 1 BC');
SELECT lives_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('0001-01-01'::date, 1::numeric), ('0001-02-01', 2)) t(p, v)$$,
	'January of year 1 is the first month a series can hold');
SELECT lives_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('9999-12-31'::date, 1::numeric), ('9999-11-01', 2)) t(p, v)$$,
	'December 9999 is the last month a series can hold');

------------------------------------------------------------------------------
-- Span of more than 12000 months: 54000 (5 tests)
------------------------------------------------------------------------------

-- January 1000 .. January 2000 is 12001 months; .. December 1999 is 12000.
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('1000-01-01'::date, 1::numeric), ('2000-01-01', 2)) t(p, v)$$,
	'54000', 'series from 1000-01 to 2000-01 spans more than 12000 months', 'a span of 12001 months');
SELECT throws_ok(
	$$SELECT series_agg(p, v ORDER BY p DESC) FROM (VALUES ('1000-01-01'::date, 1::float8), ('2000-01-01', 2)) t(p, v)$$,
	'54000', 'series from 1000-01 to 2000-01 spans more than 12000 months',
	'a span of 12001 months, rows in descending order');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('1000-01-01'::date, NULL::numeric), ('2000-01-01', 2)) t(p, v)$$,
	'54000', 'series from 1000-01 to 2000-01 spans more than 12000 months',
	'NULL-valued rows at the edges count in the span');
SELECT throws_ok(
	$$SELECT series_agg_combine('numeric {1000-01: 1}', 'numeric {2000-01: 2}')$$,
	'54000', 'series from 1000-01 to 2000-01 spans more than 12000 months',
	'combining two partial states into too long a span');
SELECT lives_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('1000-01-01'::date, 1::numeric), ('1999-12-01', 2)) t(p, v)$$,
	'a span of exactly 12000 months is allowed');

------------------------------------------------------------------------------
-- Unknown method: 22023 (5 tests)
------------------------------------------------------------------------------

SELECT throws_ok(
	$$SELECT annual('numeric {2021-01: 1}', 2021, 'median')$$,
	'22023', 'unknown method "median"', 'annual: unknown method');
SELECT throws_ok(
	$$SELECT annual_growth_pct('numeric {2021-01: 1}', 2021, 'mean')$$,
	'22023', 'unknown method "mean"', 'annual_growth_pct: unknown method');
SELECT throws_ok(
	$$SELECT attainment_pct('numeric {2021-01: 1}'::indicator_series, 2021, 100, 'total')$$,
	'22023', 'unknown method "total"', 'attainment_pct on a series: unknown method');
SELECT throws_ok(
	$$SELECT projected_annual('numeric {2021-01: 1}', '2021-01-01', 'linear')$$,
	'22023', 'unknown method "linear"', 'projected_annual: unknown method');
SELECT throws_ok(
	$$SELECT projected_annual('numeric {2021-01: 1}', '2021-01-01', 'sum')$$,
	'22023', 'unknown method "sum"', 'projected_annual does not take the annual methods');

------------------------------------------------------------------------------
-- fy_start_month outside 1..12: 22023 (10 tests)
------------------------------------------------------------------------------

SELECT throws_ok($$SELECT fiscal_year('2021-01-01', 0)$$,
	'22023', 'fy_start_month must be between 1 and 12, not 0', 'fiscal_year: fy_start_month 0');
SELECT throws_ok($$SELECT fiscal_year('2021-01-01', 13)$$,
	'22023', 'fy_start_month must be between 1 and 12, not 13', 'fiscal_year: fy_start_month 13');
SELECT throws_ok($$SELECT fiscal_year('2021-01-01', -1)$$,
	'22023', 'fy_start_month must be between 1 and 12, not -1', 'fiscal_year: fy_start_month -1');
SELECT throws_ok($$SELECT ytd('numeric {2021-01: 1}', '2021-01-01', 0)$$,
	'22023', 'fy_start_month must be between 1 and 12, not 0', 'ytd: fy_start_month 0');
SELECT throws_ok($$SELECT ytd_growth_pct('numeric {2021-01: 1}', '2021-01-01', 13)$$,
	'22023', 'fy_start_month must be between 1 and 12, not 13', 'ytd_growth_pct: fy_start_month 13');
SELECT throws_ok($$SELECT annual('numeric {2021-01: 1}', 2021, 'sum', 13)$$,
	'22023', 'fy_start_month must be between 1 and 12, not 13', 'annual: fy_start_month 13');
SELECT throws_ok($$SELECT annual_growth_pct('numeric {2021-01: 1}', 2021, 'avg', 0)$$,
	'22023', 'fy_start_month must be between 1 and 12, not 0', 'annual_growth_pct: fy_start_month 0');
SELECT throws_ok($$SELECT required_monthly('numeric {2021-01: 1}', '2021-01-01', 100, 0)$$,
	'22023', 'fy_start_month must be between 1 and 12, not 0', 'required_monthly: fy_start_month 0');
SELECT throws_ok($$SELECT expected_ytd_share_pct('numeric {2021-01: 1}', '2021-01-01', 13)$$,
	'22023', 'fy_start_month must be between 1 and 12, not 13', 'expected_ytd_share_pct: fy_start_month 13');
SELECT throws_ok($$SELECT * FROM series_rows('numeric {2021-01: 1}', 13)$$,
	'22023', 'fy_start_month must be between 1 and 12, not 13', 'series_rows: fy_start_month 13');

------------------------------------------------------------------------------
-- Malformed indicator_series literal: 22P02 (7 tests)
------------------------------------------------------------------------------

SELECT throws_ok($$SELECT 'bogus'::indicator_series$$,
	'22P02', 'invalid input syntax for type indicator_series: "bogus"', 'not a series at all');
SELECT throws_ok($$SELECT ''::indicator_series$$,
	'22P02', 'invalid input syntax for type indicator_series: ""', 'the empty string');
SELECT throws_ok($$SELECT 'numeric {}'::indicator_series$$,
	'22P02', 'invalid input syntax for type indicator_series: "numeric {}"', 'a series of no months');
SELECT throws_ok($$SELECT 'numeric {2021-01: 1, 2021-03: 2}'::indicator_series$$,
	'22P02', 'invalid input syntax for type indicator_series: "numeric {2021-01: 1, 2021-03: 2}"',
	'months that skip a month');
SELECT throws_ok($$SELECT 'numeric {2021-01: 1, 2021-01: 2}'::indicator_series$$,
	'22P02', 'invalid input syntax for type indicator_series: "numeric {2021-01: 1, 2021-01: 2}"',
	'a repeated month');
SELECT throws_ok($$SELECT 'float8 {2021-01: Infinity}'::indicator_series$$,
	'22P02', 'invalid input syntax for type indicator_series: "float8 {2021-01: Infinity}"',
	'an infinite value in a literal');
-- the message quotes at most 60 characters of the literal
SELECT throws_ok(
	$$SELECT 'numeric {2021-01: 1, 2021-02: 2, 2021-03: 3, 2021-04: 4, 2021-05: 5, 2021-06: x}'::indicator_series$$,
	'22P02', 'invalid input syntax for type indicator_series: "numeric {2021-01: 1, 2021-02: 2, 2021-03: 3, 2021-04: 4, 202..."',
	'a long malformed literal is quoted in part');

------------------------------------------------------------------------------
-- NaN and infinite scalar arguments: 22023, naming the argument (12 tests)
------------------------------------------------------------------------------

SELECT throws_ok($$SELECT growth_pct('NaN'::numeric, 1)$$,
	'22023', 'current cannot be NaN', 'growth_pct(numeric): NaN current');
SELECT throws_ok($$SELECT growth_pct(1::numeric, 'NaN')$$,
	'22023', 'previous cannot be NaN', 'growth_pct(numeric): NaN previous');
SELECT throws_ok($$SELECT growth_pct('NaN'::float8, 1)$$,
	'22023', 'current cannot be NaN', 'growth_pct(float8): NaN current');
SELECT throws_ok($$SELECT growth_pct(1::float8, '-Infinity')$$,
	'22023', 'previous cannot be infinite', 'growth_pct(float8): infinite previous');
SELECT throws_ok($$SELECT index_pct('Infinity'::numeric, 1)$$,
	'22023', 'current cannot be infinite', 'index_pct(numeric): infinite current');
SELECT throws_ok($$SELECT attainment_pct('NaN'::float8, 100)$$,
	'22023', 'actual cannot be NaN', 'attainment_pct(float8): NaN actual');
SELECT throws_ok($$SELECT exceed_pct(1::numeric, 'Infinity')$$,
	'22023', 'target cannot be infinite', 'exceed_pct(numeric): infinite target');
SELECT throws_ok($$SELECT target_gap(1::float8, 'NaN')$$,
	'22023', 'target cannot be NaN', 'target_gap(float8): NaN target');
SELECT throws_ok($$SELECT required_growth_pct('NaN'::numeric, 1)$$,
	'22023', 'base cannot be NaN', 'required_growth_pct(numeric): NaN base');
SELECT throws_ok($$SELECT cagr_pct(1::numeric, 2, 'NaN')$$,
	'22023', 'years cannot be NaN', 'cagr_pct(numeric): NaN years');
SELECT throws_ok($$SELECT cagr_pct(1::float8, 'Infinity', 2)$$,
	'22023', 'last cannot be infinite', 'cagr_pct(float8): infinite last');
SELECT throws_ok($$SELECT implied_base(1::numeric, 'NaN')$$,
	'22023', 'growth_pct cannot be NaN', 'implied_base(numeric): NaN growth_pct');

-- and the targets of the accessors (3 tests)
SELECT throws_ok($$SELECT attainment_pct('numeric {2021-01: 1}'::indicator_series, 2021, 'NaN')$$,
	'22023', 'target cannot be NaN', 'attainment_pct(series): NaN target');
SELECT throws_ok($$SELECT ytd_attainment_pct('numeric {2021-01: 1}', '2021-01-01', 'Infinity')$$,
	'22023', 'annual_target cannot be infinite', 'ytd_attainment_pct: infinite annual_target');
SELECT throws_ok($$SELECT required_monthly('numeric {2021-01: 1}', '2021-01-01', 'NaN')$$,
	'22023', 'annual_target cannot be NaN', 'required_monthly: NaN annual_target');

------------------------------------------------------------------------------
-- Results out of range, values that cannot be held: 22003; kinds: 42804 (5 tests)
------------------------------------------------------------------------------

-- (1e308 - 1e-10) / 1e-10 * 100 is about 1e320, beyond double's range
SELECT throws_ok($$SELECT growth_pct(1e308::float8, 1e-10)$$,
	'22003', 'value out of range: overflow', 'growth_pct(float8) overflowing double is an error, not infinity');
SELECT throws_ok($$SELECT attainment_pct(1e308::numeric, 1e-10)$$,
	'22003', 'value out of range: overflow', 'attainment_pct(numeric) overflowing double is an error, not infinity');
SELECT throws_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2021-01-01'::date, 1e40::numeric)) t(p, v)$$,
	'22003', 'value for month 2021-01 cannot be held exactly', 'a numeric of 41 digits');
-- 1e30 at 9 decimals needs 40 digits
SELECT throws_ok(
	$$SELECT series_agg(p, v ORDER BY p) FROM (VALUES ('2021-01-01'::date, 1e30::numeric), ('2021-02-01', 0.000000001)) t(p, v)$$,
	'22003', 'value for month 2021-01 cannot be held exactly at 9 decimals',
	'a value that cannot be brought to the series'' scale');
SELECT throws_ok(
	$$SELECT series_agg_combine('numeric {2021-01: 1}', 'float8 {2021-02: 2}')$$,
	'42804', 'cannot merge a numeric series and a float8 series', 'combining states of two kinds');

------------------------------------------------------------------------------
-- Undefined results are NULL, never an error (32 tests)
------------------------------------------------------------------------------

-- zero or negative bases and targets
SELECT is(growth_pct(5::numeric, 0), NULL, 'growth_pct(numeric) from a zero base is NULL');
SELECT is(growth_pct(5::float8, 0), NULL, 'growth_pct(float8) from a zero base is NULL');
SELECT is(growth_pct(5::float8, '-0'), NULL, 'growth_pct(float8) from -0 is NULL');
SELECT is(index_pct(5::numeric, -1), NULL, 'index_pct(numeric) of a negative base is NULL');
SELECT is(index_pct(5::float8, 0), NULL, 'index_pct(float8) of a zero base is NULL');
SELECT is(attainment_pct(5::numeric, 0), NULL, 'attainment_pct(numeric) of a zero target is NULL');
SELECT is(exceed_pct(5::float8, 0), NULL, 'exceed_pct(float8) of a zero target is NULL');
SELECT is(required_growth_pct(0::numeric, 5), NULL, 'required_growth_pct(numeric) from a zero base is NULL');
SELECT is(cagr_pct(0::numeric, 5, 2), NULL, 'cagr_pct(numeric) from a zero first value is NULL');
SELECT is(cagr_pct(1::float8, 2, 0), NULL, 'cagr_pct(float8) over zero years is NULL');
SELECT is(implied_base(5::numeric, -100), NULL, 'implied_base(numeric) of a -100% growth is NULL');

-- STRICT: a NULL argument gives NULL
SELECT is(growth_pct(NULL::numeric, 1), NULL, 'growth_pct of NULL is NULL');
SELECT is(fiscal_year('2021-01-01', NULL), NULL, 'fiscal_year with a NULL fy_start_month is NULL');
SELECT is(annual(NULL::indicator_series, 2021), NULL, 'annual of a NULL series is NULL');

-- series_agg
SELECT ok(
	(SELECT series_agg(p, v) FROM (VALUES ('2021-01-01'::date, 1::numeric)) t(p, v) WHERE false) IS NULL,
	'series_agg over no rows is NULL');
SELECT lives_ok(
	$$SELECT series_agg(p, v) FROM (VALUES ('2021-01-01'::date, 1::numeric), ('2021-02-01', NULL), ('2021-03-01', 3)) t(p, v)$$,
	'a NULL value is a missing month, not an error');
SELECT is(
	(SELECT missing_months(series_agg(p, v)) FROM (VALUES ('2021-01-01'::date, 1::numeric), ('2021-02-01', NULL), ('2021-03-01', 3)) t(p, v)),
	'{2021-02-01}'::date[], 'the NULL-valued month is listed as missing');
SELECT is(
	(SELECT value_at(series_agg(p, v ORDER BY v NULLS FIRST), '2021-01-01')
	   FROM (VALUES ('2021-01-01'::date, NULL::numeric), ('2021-01-20', 5)) t(p, v)),
	5::numeric, 'a NULL row for a month another row gives a value is ignored (NULL first)');
SELECT is(
	(SELECT value_at(series_agg(p, v ORDER BY v NULLS LAST), '2021-01-01')
	   FROM (VALUES ('2021-01-01'::date, NULL::numeric), ('2021-01-20', 5)) t(p, v)),
	5::numeric, 'a NULL row for a month another row gives a value is ignored (NULL last)');
SELECT is(
	(SELECT month_count(series_agg(p, v)) FROM (VALUES ('2021-01-01'::date, NULL::float8), ('2021-02-01', NULL)) t(p, v)),
	0, 'a series of NULL values only is a series with no month present');

-- accessors: months that are missing or outside the span
SELECT is(value_at('numeric {2021-01: 1}', '2020-12-01'), NULL, 'value_at before the span is NULL');
SELECT is(value_at('numeric {2021-01: 1}', '10000-01-01'), NULL, 'value_at a year a series cannot hold is NULL');
SELECT is(mom_pct('numeric {2021-01: 0, 2021-02: 5}', '2021-02-01'), NULL, 'mom_pct from a zero month is NULL');
SELECT is(mom_pct('numeric {2021-01: NULL, 2021-02: 5}', '2021-02-01'), NULL, 'mom_pct from a missing month is NULL');
SELECT is(yoy_pct('numeric {2021-01: 1}', '2021-01-01'), NULL, 'yoy_pct without last year is NULL');
SELECT is(ytd('numeric {2021-01: 1, 2021-02: NULL, 2021-03: 3}', '2021-03-01'), NULL, 'ytd over a missing month is NULL');
SELECT is(ytd('numeric {2021-02: 1}', '2021-02-01'), NULL, 'ytd of a year whose first month is outside the span is NULL');
SELECT is(annual('numeric {2021-01: 1}', 2021), NULL, 'annual of an incomplete year is NULL');
SELECT is(attainment_pct('numeric {2021-01: 1}'::indicator_series, 2021, 0), NULL,
	'attainment_pct of an incomplete year against a zero target is NULL');
SELECT is(ytd_attainment_pct('numeric {2021-01: 1}', '2021-01-01', 0), NULL, 'ytd_attainment_pct against a zero target is NULL');
SELECT is(required_monthly('numeric {2021-12: 1}', '2021-12-01', 10, 1), NULL,
	'required_monthly with no month left in the fiscal year is NULL');
SELECT is(projected_annual('numeric {2021-01: 1}', '2021-01-01', 'seasonal'), NULL,
	'a seasonal projection without last year is NULL');

SELECT * FROM finish();
ROLLBACK;
