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
