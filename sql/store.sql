--
-- store: series_set, and stored series kept current by series_store's
-- triggers through every kind of write, by a loader that holds only
-- SELECT, INSERT, UPDATE, DELETE and TRUNCATE on the tables.
--
SET datestyle = 'ISO, YMD';
SET client_min_messages = warning;

------------------------------------------------------------------------------
-- series_set
------------------------------------------------------------------------------

-- which overload an argument reaches: an integer literal the integer one
-- (a NULL s then starts a numeric series), a decimal literal the numeric
-- one, double precision the float8 one; an untyped string or NULL the float8
-- one (the preferred type of the numeric category)
SELECT series_set(NULL, '2021-03-01', 5) AS int_literal,
	   series_set(NULL, '2021-03-01', 5.50) AS numeric_literal,
	   series_set(NULL, '2021-03-01', 5::bigint) AS bigint,
	   series_set(NULL, '2021-03-01', 5::double precision) AS float8;
SELECT series_set(NULL, '2021-03-01', '5') AS untyped,
	   series_set(NULL, '2021-03-01', NULL) AS null_value;
SELECT p.oid::regprocedure
FROM pg_proc p WHERE p.proname = 'series_set' ORDER BY 1;

-- a value into a numeric series is stored exactly, whatever its type: 5
-- from an integer or a double; the series takes the larger scale (1.5 is
-- 1.50 beside 2.25); 0.1::float8 is 0.1, as 0.1::float8::numeric
SELECT series_set('numeric {2021-01: 1.5}', '2021-03-15', 5) AS int_into_numeric,
	   series_set('numeric {2021-01: 1.5}', '2021-03-15', 5::float8) AS float8_into_numeric,
	   series_set('numeric {2021-01: 1.5}', '2021-01-31', 2.25) AS rescaled,
	   series_set('numeric {2021-01: 1.5}', '2021-01-01', 0.1::float8) AS tenth;
-- a float8 series takes double precision: numeric and integers converted
SELECT series_set('float8 {2021-01: 1.5}', '2021-02-01', 2.25) AS numeric_into_float8,
	   series_set('float8 {2021-01: 1.5}', '2021-02-01', 7) AS int_into_float8;
-- the span grows at either end, the months between missing; a value is
-- replaced; NULL marks a month missing and keeps the span (as a NULL row
-- does to series_agg), also beyond it
SELECT series_set('numeric {2021-03: 3}', '2020-12-01', 1) AS earlier,
	   series_set('numeric {2021-03: 3, 2021-04: 4}', '2021-04-01', 40) AS replaced,
	   series_set('numeric {2021-03: 3, 2021-04: 4}', '2021-04-01', NULL) AS last_missing,
	   series_set('numeric {2021-03: 3}', '2021-05-01', NULL) AS extended;
-- series_set equals series_agg over the same rows (12 months, one replaced)
SELECT series_set(series_agg(p, v), '2021-06-01', 600)::text =
	   (SELECT series_agg(p, CASE WHEN p = '2021-06-01' THEN 600 ELSE v END)
		FROM (SELECT make_date(2021, m, 1), m * 10::numeric(6,1) FROM generate_series(1, 12) m) t(p, v))::text
	   AS same_as_series_agg
FROM (SELECT make_date(2021, m, 1), m * 10::numeric(6,1) FROM generate_series(1, 12) m) t(p, v);
-- narrower slots again when a wide value is replaced (the image of a
-- series equals the image series_agg builds)
SELECT series_set('numeric {2021-01: 1, 2021-02: 99999999999999}', '2021-02-01', 2)::text::bytea =
	   'numeric {2021-01: 1, 2021-02: 2}'::indicator_series::text::bytea AS same_image,
	   indicator_series_send(series_set('numeric {2021-01: 1, 2021-02: 99999999999999}', '2021-02-01', 2)) =
	   indicator_series_send('numeric {2021-01: 1, 2021-02: 2}') AS same_binary;

