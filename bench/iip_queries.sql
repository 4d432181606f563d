-- The IIP benchmark's queries (bench/iip.sh), one per block as in
-- bench/queries.sql.  Both reports return, for every four-digit industry
-- and month, its index, its year-on-year growth and its contribution in
-- percentage points to the total's year-on-year growth (4,800 rows), and
-- the total's index and growth (120 rows).

-- name: scan
-- The bare scan of the product table.
SELECT product, sum(qty) FROM prod GROUP BY product;

-- name: iip_ext
-- With the extension: series_agg -> rebase -> index_agg by industry ->
-- index_agg of the industries -> yoy_pct and contribution_pp.
WITH ind AS (
	SELECT pr.industry, sum(pr.weight) AS w, index_agg(rebase(p.s, 2011), pr.weight) AS idx
	FROM (SELECT product, series_agg(period, qty) AS s FROM prod GROUP BY product) p
	JOIN products pr USING (product)
	GROUP BY pr.industry),
tot AS (SELECT sum(w) AS w, index_agg(idx, w) AS idx FROM ind),
months AS (SELECT make_date(2011 + i / 12, i % 12 + 1, 1) AS period FROM generate_series(0, 119) i)
SELECT ind.industry, m.period, value_at(ind.idx, m.period) AS index, yoy_pct(ind.idx, m.period) AS yoy_pct,
	   contribution_pp(ind.idx, ind.w / tot.w, tot.idx, m.period) AS yoy_pp
FROM ind, tot, months m
UNION ALL
SELECT NULL, m.period, value_at(tot.idx, m.period), yoy_pct(tot.idx, m.period), NULL
FROM tot, months m;

-- name: iip_sql
-- In plain SQL, gap-safe: base-year averages only for products with all
-- twelve base months; an industry's month only when all its products have
-- it, the total's only when all industries have it; comparisons by
-- calendar month, never by row.
WITH base AS (
	SELECT product, avg(qty) AS base
	FROM prod WHERE period >= date '2011-01-01' AND period < date '2012-01-01'
	GROUP BY product HAVING count(qty) = 12),
industry_weight AS (
	SELECT industry, sum(weight) AS w, count(*) AS products FROM products GROUP BY industry),
ind AS (
	SELECT pr.industry, p.period,
		   sum(pr.weight * (p.qty / b.base * 100)::float8) / min(iw.w) AS idx,
		   count(*) = min(iw.products) AS complete
	FROM prod p JOIN base b USING (product) JOIN products pr USING (product)
	JOIN industry_weight iw USING (industry)
	WHERE p.qty IS NOT NULL
	GROUP BY pr.industry, p.period),
tot AS (
	SELECT i.period, sum(iw.w * i.idx) / (SELECT sum(w) FROM industry_weight) AS idx
	FROM ind i JOIN industry_weight iw USING (industry)
	WHERE i.complete
	GROUP BY i.period HAVING count(*) = (SELECT count(*) FROM industry_weight))
SELECT i.industry, i.period, i.idx AS index,
	   CASE WHEN p.idx <> 0 THEN (i.idx - p.idx) / abs(p.idx) * 100 END AS yoy_pct,
	   CASE WHEN tp.idx <> 0 THEN iw.w / (SELECT sum(w) FROM industry_weight) * (i.idx - p.idx) / abs(tp.idx) * 100 END AS yoy_pp
FROM ind i
JOIN industry_weight iw USING (industry)
LEFT JOIN ind p ON p.industry = i.industry AND p.period = (i.period - interval '1 year')::date AND p.complete
LEFT JOIN tot tp ON tp.period = (i.period - interval '1 year')::date
WHERE i.complete
UNION ALL
SELECT NULL, t.period, t.idx, CASE WHEN p.idx <> 0 THEN (t.idx - p.idx) / abs(p.idx) * 100 END, NULL
FROM tot t LEFT JOIN tot p ON p.period = (t.period - interval '1 year')::date;
