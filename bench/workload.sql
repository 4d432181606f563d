-- The benchmark's workload (BENCHMARKS.md): :series series x 120 months
-- (2011-01 .. 2020-12) of numeric(14,3), and a target per series and year
-- (the year's total, give or take 10%).  Deterministic: a fixed seed.
-- Values run from 1,000 to 1,000 + :max_value (default 1,000,000), with
-- three decimals; the rows are stored month by month, every series of a
-- month before the next month, as monthly loads append them.
--   psql -v series=20000 [-v max_value=1e10] -f bench/workload.sql
\if :{?max_value}
\else
\set max_value 1e6
\endif
DROP TABLE IF EXISTS m, targets;
SELECT setseed(0.2021) \g /dev/null
CREATE TABLE m (series int, period date, value numeric(14,3));
INSERT INTO m
SELECT s, make_date(2011 + i / 12, i % 12 + 1, 1), round((1000 + random() * :max_value)::numeric, 3)
FROM generate_series(1, :series) s, generate_series(0, 119) i;
CREATE TABLE targets AS
SELECT series, extract(year FROM period)::int AS year,
	   round(sum(value) * (0.9 + random() * 0.2)::numeric, 3)::numeric(16,3) AS target
FROM m GROUP BY 1, 2;
VACUUM ANALYZE m, targets;
