--
-- fdw: indicator across PostgreSQL servers with postgres_fdw.  Two shard
-- databases on this same cluster (loopback connections) hold the partitions
-- of a table partitioned by series; with partitionwise aggregation,
-- series_agg GROUP BY the partition key runs on the shards (it is in the
-- Remote SQL) and only the finished series come back.  They are identical to
-- the series built from a local copy of the same rows.
--
SET client_min_messages = warning;
SELECT current_database() AS regress_db \gset

-- left over from an interrupted run on a kept cluster
DROP DATABASE IF EXISTS regress_shard1;
DROP DATABASE IF EXISTS regress_shard2;

------------------------------------------------------------------------------
-- Two shards, each with the extension and an empty table
------------------------------------------------------------------------------

CREATE DATABASE regress_shard1;
CREATE DATABASE regress_shard2;
\c regress_shard1
CREATE EXTENSION indicator;
CREATE TABLE unemployment (series text, period date, value numeric);
CREATE TABLE product_series (grp text, product text, s indicator_series, w float8);
\c regress_shard2
CREATE EXTENSION indicator;
CREATE TABLE unemployment (series text, period date, value numeric);
CREATE TABLE product_series (grp text, product text, s indicator_series, w float8);
\c :regress_db
SET datestyle = 'ISO, YMD';
SET client_min_messages = warning;

------------------------------------------------------------------------------
-- Foreign servers: the extensions option makes indicator's functions and
-- aggregates shippable.  postgres_fdw does not check the other side: each
-- shard must have the extension, in the same schema, at the same version.
------------------------------------------------------------------------------

CREATE EXTENSION postgres_fdw;
-- connect the way this session did: the first socket directory, this port
SELECT split_part(current_setting('unix_socket_directories'), ',', 1) AS socket_dir,
       current_setting('port') AS port,
       current_user AS fdw_user \gset
CREATE SERVER regress_shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host :'socket_dir', port :'port', dbname 'regress_shard1', extensions 'indicator');
CREATE SERVER regress_shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host :'socket_dir', port :'port', dbname 'regress_shard2', extensions 'indicator');
-- a superuser needs no password in the mapping (the server still
-- authenticates the connection: peer or trust on the socket here)
CREATE USER MAPPING FOR CURRENT_USER SERVER regress_shard1 OPTIONS (user :'fdw_user');
CREATE USER MAPPING FOR CURRENT_USER SERVER regress_shard2 OPTIONS (user :'fdw_user');

------------------------------------------------------------------------------
-- Real data: US unemployment by industry, 14 series x 122 months
-- (2000-01 .. 2010-02), in a local table and, partitioned by series, on the
-- shards (7 industries each)
------------------------------------------------------------------------------

CREATE TABLE unemployment_local (series text, period date, value numeric);
\copy unemployment_local FROM '../shared/data/real/vega_unemployment_across_industries.csv' (FORMAT csv, HEADER)

CREATE TABLE unemployment (series text, period date, value numeric) PARTITION BY LIST (series);
CREATE FOREIGN TABLE unemployment_shard1 PARTITION OF unemployment
	FOR VALUES IN ('Agriculture', 'Business services', 'Construction', 'Education and Health',
				   'Finance', 'Government', 'Information')
	SERVER regress_shard1 OPTIONS (table_name 'unemployment');
CREATE FOREIGN TABLE unemployment_shard2 PARTITION OF unemployment
	FOR VALUES IN ('Leisure and hospitality', 'Manufacturing', 'Mining and Extraction', 'Other',
				   'Self-employed', 'Transportation and Utilities', 'Wholesale and Retail Trade')
	SERVER regress_shard2 OPTIONS (table_name 'unemployment');

-- tuple routing sends every row to its shard
INSERT INTO unemployment SELECT * FROM unemployment_local;
ANALYZE unemployment_local;
ANALYZE unemployment;

