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

-- The IIP (bench/iip_workload.sql): 2,000 products x 120 months in 40
-- four-digit industries under 10 two-digit industries, base year 2015.
-- Both versions return one row per four-digit industry and month of the
-- IIP's span (4,800 rows): the industry (ind4), the month (period), the
-- industry's index (2015 = 100), the IIP, the IIP's growth on the same
-- month of last year in % (iip_yoy_pct), and the industry's contribution to
-- that growth in percentage points (contribution_pp: its share of the
-- four-digit industries' value added x (index(t) - index(t - 12)) /
-- |IIP(t - 12)| x 100).  The path: each product's quantities against their
-- 2015 average (x 100; none when 2015 is incomplete or its average not
-- positive), the four-digit industries' indices weighted by the products'
-- output values, the two-digit industries' by the four-digit ones' value
-- added, the IIP by the two-digit ones'.  A month that any component with
-- weight > 0 lacks is missing at every level above it; undefined figures
-- are NULL.  bench/measure.sh checks that the two return the same numbers.

-- name: r1_rows
-- R1 written with annual_rows (1.1): one lateral call per series.
SELECT x.series, r.year, r.value AS total, r.growth_pct,
	   attainment_pct(r.value, t.target) AS attainment_pct
FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x
CROSS JOIN LATERAL annual_rows(x.s) r
LEFT JOIN targets t ON t.series = x.series AND t.year = r.year;

-- name: r1_years
-- R1 from the rows as a user writes it with 1.0's accessors alone: every
-- series crossed with the years of the workload (the baseline of the
-- annual_rows goal: it measured 2.6x the scan at the defaults when
-- annual_rows was designed).
SELECT x.series, y.year, annual(x.s, y.year) AS total,
	   annual_growth_pct(x.s, y.year) AS growth_pct,
	   attainment_pct(x.s, y.year, t.target) AS attainment_pct
FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x
CROSS JOIN generate_series(2011, 2020) AS y(year)
LEFT JOIN targets t ON t.series = x.series AND t.year = y.year;

-- name: r1_store
-- R1 read from the store that series_store keeps current (m_store, over
-- load_store: the same rows as m), with 1.0's accessors.
SELECT g.series, t.year, annual(g.s, t.year) AS total,
	   annual_growth_pct(g.s, t.year) AS growth_pct,
	   attainment_pct(g.s, t.year, t.target) AS attainment_pct
FROM m_store g JOIN targets t USING (series);

-- name: r1_store_rows
-- R1 read from the store, with annual_rows.
SELECT g.series, r.year, r.value AS total, r.growth_pct,
	   attainment_pct(r.value, t.target) AS attainment_pct
FROM m_store g
CROSS JOIN LATERAL annual_rows(g.s) r
LEFT JOIN targets t ON t.series = g.series AND t.year = r.year;

-- name: r2ly_ext
-- R2 with last year's value and year-to-date beside this year's (1.1's
-- series_rows(s, fy_start_month, method)).
SELECT x.series, r.*
FROM (SELECT series, series_agg(period, value) AS s FROM m GROUP BY series) x,
	 series_rows(x.s, 1, 'sum') r;

-- name: r2ly_out
-- r2ly_ext's rows, precomputed into a table: its own floor.
SELECT * FROM r2ly_out;

-- name: load_plain
-- A monthly load: one new month (20,000 rows) into a table of the same
-- rows as m with a primary key, then (untimed: only a block's first
-- statement is timed) the month removed again for the next round.
INSERT INTO load_plain SELECT * FROM load_rows;
DELETE FROM load_plain WHERE period = '2021-01-01';

