-- The vintage benchmark's workload (the vintage goal in BENCHMARKS.md): :series series
-- x 120 months (2011-01 .. 2020-12) x 3 vintages of numeric(14,3): each
-- month first published on the 5th of the next month, revised on the 5th of
-- the two months after; the rows stored in the order they were published
-- (every series of a release before the next release), as loads append
-- them.  Deterministic: a fixed seed.
--   psql -v series=20000 -f bench/vintage_workload.sql
DROP TABLE IF EXISTS v;
SELECT setseed(0.2021) \g /dev/null
CREATE TABLE v (series int, period date, value numeric(14,3), vintage timestamptz);
INSERT INTO v
SELECT s, make_date(2011 + i / 12, i % 12 + 1, 1), round((1000 + random() * 1e6)::numeric, 3),
	   make_date(2011 + i / 12, i % 12 + 1, 5) + make_interval(months => k + 1)
FROM generate_series(0, 121) r, generate_series(0, 2) k, generate_series(1, :series) s,
	 LATERAL (SELECT r - k AS i) x
WHERE i BETWEEN 0 AND 119
ORDER BY r, k DESC, s;
VACUUM ANALYZE v;