-- 1708 rows, 14 series, no NULL value, 2000-01 .. 2010-02
SELECT count(*), count(value), count(DISTINCT series), min(period), max(period) FROM unemployment_local;
-- the rows are on the shards: 7 x 122 = 854 each, asked of each shard itself
\c regress_shard1
SELECT count(*), count(DISTINCT series) FROM unemployment;
\c regress_shard2
SELECT count(*), count(DISTINCT series) FROM unemployment;
\c :regress_db
SET datestyle = 'ISO, YMD';
SET client_min_messages = warning;
SET enable_partitionwise_aggregate = on;

------------------------------------------------------------------------------
-- Pushed down: series_agg GROUP BY the partition key runs on each shard
------------------------------------------------------------------------------

EXPLAIN (VERBOSE, COSTS OFF)
SELECT series, series_agg(period, value) FROM unemployment GROUP BY series;

CREATE TEMP TABLE via_fdw AS
SELECT series, series_agg(period, value) AS s FROM unemployment GROUP BY series;
CREATE TEMP TABLE via_local AS
SELECT series, series_agg(period, value) AS s FROM unemployment_local GROUP BY series;

-- identical to the series built locally: nothing in one that is not in the
-- other, either way
SELECT (SELECT count(*) FROM via_fdw) AS fdw_series, (SELECT count(*) FROM via_local) AS local_series,
       (SELECT count(*) FROM (SELECT series, s::text FROM via_fdw
                              EXCEPT SELECT series, s::text FROM via_local) d) AS only_fdw,
       (SELECT count(*) FROM (SELECT series, s::text FROM via_local
                              EXCEPT SELECT series, s::text FROM via_fdw) d) AS only_local;

-- every series whole: 122 months, 2000-01 .. 2010-02, none missing
SELECT series, first_month(s), last_month(s), month_count(s), missing_months(s)
FROM via_fdw ORDER BY series;

-- an accessor over the pushed-down series: 2005's total of each industry,
-- equal to plain sum() over the local rows (thousands of persons; the
-- values were also summed from the CSV outside PostgreSQL)
SELECT f.series, annual(f.s, 2005) AS annual_2005, l.total AS local_sum_2005,
       annual(f.s, 2005) = l.total AS equal
FROM via_fdw f
JOIN (SELECT series, sum(value) AS total FROM unemployment_local
      WHERE period >= '2005-01-01' AND period < '2006-01-01' GROUP BY series) l USING (series)
ORDER BY f.series;

-- accessors are shippable too: here only numbers cross the network
EXPLAIN (VERBOSE, COSTS OFF)
SELECT series, annual(series_agg(period, value), 2005) FROM unemployment GROUP BY series;
SELECT count(*) AS series,
       count(*) FILTER (WHERE a.annual = l.total) AS equal_to_local_sum
FROM (SELECT series, annual(series_agg(period, value), 2005) FROM unemployment GROUP BY series) a
JOIN (SELECT series, sum(value) AS total FROM unemployment_local
      WHERE period >= '2005-01-01' AND period < '2006-01-01' GROUP BY series) l USING (series);

------------------------------------------------------------------------------
-- Combining series from several shards: series_sum and series_merge run
-- locally on the series the shards return
------------------------------------------------------------------------------

-- all industries together, month by month: series_sum of the 14 pushed-down
-- series against series_agg of the monthly sums of the local rows
EXPLAIN (VERBOSE, COSTS OFF)
SELECT series_sum(s) FROM (SELECT series, series_agg(period, value) AS s FROM unemployment GROUP BY series) x;
SELECT t.s::text = l.s::text AS identical, month_count(t.s), missing_months(t.s),
       annual(t.s, 2005) AS total_2005, value_at(t.s, '2010-02-01') AS total_2010_02
FROM (SELECT series_sum(s) AS s
      FROM (SELECT series, series_agg(period, value) AS s FROM unemployment GROUP BY series) x) t,
     (SELECT series_agg(period, total) AS s
      FROM (SELECT period, sum(value) AS total FROM unemployment_local GROUP BY period) m) l;

-- two stored series per industry built on the shards, 2000-2004 and
-- 2005-2010 (the GROUP BY holds the partition key), merged into whole series
-- locally.  (Grouping by extract(year FROM period) would not be pushed down:
-- in PostgreSQL 15 postgres_fdw does not ship a function call whose text
-- argument, 'year', has the default collation.)
EXPLAIN (VERBOSE, COSTS OFF)
SELECT series, series_merge(s)
FROM (SELECT series, period < date '2005-01-01' AS before_2005, series_agg(period, value) AS s
      FROM unemployment GROUP BY series, period < date '2005-01-01') h
