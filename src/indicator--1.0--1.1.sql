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
-- Periods other than the month (src/frequency.c, src/ranges.c)
------------------------------------------------------------------------------


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


------------------------------------------------------------------------------
-- Report wording (src/wording.c)
------------------------------------------------------------------------------


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

