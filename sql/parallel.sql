--
-- parallel: series_agg in parallel query (partial aggregates in workers,
-- combined by the leader) gives exactly the series of a serial run.
--
SET datestyle = 'ISO, YMD';
-- errors raised in a worker carry a "parallel worker" context line, ones
-- raised in the leader do not; which of the two raises is not fixed
\set SHOW_CONTEXT never

-- 50 series x 240 months, stored month by month (every block holds rows of
-- many series, so every worker builds partial series of every series).
-- Values have 2 decimals, except the last month (4 decimals), so partial
-- series of different scales meet in the combine function.  Some months are
-- NULL (missing).  A regular table: parallel workers cannot read temp tables.
CREATE TABLE par (series int, period date, value numeric, fvalue float8, ivalue bigint);
INSERT INTO par
SELECT g, (date '2001-01-01' + make_interval(months => k))::date, v, v::float8, (v * 100)::bigint
FROM generate_series(0, 239) k, generate_series(1, 50) g,
     LATERAL (SELECT CASE WHEN (g * 7 + k) % 41 = 0 THEN NULL
                          WHEN k = 239 THEN ((g * 7919 + k * 104729) % 1000003 - 500000) * 0.0001
                          ELSE ((g * 7919 + k * 104729) % 1000003 - 500000) * 0.01 END AS v) x
ORDER BY k, g;
VACUUM ANALYZE par;
SELECT count(*), count(value), count(DISTINCT series), min(period), max(period),
       count(*) FILTER (WHERE scale(value) = 4) AS scale_4
FROM par;

-- force a parallel plan
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF) SELECT series, series_agg(period, value) FROM par GROUP BY series;
EXPLAIN (COSTS OFF) SELECT series_agg(period, value) FROM par WHERE series = 7;
EXPLAIN (COSTS OFF) CREATE TABLE par_parallel AS
SELECT series, series_agg(period, value)::text AS s, indicator_series_send(series_agg(period, value)) AS b,
       series_agg(period, fvalue)::text AS f, series_agg(period, ivalue)::text AS i
FROM par GROUP BY series;

-- workers really run the partial aggregates
CREATE FUNCTION workers_launched(query text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
	RETURN (plan -> 0 -> 'Plan' -> 'Plans' -> 0 ->> 'Workers Launched')::int;
END $$;
SELECT workers_launched('SELECT series, series_agg(period, value) FROM par GROUP BY series') > 0 AS workers_ran;

CREATE TABLE par_parallel AS
SELECT series, series_agg(period, value)::text AS s, indicator_series_send(series_agg(period, value)) AS b,
       series_agg(period, fvalue)::text AS f, series_agg(period, ivalue)::text AS i
FROM par GROUP BY series;
CREATE TABLE par_parallel_one AS SELECT series_agg(period, value)::text AS s FROM par WHERE series = 7;

-- the same, serially
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT series, series_agg(period, value) FROM par GROUP BY series;
CREATE TABLE par_serial AS
SELECT series, series_agg(period, value)::text AS s, indicator_series_send(series_agg(period, value)) AS b,
       series_agg(period, fvalue)::text AS f, series_agg(period, ivalue)::text AS i
FROM par GROUP BY series;
CREATE TABLE par_serial_one AS SELECT series_agg(period, value)::text AS s FROM par WHERE series = 7;

-- identical: nothing in one that is not in the other, either way
SELECT (SELECT count(*) FROM par_parallel) AS parallel_rows, (SELECT count(*) FROM par_serial) AS serial_rows,
       (SELECT count(*) FROM (SELECT * FROM par_parallel EXCEPT SELECT * FROM par_serial) d) AS only_parallel,
       (SELECT count(*) FROM (SELECT * FROM par_serial EXCEPT SELECT * FROM par_parallel) d) AS only_serial,
       (SELECT count(*) FROM (SELECT * FROM par_parallel_one EXCEPT SELECT * FROM par_serial_one) d) AS one_only_parallel,
       (SELECT count(*) FROM (SELECT * FROM par_serial_one EXCEPT SELECT * FROM par_parallel_one) d) AS one_only_serial;

-- and right: every value back, every complete year's sum equal to
-- sum(numeric).  48 series hold their last month at 4 decimals, so all their
-- values come back at scale 4; series 1 and 42 have no value in the last
-- month ((g * 7 + 239) % 41 = 0 for g = 1, 42) and stay at scale 2: their
-- 2 * 234 values are the 11707 - 11239 = 468 not at scale 4.
SELECT count(*) AS months,
       count(*) FILTER (WHERE value_at(s::indicator_series, period) = value) AS value_equal,
       count(*) FILTER (WHERE value IS NULL AND value_at(s::indicator_series, period) IS NULL) AS missing_equal,
       count(*) FILTER (WHERE scale(value_at(s::indicator_series, period)) = 4) AS at_scale_4,
       count(*) FILTER (WHERE value_at(i::indicator_series, period) = ivalue) AS bigint_equal,
       count(*) FILTER (WHERE value_at(f::indicator_series, period)::float8 = value::float8) AS float8_equal
FROM par JOIN par_parallel USING (series);
SELECT count(*) AS years, count(*) FILTER (WHERE n = 12) AS complete,
       count(*) FILTER (WHERE n = 12 AND annual(s::indicator_series, y) = total) AS sum_equal,
       count(*) FILTER (WHERE n < 12 AND annual(s::indicator_series, y) IS NULL) AS incomplete_null
FROM (SELECT series, extract(year FROM period)::int AS y, sum(value) AS total, count(value) AS n FROM par GROUP BY 1, 2) y
JOIN par_parallel USING (series);

------------------------------------------------------------------------------
-- A duplicate month split across workers: 21000
------------------------------------------------------------------------------

-- series 1, 2001-01 is the first row of the table; a second value for it
-- goes at the end, so the two rows are read by different workers and meet
-- in the leader's combine function (or, if one worker reads both, in its
-- transition function: the error is the same)
INSERT INTO par VALUES (1, '2001-01-20', 5, 5, 5);
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT series, series_agg(period, value) FROM par GROUP BY series;
SELECT series, series_agg(period, value) FROM par GROUP BY series;
SELECT series, series_agg(period, fvalue) FROM par GROUP BY series;
SELECT series_agg(period, ivalue) FROM par WHERE series = 1;
-- serially, the same error
SET max_parallel_workers_per_gather = 0;
SELECT series, series_agg(period, value) FROM par GROUP BY series;
RESET max_parallel_workers_per_gather;