GROUP BY series;
SELECT count(*) AS series,
       count(*) FILTER (WHERE m.s::text = l.s::text) AS identical_to_local
FROM (SELECT series, series_merge(s) AS s
      FROM (SELECT series, period < date '2005-01-01' AS before_2005, series_agg(period, value) AS s
            FROM unemployment GROUP BY series, period < date '2005-01-01') h
      GROUP BY series) m
JOIN via_local l USING (series);
-- the halves are disjoint; a month in two of them is an error naming the month
SELECT series_merge(s)
FROM (SELECT series_agg(period, value) AS s FROM unemployment
      WHERE series = 'Mining and Extraction' AND period < '2001-01-01'
      UNION ALL
      SELECT series_agg(period, value) FROM unemployment
      WHERE series = 'Mining and Extraction' AND period >= '2000-12-01' AND period < '2002-01-01') o;

------------------------------------------------------------------------------
-- Without partitionwise aggregation nothing is aggregated remotely: every
-- row is fetched and series_agg runs here (same result)
------------------------------------------------------------------------------

SET enable_partitionwise_aggregate = off;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT series, series_agg(period, value) FROM unemployment GROUP BY series;
SELECT count(*) AS series,
       count(*) FILTER (WHERE f.s::text = l.s::text) AS identical_to_local
FROM (SELECT series, series_agg(period, value) AS s FROM unemployment GROUP BY series) f
JOIN via_local l USING (series);
RESET enable_partitionwise_aggregate;

------------------------------------------------------------------------------
-- Partial states as text, the way Citus combines a custom aggregate that is
-- not grouped by the distribution column (worker_partial_agg /
-- coord_combine_agg, see docs/distributed.md; Citus itself is not tested
-- here): a worker runs the transition function and sends the unfinished
-- state through the state type's output function; the coordinator reads it
-- with the input function, combines the states with the combine function and
-- applies the final function.  series_agg's state is indicator_series, so
-- this is series_agg without its final function, ::text, ::indicator_series,
-- then series_merge (series_agg_combine + series_agg_final).
------------------------------------------------------------------------------

CREATE AGGREGATE regress_series_agg_partial(date, numeric) (
	SFUNC = series_agg_transfn,
	STYPE = indicator_series
);
-- an unfinished state (which may hold spare room for months to come), built
-- from months in ascending or in descending order, prints as the finished
-- series does
SELECT count(*) AS groups,
       count(*) FILTER (WHERE asc_state = finished) AS ascending_equal,
       count(*) FILTER (WHERE desc_state = finished) AS descending_equal
FROM (SELECT regress_series_agg_partial(period, value ORDER BY period)::text AS asc_state,
             regress_series_agg_partial(period, value ORDER BY period DESC)::text AS desc_state,
             series_agg(period, value)::text AS finished
      FROM unemployment_local GROUP BY series, period < date '2005-01-01') p;
-- two "workers" (before and from 2005) send text; combined, they are the
-- series built in one piece
SELECT count(*) AS series,
       count(*) FILTER (WHERE c.s::text = l.s::text) AS identical_to_local
FROM (SELECT series, series_merge(state::indicator_series) AS s
      FROM (SELECT series, regress_series_agg_partial(period, value ORDER BY period DESC)::text AS state
            FROM unemployment_local GROUP BY series, period < date '2005-01-01') w
      GROUP BY series) c
JOIN via_local l USING (series);
DROP AGGREGATE regress_series_agg_partial(date, numeric);

------------------------------------------------------------------------------
-- index_agg on the shards: the 14 industries' series, 30 times over with
-- different weights, as the 420 "products" of two groups, 'A' (the series
-- of shard 1) and 'B' (shard 2), in a table partitioned by group (the
-- shards made product_series above); index_agg GROUP BY the partition key
-- runs on each shard, and equals index_agg over a local copy.  The series
-- are whole-number counts and the weights whole numbers, so every sum is
-- exact in float8 and the two are identical whatever order the rows come in.
------------------------------------------------------------------------------

