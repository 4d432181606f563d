-- Estimates: periods of a series flagged as estimates.  Every expected value
-- below is worked out by hand from the rows given (the comments say how).
\pset null '(null)'

------------------------------------------------------------------------------
-- Text form: "*" after a value marks an estimate; without one, 1.1's form
------------------------------------------------------------------------------

SELECT 'numeric {2021-11: 12043.2, 2021-12: 12800*}'::indicator_series AS with_flag;
-- white space may surround the mark; the canonical form has none
SELECT 'numeric {2021-11: 12043.2 * , 2021-12: 12800}'::indicator_series AS spaced;
SELECT 'float8 {2021-Q1: 1.5e3*, 2021-Q2: NULL, 2021-Q3: -0.25*}'::indicator_series AS quarterly;
SELECT 'numeric {2020: 1, 2021: 2*}'::indicator_series AS yearly;
-- a series with no period flagged prints exactly as in 1.1
SELECT 'numeric {2021-11: 12043.2, 2021-12: 12800}'::indicator_series AS without_flags;
-- the text form round-trips, flags included
SELECT s::text::indicator_series::text = s::text AS round_trip
FROM (VALUES ('numeric {2021-11: 12043.2, 2021-12: 12800*}'::indicator_series),
             ('float8 {2021-Q1: 1500*, 2021-Q2: NULL, 2021-Q3: -0.25*}'),
             ('numeric {2021-01: 99999999999999999999999999999999999999*}')) v(s);

-- malformed marks are 22P02
\set VERBOSITY default
SELECT 'numeric {2021-11: NULL*}'::indicator_series;
SELECT 'numeric {2021-11: 5**}'::indicator_series;
SELECT 'numeric {2021-11: *5}'::indicator_series;
SELECT 'numeric {2021-11: 5*, *}'::indicator_series;
SELECT 'float8 {2021-11: 1e3*x}'::indicator_series;
\set VERBOSITY sqlstate
SELECT 'numeric {2021-11: null *}'::indicator_series;
\set VERBOSITY default

------------------------------------------------------------------------------
-- Reading the flags: estimated_periods and is_estimated
------------------------------------------------------------------------------

CREATE TABLE est_s (id int, s indicator_series);
INSERT INTO est_s VALUES
	(1, 'numeric {2021-10: 1, 2021-11: 2*, 2021-12: NULL, 2022-01: 4*}'),
	(2, 'numeric {2021-10: 1, 2021-11: 2, 2021-12: NULL, 2022-01: 4}'),
	(3, 'float8 {2021-Q3: 1.5*, 2021-Q4: 2}');
SELECT id, estimated_periods(s) FROM est_s ORDER BY id;
-- any date in a period stands for it; NULL outside the span and for a missing period
SELECT id, d, is_estimated(s, d)
FROM est_s, (VALUES ('2021-09-30'::date), ('2021-10-01'), ('2021-11-15'), ('2021-12-01'),
                    ('2022-01-31'), ('2022-02-01')) v(d)
WHERE id IN (1, 2) ORDER BY id, d;
SELECT is_estimated(s, '2021-08-01') AS q3, is_estimated(s, '2021-12-31') AS q4,
       is_estimated(s, '2022-01-01') AS after
FROM est_s WHERE id = 3;

------------------------------------------------------------------------------
-- series_agg(period, value, frequency, estimated)
------------------------------------------------------------------------------

-- December 2021 estimated, the other months official; a NULL flag is false,
-- and a missing month carries no flag even when its row says estimated
CREATE TABLE est_rows (p date, v numeric, e boolean);
INSERT INTO est_rows VALUES
	('2021-09-01', 100, false), ('2021-10-01', 110.5, NULL), ('2021-11-01', NULL, true),
	('2021-12-01', 133.557, true);
