-- report/report.sql: the indicator report, run by report/run.sh.
--
-- Part 1 reproduces the figures of a real provincial report (Thanh Hoa
-- province, Department of Industry and Trade, review of 2021, published in
-- Vietnamese): the values it states, the values it only
-- implies, and whether its percentages follow from its own figures.
-- Part 2 is the same kind of report month by month, from a real monthly
-- series (Australian gas production, 1956-01 .. 1995-08).  Part 3 is the
-- index of industrial production (IIP) built from real monthly series as
-- products, with illustrative weights: by industry and in total, its growth,
-- and each industry's contribution to it.
-- Part 4 gives the quarter, half-year, nine-month and Jan+Feb figures a
-- department publishes (value, growth on the same period of the year before,
-- progress against the year's plan) from the monthly series of part 2, the
-- same series converted to quarters, and a series that exists only by
-- quarter (UK gas consumption, 1960-Q1 .. 1986-Q4).
--
-- Run from the repository root: psql -X -v ON_ERROR_STOP=1 -f report/report.sql

\set QUIET on
\pset footer off
\pset null '-'
SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS indicator;

\echo
\echo '=============================================================================='
\echo ' PART 1. Thanh Hoa province, Department of Industry and Trade: 2021 review'
\echo '=============================================================================='
\echo 'A "-" in a table is NULL: a figure that is not defined (the IIP has no plan).'
\echo

-- The figures the article states, and the percentages it states about them.
-- "derivation" says how a value the article only implies was computed.
CREATE TEMP TABLE article_figures (
	indicator	text NOT NULL,
	unit		text NOT NULL,
	year		integer NOT NULL,
	measure		text NOT NULL CHECK (measure IN ('actual', 'plan')),
	value		numeric NOT NULL,
	source		text NOT NULL,
	derivation	text,
	PRIMARY KEY (indicator, year, measure)
);

CREATE TEMP TABLE article_claims (
	indicator	text NOT NULL,
	year		integer NOT NULL,
	claim		text NOT NULL CHECK (claim IN ('growth', 'exceeded plan by', 'of plan')),
	stated_pct	numeric NOT NULL,
	PRIMARY KEY (indicator, year, claim)
);

INSERT INTO article_figures (indicator, unit, year, measure, value, source) VALUES
	('IIP',             'index',   2020, 'actual',    100, 'index base (2020 = 100)'),
	('Exports',         'mn USD',  2021, 'actual',   5339, 'article'),
	('Exports',         'mn USD',  2022, 'plan',     5700, 'article (2022 target)'),
	('Retail+services', 'bn VND',  2021, 'actual', 133557, 'article (an estimate)'),
	('Retail+services', 'bn VND',  2022, 'plan',   145000, 'article (2022 target)');

INSERT INTO article_claims VALUES
	('IIP',             2021, 'growth',           16.93),
	('Exports',         2021, 'growth',           42.7),
	('Exports',         2021, 'exceeded plan by', 33.5),
	('Retail+services', 2021, 'growth',           18),
	('Retail+services', 2021, 'of plan',          106.8),
	-- the 2022 targets: "+1.9% on 2021" and "+8.6% on 2021"
	('Exports',         2022, 'growth',           1.9),
	('Retail+services', 2022, 'growth',           8.6);

-- The values the article only implies, from its 2021 percentages: the 2020
-- value from the growth, the 2021 plan from the attainment.
INSERT INTO article_figures
SELECT f.indicator, f.unit,
	   CASE c.claim WHEN 'growth' THEN f.year - 1 ELSE f.year END,
	   CASE c.claim WHEN 'growth' THEN 'actual' ELSE 'plan' END,
	   implied_base(f.value, d.pct),
	   'derived from the article''s percentages',
	   format('implied_base(%s, %s)', f.value, d.pct_text)
FROM article_figures f
JOIN article_claims c USING (indicator, year)
CROSS JOIN LATERAL (
	SELECT CASE c.claim WHEN 'of plan' THEN c.stated_pct - 100 ELSE c.stated_pct END,
		   CASE c.claim WHEN 'of plan' THEN format('%s - 100', c.stated_pct)
			   ELSE c.stated_pct::text END
) AS d(pct, pct_text)
WHERE f.measure = 'actual' AND f.year = 2021 AND f.indicator <> 'IIP';

-- The IIP has no level in the article: as an index, 2020 = 100 and 2021 = 116.93.
INSERT INTO article_figures
SELECT f.indicator, f.unit, 2021, 'actual', trim_scale(f.value * (1 + c.stated_pct / 100)),
	   'derived from the article''s percentages',
	   format('%s * (1 + %s / 100)', f.value, c.stated_pct)
FROM article_figures f
JOIN article_claims c ON c.indicator = f.indicator AND c.year = 2021 AND c.claim = 'growth'
WHERE f.indicator = 'IIP' AND f.year = 2020;

\echo 'The figures: stated by the article, or derived from its percentages.'
\echo 'Exports in million USD, retail sales of goods and consumer-service revenue in'
\echo 'billion VND, IIP (index of industrial production) as an index, 2020 = 100.'
SELECT indicator, unit, year, measure, round(value, 1) AS value, source
FROM article_figures
ORDER BY indicator, year, measure;

\echo 'How the derived values were computed (unrounded):'
SELECT indicator, year, measure, derivation, value
FROM article_figures
WHERE derivation IS NOT NULL
ORDER BY indicator, year, measure;

\echo '2021 against 2020 and against the 2021 plan'
\echo '(growth_pct, attainment_pct, exceed_pct; rounded to 1 decimal)'
SELECT a.indicator,
	   round(a.value, 1) AS "2021",
	   round(prev.value, 1) AS "2020",
	   round(growth_pct(a.value, prev.value)::numeric, 1) AS "growth %",
	   round(plan.value, 1) AS "2021 plan",
	   round(attainment_pct(a.value, plan.value)::numeric, 1) AS "of plan %",
	   round(exceed_pct(a.value, plan.value)::numeric, 1) AS "exceeded by %"
FROM article_figures a
LEFT JOIN article_figures prev
	ON prev.indicator = a.indicator AND prev.year = a.year - 1 AND prev.measure = 'actual'
LEFT JOIN article_figures plan
	ON plan.indicator = a.indicator AND plan.year = a.year AND plan.measure = 'plan'
WHERE a.year = 2021 AND a.measure = 'actual'
ORDER BY a.indicator;

\echo '2022 targets: the gap from 2021 and the growth they imply'
\echo '(target_gap, required_growth_pct; check: does the stated growth follow?)'
SELECT a.indicator,
	   round(a.value, 1) AS "2021",
	   round(t.value, 1) AS target,
	   round(target_gap(a.value, t.value), 1) AS target_gap,
	   round(required_growth_pct(a.value, t.value)::numeric, 1) AS "required %",
	   c.stated_pct AS "stated %",
	   CASE
		   WHEN round(required_growth_pct(a.value, t.value)::numeric, scale(c.stated_pct))
				= c.stated_pct THEN 'yes'
		   ELSE format('NO (figures: %s%%)',
					   to_char(required_growth_pct(a.value, t.value), 'FMSG990.0'))
	   END AS "check"
FROM article_figures a
JOIN article_figures t
	ON t.indicator = a.indicator AND t.year = a.year + 1 AND t.measure = 'plan'
LEFT JOIN article_claims c
	ON c.indicator = a.indicator AND c.year = t.year AND c.claim = 'growth'
WHERE a.year = 2021 AND a.measure = 'actual'
ORDER BY a.indicator;

\echo 'Every percentage the article states, recomputed from the figures'
\echo '(to the article''s own number of decimals)'
SELECT c.indicator, c.year, c.claim, c.stated_pct AS "stated %",
	   round(r.pct::numeric, scale(c.stated_pct)) AS "from figures %",
	   CASE
		   WHEN round(r.pct::numeric, scale(c.stated_pct)) <> c.stated_pct THEN 'NO'
		   WHEN base.derivation IS NOT NULL OR cur.derivation IS NOT NULL
			   THEN 'yes, by construction'
		   ELSE 'yes'
	   END AS "follows?"
FROM article_claims c
-- the figure the claim is about: the year's actual value, or its target
CROSS JOIN LATERAL (
	SELECT f.value, f.derivation FROM article_figures f
	WHERE f.indicator = c.indicator AND f.year = c.year
	ORDER BY f.measure = 'actual' DESC
	LIMIT 1
) AS cur
-- what it is compared with: last year's actual value, or this year's plan
JOIN article_figures base
	ON base.indicator = c.indicator
	AND (c.claim = 'growth' AND base.year = c.year - 1 AND base.measure = 'actual'
		 OR c.claim <> 'growth' AND base.year = c.year AND base.measure = 'plan')
CROSS JOIN LATERAL (
	SELECT CASE c.claim
			   WHEN 'growth' THEN growth_pct(cur.value, base.value)
			   WHEN 'exceeded plan by' THEN exceed_pct(cur.value, base.value)
			   WHEN 'of plan' THEN attainment_pct(cur.value, base.value)
		   END
) AS r(pct)
ORDER BY c.year, c.indicator, c.claim;
\echo '"by construction": one of the two figures was derived from this percentage,'
\echo 'so only the 2022 targets, both stated, are a real check: 5,700 / 5,339 is +6.8%.'

-- The sentences of the article, worded from the figures above by
-- growth_phrase and attainment_phrase: growth to the article's own number of
-- decimals, attainment to one.
CREATE TEMP TABLE article_wording (
	indicator	text PRIMARY KEY,
	name_vi		text NOT NULL,
	unit_vi		text,
	name_en		text NOT NULL
);
INSERT INTO article_wording VALUES
	('IIP',             'Chỉ số sản xuất công nghiệp (IIP)', NULL, 'The index of industrial production (IIP)'),
	('Exports',         'Kim ngạch xuất khẩu hàng hóa', 'triệu USD', 'Exports of goods'),
	('Retail+services', 'Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng', 'tỷ đồng',
	 'Retail sales of goods and consumer-service revenue');

\echo
\echo 'The 2021 results as the article words them, from the figures'
\echo '(growth_phrase and attainment_phrase, in Vietnamese and in English):'
\echo
\pset format unaligned
\pset tuples_only on
SELECT format('  %s%s %s %s%s.', w.name_vi,
			  CASE WHEN a.unit = 'index' THEN ''
				   ELSE format(' đạt %s %s,', replace(to_char(a.value, 'FM999,999,999'), ',', '.'), w.unit_vi) END,
			  growth_phrase(g.pct, 'vi', scale(c.stated_pct)::int), 'so với cùng kỳ',
			  coalesce(', ' || attainment_phrase(p.pct, 'vi'), ''))
	   || E'\n'
	   || format('  %s:%s %s on 2020%s.', w.name_en,
				 CASE WHEN a.unit = 'index' THEN ''
					  ELSE format(' %s %s,', to_char(a.value, 'FM999,999,999'), a.unit) END,
				 growth_phrase(g.pct, 'en', scale(c.stated_pct)::int),
				 coalesce(', ' || attainment_phrase(p.pct, 'en'), ''))
	   || E'\n'
FROM article_figures a
JOIN article_wording w USING (indicator)
JOIN article_claims c ON c.indicator = a.indicator AND c.year = a.year AND c.claim = 'growth'
JOIN article_figures prev
	ON prev.indicator = a.indicator AND prev.year = a.year - 1 AND prev.measure = 'actual'
LEFT JOIN article_figures plan
	ON plan.indicator = a.indicator AND plan.year = a.year AND plan.measure = 'plan'
CROSS JOIN LATERAL (SELECT growth_pct(a.value, prev.value)) AS g(pct)
CROSS JOIN LATERAL (SELECT attainment_pct(a.value, plan.value)) AS p(pct)
WHERE a.year = 2021 AND a.measure = 'actual'
ORDER BY a.indicator = 'IIP' DESC, a.indicator;
\pset format aligned
\pset tuples_only off

\echo
\echo '=============================================================================='
\echo ' PART 2. Monthly report from a real series: Australian gas production'
\echo '=============================================================================='

CREATE TEMP TABLE gas_monthly (
	series		text NOT NULL,
	period		date NOT NULL,
	value		numeric,
	PRIMARY KEY (series, period)
);
\copy gas_monthly FROM '../shared/data/real/forecast_gas.csv' WITH (FORMAT csv, HEADER)

-- Step 1: one indicator_series per series.  Step 2: ask it questions.
CREATE TEMP TABLE gas AS
SELECT series, series_agg(period, value) AS s
FROM gas_monthly
GROUP BY series;

\echo 'The series, built with series_agg(period, value) from'
\echo '../shared/data/real/forecast_gas.csv (monthly, Australian Bureau of Statistics):'
SELECT series, first_month(s), last_month(s), month_count(s), missing_months(s)
FROM gas;

-- The latest (incomplete) year, the year before it, and the ILLUSTRATIVE plan.
SELECT fiscal_year(last_month(s)) AS cur_year,
	   fiscal_year(last_month(s)) - 1 AS prev_year,
	   to_char(last_month(s), 'FMMonth') AS last_month_name,
	   annual(s, fiscal_year(last_month(s)) - 1) AS prev_total,
	   annual(s, fiscal_year(last_month(s)) - 1) * 1.05 AS plan
FROM gas
WHERE series = 'au_gas_production'
\gset

\echo 'Monthly report,' :cur_year '(January to' :last_month_name 'are published): value_at,'
\echo 'yoy_pct, ytd and ytd_growth_pct (YTD against the same months of' :prev_year 'taken together)'
SELECT to_char(m, 'YYYY-MM') AS month,
	   value_at(s, m) AS value,
	   round(yoy_pct(s, m)::numeric, 1) AS "yoy %",
	   ytd(s, m) AS ytd,
	   round(ytd_growth_pct(s, m)::numeric, 1) AS "ytd growth %"
FROM gas
CROSS JOIN LATERAL generate_series(make_date(:cur_year, 1, 1), last_month(s),
								   interval '1 month') AS g(t)
CROSS JOIN LATERAL (SELECT g.t::date) AS mm(m)
WHERE series = 'au_gas_production'
ORDER BY m;

\echo 'Against an ILLUSTRATIVE plan: the data contain no plan, so the plan is'
\echo :prev_year 'total x 1.05 =' :prev_total 'x 1.05 =' :plan
\echo 'ytd % of plan: ytd_attainment_pct;  expected %: expected_ytd_share_pct, the share'
\echo 'of its total that' :prev_year 'had reached by the same month;  required/month:'
\echo 'required_monthly, what each remaining month must bring;  required growth %:'
\echo 'required_growth_rest_pct, against the same remaining months of' :prev_year
SELECT to_char(m, 'YYYY-MM') AS month,
	   round(:plan, 1) AS "plan (illustrative)",
	   round(ytd_attainment_pct(s, m, :plan)::numeric, 1) AS "ytd % of plan",
	   round(expected_ytd_share_pct(s, m)::numeric, 1) AS "expected %",
	   round(required_monthly(s, m, :plan), 1) AS "required/month",
	   round(required_growth_rest_pct(s, m, :plan)::numeric, 1) AS "required growth %"
FROM gas
CROSS JOIN LATERAL generate_series(make_date(:cur_year, 1, 1), last_month(s),
								   interval '1 month') AS g(t)
CROSS JOIN LATERAL (SELECT g.t::date) AS mm(m)
WHERE series = 'au_gas_production'
ORDER BY m;

\echo 'Where' :cur_year 'will land (projected_annual): seasonal = ytd x (the' :prev_year 'total'
\echo '/' :prev_year 'ytd to the same month); run_rate = ytd x 12 / months elapsed. Each'
\echo 'also as a percentage of the illustrative plan (attainment_pct).'
SELECT to_char(m, 'YYYY-MM') AS month,
	   ytd(s, m) AS ytd,
	   round(p.seasonal, 1) AS seasonal,
	   round(attainment_pct(p.seasonal, :plan)::numeric, 1) AS "seasonal % of plan",
	   round(p.run_rate, 1) AS run_rate,
	   round(attainment_pct(p.run_rate, :plan)::numeric, 1) AS "run_rate % of plan"
FROM gas
CROSS JOIN LATERAL generate_series(make_date(:cur_year, 1, 1), last_month(s),
								   interval '1 month') AS g(t)
CROSS JOIN LATERAL (SELECT g.t::date) AS mm(m)
CROSS JOIN LATERAL (
	SELECT projected_annual(s, m, 'seasonal'), projected_annual(s, m, 'run_rate')
) AS p(seasonal, run_rate)
WHERE series = 'au_gas_production'
ORDER BY m;

\echo 'Yearly summary, the last five complete years (annual, annual_growth_pct,'
\echo 'attainment_pct) against an ILLUSTRATIVE plan: the previous year x 1.05'
SELECT y AS year,
	   annual(s, y) AS annual,
	   round(annual_growth_pct(s, y)::numeric, 1) AS "growth %",
	   round(annual(s, y - 1) * 1.05, 1) AS "plan (illustrative)",
	   round(attainment_pct(s, y, annual(s, y - 1) * 1.05)::numeric, 1) AS "of plan %"
FROM gas
CROSS JOIN LATERAL (
	SELECT y
	FROM generate_series(fiscal_year(first_month(s)), fiscal_year(last_month(s))) AS y
	WHERE annual(s, y) IS NOT NULL
	ORDER BY y DESC
	LIMIT 5
) AS years
WHERE series = 'au_gas_production'
ORDER BY y;
SELECT format('%s is not complete (%s months): annual(s, %s) is %s, not a partial sum.',
			  :cur_year, month_count, :cur_year, coalesce(annual::text, 'NULL')) AS note
FROM gas
CROSS JOIN LATERAL (
	SELECT count(value), annual(s, :cur_year)
	FROM gas_monthly m
	WHERE m.series = gas.series AND fiscal_year(m.period) = :cur_year
) AS y(month_count, annual)
WHERE series = 'au_gas_production'
\gset
\echo :note

\echo
\echo '=============================================================================='
\echo ' PART 3. The index of industrial production (IIP), from real monthly series'
\echo '=============================================================================='
\echo 'Products: the 14 monthly series of'
\echo '../shared/data/real/vega_unemployment_across_industries.csv (US BLS, unemployed'
\echo 'persons by industry, thousands, 2000-01 .. 2010-02) stand in for the monthly'
\echo 'quantities of 14 products.  Their grouping into four industries and every weight'
\echo 'below are ILLUSTRATIVE: the data contain no weights.'
\echo

-- The other monthly files (gas 1956-1995, Dutch retail sales 1960-1995) end
-- before these series start, so they cannot share a base year with them.
CREATE TEMP TABLE iip_quantities (
	product		text NOT NULL,
	period		date NOT NULL,
	quantity	numeric,
	PRIMARY KEY (product, period)
);
\copy iip_quantities FROM '../shared/data/real/vega_unemployment_across_industries.csv' WITH (FORMAT csv, HEADER)

-- ILLUSTRATIVE weights: a product's weight is its output value in the base
-- year, an industry's its value added in the base year (any unit: only the
-- shares matter).
CREATE TEMP TABLE iip_industries (
	industry	text PRIMARY KEY,
	value_added	float8 NOT NULL
);
INSERT INTO iip_industries VALUES
	('Goods',              900),
	('Trade, transport',   500),
	('Finance, business',  350),
	('Public, personal',   250);

