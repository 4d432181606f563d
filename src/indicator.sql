/*
 * indicator: growth, attainment of plans and gaps to targets on monthly data.
 *
 * This file holds release 1.0's objects and does not change: every later
 * object is created by the upgrade scripts (indicator--1.0--1.1.sql and
 * after), and the build writes the fresh install script
 * indicator--<version>.sql as this file followed by every upgrade script
 * (see the Makefile).  Every object is created with CREATE (never
 * CREATE OR REPLACE), so installing over a same-named object fails instead of
 * silently taking it over.
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION indicator" to load this file. \quit

------------------------------------------------------------------------------
-- Scalar functions
------------------------------------------------------------------------------

CREATE FUNCTION growth_pct(current numeric, previous numeric) RETURNS double precision
	AS 'MODULE_PATHNAME', 'growth_pct_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION growth_pct(current double precision, previous double precision) RETURNS double precision
	AS 'MODULE_PATHNAME', 'growth_pct_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION growth_pct(numeric, numeric) IS
	'growth in percent: (current - previous) / abs(previous) * 100; NULL when previous = 0';
COMMENT ON FUNCTION growth_pct(double precision, double precision) IS
	'growth in percent: (current - previous) / abs(previous) * 100; NULL when previous = 0';

CREATE FUNCTION index_pct(current numeric, previous numeric) RETURNS double precision
	AS 'MODULE_PATHNAME', 'index_pct_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION index_pct(current double precision, previous double precision) RETURNS double precision
	AS 'MODULE_PATHNAME', 'index_pct_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION index_pct(numeric, numeric) IS
	'index in percent of the previous value: current / previous * 100; NULL when previous <= 0';
COMMENT ON FUNCTION index_pct(double precision, double precision) IS
	'index in percent of the previous value: current / previous * 100; NULL when previous <= 0';

CREATE FUNCTION attainment_pct(actual numeric, target numeric) RETURNS double precision
	AS 'MODULE_PATHNAME', 'attainment_pct_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION attainment_pct(actual double precision, target double precision) RETURNS double precision
	AS 'MODULE_PATHNAME', 'attainment_pct_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION attainment_pct(numeric, numeric) IS
	'attainment of a plan in percent: actual / target * 100; NULL when target = 0';
COMMENT ON FUNCTION attainment_pct(double precision, double precision) IS
	'attainment of a plan in percent: actual / target * 100; NULL when target = 0';

CREATE FUNCTION exceed_pct(actual numeric, target numeric) RETURNS double precision
	AS 'MODULE_PATHNAME', 'exceed_pct_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION exceed_pct(actual double precision, target double precision) RETURNS double precision
	AS 'MODULE_PATHNAME', 'exceed_pct_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exceed_pct(numeric, numeric) IS
	'by how much the plan was exceeded, in percent: attainment_pct - 100; NULL when target = 0';
COMMENT ON FUNCTION exceed_pct(double precision, double precision) IS
	'by how much the plan was exceeded, in percent: attainment_pct - 100; NULL when target = 0';

CREATE FUNCTION target_gap(actual numeric, target numeric) RETURNS numeric
	AS 'MODULE_PATHNAME', 'target_gap_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_gap(actual double precision, target double precision) RETURNS double precision
	AS 'MODULE_PATHNAME', 'target_gap_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_gap(numeric, numeric) IS
	'target - actual: positive while still short of the target';
COMMENT ON FUNCTION target_gap(double precision, double precision) IS
	'target - actual: positive while still short of the target';

CREATE FUNCTION required_growth_pct(base numeric, target numeric) RETURNS double precision
	AS 'MODULE_PATHNAME', 'required_growth_pct_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION required_growth_pct(base double precision, target double precision) RETURNS double precision
	AS 'MODULE_PATHNAME', 'required_growth_pct_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION required_growth_pct(numeric, numeric) IS
	'growth in percent from base needed to reach target: (target - base) / abs(base) * 100; NULL when base = 0';
COMMENT ON FUNCTION required_growth_pct(double precision, double precision) IS
	'growth in percent from base needed to reach target: (target - base) / abs(base) * 100; NULL when base = 0';

CREATE FUNCTION cagr_pct(first numeric, last numeric, years numeric) RETURNS double precision
	AS 'MODULE_PATHNAME', 'cagr_pct_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cagr_pct(first double precision, last double precision, years double precision) RETURNS double precision
	AS 'MODULE_PATHNAME', 'cagr_pct_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cagr_pct(numeric, numeric, numeric) IS
	'compound annual growth rate in percent: ((last / first) ^ (1 / years) - 1) * 100; NULL when first <= 0, last < 0 or years <= 0';
COMMENT ON FUNCTION cagr_pct(double precision, double precision, double precision) IS
	'compound annual growth rate in percent: ((last / first) ^ (1 / years) - 1) * 100; NULL when first <= 0, last < 0 or years <= 0';

CREATE FUNCTION implied_base(current numeric, growth_pct numeric) RETURNS numeric
	AS 'MODULE_PATHNAME', 'implied_base_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION implied_base(current double precision, growth_pct double precision) RETURNS double precision
	AS 'MODULE_PATHNAME', 'implied_base_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION implied_base(numeric, numeric) IS
	'the previous value that a reported growth implies: current / (1 + growth_pct / 100) for a positive base, current / (1 - growth_pct / 100) when only a negative base fits; NULL when none does';
COMMENT ON FUNCTION implied_base(double precision, double precision) IS
	'the previous value that a reported growth implies: current / (1 + growth_pct / 100) for a positive base, current / (1 - growth_pct / 100) when only a negative base fits; NULL when none does';

CREATE FUNCTION fiscal_year(period date, fy_start_month integer DEFAULT 1) RETURNS integer
	AS 'MODULE_PATHNAME', 'fiscal_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fiscal_year(date, integer) IS
	'the fiscal year a date falls in, named by the calendar year in which the fiscal year ends';

------------------------------------------------------------------------------
-- The indicator_series type
------------------------------------------------------------------------------

CREATE TYPE indicator_series;

CREATE FUNCTION indicator_series_in(cstring) RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicator_series_out(indicator_series) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicator_series_recv(internal) RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicator_series_send(indicator_series) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION indicator_series_in(cstring) IS 'text input of indicator_series';
COMMENT ON FUNCTION indicator_series_out(indicator_series) IS 'text output of indicator_series (canonical form)';
COMMENT ON FUNCTION indicator_series_recv(internal) IS 'binary input of indicator_series';
COMMENT ON FUNCTION indicator_series_send(indicator_series) IS 'binary output of indicator_series';

CREATE TYPE indicator_series (
	INPUT = indicator_series_in,
	OUTPUT = indicator_series_out,
	RECEIVE = indicator_series_recv,
	SEND = indicator_series_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE indicator_series IS
	'one indicator''s monthly values over a span of months, missing months known as missing';

------------------------------------------------------------------------------
-- The aggregate series_agg(period, value)
------------------------------------------------------------------------------

-- Transition functions are not strict: a NULL period is an error and a NULL
-- value a missing month, and neither may be skipped silently.
CREATE FUNCTION series_agg_transfn(indicator_series, date, numeric) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_numeric_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION series_agg_transfn(indicator_series, date, double precision) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_float8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION series_agg_transfn(indicator_series, date, bigint) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION series_agg_transfn(indicator_series, date, integer) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int4_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION series_agg_combine(indicator_series, indicator_series) RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION series_agg_final(indicator_series) RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, numeric) IS 'series_agg transition function (numeric values)';
COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, double precision) IS 'series_agg transition function (double precision values)';
COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, bigint) IS 'series_agg transition function (bigint values)';
COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, integer) IS 'series_agg transition function (integer values)';
COMMENT ON FUNCTION series_agg_combine(indicator_series, indicator_series) IS 'series_agg combine function: the union of partial series over disjoint months';
COMMENT ON FUNCTION series_agg_final(indicator_series) IS 'series_agg final function: the series without spare capacity';

CREATE AGGREGATE series_agg(period date, value numeric) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE series_agg(period date, value double precision) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE series_agg(period date, value bigint) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE series_agg(period date, value integer) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(date, numeric) IS
	'builds an exact indicator_series from monthly (period, value) rows; NULL values are missing months';
COMMENT ON AGGREGATE series_agg(date, double precision) IS
	'builds a double precision indicator_series from monthly (period, value) rows; NULL values are missing months';
COMMENT ON AGGREGATE series_agg(date, bigint) IS
	'builds an exact indicator_series from monthly (period, value) rows; NULL values are missing months';
COMMENT ON AGGREGATE series_agg(date, integer) IS
	'builds an exact indicator_series from monthly (period, value) rows; NULL values are missing months';

------------------------------------------------------------------------------
-- Aggregates over stored series
------------------------------------------------------------------------------

-- series_agg_combine is the union of series over disjoint months: the
-- combine function of series_agg, and the transition of series_merge.
CREATE AGGREGATE series_merge(s indicator_series) (
	SFUNC = series_agg_combine,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_merge(indicator_series) IS
	'the union of series holding disjoint months of one indicator; a month in two series is an error';

CREATE FUNCTION series_sum_transfn(indicator_series, indicator_series) RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_sum_transfn(indicator_series, indicator_series) IS
	'series_sum transition and combine function: the month-by-month total';

CREATE AGGREGATE series_sum(s indicator_series) (
	SFUNC = series_sum_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_sum_transfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_sum(indicator_series) IS
	'the month-by-month total across series; a month is present only when every series has it (missing_months shows the rest)';

------------------------------------------------------------------------------
-- Accessors
------------------------------------------------------------------------------

CREATE FUNCTION value_at(s indicator_series, period date) RETURNS numeric
	AS 'MODULE_PATHNAME', 'series_value_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION value_at(indicator_series, date) IS
	'the value of the month of period; NULL when the month is missing';

CREATE FUNCTION mom_pct(s indicator_series, period date) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_mom_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mom_pct(indicator_series, date) IS
	'growth in percent against the previous calendar month; NULL when either month is missing or the previous is 0';

CREATE FUNCTION yoy_pct(s indicator_series, period date) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_yoy_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION yoy_pct(indicator_series, date) IS
	'growth in percent against the same month of the previous year; NULL when either month is missing or the previous is 0';

CREATE FUNCTION ytd(s indicator_series, as_of date, fy_start_month integer DEFAULT 1) RETURNS numeric
	AS 'MODULE_PATHNAME', 'series_ytd' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd(indicator_series, date, integer) IS
	'sum from the start of the fiscal year through the month of as_of; NULL when any of those months is missing';

CREATE FUNCTION ytd_growth_pct(s indicator_series, as_of date, fy_start_month integer DEFAULT 1) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_ytd_growth_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_growth_pct(indicator_series, date, integer) IS
	'growth in percent of ytd against the same months of the previous fiscal year; NULL unless both are complete';

CREATE FUNCTION annual(s indicator_series, year integer, method text DEFAULT 'sum', fy_start_month integer DEFAULT 1) RETURNS numeric
	AS 'MODULE_PATHNAME', 'series_annual' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION annual(indicator_series, integer, text, integer) IS
	'the fiscal year''s value: ''sum'' (flows), ''avg'' (indices, rates) or ''last'' (stocks); NULL unless the year is complete';

CREATE FUNCTION annual_growth_pct(s indicator_series, year integer, method text DEFAULT 'sum', fy_start_month integer DEFAULT 1) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_annual_growth_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION annual_growth_pct(indicator_series, integer, text, integer) IS
	'growth in percent of annual() against the year before; NULL unless both years are complete';

CREATE FUNCTION attainment_pct(s indicator_series, year integer, target numeric, method text DEFAULT 'sum', fy_start_month integer DEFAULT 1) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_attainment_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION attainment_pct(indicator_series, integer, numeric, text, integer) IS
	'annual() as a percentage of the target; NULL unless the year is complete, or when the target is 0';

CREATE FUNCTION ytd_attainment_pct(s indicator_series, as_of date, annual_target numeric, fy_start_month integer DEFAULT 1) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_ytd_attainment_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_attainment_pct(indicator_series, date, numeric, integer) IS
	'progress so far: ytd as a percentage of the whole year''s target; NULL when ytd is incomplete or the target is 0';

CREATE FUNCTION expected_ytd_share_pct(s indicator_series, as_of date, fy_start_month integer DEFAULT 1) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_expected_ytd_share_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION expected_ytd_share_pct(indicator_series, date, integer) IS
	'the share of last fiscal year''s total that it had reached by the same month, in percent (the seasonal profile)';

CREATE FUNCTION projected_annual(s indicator_series, as_of date, method text DEFAULT 'seasonal', fy_start_month integer DEFAULT 1) RETURNS numeric
	AS 'MODULE_PATHNAME', 'series_projected_annual' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION projected_annual(indicator_series, date, text, integer) IS
	'where the fiscal year will land: ''seasonal'' (ytd scaled by last year''s profile) or ''run_rate'' (ytd * 12 / months elapsed)';

CREATE FUNCTION required_monthly(s indicator_series, as_of date, annual_target numeric, fy_start_month integer DEFAULT 1) RETURNS numeric
	AS 'MODULE_PATHNAME', 'series_required_monthly' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION required_monthly(indicator_series, date, numeric, integer) IS
	'what each remaining month of the fiscal year must bring to reach the target: (target - ytd) / months left';

CREATE FUNCTION required_growth_rest_pct(s indicator_series, as_of date, annual_target numeric, fy_start_month integer DEFAULT 1) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_required_growth_rest_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION required_growth_rest_pct(indicator_series, date, numeric, integer) IS
	'growth in percent the remaining months need against the same months of last year to reach the target';

CREATE FUNCTION first_month(s indicator_series) RETURNS date
	AS 'MODULE_PATHNAME', 'series_first_month' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION first_month(indicator_series) IS 'the first month of the span';

CREATE FUNCTION last_month(s indicator_series) RETURNS date
	AS 'MODULE_PATHNAME', 'series_last_month' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION last_month(indicator_series) IS 'the last month of the span';

CREATE FUNCTION month_count(s indicator_series) RETURNS integer
	AS 'MODULE_PATHNAME', 'series_month_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION month_count(indicator_series) IS 'how many months of the span hold a value';

CREATE FUNCTION missing_months(s indicator_series) RETURNS date[]
	AS 'MODULE_PATHNAME', 'series_missing_months' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION missing_months(indicator_series) IS 'the months inside the span that hold no value (empty when none)';

CREATE FUNCTION series_rows(s indicator_series, fy_start_month integer DEFAULT 1,
							OUT period date, OUT value numeric, OUT mom_pct double precision,
							OUT yoy_pct double precision, OUT ytd numeric, OUT ytd_growth_pct double precision)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'series_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 120;
COMMENT ON FUNCTION series_rows(indicator_series, integer) IS
	'one row per month of the span: period, value, mom_pct, yoy_pct, ytd, ytd_growth_pct';
