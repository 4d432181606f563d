--
-- vintage: vintage_agg and first_release_agg over a publication history
-- (period, value, vintage): for each period the row of the latest (the
-- earliest) vintage, as an indicator_series; their state type
-- vintage_state; parallel plans; errors.
--
SET datestyle = 'ISO, YMD';
SET timezone = 'UTC';
-- errors raised in a parallel worker carry a context line, ones raised in
-- the leader do not; which of the two raises is not fixed
\set SHOW_CONTEXT never

------------------------------------------------------------------------------
-- A hand-made history of one series: January is published, then revised
-- twice; February is published and later withdrawn (NULL); March first
-- appears in the April release; May is published once; there is no April.
------------------------------------------------------------------------------

CREATE TEMP TABLE hist (period date, value numeric, vintage timestamptz);
INSERT INTO hist VALUES
	('2021-01-01', 100.5,  '2021-02-05'),
	('2021-01-01', 101.25, '2021-03-05'),
	('2021-01-01', 101.3,  '2021-04-05'),
	('2021-02-01', 90,     '2021-03-05'),
	('2021-02-01', NULL,   '2021-04-05'),
	('2021-03-01', 80.0,   '2021-04-05'),
	('2021-05-01', 7,      '2021-06-05');

-- latest: Jan 101.3 (2021-04-05), Feb withdrawn, Mar 80.0, Apr no row,
-- May 7; the scale is the largest of the kept values' (101.3: 1 decimal)
SELECT vintage_agg(period, value, vintage) FROM hist;
-- first: Jan 100.5, Feb 90, Mar 80.0, May 7
SELECT first_release_agg(period, value, vintage) FROM hist;
-- the series as known on 2021-03-31: Jan 101.25, Feb 90 (at scale 2)
SELECT vintage_agg(period, value, vintage) FILTER (WHERE vintage <= '2021-03-31') FROM hist;
-- and on 2021-02-28: only January's first release
SELECT vintage_agg(period, value, vintage) FILTER (WHERE vintage <= '2021-02-28') FROM hist;
-- before anything was published: NULL, as series_agg over no rows
SELECT vintage_agg(period, value, vintage) FILTER (WHERE vintage < '2021-01-01') IS NULL AS no_rows FROM hist;
-- the order of the rows changes nothing
SELECT vintage_agg(period, value, vintage ORDER BY vintage) = vintage_agg(period, value, vintage ORDER BY vintage DESC)
       AND vintage_agg(period, value, vintage ORDER BY vintage)::text = vintage_agg(period, value, vintage ORDER BY vintage DESC)::text
       AND first_release_agg(period, value, vintage ORDER BY period DESC, vintage)::text
           = first_release_agg(period, value, vintage ORDER BY period, vintage DESC)::text AS order_free
FROM hist;

-- every value type series_agg takes: integers give a numeric series
SELECT vintage_agg(period, (value * 100)::bigint, vintage) AS int8,
       vintage_agg(period, (value * 100)::integer, vintage) AS int4,
       vintage_agg(period, value::float8, vintage) AS float8,
       first_release_agg(period, (value * 100)::integer, vintage) AS first_int4,
       first_release_agg(period, value::float8, vintage) AS first_float8
FROM hist;

------------------------------------------------------------------------------
-- The same as series_agg over the rows DISTINCT ON picks, byte for byte, on
-- a generated history: 30 series x 150 months x up to 4 vintages per
-- period, some values NULL, values of 0 to 3 decimals, some periods with
-- one release only; the rows stored in a scrambled order.
------------------------------------------------------------------------------

CREATE TABLE vhist (series int, period date, value numeric, vintage timestamptz);
INSERT INTO vhist
SELECT g, (date '2008-01-01' + make_interval(months => k))::date,
       CASE WHEN (g * 13 + k * 7 + r) % 23 = 0 THEN NULL
            ELSE round(((g * 7919 + k * 104729 + r * 1299709) % 1000003 - 500000) * 0.001, (g + k + r) % 4) END,
       timestamptz '2008-02-01 00:00+00' + make_interval(months => k, days => 10 * r)