\set VERBOSITY sqlstate
-- a NULL period is 22004; NaN and infinity 22023; a value beyond 38
-- digits at the series' scale 22003; a month beyond year 9999 22008
SELECT series_set('numeric {2021-01: 1}', NULL, 5);
SELECT series_set('numeric {2021-01: 1}', '2021-02-01', 'NaN'::numeric);
SELECT series_set('float8 {2021-01: 1}', '2021-02-01', 'Infinity'::float8);
SELECT series_set('numeric {2021-01: 1.0000000000}', '2021-02-01', 12345678901234567890123456789::numeric);
SELECT series_set('numeric {2021-01: 1}', 'infinity', 5);
\set VERBOSITY default

------------------------------------------------------------------------------
-- A store: created by the owner of the source, loaded by a loader
------------------------------------------------------------------------------

CREATE ROLE regress_store_owner;
CREATE ROLE regress_store_loader;
GRANT CREATE ON SCHEMA public TO regress_store_owner;
SET ROLE regress_store_owner;

CREATE TABLE exports (id int PRIMARY KEY, region text, product int, period date,
					  value numeric(12,2), note text);
INSERT INTO exports VALUES
	(1, 'north', 5, '2021-01-01', 10), (2, 'north', 5, '2021-02-01', 11),
	(3, 'north', 5, '2021-03-01', NULL), (4, 'south', 5, '2021-01-15', 20),
	(5, 'south', 6, '2021-02-01', NULL);
-- returns the store; south 6 has no value, so no series
SELECT series_store('exports', 'exports_store', '{region,product}');
SELECT * FROM exports_store ORDER BY region, product;
-- the store's columns: the keys with the source's types, s, the primary key
SELECT attname, format_type(atttypid, atttypmod), attnotnull
FROM pg_attribute WHERE attrelid = 'exports_store'::regclass AND attnum > 0 ORDER BY attnum;
SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'exports_store'::regclass;
-- its triggers: statement level, one per event
SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'exports'::regclass ORDER BY tgname;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON exports, exports_store TO regress_store_loader;
SET ROLE regress_store_loader;
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;

-- same(): the store against a fresh series_agg over the source, compared
-- month by month, independently of series_store_check: the (key, month,
-- value) triples with a value, both ways; no stored series that is NULL,
-- has no value, or has a missing month at an end
CREATE TEMP VIEW store_diff AS
SELECT 'only in the store' AS side, region, product, r.period, r.value
FROM exports_store, series_rows(s) r WHERE r.value IS NOT NULL
EXCEPT ALL
SELECT 'only in the store', region, product, date_trunc('month', period)::date, value
FROM exports WHERE value IS NOT NULL
UNION ALL
(SELECT 'only in the source', region, product, date_trunc('month', period)::date, value
 FROM exports WHERE value IS NOT NULL
 EXCEPT ALL
 SELECT 'only in the source', region, product, r.period, r.value
 FROM exports_store, series_rows(s) r WHERE r.value IS NOT NULL)
UNION ALL
SELECT 'untrimmed or empty', region, product, NULL, NULL
FROM exports_store
WHERE s IS NULL OR value_at(s, first_month(s)) IS NULL OR value_at(s, last_month(s)) IS NULL;
CREATE TEMP VIEW same AS
SELECT (SELECT count(*) FROM store_diff) AS differences,
	   (SELECT count(*) FROM series_store_check('exports_store')) AS checked_keys;

-- INSERT: a month after the end, a month before the start, a new key
INSERT INTO exports VALUES (6, 'north', 5, '2021-04-01', 13), (7, 'north', 5, '2020-12-01', 9),
	(8, 'west', 1, '2021-06-01', 1.5);
