-- report/report.sql: the indicator report, run by report/run.sh.
--
-- Part 1 reproduces the figures of a real provincial report (Thanh Hoa
-- province, Department of Industry and Trade, review of 2021; see
-- ../shared/seed/FIGURES.md): the values it states, the values it only
-- implies, and whether its percentages follow from its own figures.
-- Part 2 is the same kind of report month by month, from a real monthly
-- series (Australian gas production, 1956-01 .. 1995-08).
-- Part 3 is an index like the IIP from a product table (real monthly series
-- standing in for products, illustrative industries and weights): the index
-- by industry and in total, its growth, and each industry's contribution.
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
\echo ' PART 3. An index like the IIP, from a product table'
\echo '=============================================================================='
\echo 'ILLUSTRATIVE: the "products" are 14 real monthly series (US unemployed persons'
\echo 'by industry, thousands, 2000-01 .. 2010-02, ../shared/data/real/'
\echo 'vega_unemployment_across_industries.csv, US BLS), standing in for product'
\echo 'quantities; their grouping into 5 "industries" and the weights are illustrative.'
\echo 'Product weights: the 2005 average level (the base year''s "output"); industry'
\echo 'weights: the sums of their products'' weights.  Base year 2005 = 100.'

CREATE TEMP TABLE product_monthly (product text NOT NULL, period date NOT NULL, qty numeric,
								   PRIMARY KEY (product, period));
\copy product_monthly FROM '../shared/data/real/vega_unemployment_across_industries.csv' WITH (FORMAT csv, HEADER)

-- the product table: industry and weight of each product (illustrative)
CREATE TEMP TABLE product_info AS
SELECT product,
	   CASE WHEN product IN ('Manufacturing', 'Mining and Extraction', 'Construction',
							 'Transportation and Utilities') THEN 'B-F Industry, construction'
			WHEN product IN ('Wholesale and Retail Trade', 'Leisure and hospitality') THEN 'G-I Trade, hospitality'
			WHEN product IN ('Information', 'Finance', 'Business services') THEN 'J-N Business services'
			WHEN product IN ('Government', 'Education and Health') THEN 'O-Q Public, social'
			ELSE 'Other' END AS industry,
	   avg(qty) FILTER (WHERE fiscal_year(period) = 2005) AS weight
FROM product_monthly
GROUP BY product;

-- quantities -> series_agg -> rebase on 2005 -> index_agg by industry ->
-- index_agg of the industries
CREATE TEMP TABLE industry_index AS
SELECT pi.industry, sum(pi.weight)::float8 AS weight, index_agg(p.idx, pi.weight) AS idx
FROM (SELECT product, rebase(series_agg(period, qty), 2005) AS idx
	  FROM product_monthly GROUP BY product) p
JOIN product_info pi USING (product)
GROUP BY pi.industry;
CREATE TEMP TABLE total_index AS
SELECT sum(weight) AS weight, index_agg(idx, weight) AS idx FROM industry_index;

SELECT to_char(last_month(idx), 'YYYY-MM-DD') AS last, to_char(last_month(idx), 'YYYY-MM') AS last_label
FROM total_index
\gset

\echo 'The index by industry and in total (index_agg), its growth on the month'
\echo '(mom_pct), on the same month of last year (yoy_pct) and year to date'
\echo '(ytd_growth_pct), in' :last_label
SELECT industry,
	   round((weight / (SELECT weight FROM total_index) * 100)::numeric, 1) AS "weight %",
	   round(value_at(idx, :'last'), 1) AS index,
	   round(mom_pct(idx, :'last')::numeric, 1) AS "mom %",
	   round(yoy_pct(idx, :'last')::numeric, 1) AS "yoy %",
	   round(ytd_growth_pct(idx, :'last')::numeric, 1) AS "ytd %"
FROM (SELECT industry, weight, idx, false AS is_total FROM industry_index
	  UNION ALL
	  SELECT 'Total', weight, idx, true FROM total_index) x
ORDER BY is_total, industry;

\echo 'Each industry''s contribution to the total''s growth, in percentage points'
\echo '(contribution_pp with its share of the total''s weights), in' :last_label
SELECT i.industry,
	   round(contribution_pp(i.idx, i.weight / t.weight, t.idx, :'last')::numeric, 2) AS "yoy pp",
	   round(contribution_pp(i.idx, i.weight / t.weight, t.idx, :'last', 1)::numeric, 2) AS "mom pp"
FROM industry_index i, total_index t
ORDER BY i.industry;
SELECT format('The contributions add up: year on year %s pp against the total''s %s%%, '
			  'month on month %s pp against %s%% (to 9 decimals).',
			  round(sum(contribution_pp(i.idx, i.weight / t.weight, t.idx, :'last'))::numeric, 9),
			  round(min(yoy_pct(t.idx, :'last'))::numeric, 9),
			  round(sum(contribution_pp(i.idx, i.weight / t.weight, t.idx, :'last', 1))::numeric, 9),
			  round(min(mom_pct(t.idx, :'last'))::numeric, 9)) AS note
FROM industry_index i, total_index t
\gset
\echo :note

\echo 'The yearly index (annual ''avg'') and its growth (annual_growth_pct ''avg'')'
SELECT y AS year,
	   round(annual(idx, y, 'avg'), 1) AS "index (avg)",
	   round(annual_growth_pct(idx, y, 'avg')::numeric, 1) AS "growth %"
FROM total_index, generate_series(2000, 2009) AS y
ORDER BY y;
