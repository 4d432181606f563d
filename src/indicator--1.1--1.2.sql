/*
 * indicator 1.1 -> 1.2: every object that release 1.2 adds or changes.
 *
 * ALTER EXTENSION indicator UPDATE runs this script on a 1.1 database; the
 * fresh install script of 1.2 is 1.0's objects followed by every upgrade
 * script (see the Makefile), so both create the same catalog, which
 * test/upgrade.sh checks.  Once 1.2 is released this file is never edited.
 *
 * Sections by concern, one per C file that implements them.
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION indicator UPDATE TO '1.2'" to load this file. \quit

------------------------------------------------------------------------------
-- Report wording (src/wording.c)
------------------------------------------------------------------------------

-- the year-to-date progress towards the year's plan, where
-- attainment_phrase's "short by" would read as a missed plan
CREATE FUNCTION progress_phrase(pct double precision, lang text DEFAULT 'en', decimals integer DEFAULT 1)
	RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION progress_phrase(double precision, text, integer) IS
	'the year-to-date progress towards the year''s plan as a phrase, with no shortfall stated: ''reached 57.9% of the year''''s plan''; lang ''vi'': ''đạt 57,9% kế hoạch năm''';
-- Estimates (src/estimates.c, src/series_agg.c): periods flagged as
-- estimates, carried by the value (format version 3 only when a period is
-- flagged, so a series without estimates keeps 1.1's text and binary forms)
------------------------------------------------------------------------------

-- series_agg(period, value, frequency, estimated): as series_agg(period,
-- value, frequency), with each period flagged as an estimate when its row's
-- estimated is true (NULL is false; a missing period carries no flag).
CREATE FUNCTION series_agg_transfn(indicator_series, date, numeric, text, boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_numeric_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, numeric, text, boolean) IS 'series_agg transition function (numeric values, a frequency, estimate flags)';
CREATE FUNCTION series_agg_transfn(indicator_series, date, double precision, text, boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_float8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, double precision, text, boolean) IS 'series_agg transition function (double precision values, a frequency, estimate flags)';
CREATE FUNCTION series_agg_transfn(indicator_series, date, bigint, text, boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, bigint, text, boolean) IS 'series_agg transition function (bigint values, a frequency, estimate flags)';
CREATE FUNCTION series_agg_transfn(indicator_series, date, integer, text, boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int4_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, integer, text, boolean) IS 'series_agg transition function (integer values, a frequency, estimate flags)';
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, numeric, text, boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_numeric_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, numeric, text, boolean) IS 'series_agg transition function (timestamptz periods, numeric values, a frequency, estimate flags)';
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, double precision, text, boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_float8_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, double precision, text, boolean) IS 'series_agg transition function (timestamptz periods, double precision values, a frequency, estimate flags)';
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, bigint, text, boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int8_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, bigint, text, boolean) IS 'series_agg transition function (timestamptz periods, bigint values, a frequency, estimate flags)';
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, integer, text, boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int4_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, integer, text, boolean) IS 'series_agg transition function (timestamptz periods, integer values, a frequency, estimate flags)';
CREATE AGGREGATE series_agg(period date, value numeric, frequency text, estimated boolean) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(date, numeric, text, boolean) IS
	'builds an exact indicator_series of a frequency from (period, value) rows, flagging the periods whose estimated is true as estimates; NULL values are missing periods';
CREATE AGGREGATE series_agg(period date, value double precision, frequency text, estimated boolean) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(date, double precision, text, boolean) IS
	'builds a double precision indicator_series of a frequency from (period, value) rows, flagging the periods whose estimated is true as estimates; NULL values are missing periods';
CREATE AGGREGATE series_agg(period date, value bigint, frequency text, estimated boolean) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(date, bigint, text, boolean) IS
	'builds an exact indicator_series of a frequency from (period, value) rows, flagging the periods whose estimated is true as estimates; NULL values are missing periods';
CREATE AGGREGATE series_agg(period date, value integer, frequency text, estimated boolean) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(date, integer, text, boolean) IS
	'builds an exact indicator_series of a frequency from (period, value) rows, flagging the periods whose estimated is true as estimates; NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value numeric, frequency text, estimated boolean) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, numeric, text, boolean) IS
	'builds an exact indicator_series of a frequency from (period, value) rows (the date of each timestamptz in the session''s time zone), flagging the periods whose estimated is true as estimates; NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value double precision, frequency text, estimated boolean) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, double precision, text, boolean) IS
	'builds a double precision indicator_series of a frequency from (period, value) rows (the date of each timestamptz in the session''s time zone), flagging the periods whose estimated is true as estimates; NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value bigint, frequency text, estimated boolean) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, bigint, text, boolean) IS
	'builds an exact indicator_series of a frequency from (period, value) rows (the date of each timestamptz in the session''s time zone), flagging the periods whose estimated is true as estimates; NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value integer, frequency text, estimated boolean) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, integer, text, boolean) IS
	'builds an exact indicator_series of a frequency from (period, value) rows (the date of each timestamptz in the session''s time zone), flagging the periods whose estimated is true as estimates; NULL values are missing periods';

CREATE FUNCTION estimated_periods(s indicator_series) RETURNS date[]
	AS 'MODULE_PATHNAME', 'series_estimated_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION estimated_periods(indicator_series) IS
	'the periods of the series flagged as estimates, in order (empty when none)';
CREATE FUNCTION is_estimated(s indicator_series, period date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'series_is_estimated' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION is_estimated(indicator_series, date) IS
	'whether the period holding that date is flagged as an estimate; NULL when it is outside the span or missing';

-- series_set(s, period, value, estimated): as series_set(s, period, value),
-- the new value flagged as an estimate when estimated is true (NULL is
-- false).  Not strict, as series_set: a NULL value marks the period missing
-- (and unflagged), a NULL s starts a series.
CREATE FUNCTION series_set(s indicator_series, period date, value numeric, estimated boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_set_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION series_set(s indicator_series, period date, value double precision, estimated boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_set_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION series_set(s indicator_series, period date, value bigint, estimated boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_set_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION series_set(s indicator_series, period date, value integer, estimated boolean) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_set_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_set(indicator_series, date, numeric, boolean) IS
	's with the period holding that date set to value, flagged as an estimate when estimated is true (NULL value: missing, unflagged); a NULL s starts a series';
COMMENT ON FUNCTION series_set(indicator_series, date, double precision, boolean) IS
	's with the period holding that date set to value, flagged as an estimate when estimated is true (NULL value: missing, unflagged); a NULL s starts a series';
COMMENT ON FUNCTION series_set(indicator_series, date, bigint, boolean) IS
	's with the period holding that date set to value, flagged as an estimate when estimated is true (NULL value: missing, unflagged); a NULL s starts a series';
COMMENT ON FUNCTION series_set(indicator_series, date, integer, boolean) IS
	's with the period holding that date set to value, flagged as an estimate when estimated is true (NULL value: missing, unflagged); a NULL s starts a series';

-- series_rows_estimated and annual_rows_estimated (src/series_rows.c): the
-- rows of the three-argument series_rows and of annual_rows with a last
-- column, estimated: whether a figure of the row rests on an estimate.  New
-- names rather than new overloads, so that every 1.1 call, and every view
-- built on one, reaches the function and the columns it reached before.
CREATE FUNCTION series_rows_estimated(s indicator_series, fy_start_month integer DEFAULT 1, method text DEFAULT 'sum',
									  OUT period date, OUT value numeric, OUT mom_pct double precision,
									  OUT yoy_pct double precision, OUT ytd numeric, OUT ytd_growth_pct double precision,
									  OUT value_last_year numeric, OUT ytd_last_year numeric, OUT estimated boolean)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'series_rows_estimated' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 120;
COMMENT ON FUNCTION series_rows_estimated(indicator_series, integer, text) IS
	'series_rows(s, fy_start_month, method)''s rows and a column estimated: true when a figure of the row rests on a period flagged as an estimate (the period, the previous one for mom_pct, last year''s for yoy_pct and value_last_year, the year-to-date''s periods)';
CREATE FUNCTION annual_rows_estimated(s indicator_series, method text DEFAULT 'sum', fy_start_month integer DEFAULT 1,
									  OUT year integer, OUT value numeric, OUT growth_pct double precision,
									  OUT months integer, OUT estimated boolean)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'series_annual_rows_estimated' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION annual_rows_estimated(indicator_series, text, integer) IS
	'annual_rows''s rows and a column estimated: true when the year''s value, or last year''s behind growth_pct, rests on a period flagged as an estimate (every period of the year; for ''last'' its last period)';
-------------------------------------------------------------------------------
-- Prices and real growth (prices.c; the scalars in scalar.c,
-- ytd_contribution_pp in indices.c)
-------------------------------------------------------------------------------

-- deflate takes a year (int) or a period (date), as rebase does: an untyped
-- literal such as '2015-01-01' matches both, so it needs a cast.
CREATE FUNCTION deflate(s indicator_series, price indicator_series, base_year int,
						fy_start_month int DEFAULT 1)
	RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'deflate_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION deflate(indicator_series, indicator_series, int, int) IS
	'a float8 series at the prices of fiscal year base_year: s(t) x avg(price over base_year) / price(t); missing where the price is missing or not positive; NULL when base_year is incomplete in price or its average is not positive';

CREATE FUNCTION deflate(s indicator_series, price indicator_series, base_period date)
	RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'deflate_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION deflate(indicator_series, indicator_series, date) IS
	'a float8 series at the prices of base_period: s(t) x price(base_period) / price(t); missing where the price is missing or not positive; NULL when price(base_period) is missing or not positive';

CREATE FUNCTION real_growth_pct(nominal_pct numeric, price_pct numeric)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'real_growth_pct_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION real_growth_pct(numeric, numeric) IS
	'real growth in percent from nominal growth and price growth in percent: ((1 + nominal_pct/100) / (1 + price_pct/100) - 1) x 100; NULL when price_pct is -100 or less';

CREATE FUNCTION real_growth_pct(nominal_pct double precision, price_pct double precision)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'real_growth_pct_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION real_growth_pct(double precision, double precision) IS
	'real growth in percent from nominal growth and price growth in percent: ((1 + nominal_pct/100) / (1 + price_pct/100) - 1) x 100; NULL when price_pct is -100 or less';

CREATE FUNCTION implied_levels(growth indicator_series, anchor indicator_series,
							   lag_months int DEFAULT 12)
	RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION implied_levels(indicator_series, indicator_series, int) IS
	'a float8 series of levels from growth rates in percent over lag_months: the anchor''s periods kept, then level(t) = level(t - lag) x (1 + growth(t)/100) forwards and level(t - lag) = level(t) / (1 + growth(t)/100) backwards as far as the chain reaches; a growth of -100 or less breaks it';

-- A new name rather than a third attainment_pct of two arguments: beside
-- attainment_pct(s, year, target), attainment_pct($1, $2, $3) with
-- unknown-typed parameters would become ambiguous.
CREATE FUNCTION attainment_lower_pct(actual numeric, target numeric)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'attainment_lower_pct_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION attainment_lower_pct(numeric, numeric) IS
	'attainment where lower is better (energy per unit, losses): target / actual x 100; NULL when actual or target is not positive';

CREATE FUNCTION attainment_lower_pct(actual double precision, target double precision)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'attainment_lower_pct_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION attainment_lower_pct(double precision, double precision) IS
	'attainment where lower is better (energy per unit, losses): target / actual x 100; NULL when actual or target is not positive';

-- Six arguments and no defaults, as 1.1's four-argument ytd.
CREATE FUNCTION ytd_contribution_pp(component indicator_series, weight_share double precision,
									aggregate indicator_series, as_of date, fy_start_month int,
									method text)
	RETURNS double precision
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_contribution_pp(indicator_series, double precision, indicator_series, date, int, text) IS
	'the component''s contribution, in percentage points, to the aggregate''s year-to-date growth: weight_share x (ytd(c, as_of) - ytd(c, as_of - 1 year)) / |ytd(a, as_of - 1 year)| x 100, each ytd by method (''sum'', ''avg'', ''last'') from fy_start_month';
-- Seasonal adjustment (seasonal.c): STL of a monthly or quarterly series

------------------------------------------------------------------------------
-- Stores over vintage tables, with estimate flags (src/store.c,
-- src/store_ddl.c, src/store_trigger.c).  series_store gains two arguments;
-- the six-argument function goes, so that every call written for 1.1
-- reaches the new one (the new arguments have defaults).  Stores made by
-- 1.1 keep their triggers, which the same trigger function serves.
------------------------------------------------------------------------------

DROP FUNCTION series_store(regclass, text, text[], text, text, text);
CREATE FUNCTION series_store(source regclass, store text, keys text[],
							 period_column text DEFAULT 'period', value_column text DEFAULT 'value',
							 frequency text DEFAULT NULL, vintage_column text DEFAULT NULL,
							 estimated_column text DEFAULT NULL)
	RETURNS regclass
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION series_store(regclass, text, text[], text, text, text, text, text) IS
	'creates the table store of one series per key of source, fills it, and installs the triggers that keep it equal, as its owner, to series_agg over source (with vintage_column: vintage_agg, the latest vintage of each period; with estimated_column: with estimate flags)';

------------------------------------------------------------------------------
-- Report wording (src/wording.c)
------------------------------------------------------------------------------

CREATE FUNCTION stl_rows(s indicator_series, seasonal int DEFAULT 7, robust boolean DEFAULT false)
	RETURNS TABLE(period date, observed double precision, trend double precision,
				  seasonal double precision, remainder double precision)
	AS 'MODULE_PATHNAME', 'stl_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 120;
COMMENT ON FUNCTION stl_rows(indicator_series, int, boolean) IS
	'the STL decomposition (Cleveland et al. 1990) of a monthly or quarterly series, one row per period: observed = trend + seasonal + remainder; seasonal: the seasonal smoother''s length (odd, >= 3); robust: 15 passes with bisquare robustness weights; missing periods inside the span are an error (fill_missing)';

CREATE FUNCTION seasonal_adjust(s indicator_series, seasonal int DEFAULT 7, robust boolean DEFAULT false,
		model text DEFAULT 'additive') RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'seasonal_adjust' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seasonal_adjust(indicator_series, int, boolean, text) IS
	'a float8 series: s without its STL seasonal component (observed - seasonal); model => ''multiplicative'' decomposes ln(s) and returns exp(ln(observed) - seasonal) (every value must be positive)';

CREATE FUNCTION trend(s indicator_series, seasonal int DEFAULT 7, robust boolean DEFAULT false)
	RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'seasonal_trend' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION trend(indicator_series, int, boolean) IS
	'a float8 series: the trend component of the STL decomposition of s (as stl_rows''s trend column)';

------------------------------------------------------------------------------
-- Working days (working_days.c)
------------------------------------------------------------------------------

CREATE FUNCTION working_days(first_day date, last_day date, holidays date[] DEFAULT '{}',
		weekend int[] DEFAULT '{6,7}') RETURNS integer
	AS 'MODULE_PATHNAME', 'working_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION working_days(date, date, date[], int[]) IS
	'the days from first_day through last_day that are neither a weekend day (ISO day of the week, 1 = Monday .. 7 = Sunday) nor in holidays; 0 when last_day is before first_day';

CREATE FUNCTION per_working_day(s indicator_series, holidays date[] DEFAULT '{}',
		weekend int[] DEFAULT '{6,7}') RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'per_working_day' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION per_working_day(indicator_series, date[], int[]) IS
	'a float8 series: each period''s value divided by its working days (as working_days counts them); missing where the value is missing or the period has no working day';
-- Vintages: the series as last published and as first published
-- (src/vintage.c).  New names only, so no earlier call resolves differently.
------------------------------------------------------------------------------

-- The state of vintage_agg and first_release_agg: for each period, the kept
-- row's value, vintage and marks, a real type with a text and a binary
-- form so that partial states can travel (Citus, parallel workers, binary
-- COPY), like series_agg's.
CREATE TYPE vintage_state;

CREATE FUNCTION vintage_state_in(cstring) RETURNS vintage_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION vintage_state_out(vintage_state) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION vintage_state_in(cstring) IS 'text input of vintage_state';
COMMENT ON FUNCTION vintage_state_out(vintage_state) IS 'text output of vintage_state';
CREATE FUNCTION vintage_state_recv(internal) RETURNS vintage_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION vintage_state_send(vintage_state) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION vintage_state_recv(internal) IS 'binary input of vintage_state';
COMMENT ON FUNCTION vintage_state_send(vintage_state) IS 'binary output of vintage_state';

CREATE TYPE vintage_state (
	INPUT = vintage_state_in,
	OUTPUT = vintage_state_out,
	RECEIVE = vintage_state_recv,
	SEND = vintage_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE vintage_state IS
	'state of vintage_agg and first_release_agg: for each period, the value, vintage and estimate flag of the row kept';

CREATE FUNCTION vintage_state_combine(vintage_state, vintage_state) RETURNS vintage_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION vintage_state_combine(vintage_state, vintage_state) IS
	'vintage_agg and first_release_agg combine function: for each period, the kept row of the later (first_release_agg: earlier) vintage';
CREATE FUNCTION vintage_agg_final(vintage_state) RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION vintage_agg_final(vintage_state) IS
	'vintage_agg and first_release_agg final function: the kept rows as an indicator_series';


CREATE FUNCTION vintage_agg_transfn(vintage_state, date, numeric, timestamp with time zone) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'vintage_agg_numeric_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION vintage_agg_transfn(vintage_state, date, numeric, timestamp with time zone) IS 'vintage_agg transition function (numeric values)';
CREATE FUNCTION vintage_agg_transfn(vintage_state, date, bigint, timestamp with time zone) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'vintage_agg_int8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION vintage_agg_transfn(vintage_state, date, bigint, timestamp with time zone) IS 'vintage_agg transition function (bigint values)';
CREATE FUNCTION vintage_agg_transfn(vintage_state, date, integer, timestamp with time zone) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'vintage_agg_int4_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION vintage_agg_transfn(vintage_state, date, integer, timestamp with time zone) IS 'vintage_agg transition function (integer values)';
CREATE FUNCTION vintage_agg_transfn(vintage_state, date, double precision, timestamp with time zone) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'vintage_agg_float8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION vintage_agg_transfn(vintage_state, date, double precision, timestamp with time zone) IS 'vintage_agg transition function (double precision values)';

-- SSPACE: the memory of a group's state, so that the planner sizes a hash
-- aggregate over many series (and, where it would outgrow work_mem,
-- sorts the partial states instead of hashing them again): ten years of
-- months, the room a state starts with, at 13 bytes a period (an int32
-- mantissa, an int64 vintage, a marks byte) in a 2 kB chunk; at 17 bytes
-- (float8's double) in a 4 kB one.
CREATE AGGREGATE vintage_agg(period date, value numeric, vintage timestamp with time zone) (
	SFUNC = vintage_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE vintage_agg(date, numeric, timestamp with time zone) IS
	'builds an exact indicator_series as last published from (period, value, vintage) rows: for each period, the row of the latest vintage (a NULL value withdraws the period); monthly periods';
CREATE AGGREGATE vintage_agg(period date, value bigint, vintage timestamp with time zone) (
	SFUNC = vintage_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE vintage_agg(date, bigint, timestamp with time zone) IS
	'builds an exact indicator_series as last published from (period, value, vintage) rows: for each period, the row of the latest vintage (a NULL value withdraws the period); monthly periods';
CREATE AGGREGATE vintage_agg(period date, value integer, vintage timestamp with time zone) (
	SFUNC = vintage_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE vintage_agg(date, integer, timestamp with time zone) IS
	'builds an exact indicator_series as last published from (period, value, vintage) rows: for each period, the row of the latest vintage (a NULL value withdraws the period); monthly periods';
CREATE AGGREGATE vintage_agg(period date, value double precision, vintage timestamp with time zone) (
	SFUNC = vintage_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 4096,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE vintage_agg(date, double precision, timestamp with time zone) IS
	'builds a double precision indicator_series as last published from (period, value, vintage) rows: for each period, the row of the latest vintage (a NULL value withdraws the period); monthly periods';

CREATE FUNCTION first_release_agg_transfn(vintage_state, date, numeric, timestamp with time zone) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'first_release_agg_numeric_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION first_release_agg_transfn(vintage_state, date, numeric, timestamp with time zone) IS 'first_release_agg transition function (numeric values)';
CREATE FUNCTION first_release_agg_transfn(vintage_state, date, bigint, timestamp with time zone) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'first_release_agg_int8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION first_release_agg_transfn(vintage_state, date, bigint, timestamp with time zone) IS 'first_release_agg transition function (bigint values)';
CREATE FUNCTION first_release_agg_transfn(vintage_state, date, integer, timestamp with time zone) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'first_release_agg_int4_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION first_release_agg_transfn(vintage_state, date, integer, timestamp with time zone) IS 'first_release_agg transition function (integer values)';
CREATE FUNCTION first_release_agg_transfn(vintage_state, date, double precision, timestamp with time zone) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'first_release_agg_float8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION first_release_agg_transfn(vintage_state, date, double precision, timestamp with time zone) IS 'first_release_agg transition function (double precision values)';

CREATE AGGREGATE first_release_agg(period date, value numeric, vintage timestamp with time zone) (
	SFUNC = first_release_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE first_release_agg(date, numeric, timestamp with time zone) IS
	'builds an exact indicator_series as first published from (period, value, vintage) rows: for each period, the row of the earliest vintage (a NULL value: missing); monthly periods';
CREATE AGGREGATE first_release_agg(period date, value bigint, vintage timestamp with time zone) (
	SFUNC = first_release_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE first_release_agg(date, bigint, timestamp with time zone) IS
	'builds an exact indicator_series as first published from (period, value, vintage) rows: for each period, the row of the earliest vintage (a NULL value: missing); monthly periods';
CREATE AGGREGATE first_release_agg(period date, value integer, vintage timestamp with time zone) (
	SFUNC = first_release_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE first_release_agg(date, integer, timestamp with time zone) IS
	'builds an exact indicator_series as first published from (period, value, vintage) rows: for each period, the row of the earliest vintage (a NULL value: missing); monthly periods';
CREATE AGGREGATE first_release_agg(period date, value double precision, vintage timestamp with time zone) (
	SFUNC = first_release_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 4096,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE first_release_agg(date, double precision, timestamp with time zone) IS
	'builds a double precision indicator_series as first published from (period, value, vintage) rows: for each period, the row of the earliest vintage (a NULL value: missing); monthly periods';

-- The five-argument forms: periods of a frequency, each flagged as an
-- estimate when the kept row's estimated is true (NULL is false).
CREATE FUNCTION vintage_agg_transfn(vintage_state, date, numeric, timestamp with time zone, text, boolean) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'vintage_agg_numeric_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION vintage_agg_transfn(vintage_state, date, numeric, timestamp with time zone, text, boolean) IS 'vintage_agg transition function (numeric values, a frequency and an estimated flag)';
CREATE FUNCTION vintage_agg_transfn(vintage_state, date, bigint, timestamp with time zone, text, boolean) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'vintage_agg_int8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION vintage_agg_transfn(vintage_state, date, bigint, timestamp with time zone, text, boolean) IS 'vintage_agg transition function (bigint values, a frequency and an estimated flag)';
CREATE FUNCTION vintage_agg_transfn(vintage_state, date, integer, timestamp with time zone, text, boolean) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'vintage_agg_int4_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION vintage_agg_transfn(vintage_state, date, integer, timestamp with time zone, text, boolean) IS 'vintage_agg transition function (integer values, a frequency and an estimated flag)';
CREATE FUNCTION vintage_agg_transfn(vintage_state, date, double precision, timestamp with time zone, text, boolean) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'vintage_agg_float8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION vintage_agg_transfn(vintage_state, date, double precision, timestamp with time zone, text, boolean) IS 'vintage_agg transition function (double precision values, a frequency and an estimated flag)';
CREATE FUNCTION first_release_agg_transfn(vintage_state, date, numeric, timestamp with time zone, text, boolean) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'first_release_agg_numeric_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION first_release_agg_transfn(vintage_state, date, numeric, timestamp with time zone, text, boolean) IS 'first_release_agg transition function (numeric values, a frequency and an estimated flag)';
CREATE FUNCTION first_release_agg_transfn(vintage_state, date, bigint, timestamp with time zone, text, boolean) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'first_release_agg_int8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION first_release_agg_transfn(vintage_state, date, bigint, timestamp with time zone, text, boolean) IS 'first_release_agg transition function (bigint values, a frequency and an estimated flag)';
CREATE FUNCTION first_release_agg_transfn(vintage_state, date, integer, timestamp with time zone, text, boolean) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'first_release_agg_int4_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION first_release_agg_transfn(vintage_state, date, integer, timestamp with time zone, text, boolean) IS 'first_release_agg transition function (integer values, a frequency and an estimated flag)';
CREATE FUNCTION first_release_agg_transfn(vintage_state, date, double precision, timestamp with time zone, text, boolean) RETURNS vintage_state
	AS 'MODULE_PATHNAME', 'first_release_agg_float8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION first_release_agg_transfn(vintage_state, date, double precision, timestamp with time zone, text, boolean) IS 'first_release_agg transition function (double precision values, a frequency and an estimated flag)';
CREATE AGGREGATE vintage_agg(period date, value numeric, vintage timestamp with time zone, frequency text, estimated boolean) (
	SFUNC = vintage_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE vintage_agg(date, numeric, timestamp with time zone, text, boolean) IS
	'builds an exact indicator_series as last published from (period, value, vintage) rows of that frequency (''month'', ''quarter'' or ''year''): for each period, the row of the latest vintage (a NULL value withdraws the period), flagged as an estimate when that row''s estimated is true';
CREATE AGGREGATE vintage_agg(period date, value bigint, vintage timestamp with time zone, frequency text, estimated boolean) (
	SFUNC = vintage_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE vintage_agg(date, bigint, timestamp with time zone, text, boolean) IS
	'builds an exact indicator_series as last published from (period, value, vintage) rows of that frequency (''month'', ''quarter'' or ''year''): for each period, the row of the latest vintage (a NULL value withdraws the period), flagged as an estimate when that row''s estimated is true';
CREATE AGGREGATE vintage_agg(period date, value integer, vintage timestamp with time zone, frequency text, estimated boolean) (
	SFUNC = vintage_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE vintage_agg(date, integer, timestamp with time zone, text, boolean) IS
	'builds an exact indicator_series as last published from (period, value, vintage) rows of that frequency (''month'', ''quarter'' or ''year''): for each period, the row of the latest vintage (a NULL value withdraws the period), flagged as an estimate when that row''s estimated is true';
CREATE AGGREGATE vintage_agg(period date, value double precision, vintage timestamp with time zone, frequency text, estimated boolean) (
	SFUNC = vintage_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 4096,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE vintage_agg(date, double precision, timestamp with time zone, text, boolean) IS
	'builds a double precision indicator_series as last published from (period, value, vintage) rows of that frequency (''month'', ''quarter'' or ''year''): for each period, the row of the latest vintage (a NULL value withdraws the period), flagged as an estimate when that row''s estimated is true';
CREATE AGGREGATE first_release_agg(period date, value numeric, vintage timestamp with time zone, frequency text, estimated boolean) (
	SFUNC = first_release_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE first_release_agg(date, numeric, timestamp with time zone, text, boolean) IS
	'builds an exact indicator_series as first published from (period, value, vintage) rows of that frequency (''month'', ''quarter'' or ''year''): for each period, the row of the earliest vintage (a NULL value: missing), flagged as an estimate when that row''s estimated is true';
CREATE AGGREGATE first_release_agg(period date, value bigint, vintage timestamp with time zone, frequency text, estimated boolean) (
	SFUNC = first_release_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE first_release_agg(date, bigint, timestamp with time zone, text, boolean) IS
	'builds an exact indicator_series as first published from (period, value, vintage) rows of that frequency (''month'', ''quarter'' or ''year''): for each period, the row of the earliest vintage (a NULL value: missing), flagged as an estimate when that row''s estimated is true';
CREATE AGGREGATE first_release_agg(period date, value integer, vintage timestamp with time zone, frequency text, estimated boolean) (
	SFUNC = first_release_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 2048,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE first_release_agg(date, integer, timestamp with time zone, text, boolean) IS
	'builds an exact indicator_series as first published from (period, value, vintage) rows of that frequency (''month'', ''quarter'' or ''year''): for each period, the row of the earliest vintage (a NULL value: missing), flagged as an estimate when that row''s estimated is true';
CREATE AGGREGATE first_release_agg(period date, value double precision, vintage timestamp with time zone, frequency text, estimated boolean) (
	SFUNC = first_release_agg_transfn,
	STYPE = vintage_state,
	SSPACE = 4096,
	FINALFUNC = vintage_agg_final,
	COMBINEFUNC = vintage_state_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE first_release_agg(date, double precision, timestamp with time zone, text, boolean) IS
	'builds a double precision indicator_series as first published from (period, value, vintage) rows of that frequency (''month'', ''quarter'' or ''year''): for each period, the row of the earliest vintage (a NULL value: missing), flagged as an estimate when that row''s estimated is true';

------------------------------------------------------------------------------
-- Revisions between two publications of a series (src/revisions.c).  New
-- names only, so no earlier call resolves differently.
------------------------------------------------------------------------------

CREATE FUNCTION revision_rows(later indicator_series, earlier indicator_series, measure text DEFAULT 'value',
							  OUT period date, OUT earlier double precision, OUT later double precision,
							  OUT revision double precision, OUT revision_pct double precision)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'revision_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revision_rows(indicator_series, indicator_series, text) IS
	'period by period over the periods where the measure is present in both, how the later publication revised the earlier: measure ''value'' (revision = later - earlier, revision_pct = its percentage of |earlier|), ''yoy'' or ''mom'' (each publication''s own growth in percent, revised in percentage points)';

CREATE FUNCTION revision_stats(later indicator_series, earlier indicator_series,
							   first_period date, last_period date, measure text DEFAULT 'value',
							   OUT n integer, OUT mean_revision double precision,
							   OUT mean_abs_revision double precision, OUT rmar double precision)
	RETURNS record
	AS 'MODULE_PATHNAME', 'revision_stats' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revision_stats(indicator_series, indicator_series, date, date, text) IS
	'revision statistics over the periods of the range where the measure is present in both publications: how many, the mean revision, the mean absolute revision and the relative mean absolute revision sum(abs(revision)) / sum(abs(later)); n 0 and NULLs when there is none';

------------------------------------------------------------------------------
-- Report wording of a level (src/wording.c).  A new name: no earlier call
-- resolves differently.  No double precision overload: a double is cast
-- with ::numeric (float8 -> numeric is an assignment cast, so the call says
-- where the digits come from).
------------------------------------------------------------------------------

CREATE FUNCTION value_phrase(value numeric, unit text, lang text DEFAULT 'en', decimals integer DEFAULT 0,
							 estimated boolean DEFAULT false) RETURNS text
	AS 'MODULE_PATHNAME', 'value_phrase' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION value_phrase(numeric, text, text, integer, boolean) IS
	'a level as a phrase: ''reached 5,339 million USD'', estimated ''reached an estimated 133,557 billion VND''; lang ''vi'': ''đạt 5.339 triệu USD'', ''ước đạt 133.557 tỷ đồng''; rounded half away from zero to decimals, thousands grouped';