SELECT * FROM exports_store ORDER BY region, product;
SELECT * FROM same;
-- COPY, a NULL value among them (a missing month, no series for east 2)
COPY exports FROM STDIN;
9	north	5	2021-05-01	14	\N
10	south	5	2021-02-01	21	\N
11	east	2	2021-02-01	\N	\N
\.
SELECT * FROM exports_store ORDER BY region, product;
SELECT * FROM same;
-- UPDATE a value; the period of a row (north 5: 2021-01 moves to 2021-03);
-- a row's key (south 5 2021-02 moves to east 2); a column that is none of them
UPDATE exports SET value = 100 WHERE id = 2;
UPDATE exports SET period = '2021-03-20' WHERE id = 1;
UPDATE exports SET region = 'east', product = 2 WHERE id = 10;
UPDATE exports SET note = 'checked';
SELECT * FROM exports_store ORDER BY region, product;
SELECT * FROM same;
-- an UPDATE that swaps two rows' months is no duplicate (the statement's
-- final rows count, not an intermediate one)
UPDATE exports SET period = CASE id WHEN 6 THEN date '2021-05-01' ELSE date '2021-04-01' END
WHERE id IN (6, 9);
SELECT s FROM exports_store WHERE region = 'north';
SELECT * FROM same;
-- DELETE: a month in the middle (missing now); the last row of west 1 (no series)
DELETE FROM exports WHERE id IN (2, 8);
SELECT * FROM exports_store ORDER BY region, product;
SELECT * FROM same;
-- a month at the end deleted: the stored series is trimmed, as series_trim
-- of the aggregate would be
DELETE FROM exports WHERE id = 7;
SELECT s FROM exports_store WHERE region = 'north';
SELECT * FROM same;
-- INSERT ... ON CONFLICT: row 6 moves from 2021-05 to 2021-06 and a new row
-- takes 2021-05 in the same statement (PostgreSQL fires the UPDATE's
-- statement trigger before the INSERT's)
INSERT INTO exports VALUES (6, 'north', 5, '2021-06-01', 16), (12, 'north', 5, '2021-05-01', 15)
ON CONFLICT (id) DO UPDATE SET period = excluded.period, value = excluded.value;
SELECT s FROM exports_store WHERE region = 'north';
SELECT * FROM same;
-- MERGE: delete row 12 (2021-05) and insert a new 2021-05, update row 4,
-- insert a new key
MERGE INTO exports e
USING (VALUES (12, 'north', 5, date '2021-05-01', 0::numeric),
			  (13, 'north', 5, '2021-05-01', 55),
			  (4, 'south', 5, '2021-01-01', 22),
			  (14, 'west', 3, '2021-01-01', 3)) v(id, region, product, period, value)
ON e.id = v.id
WHEN MATCHED AND v.value = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET value = v.value
WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.region, v.product, v.period, v.value);
SELECT * FROM exports_store ORDER BY region, product;
SELECT * FROM same;

------------------------------------------------------------------------------
-- A statement that fails leaves the source and the store as they were
------------------------------------------------------------------------------

CREATE TEMP VIEW fingerprint AS
SELECT (SELECT md5(string_agg(e::text, ',' ORDER BY id)) FROM exports e) AS source,
	   (SELECT md5(string_agg(st::text, ',' ORDER BY region, product)) FROM exports_store st) AS store;
CREATE TEMP TABLE before AS SELECT * FROM fingerprint;
-- a second value for north 5 2021-04, among other rows: 21000, as series_agg
INSERT INTO exports VALUES (20, 'west', 9, '2021-01-01', 1), (21, 'north', 5, '2021-04-30', 1);
-- two values for one new month in one statement
INSERT INTO exports VALUES (20, 'west', 9, '2021-01-01', 1), (21, 'west', 9, '2021-01-02', 2);
-- an UPDATE moving a row onto a month that holds a value
UPDATE exports SET period = '2021-04-01' WHERE id = 13;
-- a row moved to another key, onto a month that key holds
UPDATE exports SET region = 'north', period = '2021-06-01' WHERE id = 4;
-- a NULL key: 23502, with or without a value
INSERT INTO exports VALUES (20, NULL, 9, '2021-01-01', 1);
INSERT INTO exports VALUES (20, 'west', NULL, '2021-01-01', NULL);
UPDATE exports SET product = NULL WHERE id = 4;
\set VERBOSITY sqlstate
INSERT INTO exports VALUES (20, 'west', 9, '2021-01-01', 1), (21, 'north', 5, '2021-04-30', 1);
INSERT INTO exports VALUES (20, NULL, 9, '2021-01-01', 1);
\set VERBOSITY default
SELECT (SELECT source FROM before) = source AS source_unchanged,
	   (SELECT store FROM before) = store AS store_unchanged
