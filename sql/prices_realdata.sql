--
-- Oracle and property tests of prices and real growth on real monthly and
-- quarterly data from ../shared/data/real (GPL; read at run time, nothing
-- derived is committed):
--
--   value   Australian gas production (forecast_gas.csv, 1956-01 .. 1995-08)
--   "price" the Dutch retail sales index (aer_dutchsales.csv, 1960-05 ..
--           1995-09): ILLUSTRATIVE, the data hold no price index, so this
--           volume index stands in for one
--   IIP     the 14 series of vega_unemployment_across_industries.csv (US BLS,
--           2000-01 .. 2010-02) as products of an index of industrial
--           production, grouped into four industries with ILLUSTRATIVE weights
--   UK gas consumption (r_ukgas_quarterly.csv, 1960-Q1 .. 1986-Q4), quarterly
--
-- The reference is computed independently by pandas on calendar
-- PeriodIndexes (test/oracle/prices_reference.py, needs /usr/bin/python3
-- with Debian's python3-pandas): deflate by a base year, a fiscal base year
-- and a base month, real growth from the two growth rates, the IIP and its
-- industries' year-to-date contributions.  Every figure is reproduced within
-- a relative 1e-9 (1e-9 absolute for percentages and points below 1), and
-- where the reference has no row, ours is NULL.  Then properties: the growth
-- of a deflated series is real_growth_pct of the two growth rates, a series
-- rebuilt from its own growth by implied_levels is the series, and the
-- industries' ytd_contribution_pp add up to the IIP's ytd_growth_pct.
--
SET datestyle = ISO, YMD;
CREATE SCHEMA prices_realdata_test;
SET search_path = prices_realdata_test, public;

CREATE TABLE rows (series text, period date, value numeric);
\copy rows FROM '../shared/data/real/forecast_gas.csv' (FORMAT csv, HEADER)
\copy rows FROM '../shared/data/real/aer_dutchsales.csv' (FORMAT csv, HEADER)
\copy rows FROM '../shared/data/real/r_ukgas_quarterly.csv' (FORMAT csv, HEADER)
CREATE TABLE vega (product text, period date, quantity numeric);
\copy vega FROM '../shared/data/real/vega_unemployment_across_industries.csv' (FORMAT csv, HEADER)

-- ILLUSTRATIVE weights (those of report/report.sql): a product's output
-- value, an industry's value added, in the base year 2005
CREATE TABLE industries (industry text PRIMARY KEY, value_added float8);
INSERT INTO industries VALUES
	('Goods', 900), ('Trade, transport', 500), ('Finance, business', 350), ('Public, personal', 250);
CREATE TABLE products (product text PRIMARY KEY, industry text REFERENCES industries, output_value float8);
INSERT INTO products VALUES
	('Agriculture', 'Goods', 320), ('Mining and Extraction', 'Goods', 150), ('Construction', 'Goods', 410),
	('Manufacturing', 'Goods', 1250), ('Wholesale and Retail Trade', 'Trade, transport', 640),
	('Transportation and Utilities', 'Trade, transport', 380), ('Information', 'Trade, transport', 210),
	('Finance', 'Finance, business', 290), ('Business services', 'Finance, business', 360),
	('Self-employed', 'Finance, business', 90), ('Education and Health', 'Public, personal', 300),
	('Government', 'Public, personal', 260), ('Leisure and hospitality', 'Public, personal', 180),
	('Other', 'Public, personal', 70);
\copy (SELECT p.product, p.industry, p.output_value, i.value_added FROM products p JOIN industries i USING (industry) ORDER BY 1) TO 'results/prices_weights.csv' (FORMAT csv, HEADER)

\! /usr/bin/python3 test/oracle/prices_reference.py ../shared/data/real/forecast_gas.csv ../shared/data/real/aer_dutchsales.csv ../shared/data/real/vega_unemployment_across_industries.csv results/prices_weights.csv results/prices_reference.csv
CREATE TABLE ref (metric text, key text, period date, value double precision);
\copy ref FROM 'results/prices_reference.csv' (FORMAT csv, HEADER)
UPDATE ref SET key = '' WHERE key IS NULL;

-- the data as the README describes it, and the reference: deflated months
-- where both series have a value (1960-05 .. 1995-08: 424), real growth a
-- year later (1961-05 .. 1995-08: 412); the IIP's 122 months; year-to-date
-- figures in every month from the second year (fiscal years from July:
-- from 2001-07)
SELECT series, count(*) AS periods, count(value) AS with_value, min(period), max(period)
FROM rows GROUP BY series ORDER BY series;
SELECT metric, count(DISTINCT key) AS keys, count(*) AS rows, min(period), max(period)
FROM ref GROUP BY metric ORDER BY metric;

-- the series: gas exact (numeric) and in double precision, the price as
-- numeric
CREATE TABLE paths AS
SELECT kind, s, (SELECT series_agg(period, value) FROM rows WHERE series = 'nl_retail_sales_index') AS price
FROM (SELECT 'numeric' AS kind, series_agg(period, value) AS s FROM rows WHERE series = 'au_gas_production'
      UNION ALL
      SELECT 'float8', series_agg(period, value::float8) FROM rows WHERE series = 'au_gas_production') g;
CREATE TABLE months AS
SELECT t::date AS period FROM generate_series(date '1956-01-01', date '1995-09-01', interval '1 month') t;

-- the same figure, to a relative 1e-9 (an absolute 1e-9 below 1)
CREATE FUNCTION close(a float8, b float8) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT abs(a - b) <= 1e-9 * greatest(1, abs(b)) $$;

------------------------------------------------------------------------------
-- deflate and real_growth_pct against pandas
------------------------------------------------------------------------------

CREATE TABLE ours AS
SELECT kind, metric, m.period, v
FROM paths,
     LATERAL (VALUES ('defl_y1980', deflate(s, price, 1980)),
                     ('defl_fy1981_jul', deflate(s, price, 1981, 7)),
                     ('defl_p198006', deflate(s, price, '1980-06-01'::date))) d(metric, ds),
     months m,
     LATERAL (SELECT value_at(ds, m.period)::float8) x(v)
UNION ALL
SELECT kind, 'real_yoy_pct', m.period, real_growth_pct(yoy_pct(s, m.period), yoy_pct(price, m.period))
FROM paths, months m
UNION ALL
-- the same real growth as the growth of the deflated series
SELECT kind || ', yoy_pct(deflate)', 'real_yoy_pct', m.period, yoy_pct(deflate(s, price, 1980), m.period)
FROM paths, months m;

SELECT o.kind, o.metric, count(r.value) AS compared,
       count(*) FILTER (WHERE close(o.v, r.value)) AS equal,
       count(*) FILTER (WHERE o.v IS NULL AND r.value IS NOT NULL) AS ours_null,
       count(*) FILTER (WHERE o.v IS NOT NULL AND r.value IS NULL) AS ours_extra
FROM ours o LEFT JOIN ref r ON r.metric = o.metric AND r.period = o.period
GROUP BY o.kind, o.metric ORDER BY o.metric, o.kind;

------------------------------------------------------------------------------
-- Property: the growth of a deflated series is real_growth_pct of the two
-- growth rates (year on year and month on month), on every base, to 1e-9
------------------------------------------------------------------------------

SELECT kind, base, count(*) AS months,
       count(*) FILTER (WHERE close(yoy_pct(ds, period), real_growth_pct(yoy_pct(s, period), yoy_pct(price, period)))) AS yoy_equal,
       count(*) FILTER (WHERE close(mom_pct(ds, period), real_growth_pct(mom_pct(s, period), mom_pct(price, period)))) AS mom_equal,
       count(yoy_pct(ds, period)) AS yoy_defined, count(mom_pct(ds, period)) AS mom_defined
FROM paths,
     LATERAL (VALUES ('1980', deflate(s, price, 1980)), ('fiscal 1981 from July', deflate(s, price, 1981, 7)),
                     ('1990-06', deflate(s, price, '1990-06-01'::date))) d(base, ds),
     months
GROUP BY kind, base ORDER BY kind, base;
-- and quarterly: gas and the price as quarters (sum and average)
SELECT count(*) AS quarters,
       count(*) FILTER (WHERE close(yoy_pct(ds, period), real_growth_pct(yoy_pct(sq, period), yoy_pct(pq, period)))) AS yoy_equal,
       count(yoy_pct(ds, period)) AS yoy_defined
FROM paths,
     LATERAL (SELECT to_frequency(s, 'quarter') AS sq, to_frequency(price, 'quarter', 'avg') AS pq) q,
     LATERAL (SELECT deflate(sq, pq, 1980) AS ds) d,
     months
WHERE kind = 'numeric' AND extract(month FROM period) IN (1, 4, 7, 10);

------------------------------------------------------------------------------
-- Property: implied_levels rebuilds a series from its own growth and one
-- anchor year, forwards and backwards, to a relative 1e-9
------------------------------------------------------------------------------

-- gas: year-on-year growth of every month, anchor 1980 (24 years back, 15
-- forwards); month-on-month growth, anchor 1980-06 (one chain of 475 links)
CREATE TABLE rebuilt AS
SELECT 'gas yoy, anchor 1980' AS how, s,
       implied_levels((SELECT series_agg(period, yoy_pct(s, period)) FROM months),
                      (SELECT series_agg(period, value_at(s, period)) FROM months WHERE extract(year FROM period) = 1980)) AS r
FROM paths WHERE kind = 'numeric'
UNION ALL
SELECT 'gas mom, anchor 1980-06', s,
       implied_levels((SELECT series_agg(period, mom_pct(s, period)) FROM months),
                      (SELECT series_agg(period, value_at(s, period)) FROM months WHERE period = '1980-06-01'), 1)
FROM paths WHERE kind = 'float8'
UNION ALL
-- the Dutch index: its first year is partial (1960-05 ..), anchor 1990
SELECT 'retail index yoy, anchor 1990', price,
       implied_levels((SELECT series_agg(period, yoy_pct(price, period)) FROM months),
                      (SELECT series_agg(period, value_at(price, period)) FROM months WHERE extract(year FROM period) = 1990))
FROM paths WHERE kind = 'numeric';
SELECT how, month_count(s) AS periods, month_count(r) AS rebuilt, first_month(r), last_month(r),
       (SELECT count(*) FROM months WHERE close(value_at(r, period)::float8, value_at(s, period)::float8)) AS equal,
       (SELECT max(abs(value_at(r, period) / value_at(s, period) - 1)) < 1e-12 FROM months) AS within_1e_12
FROM rebuilt ORDER BY how;

-- UK gas, quarterly: year on year (lag_months 12: four quarters), anchor
-- 1970, and quarter on quarter (lag_months 3), anchor 1986-Q4 (backwards only)
SELECT how, month_count(s) AS periods, month_count(r) AS rebuilt, first_month(r), last_month(r),
       (SELECT count(*) FROM generate_series(date '1960-01-01', date '1986-10-01', interval '3 months') t
        WHERE close(value_at(r, t::date)::float8, value_at(s, t::date)::float8)) AS equal
FROM (SELECT series_agg(period, value, 'quarter') AS s FROM rows WHERE series = 'uk_gas_consumption') q,
     LATERAL (SELECT 'yoy, anchor 1970',
                     implied_levels((SELECT series_agg(t::date, yoy_pct(s, t::date), 'quarter')
                                     FROM generate_series(date '1960-01-01', date '1986-10-01', interval '3 months') t),
                                    (SELECT series_agg(t::date, value_at(s, t::date), 'quarter')
                                     FROM generate_series(date '1970-01-01', date '1970-10-01', interval '3 months') t))
              UNION ALL
              SELECT 'qoq, anchor 1986-Q4',
                     implied_levels((SELECT series_agg(t::date, pop_pct(s, t::date), 'quarter')
                                     FROM generate_series(date '1960-01-01', date '1986-10-01', interval '3 months') t),
                                    (SELECT series_agg(d, value_at(s, d), 'quarter') FROM (VALUES (date '1986-10-01')) z(d)), 3)) x(how, r)
ORDER BY how;

------------------------------------------------------------------------------
-- The IIP from the vega series and its industries' year-to-date
-- contributions, against pandas; and they add up to its ytd growth
------------------------------------------------------------------------------

CREATE TABLE product_index AS
SELECT p.product, p.industry, p.output_value, rebase(series_agg(v.period, v.quantity), 2005) AS idx
FROM vega v JOIN products p USING (product)
GROUP BY p.product, p.industry, p.output_value;
CREATE TABLE industry_index AS
SELECT industry, i.value_added, i.value_added / sum(i.value_added) OVER () AS share, x.idx
FROM (SELECT industry, index_agg(idx, output_value) AS idx FROM product_index GROUP BY industry) x
JOIN industries i USING (industry);
CREATE TABLE iip AS SELECT index_agg(idx, value_added) AS idx FROM industry_index;
CREATE TABLE iip_months AS
SELECT t::date AS period FROM generate_series(date '2000-01-01', date '2010-02-01', interval '1 month') t;

CREATE TABLE iip_ours AS
SELECT 'iip' AS metric, '' AS key, m.period, value_at(iip.idx, m.period)::float8 AS v
FROM iip, iip_months m
UNION ALL
SELECT 'ytd_growth_' || f.method || '_fy' || f.fy, '', m.period, ytd_growth_pct(iip.idx, m.period, f.fy, f.method)
FROM iip, iip_months m, (VALUES ('sum', 1), ('last', 1), ('sum', 7)) f(method, fy)
UNION ALL
SELECT 'ytd_pp_' || f.method || '_fy' || f.fy, i.industry, m.period,
       ytd_contribution_pp(i.idx, i.share, iip.idx, m.period, f.fy, f.method)
FROM industry_index i, iip, iip_months m, (VALUES ('sum', 1), ('last', 1), ('sum', 7)) f(method, fy);
SELECT o.metric, count(DISTINCT o.key) AS keys, count(r.value) AS compared,
       count(*) FILTER (WHERE close(o.v, r.value)) AS equal,
       count(*) FILTER (WHERE o.v IS NULL AND r.value IS NOT NULL) AS ours_null,
       count(*) FILTER (WHERE o.v IS NOT NULL AND r.value IS NULL) AS ours_extra
FROM iip_ours o LEFT JOIN ref r ON r.metric = o.metric AND r.key = o.key AND r.period = o.period
GROUP BY o.metric ORDER BY o.metric;

-- additivity, for every month, method and fiscal year start (quarters too)
SELECT f.method, f.fy, count(*) AS months, count(c.pp) AS defined,
       count(*) FILTER (WHERE abs(c.pp - ytd_growth_pct(iip.idx, m.period, f.fy, f.method)) < 1e-9) AS adds_up,
       count(*) FILTER (WHERE (c.pp IS NULL) <> (ytd_growth_pct(iip.idx, m.period, f.fy, f.method) IS NULL)) AS null_differs
FROM iip, iip_months m, (VALUES ('sum', 1), ('avg', 1), ('last', 1), ('sum', 4), ('avg', 7), ('last', 10)) f(method, fy),
     LATERAL (SELECT sum(ytd_contribution_pp(i.idx, i.share, iip.idx, m.period, f.fy, f.method))
              FROM industry_index i) c(pp)
GROUP BY f.method, f.fy ORDER BY f.fy, f.method;
SELECT f.method, count(*) AS quarters, count(c.pp) AS defined,
       count(*) FILTER (WHERE abs(c.pp - ytd_growth_pct(a, m.period, 1, f.method)) < 1e-9) AS adds_up
FROM (SELECT to_frequency(idx, 'quarter', 'avg') AS a FROM iip) t,
     iip_months m, (VALUES ('sum'), ('last')) f(method),
     LATERAL (SELECT sum(ytd_contribution_pp(to_frequency(i.idx, 'quarter', 'avg'), i.share, a, m.period, 1, f.method))
              FROM industry_index i) c(pp)
WHERE extract(month FROM m.period) IN (1, 4, 7, 10)
GROUP BY f.method ORDER BY f.method;

DROP SCHEMA prices_realdata_test CASCADE;