CREATE TEMP TABLE iip_products (
	product		text PRIMARY KEY,
	industry	text NOT NULL REFERENCES iip_industries,
	output_value float8 NOT NULL
);
INSERT INTO iip_products VALUES
	('Agriculture',                  'Goods',             320),
	('Mining and Extraction',        'Goods',             150),
	('Construction',                 'Goods',             410),
	('Manufacturing',                'Goods',            1250),
	('Wholesale and Retail Trade',   'Trade, transport',  640),
	('Transportation and Utilities', 'Trade, transport',  380),
	('Information',                  'Trade, transport',  210),
	('Finance',                      'Finance, business', 290),
	('Business services',            'Finance, business', 360),
	('Self-employed',                'Finance, business',  90),
	('Education and Health',         'Public, personal',  300),
	('Government',                   'Public, personal',  260),
	('Leisure and hospitality',      'Public, personal',  180),
	('Other',                        'Public, personal',   70);

-- The base year: one that every product covers completely (rebase gives
-- NULL for a product whose base year is incomplete, and index_agg then
-- makes its industry missing in every month rather than drop it silently).
\set iip_base 2005

-- Step 1: each product's index, its quantities against the monthly average
-- of the base year (x 100): series_agg, then rebase.
CREATE TEMP TABLE iip_product_index AS
SELECT p.product, p.industry, p.output_value,
	   rebase(series_agg(q.period, q.quantity), :iip_base) AS idx