FROM fingerprint;
SELECT * FROM same;

-- TRUNCATE empties the store
BEGIN;
TRUNCATE exports;
SELECT count(*) AS stored FROM exports_store;
ROLLBACK;

------------------------------------------------------------------------------
-- A hostile search_path redirects nothing the triggers run
------------------------------------------------------------------------------

RESET ROLE;
CREATE SCHEMA regress_store_trap;
GRANT USAGE ON SCHEMA regress_store_trap TO PUBLIC;
CREATE FUNCTION regress_store_trap.trap(text, text) RETURNS boolean LANGUAGE plpgsql AS
	$$ BEGIN RAISE EXCEPTION 'trap called by %', current_user; END $$;
CREATE FUNCTION regress_store_trap.trap(int, int) RETURNS boolean LANGUAGE plpgsql AS
	$$ BEGIN RAISE EXCEPTION 'trap called by %', current_user; END $$;
CREATE OPERATOR regress_store_trap.= (LEFTARG = text, RIGHTARG = text, PROCEDURE = regress_store_trap.trap);
CREATE OPERATOR regress_store_trap.= (LEFTARG = int, RIGHTARG = int, PROCEDURE = regress_store_trap.trap);
CREATE FUNCTION regress_store_trap.series_agg(date, numeric) RETURNS indicator_series LANGUAGE plpgsql AS
	$$ BEGIN RAISE EXCEPTION 'trap called by %', current_user; END $$;
CREATE FUNCTION regress_store_trap.array_agg(date) RETURNS date[] LANGUAGE plpgsql AS
	$$ BEGIN RAISE EXCEPTION 'trap called by %', current_user; END $$;
CREATE FUNCTION regress_store_trap.count() RETURNS bigint LANGUAGE plpgsql AS
	$$ BEGIN RAISE EXCEPTION 'trap called by %', current_user; END $$;
CREATE TABLE regress_store_trap.exports_store (region text, product int, s indicator_series);
CREATE TABLE regress_store_trap.indicator_new_rows (region text, product int, period date, value numeric);
GRANT ALL ON regress_store_trap.exports_store, regress_store_trap.indicator_new_rows TO PUBLIC;
SET ROLE regress_store_loader;
SET search_path = regress_store_trap, public;
INSERT INTO exports VALUES (30, 'north', 5, '2021-07-01', 17);
UPDATE exports SET value = 18 WHERE id = 30;
DELETE FROM exports WHERE id = 30;
INSERT INTO exports VALUES (31, 'trap', 1, '2021-07-01', 1);
SELECT * FROM regress_store_trap.exports_store;
SELECT * FROM series_store_check('public.exports_store');
RESET search_path;
SELECT * FROM same;
DELETE FROM exports WHERE id = 31;

------------------------------------------------------------------------------
-- A long random sequence of writes by the loader: after every statement
-- the store equals the aggregate; a failed statement changes nothing
------------------------------------------------------------------------------

-- 400 statements (seeded, so the same each run) over 3 regions x 3
-- products x 24 months: single and batch inserts, values, periods and keys
-- updated, deletes, MERGE, ON CONFLICT and now and then TRUNCATE; about a
-- tenth of the values NULL; duplicates and NULL keys fail as they come
CREATE TEMP TABLE random_run (succeeded int, failed int);
DO $$
DECLARE
	kinds text[] := '{insert,batch,value,period,key,delete,merge,upsert,truncate}';
	kind text;
	sql text;
	ok int := 0;
	failed int := 0;
	next_id int := 1000;
	fp_before text;
	fp_after text;
	n bigint;
