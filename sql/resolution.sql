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

DROP FUNCTION reached(text), reached_params(text, int);
DROP TABLE rs;
