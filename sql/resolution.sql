-- Which function each call reaches: overloads added in 1.1 (and later
-- releases) must not change how any 1.0 or 1.1 call resolves,
-- with untyped literals, int2 arguments (psycopg 3 sends a small Python int
-- as int2) and unknown-typed parameters (node-postgres's $n, pgJDBC's
-- setDate).  The one intended change: series_agg with an untyped literal
-- period reaches the timestamptz overload (the same month).
--
-- Data-driven: a later overload adds rows here.  A call written with
-- literals is compiled into a view, and the view's dependencies name the
-- exact function (signature) it reaches, with its volatility; a call with
-- unknown-typed parameters is PREPAREd, and pg_prepared_statements shows the
-- types its parameters resolved to.
--
-- This file run against the 1.0 build (c7f8bc8) gives the same rows for
-- every call that 1.0 could make, except series_agg with an untyped or
-- unknown-typed period (date there, timestamptz here: the same month).

CREATE TABLE rs (s indicator_series, d date, ts timestamptz, t timestamp, v numeric);

-- the function a call with literals reaches, and its volatility
CREATE FUNCTION reached(call text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
BEGIN
	EXECUTE format('CREATE TEMP VIEW rs_view AS SELECT %s AS r FROM rs', call);
	-- an aggregate's own volatility is always 'i': show its transition's
	SELECT string_agg(p.oid::regprocedure::text || ' ' ||
					  coalesce('(transition ' || tf.provolatile::text || ')', p.provolatile::text),
					  ', ' ORDER BY p.oid::regprocedure::text)
	INTO result
	FROM pg_depend dep
	JOIN pg_rewrite rw ON dep.classid = 'pg_rewrite'::regclass AND dep.objid = rw.oid
	JOIN pg_proc p ON dep.refclassid = 'pg_proc'::regclass AND dep.refobjid = p.oid
	LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
	LEFT JOIN pg_proc tf ON tf.oid = a.aggtransfn
	WHERE rw.ev_class = 'rs_view'::regclass;
	DROP VIEW rs_view;
	RETURN result;
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- the types unknown-typed parameters $1..$n of a call resolve to
CREATE FUNCTION reached_params(call text, nparams int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
BEGIN
	EXECUTE format('PREPARE rs_prepared(%s) AS SELECT %s FROM rs',
				   array_to_string(array_fill('unknown'::text, ARRAY[nparams]), ', '), call);
	SELECT parameter_types::text INTO result FROM pg_prepared_statements WHERE name = 'rs_prepared';
	DEALLOCATE rs_prepared;
	RETURN result;
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- Calls with untyped literals and int2 arguments
SELECT call, reached(call) FROM (VALUES
	-- accessors of 1.0
	($$value_at(s, '2021-03-01')$$),
	($$mom_pct(s, '2021-03-01')$$),
	($$yoy_pct(s, '2021-03-01')$$),
	($$ytd(s, '2021-03-01')$$),
	($$ytd(s, '2021-03-01', 7)$$),
	($$ytd(s, '2021-03-01', 7::int2)$$),
	($$ytd(s, d, '7')$$),
	($$ytd_growth_pct(s, '2021-03-01')$$),
	($$ytd_growth_pct(s, '2021-03-01', 7)$$),
	($$ytd_growth_pct(s, '2021-03-01', 7::int2)$$),
	($$annual(s, 2020)$$),
	($$annual(s, 2020::int2)$$),
	($$annual(s, '2020')$$),
	($$annual(s, 2020, 'avg')$$),
	($$annual(s, 2020::int2, 'avg', 7::int2)$$),
	($$annual_growth_pct(s, 2020)$$),
	($$annual_growth_pct(s, 2020::int2, 'avg')$$),
	($$attainment_pct(s, 2020, 100)$$),
	($$attainment_pct(s, 2020::int2, 100::int2)$$),
	($$attainment_pct(s, 2020, '100.5', 'avg', 7)$$),
	($$ytd_attainment_pct(s, '2021-01-01', 'NaN')$$),
	($$ytd_attainment_pct(s, '2021-01-01', 100::int2, 7::int2)$$),
	($$expected_ytd_share_pct(s, '2021-03-01')$$),
	($$projected_annual(s, '2021-03-01')$$),
	($$projected_annual(s, '2021-03-01', 'run_rate', 7::int2)$$),
	($$required_monthly(s, '2021-03-01', 100)$$),
	($$required_growth_rest_pct(s, '2021-03-01', 100::int2)$$),
	($$first_month(s)$$), ($$last_month(s)$$), ($$month_count(s)$$), ($$missing_months(s)$$),
	($$(series_rows(s)).period$$),
	($$(series_rows(s, 7::int2)).period$$),
	-- series_agg of 1.0: date periods
	($$series_agg(d, v)$$),
	($$series_agg(d, 5)$$),
	($$series_agg(d, 5::int2)$$),
	($$series_agg(d, 5.5::float8)$$),
	($$series_agg(d, '5')$$),
	-- 1.1: frequencies, timestamptz periods (STABLE); an untyped literal
	-- period reaches timestamptz (the one intended change), a timestamp its
	-- implicit cast
	($$series_agg(d, v, 'quarter')$$),
	($$series_agg(d, 5::int2, 'year')$$),
	($$series_agg('2021-03-01', 5)$$),
	($$series_agg('2021-03-01', v, 'quarter')$$),
	($$series_agg(ts, v)$$),
	($$series_agg(t, v)$$),
	($$series_agg(date_trunc('month', ts), 5)$$),
	($$series_agg(t, 5::int2, 'month')$$),
	-- 1.1 accessors: new names, and four-argument ytd without defaults
	($$frequency(s)$$), ($$series_trim(s)$$), ($$pop_pct(s, '2021-03-01')$$),
	($$ytd(s, '2021-03-01', 1, 'avg')$$),
	($$ytd(s, '2021-03-01', 1::int2, 'last')$$),
	($$ytd_growth_pct(s, '2021-03-01', 7, 'avg')$$),
	-- 1.1 ranges, conversions and plans by period: new names
	($$range_value(s, '2021-01-01', '2021-06-01')$$),
	($$range_value(s, '2021-01-01', '2021-06-01', 'avg')$$),
	($$range_growth_pct(s, '2021-01-01', '2021-09-01')$$),
	($$range_growth_pct(s, '2021-01-01', '2021-09-01', 'sum', 12::int2)$$),
	($$to_frequency(s, 'quarter')$$),
	($$to_frequency(s, 'year', 'avg')$$),
	($$fill_missing(s, 'linear')$$),
	($$ytd_plan_attainment_pct(s, '2021-03-01', s)$$),
	($$ytd_plan_attainment_pct(s, '2021-03-01', s, 7::int2)$$),
	-- what does not resolve (and the README shows the cast): a timestamptz,
	-- an interval expression, a numeric year
	($$value_at(s, now())$$),
	($$value_at(s, d - interval '1 year')$$),
	($$annual(s, extract(year FROM d))$$),
	($$value_at(s, now()::date)$$),
	($$value_at(s, (d - interval '1 year')::date)$$),
	($$annual(s, extract(year FROM d)::int)$$)
) c(call);

-- Calls with unknown-typed parameters, as drivers send them
SELECT call, reached_params(call, n) AS parameter_types FROM (VALUES
	($$value_at(s, $1)$$, 1),
	($$mom_pct(s, $1)$$, 1),
	($$yoy_pct(s, $1)$$, 1),
	($$ytd(s, $1)$$, 1),
	($$ytd(s, $1, $2)$$, 2),
	($$ytd(s, $1, $2, $3)$$, 3),
	($$ytd_growth_pct(s, $1, $2)$$, 2),
	($$ytd_growth_pct(s, $1, $2, $3)$$, 3),
	($$annual(s, $1)$$, 1),
	($$annual(s, $1, $2, $3)$$, 3),
	($$annual_growth_pct(s, $1, $2)$$, 2),
	($$attainment_pct(s, $1, $2)$$, 2),
	($$attainment_pct(s, $1, $2, $3, $4)$$, 4),
	($$ytd_attainment_pct(s, $1, $2)$$, 2),
	($$ytd_attainment_pct(s, $1, $2, $3)$$, 3),
	($$expected_ytd_share_pct(s, $1, $2)$$, 2),
	($$projected_annual(s, $1, $2, $3)$$, 3),
	($$required_monthly(s, $1, $2, $3)$$, 3),
	($$required_growth_rest_pct(s, $1, $2, $3)$$, 3),
	($$(series_rows(s, $1)).period$$, 1),
	($$pop_pct(s, $1)$$, 1),
	($$range_value(s, $1, $2)$$, 2),
	($$range_value(s, $1, $2, $3)$$, 3),
	($$range_growth_pct(s, $1, $2, $3, $4)$$, 4),
	($$to_frequency(s, $1, $2)$$, 2),
	($$fill_missing(s, $1)$$, 1),
	($$ytd_plan_attainment_pct(s, $1, s, $2)$$, 2),
	-- series_agg: the untyped period reaches timestamptz (the same month)
	($$series_agg($1, v)$$, 1),
	($$series_agg(d, $1)$$, 1),
	($$series_agg($1, $2)$$, 2),
	($$series_agg(d, v, $1)$$, 1),
	($$series_agg($1, $2, $3)$$, 3)
) c(call, n);

-- 1.2 report wording: progress_phrase, a new name, reached with a numeric,
-- an int2 or an untyped percentage and an int2 number of decimals
SELECT call, reached(call) FROM (VALUES
	($$progress_phrase(v)$$),
	($$progress_phrase(57.9)$$),
	($$progress_phrase(1::int2, 'vi')$$),
	($$progress_phrase('57.9', 'vi', 2::int2)$$)
) c(call);
SELECT call, reached_params(call, n) AS parameter_types FROM (VALUES
	($$progress_phrase($1)$$, 1),
	($$progress_phrase($1, $2, $3)$$, 3)
) c(call, n);

-- 1.2, estimates: series_agg and series_set gain a fourth (fifth) argument,
-- estimated boolean, and the rows with an estimated column have new names
-- (series_rows_estimated, annual_rows_estimated).  The 1.1 calls below were
-- run against the 1.1 build (28bc2e8) too and reach the same functions.
SELECT call, reached(call) FROM (VALUES
	-- 1.1 calls
	($$(series_rows(s, 7, 'avg')).period$$),
	($$(series_rows(s, 7::int2, 'last')).period$$),
	($$(annual_rows(s)).year$$),
	($$(annual_rows(s, 'avg')).year$$),
	($$(annual_rows(s, 'sum', 7::int2)).year$$),
	($$series_set(s, d, 5)$$),
	($$series_set(s, d, v)$$),
	($$series_set(s, d, 5::int2)$$),
	($$series_set(s, d, 5.5::float8)$$),
	($$series_set(s, '2021-03-01', '5')$$),
	($$series_set(NULL, d, 5::bigint)$$),
	($$series_agg(d, 5, 'month')$$),
	($$series_agg(ts, 5.5::float8, 'quarter')$$),
	-- 1.2 calls
	($$series_agg(d, v, 'month', true)$$),
	($$series_agg(d, 5::int2, 'quarter', NULL)$$),
	($$series_agg('2021-03-01', 5, 'month', 'true')$$),
	($$series_agg(ts, 5.5::float8, 'month', v > 0)$$),
	($$series_set(s, d, 5, true)$$),
	($$series_set(s, '2021-03-01', 5.5, 'f')$$),
	($$series_set(NULL, d, 5::int2, NULL)$$),
	($$estimated_periods(s)$$),
	($$is_estimated(s, '2021-03-01')$$),
	($$(series_rows_estimated(s)).estimated$$),
	($$(series_rows_estimated(s, 7::int2, 'avg')).estimated$$),
	($$(annual_rows_estimated(s)).estimated$$),
	($$(annual_rows_estimated(s, 'last', 7)).estimated$$)
) c(call);
SELECT call, reached_params(call, n) AS parameter_types FROM (VALUES
	-- 1.1 calls
	($$(series_rows(s, $1, $2)).period$$, 2),
	($$(annual_rows(s, $1, $2)).year$$, 2),
	($$series_set(s, $1, $2)$$, 2),
	($$series_set(s, d, $1)$$, 1),
	-- 1.2 calls
	($$series_set(s, $1, $2, $3)$$, 3),
	($$series_agg(d, v, $1, $2)$$, 2),
	($$series_agg($1, $2, $3, $4)$$, 4),
	($$is_estimated(s, $1)$$, 1),
	($$(series_rows_estimated(s, $1, $2)).estimated$$, 2),
	($$(annual_rows_estimated(s, $1, $2)).estimated$$, 2)
) c(call, n);

-- 1.2, stores: series_store gains vintage_column and estimated_column, both
-- with defaults, and the update drops 1.1's six-argument function, so that
-- every 1.1 call (positional, named, or with unknown-typed parameters)
-- reaches the one eight-argument function, unambiguously.
SELECT call, reached(call) FROM (VALUES
	-- 1.1 calls
	($$series_store('rs', 'st', '{d}')$$),
	($$series_store('rs'::regclass, 'st', ARRAY['d'], 'd', 'v')$$),
	($$series_store('rs', 'st', '{d}', 'd', 'v', 'quarter')$$),
	($$series_store('rs', 'st', '{d}', value_column => 'v', frequency => 'year')$$),
	-- 1.2 calls
	($$series_store('rs', 'st', '{d}', 'd', 'v', 'month', 'ts')$$),
	($$series_store('rs', 'st', '{d}', vintage_column => 'ts', estimated_column => 'e')$$)
) c(call);
SELECT call, reached_params(call, n) AS parameter_types FROM (VALUES
	-- 1.1 calls
	($$series_store($1, $2, $3)$$, 3),
	($$series_store($1, $2, $3, $4, $5, $6)$$, 6),
	-- 1.2 calls
	($$series_store($1, $2, $3, $4, $5, $6, $7, $8)$$, 8)
) c(call, n);

-- 1.2, prices and real growth: new names only (deflate, real_growth_pct,
-- implied_levels, attainment_lower_pct, ytd_contribution_pp), so no 1.0 or
-- 1.1 call can reach them; the rows above are unchanged.  deflate takes a
-- year or a date, as rebase does: an untyped literal needs its cast.
SELECT call, reached(call) FROM (VALUES
	($$deflate(s, s, 2020)$$),
	($$deflate(s, s, 2020::int2, 7::int2)$$),
	($$deflate(s, s, '2020-06-01'::date)$$),
	($$deflate(s, s, d)$$),
	($$deflate(s, s, '2020-06-01')$$),
	($$real_growth_pct(18, 3.5)$$),
	($$real_growth_pct(18, 3.5::float8)$$),
	($$real_growth_pct('18', '3.5')$$),
	($$attainment_lower_pct(80, 100)$$),
	($$attainment_lower_pct(80::int2, 100.5::float8)$$),
	($$attainment_pct(80, 100)$$),
	($$attainment_pct('80', '100')$$),
	($$implied_levels(s, s)$$),
	($$implied_levels(s, s, 3::int2)$$),
	($$ytd_contribution_pp(s, 0.5, s, '2021-03-01', 1, 'sum')$$),
	($$ytd_contribution_pp(s, 1, s, d, 7::int2, 'avg')$$),
	($$contribution_pp(s, 0.5, s, '2021-03-01')$$)
) c(call);

-- and with unknown-typed parameters: a driver's attainment_pct($1, $2, $3)
-- still reaches 1.0's attainment_pct(s, year, target) (a scalar
-- attainment_pct with a third argument, lower_is_better say, would have made
-- it ambiguous: hence the new name attainment_lower_pct)
SELECT call, reached_params(call, n) AS parameter_types FROM (VALUES
	($$attainment_pct($1, $2, $3)$$, 3),
	($$attainment_pct($1, $2)$$, 2),
	($$attainment_lower_pct($1, $2)$$, 2),
	($$real_growth_pct($1, $2)$$, 2),
	($$deflate(s, s, $1)$$, 1),
	($$deflate(s, s, $1, $2)$$, 2),
	($$implied_levels(s, s, $1)$$, 1),
	($$ytd_contribution_pp(s, $1, s, $2, $3, $4)$$, 4)
) c(call, n);

-- 1.2, seasonal adjustment and working days: new names (no function of
-- PostgreSQL or of indicator 1.0/1.1 is called trend, seasonal_adjust,
-- stl_rows, working_days or per_working_day), so no earlier call can reach
-- them; an int2 window and unknown-typed parameters reach the int argument,
-- untyped literals the dates and arrays
SELECT proname, count(*) FROM pg_proc
WHERE proname IN ('trend', 'seasonal_adjust', 'stl_rows', 'working_days', 'per_working_day')
GROUP BY proname ORDER BY proname;
SELECT call, reached(call) FROM (VALUES
	($$seasonal_adjust(s)$$),
	($$seasonal_adjust(s, 13)$$),
	($$seasonal_adjust(s, 7::int2, true)$$),
	($$seasonal_adjust(s, model => 'multiplicative')$$),
	($$seasonal_adjust(s, '7', 'true', 'additive')$$),
	($$trend(s)$$),
	($$trend(s, 13::int2, true)$$),
	($$(stl_rows(s)).trend$$),
	($$(stl_rows(s, 7::int2, true)).seasonal$$),
	($$working_days(d, d)$$),
	($$working_days('2021-01-01', '2021-01-31', '{2021-01-01}', '{7}')$$),
	($$per_working_day(s)$$),
	($$per_working_day(s, '{2021-02-10}')$$)
) c(call);
SELECT call, reached_params(call, n) AS parameter_types FROM (VALUES
	($$seasonal_adjust(s, $1)$$, 1),
	($$seasonal_adjust(s, $1, $2, $3)$$, 3),
	($$trend(s, $1, $2)$$, 2),
	($$(stl_rows(s, $1, $2)).trend$$, 2),
	($$working_days($1, $2, $3, $4)$$, 4),
	($$per_working_day(s, $1, $2)$$, 2)
) c(call, n);

-- 1.2 vintages (new names: no earlier call changes): date periods, every
-- value type, an untyped vintage reaches timestamptz
SELECT call, reached(call) FROM (VALUES
	($$vintage_agg(d, v, ts)$$),
	($$vintage_agg(d, 5, ts)$$),
	($$vintage_agg(d, 5::int2, ts)$$),
	($$vintage_agg(d, 5::int8, '2021-04-01')$$),
	($$vintage_agg(d, 5.5::float8, t)$$),
	($$vintage_agg(d, '5', ts)$$),
	($$first_release_agg(d, v, ts)$$),
	($$first_release_agg(d, 5::int2, '2021-04-01')$$),
	($$first_release_agg(d, 5.5::float8, ts)$$),
	-- a timestamptz period is not a date: no implicit cast
	($$vintage_agg(ts, v, ts)$$),
	-- five arguments: a frequency and an estimated flag
	($$vintage_agg(d, v, ts, 'quarter', true)$$),
	($$vintage_agg(d, 5::int2, '2021-04-01', 'month', 'true')$$),
	($$first_release_agg(d, 5, ts, 'year', NULL)$$),
	($$first_release_agg(d, 5.5::float8, t, 'month', false)$$)
) c(call);
SELECT call, reached_params(call, n) AS parameter_types FROM (VALUES
	($$vintage_agg($1, v, $2)$$, 2),
	($$vintage_agg(d, $1, ts)$$, 1),
	($$first_release_agg($1, $2, $3)$$, 3),
	($$vintage_agg($1, $2, $3, $4, $5)$$, 5)
) c(call, n);
-- 1.2 revisions (new names): untyped dates and measures
SELECT call, reached(call) FROM (VALUES
	($$(revision_rows(s, s)).revision$$),
	($$(revision_rows(s, s, 'yoy')).revision$$),
	($$(revision_stats(s, s, '2021-01-01', '2021-12-01')).rmar$$),
	($$(revision_stats(s, s, d, '2021-12-01', 'mom')).rmar$$)
) c(call);
SELECT call, reached_params(call, n) AS parameter_types FROM (VALUES
	($$(revision_rows(s, s, $1)).revision$$, 1),
	($$(revision_stats(s, s, $1, $2)).rmar$$, 2),
	($$(revision_stats(s, s, $1, $2, $3)).rmar$$, 3)
) c(call, n);
-- 1.2 value_phrase (a new name): integers and untyped literals reach the
-- numeric value; a double precision value does not resolve (float8 ->
-- numeric is an assignment cast): it is cast with ::numeric
SELECT call, reached(call) FROM (VALUES
	($$value_phrase(v, 'million USD')$$),
	($$value_phrase(5339, 'million USD', 'vi')$$),
	($$value_phrase(5339::int8, 'x', 'en', 2::int2)$$),
	($$value_phrase('5339.5', 'x', 'en', 1, true)$$),
	($$value_phrase(1.5::float8, 'x')$$),
	($$value_phrase(1.5::float8::numeric, 'x')$$)
) c(call);
SELECT call, reached_params(call, n) AS parameter_types FROM (VALUES
	($$value_phrase($1, $2)$$, 2),
	($$value_phrase($1, $2, $3, $4, $5)$$, 5)
) c(call, n);

DROP FUNCTION reached(text), reached_params(text, int);
DROP TABLE rs;
