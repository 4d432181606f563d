--
-- vintage_fdw: vintage_agg and first_release_agg across PostgreSQL servers
-- with postgres_fdw, as sql/fdw.sql does for series_agg.  Two shard
-- databases on this same cluster (loopback connections) hold the
-- partitions of a publication history partitioned by series; with
-- partitionwise aggregation, vintage_agg GROUP BY the partition key runs on
-- the shards (it is in the Remote SQL), FILTER included, and only the
-- finished series come back, identical to those built locally.  The
-- history is built from real data that is not in the repository
-- (../shared/data/real/vega_unemployment_across_industries.csv, see that
-- directory's README.md): a first release (the value + 1%, rounded to one
-- decimal, an estimate) and the final value a month later.
--
SET client_min_messages = warning;
SELECT current_database() AS regress_db \gset

-- left over from an interrupted run on a kept cluster
DROP DATABASE IF EXISTS regress_vshard1;
DROP DATABASE IF EXISTS regress_vshard2;

CREATE DATABASE regress_vshard1;
CREATE DATABASE regress_vshard2;
\c regress_vshard1
CREATE EXTENSION indicator;
CREATE TABLE history (series text, period date, value numeric, vintage timestamptz, estimated boolean, frequency text);
\c regress_vshard2
CREATE EXTENSION indicator;
CREATE TABLE history (series text, period date, value numeric, vintage timestamptz, estimated boolean, frequency text);
\c :regress_db
SET datestyle = 'ISO, YMD';
SET timezone = 'UTC';
SET client_min_messages = warning;

CREATE EXTENSION postgres_fdw;
SELECT split_part(current_setting('unix_socket_directories'), ',', 1) AS socket_dir,
       current_setting('port') AS port,
       current_user AS fdw_user \gset
CREATE SERVER regress_vshard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host :'socket_dir', port :'port', dbname 'regress_vshard1', extensions 'indicator');
CREATE SERVER regress_vshard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host :'socket_dir', port :'port', dbname 'regress_vshard2', extensions 'indicator');
CREATE USER MAPPING FOR CURRENT_USER SERVER regress_vshard1 OPTIONS (user :'fdw_user');
CREATE USER MAPPING FOR CURRENT_USER SERVER regress_vshard2 OPTIONS (user :'fdw_user');

CREATE TABLE real_rows (series text, period date, value numeric);
\copy real_rows FROM '../shared/data/real/vega_unemployment_across_industries.csv' (FORMAT csv, HEADER)
CREATE TABLE history_local AS
SELECT series, period, round(value * 1.01, 1) AS value,
       (period + interval '1 month 4 days')::timestamptz AS vintage, true AS estimated, 'month' AS frequency
FROM real_rows
UNION ALL
SELECT series, period, value, (period + interval '2 months 4 days')::timestamptz, false, 'month' FROM real_rows;

CREATE TABLE history (series text, period date, value numeric, vintage timestamptz, estimated boolean, frequency text)
	PARTITION BY LIST (series);
CREATE FOREIGN TABLE history_shard1 PARTITION OF history
	FOR VALUES IN ('Agriculture', 'Business services', 'Construction', 'Education and Health',
				   'Finance', 'Government', 'Information')
	SERVER regress_vshard1 OPTIONS (table_name 'history');
CREATE FOREIGN TABLE history_shard2 PARTITION OF history
	FOR VALUES IN ('Leisure and hospitality', 'Manufacturing', 'Mining and Extraction', 'Other',
				   'Self-employed', 'Transportation and Utilities', 'Wholesale and Retail Trade')
	SERVER regress_vshard2 OPTIONS (table_name 'history');
INSERT INTO history SELECT * FROM history_local;
ANALYZE history_local;
ANALYZE history;
-- 3416 rows: two publications of 1708 months
SELECT count(*), count(DISTINCT series), count(*) FILTER (WHERE estimated) AS first_releases FROM history_local;
\c regress_vshard1
SELECT count(*), count(DISTINCT series) FROM history;
\c :regress_db
SET datestyle = 'ISO, YMD';
SET timezone = 'UTC';
SET client_min_messages = warning;
SET enable_partitionwise_aggregate = on;

------------------------------------------------------------------------------
-- Pushed down: the aggregates GROUP BY the partition key run on the shards
------------------------------------------------------------------------------

EXPLAIN (VERBOSE, COSTS OFF)
SELECT series, vintage_agg(period, value, vintage), first_release_agg(period, value, vintage)
FROM history GROUP BY series;
-- as known at a date: the FILTER goes too
EXPLAIN (VERBOSE, COSTS OFF)
SELECT series, vintage_agg(period, value, vintage) FILTER (WHERE vintage <= '2005-06-30')
FROM history GROUP BY series;
-- The five-argument forms go when the frequency comes from a column of the
-- foreign table.  A constant frequency ('month') stops the pushdown: in
-- PostgreSQL 15 postgres_fdw ships no aggregate whose input collation (a
-- text argument's default collation) does not come from a foreign column,
-- as for series_agg(period, value, 'quarter'); the aggregate then runs here,
-- with the same result.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT series, first_release_agg(period, value, vintage, frequency, estimated),
       vintage_agg(period, value, vintage, frequency, estimated) FILTER (WHERE vintage <= '2005-06-30')
FROM history GROUP BY series;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT series, vintage_agg(period, value, vintage, 'month', estimated) FROM history GROUP BY series;

CREATE TEMP TABLE via_fdw AS
SELECT series, vintage_agg(period, value, vintage) AS latest,
       first_release_agg(period, value, vintage, frequency, estimated) AS first,
       vintage_agg(period, value, vintage, frequency, estimated) FILTER (WHERE vintage <= '2005-06-30') AS known
FROM history GROUP BY series;
CREATE TEMP TABLE via_local AS
SELECT series, vintage_agg(period, value, vintage) AS latest,
       first_release_agg(period, value, vintage, 'month', estimated) AS first,
       vintage_agg(period, value, vintage, 'month', estimated) FILTER (WHERE vintage <= '2005-06-30') AS known
FROM history_local GROUP BY series;
-- identical to the series built locally, and the latest is the real series
SELECT count(*) AS series,
       count(*) FILTER (WHERE f.latest::text = l.latest::text AND f.first::text = l.first::text
                          AND f.known::text = l.known::text) AS identical,
       count(*) FILTER (WHERE f.latest = r.s) AS latest_is_real,
       count(*) FILTER (WHERE estimated_periods(f.known) = '{2005-05-01}') AS known_may_estimated
FROM via_fdw f JOIN via_local l USING (series)
JOIN (SELECT series, series_agg(period, value) AS s FROM real_rows GROUP BY series) r USING (series);

-- revision statistics over the pushed-down series
SELECT f.series, s.n, round(s.mean_revision::numeric, 4) AS mean_revision, round(s.rmar::numeric, 6) AS rmar
FROM via_fdw f, revision_stats(f.latest, f.first, '2001-01-01', '2009-12-01') s
WHERE f.series IN ('Construction', 'Finance') ORDER BY f.series;

SELECT postgres_fdw_disconnect_all();
DROP TABLE history, history_local, real_rows, via_fdw, via_local;
DROP SERVER regress_vshard1, regress_vshard2 CASCADE;
DROP EXTENSION postgres_fdw;
DROP DATABASE regress_vshard1;
DROP DATABASE regress_vshard2;