FROM iip_quantities q
JOIN iip_products p USING (product)
GROUP BY p.product, p.industry, p.output_value;

-- Step 2: each industry's index, the mean of its products' indices weighted
-- by output value: index_agg.
CREATE TEMP TABLE iip_industry_index AS
SELECT industry, index_agg(idx, output_value) AS idx
FROM iip_product_index
GROUP BY industry;

-- Step 3: the IIP, the mean of the industries' indices weighted by value
-- added: index_agg again.  Each industry's share of the value added is the
-- weight_share of its contribution to the IIP's growth.
CREATE TEMP TABLE iip_total AS
SELECT index_agg(i.idx, w.value_added) AS idx
FROM iip_industry_index i
JOIN iip_industries w USING (industry);

CREATE TEMP VIEW iip_share AS
SELECT industry, value_added, value_added / sum(value_added) OVER () AS share
FROM iip_industries;

SELECT last_month(idx) AS iip_last,
	   to_char(last_month(idx), 'YYYY-MM') AS iip_last_label,
	   (last_month(idx) - interval '11 months')::date AS iip_from
FROM iip_total
\gset

\echo 'The products: output value in' :iip_base '(ILLUSTRATIVE), the average quantity of'
\echo :iip_base '(the base of rebase(s, base_year)), and each product''s index in' :iip_last_label
SELECT p.industry, p.product,
	   p.output_value AS "output value",
	   round((p.output_value / sum(p.output_value) OVER (PARTITION BY p.industry) * 100)::numeric, 1)
		   AS "% of industry",
	   round(b.base_avg, 1) AS "avg quantity",
	   round(value_at(x.idx, :'iip_last'), 1) AS "index"