FROM generate_series(1, 30) g, generate_series(0, 149) k, generate_series(0, 3) r
WHERE r <= (g + k) % 4
ORDER BY md5(g::text || k::text || r::text);
ANALYZE vhist;
SELECT count(*) AS rows, count(value) AS valued, count(DISTINCT (series, period)) AS periods FROM vhist;

CREATE TEMP TABLE by_agg AS
SELECT series, vintage_agg(period, value, vintage) AS latest, first_release_agg(period, value, vintage) AS first,
       vintage_agg(period, value::float8, vintage) AS latest_f, first_release_agg(period, (value * 1000)::bigint, vintage) AS first_i
FROM vhist GROUP BY series;
CREATE TEMP TABLE by_distinct AS
SELECT l.series, l.s AS latest, f.s AS first, lf.s AS latest_f, fi.s AS first_i
FROM (SELECT series, series_agg(period, value) AS s
      FROM (SELECT DISTINCT ON (series, period) * FROM vhist ORDER BY series, period, vintage DESC) d GROUP BY series) l
JOIN (SELECT series, series_agg(period, value) AS s
      FROM (SELECT DISTINCT ON (series, period) * FROM vhist ORDER BY series, period, vintage) d GROUP BY series) f USING (series)
JOIN (SELECT series, series_agg(period, value::float8) AS s
      FROM (SELECT DISTINCT ON (series, period) * FROM vhist ORDER BY series, period, vintage DESC) d GROUP BY series) lf USING (series)
JOIN (SELECT series, series_agg(period, (value * 1000)::bigint) AS s
      FROM (SELECT DISTINCT ON (series, period) * FROM vhist ORDER BY series, period, vintage) d GROUP BY series) fi USING (series);
SELECT count(*) AS series,
       count(*) FILTER (WHERE a.latest::text = d.latest::text AND a.latest = d.latest) AS latest_same,
       count(*) FILTER (WHERE a.first::text = d.first::text AND a.first = d.first) AS first_same,
       count(*) FILTER (WHERE a.latest_f::text = d.latest_f::text) AS latest_float8_same,
       count(*) FILTER (WHERE a.first_i::text = d.first_i::text) AS first_int8_same,
       count(*) FILTER (WHERE a.latest <> a.first) AS revised
FROM by_agg a JOIN by_distinct d USING (series);
-- as known at a date: FILTER equals the DISTINCT ON rows published by then
SELECT count(*) AS series,
       count(*) FILTER (WHERE a.s::text = d.s::text) AS same
FROM (SELECT series, vintage_agg(period, value, vintage) FILTER (WHERE vintage <= '2015-06-30') AS s
      FROM vhist GROUP BY series) a
JOIN (SELECT series, series_agg(period, value) AS s
      FROM (SELECT DISTINCT ON (series, period) * FROM vhist WHERE vintage <= '2015-06-30'
            ORDER BY series, period, vintage DESC) d GROUP BY series) d USING (series);

------------------------------------------------------------------------------
-- Parallel plans: partial states in workers, combined by the leader, give
-- the same series
------------------------------------------------------------------------------

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT series, vintage_agg(period, value, vintage) FROM vhist GROUP BY series;
EXPLAIN (COSTS OFF) SELECT first_release_agg(period, value, vintage) FROM vhist;
CREATE TEMP TABLE by_parallel AS
SELECT series, vintage_agg(period, value, vintage)::text AS latest, first_release_agg(period, value, vintage)::text AS first
FROM vhist GROUP BY series;
SELECT count(*) AS series,
       count(*) FILTER (WHERE p.latest = a.latest::text AND p.first = a.first::text) AS same
FROM by_parallel p JOIN by_agg a USING (series);
-- one group over the whole table: every worker holds part of every period
SELECT vintage_agg(period, value, vintage)::text = (SELECT series_agg(period, value)::text
       FROM (SELECT DISTINCT ON (series, period) * FROM vhist WHERE series = 7
             ORDER BY series, period, vintage DESC) d) AS parallel_same
FROM vhist WHERE series = 7;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

------------------------------------------------------------------------------
-- The state: its text form round-trips, and growth and widening keep every
-- row
------------------------------------------------------------------------------

