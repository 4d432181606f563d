--
-- store_vintage: a store over a vintage table (series_store's
-- vintage_column) keeps, for every key, the series as last published: for
-- each period the row of the latest vintage, a NULL value there withdrawing
-- the period; through every kind of write, deleting or updating the latest
-- vintage falls back to the one before.  With estimated_column the stored
-- series carry the estimate flags.
--
SET datestyle = 'ISO, YMD';
SET client_min_messages = warning;
SET timezone = 'UTC';

CREATE TABLE pub (id int PRIMARY KEY, region text, period date, value numeric(12,1),
				  vintage timestamptz, est boolean, note text);
-- north: January published on 5 Feb (an estimate, 10), revised on 5 Mar
-- (11) and on 5 Apr (12); February on 5 Mar (20, estimated), revised 5 Apr
-- (21).  south: January once (30).
INSERT INTO pub VALUES
	(1, 'north', '2021-01-01', 10, '2021-02-05', true, NULL),
	(2, 'north', '2021-01-01', 11, '2021-03-05', false, NULL),
	(3, 'north', '2021-01-01', 12, '2021-04-05', false, NULL),
	(4, 'north', '2021-02-01', 20, '2021-03-05', true, NULL),
	(5, 'north', '2021-02-01', 21, '2021-04-05', false, NULL),
	(6, 'south', '2021-01-01', 30, '2021-02-05', false, NULL);

-- without an index on the keys and the period: 55000, naming the index to create
SELECT series_store('pub', 'pub_store', '{region}', vintage_column => 'vintage');
CREATE INDEX pub_lookup ON pub (region, period, vintage);
SELECT series_store('pub', 'pub_store', '{region}', vintage_column => 'vintage');
-- north: January 12 (5 Apr), February 21 (5 Apr); south: January 30
SELECT * FROM pub_store ORDER BY region;
-- the trigger's arguments: 1.1's, then an empty one, the vintage column,
-- and no estimate column
SELECT DISTINCT encode(tgargs, 'escape') FROM pg_trigger WHERE tgrelid = 'pub'::regclass;

-- latest: the store's definition in plain SQL, independently of the
-- extension's code: for each (key, month), the row of the latest vintage
-- (DISTINCT ON), kept when its value is not NULL; same: the (key, month,
-- value) triples of the store and of latest, both ways, and what
-- series_store_check reports
CREATE TEMP VIEW latest AS
SELECT DISTINCT ON (region, date_trunc('month', period))
	   region, date_trunc('month', period)::date AS period, value, est
FROM pub ORDER BY region, date_trunc('month', period), vintage DESC;
CREATE TEMP VIEW store_diff AS
(SELECT region, r.period, r.value FROM pub_store, series_rows(s) r WHERE r.value IS NOT NULL
 EXCEPT ALL SELECT region, period, value FROM latest WHERE value IS NOT NULL)
UNION ALL
(SELECT region, period, value FROM latest WHERE value IS NOT NULL
 EXCEPT ALL SELECT region, r.period, r.value FROM pub_store, series_rows(s) r WHERE r.value IS NOT NULL)
UNION ALL
SELECT region, NULL, NULL FROM pub_store
WHERE s IS NULL OR value_at(s, first_month(s)) IS NULL OR value_at(s, last_month(s)) IS NULL;
CREATE TEMP VIEW same AS
SELECT (SELECT count(*) FROM store_diff) AS differences,
	   (SELECT count(*) FROM series_store_check('pub_store')) AS checked_keys;
SELECT * FROM same;

-- a new vintage of January (13, 5 May) replaces it; an older vintage of
-- February (19, 1 Mar) changes nothing; a new key
INSERT INTO pub VALUES (7, 'north', '2021-01-01', 13, '2021-05-05', false, NULL),
	(8, 'north', '2021-02-01', 19, '2021-03-01', true, NULL),
	(9, 'west', '2021-03-01', 1, '2021-04-05', true, NULL);
