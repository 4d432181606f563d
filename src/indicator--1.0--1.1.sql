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


------------------------------------------------------------------------------
-- Stored series kept current (src/store.c)
------------------------------------------------------------------------------