-- vintages in microseconds since 2000-01-01 UTC (2021-02-01 00:00 UTC is
-- 665,452,800 seconds after it)
SELECT vintage_agg_transfn(vintage_agg_transfn(NULL, '2021-01-01', 1.50, '2021-02-01 00:00+00'),
                           '2021-03-01', NULL::numeric, '2021-02-01 00:00:00.000001+00');
SELECT 'latest numeric month {2021-01: 1.50 @1, 2021-03: NULL @5, 2021-04: 2 @7 duplicate}'::vintage_state;
SELECT ' first  float8 year { 2020 : 1.5e-07 @-3 , 2021: NULL @9223372036854775807 } '::vintage_state;
SELECT vintage_agg_final('first float8 year {2020: 1.5e-07 @-3, 2021: NULL @9223372036854775807}');
-- rows of one period in the text are kept as the aggregate keeps them
SELECT 'latest numeric quarter {2021-Q1: 1 @5, 2021-Q1: 2 @9, 2021-Q1: 3 @7}'::vintage_state;
-- a state over 60 years built from the last period backwards (growth at
-- the front) with values that need 4, 8 and 16 bytes
SELECT vintage_agg(period, value, vintage ORDER BY period DESC) AS s
FROM (VALUES ('1960-01-01'::date, 12345678901234567890123.5, '2000-01-01'::timestamptz),
             ('1990-06-01', 1234567890123, '2000-01-01'),
             ('2019-12-01', 1, '2000-01-01'),
             ('2019-12-01', -2, '2000-01-02')) t(period, value, vintage) \gset
SELECT first_month(:'s'::indicator_series), last_month(:'s'::indicator_series),
       month_count(:'s'::indicator_series),
       value_at(:'s'::indicator_series, '1960-01-01'), value_at(:'s'::indicator_series, '1990-06-01'),
       value_at(:'s'::indicator_series, '2019-12-01');

-- combining two partial states: the later vintage of each period wins
SELECT vintage_agg_final(vintage_state_combine(
	'latest numeric month {2021-01: 1 @5, 2021-02: 2 @5}',
	'latest numeric month {2020-12: 0 @1, 2021-01: 10 @6, 2021-02: 20 @4, 2021-09: 9 @1}'));
SELECT vintage_agg_final(vintage_state_combine(
	'first numeric month {2021-01: 1 @5, 2021-02: 2 @5}',
	'first numeric month {2020-12: 0 @1, 2021-01: 10 @6, 2021-02: 20 @4, 2021-09: 9 @1}'));

-- The binary form (vintage_state_send, _recv): version 1, latest (1),
-- numeric (1), month (0), 2 rows; January 2021 is period 2021 * 12 = 24252
-- = 0x5ebc with vintage 665,452,800,000,000 us, marks 3 (scale 2 + 1),
-- not withdrawn, mantissa 150; March (0x5ebe) withdrawn (1) at vintage
-- 665,452,800,000,001 with marks 1 (scale 0)
SELECT vintage_state_send(vintage_agg_transfn(vintage_agg_transfn(NULL, '2021-01-01', 1.50, '2021-02-01 00:00+00'),
                                              '2021-03-01', NULL::numeric, '2021-02-01 00:00:00.000001+00')) =
       '\x01010100 00000002'::bytea
       || '\x00005ebc'::bytea || int8send(665452800000000) || '\x0300 0000000000000000 0000000000000096'::bytea
       || '\x00005ebe'::bytea || int8send(665452800000001) || '\x0101'::bytea AS numeric_layout;
SELECT 2021 * 12 = x'5ebc'::int AS jan_2021;
-- first (2), float8 (2), year (2): the double's 8 bytes, flags 0x40 (estimated) + 1
SELECT vintage_state_send('first float8 year {2020: 1.5 @-3 estimated}') =
       '\x01020202 00000001 000007e4'::bytea || int8send(-3) || '\x4100'::bytea || float8send(1.5) AS float8_layout;
-- states through COPY (FORMAT binary) and back: the same text, bytes and series
CREATE TABLE vs_bin_src (id int, st vintage_state);
INSERT INTO vs_bin_src VALUES
	(1, 'latest numeric month {2021-01: 1.50 @1, 2021-03: NULL @5, 2021-04: 2 @7 duplicate}'),
	(2, 'first float8 year {2020: 1.5e-07 @-3, 2021: NULL @9223372036854775807}'),
	(3, 'latest numeric quarter {2021-Q1: -12345678901234567890123.5 @5 estimated, 2021-Q3: 7 @2}'),
	(4, NULL);
