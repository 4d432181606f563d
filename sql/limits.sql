--
-- No data-size traps: a GROUP BY over 100,000 series keeps to work_mem
-- (hash aggregation spills to disk, with the same results), and long
-- statements can be cancelled by statement_timeout.
--
SET datestyle = ISO, YMD;
CREATE SCHEMA limits_test;
SET search_path = limits_test, public;
SET max_parallel_workers_per_gather = 0;

-- 100,000 series x 6 months
CREATE TABLE m AS
	SELECT s AS series, make_date(2021, k, 1) AS period, (s * 10 + k)::numeric AS value
	FROM generate_series(1, 100000) s, generate_series(1, 6) k;
ANALYZE m;

-- the hash aggregation's batches and peak memory, from EXPLAIN ANALYZE
CREATE FUNCTION hashagg_stats(query text, OUT batches int, OUT peak_kb int, OUT disk_kb int)
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, FORMAT JSON) ' || query INTO plan;
	SELECT (n->>'HashAgg Batches')::int, (n->>'Peak Memory Usage')::int, coalesce((n->>'Disk Usage')::int, 0)
	  INTO batches, peak_kb, disk_kb
	  FROM json_array_elements(plan) AS p,
		   LATERAL (SELECT p->'Plan' AS n) AS x
	 WHERE n->>'Node Type' = 'Aggregate';
END $$;

-- with 1 MB of work_mem (and hash_mem_multiplier 2: 2 MB for the hash
-- table), hash aggregation of 100,000 states of about 600 bytes each
-- (60 MB) must spill: many batches, on disk, and a peak near the limit
SET work_mem = '1MB';
SET hash_mem_multiplier = 2;
SET enable_sort = off;
SELECT batches > 1 AS spilled, disk_kb > 0 AS used_disk, peak_kb <= 4 * 1024 AS peak_within_4mb
FROM hashagg_stats('SELECT series, series_agg(period, value) FROM limits_test.m GROUP BY series');
CREATE TABLE spilled AS SELECT series, series_agg(period, value)::text AS s FROM m GROUP BY series;
RESET enable_sort;

-- the same results with all the memory it wants
SET work_mem = '1GB';
SELECT batches = 1 AS in_memory
FROM hashagg_stats('SELECT series, series_agg(period, value) FROM limits_test.m GROUP BY series');
CREATE TABLE in_memory AS SELECT series, series_agg(period, value)::text AS s FROM m GROUP BY series;
SELECT count(*) AS series,
	   count(*) FILTER (WHERE a.s = b.s) AS identical
FROM spilled a JOIN in_memory b USING (series);
-- and right: series 7 is 71, 72, ..., 76
SELECT s FROM spilled WHERE series = 7;
RESET work_mem;
RESET hash_mem_multiplier;

-- memory per group stays near the bytes of the months it holds: 5,000
-- series x 120 months, arriving month by month as monthly loads append
-- them, take under 1,000 bytes each while aggregating (a state of 512
-- bytes: 32 of header and 120 months of 4 bytes, plus the hash table's
-- entry).  A state that started smaller and grew at month 57 took 1,720.
CREATE TABLE long_m AS
	SELECT s AS series, make_date(2011 + i / 12, i % 12 + 1, 1) AS period, (s * 7 + i)::numeric(14,3) AS value
	FROM generate_series(0, 119) i, generate_series(1, 5000) s;
ANALYZE long_m;
SET work_mem = '1GB';
SELECT batches = 1 AS in_memory, peak_kb * 1024 / 5000 < 1000 AS under_1000_bytes_per_series
FROM hashagg_stats('SELECT series, series_agg(period, value) FROM limits_test.long_m GROUP BY series');
RESET work_mem;

-- statement_timeout cancels a long aggregation (SQLSTATE 57014): a
-- billion rows, all NULL values of one month (no duplicate, no growth)
\set VERBOSITY sqlstate
SET statement_timeout = '200ms';
SELECT count(*) FROM (
	SELECT s % 1000 AS g, series_agg(date '2000-01-01', NULL::numeric)
	FROM generate_series(1, 1000000000) s GROUP BY 1) x;
RESET statement_timeout;
\set VERBOSITY default

RESET ALL;
DROP SCHEMA limits_test CASCADE;
