-- The data every client test reads (test/clients/run.sh loads it): monthly
-- exports of two regions, 1993-01 .. 1994-08, numeric(14,3); south lacks
-- 1994-03.  series_t holds one series per region.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS indicator;
DROP TABLE IF EXISTS exports, series_t, loaded;
CREATE TABLE exports (region text, period date, value numeric(14,3));
INSERT INTO exports
SELECT 'north', make_date(y, m, 1), 1000 + 12.5 * m + 120.125 * (y - 1993)
FROM generate_series(1993, 1994) y, generate_series(1, 12) m WHERE (y, m) <= (1994, 8)
UNION ALL
SELECT 'south', make_date(y, m, 1), 250.75 - 3 * m + 17.001 * (y - 1993)
FROM generate_series(1993, 1994) y, generate_series(1, 12) m WHERE (y, m) <= (1994, 8) AND (y, m) <> (1994, 3);
CREATE TABLE series_t AS
SELECT region, series_agg(period, value) AS s FROM exports GROUP BY region;
-- clients write series here (binary COPY, parameters) and compare
CREATE TABLE loaded (client text, region text, s indicator_series);