SELECT series_agg(p, v, 'month', e) AS numeric_series FROM est_rows;
SELECT series_agg(p, v::float8, 'month', e) AS float8_series FROM est_rows;
SELECT series_agg(p, (v * 1000)::bigint, 'month', e) AS bigint_series FROM est_rows;
SELECT series_agg(p, (v * 1000)::int, 'month', e) AS integer_series FROM est_rows;
SET TIME ZONE 'Asia/Ho_Chi_Minh';
SELECT series_agg(p::timestamptz, v, 'month', e) AS tz_numeric,
       series_agg(p::timestamptz, v::float8, 'month', e) AS tz_float8,
       series_agg(p::timestamptz, (v * 1000)::bigint, 'month', e) AS tz_bigint,
       series_agg(p::timestamptz, (v * 1000)::int, 'month', e) AS tz_integer
FROM est_rows;
RESET TIME ZONE;
-- quarterly: any date of the quarter
SELECT series_agg(p, v, 'quarter', e) AS quarterly
FROM (VALUES ('2021-02-10'::date, 5::numeric, true), ('2021-05-01', 6, false)) t(p, v, e);
-- rows in descending order, so that the state grows downwards, and a value
-- that widens the slots after the flag is set: the flag stays on its period
SELECT series_agg(p, v, 'month', e) AS grown
FROM (SELECT '2021-12-01'::date - make_interval(months => i) AS p,
             CASE WHEN i = 3 THEN 99999999999::numeric ELSE i END AS v,
             i % 50 = 1 AS e
      FROM generate_series(0, 150) i ORDER BY i) t
\gset
SELECT estimated_periods(:'grown'::indicator_series) AS grown_flags,
       value_at(:'grown'::indicator_series, '2021-09-01') AS widened,
       value_at(:'grown'::indicator_series, '2021-11-01') AS first_flagged;
-- a scale that rises after a flag is set (rescaled in place) keeps it
SELECT series_agg(p, v, 'month', e) AS rescaled
FROM (VALUES ('2021-01-01'::date, 1::numeric, true), ('2021-02-01', 2.25, false)) t(p, v, e);
-- no row estimated: a series without flags, equal to series_agg without the argument
SELECT series_agg(p, v, 'month', false) = series_agg(p, v, 'month') AS same,
       series_agg(p, v, 'month', NULL) AS all_null_flags
FROM est_rows;
-- the same period twice is still 21000, flag or not; a NULL period or
-- frequency 22004, an unknown frequency 22023, as without the flag
\set VERBOSITY sqlstate
SELECT series_agg(p, v, 'month', e)
FROM (VALUES ('2021-01-01'::date, 1::numeric, true), ('2021-01-15', 2, false)) t(p, v, e);
SELECT series_agg(NULL::date, 1, 'month', true);
SELECT series_agg('2021-01-01'::date, 1, NULL, true);
SELECT series_agg('2021-01-01'::date, 1, 'week', true);
SELECT series_set('numeric {2021-01: 1}', NULL, 1, true);
\set VERBOSITY default

------------------------------------------------------------------------------
-- Equality, hashing and order: the flags are part of the value
------------------------------------------------------------------------------

SELECT a.id, b.id, a.s = b.s AS eq, a.s <> b.s AS ne, a.s < b.s AS lt,
       indicator_series_cmp(a.s, b.s) AS cmp,
       indicator_series_hash(a.s) = indicator_series_hash(b.s) AS same_hash
FROM est_s a, est_s b WHERE a.id IN (1, 2) AND b.id IN (1, 2) ORDER BY 1, 2;
-- a flag on equal values sorts after none; the values decide first
SELECT s FROM (VALUES ('numeric {2021-01: 1*}'::indicator_series), ('numeric {2021-01: 1}'),
                      ('numeric {2021-01: 0.5*}'), ('numeric {2021-01: 1.0}')) v(s)
ORDER BY s;
-- DISTINCT (hash and sort) and GROUP BY tell a flagged series from the other,
-- and do not tell apart equal series written at other scales
SELECT count(DISTINCT s) AS distinct_sorted FROM (VALUES ('numeric {2021-01: 1*}'::indicator_series),
       ('numeric {2021-01: 1.00*}'), ('numeric {2021-01: 1}'), ('numeric {2021-01: 1.0}')) v(s);
SET enable_sort = off;
SELECT s, count(*) FROM (VALUES ('numeric {2021-01: 1*}'::indicator_series),
       ('numeric {2021-01: 1.00*}'), ('numeric {2021-01: 1}'), ('numeric {2021-01: 1.0}')) v(s)
