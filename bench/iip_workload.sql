-- The IIP workload (BENCHMARKS.md): the quantities of
-- 2,000 products x 120 months (2011-01 .. 2020-12) in 40 four-digit
-- industries under 10 two-digit industries, base year 2015, and the weights
-- of the base year.  Deterministic: a fixed seed.
--
--   p (product, period, q)        the quantities, numeric(14,3), stored month
--                                 by month as monthly loads append them
--   iip_products (product, ind4, weight)
--                                 a product's weight: its output value in
--                                 2015 (its 2015 quantity x a unit price)
--   iip_ind4 (ind4, ind2, va)     a four-digit industry's weight: its value
--                                 added in 2015
--   iip_ind2 (ind2, va)           a two-digit industry's weight: the value
--                                 added of its four-digit industries
--
-- Product k belongs to four-digit industry (k - 1) % 40: 50 products each,
-- 4 four-digit industries under each two-digit one (ind4 = ind2 x 100 + 1
-- .. 4, ind2 = 10 .. 19).  A quantity is the product's level (10 to 10,010)
-- x a trend of -3% to +5% a year x a season x noise of +-10%.
--
-- Two gaps, so that the gap-safe rules are exercised: product 7 has no row
-- for 2019-03 and product 1234 a NULL quantity for 2012-08.  Each makes its
-- four-digit industry, its two-digit industry and the IIP missing in that
-- month (a month any component lacks is missing), and so the IIP's
-- year-on-year growth in that month and twelve months later.
--   psql -f bench/iip_workload.sql
DROP TABLE IF EXISTS p, iip_products, iip_ind4, iip_ind2;
SELECT setseed(0.2015) \g /dev/null

CREATE TABLE iip_ind4 AS
SELECT 10 + k / 4 AS ind2, (10 + k / 4) * 100 + k % 4 + 1 AS ind4,
	   round((200 + random() * 1800)::numeric, 1)::float8 AS va
FROM generate_series(0, 39) k;

CREATE TEMP TABLE product_draw AS
SELECT k AS product, (10 + (k - 1) % 40 / 4) * 100 + (k - 1) % 40 % 4 + 1 AS ind4,
	   10 + random() * 10000 AS level, -0.03 + random() * 0.08 AS trend,
	   random() * 0.2 AS season, 1 + random() * 99 AS price
FROM generate_series(1, 2000) k;

CREATE TABLE p (product int, period date, q numeric(14,3));
INSERT INTO p
SELECT d.product, make_date(2011 + i / 12, i % 12 + 1, 1),
	   round((d.level * power(1 + d.trend, i / 12.0)
			  * (1 + d.season * sin(2 * pi() * (i % 12) / 12))
			  * (0.9 + random() * 0.2))::numeric, 3)
FROM generate_series(0, 119) i, product_draw d
ORDER BY i, d.product;
DELETE FROM p WHERE product = 7 AND period = '2019-03-01';
UPDATE p SET q = NULL WHERE product = 1234 AND period = '2012-08-01';

CREATE TABLE iip_products AS
SELECT d.product, d.ind4, round(sum(p.q) * d.price::numeric)::float8 AS weight
FROM product_draw d
JOIN p ON p.product = d.product AND p.period BETWEEN '2015-01-01' AND '2015-12-01'
GROUP BY d.product, d.ind4, d.price;

CREATE TABLE iip_ind2 AS
SELECT ind2, sum(va) AS va FROM iip_ind4 GROUP BY ind2;

DROP TABLE product_draw;
VACUUM ANALYZE p, iip_products, iip_ind4, iip_ind2;
