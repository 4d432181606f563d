-- Periods other than the month: quarterly and yearly series, their
-- text and binary forms, series_agg with a frequency and with timestamptz
-- periods, every accessor in the series' own periods, and the errors.
-- Every expected value is computed by hand in the comment beside it.

-- err() runs a statement and reports the SQLSTATE and message it raises
-- (and, for malformed text, the detail that says what is wrong)
CREATE FUNCTION err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	detail text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || CASE WHEN SQLSTATE = '22P02' THEN detail ELSE SQLERRM END;
END $$;
CREATE FUNCTION hx(hex text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT decode(replace(hex, ' ', ''), 'hex')
$$;

------------------------------------------------------------------------------
-- Text forms: the labels carry the frequency
------------------------------------------------------------------------------

-- quarters YYYY-Qn, years YYYY; a lowercase q reads too, the output is canonical
SELECT 'numeric {2021-Q1: 5, 2021-Q2: NULL, 2021-q3: 7.5}'::indicator_series AS quarterly,
       'float8 {2020: 1.5, 2021: NULL, 2022: 2}'::indicator_series AS yearly,
       'numeric {2021-01: 1.0, 2021-02: NULL}'::indicator_series AS monthly;
SELECT frequency('numeric {2021-Q4: 1}'), frequency('numeric {2021: 1}'), frequency('numeric {2021-12: 1}');
-- the text form round-trips
SELECT s::text::indicator_series::text = s::text AS round_trip
FROM (VALUES ('numeric {0001-Q1: 1, 0001-Q2: -2}'::indicator_series), ('numeric {9999: 3}'),
             ('float8 {9998-Q4: 1e-07, 9999-Q1: NULL}')) v(s);
-- malformed: a mix of frequencies, a quarter 5 or 0, a gap, a year 0, a
-- quarter after 9999-Q4, a year without its colon (22P02)
SELECT lit, err(format('SELECT %L::indicator_series', lit)) FROM (VALUES
	('numeric {2021-Q1: 1, 2021-05: 2}'), ('numeric {2021-04: 1, 2021-Q3: 2}'),
	('numeric {2021: 1, 2022-Q1: 2}'), ('numeric {2021-Q5: 1}'), ('numeric {2021-Q0: 1}'),
	('numeric {2021-Q1: 1, 2021-Q3: 2}'), ('numeric {2021: 1, 2021: 2}'), ('numeric {0000: 1}'),
	('numeric {9999-Q4: 1, 10000-Q1: 2}'), ('numeric {2021 1}'), ('numeric {2021-Q1: 1, 2021-Q2}'),
	('numeric {20211: 1}')) v(lit);

------------------------------------------------------------------------------
-- Binary forms
------------------------------------------------------------------------------

-- A monthly series is sent exactly as release 1.0 sent it (version 1; the
-- hex below is 1.0's indicator_series_send of this literal); a quarterly or
-- yearly one as version 2: 02, kind, frequency (01 quarter, 02 year), scale,
-- first period (2021-Q1 = 2021 * 4 = 8084 = 0x1f94; the year 2021 = 0x07e5),
-- number of periods, then as in version 1.
SELECT indicator_series_send('numeric {2021-01: 1.5, 2021-02: NULL, 2021-03: -2}') =
       hx('01 01 0001 00005ebc 00000003 01 0000000000000000 000000000000000f 00'
          ' 01 ffffffffffffffff ffffffffffffffec') AS monthly_is_version_1,
       indicator_series_send('numeric {2021-Q1: 5, 2021-Q2: NULL}') =
       hx('02 01 01 0000 00001f94 00000002 01 0000000000000000 0000000000000005 00') AS quarterly_v2,
       indicator_series_send('float8 {2021: 2.5}') =
       hx('02 02 02 0000 000007e5 00000001 01 4004000000000000') AS yearly_v2;

-- recv_file() wraps one field's bytes in a binary COPY file (see series_io.sql)
CREATE FUNCTION recv_file(hex text) RETURNS void LANGUAGE sql AS $$
	SELECT lo_unlink(oid) FROM pg_largeobject_metadata WHERE oid = 424242;
	SELECT lo_from_bytea(424242, hx('5047434f50590aff0d0a00 00000000 00000000 0001') ||
	                             int4send(length(hx(hex))) || hx(hex) || hx('ffff'));
	SELECT NULL::void;
$$;
CREATE TABLE p_recv (s indicator_series);
-- 1.0's binary output (version 1) reads as the monthly series it was
SELECT recv_file('0101000100005ebc00000003010000000000000000000000000000000f0001ffffffffffffffffffffffffffffffec');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv FROM 'results/periods_recv.bin' (FORMAT binary)
-- version 2, quarterly and yearly
SELECT recv_file('02 01 01 0000 00001f94 00000002 01 0000000000000000 0000000000000005 00');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv FROM 'results/periods_recv.bin' (FORMAT binary)
SELECT recv_file('02 02 02 0000 000007e5 00000001 01 4004000000000000');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv FROM 'results/periods_recv.bin' (FORMAT binary)
SELECT s, frequency(s) FROM p_recv;
TRUNCATE p_recv;
\set VERBOSITY sqlstate
-- version 4: not a format this release knows (22P03)
SELECT recv_file('04 01 01 0000 00001f94 00000001 01 0000000000000000 0000000000000005');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv FROM 'results/periods_recv.bin' (FORMAT binary)
-- version 2 with frequency 3 (22P03)
SELECT recv_file('02 01 03 0000 00001f94 00000001 01 0000000000000000 0000000000000005');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv FROM 'results/periods_recv.bin' (FORMAT binary)
-- truncated: in the header, in the frequency byte, in a value (22P03, not 08P01)
SELECT recv_file('02 01 01 0000 0000');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv FROM 'results/periods_recv.bin' (FORMAT binary)
SELECT recv_file('02 01');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv FROM 'results/periods_recv.bin' (FORMAT binary)
SELECT recv_file('02 01 01 0000 00001f94 00000001 01 0000000000000000 00000005');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv FROM 'results/periods_recv.bin' (FORMAT binary)
-- index_agg_state's binary form truncated (found by test/fuzz/fuzz_recv.py):
-- empty, the version alone, half the weight: 22P03 too, not 08P01
CREATE TABLE p_recv_state (st index_agg_state);
SELECT recv_file('');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv_state FROM 'results/periods_recv.bin' (FORMAT binary)
SELECT recv_file('01');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv_state FROM 'results/periods_recv.bin' (FORMAT binary)
SELECT recv_file('01 02 3ff00000');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv_state FROM 'results/periods_recv.bin' (FORMAT binary)
-- whole: version 1, lacks every month, weight 1.0
SELECT recv_file('01 02 3ff0000000000000');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv_state FROM 'results/periods_recv.bin' (FORMAT binary)
SELECT st FROM p_recv_state;
DROP TABLE p_recv_state;
-- a quarter beyond 9999-Q4 (period 9999 * 4 + 4 = 40000 = 0x9c40)
SELECT recv_file('02 01 01 0000 00009c40 00000001 00');
\lo_export 424242 'results/periods_recv.bin'
\copy p_recv FROM 'results/periods_recv.bin' (FORMAT binary)
\set VERBOSITY default
SELECT count(*) AS nothing_loaded FROM p_recv;

-- A stored value is checked wherever it is read, not only by recv.  A
-- binary-coercible cast from polygon (a varlena aligned on double, as
-- indicator_series) hands the accessors a raw image, which polygon's text
-- form can spell: on this little-endian machine its int32 point count is the
-- series' version, kind and scale (257 points = 01 01 0000: version 1,
-- numeric, scale 0; 260 = 04 01 0000: version 4), and the bounding box that
-- polygon_in computes (max x, max y, min x, min y of the points) is the rest
-- of the header and the first slots.  The doubles below are the bit patterns
-- first 24252 (2021-01) | 4 months << 32; npresent 3 | capacity 4 << 32;
-- front 0 | slot_bytes 4 << 32 (frequency, flags, attrs zero, as in 1.0);
-- months 7 | missing (INT32_MIN) << 32; the first point's x: 9 | 4 << 32.
-- So a version-1 image (1.0's layout, zero attrs byte) reads as the
-- monthly series {2021-01: 7, 2021-02: NULL, 2021-03: 9, 2021-04: 4}, and a
-- version-4 image is XX001 in every function that reads it.
CREATE CAST (polygon AS indicator_series) WITHOUT FUNCTION;
SELECT s, frequency(s), value_at(s, '2021-03-01') AS mar, ytd(s, '2021-01-01') AS ytd_jan, month_count(s)
FROM (SELECT (('((8.4879831683e-314,-3.5e-323),(8.487995146e-314,8.4879831653e-314),(8.487983164e-314,-3.5e-323)' ||
               repeat(',(8.487983164e-314,-3.5e-323)', 254) || ')')::polygon)::indicator_series) v(s);
CREATE TABLE p_future AS
	SELECT (('(' || '(0,0)' || repeat(',(0,0)', 259) || ')')::polygon)::indicator_series AS s;
SELECT q, err(q) FROM (VALUES ('SELECT value_at(s, ''2021-01-01'') FROM p_future'),
	('SELECT s::text FROM p_future'), ('SELECT indicator_series_send(s) FROM p_future'),
	('SELECT series_merge(s) FROM p_future'), ('SELECT frequency(s) FROM p_future')) v(q);
DROP TABLE p_future;
DROP CAST (polygon AS indicator_series);

------------------------------------------------------------------------------
-- series_agg with a frequency
------------------------------------------------------------------------------

-- any date in a quarter or year stands for it; every value type
SELECT series_agg(d, v::numeric, 'quarter') AS q_numeric, series_agg(d, v::float8, 'quarter') AS q_float8,
       series_agg(d, v::bigint, 'year') FILTER (WHERE v <> 4) AS y_bigint, series_agg(d, v::integer, 'month') AS m_integer
FROM (VALUES (date '2020-02-29', 1), ('2020-12-31', 4), ('2021-04-01', 5)) t(d, v);
-- the frequency of the whole group, any order, NULL values are missing periods
SELECT series_agg(d, v, 'quarter' ORDER BY d DESC)
FROM (VALUES (date '2020-01-01', 1::numeric), ('2020-07-15', NULL), ('2020-10-01', 3.25)) t(d, v);
-- errors: an unknown or NULL frequency, two values in one quarter or year
-- (named in the series' own form), a frequency that changes between rows
SELECT q, err(q) FROM (VALUES
	($$SELECT series_agg(d, 1, 'week') FROM (VALUES (date '2020-01-01')) t(d)$$),
	($$SELECT series_agg(d, 1, 'Quarter') FROM (VALUES (date '2020-01-01')) t(d)$$),
	($$SELECT series_agg(d, 1, NULL) FROM (VALUES (date '2020-01-01')) t(d)$$),
	($$SELECT series_agg(d, 1, 'quarter') FROM (VALUES (date '2020-01-01'), ('2020-03-31')) t(d)$$),
	($$SELECT series_agg(d, 1.5, 'year') FROM (VALUES (date '2020-01-01'), ('2020-12-31')) t(d)$$),
	($$SELECT series_agg(d, 1, f) FROM (VALUES (date '2020-01-01', 'quarter'), ('2021-01-01', 'year')) t(d, f)$$),
	($$SELECT series_agg(d, 'NaN'::float8, 'quarter') FROM (VALUES (date '2020-01-01')) t(d)$$)) v(q);
-- every series_agg keeps indicator_series as its state, with a combine
-- function (parallel query, Citus, postgres_fdw push partial states)
SELECT a.aggfnoid::regprocedure, a.aggtranstype::regtype, a.aggcombinefn::regproc, p.proparallel
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.proname = 'series_agg' ORDER BY 1::text;

------------------------------------------------------------------------------
-- timestamptz periods: the month in the session's time zone
------------------------------------------------------------------------------

-- 2021-01-31 20:00 UTC is still January in UTC, already February 1 (03:00)
-- in Ho Chi Minh City (UTC+7)
SET TimeZone = 'UTC';
SELECT series_agg(ts, 1), series_agg(ts, 1, 'quarter')
FROM (VALUES (timestamptz '2021-01-31 20:00:00+00')) t(ts);
SET TimeZone = 'Asia/Ho_Chi_Minh';
SELECT series_agg(ts, 1), series_agg(ts, 1, 'quarter')
FROM (VALUES (timestamptz '2021-01-31 20:00:00+00')) t(ts);
-- 2021-03-31 20:00 UTC: Q1 in UTC, Q2 (April 1) in Ho Chi Minh City
SELECT series_agg(ts, 1, 'quarter') FROM (VALUES (timestamptz '2021-03-31 20:00:00+00')) t(ts);
RESET TimeZone;
-- the common idioms: date_trunc of a timestamptz, a timestamp (implicit cast
-- to timestamptz), an untyped literal (the timestamptz overload: same month)
SELECT series_agg(date_trunc('month', ts), v) AS trunc_tz,
       series_agg(ts::timestamp, v) AS plain_timestamp
FROM (VALUES (timestamptz '2021-03-15 10:00', 5), ('2021-04-02 00:00', 6)) t(ts, v);
SELECT series_agg('2021-03-01', 5) AS untyped_literal;
-- an infinite timestamp names no month
SELECT err($$SELECT series_agg(timestamptz 'infinity', 1)$$);

------------------------------------------------------------------------------
-- The warning when quarterly data is aggregated as months
------------------------------------------------------------------------------

-- values on the first month of four quarters, the other months missing:
-- WARNING with a hint to pass 'quarter' (said once, though two groups qualify)
SELECT g, series_agg(d, v) FROM (VALUES
	(1, date '2020-01-01', 1), (1, '2020-04-01', 2), (1, '2020-07-01', 3), (1, '2020-10-01', 4),
	(2, date '2020-02-01', 1), (2, '2020-05-01', 2), (2, '2020-08-01', 3), (2, '2021-02-01', 4)) t(g, d, v)
GROUP BY g ORDER BY g;
-- yearly values (every January): the hint says 'year'
SELECT month_count(series_agg(make_date(y, 1, 1), y)) FROM generate_series(2018, 2021) y;
-- no warning: three values only; 'month' passed explicitly; values on two
-- different months of their quarters; a quarterly frequency
SELECT series_agg(d, v) FROM (VALUES (date '2020-01-01', 1), ('2020-04-01', 2), ('2020-07-01', 3)) t(d, v);
SELECT series_agg(make_date(2020, m, 1), m, 'month') FROM generate_series(1, 12, 3) m;
SELECT series_agg(make_date(2020, m, 1), m) FROM unnest(ARRAY[1, 4, 7, 11]) m;
SELECT series_agg(make_date(2020, m, 1), m, 'quarter') FROM generate_series(1, 12, 3) m;

------------------------------------------------------------------------------
-- Quarterly accessors
------------------------------------------------------------------------------

-- 2019: 10, 20, 30, 40 (sum 100); 2020: 12, 18, 33, 50 (sum 113); 2021: 15, 20
CREATE TABLE pq AS SELECT 'numeric {2019-Q1: 10, 2019-Q2: 20, 2019-Q3: 30, 2019-Q4: 40, 2020-Q1: 12, 2020-Q2: 18, 2020-Q3: 33, 2020-Q4: 50, 2021-Q1: 15, 2021-Q2: 20}'::indicator_series AS s;
SELECT value_at(s, '2020-05-17') AS q2_2020,		-- any date in 2020-Q2: 18
       value_at(s, '2021-09-01') AS q3_2021,		-- outside the span: NULL
       pop_pct(s, '2020-04-01') AS pop_q2,			-- (18 - 12) / 12 * 100 = 50
       mom_pct(s, '2020-06-30') AS mom_q2,			-- the same: the previous quarter
       yoy_pct(s, '2020-08-01') AS yoy_q3,			-- (33 - 30) / 30 * 100 = 10
       yoy_pct(s, '2019-08-01') AS yoy_2019			-- 2018-Q3 is outside: NULL
FROM pq;
SELECT ytd(s, '2020-09-30') AS ytd_q3,				-- 12 + 18 + 33 = 63
       ytd_growth_pct(s, '2020-09-30') AS ytd_g,	-- (63 - 60) / 60 * 100 = 5
       ytd(s, '2020-09-01', 4) AS ytd_fy4,			-- FY from April: 18 + 33 = 51
       ytd(s, '2020-09-01', 1, 'avg') AS ytd_avg,	-- 63 / 3 = 21
       ytd(s, '2020-09-01', 1, 'last') AS ytd_last,	-- 33
       ytd_growth_pct(s, '2020-09-01', 1, 'avg') AS ytd_avg_g,	-- 21 / 20: 5
       ytd_growth_pct(s, '2020-09-01', 1, 'last') AS ytd_last_g	-- (33 - 30) / 30: 10
FROM pq;
SELECT annual(s, 2020) AS sum_2020,					-- 113
       annual(s, 2020, 'avg') AS avg_2020,			-- 113 / 4 = 28.25
       annual(s, 2020, 'last') AS last_2020,		-- 50
       annual(s, 2021) AS sum_2021,					-- incomplete: NULL
       annual(s, 2020, 'sum', 4) AS fy4_2020,		-- 2019-Q2 .. 2020-Q1: 20 + 30 + 40 + 12 = 102
       annual_growth_pct(s, 2020) AS growth_2020,	-- (113 - 100) / 100 * 100 = 13
       annual_growth_pct(s, 2020, 'last') AS growth_last,	-- (50 - 40) / 40 * 100 = 25
       attainment_pct(s, 2020, 100) AS att,			-- 113 / 100 * 100 = 113 (112.99999999999999 in doubles)
       attainment_pct(s, 2020, 25, 'avg') AS att_avg	-- 28.25 / 25 * 100 = 113
FROM pq;
SELECT ytd_attainment_pct(s, '2021-06-01', 140) AS ytd_att,	-- (15 + 20) / 140 * 100 = 25
       expected_ytd_share_pct(s, '2021-06-01') AS share,		-- (12 + 18) / 113 * 100 = 26.548672566371685 in doubles
       projected_annual(s, '2021-06-01', 'run_rate') AS run_rate,	-- 35 * 4 / 2 = 70
       projected_annual(s, '2021-06-01') AS seasonal,			-- 35 * 113 / 30 = 131.8333...
       required_monthly(s, '2021-06-01', 140) AS per_quarter,	-- (140 - 35) / 2 quarters left = 52.5
       required_growth_rest_pct(s, '2021-06-01', 140) AS rest	-- (105 - 83) / 83 * 100 = 26.506024096385545 in doubles
FROM pq;
SELECT first_month(s), last_month(s), month_count(s), missing_months(s) FROM pq;
SELECT first_month(s), last_month(s), month_count(s), missing_months(s)
FROM (VALUES ('numeric {2020-Q3: 1, 2020-Q4: NULL, 2021-Q1: NULL, 2021-Q2: 4}'::indicator_series)) v(s);
-- series_rows: one row per quarter; mom_pct is the previous quarter, yoy_pct
-- four quarters back, ytd restarts each year (with fy 7: each July)
SELECT * FROM series_rows((SELECT s FROM pq));
SELECT period, ytd FROM series_rows((SELECT s FROM pq), 7);
-- a fiscal year that does not start on a quarter (22023), an unknown method
SELECT q, err(q) FROM (VALUES
	($$SELECT ytd(s, '2020-09-01', 2) FROM pq$$), ($$SELECT annual(s, 2020, 'sum', 5) FROM pq$$),
	($$SELECT * FROM series_rows((SELECT s FROM pq), 12)$$),
	($$SELECT ytd_growth_pct(s, '2020-09-01', 11, 'sum') FROM pq$$),
	($$SELECT projected_annual(s, '2020-09-01', 'run_rate', 3) FROM pq$$),
	($$SELECT ytd(s, '2020-09-01', 1, 'median') FROM pq$$),
	($$SELECT ytd(s, '2020-09-01', 13, 'sum') FROM pq$$)) v(q);

------------------------------------------------------------------------------
-- Yearly accessors
------------------------------------------------------------------------------

-- 2018: 100, 2019: 110, 2020 missing, 2021: 121
CREATE TABLE py AS SELECT 'numeric {2018: 100, 2019: 110, 2020: NULL, 2021: 121}'::indicator_series AS s;
SELECT value_at(s, '2019-07-01') AS v2019,			-- 110
       yoy_pct(s, '2019-12-31') AS yoy_2019,		-- (110 - 100) / 100 * 100 = 10
       pop_pct(s, '2019-01-01') AS pop_2019,		-- the previous year: also 10
       yoy_pct(s, '2021-01-01') AS yoy_2021,		-- 2020 missing: NULL
       ytd(s, '2019-03-01') AS ytd_2019,			-- the whole year: 110
       ytd(s, '2019-03-01', 1, 'avg') AS ytd_avg,	-- 110 / 1 = 110
       annual(s, 2019) AS a2019, annual(s, 2019, 'avg') AS avg2019,	-- 110, 110
       annual_growth_pct(s, 2019) AS g2019,			-- 10
       annual(s, 2020) AS a2020,					-- missing: NULL
       projected_annual(s, '2019-05-01', 'run_rate') AS run_rate,	-- 110 * 1 / 1 = 110
       required_monthly(s, '2019-05-01', 200) AS per_year_left		-- no year left: NULL
FROM py;
SELECT month_count(s), missing_months(s), first_month(s), last_month(s) FROM py;
SELECT * FROM series_rows((SELECT s FROM py));
-- a yearly series' periods are its years as labelled: fy_start_month is 1
SELECT err($$SELECT annual(s, 2019, 'sum', 7) FROM py$$);

------------------------------------------------------------------------------
-- Monthly ytd by method (the 4-argument ytd), and the 1.0 forms unchanged
------------------------------------------------------------------------------

-- 2021-01..03: 1.5, 2, 2 ('avg' is the mean of the months, by numeric
-- division as avg(numeric) over the same rows: 5.5 / 3)
CREATE TABLE pm AS SELECT series_agg(d, v) AS s FROM (VALUES (date '2020-01-01', 1), ('2020-02-01', 2), ('2020-03-01', 3),
	('2021-01-01', 1.5), ('2021-02-01', 2), ('2021-03-01', 2)) t(d, v);
SELECT ytd(s, '2021-03-01') AS ytd_1_0,					-- 5.5
       ytd(s, '2021-03-01', 1, 'sum') AS ytd_sum,			-- 5.5
       ytd(s, '2021-03-01', 1, 'avg') AS ytd_avg,		-- 5.5 / 3 = 1.8333333333333333
       ytd(s, '2021-03-01', 1, 'avg') = (SELECT avg(v) FROM unnest(ARRAY[1.5, 2, 2]) v) AS same_as_avg,
       ytd(s, '2021-03-01', 1, 'last') AS ytd_last,		-- 2
       ytd_growth_pct(s, '2021-03-01', 1, 'last') AS last_g,	-- (2 - 3) / 3 * 100 = -33.33...
       ytd_growth_pct(s, '2021-03-01', 1, 'avg') AS avg_g,	-- (5.5 - 6) / 6 * 100 = -8.33...
       ytd_growth_pct(s, '2021-03-01') AS g_1_0				-- the same as 'sum'
FROM pm;
-- a float8 series: the mean as a double
SELECT ytd('float8 {2021-01: 1, 2021-02: 2}'::indicator_series, '2021-02-01', 1, 'avg');

------------------------------------------------------------------------------
-- Mixed frequencies, series_trim
------------------------------------------------------------------------------

SELECT q, err(q) FROM (VALUES
	($$SELECT series_merge(s) FROM (VALUES ('numeric {2020-01: 1}'::indicator_series), ('numeric {2020-Q2: 1}')) v(s)$$),
	($$SELECT series_sum(s) FROM (VALUES ('numeric {2020-Q1: 1}'::indicator_series), ('numeric {2020: 1}')) v(s)$$),
	($$SELECT series_agg_combine('numeric {2020: 1}', 'numeric {2021-01: 1}')$$)) v(q);
-- the same frequency merges and sums as before, and keeps its frequency
SELECT series_merge(s), series_sum(s) FROM (VALUES ('numeric {2020-Q1: 1, 2020-Q2: NULL}'::indicator_series),
                                                   ('numeric {2020-Q2: 2}')) v(s);

SELECT series_trim('numeric {2020-Q1: NULL, 2020-Q2: 5, 2020-Q3: NULL, 2020-Q4: 6, 2021-Q1: NULL}') AS quarterly,
       series_trim('numeric {2021-01: 1.25, 2021-02: 2}') AS unchanged,
       series_trim('float8 {2019: NULL, 2020: 1}') AS yearly,
       series_trim('numeric {2021-01: NULL, 2021-02: NULL}') IS NULL AS all_missing_is_null,
       series_trim('numeric {2021-01: NULL, 2021-02: 123456789012, 2021-03: 1, 2021-04: NULL}') AS wide;

------------------------------------------------------------------------------
-- Indices on quarterly series: results keep the input's periods
------------------------------------------------------------------------------

-- 2020: 80, 100, 120, 100 (average 100); 2021-Q1: 110
CREATE TABLE pi AS SELECT 'numeric {2020-Q1: 80, 2020-Q2: 100, 2020-Q3: 120, 2020-Q4: 100, 2021-Q1: 110}'::indicator_series AS q;
SELECT rebase(q, 2020) AS on_2020,							-- every quarter x 100 / 100
       rebase(q, date '2020-05-01') AS on_q2,				-- x 100 / 100 (2020-Q2)
       frequency(rebase(q, 2020))
FROM pi;
SELECT contribution_pp(q, 0.5, q, '2021-01-01') AS yoy_pp,		-- 0.5 x (110 - 80) / 80 x 100 = 18.75
       contribution_pp(q, 0.5, q, '2021-01-01', 3) AS qoq_pp	-- 0.5 x (110 - 100) / 100 x 100 = 5
FROM pi;
-- weights 1 and 3: (1 x 100 + 3 x 200) / 4 = 175, (1 x 200 + 3 x 100) / 4 = 125
SELECT index_agg(s, w) FROM (VALUES ('numeric {2020-Q1: 100, 2020-Q2: 200}'::indicator_series, 1),
                                    ('numeric {2020-Q1: 200, 2020-Q2: 100}', 3)) v(s, w);
-- one-quarter overlap: 2020-Q4 = 101 x 104 / 100 = 105.04; annual overlap:
-- old's 2020 averages 100, new's 50, so 2021-Q1 = 55 x 100 / 50 = 110
SELECT chain_link('numeric {2020-Q1: 100, 2020-Q2: 102, 2020-Q3: 104}', 'numeric {2020-Q3: 100, 2020-Q4: 101}',
                  date '2020-07-01') AS quarter_link,
       chain_link(q, 'numeric {2020-Q1: 50, 2020-Q2: 50, 2020-Q3: 50, 2020-Q4: 50, 2021-Q1: 55}', 2020) AS year_link
FROM pi;
SELECT q, err(q) FROM (VALUES
	($$SELECT rebase(q, 2020, 2) FROM pi$$),
	($$SELECT rebase(q, 20200) FROM pi$$),
	($$SELECT chain_link(q, q, 0) FROM pi$$),
	($$SELECT contribution_pp(q, 0.5, q, '2021-01-01', 4) FROM pi$$),
	($$SELECT contribution_pp(q, 0.5, 'numeric {2020-01: 1}', '2021-01-01') FROM pi$$),
	($$SELECT chain_link(q, 'numeric {2020-01: 1}', date '2020-01-01') FROM pi$$),
	($$SELECT index_agg(s, 1) FROM (VALUES ('numeric {2020-01: 1}'::indicator_series), ('numeric {2020-Q1: 1}')) v(s)$$)) v(q);
DROP TABLE pi;

------------------------------------------------------------------------------
-- Parallel query: partial series of a frequency combine as monthly ones do
------------------------------------------------------------------------------

-- 20 series x 80 quarters, each row on a different day of its quarter, with a
-- timestamptz twin at 23:30 UTC (a regular table: workers cannot read temp ones)
CREATE TABLE p_par (series int, period date, ts timestamptz, value numeric);
INSERT INTO p_par
SELECT g, d, d + time '23:30', ((g * 7919 + k * 104729) % 100003) * 0.01
FROM generate_series(0, 79) k, generate_series(1, 20) g,
     LATERAL (SELECT (date '2001-01-01' + make_interval(months => 3 * k, days => (g + k) % 89))::date AS d) x
ORDER BY k, g;
VACUUM ANALYZE p_par;
SET TimeZone = 'UTC';
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT series, series_agg(period, value, 'quarter'), series_agg(ts, value, 'year') FROM p_par GROUP BY series;
CREATE TABLE p_par_parallel AS
	SELECT series, series_agg(period, value, 'quarter')::text AS q, series_agg(ts, value, 'quarter')::text AS tq
	FROM p_par GROUP BY series;
-- quarter starts without a frequency: the warning comes from the final
-- function, in the leader, once for the query (the flag that asks for it
-- travels with the partial states)
SELECT sum(month_count(s)) FROM (SELECT series, series_agg(date_trunc('quarter', period)::date, value) AS s FROM p_par GROUP BY series) g;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE p_par_serial AS
	SELECT series, series_agg(period, value, 'quarter')::text AS q, series_agg(ts, value, 'quarter')::text AS tq
	FROM p_par GROUP BY series;
SELECT (SELECT count(*) FROM p_par_parallel) AS parallel_rows,
       (SELECT count(*) FROM (SELECT * FROM p_par_parallel EXCEPT SELECT * FROM p_par_serial) d) AS only_parallel,
       (SELECT count(*) FROM (SELECT * FROM p_par_serial EXCEPT SELECT * FROM p_par_parallel) d) AS only_serial,
       (SELECT bool_and(q = tq AND month_count(q::indicator_series) = 80) FROM p_par_serial) AS all_quarters;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET TimeZone;
DROP TABLE p_par, p_par_parallel, p_par_serial;

DROP TABLE pq, py, pm, p_recv;
DROP FUNCTION err(text), hx(text), recv_file(text);