GROUP BY s ORDER BY count(*), s::text;
RESET enable_sort;
-- the hash of a series without flags is 1.1's, so a hash index or hash
-- partition built by 1.1 stays valid: 493526724 and 655776530588302946 are
-- what release 1.1 computes for these two
SELECT indicator_series_hash('numeric {2021-01: 1, 2021-02: NULL, 2021-03: 2.50}') = 493526724 AS hash_1_1,
       indicator_series_hash_extended('float8 {2021-Q1: 1.5}', 7) = 655776530588302946 AS hash_extended_1_1;

------------------------------------------------------------------------------
-- Binary form: version 3 only with a flag; 1.1's bytes without one
------------------------------------------------------------------------------

CREATE FUNCTION hx(hex text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT decode(replace(hex, ' ', ''), 'hex')
$$;
-- numeric {2021-11: 5, 2021-12: 7*}: version 3, kind 1, frequency 0 (month),
-- scale 0, first 2021 * 12 + 10 = 24262 = 0x5ec6, 2 periods, then flag 1
-- (present) and flag 2 (present, an estimate), each with its 128-bit mantissa
SELECT indicator_series_send('numeric {2021-11: 5, 2021-12: 7*}') =
       hx('03 01 00 0000 00005ec6 00000002 01 0000000000000000 0000000000000005'
          ' 02 0000000000000000 0000000000000007') AS flagged_layout;
-- without the flag: version 1, byte for byte as 1.0 and 1.1 send it
SELECT indicator_series_send('numeric {2021-11: 5, 2021-12: 7}') =
       hx('01 01 0000 00005ec6 00000002 01 0000000000000000 0000000000000005'
          ' 01 0000000000000000 0000000000000007') AS monthly_1_1_layout;
-- quarterly without flags: version 2, as 1.1 sends it
SELECT indicator_series_send('numeric {2021-Q4: 5}') =
       hx('02 01 01 0000 00001f97 00000001 01 0000000000000000 0000000000000005') AS quarterly_1_1_layout;
SELECT 2021 * 4 + 3 = x'1f97'::int AS q4_2021;
-- float8 with a flag and a missing quarter
SELECT indicator_series_send('float8 {2021-Q3: 1.5*, 2021-Q4: NULL}') =
       hx('03 02 01 0000 00001f96 00000002 02') || float8send(1.5) || hx('00') AS float8_layout;

-- round trip through COPY (FORMAT binary)
CREATE TABLE est_bin_src AS SELECT id, s FROM est_s;
INSERT INTO est_bin_src VALUES (4, 'numeric {2021-11: 5, 2021-12: 7*}'), (5, 'float8 {2021: 1*, 2022: 2*}');
\copy est_bin_src TO 'results/estimates_copy.bin' (FORMAT binary)
CREATE TABLE est_bin_dst (LIKE est_bin_src);
\copy est_bin_dst FROM 'results/estimates_copy.bin' (FORMAT binary)
SELECT a.id, b.s::text, a.s = b.s AS equal, a.s::text = b.s::text AS same_text,
       indicator_series_send(a.s) = indicator_series_send(b.s) AS same_bytes
FROM est_bin_src a JOIN est_bin_dst b USING (id) ORDER BY a.id;

-- hand-made version-3 input (recv_file wraps the bytes in a binary COPY file)
CREATE FUNCTION recv_file(hex text) RETURNS void LANGUAGE sql AS $$
	SELECT lo_unlink(oid) FROM pg_largeobject_metadata WHERE oid = 424242;
	SELECT lo_from_bytea(424242, hx('5047434f50590aff0d0a00 00000000 00000000 0001') ||
	                             int4send(length(hx(hex))) || hx(hex) || hx('ffff'));
	SELECT NULL::void;
$$;
CREATE TABLE est_recv (s indicator_series);
SELECT recv_file('03 01 00 0000 00005ec6 00000002 01 0000000000000000 0000000000000005'
                 ' 02 0000000000000000 0000000000000007');
\lo_export 424242 'results/estimates_recv.bin'
\copy est_recv FROM 'results/estimates_recv.bin' (FORMAT binary)
-- version 3 with no period flagged reads as the series without flags
SELECT recv_file('03 01 00 0000 00005ec6 00000001 01 0000000000000000 0000000000000005');
\lo_export 424242 'results/estimates_recv.bin'
\copy est_recv FROM 'results/estimates_recv.bin' (FORMAT binary)
SELECT s, indicator_series_send(s) FROM est_recv;
TRUNCATE est_recv;
-- malformed: flag 3; flag 2 in version 1 or 2 (1.1's forms know no estimates)
SELECT recv_file('03 01 00 0000 00005ec6 00000001 03 0000000000000000 0000000000000005');
\lo_export 424242 'results/estimates_recv.bin'
\copy est_recv FROM 'results/estimates_recv.bin' (FORMAT binary)
SELECT recv_file('01 01 0000 00005ec6 00000001 02 0000000000000000 0000000000000005');
\lo_export 424242 'results/estimates_recv.bin'
\copy est_recv FROM 'results/estimates_recv.bin' (FORMAT binary)
SELECT recv_file('02 01 01 0000 00001f97 00000001 02 0000000000000000 0000000000000005');
\lo_export 424242 'results/estimates_recv.bin'
\copy est_recv FROM 'results/estimates_recv.bin' (FORMAT binary)
-- version 3 cut short after its frequency
SELECT recv_file('03 01 00');
\lo_export 424242 'results/estimates_recv.bin'
\copy est_recv FROM 'results/estimates_recv.bin' (FORMAT binary)
SELECT count(*) AS nothing_loaded FROM est_recv;
SELECT lo_unlink(424242);

------------------------------------------------------------------------------
-- The stored image: 1.1's without flags, version 3 with them
------------------------------------------------------------------------------

-- A type with bytea's text form and indicator_series' physical properties,
-- and binary-coercible casts both ways, show the bytes of the value as
-- stored (after the varlena header; integers little-endian on this
-- machine): version, kind, scale, first, periods, present periods,
-- capacity, front, slot bytes, frequency, flags, attrs, then the slots and,
-- with attrs 01, the bitmap.
-- (the shell type's NOTICEs are PostgreSQL's own, and 18 prints them with
-- a LINE pointer: not shown)
SET client_min_messages = warning;
CREATE TYPE series_image;
CREATE FUNCTION series_image_in(cstring) RETURNS series_image AS 'byteain' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION series_image_out(series_image) RETURNS cstring AS 'byteaout' LANGUAGE internal IMMUTABLE STRICT;
CREATE TYPE series_image (INPUT = series_image_in, OUTPUT = series_image_out,
                          INTERNALLENGTH = VARIABLE, ALIGNMENT = double);
CREATE CAST (indicator_series AS series_image) WITHOUT FUNCTION;
CREATE CAST (series_image AS indicator_series) WITHOUT FUNCTION;
RESET client_min_messages;
CREATE FUNCTION img(hex text) RETURNS series_image LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT ('\x' || replace(hex, ' ', ''))::series_image
$$;
SELECT 'numeric {2021-11: 5, 2021-12: 7}'::indicator_series::series_image AS image_1_1,
       'numeric {2021-11: 5, 2021-12: 7*}'::indicator_series::series_image AS image_flagged;
SELECT 'numeric {2021-11: 5, 2021-12: 7}'::indicator_series::series_image::text =
       img('02 01 0000 c65e0000 02000000 02000000 02000000 00000000 04 00 00 00'
          ' 05000000 07000000')::text AS same_as_1_1,
       'numeric {2021-11: 5, 2021-12: 7*}'::indicator_series::series_image::text =
       img('03 01 0000 c65e0000 02000000 02000000 02000000 00000000 04 00 00 01'
          ' 05000000 07000000 02')::text AS flagged_image;
-- a 1.1 image, bytes written by hand as 1.1 stores them, reads unchanged
SELECT s, s = 'numeric {2021-11: 5, 2021-12: 7}' AS equal, estimated_periods(s),
       is_estimated(s, '2021-12-01')
FROM (SELECT img('02 01 0000 c65e0000 02000000 02000000 02000000 00000000 04 00 00 00'
                ' 05000000 07000000')::indicator_series) v(s);
-- the aggregate writes the same image as the text form
SELECT series_agg(p, v, 'month', e)::series_image::text = 'numeric {2021-11: 5, 2021-12: 7*}'::indicator_series::series_image::text AS agg_image
FROM (VALUES ('2021-11-01'::date, 5::numeric, false), ('2021-12-01', 7, true)) t(p, v, e);
-- an image whose attrs do not match its version is refused wherever it is read
\set VERBOSITY sqlstate
SELECT img('03 01 0000 c65e0000 01000000 01000000 01000000 00000000 04 00 00 00 05000000')::indicator_series::text;
SELECT img('02 01 0000 c65e0000 01000000 01000000 01000000 00000000 04 00 00 01 05000000 01')::indicator_series::text;
\set VERBOSITY default
SELECT img('02 01 0000 c65e0000 01000000 01000000 01000000 00000000 04 00 00 01 05000000 01')::indicator_series::text;
DROP TYPE series_image CASCADE;


------------------------------------------------------------------------------
-- series_set(s, period, value, estimated)
------------------------------------------------------------------------------

-- the official December figure replaces the estimate: no flag left, so the
-- series equals (and prints as) one that never had flags
SELECT series_set('numeric {2021-11: 5, 2021-12: 7*}', '2021-12-15', 7.5) AS official,
       series_set('numeric {2021-11: 5, 2021-12: 7*}', '2021-12-15', 7.5) =
       'numeric {2021-11: 5, 2021-12: 7.5}' AS equals_unflagged;
-- an estimate for January extends the span; the other flags stay
SELECT series_set('numeric {2021-11: 5, 2021-12: 7*}', '2022-01-01', 8, true) AS integer_estimate,
       series_set('numeric {2021-11: 5, 2021-12: 7*}', '2021-11-01', 6::bigint, NULL) AS bigint_null_flag,
       series_set('numeric {2021-11: 5, 2021-12: 7*}', '2021-11-01', 6.25::numeric, false) AS numeric_official,
       series_set('float8 {2021-Q4: 5}', '2021-11-01', 5.5::float8, true) AS float8_quarter;
-- a NULL value is missing, unflagged whatever estimated says; a NULL s starts a series
SELECT series_set('numeric {2021-11: 5, 2021-12: 7*}', '2021-12-01', NULL::numeric, true) AS withdrawn,
       series_set(NULL, '2021-01-01', 1.5::float8, true) AS started,
       series_set(NULL, '2021-01-01', NULL::int, true) AS started_missing;
-- set row by row, the series equals series_agg over the same rows
SELECT series_set(series_set(series_set(NULL, '2021-09-01', 100::numeric, false),
                                        '2021-10-01', 110.5, NULL), '2021-12-01', 133.557, true) =
       (SELECT series_agg(p, v, 'month', e) FROM (VALUES ('2021-09-01'::date, 100::numeric, false),
               ('2021-10-01', 110.5, NULL), ('2021-12-01', 133.557, true)) t(p, v, e)) AS same_as_agg;

------------------------------------------------------------------------------
-- Series built from others carry the flags
------------------------------------------------------------------------------

-- series_merge: each period's flag comes with its value (same slots and
-- scale: the fast union; different scales: period by period)
SELECT series_merge(s ORDER BY n) AS same_slots
FROM (VALUES (1, 'numeric {2021-01: 1*}'::indicator_series), (2, 'numeric {2021-02: 2}'),
             (3, 'numeric {2021-04: 4*}')) v(n, s);
SELECT series_merge(s ORDER BY n) AS rescaled
FROM (VALUES (1, 'numeric {2021-02: 2}'::indicator_series), (2, 'numeric {2021-01: 1.5*}'),
             (3, 'numeric {2020-12: 99999999999*}')) v(n, s);
SELECT series_agg_combine('float8 {2021-Q1: 1}', 'float8 {2021-Q2: 2*}') AS combine_as_function;

-- series_sum: 111 = 1* + 10 + 100, 222 = 2 + 20* + 200, 2021-03 missing
-- (the first lacks it); series_sum_present: 330 = 30* + 300 in 2021-03;
-- series_count counts presence and carries no flags
CREATE TABLE est_parts (n int, s indicator_series);
INSERT INTO est_parts VALUES (1, 'numeric {2021-01: 1*, 2021-02: 2}'),
	(2, 'numeric {2021-01: 10, 2021-02: 20*, 2021-03: 30*}'), (3, 'numeric {2021-01: 100, 2021-02: 200, 2021-03: 300}');
SELECT series_sum(s ORDER BY n) AS sum_all, series_sum_present(s ORDER BY n) AS sum_present,
       series_count(s) AS count
FROM est_parts;
-- without the flagged parts: no flags
SELECT series_sum(s) AS sum_official FROM est_parts WHERE n = 3;
-- a total whose estimated part becomes missing loses the flag with the value
SELECT series_sum(s ORDER BY n) AS flag_gone
FROM (VALUES (1, 'numeric {2021-01: 1*, 2021-02: 2*}'::indicator_series), (2, 'numeric {2021-01: 3, 2021-02: NULL}')) v(n, s);

-- to_frequency: a quarter is an estimate when any of its months is, by any
-- method (1 + 2 + 3* = 6*, 4 + 5 + 6 = 15; the mean 2*; the last month 3*);
-- an incomplete year is missing and unflagged
SELECT to_frequency(s, 'quarter') AS q_sum, to_frequency(s, 'quarter', 'avg') AS q_avg,
       to_frequency(s, 'quarter', 'last') AS q_last, to_frequency(s, 'year') AS y_sum
FROM (VALUES ('numeric {2021-01: 1, 2021-02: 2*, 2021-03: 3, 2021-04: 4, 2021-05: 5, 2021-06: 6}'::indicator_series)) v(s);
SELECT to_frequency('float8 {2020-Q1: 1, 2020-Q2: 2, 2020-Q3: 3, 2020-Q4: 4*, 2021-Q1: 5}', 'year') AS float8_year,
       to_frequency('numeric {2021-01: 1*}', 'month') AS same_frequency;

-- rebase: the base year's (or period's) estimate flags every value
-- (each value rests on the base); otherwise each value keeps its own flag.
-- 2020's average is (100 + 100 + 100 + 100) / 4 = 100, so values are unchanged
SELECT rebase(s, 2020) AS base_year_estimated,
       rebase(s, '2020-01-01'::date) AS base_q1_official,
       rebase(s, '2020-10-01'::date) AS base_q4_estimated
