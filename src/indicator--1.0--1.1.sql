/*
 * indicator 1.0 -> 1.1: every object that release 1.1 adds or changes.
 *
 * ALTER EXTENSION indicator UPDATE runs this script on a 1.0 database; the
 * fresh install script of 1.1 is 1.0's src/indicator.sql followed by this
 * one (see the Makefile), so both create the same catalog, which
 * test/upgrade.sh checks.  Once 1.1 is released this file is never edited:
 * later changes go to indicator--1.1--1.2.sql.
 *
 * Sections by concern, in the order of the C files that implement them.
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION indicator UPDATE TO '1.1'" to load this file. \quit

------------------------------------------------------------------------------
-- Periods other than the month (src/period.c: period numbers and labels;
-- src/series_agg.c: series_agg with a frequency and timestamptz periods;
-- src/accessors.c: every accessor in the series' own periods)
------------------------------------------------------------------------------

-- series_agg(period, value, frequency): 'month', 'quarter' or 'year'.  The
-- C transition functions of 1.0 serve these too (they read the frequency
-- argument when there is one).
CREATE FUNCTION series_agg_transfn(indicator_series, date, numeric, text) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_numeric_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, numeric, text) IS 'series_agg transition function (numeric values, a frequency)';
CREATE FUNCTION series_agg_transfn(indicator_series, date, double precision, text) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_float8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, double precision, text) IS 'series_agg transition function (double precision values, a frequency)';
CREATE FUNCTION series_agg_transfn(indicator_series, date, bigint, text) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int8_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, bigint, text) IS 'series_agg transition function (bigint values, a frequency)';
CREATE FUNCTION series_agg_transfn(indicator_series, date, integer, text) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int4_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, date, integer, text) IS 'series_agg transition function (integer values, a frequency)';

-- timestamptz periods: the month in the session's time zone, so STABLE; a
-- timestamp reaches these through PostgreSQL's implicit cast, and an
-- untyped literal period too (timestamptz is the preferred date/time type).
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, numeric) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_numeric_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, numeric, text) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_numeric_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, numeric) IS 'series_agg transition function (timestamptz periods, numeric values)';
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, numeric, text) IS 'series_agg transition function (timestamptz periods, numeric values, a frequency)';
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, double precision) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_float8_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, double precision, text) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_float8_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, double precision) IS 'series_agg transition function (timestamptz periods, double precision values)';
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, double precision, text) IS 'series_agg transition function (timestamptz periods, double precision values, a frequency)';
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, bigint) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int8_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, bigint, text) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int8_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, bigint) IS 'series_agg transition function (timestamptz periods, bigint values)';
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, bigint, text) IS 'series_agg transition function (timestamptz periods, bigint values, a frequency)';
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, integer) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int4_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, integer, text) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_agg_int4_tz_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, integer) IS 'series_agg transition function (timestamptz periods, integer values)';
COMMENT ON FUNCTION series_agg_transfn(indicator_series, timestamp with time zone, integer, text) IS 'series_agg transition function (timestamptz periods, integer values, a frequency)';

CREATE AGGREGATE series_agg(period date, value numeric, frequency text) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(date, numeric, text) IS
	'builds an exact indicator_series from (period, value) rows of that frequency (''month'', ''quarter'' or ''year''; any date in a period stands for it); NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value numeric) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, numeric) IS
	'builds an exact indicator_series from monthly (period, value) rows, a timestamptz period standing for its date in the session''s time zone; NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value numeric, frequency text) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, numeric, text) IS
	'builds an exact indicator_series from (period, value) rows of that frequency (''month'', ''quarter'' or ''year''; any date in a period stands for it), a timestamptz period standing for its date in the session''s time zone; NULL values are missing periods';
CREATE AGGREGATE series_agg(period date, value double precision, frequency text) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(date, double precision, text) IS
	'builds a double precision indicator_series from (period, value) rows of that frequency (''month'', ''quarter'' or ''year''; any date in a period stands for it); NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value double precision) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, double precision) IS
	'builds a double precision indicator_series from monthly (period, value) rows, a timestamptz period standing for its date in the session''s time zone; NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value double precision, frequency text) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, double precision, text) IS
	'builds a double precision indicator_series from (period, value) rows of that frequency (''month'', ''quarter'' or ''year''; any date in a period stands for it), a timestamptz period standing for its date in the session''s time zone; NULL values are missing periods';
CREATE AGGREGATE series_agg(period date, value bigint, frequency text) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(date, bigint, text) IS
	'builds an exact indicator_series from (period, value) rows of that frequency (''month'', ''quarter'' or ''year''; any date in a period stands for it); NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value bigint) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, bigint) IS
	'builds an exact indicator_series from monthly (period, value) rows, a timestamptz period standing for its date in the session''s time zone; NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value bigint, frequency text) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, bigint, text) IS
	'builds an exact indicator_series from (period, value) rows of that frequency (''month'', ''quarter'' or ''year''; any date in a period stands for it), a timestamptz period standing for its date in the session''s time zone; NULL values are missing periods';
CREATE AGGREGATE series_agg(period date, value integer, frequency text) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(date, integer, text) IS
	'builds an exact indicator_series from (period, value) rows of that frequency (''month'', ''quarter'' or ''year''; any date in a period stands for it); NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value integer) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, integer) IS
	'builds an exact indicator_series from monthly (period, value) rows, a timestamptz period standing for its date in the session''s time zone; NULL values are missing periods';
CREATE AGGREGATE series_agg(period timestamp with time zone, value integer, frequency text) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_agg(timestamp with time zone, integer, text) IS
	'builds an exact indicator_series from (period, value) rows of that frequency (''month'', ''quarter'' or ''year''; any date in a period stands for it), a timestamptz period standing for its date in the session''s time zone; NULL values are missing periods';

CREATE FUNCTION frequency(s indicator_series) RETURNS text
	AS 'MODULE_PATHNAME', 'series_frequency' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION frequency(indicator_series) IS
	'the series'' periods: ''month'', ''quarter'' or ''year''';

CREATE FUNCTION pop_pct(s indicator_series, period date) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_mom_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pop_pct(indicator_series, date) IS
	'growth in percent against the previous period (month, quarter or year; mom_pct under its general name); NULL when either is missing or the previous is 0';

-- Four arguments and no defaults, so that every 1.0 call of ytd(s, as_of
-- [, fy_start_month]) resolves as before.
CREATE FUNCTION ytd(s indicator_series, as_of date, fy_start_month integer, method text) RETURNS numeric
	AS 'MODULE_PATHNAME', 'series_ytd' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd(indicator_series, date, integer, text) IS
	'year-to-date through the period of as_of by method: ''sum'', ''avg'' (the mean of the periods) or ''last'' (the as_of period''s value); NULL when any period of the range is missing';

CREATE FUNCTION ytd_growth_pct(s indicator_series, as_of date, fy_start_month integer, method text) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_ytd_growth_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_growth_pct(indicator_series, date, integer, text) IS
	'growth in percent of ytd(s, as_of, fy_start_month, method) against the same periods of the previous fiscal year; NULL unless both are complete';

CREATE FUNCTION series_trim(s indicator_series) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_trim' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION series_trim(indicator_series) IS
	'the series without the missing periods at the ends of its span; NULL when every period is missing';

-- 1.0's accessors now work in the series' own periods: their comments say so.
COMMENT ON FUNCTION value_at(indicator_series, date) IS
	'the value of the period (month, quarter or year) holding period; NULL when it is missing';
COMMENT ON FUNCTION mom_pct(indicator_series, date) IS
	'growth in percent against the previous period (the previous month of a monthly series; also named pop_pct); NULL when either is missing or the previous is 0';
COMMENT ON FUNCTION yoy_pct(indicator_series, date) IS
	'growth in percent against the same period of the previous year; NULL when either is missing or the previous is 0';
COMMENT ON FUNCTION first_month(indicator_series) IS 'the first day of the first period of the span';
COMMENT ON FUNCTION last_month(indicator_series) IS 'the first day of the last period of the span';
COMMENT ON FUNCTION month_count(indicator_series) IS 'how many periods of the span hold a value';
COMMENT ON FUNCTION missing_months(indicator_series) IS 'the first days of the periods inside the span that hold no value (empty when none)';
COMMENT ON FUNCTION series_rows(indicator_series, integer) IS
	'one row per period of the span: period, value, mom_pct (previous period), yoy_pct, ytd, ytd_growth_pct';

-- Ranges and conversions (src/ranges.c; ytd_plan_attainment_pct in
-- src/accessors.c).  New names only, so no 1.0 call resolves differently:
-- ytd_plan_attainment_pct is not an overload of ytd_attainment_pct, whose
-- untyped-target calls it would make ambiguous.
CREATE FUNCTION range_value(s indicator_series, first_period date, last_period date,
		method text DEFAULT 'sum') RETURNS numeric
	AS 'MODULE_PATHNAME', 'series_range_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION range_value(indicator_series, date, date, text) IS
	'''sum'', ''avg'' (the mean of the periods) or ''last'' over the periods from first_period through last_period (a quarter, a half, nine months, Jan+Feb, a trailing 12 months); NULL when any is missing';

CREATE FUNCTION range_growth_pct(s indicator_series, first_period date, last_period date,
		method text DEFAULT 'sum', lag_months integer DEFAULT 12) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_range_growth_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION range_growth_pct(indicator_series, date, date, text, integer) IS
	'growth in percent of range_value over first_period..last_period against the same range lag_months earlier (whole periods of the series); NULL unless both are complete, or when the earlier is 0';

CREATE FUNCTION to_frequency(s indicator_series, frequency text, method text DEFAULT 'sum') RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_to_frequency' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION to_frequency(indicator_series, text, text) IS
	'the series as quarters or years (''sum'', ''avg'' or ''last'' of each whole period; a period with a missing one is missing; ''avg'' of a numeric series at its scale plus 6 decimals); the same frequency returns s, a finer one is an error';

CREATE FUNCTION fill_missing(s indicator_series, method text) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_fill_missing' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fill_missing(indicator_series, text) IS
	'the missing periods between two present ones filled by ''locf'' (the last value carried forward), ''linear'' (between the neighbours; a numeric series at its scale plus 6 decimals) or ''zero''; missing periods at the ends of the span stay missing';

CREATE FUNCTION ytd_plan_attainment_pct(s indicator_series, as_of date, plan indicator_series,
		fy_start_month integer DEFAULT 1) RETURNS double precision
	AS 'MODULE_PATHNAME', 'series_ytd_plan_attainment_pct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_plan_attainment_pct(indicator_series, date, indicator_series, integer) IS
	'year-to-date of s through the period of as_of against the year-to-date of plan (a series of the same frequency), in percent; NULL unless both are complete, or when the plan''s is 0';


------------------------------------------------------------------------------
-- Indices: rebasing, index aggregation, contributions, chain-linking
-- (src/indices.c)
------------------------------------------------------------------------------

-- rebase takes a year (int) or a month (date): an untyped literal such as
-- '2015-01-01' matches both, so it needs a cast (no 1.0 function is named
-- rebase or chain_link, so no 1.0 call resolves differently).
CREATE FUNCTION rebase(s indicator_series, base_year int, fy_start_month int DEFAULT 1)
	RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'rebase_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rebase(indicator_series, int, int) IS
	'a float8 series: every month x 100 / the average of fiscal year base_year; NULL when that year is incomplete or its average is not positive';

CREATE FUNCTION rebase(s indicator_series, base_period date) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'rebase_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rebase(indicator_series, date) IS
	'a float8 series: every month x 100 / the value of the month of base_period; NULL when that month is missing or not positive';

-- index_agg's state: the sum of the weights and the sums of weight x value
-- (an indicator_series), a real type with text and binary forms so that
-- partial states can travel (Citus, postgres_fdw, parallel workers).
CREATE TYPE index_agg_state;

CREATE FUNCTION index_agg_state_in(cstring) RETURNS index_agg_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION index_agg_state_out(index_agg_state) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION index_agg_state_recv(internal) RETURNS index_agg_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION index_agg_state_send(index_agg_state) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION index_agg_state_in(cstring) IS 'text input of index_agg_state';
COMMENT ON FUNCTION index_agg_state_out(index_agg_state) IS 'text output of index_agg_state';
COMMENT ON FUNCTION index_agg_state_recv(internal) IS 'binary input of index_agg_state';
COMMENT ON FUNCTION index_agg_state_send(index_agg_state) IS 'binary output of index_agg_state';

CREATE TYPE index_agg_state (
	INPUT = index_agg_state_in,
	OUTPUT = index_agg_state_out,
	RECEIVE = index_agg_state_recv,
	SEND = index_agg_state_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE index_agg_state IS
	'the unfinished state of index_agg: the sum of the weights and the month-by-month sums of weight x value';

-- Not strict: a NULL weight is an error and a NULL series lacks every month,
-- and neither may be skipped silently.
CREATE FUNCTION index_agg_transfn(index_agg_state, indicator_series, double precision)
	RETURNS index_agg_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION index_agg_combine(index_agg_state, index_agg_state) RETURNS index_agg_state
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION index_agg_final(index_agg_state) RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION index_agg_transfn(index_agg_state, indicator_series, double precision) IS
	'index_agg transition function';
COMMENT ON FUNCTION index_agg_combine(index_agg_state, index_agg_state) IS
	'index_agg combine function: the sums of two partial states';
COMMENT ON FUNCTION index_agg_final(index_agg_state) IS
	'index_agg final function: the sums over the sum of the weights';

CREATE AGGREGATE index_agg(s indicator_series, weight double precision) (
	SFUNC = index_agg_transfn,
	STYPE = index_agg_state,
	FINALFUNC = index_agg_final,
	COMBINEFUNC = index_agg_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE index_agg(indicator_series, double precision) IS
	'a float8 series: month by month sum(weight x s) / sum(weight); a month that a row with weight > 0 lacks is missing, a NULL series with weight > 0 lacks every month';

CREATE FUNCTION contribution_pp(component indicator_series, weight_share double precision,
								aggregate indicator_series, period date, lag_months int DEFAULT 12)
	RETURNS double precision
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION contribution_pp(indicator_series, double precision, indicator_series, date, int) IS
	'the component''s contribution, in percentage points, to the aggregate''s growth from period - lag_months to period: weight_share x (c(t) - c(t - lag)) / |a(t - lag)| x 100';

CREATE FUNCTION chain_link(old indicator_series, new indicator_series, link_period date)
	RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'chain_link_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION chain_link(indicator_series, indicator_series, date) IS
	'a float8 series: old through the link month, then new x old(link) / new(link); NULL when a link month is missing or new(link) is 0';

CREATE FUNCTION chain_link(old indicator_series, new indicator_series, link_year int,
						   fy_start_month int DEFAULT 1)
	RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'chain_link_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION chain_link(indicator_series, indicator_series, int, int) IS
	'a float8 series: old through fiscal year link_year, then new x avg old(link_year) / avg new(link_year); NULL when a year is incomplete or new''s average is 0';


------------------------------------------------------------------------------
-- Equality and order of indicator_series (src/series_compare.c)
------------------------------------------------------------------------------

-- Equal: the same kind, span and values, at any scale and in any slot width;
-- the order: by kind, first month, then month by month (a missing month after
-- any value), then the shorter span first.
CREATE FUNCTION indicator_series_eq(indicator_series, indicator_series) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicator_series_ne(indicator_series, indicator_series) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicator_series_lt(indicator_series, indicator_series) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicator_series_le(indicator_series, indicator_series) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicator_series_gt(indicator_series, indicator_series) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicator_series_ge(indicator_series, indicator_series) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicator_series_cmp(indicator_series, indicator_series) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicator_series_hash(indicator_series) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicator_series_hash_extended(indicator_series, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION indicator_series_eq(indicator_series, indicator_series) IS 'implementation of = on indicator_series';
COMMENT ON FUNCTION indicator_series_ne(indicator_series, indicator_series) IS 'implementation of <> on indicator_series';
COMMENT ON FUNCTION indicator_series_lt(indicator_series, indicator_series) IS 'implementation of < on indicator_series';
COMMENT ON FUNCTION indicator_series_le(indicator_series, indicator_series) IS 'implementation of <= on indicator_series';
COMMENT ON FUNCTION indicator_series_gt(indicator_series, indicator_series) IS 'implementation of > on indicator_series';
COMMENT ON FUNCTION indicator_series_ge(indicator_series, indicator_series) IS 'implementation of >= on indicator_series';
COMMENT ON FUNCTION indicator_series_cmp(indicator_series, indicator_series) IS 'less-equal-greater (-1, 0, 1): btree support of indicator_series';
COMMENT ON FUNCTION indicator_series_hash(indicator_series) IS 'hash of an indicator_series, the same for equal series: hash support';
COMMENT ON FUNCTION indicator_series_hash_extended(indicator_series, bigint) IS '64-bit hash of an indicator_series with a seed: hash support';

CREATE OPERATOR = (
	LEFTARG = indicator_series, RIGHTARG = indicator_series,
	FUNCTION = indicator_series_eq,
	COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES, MERGES
);
CREATE OPERATOR <> (
	LEFTARG = indicator_series, RIGHTARG = indicator_series,
	FUNCTION = indicator_series_ne,
	COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
	LEFTARG = indicator_series, RIGHTARG = indicator_series,
	FUNCTION = indicator_series_lt,
	COMMUTATOR = >, NEGATOR = >=,
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = indicator_series, RIGHTARG = indicator_series,
	FUNCTION = indicator_series_le,
	COMMUTATOR = >=, NEGATOR = >,
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = indicator_series, RIGHTARG = indicator_series,
	FUNCTION = indicator_series_gt,
	COMMUTATOR = <, NEGATOR = <=,
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = indicator_series, RIGHTARG = indicator_series,
	FUNCTION = indicator_series_ge,
	COMMUTATOR = <=, NEGATOR = <,
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

COMMENT ON OPERATOR = (indicator_series, indicator_series) IS 'equal: the same kind, span and values (at any scale), missing months in the same places';
COMMENT ON OPERATOR <> (indicator_series, indicator_series) IS 'not equal';
COMMENT ON OPERATOR < (indicator_series, indicator_series) IS 'less than (by kind, first month, values month by month, span)';
COMMENT ON OPERATOR <= (indicator_series, indicator_series) IS 'less than or equal (by kind, first month, values month by month, span)';
COMMENT ON OPERATOR > (indicator_series, indicator_series) IS 'greater than (by kind, first month, values month by month, span)';
COMMENT ON OPERATOR >= (indicator_series, indicator_series) IS 'greater than or equal (by kind, first month, values month by month, span)';

CREATE OPERATOR CLASS indicator_series_ops
	DEFAULT FOR TYPE indicator_series USING btree AS
		OPERATOR 1 <,
		OPERATOR 2 <=,
		OPERATOR 3 =,
		OPERATOR 4 >=,
		OPERATOR 5 >,
		FUNCTION 1 indicator_series_cmp(indicator_series, indicator_series);

CREATE OPERATOR CLASS indicator_series_ops
	DEFAULT FOR TYPE indicator_series USING hash AS
		OPERATOR 1 =,
		FUNCTION 1 indicator_series_hash(indicator_series),
		FUNCTION 2 indicator_series_hash_extended(indicator_series, bigint);

COMMENT ON OPERATOR CLASS indicator_series_ops USING btree IS 'the order of indicator_series, for ORDER BY, DISTINCT, GROUP BY, merge joins and btree indexes';
COMMENT ON OPERATOR CLASS indicator_series_ops USING hash IS 'hashing of indicator_series, for hash aggregation, hash joins and hash indexes';


------------------------------------------------------------------------------
-- Report wording (src/wording.c)
------------------------------------------------------------------------------

-- A growth or an attainment percentage as a report phrases it, rounded half
-- away from zero to decimals (0 to 15) as the double prints, trailing zeros
-- dropped.
CREATE FUNCTION growth_phrase(pct double precision, lang text DEFAULT 'en', decimals integer DEFAULT 1)
	RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION attainment_phrase(pct double precision, lang text DEFAULT 'en', decimals integer DEFAULT 1)
	RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION growth_phrase(double precision, text, integer) IS
	'a growth percentage as a phrase: ''up 42.7%'', ''down 3.4%'', ''unchanged''; lang ''vi'': ''tăng 42,7%'', ''giảm 3,4%'', ''không đổi''';
COMMENT ON FUNCTION attainment_phrase(double precision, text, integer) IS
	'a plan attainment percentage as a phrase: ''133.5% of plan, exceeded by 33.5%'', ''94.8% of plan, short by 5.2%''; lang ''vi'': ''đạt 133,5% kế hoạch, vượt 33,5%''';


------------------------------------------------------------------------------
-- Yearly rows and BI long format (src/series_rows.c)
------------------------------------------------------------------------------

CREATE FUNCTION annual_rows(s indicator_series, method text DEFAULT 'sum', fy_start_month integer DEFAULT 1,
							OUT year integer, OUT value numeric, OUT growth_pct double precision,
							OUT months integer)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'series_annual_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION annual_rows(indicator_series, text, integer) IS
	'one row per fiscal year of the span: year (as fiscal_year() names it), value (annual(); NULL unless complete), growth_pct (annual_growth_pct()), months present';

-- Three arguments and no defaults: every 1.0 call (series_rows(s),
-- series_rows(s, 7), series_rows(s, $1)) still reaches 1.0's function.
CREATE FUNCTION series_rows(s indicator_series, fy_start_month integer, method text,
							OUT period date, OUT value numeric, OUT mom_pct double precision,
							OUT yoy_pct double precision, OUT ytd numeric, OUT ytd_growth_pct double precision,
							OUT value_last_year numeric, OUT ytd_last_year numeric)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'series_rows_last_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 120;
COMMENT ON FUNCTION series_rows(indicator_series, integer, text) IS
	'one row per month of the span with year-to-date by ''sum'', ''avg'' or ''last'': series_rows''s columns, then value_last_year and ytd_last_year (the same month and the same months of last year) beside them';


-- Partial totals: series_sum gives a month only when every input has it;
-- these give the total of whatever is there and how many inputs that was.
CREATE FUNCTION series_sum_present_transfn(indicator_series, indicator_series) RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_sum_present_transfn(indicator_series, indicator_series) IS
	'series_sum_present transition and combine function, and series_count combine function: the month-by-month total of the series that have the month';

CREATE AGGREGATE series_sum_present(s indicator_series) (
	SFUNC = series_sum_present_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_agg_final,
	COMBINEFUNC = series_sum_present_transfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_sum_present(indicator_series) IS
	'the month-by-month partial total: the sum of the series that have the month; missing only where none has it (series_count says how many had it)';

CREATE FUNCTION series_count_transfn(indicator_series, indicator_series) RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_count_transfn(indicator_series, indicator_series) IS
	'series_count transition function: counts, month by month, the series that have the month';

CREATE FUNCTION series_count_final(indicator_series) RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION series_count_final(indicator_series) IS
	'series_count final function: the counts, 0 where no series covers the month';

CREATE AGGREGATE series_count(s indicator_series) (
	SFUNC = series_count_transfn,
	STYPE = indicator_series,
	FINALFUNC = series_count_final,
	COMBINEFUNC = series_sum_present_transfn,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE series_count(indicator_series) IS
	'month by month, how many of the series have a value (an integer series over the union of their spans, 0 where none has it); NULL series are not counted';

------------------------------------------------------------------------------
-- Stored series kept current (src/store.c)
------------------------------------------------------------------------------

-- series_set is not strict: a NULL value marks the month missing and a NULL
-- series starts one.  Four value types, as series_agg has, so that an
-- integer (series_set(s, d, 5)) reaches an exact overload.
CREATE FUNCTION series_set(s indicator_series, period date, value numeric) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_set_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION series_set(s indicator_series, period date, value double precision) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_set_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION series_set(s indicator_series, period date, value bigint) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_set_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION series_set(s indicator_series, period date, value integer) RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'series_set_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_set(indicator_series, date, numeric) IS
	's with the month of period set to value (NULL: missing); a NULL s starts a series';
COMMENT ON FUNCTION series_set(indicator_series, date, double precision) IS
	's with the month of period set to value (NULL: missing); a NULL s starts a series';
COMMENT ON FUNCTION series_set(indicator_series, date, bigint) IS
	's with the month of period set to value (NULL: missing); a NULL s starts a series';
COMMENT ON FUNCTION series_set(indicator_series, date, integer) IS
	's with the month of period set to value (NULL: missing); a NULL s starts a series';

-- What the store's triggers run, per affected key.
CREATE FUNCTION series_store_apply(s indicator_series, removed date[], added indicator_series)
	RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION series_store_apply(indicator_series, date[], indicator_series) IS
	'used by series_store''s triggers: s without the months removed, with the months added (one month twice is an error), trimmed; NULL when empty';

CREATE FUNCTION series_store_trigger() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION series_store_trigger() IS
	'the statement-level trigger that series_store installs on a source to keep its store current';

CREATE FUNCTION series_store(source regclass, store text, keys text[],
							 period_column text DEFAULT 'period', value_column text DEFAULT 'value',
							 frequency text DEFAULT 'month')
	RETURNS regclass
	AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION series_store(regclass, text, text[], text, text, text) IS
	'creates the table store of one series per key of source, fills it, and installs the triggers that keep it equal to series_agg over source';

CREATE FUNCTION series_store_check(store regclass) RETURNS SETOF text
	AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
COMMENT ON FUNCTION series_store_check(regclass) IS
	'the keys (as row literals) where a store and series_agg over its source differ';

CREATE FUNCTION series_store_rebuild(store regclass) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
COMMENT ON FUNCTION series_store_rebuild(regclass) IS
	'refills a store from its source; returns the number of series stored';

CREATE FUNCTION series_store_drop(store regclass) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
COMMENT ON FUNCTION series_store_drop(regclass) IS
	'drops the triggers that keep a store current; the store stays as an ordinary table';