FROM iip_products p
JOIN iip_product_index x USING (product)
CROSS JOIN LATERAL (
	SELECT annual(series_agg(q.period, q.quantity), :iip_base, 'avg')
	FROM iip_quantities q
	WHERE q.product = p.product
) AS b(base_avg)
ORDER BY p.industry, p.product;

\echo 'The IIP by industry (index_agg of the products'' indices by output value) and in'
\echo 'total (index_agg of the industries'' indices by value added, ILLUSTRATIVE shares'
\echo 'in the header),' :iip_base '= 100, the last 12 months:'
SELECT to_char(m, 'YYYY-MM') AS month,
	   format('%s (%s%%)', i.industry, round((s.share * 100)::numeric, 1)) AS industry,
	   to_char(value_at(i.idx, m), 'FM990.0') AS index,
	   1 AS ord
FROM iip_industry_index i
JOIN iip_share s USING (industry)
CROSS JOIN generate_series(:'iip_from'::date, :'iip_last', interval '1 month') AS g(t)
CROSS JOIN LATERAL (SELECT g.t::date) AS mm(m)
UNION ALL
SELECT to_char(m, 'YYYY-MM'), 'IIP', to_char(value_at(t.idx, m), 'FM990.0'), 2
FROM iip_total t
CROSS JOIN generate_series(:'iip_from'::date, :'iip_last', interval '1 month') AS g(t)
CROSS JOIN LATERAL (SELECT g.t::date) AS mm(m)
ORDER BY ord, industry, month
\crosstabview month industry index