FROM (VALUES ('float8 {2020-Q1: 100, 2020-Q2: 100, 2020-Q3: 100, 2020-Q4: 100*, 2021-Q1: 110, 2021-Q2: NULL}'::indicator_series)) v(s);
-- a base year without estimates: only the value's own flag (2021 is
-- 50: 25 x 100 / 50 = 50, 75 x 100 / 50 = 150)
SELECT rebase('numeric {2021: 50, 2022: 25*, 2023: 75}', 2021) AS own_flags;

-- chain_link: through the link, the old index's own flags; after it, the
-- new index's value x old link level / new link level (60 x 110 / 50 = 132,
-- 70 x 110 / 50 = 154), an estimate when its own value or a link level is
SELECT chain_link('float8 {2020-01: 100, 2020-02: 110*, 2020-03: 120}',
                  'float8 {2020-02: 50, 2020-03: 60, 2020-04: 70}', '2020-02-01'::date) AS link_estimated,
       chain_link('float8 {2020-01: 100, 2020-02: 110, 2020-03: 120}',
                  'float8 {2020-02: 50, 2020-03: 60, 2020-04: 70*}', '2020-02-01'::date) AS own_flag;
-- linked through a year whose old average rests on an estimate (60 x 100 / 50 = 120)
SELECT chain_link('float8 {2020-Q1: 100*, 2020-Q2: 100, 2020-Q3: 100, 2020-Q4: 100, 2021-Q1: 90}',
                  'float8 {2020-Q1: 50, 2020-Q2: 50, 2020-Q3: 50, 2020-Q4: 50, 2021-Q1: 60}', 2020) AS link_year;

