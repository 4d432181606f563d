-- The benchmark's queries, one per block: a line "-- name: NAME" starts a
-- block, which runs until the next.  :as_of and :year are psql variables
-- (the as-of month of R3 and its fiscal year) set by bench/run.sh.
--
-- Plain SQL is written as an analyst who knows the pitfalls would write
-- it: gap-safe (joins on the calendar month, never lag() over rows), NULL
-- for incomplete years and zero bases, as the extension's semantics are.

-- name: scan
-- The bare scan: the least any report over these rows can cost.
SELECT series, sum(value) FROM m GROUP BY series;

-- name: rows
-- Returning the table's rows to the client.
SELECT * FROM m;

-- name: agg
-- The aggregation alone: one series per group, counted, not returned.
SELECT count(s) FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x;

-- name: r1_join
-- R1 up to its join: every series joined to its targets, counted.
SELECT count(x.s) FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x
JOIN targets t USING (series);

-- name: r1_calc
-- R1 computed, every figure counted, not returned: with r1_ext, r1_join and
-- agg, where R1's time goes (bench/measure.sh prints the steps).
SELECT count(total), count(growth_pct), count(attainment_pct)
FROM (SELECT annual(x.s, t.year) AS total,
			 annual_growth_pct(x.s, t.year) AS growth_pct,
			 attainment_pct(x.s, t.year, t.target) AS attainment_pct
	  FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x
	  JOIN targets t USING (series)) y;

-- name: r1_ext
-- R1 yearly summary: total, growth and attainment per series and year.
SELECT x.series, t.year, annual(x.s, t.year) AS total,
	   annual_growth_pct(x.s, t.year) AS growth_pct,
	   attainment_pct(x.s, t.year, t.target) AS attainment_pct
FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x
JOIN targets t USING (series);

-- name: r1_out
-- R1's rows, precomputed into a table (bench/measure.sh makes it): what
-- returning the report's 200,000 rows costs by itself.
SELECT * FROM r1_out;

-- name: r1_sql
WITH y AS (
	SELECT series, extract(year FROM period)::int AS year,
		   sum(value) AS total, count(value) AS months
	FROM m GROUP BY 1, 2)
SELECT t.series, t.year,
	   CASE WHEN y.months = 12 THEN y.total END AS total,
	   CASE WHEN y.months = 12 AND p.months = 12 AND p.total <> 0
			THEN ((y.total - p.total) / abs(p.total) * 100)::float8 END AS growth_pct,
	   CASE WHEN y.months = 12 AND t.target <> 0
			THEN (y.total / t.target * 100)::float8 END AS attainment_pct
FROM targets t
LEFT JOIN y ON y.series = t.series AND y.year = t.year
LEFT JOIN y p ON p.series = t.series AND p.year = t.year - 1;

-- name: r2_ext
-- R2 monthly report: value, MoM, YoY, YTD and YTD growth per series and month.
SELECT x.series, r.*
FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x,
	 series_rows(x.s) r;

-- name: r2_out
-- R2's rows, precomputed into a table (bench/measure.sh makes it): what
-- returning the report's columns costs by itself, whatever computes them.
SELECT * FROM r2_out;

-- name: r2_sql
WITH c AS (
	SELECT series, period, value,
		   sum(value) OVER w AS ytd,
		   count(value) OVER w AS ytd_months
	FROM m
	WINDOW w AS (PARTITION BY series, date_trunc('year', period) ORDER BY period))
SELECT c.series, c.period, c.value,
	   ((c.value - pm.value) / nullif(abs(pm.value), 0) * 100)::float8 AS mom_pct,
	   ((c.value - py.value) / nullif(abs(py.value), 0) * 100)::float8 AS yoy_pct,
	   CASE WHEN c.ytd_months = extract(month FROM c.period) THEN c.ytd END AS ytd,
	   CASE WHEN c.ytd_months = extract(month FROM c.period)
				 AND py.ytd_months = extract(month FROM py.period)
			THEN ((c.ytd - py.ytd) / nullif(abs(py.ytd), 0) * 100)::float8 END AS ytd_growth_pct