\echo 'Growth of the IIP: on the month (mom_pct), on the same month of last year'
\echo '(yoy_pct) and year-to-date (ytd_growth_pct: the months of the year so far against'
\echo 'the same months of last year), with the industries'' contributions summed: each is'
\echo 'contribution_pp(industry index, its share of value added, IIP, month, lag), in'
\echo 'percentage points; "adds up" compares the unrounded sum with the growth (1e-9).'
SELECT to_char(m, 'YYYY-MM') AS month,
	   round(value_at(t.idx, m), 1) AS "IIP",
	   round(mom_pct(t.idx, m)::numeric, 2) AS "mom %",
	   round(c.mom_pp::numeric, 2) AS "sum mom pp",
	   round(yoy_pct(t.idx, m)::numeric, 2) AS "yoy %",
	   round(c.yoy_pp::numeric, 2) AS "sum yoy pp",
	   round(ytd_growth_pct(t.idx, m)::numeric, 2) AS "ytd %",
	   CASE WHEN abs(c.mom_pp - mom_pct(t.idx, m)) < 1e-9
				 AND abs(c.yoy_pp - yoy_pct(t.idx, m)) < 1e-9 THEN 'yes' ELSE 'NO' END AS "adds up"
FROM iip_total t
CROSS JOIN generate_series(:'iip_from'::date, :'iip_last', interval '1 month') AS g(t)
CROSS JOIN LATERAL (SELECT g.t::date) AS mm(m)
CROSS JOIN LATERAL (
	SELECT sum(contribution_pp(i.idx, s.share, t.idx, m, 1)),
		   sum(contribution_pp(i.idx, s.share, t.idx, m, 12))
	FROM iip_industry_index i
	JOIN iip_share s USING (industry)
) AS c(mom_pp, yoy_pp)
ORDER BY m;

