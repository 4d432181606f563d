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
-- Seasonal adjustment (seasonal.c): STL of a monthly or quarterly series
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