-- index_agg: a period rests on every component's value in it:
-- (100 x 1 + 200 x 3) / 4 = 175*, (110 x 1 + 220 x 3) / 4 = 192.5*
SELECT index_agg(s, w) AS weighted
FROM (VALUES ('float8 {2021-01: 100, 2021-02: 110*}'::indicator_series, 1.0), ('float8 {2021-01: 200*, 2021-02: 220}', 3.0)) v(s, w);
-- a component's estimate in a period another component lacks: missing, unflagged
SELECT index_agg(s, w) AS with_gap
FROM (VALUES ('float8 {2021-01: 100, 2021-02: 110*}'::indicator_series, 1.0), ('float8 {2021-01: 200, 2021-02: NULL}', 1.0)) v(s, w);
-- the state's text form carries the flags of its sums (Citus ships it as text)
SELECT index_agg_transfn(NULL, 'float8 {2021-01: 100*, 2021-02: 50}', 2)::text AS state_text,
       index_agg_final(index_agg_transfn(NULL, 'float8 {2021-01: 100*, 2021-02: 50}', 2)::text::index_agg_state) AS from_text;

-- fill_missing: a filled period rests on the neighbours its method uses:
-- 'locf' the one before, 'linear' both (Feb 20, Mar 30 between 10* and 40;
-- May 50 between 40 and 60*), 'zero' none
SELECT fill_missing(s, 'locf') AS locf, fill_missing(s, 'linear') AS linear, fill_missing(s, 'zero') AS zero
FROM (VALUES ('numeric {2021-01: 10*, 2021-02: NULL, 2021-03: NULL, 2021-04: 40, 2021-05: NULL, 2021-06: 60*}'::indicator_series)) v(s);
SELECT fill_missing('float8 {2021-Q1: 1, 2021-Q2: NULL, 2021-Q3: 3*}', 'linear') AS float8_linear;

