--
-- Oracle test on real data: Australian monthly gas production
-- (forecast_gas.csv, 1956-01 .. 1995-08, 476 months, none missing) against
-- reference_forecast_gas.csv, computed independently by pandas 1.5.3 and
-- cross-checked with R (see ../shared/data/real/README.md).
--
-- Every reference row is reproduced within a relative 1e-9, through both an
-- exact series (series_agg over numeric) and a double precision series
-- (series_agg over float8); and wherever the reference has no row (a metric
-- that cannot be computed), our function returns NULL.
--
SET datestyle = ISO, YMD;
-- objects of this test live in their own schema, dropped at the end
CREATE SCHEMA oracle_gas_test;
SET search_path = oracle_gas_test, public;

CREATE TABLE gas (series text, period date, value numeric);
\copy gas FROM '../shared/data/real/forecast_gas.csv' (FORMAT csv, HEADER)
CREATE TABLE ref (series text, metric text, period date, value double precision);
\copy ref FROM '../shared/data/real/reference_forecast_gas.csv' (FORMAT csv, HEADER)

-- the data as the README describes it: 476 months 1956-01 .. 1995-08, no NULL;
-- the reference: 701 lines in the file, so 700 rows after the header:
-- annual_total 40 (1956..1995), annual_months 40, annual_yoy_pct 38 (1957..1994),
-- ytd_jun_total 40, ytd_jun_prev_total 39 (1957..1995), ytd_jun_yoy_pct 39,
-- monthly_yoy_pct 464 (1957-01 .. 1995-08)
SELECT count(*) AS months, count(value) AS with_value, min(period), max(period) FROM gas;
SELECT metric, count(*) AS rows, min(period), max(period) FROM ref GROUP BY metric ORDER BY metric;
SELECT count(*) AS reference_rows FROM ref;

CREATE TABLE paths AS
	SELECT 'numeric' AS kind, series_agg(period, value::numeric) AS s FROM gas
	UNION ALL
	SELECT 'float8', series_agg(period, value::float8) FROM gas;

-- Our figure for every (metric, period) of the reference's grid: years
-- 1956 .. 1995 and months 1956-01 .. 1995-08.
--   annual_total       annual(s, y); for the partial year 1995 the reference sums the
--                      8 months present, which is ytd(s, '1995-08-01')
--   annual_months      months of year y holding a value, from series_rows
--   annual_yoy_pct     annual_growth_pct(s, y)
--   ytd_jun_total      ytd(s, 'y-06-01')
--   ytd_jun_prev_total ytd(s, '(y-1)-06-01')
--   ytd_jun_yoy_pct    ytd_growth_pct(s, 'y-06-01')
--   monthly_yoy_pct    yoy_pct(s, month)
CREATE TABLE ours AS
WITH years AS (SELECT y FROM generate_series(1956, 1995) AS y)
SELECT kind, 'annual_total' AS metric, make_date(y, 1, 1) AS period,
	   (CASE WHEN y = 1995 THEN ytd(s, '1995-08-01') ELSE annual(s, y) END)::float8 AS value
FROM paths, years
UNION ALL
SELECT kind, 'annual_months', make_date(y, 1, 1),
	   (SELECT nullif(count(r.value), 0) FROM series_rows(s) r
		WHERE r.period >= make_date(y, 1, 1) AND r.period < make_date(y + 1, 1, 1))::float8
FROM paths, years
UNION ALL
SELECT kind, 'annual_yoy_pct', make_date(y, 1, 1), annual_growth_pct(s, y)
FROM paths, years
UNION ALL
SELECT kind, 'ytd_jun_total', make_date(y, 1, 1), ytd(s, make_date(y, 6, 1))::float8
FROM paths, years
UNION ALL
SELECT kind, 'ytd_jun_prev_total', make_date(y, 1, 1), ytd(s, make_date(y - 1, 6, 1))::float8
FROM paths, years
UNION ALL
SELECT kind, 'ytd_jun_yoy_pct', make_date(y, 1, 1), ytd_growth_pct(s, make_date(y, 6, 1))
FROM paths, years
UNION ALL
SELECT kind, 'monthly_yoy_pct', m::date, yoy_pct(s, m::date)
FROM paths, generate_series(date '1956-01-01', date '1995-08-01', interval '1 month') AS m;

