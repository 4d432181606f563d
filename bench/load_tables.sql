-- The monthly load's tables (bench/measure.sh, bench/store_load.sh), over
-- the workload's m (bench/workload.sql):
--   load_plain, load_store: m's rows with a primary key; load_store's
--     store m_store (series_store) is kept current by its triggers, and
--     read by r1_store;
--   vload_plain, vload_store: m's rows as a vintage table, each month
--     published a month and four days after it begins, with the primary
--     key (series, period, vintage); vload_store's store v_store
--     (series_store with vintage_column) keeps the latest vintages;
--   load_rows, vload_rows: the load, one new month (2021-01) for every
--     series, and for the vintage tables its first publication.
SET client_min_messages = warning;
DROP TABLE IF EXISTS load_plain, load_store, load_rows, m_store,
	vload_plain, vload_store, vload_rows, v_store;
CREATE TABLE load_plain (LIKE m, PRIMARY KEY (series, period));
CREATE TABLE load_store (LIKE m, PRIMARY KEY (series, period));
INSERT INTO load_plain SELECT * FROM m;
INSERT INTO load_store SELECT * FROM m;
SELECT series_store('load_store', 'm_store', '{series}') \g /dev/null
CREATE TABLE load_rows AS SELECT series, date '2021-01-01' AS period, value FROM m WHERE period = '2020-12-01';
CREATE TABLE vload_plain (LIKE m, vintage timestamptz, PRIMARY KEY (series, period, vintage));
CREATE TABLE vload_store (LIKE vload_plain INCLUDING ALL);
INSERT INTO vload_plain SELECT *, period + interval '1 month 4 days' FROM m;
INSERT INTO vload_store SELECT * FROM vload_plain;
SELECT series_store('vload_store', 'v_store', '{series}', vintage_column => 'vintage') \g /dev/null
CREATE TABLE vload_rows AS SELECT *, timestamptz '2021-02-05' AS vintage FROM load_rows;
VACUUM ANALYZE load_plain, load_store, load_rows, m_store, vload_plain, vload_store, vload_rows, v_store;