SELECT * FROM pub_store ORDER BY region;
SELECT * FROM same;
-- deleting the latest vintage falls back to the one before: January 12
DELETE FROM pub WHERE id = 7;
SELECT s FROM pub_store WHERE region = 'north';
-- and again, twice in one statement: January 10 (5 Feb)
DELETE FROM pub WHERE id IN (2, 3);
SELECT s FROM pub_store WHERE region = 'north';
SELECT * FROM same;
-- the latest vintage of February moved back in time (21 now published on
-- 2 Mar): 20 (5 Mar) is the latest
UPDATE pub SET vintage = '2021-03-02' WHERE id = 5;
SELECT s FROM pub_store WHERE region = 'north';
-- a value of an older vintage revised: nothing to see; the latest one: seen
UPDATE pub SET value = 99 WHERE id = 8;
UPDATE pub SET value = 22 WHERE id = 4;
SELECT s FROM pub_store WHERE region = 'north';
-- a column that is none of the store's
UPDATE pub SET note = 'checked';
SELECT * FROM same;
-- a NULL value at the latest vintage withdraws the period: February goes
-- (the series ends in January), and comes back when it is deleted
INSERT INTO pub VALUES (10, 'north', '2021-02-01', NULL, '2021-06-01', false, NULL);
SELECT s FROM pub_store WHERE region = 'north';
SELECT * FROM same;
DELETE FROM pub WHERE id = 10;
SELECT s FROM pub_store WHERE region = 'north';
-- a row moves to another key and another period (west March 1 becomes
-- south February): west has no series left
UPDATE pub SET region = 'south', period = '2021-02-10' WHERE id = 9;
SELECT * FROM pub_store ORDER BY region;
SELECT * FROM same;
-- COPY
COPY pub FROM STDIN;
11	south	2021-02-01	31	2021-05-01 00:00:00+00	f	\N
12	east	2021-01-01	\N	2021-05-01 00:00:00+00	f	\N
\.
SELECT * FROM pub_store ORDER BY region;
SELECT * FROM same;
-- INSERT ... ON CONFLICT: row 11 becomes an older vintage (south February
-- falls back to row 9's 1), and a new vintage of south January (33)
INSERT INTO pub VALUES (11, 'south', '2021-02-01', 31, '2021-01-01', false, NULL),
	(13, 'south', '2021-01-01', 33, '2021-06-01', false, NULL)
ON CONFLICT (id) DO UPDATE SET vintage = excluded.vintage;
SELECT * FROM pub_store ORDER BY region;
SELECT * FROM same;
-- MERGE: delete south's latest January (back to 30), update north's
-- February, insert a west January
MERGE INTO pub p
USING (VALUES (13, 'south', date '2021-01-01', 0::numeric, timestamptz '2021-06-01'),
			  (4, 'north', '2021-02-01', 23, '2021-03-05'),
			  (14, 'west', '2021-01-01', 7, '2021-02-05')) v(id, region, period, value, vintage)
ON p.id = v.id
WHEN MATCHED AND v.value = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET value = v.value
WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.region, v.period, v.value, v.vintage, false);
SELECT * FROM pub_store ORDER BY region;
SELECT * FROM same;

-- two rows at the latest vintage of a period are 21000 (whatever their
-- values, also NULL), as vintage_agg raises; a NULL vintage 22004, as
-- vintage_agg; a NULL period 22004; a failed statement changes nothing
CREATE TEMP VIEW fingerprint AS
SELECT (SELECT md5(string_agg(p::text, ',' ORDER BY id)) FROM pub p) AS source,
	   (SELECT md5(string_agg(st::text, ',' ORDER BY region)) FROM pub_store st) AS store;
CREATE TEMP TABLE before AS SELECT * FROM fingerprint;
\set VERBOSITY sqlstate
INSERT INTO pub VALUES (20, 'north', '2021-02-01', 24, '2021-03-05', false, NULL);
INSERT INTO pub VALUES (20, 'north', '2021-02-01', NULL, '2021-03-05', false, NULL);
INSERT INTO pub VALUES (20, 'new', '2021-02-01', 1, '2021-03-05', false, NULL),
	(21, 'new', '2021-02-01', NULL, '2021-03-05', false, NULL);
INSERT INTO pub VALUES (20, 'north', '2021-02-01', 24, NULL, false, NULL);
INSERT INTO pub VALUES (20, 'north', NULL, 24, '2021-03-05', false, NULL);
INSERT INTO pub VALUES (20, NULL, '2021-02-01', 24, '2021-03-05', false, NULL);
UPDATE pub SET vintage = '2021-03-05' WHERE id = 8;
\set VERBOSITY default
SELECT (SELECT source FROM before) = source AS source_unchanged,
	   (SELECT store FROM before) = store AS store_unchanged