BEGIN
	PERFORM setseed(0.42);
	FOR step IN 1..400 LOOP
		kind := CASE WHEN step % 150 = 0 THEN 'truncate' ELSE kinds[1 + floor(random() * 8)::int] END;
		sql := CASE kind
			WHEN 'insert' THEN format('INSERT INTO exports VALUES (%s, %L, %s, %L, %s)',
				next_id, (ARRAY['north','south','east', NULL])[1 + floor(random() * 3.05)::int],
				1 + floor(random() * 3)::int, make_date(2020, 1, 1) + (floor(random() * 24)::int * interval '1 month'),
				CASE WHEN random() < 0.1 THEN 'NULL' ELSE round((random() * 1000)::numeric, 2)::text END)
			WHEN 'batch' THEN format('INSERT INTO exports SELECT %s + i, (ARRAY[''north'',''south'',''east''])[1 + (i * 7 + %s) %% 3], 1 + (i + %s) %% 3, make_date(2020, 1, 1) + ((i * 5 + %s) %% 24) * interval ''1 month'', CASE WHEN i %% 10 = 3 THEN NULL ELSE round((random() * 1000)::numeric, 2) END FROM generate_series(0, %s) i',
				next_id, floor(random() * 3)::int, floor(random() * 3)::int, floor(random() * 24)::int, floor(random() * 8)::int)
			WHEN 'value' THEN format('UPDATE exports SET value = %s WHERE id %% 7 = %s',
				CASE WHEN random() < 0.1 THEN 'NULL' ELSE 'value + 1' END, floor(random() * 7)::int)
			WHEN 'period' THEN format('UPDATE exports SET period = period + interval ''%s month'' WHERE id %% 11 = %s AND period < ''2021-06-01''',
				1 + floor(random() * 3)::int, floor(random() * 11)::int)
			WHEN 'key' THEN format('UPDATE exports SET region = %L, product = %s WHERE id %% 29 = %s',
				(ARRAY['north','south','east'])[1 + floor(random() * 3)::int], 1 + floor(random() * 3)::int, floor(random() * 29)::int)
			WHEN 'delete' THEN format('DELETE FROM exports WHERE id %% 31 = %s', floor(random() * 31)::int)
			WHEN 'merge' THEN format('MERGE INTO exports e USING (SELECT %s + i AS id, (ARRAY[''north'',''south'',''east''])[1 + i %% 3] AS region, 1 + (i + %s) %% 3 AS product, make_date(2020, 1, 1) + ((i * 7 + %s) %% 24) * interval ''1 month'' AS period, (i * 10 + 1)::numeric AS value FROM generate_series(0, 5) i UNION ALL SELECT id, region, product, period, value FROM exports WHERE id %% 5 = %s) v ON e.id = v.id WHEN MATCHED AND v.id %% 2 = 0 THEN DELETE WHEN MATCHED THEN UPDATE SET value = v.value + 1 WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.region, v.product, v.period, v.value)',
				next_id, floor(random() * 3)::int, floor(random() * 24)::int, floor(random() * 5)::int)
			WHEN 'upsert' THEN format('INSERT INTO exports SELECT id, region, product, period + interval ''1 month'', value FROM exports WHERE id %% 6 = %s UNION ALL SELECT %s, %L, %s, %L, %s ON CONFLICT (id) DO UPDATE SET period = excluded.period, value = excluded.value',
				floor(random() * 6)::int, next_id, (ARRAY['north','south','east'])[1 + floor(random() * 3)::int],
				1 + floor(random() * 3)::int, make_date(2020, 1, 1) + (floor(random() * 24)::int * interval '1 month'),
				round((random() * 1000)::numeric, 2))
			ELSE 'TRUNCATE exports'
		END;
		next_id := next_id + 10;
		SELECT source || store INTO fp_before FROM fingerprint;
		BEGIN
			EXECUTE sql;
			ok := ok + 1;
		EXCEPTION WHEN cardinality_violation OR not_null_violation THEN
			failed := failed + 1;
			SELECT source || store INTO fp_after FROM fingerprint;
			IF fp_after IS DISTINCT FROM fp_before THEN
				RAISE EXCEPTION 'step %: a failed statement changed the tables: %', step, sql;
			END IF;
		END;
		SELECT count(*) INTO n FROM store_diff;
		IF n > 0 THEN
			RAISE EXCEPTION 'step %: the store differs from the aggregate after: %', step, sql;
		END IF;
		IF step % 50 = 0 THEN
			SELECT count(*) INTO n FROM series_store_check('exports_store');
			IF n > 0 THEN
				RAISE EXCEPTION 'step %: series_store_check reports % keys after: %', step, n, sql;
			END IF;
		END IF;
	END LOOP;
	INSERT INTO random_run VALUES (ok, failed);
