--
-- series_io: the text and binary forms of indicator_series.
--
-- Every expected output here is known without running the code: the
-- canonical text is written by hand from the rules in src/series_parse.h
-- (every month of the span, in order; numeric values at the series' scale,
-- the largest number of decimals in the literal; float8 values in the
-- shortest form that reads back as the same double, which is PostgreSQL's
-- own float8 output), and the binary form is spelled out byte by byte from
-- the layout documented above indicator_series_send() in src/series.c.
--

SET datestyle = 'ISO, YMD';

------------------------------------------------------------------------------
-- Canonical text form
------------------------------------------------------------------------------

-- already canonical: comes back unchanged
SELECT 'numeric {2021-01: 100.50, 2021-02: NULL, 2021-03: 98.25}'::indicator_series;
SELECT 'float8 {2020-11: 1e-07, 2020-12: NULL}'::indicator_series;

-- numeric scale normalisation: every value at the largest scale of the literal
SELECT 'numeric {2021-01: 1, 2021-02: 2.50}'::indicator_series;
SELECT 'numeric {2021-01: 1.5, 2021-02: 2, 2021-03: 0.125, 2021-04: -7}'::indicator_series;
-- trailing zeros count as decimals (as numeric's display scale does)
SELECT 'numeric {2021-01: 3.000}'::indicator_series;
-- leading zeros, a plus sign, negative zero, a bare point
SELECT 'numeric {2021-01: 007.10, 2021-02: +5, 2021-03: -0, 2021-04: -0.00, 2021-05: .5, 2021-06: 5., 2021-07: -.25}'::indicator_series;

-- one month; the first and last months a series can hold
SELECT 'numeric {0001-01: 1}'::indicator_series;
SELECT 'numeric {9999-12: -1}'::indicator_series;
SELECT 'float8 {9999-11: NULL, 9999-12: 2}'::indicator_series;
-- a span across a year boundary
SELECT 'numeric {2020-11: 1, 2020-12: 2, 2021-01: 3, 2021-02: 4}'::indicator_series;

-- all months missing is a valid series (a span with no values)
SELECT 'numeric {2021-01: NULL, 2021-02: NULL}'::indicator_series;
SELECT 'float8 {2021-01: NULL}'::indicator_series;

-- the widest numeric values: 38 digits, 38 decimals; leading zeros are not
-- significant digits
SELECT 'numeric {2021-01: 99999999999999999999999999999999999999}'::indicator_series;
SELECT 'numeric {2021-01: -99999999999999999999999999999999999999}'::indicator_series;
SELECT 'numeric {2021-01: 0.00000000000000000000000000000000000001}'::indicator_series;
SELECT 'numeric {2021-01: -0.12345678901234567890123456789012345678}'::indicator_series;
SELECT 'numeric {2021-01: 000000000000000000000000000000000000000000001}'::indicator_series;
-- 37 digits at scale 1 makes 38 digits: still fits
SELECT 'numeric {2021-01: 9999999999999999999999999999999999999, 2021-02: 0.5}'::indicator_series;

------------------------------------------------------------------------------
-- Leniency: white space around every token, case of words, decimals
------------------------------------------------------------------------------

SELECT E'  numeric{2021-01:1,\n\t2021-02 :  2.5 ,2021-03:null}  '::indicator_series;
SELECT E'\r\nNUMERIC\t{ 2021-01 : Null , 2021-02:+1.25}\n'::indicator_series;
SELECT 'FLOAT8{2021-01:1.5E+2,2021-02:-2.5e-3,2021-03:NULL}'::indicator_series;
-- the same series written three ways gives one canonical text (the scale is
-- the most decimals written: 2.50 has two)
SELECT a::indicator_series::text = b::indicator_series::text AS ab_same,
       b::indicator_series::text = c::indicator_series::text AS bc_same,
       c::indicator_series::text AS canonical
FROM (VALUES ('numeric {2021-01: 1, 2021-02: 2.50, 2021-03: NULL}',
              'numeric{2021-01:1.0,2021-02:2.50,2021-03:NULL}',
              E'numeric {\n  2021-01: 1.00,\n  2021-02: 2.5,\n  2021-03: null\n}')) v(a, b, c);

------------------------------------------------------------------------------
-- Text round trip: in -> out -> in gives identical text
------------------------------------------------------------------------------

CREATE TABLE io_literals (id int PRIMARY KEY, lit text NOT NULL);
INSERT INTO io_literals VALUES
	(1, 'numeric {2021-01: 100.50, 2021-02: NULL, 2021-03: 98.25}'),
	(2, 'float8 {2020-11: 1e-07, 2020-12: NULL}'),
	(3, 'numeric {2021-01: 1, 2021-02: 2.50}'),
	(4, 'numeric {0001-01: 1}'),
	(5, 'numeric {9999-12: -1}'),
	(6, 'numeric {2021-01: 99999999999999999999999999999999999999}'),
	(7, 'numeric {2021-01: -0.12345678901234567890123456789012345678}'),
	(8, 'numeric {2021-01: NULL, 2021-02: NULL}'),
	(9, 'float8 {2021-01: 0.1, 2021-02: -0, 2021-03: 5e-324, 2021-04: 1.7976931348623157e308}'),
	(10, E'  numeric{2021-01:1,\n\t2021-02 :  2.5 ,2021-03:null}  '),
	(11, 'float8 {2021-01: 123456789012345678, 2021-02: 1e22, 2021-03: 1e21, 2021-04: 0.000001, 2021-05: 1e-05}');
-- a 240-month series with values of mixed scales and a few missing months
INSERT INTO io_literals
SELECT 12, 'numeric {' || string_agg(to_char(date '2001-01-01' + make_interval(months => k), 'YYYY-MM') || ': ' ||
		CASE WHEN k % 17 = 5 THEN 'NULL' ELSE ((k * 7919) % 100003 - 50000)::text || CASE WHEN k % 3 = 0 THEN '.5' ELSE '' END END,
	', ' ORDER BY k) || '}'
FROM generate_series(0, 239) k;
-- the longest span a series may have: 12000 months, 0001-01 .. 1000-12
INSERT INTO io_literals
SELECT 13, 'float8 {' || string_agg(to_char(make_date(1 + k / 12, 1 + k % 12, 1), 'YYYY-MM') || ': ' ||
		(k * 0.25)::float8::text, ', ' ORDER BY k) || '}'
FROM generate_series(0, 11999) k;

SELECT id,
       lit::indicator_series::text::indicator_series::text = lit::indicator_series::text AS text_round_trip,
       indicator_series_send(lit::indicator_series::text::indicator_series) = indicator_series_send(lit::indicator_series) AS same_bytes
FROM io_literals ORDER BY id;

-- the 240-month and 12000-month series read back to their exact spans and values
SELECT first_month(s), last_month(s), month_count(s), cardinality(missing_months(s)) AS missing
FROM (SELECT lit::indicator_series AS s FROM io_literals WHERE id IN (12, 13)) q ORDER BY 1;
-- a series from its 240 months' (period, value) rows is the same series
SELECT (SELECT lit::indicator_series::text FROM io_literals WHERE id = 12) =
       series_agg((date '2001-01-01' + make_interval(months => k))::date,
                  CASE WHEN k % 17 = 5 THEN NULL
                       ELSE (((k * 7919) % 100003 - 50000)::text || CASE WHEN k % 3 = 0 THEN '.5' ELSE '' END)::numeric END)::text
       AS same_as_aggregated
FROM generate_series(0, 239) k;
-- canonical numeric text: every value at scale 1.  The first months:
-- k = 0: '-50000' || '.5'; k = 1: 7919 - 50000 = -42081 -> -42081.0;
-- k = 2: 15838 - 50000 = -34162 -> -34162.0; k = 3: 23757 - 50000 = -26243, '.5'
SELECT substr(lit::indicator_series::text, 1, 86) FROM io_literals WHERE id = 12;

------------------------------------------------------------------------------
-- float8: the shortest representation round-trips every double exactly
------------------------------------------------------------------------------

-- Output text equals PostgreSQL's own float8 output (shortest exact form),
-- and the 8 value bytes of the binary form equal float8send() of the value
-- read by PostgreSQL's own float8in.  For a one-month series the value is
-- bytes 14..21: 12 bytes of header, then the presence flag.
CREATE TABLE io_doubles (v float8);
INSERT INTO io_doubles VALUES
	('0.1'), ('1e-07'), ('1.7976931348623157e308'), ('-1.7976931348623157e308'), ('-0'), ('0'),
	('5e-324'), ('2.2250738585072014e-308'), ('2.225073858507201e-308'), ('0.30000000000000004'),
	('1e22'), ('1e23'), ('123456789012345678'), ('9007199254740993'), ('3.141592653589793'),
	('-2.5e-3'), ('100'), ('0.000001'), ('1e-05'), ('4.35'), ('1e15'), ('1e16'), ('1.5e300');
SELECT v::text AS float8_text,
       ('float8 {2021-01: ' || v::text || '}')::indicator_series::text AS series_text,
       ('float8 {2021-01: ' || v::text || '}')::indicator_series::text = 'float8 {2021-01: ' || v::text || '}' AS same_text,
       substr(indicator_series_send(('float8 {2021-01: ' || v::text || '}')::indicator_series), 14, 8) = float8send(v) AS same_bits,
       substr(indicator_series_send(agg), 14, 8) = float8send(v) AS agg_same_bits
FROM io_doubles
CROSS JOIN LATERAL (SELECT series_agg(date '2021-01-01', x) AS agg FROM (VALUES (v)) q(x)) l
ORDER BY v, v::text;
-- -0 and 0 are different doubles and stay different
SELECT indicator_series_send('float8 {2021-01: -0}') AS minus_zero,
       indicator_series_send('float8 {2021-01: 0}') AS zero;
-- many more digits than needed still read as the nearest double
SELECT 'float8 {2021-01: 0.1000000000000000055511151231257827021181583404541015625}'::indicator_series;
SELECT 'float8 {2021-01: 0.30000000000000001}'::indicator_series;

------------------------------------------------------------------------------
-- Binary form: the documented layout, byte by byte
------------------------------------------------------------------------------

-- Layout (src/series.c): int8 version (1), int8 kind (1 numeric, 2 float8),
-- int16 scale, int32 first month, int32 months, then per month an int8 flag
-- (1 present, 0 missing) and, when present, the value: numeric as two int64
-- (high and low halves of the 128-bit mantissa), float8 as a float8.  All in
-- network byte order.
--
-- hx() reads hex digits with spaces between fields, so that each field of
-- the layout can be written apart.
CREATE FUNCTION hx(hex text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT decode(replace(hex, ' ', ''), 'hex')
$$;

-- numeric {2021-01: 1.00, 2021-02: 2.50, 2021-03: NULL}:
--   version 01, kind 01, scale 0002, first month 2021 * 12 + 0 = 24252 =
--   0x00005ebc, 3 months; then flag 01 and mantissa 100 (1.00 at scale 2),
--   flag 01 and mantissa 250 = 0xfa, flag 00 (missing, no value)
SELECT indicator_series_send('numeric {2021-01: 1, 2021-02: 2.50, 2021-03: NULL}') =
       hx('01 01 0002 00005ebc 00000003'
          ' 01 0000000000000000 0000000000000064'
          ' 01 0000000000000000 00000000000000fa'
          ' 00') AS numeric_layout;
-- negative mantissas are two's complement over 128 bits: -1 is all ones;
-- 0001-01 is month 12 = 0x0000000c
SELECT indicator_series_send('numeric {0001-01: -1}') =
       hx('01 01 0000 0000000c 00000001 01 ffffffffffffffff ffffffffffffffff') AS minus_one_layout;
-- 10^38 - 1 = 0x4b3b4ca85a86c47a098a223fffffffff; 9999-12 is month
-- 9999 * 12 + 11 = 119999 = 0x0001d4bf
SELECT indicator_series_send('numeric {9999-12: 99999999999999999999999999999999999999}') =
       hx('01 01 0000 0001d4bf 00000001 01 4b3b4ca85a86c47a 098a223fffffffff') AS max_mantissa_layout;
SELECT int4send(9999 * 12 + 11) = hx('0001d4bf') AS month_119999;
-- -(10^38 - 1) = 0xb4c4b357a5793b85f675ddc000000001
SELECT indicator_series_send('numeric {2021-01: -99999999999999999999999999999999999999}') =
       hx('01 01 0000 00005ebc 00000001 01 b4c4b357a5793b85 f675ddc000000001') AS min_mantissa_layout;
-- 0.5 at scale 1 next to 37 nines (mantissa 10^38 - 10 = ...fff6)
SELECT indicator_series_send('numeric {2021-01: 9999999999999999999999999999999999999, 2021-02: 0.5}') =
       hx('01 01 0001 00005ebc 00000002 01 4b3b4ca85a86c47a 098a223ffffffff6'
          ' 01 0000000000000000 0000000000000005') AS rescaled_layout;
-- float8 {2020-11: 1e-07, 2020-12: NULL, 2021-01: -2.5}: kind 02, scale 0,
-- 2020 * 12 + 10 = 24250 = 0x00005eba; -2.5 = -1.25 * 2^1: sign 1,
-- exponent 1023 + 1 = 0x400, fraction .25 = 0x4000000000000 -> 0xc004000000000000
SELECT indicator_series_send('float8 {2020-11: 1e-07, 2020-12: NULL, 2021-01: -2.5}') =
       hx('01 02 0000 00005eba 00000003 01') || float8send('1e-07') || hx('00 01 c004000000000000')
       AS float8_layout;
SELECT float8send('-2.5') = hx('c004000000000000') AS minus_2_5_bits;

------------------------------------------------------------------------------
-- Binary round trip through COPY (FORMAT binary): send, then recv
------------------------------------------------------------------------------

CREATE TABLE io_bin_src AS SELECT id, lit::indicator_series AS s FROM io_literals;
\copy io_bin_src TO 'results/series_io_copy.bin' (FORMAT binary)
CREATE TABLE io_bin_dst (LIKE io_bin_src);
\copy io_bin_dst FROM 'results/series_io_copy.bin' (FORMAT binary)
SELECT a.id, a.s::text = b.s::text AS same_text,
       indicator_series_send(a.s) = indicator_series_send(b.s) AS same_bytes
FROM io_bin_src a JOIN io_bin_dst b USING (id) ORDER BY a.id;
SELECT (SELECT count(*) FROM io_bin_src) AS sent, (SELECT count(*) FROM io_bin_dst) AS received;

-- Hand-made binary input.  recv_file() wraps one field's bytes in the binary
-- COPY file format (signature, flags, header extension, one tuple of one
-- field, trailer) and stores them as large object 424242; psql's \lo_export
-- writes them to a file and \copy reads it, so recv sees exactly the bytes
-- given here.
CREATE FUNCTION recv_file(hex text) RETURNS void LANGUAGE sql AS $$
	SELECT lo_unlink(oid) FROM pg_largeobject_metadata WHERE oid = 424242;
	SELECT lo_from_bytea(424242, hx('5047434f50590aff0d0a00 00000000 00000000 0001') ||
	                             int4send(length(hx(hex))) || hx(hex) || hx('ffff'));
	SELECT NULL::void;
$$;
CREATE TABLE io_recv (s indicator_series);

-- the numeric layout spelled out above reads back as the series it came from
SELECT recv_file('01 01 0002 00005ebc 00000003'
                 ' 01 0000000000000000 0000000000000064'
                 ' 01 0000000000000000 00000000000000fa'
                 ' 00');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- float8 {2020-11: 1e-07, 2020-12: NULL, 2021-01: -2.5}
SELECT recv_file('01 02 0000 00005eba 00000003 01 ' || encode(float8send('1e-07'), 'hex') || ' 00 01 c004000000000000');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- the largest mantissa, 10^38 - 1, at scale 38
SELECT recv_file('01 01 0026 00005ebc 00000001 01 4b3b4ca85a86c47a 098a223fffffffff');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
SELECT s, month_count(s) FROM io_recv;
TRUNCATE io_recv;

-- Bad binary input is rejected with 22P03 (invalid_binary_representation).
-- Each case breaks one field of the valid one-month numeric series
-- '01 01 0000 00005ebc 00000001 01 <mantissa 1>'.
\set VERBOSITY sqlstate
-- format version 4 (1.2 reads versions 1 to 3)
SELECT recv_file('04 01 0000 00005ebc 00000001 01 0000000000000000 0000000000000001');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY default
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY sqlstate
-- kind 3, kind 0
SELECT recv_file('01 03 0000 00005ebc 00000001 01 0000000000000000 0000000000000001');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY default
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY sqlstate
SELECT recv_file('01 00 0000 00005ebc 00000001 01 0000000000000000 0000000000000001');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- scale 39, scale -1
SELECT recv_file('01 01 0027 00005ebc 00000001 01 0000000000000000 0000000000000001');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY default
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY sqlstate
SELECT recv_file('01 01 ffff 00005ebc 00000001 01 0000000000000000 0000000000000001');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- a float8 series with scale 1
SELECT recv_file('01 02 0001 00005ebc 00000001 01 3ff0000000000000');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- zero months, -1 months, 12001 months (0x2ee1)
SELECT recv_file('01 01 0000 00005ebc 00000000');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY default
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY sqlstate
SELECT recv_file('01 01 0000 00005ebc ffffffff');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
SELECT recv_file('01 01 0000 00005ebc 00002ee1');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- first month 11 (December of year 0), first month -1
SELECT recv_file('01 01 0000 0000000b 00000001 01 0000000000000000 0000000000000001');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY default
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY sqlstate
SELECT recv_file('01 01 0000 ffffffff 00000001 01 0000000000000000 0000000000000001');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- first month 9999-12 (0x0001d4bf) with 2 months runs into year 10000;
-- first month 10000-01 (0x0001d4c0) with 1 month
SELECT recv_file('01 01 0000 0001d4bf 00000002 00 00');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
SELECT recv_file('01 01 0000 0001d4c0 00000001 00');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- a presence flag of 2
SELECT recv_file('01 01 0000 00005ebc 00000001 02 0000000000000000 0000000000000001');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY default
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY sqlstate
-- mantissa 10^38 = 0x4b3b4ca85a86c47a098a224000000000 (39 digits)
SELECT recv_file('01 01 0000 00005ebc 00000001 01 4b3b4ca85a86c47a 098a224000000000');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY default
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY sqlstate
-- mantissa -(10^38) = 0xb4c4b357a5793b85f675ddc000000000
SELECT recv_file('01 01 0000 00005ebc 00000001 01 b4c4b357a5793b85 f675ddc000000000');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- the missing-month mark itself (the most negative int128) as a present value
SELECT recv_file('01 01 0000 00005ebc 00000001 01 8000000000000000 0000000000000000');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- float8 NaN, +Infinity, -Infinity as present values
SELECT recv_file('01 02 0000 00005ebc 00000001 01 7ff8000000000000');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY default
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY sqlstate
SELECT recv_file('01 02 0000 00005ebc 00000001 01 7ff0000000000000');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
SELECT recv_file('01 02 0000 00005ebc 00000001 01 fff0000000000000');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- a byte left over after the last month (PostgreSQL's own check, 22P03)
SELECT recv_file('01 01 0000 00005ebc 00000001 00 00');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
-- a month cut short: fewer bytes than the header promises (checked before
-- reading, so 22P03 as well: 1.0 let PostgreSQL's message reader report 08P01)
SELECT recv_file('01 01 0000 00005ebc 00000002 00');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
SELECT recv_file('01 01 0000 00005ebc 00000001 01 0000000000000000');
\lo_export 424242 'results/series_io_recv.bin'
\copy io_recv FROM 'results/series_io_recv.bin' (FORMAT binary)
\set VERBOSITY default
-- nothing was loaded
SELECT count(*) FROM io_recv;
SELECT lo_unlink(424242);

------------------------------------------------------------------------------
-- Malformed literals: every class is rejected with 22P02
------------------------------------------------------------------------------

-- try_in() reads a literal and reports the SQLSTATE and the detail sentence
-- (the primary message is the same for all: invalid input syntax for type
-- indicator_series, shown in full below).  Character positions count from 1.
CREATE FUNCTION try_in(lit text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	s indicator_series;
	state text;
	detail text;
BEGIN
	s := lit::indicator_series;
	RETURN 'accepted: ' || s::text;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, detail = PG_EXCEPTION_DETAIL;
	RETURN state || ': ' || detail;
END $$;

-- the full error, once
SELECT 'numeric {2021-13: 1}'::indicator_series;
-- a long literal is cut at 60 characters in the message
SELECT 'numeric {2021-01: 1, 2021-02: 2, 2021-03: 3, 2021-04: 4, 2021-05: 5, 2021-07: 7}'::indicator_series;
\set VERBOSITY sqlstate
SELECT 'numeric {2021-13: 1}'::indicator_series;
SELECT 'float8 {2021-01: NaN}'::indicator_series;
\set VERBOSITY default

SELECT lit, try_in(lit) FROM (VALUES
	-- truncated
	(''), ('   '), ('numeric'), ('numeric '), ('numeric {'), ('numeric {2021'), ('numeric {2021-0'),
	('numeric {2021-01'), ('numeric {2021-01:'), ('numeric {2021-01: 1'), ('numeric {2021-01: 1,'),
	('numeric {2021-01: 1, 2021-02: 2'), ('float8 {2021-01: 1.5'),
	-- months out of order, repeated, with gaps
	('numeric {2021-02: 1, 2021-01: 2}'), ('numeric {2021-01: 1, 2021-01: 2}'),
	('numeric {2021-01: 1, 2021-03: 2}'), ('numeric {2020-12: 1, 2022-01: 2}'),
	('float8 {2021-01: 1, 2021-02: NULL, 2021-02: 3}'),
	-- months that do not exist
	('numeric {2021-13: 1}'), ('numeric {2021-00: 1}'), ('numeric {2021-99: 1}'),
	('numeric {0000-01: 1}'), ('numeric {0000-12: 1}'), ('numeric {10000-01: 1}'),
	('numeric {9999-12: 1, 10000-01: 2}'), ('numeric {-001-01: 1}'),
	('numeric {2021-1: 1}'), ('numeric {21-01: 1}'), ('numeric {2021-001: 1}'),
	('numeric {2021/01: 1}'), ('numeric {2021-01-01: 1}'), ('numeric {2021 -01: 1}'),
	-- garbage
	('hello'), ('{2021-01: 1}'), ('integer {2021-01: 1}'), ('numerics {2021-01: 1}'),
	('numeric1 {2021-01: 1}'), ('float {2021-01: 1}'), ('numeric [2021-01: 1]'),
	('numeric (2021-01: 1)'), ('numeric {2021-01 1}'), ('numeric {2021-01; 1}'),
	('numeric {2021-01: abc}'), ('numeric {2021-01: 1 2}'), ('numeric {2021-01: 1; 2021-02: 2}'),
	('numeric {2021-01: --1}'), ('numeric {2021-01: +-1}'), ('numeric {2021-01: 1.2.3}'),
	('numeric {2021-01: .}'), ('numeric {2021-01: -}'), ('numeric {2021-01: }'),
	('numeric {2021-01: NULLX}'), ('numeric {2021-01: NUL}'), ('numeric {2021-01: 1,,2021-02: 2}'),
	('numeric {2021-01: 1, }'), ('numeric {2021-01: 0x10}'), ('numeric {2021-01: 1_000}'),
	('numeric {2021-01: ''1''}'), ('float8 {2021-01: 0x10}'), ('float8 {2021-01: 1e}'),
	('float8 {2021-01: 1e5e5}'), ('float8 {2021-01: 1-2}'), ('float8 {2021-01: abc}'),
	('float8 {2021-01: .}'), ('float8 {2021-01: 1,5}'),
	-- text after the closing brace
	('numeric {2021-01: 1} x'), ('numeric {2021-01: 1}}'), ('numeric {2021-01: 1};'),
	('numeric {2021-01: 1} {2021-02: 2}'), ('float8 {2021-01: 1}, '),
	-- empty braces
	('numeric {}'), ('float8 { }'), ('numeric{}'),
	-- exponents in numeric values
	('numeric {2021-01: 1e5}'), ('numeric {2021-01: 1E-2}'), ('numeric {2021-01: 2.5e0}'),
	-- NaN and infinite values
	('numeric {2021-01: NaN}'), ('numeric {2021-01: Infinity}'), ('numeric {2021-01: -Infinity}'),
	('float8 {2021-01: NaN}'), ('float8 {2021-01: nan}'), ('float8 {2021-01: Infinity}'),
	('float8 {2021-01: -Infinity}'), ('float8 {2021-01: inf}'), ('float8 {2021-01: -inf}'),
	('float8 {2021-01: 1e400}'), ('float8 {2021-01: -1e309}'), ('float8 {2021-01: 1e-400}'),
	-- more than 38 digits or decimals
	('numeric {2021-01: 100000000000000000000000000000000000000}'),
	('numeric {2021-01: -999999999999999999999999999999999999999}'),
	('numeric {2021-01: 99999999999999999999999999999999999999.0}'),
	('numeric {2021-01: 0.000000000000000000000000000000000000001}'),
	('numeric {2021-01: 1.00000000000000000000000000000000000000}'),
	-- 38 digits at scale 0 cannot be brought to the series' scale of 1
	('numeric {2021-01: 99999999999999999999999999999999999999, 2021-02: 0.5}'),
	('numeric {2021-01: 0.5, 2021-02: 10000000000000000000000000000000000000}')
) v(lit);

-- a float8 token longer than 400 characters
SELECT try_in('float8 {2021-01: 1.' || repeat('0', 400) || '}');
-- 12001 months: one more than a series may hold
SELECT try_in('numeric {' || string_agg(to_char(make_date(2001 + k / 12, 1 + k % 12, 1), 'YYYY-MM') || ': ' || k, ', ' ORDER BY k) || '}')
FROM generate_series(0, 12000) k;
-- 12000 months read fine
SELECT left(try_in('numeric {' || string_agg(to_char(make_date(2001 + k / 12, 1 + k % 12, 1), 'YYYY-MM') || ': ' || k, ', ' ORDER BY k) || '}'), 40)
FROM generate_series(0, 11999) k;

-- Every byte of a series is defined, the header's padding included: the
-- same series built three ways (aggregate, text input, binary input) has
-- one binary image (record image equality, *=, compares the stored bytes),
-- also after a trip through a table (and TOAST compression, for the long one).
CREATE TABLE io_images (how text, s indicator_series);
INSERT INTO io_images
	SELECT 'agg', series_agg(make_date(2001 + k / 12, 1 + k % 12, 1), k::numeric / 4) FROM generate_series(0, 2999) k;
INSERT INTO io_images SELECT 'text', (SELECT s FROM io_images WHERE how = 'agg')::text::indicator_series;
CREATE TABLE io_images_bin AS SELECT 'binary' AS how, s FROM io_images WHERE how = 'agg';
\copy io_images_bin TO 'results/series_io_images.bin' (FORMAT binary)
\copy io_images FROM 'results/series_io_images.bin' (FORMAT binary)
CREATE TYPE io_image AS (s indicator_series);
SELECT a.how, b.how, ROW(a.s)::io_image *= ROW(b.s)::io_image AS same_image
FROM io_images a JOIN io_images b ON a.how < b.how ORDER BY 1, 2;

-- clean up (later tests drop and recreate the extension)
DROP TABLE io_images, io_images_bin;
DROP TYPE io_image;
DROP TABLE io_literals, io_doubles, io_bin_src, io_bin_dst, io_recv;
DROP FUNCTION hx(text), recv_file(text), try_in(text);
