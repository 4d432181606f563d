-- The queries every client runs (test/clients/run.sh): a line
-- "-- name: NAME" starts a block, which runs until the next.  run.sh writes
-- psql's answer to each (tab-separated, NULL as \N) beside it, and each
-- client checks the types its driver gives and that every value equals
-- psql's.  "params" is the query with literals; each client runs it with
-- its own placeholders, bound as its driver binds them (see each client).

-- name: series_rows
SELECT r.* FROM series_t, series_rows(s) r WHERE region = 'south' ORDER BY r.period;

-- name: series_rows_last_year
SELECT r.* FROM series_t, series_rows(s, 7, 'sum') r WHERE region = 'south' ORDER BY r.period;

-- name: annual_rows
SELECT region, r.* FROM series_t, annual_rows(s) r ORDER BY region, r.year;

-- name: scalars
SELECT growth_pct(5339::numeric, 3741.4155571128241065) AS growth_pct,
       attainment_pct(5339::numeric, 4000::numeric) AS attainment_pct,
       target_gap(5339::numeric, 5700.25::numeric) AS target_gap,
       implied_base(5339::numeric, 42.7) AS implied_base,
       fiscal_year('1994-08-15', 7) AS fiscal_year,
       growth_pct(0::numeric, 0::numeric) AS growth_from_zero;

-- name: params
SELECT value_at(s, '1994-06-01') AS value_at, ytd(s, '1994-06-01', 7) AS ytd,
       yoy_pct(s, '1994-06-01') AS yoy_pct, annual(s, 1993) AS annual,
       attainment_pct(s, 1993, 12500.5) AS attainment_pct, fiscal_year('1994-08-15', 7) AS fiscal_year
FROM series_t WHERE region = 'north';

-- name: series_text
SELECT region, s FROM series_t ORDER BY region;

-- name: series_send
SELECT region, indicator_series_send(s) FROM series_t ORDER BY region;