END $$;
SELECT * FROM random_run;
SELECT * FROM same;
SELECT count(*) AS source_rows, count(value) AS with_value, count(DISTINCT (region, product)) AS keys FROM exports;

------------------------------------------------------------------------------
-- Check, rebuild, drop
------------------------------------------------------------------------------

-- the owner disables the triggers; what the loader then writes is reported
DROP VIEW same, store_diff, fingerprint;
DROP TABLE before, random_run;
RESET ROLE;
TRUNCATE exports;
INSERT INTO exports VALUES (1, 'north', 5, '2021-01-01', 10), (2, 'south', 5, '2021-01-01', 20),
	(3, 'east', 2, '2021-01-01', 30);
ALTER TABLE exports DISABLE TRIGGER USER;
SET ROLE regress_store_loader;
UPDATE exports SET value = 11 WHERE id = 1;
DELETE FROM exports WHERE id = 2;
INSERT INTO exports VALUES (4, 'west', 1, '2021-01-01', 1);
RESET ROLE;
ALTER TABLE exports ENABLE TRIGGER USER;
-- one row per key that differs, as a row literal, in key order
SELECT * FROM series_store_check('exports_store');
SET ROLE regress_store_owner;
SELECT series_store_rebuild('exports_store') AS series;
SELECT * FROM series_store_check('exports_store');
SELECT * FROM exports_store ORDER BY region, product;

-- dropping the store needs CASCADE (its triggers depend on it)
DROP TABLE exports_store;
-- series_store_drop stops the syncing: the triggers go, the store stays
SELECT series_store_drop('exports_store');
SELECT count(*) AS triggers FROM pg_trigger WHERE tgrelid = 'exports'::regclass;
INSERT INTO exports VALUES (5, 'north', 5, '2021-02-01', 12);
SELECT * FROM exports_store ORDER BY region, product;
SELECT * FROM series_store_check('exports_store');
DROP TABLE exports_store;

------------------------------------------------------------------------------
-- Arguments
------------------------------------------------------------------------------

\set VERBOSITY sqlstate
-- unknown columns (42703), a period that is not a date (42804), no keys,
-- a key twice, an unknown frequency (22023), a view (42809), a NULL (22004)
SELECT series_store('exports', 'st', '{region,nope}');
SELECT series_store('exports', 'st', '{region}', 'nope');
SELECT series_store('exports', 'st', '{region}', value_column => 'nope');
SELECT series_store('exports', 'st', '{region}', 'note');
SELECT series_store('exports', 'st', '{}');
SELECT series_store('exports', 'st', '{region,region}');
SELECT series_store('exports', 'st', '{region}', frequency => 'week');
CREATE VIEW exports_view AS SELECT * FROM exports;
SELECT series_store('exports_view', 'st', '{region}');
SELECT series_store('exports', NULL, '{region}');
-- a source with NULL keys cannot be stored (23502); a duplicate month 21000
INSERT INTO exports VALUES (6, NULL, 5, '2021-02-01', 12);
SELECT series_store('exports', 'st', '{region,product}');
UPDATE exports SET region = 'north' WHERE id = 6;
SELECT series_store('exports', 'st', '{region,product}');
-- not a store
SELECT * FROM series_store_check('exports');
\set VERBOSITY default
DROP VIEW exports_view;

