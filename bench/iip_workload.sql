-- The IIP workload (DESIGN.md, issue 9): 2,000 products x 120 months
-- (2011-01 .. 2020-12) of quantities, numeric(14,3), in 40 four-digit
-- industries (50 products each) under 10 two-digit industries; base year
-- 2011, each product's weight its base-year output value.  Deterministic:
-- a fixed seed.  Rows are stored month by month, as monthly loads append
-- them.
--   psql -f bench/iip_workload.sql
DROP TABLE IF EXISTS prod, products;
SELECT setseed(0.2011) \g /dev/null
CREATE TABLE products AS
SELECT p AS product, (p - 1) / 50 + 1 AS industry, (p - 1) / 200 + 1 AS division,
	   round((100 + random() * 9900)::numeric, 1)::float8 AS weight
FROM generate_series(1, 2000) p;
CREATE TABLE prod (product int, period date, qty numeric(14,3));
INSERT INTO prod
SELECT p, make_date(2011 + i / 12, i % 12 + 1, 1),
	   round((1000 * (1 + i / 240.0) * (0.8 + random() * 0.4))::numeric, 3)
FROM generate_series(0, 119) i, generate_series(1, 2000) p;
VACUUM ANALYZE prod, products;
