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
