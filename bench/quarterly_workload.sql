-- The quarterly twin of the benchmark's workload (bench/workload.sql):
-- :series series x 40 quarters (2011-Q1 .. 2020-Q4, each stored on the
-- first day of its quarter) of numeric(14,3), and a target per series and
-- year (the year's total, give or take 10%).  Deterministic: a fixed seed.
--   psql -v series=20000 -f bench/quarterly_workload.sql
DROP TABLE IF EXISTS mq, targets_q;
SELECT setseed(0.2021) \g /dev/null
CREATE TABLE mq (series int, period date, value numeric(14,3));
INSERT INTO mq
SELECT s, make_date(2011 + i / 4, (i % 4) * 3 + 1, 1), round((1000 + random() * 1e6)::numeric, 3)
FROM generate_series(1, :series) s, generate_series(0, 39) i;
CREATE TABLE targets_q AS
SELECT series, extract(year FROM period)::int AS year,
	   round(sum(value) * (0.9 + random() * 0.2)::numeric, 3)::numeric(16,3) AS target
FROM mq GROUP BY 1, 2;
VACUUM ANALYZE mq, targets_q;