-- name: load_store
-- The same load into an identical table (the same primary key) whose store
-- (m_store, series_store's triggers) is kept current.
INSERT INTO load_store SELECT * FROM load_rows;
DELETE FROM load_store WHERE period = '2021-01-01';

-- name: iip_scan
-- The bare scan of the product table.
SELECT product, sum(q) FROM p GROUP BY product;

-- name: iip_rebase
-- The IIP up to the products' indices (series_agg, rebase), counted: with
-- iip_total and iip_ext, where the IIP's time goes.
SELECT count(s) FROM (SELECT product, rebase(series_agg(period, q), 2015) AS s FROM p GROUP BY product) x;

-- name: iip_total
-- The IIP built up to the total (index_agg by industry, two-digit industry
-- and in total), counted; the four-digit industries are counted too, so that
-- they are materialized once, as in iip_ext, which reads them twice.
WITH prod AS (
	SELECT product, rebase(series_agg(period, q), 2015) AS s
	FROM p GROUP BY product),
ind4 AS (
	SELECT w.ind4, index_agg(x.s, w.weight) AS s
	FROM iip_products w LEFT JOIN prod x USING (product)
	GROUP BY w.ind4),
ind2 AS (
	SELECT i.ind2, index_agg(x.s, i.va) AS s
	FROM iip_ind4 i LEFT JOIN ind4 x USING (ind4)
	GROUP BY i.ind2)
SELECT count(s) FROM (SELECT index_agg(x.s, i.va) AS s FROM iip_ind2 i LEFT JOIN ind2 x USING (ind2)) t
UNION ALL
SELECT count(s) FROM ind4;

-- name: iip_ext
-- The IIP with the extension: one row per four-digit industry and month.
WITH prod AS (
	SELECT product, rebase(series_agg(period, q), 2015) AS s
	FROM p GROUP BY product),
ind4 AS (
	SELECT w.ind4, index_agg(x.s, w.weight) AS s
	FROM iip_products w LEFT JOIN prod x USING (product)
	GROUP BY w.ind4),
ind2 AS (
	SELECT i.ind2, index_agg(x.s, i.va) AS s
	FROM iip_ind4 i LEFT JOIN ind4 x USING (ind4)
	GROUP BY i.ind2),
iip AS (
	SELECT index_agg(x.s, i.va) AS s
	FROM iip_ind2 i LEFT JOIN ind2 x USING (ind2))
SELECT i.ind4, c.period,
	   value_at(x.s, c.period) AS index,
	   value_at(t.s, c.period) AS iip,
	   yoy_pct(t.s, c.period) AS iip_yoy_pct,
	   contribution_pp(x.s, i.va / (SELECT sum(va) FROM iip_ind4), t.s, c.period) AS contribution_pp
FROM iip t
CROSS JOIN LATERAL (SELECT g::date AS period
					FROM generate_series(first_month(t.s), last_month(t.s), interval '1 month') g) c
CROSS JOIN iip_ind4 i
LEFT JOIN ind4 x USING (ind4);

-- name: iip_sql
-- The IIP in plain SQL, gap-safe: a product's index needs a complete base
-- year, and an industry's month needs every component with weight > 0
-- (count(x) = the number of components); growth and contributions join on
-- the calendar month a year earlier.
WITH base AS (
	SELECT product, avg(q) AS base
	FROM p
	WHERE period BETWEEN '2015-01-01' AND '2015-12-01'
	GROUP BY product
	HAVING count(q) = 12 AND avg(q) > 0),
ind4 AS (
	SELECT w.ind4, p.period,
		   CASE WHEN count(p.q * 100 / b.base) = n.products
				THEN sum(w.weight * (p.q * 100 / b.base)) / sum(w.weight) END AS idx
	FROM p
	JOIN iip_products w USING (product)
	LEFT JOIN base b USING (product)
	JOIN (SELECT ind4, count(*) AS products FROM iip_products WHERE weight > 0 GROUP BY ind4) n
		USING (ind4)
	WHERE w.weight > 0
	GROUP BY w.ind4, p.period, n.products),
ind2 AS (
	SELECT i.ind2, x.period,
		   CASE WHEN count(x.idx) = n.industries THEN sum(i.va * x.idx) / sum(i.va) END AS idx
	FROM ind4 x
	JOIN iip_ind4 i USING (ind4)
	JOIN (SELECT ind2, count(*) AS industries FROM iip_ind4 WHERE va > 0 GROUP BY ind2) n
		USING (ind2)
	WHERE i.va > 0
	GROUP BY i.ind2, x.period, n.industries),
iip AS (
	SELECT x.period,
		   CASE WHEN count(x.idx) = (SELECT count(*) FROM iip_ind2 WHERE va > 0)
				THEN sum(i.va * x.idx) / sum(i.va) END AS idx
	FROM ind2 x
	JOIN iip_ind2 i USING (ind2)
	WHERE i.va > 0
	GROUP BY x.period)
SELECT i.ind4, c.period, x.idx AS index, t.idx AS iip,
	   (t.idx - ty.idx) / nullif(abs(ty.idx), 0) * 100 AS iip_yoy_pct,
	   i.va / (SELECT sum(va) FROM iip_ind4) * (x.idx - xy.idx) / nullif(abs(ty.idx), 0) * 100
		   AS contribution_pp
FROM (SELECT g::date AS period
	  FROM generate_series((SELECT min(period) FROM iip), (SELECT max(period) FROM iip),
						   interval '1 month') g) c
CROSS JOIN iip_ind4 i
LEFT JOIN ind4 x ON x.ind4 = i.ind4 AND x.period = c.period
LEFT JOIN ind4 xy ON xy.ind4 = i.ind4 AND xy.period = (c.period - interval '1 year')::date
LEFT JOIN iip t ON t.period = c.period
LEFT JOIN iip ty ON ty.period = (c.period - interval '1 year')::date;