-- and the generated history's 30 states, written from its DISTINCT ON rows
INSERT INTO vs_bin_src
SELECT 10 + series, ('latest numeric month {' ||
                     string_agg(to_char(period, 'YYYY-MM') || ': ' || coalesce(value::text, 'NULL') || ' @' ||
                                ((extract(epoch FROM vintage) - 946684800) * 1000000)::bigint, ', ' ORDER BY period) ||
                     '}')::vintage_state
FROM (SELECT DISTINCT ON (series, period) * FROM vhist ORDER BY series, period, vintage DESC) d
GROUP BY series;
\copy vs_bin_src TO 'results/vintage_states.bin' (FORMAT binary)
CREATE TABLE vs_bin_dst (LIKE vs_bin_src);
\copy vs_bin_dst FROM 'results/vintage_states.bin' (FORMAT binary)
SELECT count(*) AS states,
       count(*) FILTER (WHERE a.st::text = b.st::text
                          AND vintage_state_send(a.st) = vintage_state_send(b.st)) AS same,
       count(*) FILTER (WHERE a.st IS NULL AND b.st IS NULL) AS both_null,
       count(*) FILTER (WHERE a.id > 10 AND vintage_agg_final(b.st)::text =
                                            (SELECT vintage_agg(period, value, vintage)::text FROM vhist WHERE series = a.id - 10)) AS same_series
FROM vs_bin_src a JOIN vs_bin_dst b USING (id);
-- malformed binary input: a bytea column written by COPY is read back as a
-- state, its bytes the recv function's input; each is 22P03 and loads nothing
CREATE TABLE vs_recv (st vintage_state);
CREATE TABLE vs_bytes (b bytea);
INSERT INTO vs_bytes VALUES ('\x02010100 00000001 00005ebc 0000000000000001 0100 0000000000000000 0000000000000005');
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
TRUNCATE vs_bytes;
INSERT INTO vs_bytes VALUES ('\x01030100 00000001 00005ebc 0000000000000001 0100 0000000000000000 0000000000000005');
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
TRUNCATE vs_bytes;
-- periods out of order
INSERT INTO vs_bytes VALUES ('\x01010100 00000002 00005ebc 0000000000000001 0100 0000000000000000 0000000000000005'
                             '00005ebc 0000000000000002 0100 0000000000000000 0000000000000006');
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
TRUNCATE vs_bytes;
-- rows 12,000 months apart (24252 + 12000 = 0x8d9c): longer than a series may be
INSERT INTO vs_bytes VALUES ('\x01010100 00000002 00005ebc 0000000000000001 0100 0000000000000000 0000000000000005'
                             '00008d9c 0000000000000002 0100 0000000000000000 0000000000000006');
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
TRUNCATE vs_bytes;
-- scale 39 (marks 40 = 0x28); a withdrawn byte of 2; 39 digits; cut short; more after the last row
INSERT INTO vs_bytes VALUES ('\x01010100 00000001 00005ebc 0000000000000001 2800 0000000000000000 0000000000000005');
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
TRUNCATE vs_bytes;
INSERT INTO vs_bytes VALUES ('\x01010100 00000001 00005ebc 0000000000000001 0102 0000000000000000 0000000000000005');
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
TRUNCATE vs_bytes;
INSERT INTO vs_bytes VALUES ('\x01010100 00000001 00005ebc 0000000000000001 0100 4b3b4ca85a86c47a 098a224000000000');
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
TRUNCATE vs_bytes;
INSERT INTO vs_bytes VALUES ('\x01010100 00000001 00005ebc 0000000000000001 0100 0000000000000000');
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
TRUNCATE vs_bytes;
INSERT INTO vs_bytes VALUES ('\x01010100 00000001 00005ebc 0000000000000001 0100 0000000000000000 0000000000000005 00');
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
TRUNCATE vs_bytes;
-- a float8 NaN; no rows
INSERT INTO vs_bytes VALUES ('\x01010200 00000001 00005ebc 0000000000000001 0100'::bytea || float8send('NaN'));
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
TRUNCATE vs_bytes;
INSERT INTO vs_bytes VALUES ('\x01010100 00000000');
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
SELECT count(*) AS nothing_loaded FROM vs_recv;
-- the one well-formed input of these loads: 5 at scale 0, vintage 1 us
TRUNCATE vs_bytes;
INSERT INTO vs_bytes VALUES ('\x01010100 00000001 00005ebc 0000000000000001 0100 0000000000000000 0000000000000005');
\copy vs_bytes TO 'results/vintage_recv.bin' (FORMAT binary)
\copy vs_recv FROM 'results/vintage_recv.bin' (FORMAT binary)
SELECT st FROM vs_recv;
DROP TABLE vs_bin_src, vs_bin_dst, vs_recv, vs_bytes;