FROM fingerprint;
-- the tie's message: the key, the month and the vintage
INSERT INTO pub VALUES (20, 'north', '2021-02-01', 24, '2021-03-05', false, NULL);

-- TRUNCATE empties the store
BEGIN;
TRUNCATE pub;
SELECT count(*) AS stored FROM pub_store;
ROLLBACK;

-- check and rebuild follow the same definition: with the triggers off, a
-- new vintage of north January is reported, then rebuilt
ALTER TABLE pub DISABLE TRIGGER USER;
INSERT INTO pub VALUES (30, 'north', '2021-01-01', 14, '2021-07-01', false, NULL);
ALTER TABLE pub ENABLE TRIGGER USER;
SELECT * FROM series_store_check('pub_store');
SELECT series_store_rebuild('pub_store') AS series;
SELECT * FROM pub_store ORDER BY region;
SELECT * FROM same;
-- a NULL vintage (written with the triggers off) stops check and rebuild
ALTER TABLE pub DISABLE TRIGGER USER;
INSERT INTO pub VALUES (31, 'north', '2021-09-01', 14, NULL, false, NULL);
ALTER TABLE pub ENABLE TRIGGER USER;
SELECT * FROM series_store_check('pub_store');
SELECT series_store_rebuild('pub_store');
DELETE FROM pub WHERE id = 31;

------------------------------------------------------------------------------
-- Estimate flags: with a vintage, and alone
------------------------------------------------------------------------------

-- the flags of the latest rows: north January 14 (not estimated),
-- February 23 (estimated, row 4)
SELECT series_store('pub', 'pub_flags', '{region}', vintage_column => 'vintage',
					estimated_column => 'est');
SELECT * FROM pub_flags ORDER BY region;
-- a new estimated vintage of north March; a flag revised alone
INSERT INTO pub VALUES (40, 'north', '2021-03-01', 30, '2021-04-05', true, NULL);
UPDATE pub SET est = false WHERE id = 4;
SELECT s, estimated_periods(s) FROM pub_flags WHERE region = 'north';
SELECT * FROM series_store_check('pub_flags');
-- the flags equal series_agg's over the latest rows
SELECT region, s = (SELECT series_agg(period, value, 'month', est) FROM latest l WHERE l.region = st.region)
	   AS same_as_latest
FROM pub_flags st ORDER BY region;

-- a store with flags and no vintage: series_agg(period, value, frequency,
-- estimated) over the rows; a flag changed alone reaches it
CREATE TABLE est_src (k int, period date, value numeric, est boolean);
INSERT INTO est_src VALUES (1, '2021-01-01', 1, false), (1, '2021-02-01', 2, true);
SELECT series_store('est_src', 'est_store', '{k}', estimated_column => 'est');
SELECT * FROM est_store;
UPDATE est_src SET est = false WHERE period = '2021-02-01';
INSERT INTO est_src VALUES (1, '2021-03-01', 3, true);
SELECT * FROM est_store;
DELETE FROM est_src WHERE period = '2021-03-01';
SELECT * FROM est_store;
SELECT * FROM series_store_check('est_store');
DROP TABLE est_src CASCADE;
DROP TABLE est_store;

------------------------------------------------------------------------------
-- A quarterly vintage store, a date vintage, two keys
------------------------------------------------------------------------------

CREATE TABLE grdp (province text, sector int, period date, value numeric, released date,
				   PRIMARY KEY (sector, province, period, released));
INSERT INTO grdp VALUES ('a', 1, '2021-01-01', 1, '2021-04-10'), ('a', 1, '2021-02-15', 2, '2021-05-10'),
	('a', 1, '2021-04-01', 3, '2021-07-10'), ('b', 2, '2021-01-01', 4, '2021-04-10');
-- the primary key (sector, province, period, released) serves
SELECT series_store('grdp', 'grdp_store', '{province,sector}', frequency => 'quarter',
					vintage_column => 'released');
-- a Q1: 2 (any date in a quarter stands for it, the later release counts)
SELECT * FROM grdp_store ORDER BY province;
DELETE FROM grdp WHERE period = '2021-02-15';
INSERT INTO grdp VALUES ('b', 2, '2021-03-31', 5, '2021-04-11');
SELECT * FROM grdp_store ORDER BY province;
SELECT * FROM series_store_check('grdp_store');
DROP TABLE grdp CASCADE;
DROP TABLE grdp_store;