-- series_trim keeps the flags of the periods it keeps
SELECT series_trim('numeric {2021-01: NULL, 2021-02: 2*, 2021-03: 3, 2021-04: NULL}') AS trimmed;

-- accessors read the values, flags or not
SELECT value_at(a, '2021-02-01') = value_at(b, '2021-02-01') AS same_value,
       ytd(a, '2021-03-01') = ytd(b, '2021-03-01') AS same_ytd,
       mom_pct(a, '2021-02-01') = mom_pct(b, '2021-02-01') AS same_mom
FROM (VALUES ('numeric {2021-01: 1, 2021-02: 2*, 2021-03: 3*}'::indicator_series,
              'numeric {2021-01: 1, 2021-02: 2, 2021-03: 3}'::indicator_series)) v(a, b);

------------------------------------------------------------------------------
-- series_rows_estimated and annual_rows_estimated: which rows rest on estimates
------------------------------------------------------------------------------

-- 2020-Q2 is an estimate.  By row (fy_start_month 1, 'sum'):
-- 2020-Q1 nothing flagged; 2020-Q2 its value; 2020-Q3 mom_pct (on Q2);
-- 2020-Q4 ytd (Q1..Q4); 2021-Q1 nothing (last year's Q1 and its ytd are
-- official); 2021-Q2 yoy_pct and value_last_year (on 2020-Q2); 2021-Q3 (no
-- value) ytd_last_year (2020's Q1..Q3); 2021-Q4 ytd_last_year (2020's year)
CREATE TABLE est_rows_s (s indicator_series);
INSERT INTO est_rows_s VALUES ('numeric {2020-Q1: 10, 2020-Q2: 20*, 2020-Q3: 30, 2020-Q4: 40, 2021-Q1: 11, 2021-Q2: 22, 2021-Q3: NULL, 2021-Q4: 44}');
SELECT r.* FROM est_rows_s, series_rows_estimated(s) r;
-- 'last': a year-to-date is its last period, so 2020-Q4's and 2021-Q3's
-- rest on no estimate any more
SELECT r.period, r.ytd, r.ytd_last_year, r.estimated FROM est_rows_s, series_rows_estimated(s, 1, 'last') r;
-- the same figures as series_rows(s, 1, method), and all false without flags
SELECT (SELECT array_agg(ROW(r.period, r.value, r.mom_pct, r.yoy_pct, r.ytd, r.ytd_growth_pct, r.value_last_year, r.ytd_last_year)::text)
          FROM series_rows_estimated(s, 1, 'avg') r) =
       (SELECT array_agg(r::text) FROM series_rows(s, 1, 'avg') r) AS same_figures,
       (SELECT bool_or(estimated) FROM series_rows_estimated(series_with_flags_removed) r) AS any_without_flags
