-- R3 on the quarterly twin of the workload (bench/quarterly_workload.sql),
-- one query per block as in bench/queries.sql.  :as_of and :year are set
-- by bench/quarterly.sh (2020-06-01: the second quarter of 2020).

-- name: scan
-- The bare scan of the quarterly table.
SELECT series, sum(value) FROM mq GROUP BY series;

-- name: r3_ext
-- R3 as-of dashboard on quarterly series: YTD, YTD growth, progress against
-- the year's target, what each remaining quarter must bring, the projection.
SELECT x.series, ytd(x.s, :'as_of') AS ytd,
	   ytd_growth_pct(x.s, :'as_of') AS ytd_growth_pct,
	   ytd_attainment_pct(x.s, :'as_of', t.target) AS progress_pct,
	   required_monthly(x.s, :'as_of', t.target) AS required_per_quarter,
	   projected_annual(x.s, :'as_of') AS projected
FROM (SELECT series, series_agg(period, value, 'quarter') AS s FROM mq GROUP BY series) x
JOIN targets_q t ON t.series = x.series AND t.year = :year;

-- name: r3_sql
-- The same in gap-safe plain SQL, by calendar quarter.
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
	FROM mq GROUP BY series),
k AS (SELECT (extract(month FROM :'as_of'::date)::int + 2) / 3 AS quarters)
SELECT a.series,
	   CASE WHEN n = k.quarters THEN ytd END AS ytd,
	   CASE WHEN n = k.quarters AND n_prev = k.quarters AND ytd_prev <> 0
			THEN ((ytd - ytd_prev) / abs(ytd_prev) * 100)::float8 END AS ytd_growth_pct,
	   CASE WHEN n = k.quarters AND t.target <> 0 THEN (ytd / t.target * 100)::float8 END AS progress_pct,
	   CASE WHEN n = k.quarters AND k.quarters < 4 THEN (t.target - ytd) / (4 - k.quarters) END AS required_per_quarter,
	   CASE WHEN n = k.quarters AND n_prev = k.quarters AND n_total_prev = 4 AND ytd_prev <> 0
			THEN ytd * total_prev / ytd_prev END AS projected
FROM a CROSS JOIN k JOIN targets_q t ON t.series = a.series AND t.year = :year;
