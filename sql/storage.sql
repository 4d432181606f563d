--
-- storage: how a numeric series holds its months (src/series.h).
--
-- A month of a numeric series takes a 4-byte slot (an int32 mantissa) when
-- every value of the series fits one, an 8-byte slot (int64) when every value
-- fits that, and a 16-byte slot (int128) otherwise.
-- Every size below is computed by hand: a 32-byte header, then one slot per
-- month of the span.  Whatever the slots, values are exact: each check
-- compares with the numeric it was built from, or with sum(numeric).
--

SET datestyle = 'ISO, YMD';

------------------------------------------------------------------------------
-- Slot width from the values
------------------------------------------------------------------------------

-- the ranges of int32 and int64, at scale 0: the most negative integer of a
-- slot marks a missing month, so that one value needs the next slot size
SELECT v, pg_column_size(('numeric {2021-01: ' || v || ', 2021-02: NULL}')::indicator_series) AS bytes,
       value_at(('numeric {2021-01: ' || v || ', 2021-02: NULL}')::indicator_series, '2021-01-01') = v AS exact
FROM (VALUES (0::numeric),                        -- 32 + 2 * 4
             (2147483647),                        -- int32 max: 32 + 2 * 4
             (2147483648),                        -- one more: 32 + 2 * 8
             (-2147483647),                       -- 4-byte slots
             (-2147483648),                       -- int32 min: 8-byte slots
             (9223372036854775807),               -- int64 max: 32 + 2 * 8
             (9223372036854775808),               -- one more: 32 + 2 * 16
             (-9223372036854775807),              -- 8-byte slots
             (-9223372036854775808),              -- int64 min: 16-byte slots
             (99999999999999999999999999999999999999)) t(v);

-- the mantissa counts, not the value: 2147483.647 is int32 max at scale 3,
-- and 922337203685477.5807 int64 max at scale 4
SELECT pg_column_size('numeric {2021-01: 2147483.647}'::indicator_series) AS int32_max,
       pg_column_size('numeric {2021-01: 2147483.648}'::indicator_series) AS int32_max_plus,
       pg_column_size('numeric {2021-01: 922337203685477.5807}'::indicator_series) AS int64_max,
       pg_column_size('numeric {2021-01: 922337203685477.5808}'::indicator_series) AS int64_max_plus;

-- 120 months of numeric(14,3) whose mantissas stay below 2^31 (at most
-- 119 * 1000001): 32 + 120 * 4 bytes; one month above 2^31 makes it 32 + 120 * 8
SELECT pg_column_size(series_agg(make_date(2011 + i / 12, i % 12 + 1, 1), (i * 1000.001)::numeric(14,3))) AS small,
       pg_column_size(series_agg(make_date(2011 + i / 12, i % 12 + 1, 1),
                                 CASE WHEN i = 60 THEN 2147483.648 ELSE i * 1000.001 END::numeric(14,3))) AS one_large,
       sum(CASE WHEN i = 60 THEN 2147483.648 ELSE i * 1000.001 END::numeric(14,3)) =
         annual(series_agg(make_date(2011 + i / 12, i % 12 + 1, 1),
                           CASE WHEN i = 60 THEN 2147483.648 ELSE i * 1000.001 END::numeric(14,3)), 2016)
         + (SELECT sum(j * 1000.001) FROM generate_series(0, 119) j WHERE j / 12 <> 5) AS exact
FROM generate_series(0, 119) i;

-- float8 series are always 8 bytes a month
SELECT pg_column_size('float8 {2021-01: 1e300, 2021-02: 2}'::indicator_series);

------------------------------------------------------------------------------
-- Widening while building: a wide value arriving after narrow ones
------------------------------------------------------------------------------

CREATE TABLE storage_rows (period date, value numeric);
INSERT INTO storage_rows VALUES
  ('2020-01-01', 1.5), ('2020-02-01', -7), ('2020-03-01', NULL),
  ('2020-04-01', 12345678901234567890.25), ('2020-05-01', 3),
  ('2019-12-01', 0.125);   -- grows the state downwards after the widening

-- every month as it went in, at the largest scale (3), and exact totals
SELECT s, pg_column_size(s) AS bytes     -- 32 + 6 * 16
FROM (SELECT series_agg(period, value ORDER BY period) AS s FROM storage_rows) x;
SELECT annual(series_agg(period, value), 2020, 'sum') IS NULL AS incomplete_year,
       value_at(series_agg(period, value), '2020-04-01') = 12345678901234567890.25 AS exact
FROM storage_rows;
SELECT ytd(s, '2020-02-01') = 1.5 - 7 AS ytd_narrow_part,
       value_at(s, '2019-12-01') = 0.125 AS grown_down
FROM (SELECT series_agg(period, value) AS s FROM storage_rows) x;

-- the same rows in any order give the same image (the bytes, not just the
-- text; record_image_eq compares the bytes)
SELECT record_image_eq(ROW(a.s), ROW(b.s)) AS same_image, a.s::text = b.s::text AS same_text
FROM (SELECT series_agg(period, value ORDER BY period) AS s FROM storage_rows) a,
     (SELECT series_agg(period, value ORDER BY period DESC) AS s FROM storage_rows) b;