FROM est_rows_s, LATERAL (SELECT series_set(s, '2020-04-01', 20) AS series_with_flags_removed) x;

-- annual_rows_estimated: a year's value rests on its periods ('last': its
-- last one), growth_pct also on last year's
SELECT r.* FROM est_rows_s, annual_rows_estimated(s) r;
SELECT m, r.* FROM (VALUES ('sum'), ('avg'), ('last')) v(m),
     annual_rows_estimated('numeric {2020-Q1: 1*, 2020-Q2: 2, 2020-Q3: 3, 2020-Q4: 4, 2021-Q1: 5, 2021-Q2: 6, 2021-Q3: 7, 2021-Q4: 8*, 2022-Q1: 9, 2022-Q2: 10, 2022-Q3: 11, 2022-Q4: 12}', m) r;
SELECT r.* FROM annual_rows_estimated('numeric {2020: 1, 2021: 2*, 2022: 3, 2023: 4}', 'sum', 1) r;
-- views on 1.1's functions keep 1.1's columns: the new column has new names
SELECT oid::regprocedure AS function,
       (SELECT string_agg(n, ', ' ORDER BY k) FROM unnest(proargnames, proargmodes) WITH ORDINALITY u(n, m, k)
         WHERE m = 'o') AS columns
FROM pg_proc
WHERE proname IN ('series_rows', 'annual_rows', 'series_rows_estimated', 'annual_rows_estimated')
ORDER BY proname, pronargs;