\echo 'Which industries drove the IIP in' :iip_last_label': each industry''s index and growth,'
\echo 'and its contribution to the IIP''s growth in percentage points (contribution_pp,'
\echo 'weight_share = its share of value added); the last line is the IIP, with the sum of'
\echo 'the contributions in the "pp" columns.'
CREATE TEMP VIEW iip_latest AS
SELECT i.industry, s.share,
	   value_at(i.idx, :'iip_last') AS idx_value,
	   mom_pct(i.idx, :'iip_last') AS mom,
	   contribution_pp(i.idx, s.share, t.idx, :'iip_last', 1) AS mom_pp,
	   yoy_pct(i.idx, :'iip_last') AS yoy,
	   contribution_pp(i.idx, s.share, t.idx, :'iip_last', 12) AS yoy_pp,
	   ytd_growth_pct(i.idx, :'iip_last') AS ytd
FROM iip_industry_index i
JOIN iip_share s USING (industry)
CROSS JOIN iip_total t;

SELECT industry, "share %", index, "mom %", "mom pp", "yoy %", "yoy pp", "ytd %"
FROM (
	SELECT industry, round((share * 100)::numeric, 1) AS "share %", round(idx_value, 1) AS index,
		   round(mom::numeric, 2) AS "mom %", round(mom_pp::numeric, 2) AS "mom pp",
		   round(yoy::numeric, 2) AS "yoy %", round(yoy_pp::numeric, 2) AS "yoy pp",
		   round(ytd::numeric, 2) AS "ytd %", 1 AS ord
	FROM iip_latest
	UNION ALL
	SELECT 'IIP', 100.0, round(value_at(t.idx, :'iip_last'), 1),
		   round(mom_pct(t.idx, :'iip_last')::numeric, 2), round(c.mom_pp::numeric, 2),
		   round(yoy_pct(t.idx, :'iip_last')::numeric, 2), round(c.yoy_pp::numeric, 2),
		   round(ytd_growth_pct(t.idx, :'iip_last')::numeric, 2), 2
	FROM iip_total t
	CROSS JOIN (SELECT sum(mom_pp), sum(yoy_pp) FROM iip_latest) AS c(mom_pp, yoy_pp)
) AS r
ORDER BY ord, industry;