-- the grid: 40 years x 6 yearly metrics + 476 months = 716 (metric, period) per path
SELECT kind, count(*) AS grid FROM ours GROUP BY kind ORDER BY kind;

-- the partial year 1995: annual() is NULL (only 8 months), while the ytd through
-- August is the reference's annual_total for 1995, 423388
SELECT kind, annual(s, 1995) AS annual_1995, ytd(s, '1995-08-01') AS ytd_aug_1995,
	   ytd(s, '1995-08-01') = 423388 AS is_reference_total
FROM paths ORDER BY kind;

-- Every reference row, per path and metric: how many were checked, and how many
-- our figure misses (NULL, or off by more than 1e-9 relative; a reference 0
-- must be matched exactly).  Expect 700 checked and 0 mismatches per path.
SELECT k.kind, coalesce(r.metric, 'all metrics') AS metric, count(*) AS checked,
	   count(*) FILTER (WHERE o.value IS NULL OR abs(o.value - r.value) > 1e-9 * abs(r.value)) AS mismatches
FROM (VALUES ('numeric'), ('float8')) AS k(kind)
	 CROSS JOIN ref r
	 LEFT JOIN ours o ON o.kind = k.kind AND o.metric = r.metric AND o.period = r.period
GROUP BY GROUPING SETS ((k.kind, r.metric), (k.kind))
ORDER BY k.kind, r.metric NULLS LAST;

-- the comparison can fail: against the reference moved by a relative 1e-8, every
-- row mismatches except the 9 whose reference value is 0 (monthly_yoy_pct
-- 1958-02, 1959-02, ...): 700 - 9 = 691 per path
SELECT k.kind, count(*) FILTER (WHERE r.value = 0) AS zero_rows,
	   count(*) FILTER (WHERE o.value IS NULL
						OR abs(o.value - r.value * (1 + 1e-8)) > 1e-9 * abs(r.value * (1 + 1e-8))) AS mismatches
FROM (VALUES ('numeric'), ('float8')) AS k(kind)
	 CROSS JOIN ref r
	 LEFT JOIN ours o ON o.kind = k.kind AND o.metric = r.metric AND o.period = r.period
GROUP BY k.kind ORDER BY k.kind;

-- the mismatching rows, if any: none
SELECT k.kind, r.metric, r.period, r.value AS reference, o.value AS ours
FROM (VALUES ('numeric'), ('float8')) AS k(kind)
	 CROSS JOIN ref r
	 LEFT JOIN ours o ON o.kind = k.kind AND o.metric = r.metric AND o.period = r.period
WHERE o.value IS NULL OR abs(o.value - r.value) > 1e-9 * abs(r.value)
ORDER BY k.kind, r.metric, r.period;

-- The reverse: every (metric, period) of the grid that the reference omits must be
-- NULL in ours.  The reference omits 16 per path: annual_yoy_pct for 1956 (no 1955)
-- and 1995 (incomplete), ytd_jun_prev_total and ytd_jun_yoy_pct for 1956 (no 1955),
-- monthly_yoy_pct for the 12 months of 1956.  Non-NULL where NULL is expected: 0.
SELECT o.kind, o.metric, count(*) AS omitted_by_reference,
	   count(o.value) AS non_null_in_ours,
	   string_agg(to_char(o.period, 'YYYY-MM'), ' ' ORDER BY o.period) AS periods
FROM ours o
WHERE NOT EXISTS (SELECT 1 FROM ref r WHERE r.metric = o.metric AND r.period = o.period)
GROUP BY o.kind, o.metric
ORDER BY o.kind, o.metric;

RESET search_path;
DROP SCHEMA oracle_gas_test CASCADE;