------------------------------------------------------------------------------
-- Errors
------------------------------------------------------------------------------

-- two rows of one period with the kept vintage: 21000, naming both
SELECT vintage_agg(period, value, vintage)
FROM (VALUES ('2021-01-01'::date, 1, '2021-02-01 00:00+00'::timestamptz),
             ('2021-01-01', 2, '2021-02-01 00:00+00')) t(period, value, vintage);
SELECT first_release_agg(period, value, vintage)
FROM (VALUES ('2021-01-01'::date, 1, '2021-02-01 00:00+00'::timestamptz),
             ('2021-01-01', NULL, '2021-02-01 00:00+00'),
             ('2021-01-01', 3, '2021-03-01 00:00+00')) t(period, value, vintage);
-- a duplicate of a vintage that a later one supersedes is no error, in
-- whatever order the rows arrive
SELECT vintage_agg(period, value, vintage ORDER BY o) AS a, vintage_agg(period, value, vintage ORDER BY -o) AS b
FROM (VALUES (1, '2021-01-01'::date, 1, '2021-02-01 00:00+00'::timestamptz),
             (2, '2021-01-01', 2, '2021-02-01 00:00+00'),
             (3, '2021-01-01', 3, '2021-03-01 00:00+00')) t(o, period, value, vintage);
-- ... and the duplicate of the kept vintage is one in whatever order
SELECT vintage_agg(period, value, vintage ORDER BY o)
FROM (VALUES (1, '2021-01-01'::date, 1, '2021-03-01 00:00+00'::timestamptz),
             (2, '2021-01-01', 2, '2021-02-01 00:00+00'),
             (3, '2021-01-01', 3, '2021-03-01 00:00+00')) t(o, period, value, vintage);
-- also when the two rows meet in the combine function
SELECT vintage_agg_final(vintage_state_combine(
	'latest numeric month {2021-01: 1 @5, 2021-02: 2 @5}',
	'latest numeric month {2021-02: 3 @5}'));
-- and a later vintage in a third state clears it
SELECT vintage_agg_final(vintage_state_combine(vintage_state_combine(
	'latest numeric month {2021-01: 1 @5, 2021-02: 2 @5}',
	'latest numeric month {2021-02: 3 @5}'), 'latest numeric month {2021-02: 4 @6}'));
-- in a parallel plan
CREATE TABLE vdup AS SELECT * FROM vhist;
INSERT INTO vdup SELECT series, period, value + 1, vintage FROM vhist
WHERE series = 11 AND period = '2019-02-01'
ORDER BY vintage DESC LIMIT 1;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT series, vintage_agg(period, value, vintage) IS NOT NULL FROM vdup GROUP BY series;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE vdup;
-- a NULL vintage, a NULL period: 22004
SELECT vintage_agg(period, value, vintage)
FROM (VALUES ('2021-01-01'::date, 1, NULL::timestamptz)) t(period, value, vintage);
SELECT first_release_agg(period, value, vintage)
FROM (VALUES (NULL::date, 1.5, now())) t(period, value, vintage);
-- values series_agg rejects
SELECT vintage_agg(period, value, vintage)
FROM (VALUES ('2021-01-01'::date, 'NaN'::numeric, now())) t(period, value, vintage);
SELECT vintage_agg(period, value, vintage)
FROM (VALUES ('2021-01-01'::date, '-Infinity'::float8, now())) t(period, value, vintage);
SELECT vintage_agg(period, value, vintage)
FROM (VALUES ('0001-01-01'::date - 1, 1, now())) t(period, value, vintage);
SELECT vintage_agg(period, value, vintage)
FROM (VALUES ('1021-01-01'::date, 1, now()), ('2021-01-01'::date, 1, now())) t(period, value, vintage);
-- a kept value that the others' scale would push past 38 digits
SELECT vintage_agg(period, value, vintage)
FROM (VALUES ('2021-01-01'::date, 12345678901234567890123456789012345678, now()),
             ('2021-02-01'::date, 0.5, now())) t(period, value, vintage);
