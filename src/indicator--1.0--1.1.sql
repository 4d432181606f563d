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