------------------------------------------------------------------------------
-- A partitioned source, a schema-qualified store, float8 values, one key
------------------------------------------------------------------------------

RESET ROLE;
CREATE SCHEMA regress_store_other AUTHORIZATION regress_store_owner;
SET ROLE regress_store_owner;
CREATE TABLE sales (period date, value double precision, shop text COLLATE "C") PARTITION BY RANGE (period);
CREATE TABLE sales_2020 PARTITION OF sales FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE sales_2021 PARTITION OF sales FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
INSERT INTO sales VALUES ('2020-11-01', 1.5, 'a'), ('2020-12-01', 2.5, 'a'), ('2021-01-01', 3.25, 'a'),
	('2020-12-01', 7, 'b');
SELECT series_store('sales', 'regress_store_other.sales_store', '{shop}');
-- the key keeps its collation
SELECT attname, attcollation::regcollation FROM pg_attribute
WHERE attrelid = 'regress_store_other.sales_store'::regclass AND attname = 'shop';
-- a row moving between partitions (2021-01 to 2020-10) is one update
UPDATE sales SET period = '2020-10-01' WHERE period = '2021-01-01';
INSERT INTO sales VALUES ('2021-02-01', 4, 'b');
SELECT * FROM regress_store_other.sales_store ORDER BY shop;
SELECT * FROM series_store_check('regress_store_other.sales_store');
-- a detached partition's rows are no longer the source's: the check
-- reports both keys, a rebuild follows
ALTER TABLE sales DETACH PARTITION sales_2020;
SELECT * FROM series_store_check('regress_store_other.sales_store');
SELECT series_store_rebuild('regress_store_other.sales_store') AS series;
SELECT * FROM regress_store_other.sales_store ORDER BY shop;

-- a store of quarterly series: any date of a quarter stands for it; a
-- second value for a quarter is 21000; series_set works in the series'
-- own periods
CREATE TABLE grdp (region text, period date, value numeric);
INSERT INTO grdp VALUES ('a', '2021-01-01', 1), ('a', '2021-04-01', 2), ('b', '2021-07-01', 3);
SELECT series_store('grdp', 'grdp_store', '{region}', frequency => 'quarter');
INSERT INTO grdp VALUES ('a', '2021-07-01', 4), ('b', '2021-01-01', 9);
DELETE FROM grdp WHERE region = 'b' AND period = '2021-07-01';
UPDATE grdp SET period = '2021-10-01' WHERE region = 'a' AND period = '2021-01-01';
-- a: Q2 2, Q3 4, Q4 1 (Q1 moved to Q4); b: Q1 9 (Q3 deleted)
SELECT * FROM grdp_store ORDER BY region;
SELECT * FROM series_store_check('grdp_store');
\set VERBOSITY sqlstate
INSERT INTO grdp VALUES ('a', '2021-08-01', 4);
SELECT series_store('grdp', 'grdp_weekly', '{region}', frequency => 'week');
\set VERBOSITY default
SELECT series_set(s, '2021-05-15', 20) AS q2_replaced, series_set(s, '2022-01-31', 5) AS q1_2022_added
FROM grdp_store WHERE region = 'a';
DROP TABLE grdp CASCADE;
DROP TABLE grdp_store;

RESET ROLE;
DROP SCHEMA regress_store_other CASCADE;
DROP SCHEMA regress_store_trap CASCADE;
DROP TABLE sales, sales_2020, exports;
REVOKE CREATE ON SCHEMA public FROM regress_store_owner;
DROP ROLE regress_store_owner;
DROP ROLE regress_store_loader;