-- states that do not fit together
SELECT vintage_state_combine('latest numeric month {2021-01: 1 @5}', 'first numeric month {2021-01: 1 @5}');
SELECT vintage_state_combine('latest numeric month {2021-01: 1 @5}', 'latest float8 month {2021-01: 1 @5}');
SELECT first_release_agg_transfn('latest numeric month {2021-01: 1 @5}', '2021-02-01', 1.5, now());
SELECT vintage_agg_transfn('latest numeric month {2021-01: 1 @5}', '2021-02-01', 1.5::float8, now());
-- malformed text
SELECT 'latest numeric month {}'::vintage_state;
SELECT 'newest numeric month {2021-01: 1 @5}'::vintage_state;
SELECT 'latest text month {2021-01: 1 @5}'::vintage_state;
SELECT 'latest numeric week {2021-01: 1 @5}'::vintage_state;
SELECT 'latest numeric month {2021-13: 1 @5}'::vintage_state;
SELECT 'latest numeric quarter {2021-01: 1 @5}'::vintage_state;
SELECT 'latest numeric month {2021-01: 1}'::vintage_state;
SELECT 'latest numeric month {2021-01: 1 @x}'::vintage_state;
SELECT 'latest numeric month {2021-01: 1 @99999999999999999999}'::vintage_state;
SELECT 'latest numeric month {2021-01: 1 @5 revised}'::vintage_state;
SELECT 'latest numeric month {2021-01: 1 @5'::vintage_state;
SELECT 'latest numeric month {2021-01: 1 @5} x'::vintage_state;
SELECT 'latest numeric month {2021-01: abc @5}'::vintage_state;
SELECT 'latest float8 month {2021-01: NaN @5}'::vintage_state;
SELECT 'latest numeric month {0000-01: 1 @5}'::vintage_state;

------------------------------------------------------------------------------
-- The five-argument forms: a frequency, and each period flagged as an
-- estimate when its kept row's estimated is true (NULL is false)
------------------------------------------------------------------------------

-- quarterly: Q1 first published as an estimate (10.5), then official (11);
-- Q2 published once, estimated; Q3 estimated, then withdrawn (a missing
-- period carries no flag); Q4 with a NULL flag (not an estimate)
CREATE TEMP TABLE qhist (period date, value numeric, vintage timestamptz, est boolean);
INSERT INTO qhist VALUES
	('2021-01-01', 10.5, '2021-04-10', true),
	('2021-02-15', 11,   '2021-07-10', false),
	('2021-04-01', 20,   '2021-07-10', true),
	('2021-07-01', 30,   '2021-10-10', true),
	('2021-07-01', NULL, '2022-01-10', false),
	('2021-10-01', 40,   '2022-01-10', NULL);
SELECT vintage_agg(period, value, vintage, 'quarter', est) AS latest,
       first_release_agg(period, value, vintage, 'quarter', est) AS first,
       vintage_agg(period, value, vintage, 'quarter', est) FILTER (WHERE vintage <= '2021-05-01') AS on_2021_05_01
FROM qhist;
SELECT estimated_periods(vintage_agg(period, value, vintage, 'quarter', est)) AS latest_estimates,
       estimated_periods(first_release_agg(period, value, vintage, 'quarter', est)) AS first_estimates,
       estimated_periods(vintage_agg(period, value, vintage, 'quarter', est) FILTER (WHERE vintage <= '2021-12-31')) AS end_2021_estimates
FROM qhist;
-- no row flagged: a series without flags, equal to the three-argument form's
-- result at month frequency
SELECT vintage_agg(period, value, vintage, 'month', false)::text = vintage_agg(period, value, vintage)::text AS same_text,
       vintage_agg(period, value, vintage, 'month', false) = vintage_agg(period, value, vintage) AS equal