FROM c
LEFT JOIN c pm ON pm.series = c.series AND pm.period = (c.period - interval '1 month')::date
LEFT JOIN c py ON py.series = c.series AND py.period = (c.period - interval '1 year')::date;

-- name: r3_ext
-- R3 as-of dashboard: YTD, YTD growth, progress against the year's target,
-- what each remaining month must bring, and the projected year.
SELECT x.series, ytd(x.s, :'as_of') AS ytd,
	   ytd_growth_pct(x.s, :'as_of') AS ytd_growth_pct,
	   ytd_attainment_pct(x.s, :'as_of', t.target) AS progress_pct,
	   required_monthly(x.s, :'as_of', t.target) AS required_monthly,
	   projected_annual(x.s, :'as_of') AS projected
FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x
JOIN targets t ON t.series = x.series AND t.year = :year;

-- name: r3_join
-- R3 up to its join: every series joined to its target for the year, counted.
SELECT count(x.s) FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x
JOIN targets t ON t.series = x.series AND t.year = :year;

-- name: r3_calc
-- R3 computed, every figure counted, not returned (see r1_calc).
SELECT count(ytd), count(ytd_growth_pct), count(progress_pct), count(required_monthly), count(projected)
FROM (SELECT ytd(x.s, :'as_of') AS ytd,
			 ytd_growth_pct(x.s, :'as_of') AS ytd_growth_pct,
			 ytd_attainment_pct(x.s, :'as_of', t.target) AS progress_pct,
			 required_monthly(x.s, :'as_of', t.target) AS required_monthly,
			 projected_annual(x.s, :'as_of') AS projected
	  FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x
	  JOIN targets t ON t.series = x.series AND t.year = :year) y;

-- name: r3_sql
WITH a AS (
	SELECT series,
		   sum(value) FILTER (WHERE period BETWEEN make_date(:year, 1, 1) AND :'as_of') AS ytd,
		   count(value) FILTER (WHERE period BETWEEN make_date(:year, 1, 1) AND :'as_of') AS n,
		   sum(value) FILTER (WHERE period BETWEEN make_date(:year - 1, 1, 1)
									AND (:'as_of'::date - interval '1 year')::date) AS ytd_prev,
		   count(value) FILTER (WHERE period BETWEEN make_date(:year - 1, 1, 1)
									  AND (:'as_of'::date - interval '1 year')::date) AS n_prev,
		   sum(value) FILTER (WHERE period BETWEEN make_date(:year - 1, 1, 1) AND make_date(:year - 1, 12, 1)) AS total_prev,
		   count(value) FILTER (WHERE period BETWEEN make_date(:year - 1, 1, 1) AND make_date(:year - 1, 12, 1)) AS n_total_prev
	FROM m GROUP BY series),
k AS (SELECT extract(month FROM :'as_of'::date)::int AS months)
SELECT a.series,
	   CASE WHEN n = k.months THEN ytd END AS ytd,
	   CASE WHEN n = k.months AND n_prev = k.months AND ytd_prev <> 0
			THEN ((ytd - ytd_prev) / abs(ytd_prev) * 100)::float8 END AS ytd_growth_pct,
	   CASE WHEN n = k.months AND t.target <> 0 THEN (ytd / t.target * 100)::float8 END AS progress_pct,
	   CASE WHEN n = k.months AND k.months < 12 THEN (t.target - ytd) / (12 - k.months) END AS required_monthly,
	   CASE WHEN n = k.months AND n_prev = k.months AND n_total_prev = 12 AND ytd_prev <> 0
			THEN ytd * total_prev / ytd_prev END AS projected
FROM a CROSS JOIN k JOIN targets t ON t.series = a.series AND t.year = :year;