------------------------------------------------------------------------------
-- A parallel series_agg: the partial states' flags reach the result
------------------------------------------------------------------------------

-- 40 series x 240 months; a month is an estimate when (g + k) % 13 = 0, and
-- a missing month's row says estimated when (g + k) % 11 = 0 (no flag)
CREATE TABLE est_par (g int, p date, v numeric, e boolean);
INSERT INTO est_par
SELECT g, (date '2011-01-01' + make_interval(months => k))::date,
       CASE WHEN (g + k) % 11 = 0 THEN NULL ELSE g * 1000 + k + 0.5 END,
       (g + k) % 13 = 0 OR (g + k) % 11 = 0
FROM generate_series(0, 239) k, generate_series(1, 40) g ORDER BY k, g;
VACUUM ANALYZE est_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT g, series_agg(p, v, 'month', e) FROM est_par GROUP BY g;
CREATE TABLE est_par_parallel AS SELECT g, series_agg(p, v, 'month', e) AS s FROM est_par GROUP BY g;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
-- each series' flags are exactly the months (g + k) % 13 = 0 with a value:
-- 698 of them (counted in Python over the same g and k)
SELECT count(*) AS series,
       count(*) FILTER (WHERE estimated_periods(s) = ARRAY(
           SELECT (date '2011-01-01' + make_interval(months => k))::date FROM generate_series(0, 239) k
           WHERE (g + k) % 13 = 0 AND (g + k) % 11 <> 0 ORDER BY k)) AS flags_right,
       sum(cardinality(estimated_periods(s))) AS flagged_months
FROM est_par_parallel;
-- and equal to a serial run's series
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS equal_to_serial
FROM est_par_parallel p JOIN (SELECT g, series_agg(p, v, 'month', e) AS s FROM est_par GROUP BY g) s USING (g)
WHERE p.s = s.s AND p.s::text = s.s::text;
RESET max_parallel_workers_per_gather;

DROP TABLE est_s, est_rows, est_bin_src, est_bin_dst, est_recv, est_parts, est_par, est_par_parallel, est_rows_s;
DROP FUNCTION recv_file(text);
DROP FUNCTION hx(text);