FROM hist;
-- the state carries the mark
SELECT vintage_agg_transfn(NULL, '2021-04-01', 20, '2021-07-10 00:00+00', 'quarter', true);

-- the same as series_agg(period, value, frequency, estimated) over the rows
-- DISTINCT ON picks, on the generated history (a row is an estimate when its
-- vintage is its period's first), for every value type, serial and parallel
ALTER TABLE vhist ADD COLUMN est boolean;
UPDATE vhist SET est = vhist.vintage = f.first
FROM (SELECT series, period, min(vintage) AS first FROM vhist GROUP BY series, period) f
WHERE f.series = vhist.series AND f.period = vhist.period;
VACUUM ANALYZE vhist;
CREATE TEMP TABLE est_distinct AS
SELECT series,
       series_agg(period, value, 'month', est)::text AS latest,
       series_agg(period, value::float8, 'month', est)::text AS latest_f,
       series_agg(period, (value * 1000)::bigint, 'month', est)::text AS latest_i8,
       series_agg(period, (value * 1000)::integer, 'month', est)::text AS latest_i4
FROM (SELECT DISTINCT ON (series, period) * FROM vhist ORDER BY series, period, vintage DESC) d GROUP BY series;
CREATE TEMP TABLE est_first_distinct AS
SELECT series, series_agg(period, value, 'quarter', est)::text AS first_q
FROM (SELECT DISTINCT ON (series, date_trunc('quarter', period)) * FROM vhist
      ORDER BY series, date_trunc('quarter', period), vintage, period) d GROUP BY series;
-- a quarterly first release: several months of a quarter are several rows
-- of one period, the earliest vintage kept (no two months of a quarter
-- share a vintage here)
CREATE TEMP TABLE est_agg AS
SELECT series,
       vintage_agg(period, value, vintage, 'month', est)::text AS latest,
       vintage_agg(period, value::float8, vintage, 'month', est)::text AS latest_f,
       vintage_agg(period, (value * 1000)::bigint, vintage, 'month', est)::text AS latest_i8,
       vintage_agg(period, (value * 1000)::integer, vintage, 'month', est)::text AS latest_i4,
       first_release_agg(period, value, vintage, 'quarter', est)::text AS first_q
FROM vhist GROUP BY series;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT series, vintage_agg(period, value, vintage, 'month', est) FROM vhist GROUP BY series;
CREATE TEMP TABLE est_parallel AS
SELECT series, vintage_agg(period, value, vintage, 'month', est)::text AS latest,
       first_release_agg(period, value, vintage, 'quarter', est)::text AS first_q
FROM vhist GROUP BY series;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT count(*) AS series,
       count(*) FILTER (WHERE a.latest = d.latest AND a.latest_f = d.latest_f AND a.latest_i8 = d.latest_i8
                          AND a.latest_i4 = d.latest_i4) AS latest_same,
       count(*) FILTER (WHERE a.first_q = f.first_q) AS first_quarterly_same,
       count(*) FILTER (WHERE p.latest = a.latest AND p.first_q = a.first_q) AS parallel_same,
       sum(cardinality(estimated_periods(a.latest::indicator_series))) AS latest_flagged,
       sum(cardinality(estimated_periods(a.first_q::indicator_series))) AS first_flagged
FROM est_agg a JOIN est_distinct d USING (series) JOIN est_first_distinct f USING (series)
JOIN est_parallel p USING (series);
-- the frequency: NULL or unknown, or changing within a group
SELECT vintage_agg(period, value, vintage, NULL, true) FROM qhist;
SELECT vintage_agg(period, value, vintage, 'week', true) FROM qhist;
SELECT vintage_agg(period, value, vintage, CASE WHEN period < '2021-06-01' THEN 'quarter' ELSE 'month' END, true) FROM qhist;

-- the planner knows a state's size (ten years of months: 2 kB, float8's 4 kB), so
-- that a hash aggregate over many series is sized as what it holds
SELECT p.oid::regprocedure AS aggregate, a.aggtransspace
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.proname IN ('vintage_agg', 'first_release_agg')
ORDER BY p.proname, pg_get_function_identity_arguments(p.oid);

DROP TABLE vhist;
