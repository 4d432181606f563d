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