-- a larger scale arriving later multiplies the values already held: 9 * 10^17
-- fits int64, 9 * 10^20 does not
SELECT s, pg_column_size(s) AS bytes     -- 32 + 2 * 16
FROM (SELECT series_agg(period, value ORDER BY period) AS s
      FROM (VALUES ('2021-01-01'::date, 900000000000000000::numeric), ('2021-02-01', 0.001)) t(period, value)) x;

------------------------------------------------------------------------------
-- Rollups: totals that outgrow int64, and months that drop out
------------------------------------------------------------------------------

-- 5 * 10^18 fits a narrow slot; twice that does not
SELECT s, pg_column_size(s) AS bytes,    -- 32 + 1 * 16
       value_at(s, '2021-01-01') = 10000000000000000000 AS exact
FROM (SELECT series_sum(x) AS s
      FROM (VALUES ('numeric {2021-01: 5000000000000000000}'::indicator_series),
                   ('numeric {2021-01: 5000000000000000000}')) t(x)) y;

-- 2 * 10^9 fits 4 bytes; twice that needs 8
SELECT s, pg_column_size(s) AS bytes     -- 32 + 1 * 8
FROM (SELECT series_sum(x) AS s
      FROM (VALUES ('numeric {2021-01: 2000000000}'::indicator_series),
                   ('numeric {2021-01: 2000000000}')) t(x)) y;

-- series_sum drops a month that one input lacks: when that was the only
-- large value, the result has small slots again, with the same image as its
-- literal
SELECT s, pg_column_size(s) AS bytes,    -- 32 + 2 * 4
       record_image_eq(ROW(s), ROW('numeric {2021-01: 2, 2021-02: NULL}'::indicator_series)) AS same_image
FROM (SELECT series_sum(x) AS s
      FROM (VALUES ('numeric {2021-01: 1, 2021-02: 10000000000000000000}'::indicator_series),
                   ('numeric {2021-01: 1}')) t(x)) y;

-- series_merge of a narrow and a wide series
SELECT series_merge(x), pg_column_size(series_merge(x)) AS bytes   -- 32 + 3 * 16
FROM (VALUES ('numeric {2021-01: 1}'::indicator_series),
             ('numeric {2021-03: -10000000000000000000}')) t(x);

------------------------------------------------------------------------------
-- Transition and combine functions called directly return the smallest
-- form, as the aggregates' final functions do (an aggregate's state has
-- spare months, which a stored value must not keep)
------------------------------------------------------------------------------

SELECT pg_column_size(series_agg_transfn(NULL, '2021-05-01', 3::numeric)) AS bytes,   -- 32 + 1 * 4
       record_image_eq(ROW(series_agg_transfn(NULL, '2021-05-01', 3::numeric)),
                       ROW('numeric {2021-05: 3}'::indicator_series)) AS started,
       record_image_eq(ROW(series_agg_transfn('numeric {2021-01: 1}', '2021-03-01', NULL::numeric)),
                       ROW('numeric {2021-01: 1, 2021-02: NULL, 2021-03: NULL}'::indicator_series)) AS extended,
       record_image_eq(ROW(series_agg_combine('numeric {2021-01: 1}', 'numeric {2021-03: 3}')),
                       ROW('numeric {2021-01: 1, 2021-02: NULL, 2021-03: 3}'::indicator_series)) AS merged;
-- 3,000,000,000 needs 8 bytes; the total, 1, fits in 4 again
SELECT s, pg_column_size(s) AS bytes,    -- 32 + 1 * 4
       record_image_eq(ROW(s), ROW('numeric {2021-01: 1}'::indicator_series)) AS same_image
FROM (SELECT series_sum_transfn('numeric {2021-01: 3000000000}', 'numeric {2021-01: -2999999999}') AS s) x;

------------------------------------------------------------------------------
-- The binary form does not depend on the slots
------------------------------------------------------------------------------

-- send writes every numeric month as 16 bytes, narrow or wide: the two
-- series below differ only in their second value, and so does their binary
-- form (flag 01, then the mantissa's high and low halves)
SELECT indicator_series_send('numeric {2021-01: 1, 2021-02: 2}') AS narrow,
       indicator_series_send('numeric {2021-01: 1, 2021-02: 18446744073709551616}') AS wide;

-- and what recv builds is narrow again when it can be (dump/restore keeps
-- sizes); stored in a table, a series under 127 bytes takes PostgreSQL's
-- 1-byte varlena header, so 40 - 3 and 64 - 3 bytes
CREATE TABLE storage_copy (s indicator_series);
INSERT INTO storage_copy VALUES ('numeric {2021-01: 1, 2021-02: 2}'),
                                ('numeric {2021-01: 1, 2021-02: 18446744073709551616}');
\copy storage_copy TO 'results/storage_copy.bin' (FORMAT binary)
CREATE TABLE storage_back (s indicator_series);
\copy storage_back FROM 'results/storage_copy.bin' (FORMAT binary)
SELECT b.s, pg_column_size(b.s) AS bytes, record_image_eq(ROW(b.s), ROW(c.s)) AS same_image
FROM storage_back b JOIN storage_copy c ON b.s::text = c.s::text
ORDER BY bytes;

DROP TABLE storage_rows, storage_copy, storage_back;
