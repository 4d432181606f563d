--
-- store_owner: a store is kept current as its owner.  Three roles: the
-- owner of the source and the store, a loader with rights on the source
-- only, a reader with SELECT on the store only.
--
SET datestyle = 'ISO, YMD';
SET client_min_messages = warning;

CREATE ROLE regress_sv_owner;
CREATE ROLE regress_sv_loader;
CREATE ROLE regress_sv_reader;
GRANT CREATE ON SCHEMA public TO regress_sv_owner;
SET ROLE regress_sv_owner;

CREATE TABLE trade (id int PRIMARY KEY, region text, period date, value numeric(12,2));
INSERT INTO trade VALUES (1, 'north', '2021-01-01', 10), (2, 'north', '2021-02-01', 11),
	(3, 'south', '2021-01-01', 20);
SELECT series_store('trade', 'trade_store', '{region}');
-- the loader may write the source, nothing of the store; the reader may
-- read the store, nothing else
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON trade TO regress_sv_loader;
GRANT SELECT ON trade_store TO regress_sv_reader;
SELECT grantee, privilege_type FROM information_schema.role_table_grants
WHERE table_name = 'trade_store' AND grantee LIKE 'regress_sv%' ORDER BY 1, 2;

-- the loader's writes of every kind reach the store
SET ROLE regress_sv_loader;
INSERT INTO trade VALUES (4, 'north', '2021-03-01', 12), (5, 'east', '2021-01-01', 5);
UPDATE trade SET value = 21 WHERE id = 3;
DELETE FROM trade WHERE id = 2;
MERGE INTO trade t USING (VALUES (6, 'east', date '2021-02-01', 6::numeric)) v(id, region, period, value)
ON t.id = v.id WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.region, v.period, v.value);
INSERT INTO trade VALUES (4, 'north', '2021-03-01', 13) ON CONFLICT (id) DO UPDATE SET value = excluded.value;
COPY trade FROM STDIN;
7	west	2021-01-01	7
\.
-- but may not read the store, nor write it directly (42501)
\set VERBOSITY sqlstate
SELECT * FROM trade_store;
INSERT INTO trade_store VALUES ('forged', 'numeric {2021-01: 1}');
UPDATE trade_store SET s = 'numeric {2021-01: 1}';
DELETE FROM trade_store;
TRUNCATE trade_store;
\set VERBOSITY default

-- the reader sees the store as the loader left it, and writes nothing
SET ROLE regress_sv_reader;
SELECT * FROM trade_store ORDER BY region;
\set VERBOSITY sqlstate
INSERT INTO trade VALUES (8, 'west', '2021-02-01', 8);
SELECT * FROM trade;
UPDATE trade_store SET s = NULL;
DELETE FROM trade_store;
\set VERBOSITY default

-- the owner finds the store equal to the aggregate
SET ROLE regress_sv_owner;
SELECT * FROM series_store_check('trade_store');

-- a TRUNCATE by the loader empties the store, in a transaction rolled back
SET ROLE regress_sv_loader;
BEGIN;
TRUNCATE trade;
SET LOCAL ROLE regress_sv_reader;
SELECT count(*) AS stored FROM trade_store;
ROLLBACK;

-- the trigger writes as the owner, not as the loader: an owner that takes
-- away its own UPDATE on the store stops the loads (42501), although the
-- loader holds every right on the source; and the loader's identity is
-- back after the trigger, also after an error caught in a block
SET ROLE regress_sv_owner;
REVOKE UPDATE ON trade_store FROM regress_sv_owner;
SET ROLE regress_sv_loader;
\set VERBOSITY sqlstate
INSERT INTO trade VALUES (9, 'north', '2021-04-01', 14);
\set VERBOSITY default
SET client_min_messages = notice;
DO $$
BEGIN
	INSERT INTO trade VALUES (9, 'north', '2021-04-01', 14);
EXCEPTION WHEN insufficient_privilege THEN
	RAISE NOTICE 'refused; current_user %', current_user;
END $$ ;
SET client_min_messages = warning;
SELECT current_user;
SET ROLE regress_sv_owner;
GRANT UPDATE ON trade_store TO regress_sv_owner;
SET ROLE regress_sv_loader;
INSERT INTO trade VALUES (9, 'north', '2021-04-01', 14);
SELECT current_user;

SET ROLE regress_sv_owner;
SELECT * FROM trade_store ORDER BY region;
SELECT * FROM series_store_check('trade_store');

-- a store over a vintage table: the trigger reads the source too, as the
-- owner, so a loader with INSERT alone publishes, and one with DELETE (and
-- the SELECT its WHERE needs) withdraws the latest vintage
CREATE TABLE pubs (region text, period date, value numeric, vintage timestamptz,
				   PRIMARY KEY (region, period, vintage));
INSERT INTO pubs VALUES ('north', '2021-01-01', 10, '2021-02-05 00:00+00');
SELECT series_store('pubs', 'pubs_store', '{region}', vintage_column => 'vintage');
GRANT INSERT ON pubs TO regress_sv_loader;
GRANT SELECT ON pubs_store TO regress_sv_reader;
SET ROLE regress_sv_loader;
INSERT INTO pubs VALUES ('north', '2021-01-01', 11, '2021-03-05 00:00+00');
\set VERBOSITY sqlstate
SELECT * FROM pubs;
SELECT * FROM pubs_store;
\set VERBOSITY default
SET ROLE regress_sv_reader;
SELECT * FROM pubs_store;
SET ROLE regress_sv_owner;
GRANT SELECT, DELETE ON pubs TO regress_sv_loader;
SET ROLE regress_sv_loader;
DELETE FROM pubs WHERE vintage = '2021-03-05 00:00+00';
SET ROLE regress_sv_reader;
SELECT * FROM pubs_store;
SET ROLE regress_sv_owner;
SELECT * FROM series_store_check('pubs_store');

RESET ROLE;
DROP TABLE pubs CASCADE;
DROP TABLE pubs_store;
DROP TABLE trade CASCADE;
DROP TABLE trade_store;
REVOKE CREATE ON SCHEMA public FROM regress_sv_owner;
DROP ROLE regress_sv_owner;
DROP ROLE regress_sv_loader;
DROP ROLE regress_sv_reader;