------------------------------------------------------------------------------
-- What a new user tripped over
------------------------------------------------------------------------------
-- a value column of a type series_agg does not take is refused when the
-- store is created (42804), naming the column and its type; nothing is left
CREATE TABLE notes (k text, period date, value text);
INSERT INTO notes VALUES ('a', '2021-01-01', '12');
SELECT series_store('notes', 'notes_store', '{k}');
SELECT to_regclass('notes_store') IS NULL AS no_store,
	   (SELECT count(*) FROM pg_trigger WHERE tgrelid = 'notes'::regclass) AS triggers;
-- smallint and real reach series_agg by implicit casts, a domain by its type
CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0);
ALTER TABLE notes ADD COLUMN small smallint, ADD COLUMN approx real, ADD COLUMN amount positive_amount;
UPDATE notes SET small = 12, approx = 12.5, amount = 12.25;
SELECT series_store('notes', 'notes_small', '{k}', value_column => 'small'),
	   series_store('notes', 'notes_approx', '{k}', value_column => 'approx'),
	   series_store('notes', 'notes_amount', '{k}', value_column => 'amount');
SELECT st.s AS small, ap.s AS approx, am.s AS amount
FROM notes_small st, notes_approx ap, notes_amount am;
DROP TABLE notes CASCADE;
DROP TABLE notes_small, notes_approx, notes_amount;
DROP DOMAIN positive_amount;

-- quarterly figures stored without a frequency give series_agg's WARNING
-- (once for the store); with frequency 'quarter', none
CREATE TABLE gdp_q (region text, period date, value numeric);
INSERT INTO gdp_q SELECT r, d, 100 + extract(month FROM d)
FROM unnest('{a,b}'::text[]) r, generate_series(date '2020-01-01', '2021-10-01', interval '3 months') d;
SELECT region, series_agg(period, value) AS s FROM gdp_q GROUP BY region ORDER BY region;
SELECT series_store('gdp_q', 'gdp_q_store', '{region}');
SELECT series_store_drop('gdp_q_store');
DROP TABLE gdp_q_store;
SELECT series_store('gdp_q', 'gdp_q_store', '{region}', frequency => 'quarter');
SELECT * FROM gdp_q_store ORDER BY region;

-- a second value for one period arriving in the source: 21000 naming the
-- key and the period, with a hint for an INSERT; nothing changes
INSERT INTO gdp_q VALUES ('b', '2021-11-15', 1);
INSERT INTO gdp_q VALUES ('a', '2022-01-01', 1), ('b', '2022-02-01', 2), ('b', '2022-03-31', 3);
SELECT * FROM series_store_check('gdp_q_store');
DROP TABLE gdp_q CASCADE;
DROP TABLE gdp_q_store;

-- two rows of one key and month in the source when the store is created:
-- 21000 naming them, with a hint for the rows already there
CREATE TABLE twice (region text, product int, period date, value numeric);
INSERT INTO twice VALUES ('a', 1, '2021-01-01', 1), ('a', 2, '2021-01-01', 2),
	('b', 1, '2021-02-01', 3), ('b', 1, '2021-02-28', 4);
SELECT series_store('twice', 'twice_store', '{region,product}');
SELECT to_regclass('twice_store') IS NULL AS no_store;
DROP TABLE twice;

-- series_store_check over a store of 20,000 series, under a small work_mem
-- (the grouping and the join spill to disk): its memory does not grow with
-- the store, each row's copies being freed as it goes (see store_ddl.c)
SET work_mem = '64kB';
CREATE TABLE many (k int, period date, value int);
INSERT INTO many SELECT k, date '2021-01-01' + m * interval '1 month', k * 10 + m
FROM generate_series(1, 20000) k, generate_series(0, 2) m;
SELECT series_store('many', 'many_store', '{k}');
SELECT count(*) AS differing FROM series_store_check('many_store');
-- two stored series changed behind the triggers' back: found
UPDATE many_store SET s = series_set(s, '2021-02-01', 0) WHERE k IN (7, 19999);
SELECT * FROM series_store_check('many_store');
RESET work_mem;
DROP TABLE many CASCADE;
DROP TABLE many_store;