------------------------------------------------------------------------------
-- Partitionwise aggregation: partial series per partition, combined
------------------------------------------------------------------------------

-- The combine function also runs, deterministically, when each partition
-- of a table is aggregated apart.  Two loaders fill a table partitioned by
-- source: series 1 gets January..June from 'a' (integers) and July..December
-- from 'b' (2 decimals); series 2 gets odd months from 'a' and even months
-- from 'b' (interleaved spans); series 3 gets 2021-03 from both (a duplicate
-- that only the combine function can see).
CREATE TABLE parts (source text, series int, period date, value numeric) PARTITION BY LIST (source);
CREATE TABLE parts_a PARTITION OF parts FOR VALUES IN ('a');
CREATE TABLE parts_b PARTITION OF parts FOR VALUES IN ('b');
INSERT INTO parts
SELECT CASE WHEN m <= 6 THEN 'a' ELSE 'b' END, 1, make_date(2021, m, 1), CASE WHEN m <= 6 THEN m * 10 ELSE m * 10 + 0.25 END
FROM generate_series(1, 12) m
UNION ALL
SELECT CASE WHEN m % 2 = 1 THEN 'a' ELSE 'b' END, 2, make_date(2021, m, 1), m
FROM generate_series(1, 12) m;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT series, series_agg(period, value) FROM parts GROUP BY series;
SELECT series, series_agg(period, value) FROM parts GROUP BY series ORDER BY series;
-- series 1: sum = 10 + 20 + ... + 60 + 70.25 + ... + 120.25 = 780 + 6 * 0.25 = 781.5
SELECT series, annual(series_agg(period, value), 2021), sum(value) FROM parts GROUP BY series ORDER BY series;
INSERT INTO parts VALUES ('a', 3, '2021-03-01', 1), ('b', 3, '2021-03-15', 2);
SELECT series, series_agg(period, value) FROM parts GROUP BY series ORDER BY series;
RESET enable_hashagg;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;

-- clean up (later tests drop and recreate the extension)
DROP TABLE par, par_parallel, par_parallel_one, par_serial, par_serial_one, parts;
DROP FUNCTION workers_launched(text);
