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

-------------------------------------------------------------------------------
-- Prices and real growth (prices.c; the scalars in scalar.c,
-- ytd_contribution_pp in indices.c)
-------------------------------------------------------------------------------

-- deflate takes a year (int) or a period (date), as rebase does: an untyped
-- literal such as '2015-01-01' matches both, so it needs a cast.
CREATE FUNCTION deflate(s indicator_series, price indicator_series, base_year int,
						fy_start_month int DEFAULT 1)
	RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'deflate_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION deflate(indicator_series, indicator_series, int, int) IS
	'a float8 series at the prices of fiscal year base_year: s(t) x avg(price over base_year) / price(t); missing where the price is missing or not positive; NULL when base_year is incomplete in price or its average is not positive';

CREATE FUNCTION deflate(s indicator_series, price indicator_series, base_period date)
	RETURNS indicator_series
	AS 'MODULE_PATHNAME', 'deflate_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION deflate(indicator_series, indicator_series, date) IS
	'a float8 series at the prices of base_period: s(t) x price(base_period) / price(t); missing where the price is missing or not positive; NULL when price(base_period) is missing or not positive';

CREATE FUNCTION real_growth_pct(nominal_pct numeric, price_pct numeric)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'real_growth_pct_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION real_growth_pct(numeric, numeric) IS
	'real growth in percent from nominal growth and price growth in percent: ((1 + nominal_pct/100) / (1 + price_pct/100) - 1) x 100; NULL when price_pct is -100 or less';

CREATE FUNCTION real_growth_pct(nominal_pct double precision, price_pct double precision)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'real_growth_pct_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION real_growth_pct(double precision, double precision) IS
	'real growth in percent from nominal growth and price growth in percent: ((1 + nominal_pct/100) / (1 + price_pct/100) - 1) x 100; NULL when price_pct is -100 or less';

CREATE FUNCTION implied_levels(growth indicator_series, anchor indicator_series,
							   lag_months int DEFAULT 12)
	RETURNS indicator_series
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION implied_levels(indicator_series, indicator_series, int) IS
	'a float8 series of levels from growth rates in percent over lag_months: the anchor''s periods kept, then level(t) = level(t - lag) x (1 + growth(t)/100) forwards and level(t - lag) = level(t) / (1 + growth(t)/100) backwards as far as the chain reaches; a growth of -100 or less breaks it';

-- A new name rather than a third attainment_pct of two arguments: beside
-- attainment_pct(s, year, target), attainment_pct($1, $2, $3) with
-- unknown-typed parameters would become ambiguous.
CREATE FUNCTION attainment_lower_pct(actual numeric, target numeric)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'attainment_lower_pct_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION attainment_lower_pct(numeric, numeric) IS
	'attainment where lower is better (energy per unit, losses): target / actual x 100; NULL when actual or target is not positive';

CREATE FUNCTION attainment_lower_pct(actual double precision, target double precision)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'attainment_lower_pct_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION attainment_lower_pct(double precision, double precision) IS
	'attainment where lower is better (energy per unit, losses): target / actual x 100; NULL when actual or target is not positive';

-- Six arguments and no defaults, as 1.1's four-argument ytd.
CREATE FUNCTION ytd_contribution_pp(component indicator_series, weight_share double precision,
									aggregate indicator_series, as_of date, fy_start_month int,
									method text)
	RETURNS double precision
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_contribution_pp(indicator_series, double precision, indicator_series, date, int, text) IS
	'the component''s contribution, in percentage points, to the aggregate''s year-to-date growth: weight_share x (ytd(c, as_of) - ytd(c, as_of - 1 year)) / |ytd(a, as_of - 1 year)| x 100, each ytd by method (''sum'', ''avg'', ''last'') from fy_start_month';