SELECT format(E'The contributions add up: on the month %s pp = %s%%, on the same month of\nlast year %s pp = %s%% (the unrounded sums equal the growth to 1e-9: %s).',
			  to_char(c.mom_pp, 'FMSG990.00'), to_char(mom_pct(t.idx, :'iip_last'), 'FMSG990.00'),
			  to_char(c.yoy_pp, 'FMSG990.00'), to_char(yoy_pct(t.idx, :'iip_last'), 'FMSG990.00'),
			  CASE WHEN abs(c.mom_pp - mom_pct(t.idx, :'iip_last')) < 1e-9
						AND abs(c.yoy_pp - yoy_pct(t.idx, :'iip_last')) < 1e-9 THEN 'yes' ELSE 'NO' END)
		   AS note
FROM iip_total t
CROSS JOIN (SELECT sum(mom_pp), sum(yoy_pp) FROM iip_latest) AS c(mom_pp, yoy_pp)
\gset
\echo :note
\echo
\echo 'The IIP year by year: the average of the months (annual ''avg'') and its growth'
\echo '(annual_growth_pct ''avg''), for the complete years'
SELECT y AS year,
	   round(annual(idx, y, 'avg'), 1) AS "IIP (avg)",
	   round(annual_growth_pct(idx, y, 'avg')::numeric, 1) AS "growth %"
FROM iip_total
CROSS JOIN generate_series(fiscal_year(first_month(idx)), fiscal_year(last_month(idx))) AS y
WHERE annual(idx, y, 'avg') IS NOT NULL
ORDER BY y;

\echo
\echo '=============================================================================='
\echo ' PART 4. Quarters, halves and nine months'
\echo '=============================================================================='
\echo 'Departments publish by quarter ("quý II"), half year ("6 tháng"), nine months'
\echo '("9 tháng") and Jan+Feb together (Tết moves between them). range_value sums any'
\echo 'run of periods, range_growth_pct compares it with the same run a year earlier;'
\echo 'both are NULL unless every month of both runs is published.'

-- An ILLUSTRATIVE plan kept month by month: each year's plan is the previous
-- year's months x 1.05 (a yearly plan spread by last year's seasonal profile).
CREATE TEMP TABLE gas_plan AS
SELECT series, series_agg((period + interval '1 year')::date, value * 1.05) AS p
FROM gas_monthly
GROUP BY series;

CREATE TEMP TABLE report_periods (label text, first_month int, last_month int, ord int);
INSERT INTO report_periods VALUES
	('Jan+Feb', 1, 2, 1), ('Q1', 1, 3, 2), ('Q2', 4, 6, 3), ('H1 (6 months)', 1, 6, 4),
	('Q3', 7, 9, 5), ('9 months', 1, 9, 6), ('Q4', 10, 12, 7), ('H2', 7, 12, 8),
	('Year', 1, 12, 9);

\echo
\echo 'Australian gas production (monthly, part 2), the periods of' :prev_year 'and' :cur_year
\echo '(January to' :last_month_name 'published). value: range_value; growth %: range_growth_pct'
\echo '(the same months a year earlier); plan: range_value of the ILLUSTRATIVE monthly plan'
\echo '(the year before x 1.05); of plan %: value / plan; of year plan %: value / the'
\echo 'year''s plan.'
SELECT y AS year, label AS period,
	   range_value(s, make_date(y, first_month, 1), make_date(y, last_month, 1)) AS value,
	   round(range_growth_pct(s, make_date(y, first_month, 1), make_date(y, last_month, 1))::numeric, 1) AS "growth %",
	   round(range_value(p, make_date(y, first_month, 1), make_date(y, last_month, 1)), 1) AS "plan (illustrative)",
	   round(range_value(s, make_date(y, first_month, 1), make_date(y, last_month, 1)) * 100 /
			 range_value(p, make_date(y, first_month, 1), make_date(y, last_month, 1)), 1) AS "of plan %",
	   round(range_value(s, make_date(y, first_month, 1), make_date(y, last_month, 1)) * 100 /
			 range_value(p, make_date(y, 1, 1), make_date(y, 12, 1)), 1) AS "of year plan %"
