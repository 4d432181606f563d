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