------------------------------------------------------------------------------
-- latest_vintage, and INSERTs of later vintages (the fast way)
------------------------------------------------------------------------------

-- A vintage store's latest_vintage holds, per key, a vintage at least as
-- late as every vintage of the key's rows.  An INSERT whose rows of every
-- key are later than it changes the store from its own rows, without
-- reading the source (the source's index is not scanned in the
-- transaction: pg_stat_xact_user_tables); any other statement reads the
-- touched periods again, and keeps the bound.
CREATE TABLE fl (region text, period date, value numeric, vintage timestamptz);
CREATE INDEX fl_lookup ON fl (region, period, vintage);
-- c: February published 5 March, withdrawn (NULL) on 10 April: c has no
-- value, so no store row
INSERT INTO fl VALUES ('a', '2021-01-01', 1, '2021-02-05'), ('a', '2021-02-01', 2, '2021-03-05'),
	('b', '2021-01-01', 3, '2021-02-05'),
	('c', '2021-02-01', 5, '2021-03-05'), ('c', '2021-02-01', NULL, '2021-04-10');
SELECT series_store('fl', 'fl_store', '{region}', vintage_column => 'vintage');
-- a: January 1, February 2, latest 5 March; b: January 3, latest 5 February
SELECT * FROM fl_store ORDER BY region;
CREATE TEMP VIEW fl_scans AS
SELECT idx_scan AS source_scans FROM pg_stat_xact_user_tables WHERE relname = 'fl';
-- (it may count the scans of earlier transactions not yet reported too:
-- the tests count from the transaction's start)

CREATE TEMP VIEW fl_same AS
WITH latest AS (
	SELECT DISTINCT ON (region, period) region, period, value FROM fl
	ORDER BY region, period, vintage DESC),
stored AS (SELECT region, r.period, r.value FROM fl_store, series_rows(s) r WHERE r.value IS NOT NULL)
SELECT (SELECT count(*) FROM ((TABLE stored EXCEPT ALL SELECT * FROM latest WHERE value IS NOT NULL)
		UNION ALL (SELECT * FROM latest WHERE value IS NOT NULL EXCEPT ALL TABLE stored)) d) AS differences,
	   (SELECT count(*) FROM series_store_check('fl_store')) AS checked_keys;

-- the monthly load: March of a and b, published 5 April; then a's March
-- revised (4.5) in one statement with a's April, published 5 May: both
-- the fast way (no scan of the source)
BEGIN;
SELECT source_scans AS before FROM fl_scans \gset
INSERT INTO fl VALUES ('a', '2021-03-01', 4, '2021-04-05'), ('b', '2021-03-01', 6, '2021-04-05');
SELECT source_scans - :before AS source_scans FROM fl_scans;
INSERT INTO fl VALUES ('a', '2021-03-01', 4.5, '2021-05-05'), ('a', '2021-04-01', 7, '2021-05-05');
SELECT source_scans - :before AS source_scans FROM fl_scans;
COMMIT;
-- a: January 1 to April 7, latest 5 May; b: January 3, March 6, latest 5 April
SELECT * FROM fl_store ORDER BY region;

-- back-dated vintages read the source: an earlier publication of a's
-- March (1 April) changes nothing; b's February first published on 1
-- March, before b's latest_vintage, is stored; the bounds stay
BEGIN;
SELECT source_scans AS before FROM fl_scans \gset
INSERT INTO fl VALUES ('a', '2021-03-01', 99, '2021-04-01');
SELECT source_scans > :before AS read_the_source FROM fl_scans;
COMMIT;
INSERT INTO fl VALUES ('b', '2021-02-01', 5, '2021-03-01');
SELECT * FROM fl_store ORDER BY region;
SELECT * FROM fl_same;

-- a key without a store row gets, with it, its latest vintage in the
-- source: c's January (8, published 5 March) makes c's row, whose
-- latest_vintage is 10 April (the withdrawal of February), so that
-- February published on 1 April, older than the withdrawal, is seen to
-- change nothing (taken as later than every vintage of c, it would come
-- back as 9)
INSERT INTO fl VALUES ('c', '2021-01-01', 8, '2021-03-05');
SELECT * FROM fl_store WHERE region = 'c';
INSERT INTO fl VALUES ('c', '2021-02-01', 9, '2021-04-01');
SELECT * FROM fl_store WHERE region = 'c';

-- two rows of a period at a vintage later than the key's: 21000 naming the
-- key, the month and the vintage, as the slow way names them
INSERT INTO fl VALUES ('a', '2021-05-01', 1, '2021-06-05'), ('a', '2021-05-01', 2, '2021-06-05');
-- two rows at one vintage older than their period's latest are no tie, and
-- a NaN superseded in its statement by a later vintage is never kept:
-- vintage_agg refuses both, so they take the slow way, which stores what
-- the latest rows say (a unchanged; b's April 10)
INSERT INTO fl VALUES ('a', '2021-03-01', 1, '2021-04-02'), ('a', '2021-03-01', 2, '2021-04-02');
INSERT INTO fl VALUES ('b', '2021-04-01', 'NaN', '2021-05-01'), ('b', '2021-04-01', 10, '2021-05-02');
SELECT * FROM fl_store ORDER BY region;
SELECT * FROM fl_same;

-- a load with a new key (d): a the fast way, then d the slow way; with
-- a key left before one changed in key order (the slow way locks in key
-- order after the fast one), only the keys before the first left are
-- changed the fast way: b's March at a back-dated vintage leaves b and
-- c, and a new key (0) before the others leaves them all
INSERT INTO fl VALUES ('a', '2021-05-01', 11, '2021-06-05'), ('d', '2021-05-01', 12, '2021-06-05');
INSERT INTO fl VALUES ('a', '2021-06-01', 1, '2021-06-06'), ('b', '2021-03-01', 7, '2021-04-04'),
	('c', '2021-03-01', 2, '2021-06-06');
INSERT INTO fl VALUES ('0', '2021-01-01', 0, '2021-06-06'), ('c', '2021-04-01', 3, '2021-06-07');
SELECT * FROM fl_store ORDER BY region;
SELECT * FROM fl_same;
DELETE FROM fl WHERE region IN ('0', 'c') AND vintage >= '2021-06-06' OR region = 'a' AND period = '2021-06-01';
-- withdrawals at later vintages, the fast way: b's March goes; d's one
-- month goes, and d's row with it
BEGIN;
SELECT source_scans AS before FROM fl_scans \gset
INSERT INTO fl VALUES ('b', '2021-03-01', NULL, '2021-07-01'), ('d', '2021-05-01', NULL, '2021-07-01');
SELECT source_scans - :before AS source_scans FROM fl_scans;
COMMIT;
SELECT * FROM fl_store ORDER BY region;
SELECT * FROM fl_same;

-- an UPDATE to a later vintage raises the bound (a's January now
-- published 1 August), and so does a's June published 1 September; a
-- deletion below the bound leaves it (late is safe): a's June published
-- 15 July, before the bound, takes the slow way
UPDATE fl SET vintage = '2021-08-01' WHERE region = 'a' AND period = '2021-01-01';
SELECT region, latest_vintage FROM fl_store WHERE region = 'a';
INSERT INTO fl VALUES ('a', '2021-06-01', 14, '2021-09-01');
DELETE FROM fl WHERE region = 'a' AND period = '2021-01-01';
SELECT region, latest_vintage FROM fl_store WHERE region = 'a';
BEGIN;
SELECT source_scans AS before FROM fl_scans \gset
INSERT INTO fl VALUES ('a', '2021-06-01', 13, '2021-07-15');
SELECT source_scans > :before AS read_the_source FROM fl_scans;
COMMIT;
-- deleting the rows at the bound reads the key's latest vintage again (5
-- June, a's May), so that a load deleted and loaded again (the June of
-- 1 September) takes the fast way
DELETE FROM fl WHERE region = 'a' AND vintage >= '2021-07-15';
SELECT region, latest_vintage FROM fl_store WHERE region = 'a';
BEGIN;
SELECT source_scans AS before FROM fl_scans \gset
INSERT INTO fl VALUES ('a', '2021-06-01', 14, '2021-09-01');
SELECT source_scans - :before AS source_scans FROM fl_scans;
COMMIT;
SELECT * FROM fl_store ORDER BY region;
SELECT * FROM fl_same;

-- series_store_check reports a key whose latest_vintage is earlier than
-- its latest row's (the fast way would then go wrong); the rebuild sets
-- every bound to the key's latest vintage
UPDATE fl_store SET latest_vintage = '2021-01-01' WHERE region = 'b';
SELECT * FROM series_store_check('fl_store');
SELECT series_store_rebuild('fl_store') AS series;
SELECT * FROM fl_store ORDER BY region;
SELECT * FROM fl_same;
DROP VIEW fl_scans, fl_same;
DROP TABLE fl CASCADE;
DROP TABLE fl_store;

------------------------------------------------------------------------------
-- A long random sequence of writes: after every statement the store equals
-- the latest rows (DISTINCT ON); a failed statement changes nothing
------------------------------------------------------------------------------

-- 400 statements (seeded) over 3 regions x 24 months x 8 vintage days:
-- single and batch inserts, values, vintages, periods and keys updated,
-- deletes, MERGE, ON CONFLICT, now and then TRUNCATE; about a tenth of the
-- values NULL (withdrawals); ties at the latest vintage (21000), NULL
-- vintages (22004) and NULL keys (23502) fail as they come.  And
-- publications: batches of a later vintage day than most, which take the
-- fast way when every key's rows are later than its latest_vintage (the
-- source's indexes not scanned: pg_stat_xact_user_tables), else the slow
-- way; rv_run counts the INSERTs that took either.
CREATE TABLE rv (id int PRIMARY KEY, region text, period date, value numeric(12,2),
				 vintage timestamptz, est boolean);
CREATE INDEX ON rv (region, period, vintage);
SELECT series_store('rv', 'rv_store', '{region}', vintage_column => 'vintage',
					estimated_column => 'est');
CREATE TEMP VIEW rv_diff AS
WITH latest AS (
	SELECT DISTINCT ON (region, date_trunc('month', period))
		   region, date_trunc('month', period)::date AS period, value, coalesce(est, false) AS est
	FROM rv ORDER BY region, date_trunc('month', period), vintage DESC),
stored AS (
	SELECT region, r.period, r.value, is_estimated(s, r.period) AS est
	FROM rv_store, series_rows(s) r WHERE r.value IS NOT NULL)
(TABLE stored EXCEPT ALL SELECT * FROM latest WHERE value IS NOT NULL)
UNION ALL
(SELECT * FROM latest WHERE value IS NOT NULL EXCEPT ALL TABLE stored)
UNION ALL
SELECT region, NULL, NULL, NULL FROM rv_store
WHERE s IS NULL OR value_at(s, first_month(s)) IS NULL OR value_at(s, last_month(s)) IS NULL;
CREATE TEMP VIEW rv_fingerprint AS
SELECT coalesce((SELECT md5(string_agg(r::text, ',' ORDER BY id)) FROM rv r), '') ||
	   coalesce((SELECT md5(string_agg(st::text, ',' ORDER BY region)) FROM rv_store st), '') AS fp;
CREATE TEMP TABLE rv_run (succeeded int, failed int, tie int, null_vintage int, null_key int,
	fast_inserts int, slow_inserts int);
DO $$
DECLARE
	kinds text[] := '{insert,batch,value,vintage,period,key,delete,merge,upsert}';
	regions text := '(ARRAY[''north'',''south'',''east''])';
	kind text;
	sql text;
	ok int := 0;
	failed int := 0;
	ties int := 0;
	null_vintages int := 0;
	null_keys int := 0;
	next_id int := 1000;
	fp_before text;
	fp_after text;
	n bigint;
	fast int := 0;
	slow int := 0;
	scans bigint;
BEGIN
	PERFORM setseed(0.17);
	FOR step IN 1..400 LOOP
		kind := CASE WHEN step % 150 = 0 THEN 'truncate' ELSE kinds[1 + floor(random() * 9)::int] END;
		sql := CASE kind
			WHEN 'insert' THEN format('INSERT INTO rv VALUES (%s, %L, %L, %s, %s, %L)',
				next_id, (ARRAY['north','south','east', NULL])[1 + floor(random() * 3.05)::int],
				make_date(2020, 1, 1) + (floor(random() * 24)::int * interval '1 month'),
				CASE WHEN random() < 0.1 THEN 'NULL' ELSE round((random() * 1000)::numeric, 2)::text END,
				CASE WHEN random() < 0.02 THEN 'NULL' ELSE format('%L', make_date(2022, 1, 1) + floor(random() * 8)::int) END,
				random() < 0.3)
			WHEN 'batch' THEN format('INSERT INTO rv SELECT %s + i, %s[1 + (i * 7 + %s) %% 3], make_date(2020, 1, 1) + ((i * 5 + %s) %% 24) * interval ''1 month'', CASE WHEN i %% 10 = 3 THEN NULL ELSE round((random() * 1000)::numeric, 2) END, make_date(2022, 1, 1) + (i + %s) %% 8, i %% 3 = 0 FROM generate_series(0, %s) i',
				next_id, regions, floor(random() * 3)::int, floor(random() * 24)::int, floor(random() * 8)::int, floor(random() * 8)::int)
			WHEN 'value' THEN format('UPDATE rv SET value = %s WHERE id %% 7 = %s',
				CASE WHEN random() < 0.1 THEN 'NULL' ELSE 'value + 1' END, floor(random() * 7)::int)
			WHEN 'vintage' THEN format('UPDATE rv SET vintage = vintage + interval ''%s day'', est = NOT est WHERE id %% 13 = %s',
				floor(random() * 5)::int - 2, floor(random() * 13)::int)
			WHEN 'period' THEN format('UPDATE rv SET period = period + interval ''%s month'' WHERE id %% 11 = %s AND period < ''2021-06-01''',
				1 + floor(random() * 3)::int, floor(random() * 11)::int)
			WHEN 'key' THEN format('UPDATE rv SET region = %L WHERE id %% 29 = %s',
				(ARRAY['north','south','east'])[1 + floor(random() * 3)::int], floor(random() * 29)::int)
			WHEN 'delete' THEN format('DELETE FROM rv WHERE id %% 17 = %s', floor(random() * 17)::int)
			WHEN 'merge' THEN format('MERGE INTO rv r USING (SELECT %s + i AS id, %s[1 + i %% 3] AS region, make_date(2020, 1, 1) + ((i * 7 + %s) %% 24) * interval ''1 month'' AS period, (i * 10 + 1)::numeric AS value, make_date(2022, 1, 1) + (i + %s) %% 8 AS vintage FROM generate_series(0, 5) i UNION ALL SELECT id, region, period, value, vintage FROM rv WHERE id %% 5 = %s) v ON r.id = v.id WHEN MATCHED AND v.id %% 2 = 0 THEN DELETE WHEN MATCHED THEN UPDATE SET value = v.value + 1 WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.region, v.period, v.value, v.vintage, false)',
				next_id, regions, floor(random() * 24)::int, floor(random() * 8)::int, floor(random() * 5)::int)
			WHEN 'upsert' THEN format('INSERT INTO rv SELECT id, region, period, value, vintage + interval ''1 day'', est FROM rv WHERE id %% 6 = %s UNION ALL SELECT %s, %L, %L, %s, %L, true ON CONFLICT (id) DO UPDATE SET vintage = excluded.vintage, value = excluded.value',
				floor(random() * 6)::int, next_id, (ARRAY['north','south','east'])[1 + floor(random() * 3)::int],
				make_date(2020, 1, 1) + (floor(random() * 24)::int * interval '1 month'),
				round((random() * 1000)::numeric, 2), make_date(2022, 1, 1) + floor(random() * 8)::int)
			ELSE 'TRUNCATE rv'
		END;
		next_id := next_id + 10;
		-- every fourth step, a publication after the statement (no random(),
		-- so the other statements are those of the sequence without them)
		FOR j IN 1..CASE WHEN step % 4 = 0 THEN 2 ELSE 1 END LOOP
		IF j = 2 THEN
			kind := 'publish';
			sql := format('INSERT INTO rv SELECT 1000000 + %s + i, %s[1 + (i + %s) %% 3], make_date(2020, 1, 1) + ((i * 5 + %s) %% 24) * interval ''1 month'', CASE WHEN (i + %s) %% 10 = 3 THEN NULL ELSE (i * 37 + %s) %% 1000 END, %L::date + i %% 2, i %% 4 = 0 FROM generate_series(0, %s) i',
				step * 10, regions, step, step, step, step * 11, make_date(2022, 1, 5) + step / 4, step % 8);
		END IF;
		SELECT fp INTO fp_before FROM rv_fingerprint;
		SELECT idx_scan INTO scans FROM pg_stat_xact_user_tables WHERE relname = 'rv';
		BEGIN
			EXECUTE sql;
			ok := ok + 1;
			IF kind IN ('insert', 'batch', 'publish') THEN
				IF scans = (SELECT idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'rv') THEN
					fast := fast + 1;
				ELSE
					slow := slow + 1;
				END IF;
			END IF;
		EXCEPTION WHEN cardinality_violation OR null_value_not_allowed OR not_null_violation THEN
			failed := failed + 1;
			CASE SQLSTATE WHEN '21000' THEN ties := ties + 1;
				WHEN '22004' THEN null_vintages := null_vintages + 1;
				ELSE null_keys := null_keys + 1;
			END CASE;
			SELECT fp INTO fp_after FROM rv_fingerprint;
			IF fp_after IS DISTINCT FROM fp_before THEN
				RAISE EXCEPTION 'step %: a failed statement changed the tables: %', step, sql;
			END IF;
		END;
		SELECT count(*) INTO n FROM rv_diff;
		IF n > 0 THEN
			RAISE EXCEPTION 'step %: the store differs from the latest rows after: %', step, sql;
		END IF;
		IF step % 50 = 0 THEN
			SELECT count(*) INTO n FROM series_store_check('rv_store');
			IF n > 0 THEN
				RAISE EXCEPTION 'step %: series_store_check reports % keys after: %', step, n, sql;
			END IF;
		END IF;
		END LOOP;
	END LOOP;
	INSERT INTO rv_run VALUES (ok, failed, ties, null_vintages, null_keys, fast, slow);
END $$;
SELECT * FROM rv_run;
SELECT count(*) AS differences FROM rv_diff;
SELECT * FROM series_store_check('rv_store');
-- what the run left: rows, keys, the most rows (vintages) of one period
SELECT count(*) AS source_rows, count(DISTINCT region) AS keys,
	   (SELECT max(c) FROM (SELECT count(*) c FROM rv GROUP BY region, date_trunc('month', period)) x) AS most_vintages
FROM rv;
DROP VIEW rv_diff, rv_fingerprint;
DROP TABLE rv_run;
DROP TABLE rv CASCADE;
DROP TABLE rv_store;

------------------------------------------------------------------------------
-- Arguments
------------------------------------------------------------------------------

\set VERBOSITY sqlstate
-- unknown columns (42703); a vintage that is not a timestamptz or a date,
-- an estimate column that is not boolean (42804); a column in two roles
SELECT series_store('pub', 'st', '{region}', vintage_column => 'nope');
SELECT series_store('pub', 'st', '{region}', estimated_column => 'nope');
SELECT series_store('pub', 'st', '{region}', vintage_column => 'note');
SELECT series_store('pub', 'st', '{region}', estimated_column => 'note');
SELECT series_store('pub', 'st', '{region}', vintage_column => 'period');
SELECT series_store('pub', 'st', '{region}', vintage_column => 'region');
SELECT series_store('pub', 'st', '{region}', vintage_column => 'vintage', estimated_column => 'vintage');
-- an index that does not lead with the keys and the period does not serve
DROP INDEX pub_lookup;
CREATE INDEX pub_wrong ON pub (period, region, vintage);
SELECT series_store('pub', 'st', '{region}', vintage_column => 'vintage');
\set VERBOSITY default
-- a tie at the latest vintage already in the source (written with the
-- triggers off): 21000 at creation, naming the key, the month and the vintage
CREATE INDEX pub_lookup ON pub (region, period, vintage);
ALTER TABLE pub DISABLE TRIGGER USER;
INSERT INTO pub VALUES (50, 'tie', '2021-01-01', 1, '2021-02-05', false, NULL),
	(51, 'tie', '2021-01-01', 2, '2021-02-05', false, NULL);
ALTER TABLE pub ENABLE TRIGGER USER;
\set VERBOSITY terse
SELECT series_store('pub', 'st', '{region}', vintage_column => 'vintage');
\set VERBOSITY default
-- 1.1's calls reach the one series_store
SELECT p.oid::regprocedure FROM pg_proc p WHERE p.proname = 'series_store';

DROP VIEW same, store_diff, latest, fingerprint;
DROP TABLE before;
DROP TABLE pub CASCADE;
DROP TABLE pub_store, pub_flags;
