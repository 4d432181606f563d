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