CREATE TABLE product_series (grp text, product text, s indicator_series, w float8) PARTITION BY LIST (grp);
CREATE FOREIGN TABLE product_series_shard1 PARTITION OF product_series FOR VALUES IN ('A')
	SERVER regress_shard1 OPTIONS (table_name 'product_series');
CREATE FOREIGN TABLE product_series_shard2 PARTITION OF product_series FOR VALUES IN ('B')
	SERVER regress_shard2 OPTIONS (table_name 'product_series');
CREATE TABLE product_series_local AS
SELECT CASE WHEN series < 'L' THEN 'A' ELSE 'B' END AS grp, series || ' ' || k AS product, s,
       (1 + (length(series) + k) % 5)::float8 AS w
FROM via_local, generate_series(1, 30) k;
INSERT INTO product_series SELECT * FROM product_series_local;
ANALYZE product_series;
SET enable_partitionwise_aggregate = on;

EXPLAIN (VERBOSE, COSTS OFF)
SELECT grp, index_agg(s, w) FROM product_series GROUP BY grp;
-- an index and its growth: functions of the aggregate are shipped too
EXPLAIN (VERBOSE, COSTS OFF)
SELECT grp, yoy_pct(index_agg(rebase(s, 2005), w), '2009-06-01') FROM product_series GROUP BY grp;
SELECT f.grp, f.s::text = l.s::text AS identical, month_count(f.s),
       round(yoy_pct(f.s, '2009-06-01')::numeric, 6) AS yoy_2009_06
FROM (SELECT grp, index_agg(s, w) AS s FROM product_series GROUP BY grp) f
JOIN (SELECT grp, index_agg(s, w) AS s FROM product_series_local GROUP BY grp) l USING (grp)
ORDER BY grp;
SELECT f.grp, abs(f.y - l.y) < 1e-9 AS equal
FROM (SELECT grp, yoy_pct(index_agg(rebase(s, 2005), w), '2009-06-01') AS y FROM product_series GROUP BY grp) f
JOIN (SELECT grp, yoy_pct(index_agg(rebase(s, 2005), w), '2009-06-01') AS y FROM product_series_local GROUP BY grp) l USING (grp)
ORDER BY grp;
RESET enable_partitionwise_aggregate;

-- Partial states as text, as Citus ships them (see above): index_agg's
-- state is index_agg_state, a type with text input and output.  Each
-- "worker" (group) sends its unfinished state as text; the coordinator reads
-- the texts back, combines them with index_agg_combine and finishes with
-- index_agg_final: the same index as index_agg over all the rows.
CREATE AGGREGATE regress_index_agg_partial(indicator_series, double precision) (
	SFUNC = index_agg_transfn,
	STYPE = index_agg_state
);
CREATE AGGREGATE regress_index_agg_coord(index_agg_state) (
	SFUNC = index_agg_combine,
	STYPE = index_agg_state,
	FINALFUNC = index_agg_final
);
SELECT count(*) AS workers, min(length(state)) > 0 AS states_are_text FROM (
	SELECT grp, regress_index_agg_partial(s, w)::text AS state FROM product_series GROUP BY grp) w;
SELECT (SELECT regress_index_agg_coord(state::index_agg_state)
        FROM (SELECT grp, regress_index_agg_partial(s, w)::text AS state FROM product_series GROUP BY grp) w)::text
       = (SELECT index_agg(s, w) FROM product_series_local)::text AS combined_identical;
DROP AGGREGATE regress_index_agg_partial(indicator_series, double precision);
DROP AGGREGATE regress_index_agg_coord(index_agg_state);
DROP TABLE product_series, product_series_local;

------------------------------------------------------------------------------
-- Clean up: close this session's connections to the shards, then drop them
------------------------------------------------------------------------------

SELECT postgres_fdw_disconnect_all();
DROP TABLE unemployment, unemployment_local, via_fdw, via_local;
DROP SERVER regress_shard1, regress_shard2 CASCADE;
DROP EXTENSION postgres_fdw;
DROP DATABASE regress_shard1;
DROP DATABASE regress_shard2;