FROM gas JOIN gas_plan USING (series), report_periods,
	 generate_series(:prev_year, :cur_year) AS y
WHERE series = 'au_gas_production'
ORDER BY y, ord;
SELECT format('Year to date against the monthly plan (ytd_plan_attainment_pct): %s%% at the end of '
			  'June %s, the H1 row''s "of plan %%"; %s%% at the end of %s %s.',
			  round(ytd_plan_attainment_pct(s, make_date(:cur_year, 6, 1), p)::numeric, 1), :cur_year,
			  round(ytd_plan_attainment_pct(s, last_month(s), p)::numeric, 1), :'last_month_name', :cur_year) AS note
FROM gas JOIN gas_plan USING (series)
WHERE series = 'au_gas_production'
\gset
\echo :note
\echo 'Q3, 9 months, Q4, H2 and the year of' :cur_year 'are "-": their months are not all'
\echo 'published, and a range is never a sum of fewer months.'

\echo
\echo 'The same series as quarters (to_frequency(s, ''quarter'')), the last eight:'
\echo 'value_at, yoy_pct and pop_pct (on the previous quarter) of the quarterly series.'
\echo 'A quarter with a month missing is missing: Q3 of' :cur_year 'has July and August only.'
SELECT to_char(q, 'YYYY-"Q"Q') AS quarter,
	   value_at(sq, q) AS value,
	   round(yoy_pct(sq, q)::numeric, 1) AS "yoy %",
	   round(pop_pct(sq, q)::numeric, 1) AS "qoq %"
FROM (SELECT to_frequency(s, 'quarter') AS sq FROM gas WHERE series = 'au_gas_production') g,
	 LATERAL (SELECT g2::date AS q
			  FROM generate_series(last_month(sq) - interval '21 months', last_month(sq), interval '3 months') g2) qs
ORDER BY q;

-- A series that exists only by quarter.
CREATE TEMP TABLE ukgas_quarterly (series text, period date, value numeric);
\copy ukgas_quarterly FROM '../shared/data/real/r_ukgas_quarterly.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE ukgas AS
SELECT series, series_agg(period, value, 'quarter') AS s FROM ukgas_quarterly GROUP BY series;
SELECT fiscal_year(last_month(s)) AS uk_year FROM ukgas \gset

\echo
\echo 'A quarterly series: UK gas consumption (million therms, 1960-Q1 .. 1986-Q4,'
\echo '../shared/data/real/r_ukgas_quarterly.csv), built with series_agg(period, value,'
\echo '''quarter''):'
SELECT series, frequency(s), first_month(s), last_month(s), month_count(s) AS quarters, missing_months(s)
FROM ukgas;
\echo 'Its published periods in' :uk_year '(the same functions as for months: a date'
\echo 'names the quarter holding it); growth % on the same quarters of the year before;'
\echo 'of year plan %: against an ILLUSTRATIVE yearly plan, the year before x 1.05,'
\echo 'with attainment_pct for the year itself.'
SELECT label AS period,
	   range_value(s, make_date(:uk_year, first_month, 1), make_date(:uk_year, last_month, 1)) AS value,
	   round(range_growth_pct(s, make_date(:uk_year, first_month, 1), make_date(:uk_year, last_month, 1))::numeric, 1) AS "growth %",
	   round(range_value(s, make_date(:uk_year, first_month, 1), make_date(:uk_year, last_month, 1)) * 100 /
			 (annual(s, :uk_year - 1) * 1.05), 1) AS "of year plan %"
FROM ukgas, report_periods
WHERE label <> 'Jan+Feb'
ORDER BY ord;
SELECT format('attainment_pct(s, %s, %s) = %s%%: the Year row''s "of year plan %%".',
			  :uk_year, annual(s, :uk_year - 1) * 1.05,
			  round(attainment_pct(s, :uk_year, annual(s, :uk_year - 1) * 1.05)::numeric, 1)) AS note
FROM ukgas
\gset
\echo :note
\echo 'Yearly totals and quarterly means (to_frequency(s, ''year'') and (s, ''year'', ''avg'')),'
\echo 'the last five years:'
SELECT y AS year,
	   value_at(to_frequency(s, 'year'), make_date(y, 1, 1)) AS total,
	   round(annual_growth_pct(s, y)::numeric, 1) AS "growth %",
	   round(value_at(to_frequency(s, 'year', 'avg'), make_date(y, 1, 1)), 2) AS "mean of quarters"
FROM ukgas, generate_series(:uk_year - 4, :uk_year) AS y
ORDER BY y;
