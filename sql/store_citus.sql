--
-- store_citus: series_store refuses a table that Citus manages (its
-- triggers cannot run on the shards), and series_store_check, _rebuild and
-- _drop take no copy of a store's triggers on a shard for the source.
--
-- Citus is not installed here.  Both tests build, by hand, what Citus
-- would leave in the catalogs, and say so; docs/distributed.md records the
-- same behaviour on Citus 13.0.5 itself.
--
SET datestyle = 'ISO, YMD';
SET client_min_messages = warning;

CREATE TABLE citus_sales (shop text, period date, value numeric);
INSERT INTO citus_sales VALUES ('a', '2021-01-01', 1), ('a', '2021-02-01', 2), ('b', '2021-01-01', 3);

------------------------------------------------------------------------------
-- A table that Citus manages: 0A000, before anything is created
------------------------------------------------------------------------------

-- NOT CITUS: a stand-in for Citus's catalog pg_catalog.pg_dist_partition,
-- where Citus lists every table it manages (distributed, reference and
-- Citus local tables), with the columns of Citus 13.0's; series_store reads
-- only logicalrelid.  Creating a table in pg_catalog needs
-- allow_system_table_mods (a superuser's setting).
SET allow_system_table_mods = on;
CREATE TABLE pg_catalog.pg_dist_partition (logicalrelid regclass NOT NULL, partmethod "char" NOT NULL,
	partkey text, colocationid integer NOT NULL DEFAULT 0, repmodel "char" NOT NULL DEFAULT 'c',
	autoconverted boolean DEFAULT false);
RESET allow_system_table_mods;
-- citus_sales as a distributed table (hash on shop)
INSERT INTO pg_catalog.pg_dist_partition VALUES ('citus_sales', 'h', '{VAR :varattno 1}', 1, 's', false);

SELECT series_store('citus_sales', 'citus_sales_store', '{shop}');
-- nothing was created: no store, no trigger
SELECT to_regclass('citus_sales_store') AS store,
	   (SELECT count(*) FROM pg_trigger WHERE tgrelid = 'citus_sales'::regclass) AS triggers;
-- a reference table (partmethod 'n') too
UPDATE pg_catalog.pg_dist_partition SET partmethod = 'n', partkey = NULL, repmodel = 't';
\set VERBOSITY sqlstate
SELECT series_store('citus_sales', 'citus_sales_store', '{shop}');
\set VERBOSITY default
-- a table that Citus does not manage is a store's source as before, with
-- the catalog there
DELETE FROM pg_catalog.pg_dist_partition;
SELECT series_store('citus_sales', 'citus_sales_store', '{shop}');
SELECT * FROM citus_sales_store ORDER BY shop;

SET allow_system_table_mods = on;
DROP TABLE pg_catalog.pg_dist_partition;
RESET allow_system_table_mods;

------------------------------------------------------------------------------
-- Copies of a store's triggers on a shard
------------------------------------------------------------------------------

-- NOT CITUS: when a table with triggers is distributed (with
-- citus.enable_unsafe_triggers on), Citus copies its triggers to every
-- shard, a table named after it with the shard's number, each trigger
-- named with that number too and given the same arguments; a node that
-- holds shards has them in its pg_trigger.  Built here by hand as Citus
-- 13.0.5 builds them (on Citus, writes to such a shard then fail).
CREATE TABLE citus_sales_102008 (LIKE citus_sales);
SELECT format('CREATE TRIGGER %I AFTER %s ON citus_sales_102008 %s FOR EACH STATEMENT EXECUTE FUNCTION %s(%s)',
			  t.tgname || '_102008',
			  CASE WHEN t.tgtype & 4 <> 0 THEN 'INSERT' WHEN t.tgtype & 16 <> 0 THEN 'UPDATE'
				   WHEN t.tgtype & 8 <> 0 THEN 'DELETE' ELSE 'TRUNCATE' END,
			  CASE WHEN t.tgoldtable IS NOT NULL OR t.tgnewtable IS NOT NULL
				   THEN concat_ws(' ', 'REFERENCING', 'OLD TABLE AS ' || t.tgoldtable, 'NEW TABLE AS ' || t.tgnewtable)
				   ELSE '' END,
			  t.tgfoid::regproc,
			  (SELECT string_agg(quote_literal(a), ', ')
			   FROM unnest(string_to_array(rtrim(encode(t.tgargs, 'escape'), '\000'), '\000')) a))
FROM pg_trigger t WHERE t.tgrelid = 'citus_sales'::regclass ORDER BY t.tgname \gexec
SELECT tgrelid::regclass AS relation, tgname FROM pg_trigger
WHERE tgrelid IN ('citus_sales'::regclass, 'citus_sales_102008'::regclass) ORDER BY tgrelid, tgname;

-- the store is still the source's: writes keep it current, the check finds
-- the source (not the shard's empty copy), the rebuild refills it from the
-- source
INSERT INTO citus_sales VALUES ('b', '2021-02-01', 4);
SELECT * FROM citus_sales_store ORDER BY shop;
SELECT * FROM series_store_check('citus_sales_store');
SELECT series_store_rebuild('citus_sales_store') AS series;
-- the drop drops the source's triggers and no other
SELECT series_store_drop('citus_sales_store');
SELECT tgrelid::regclass AS relation, tgname FROM pg_trigger
WHERE tgrelid IN ('citus_sales'::regclass, 'citus_sales_102008'::regclass) ORDER BY tgrelid, tgname;
-- the shard's copies alone keep no store
SELECT * FROM series_store_check('citus_sales_store');

DROP TABLE citus_sales_102008, citus_sales, citus_sales_store;
