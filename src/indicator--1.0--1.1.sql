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

