--
-- Equality, order and hashing of indicator_series: =, <>, <, <=, >, >=, the
-- btree and hash operator classes, and what they make possible (DISTINCT,
-- GROUP BY, count(DISTINCT), PARTITION BY, hash and merge joins, indexes).
--
-- Equal: the same kind, span and values (the same numbers at any scale and
-- in any slot width), missing months in the same places.  Each expected
-- answer follows from that rule, stated beside the query.
--
SET datestyle = 'ISO, YMD';

------------------------------------------------------------------------------
-- The operators and their properties in the catalog
------------------------------------------------------------------------------

SELECT o.oprname, o.oprcom::regoperator AS commutator, o.oprnegate::regoperator AS negator,
	   o.oprrest AS restrict, o.oprjoin AS join, o.oprcanhash AS hashes, o.oprcanmerge AS merges,
	   obj_description(o.oid, 'pg_operator') IS NOT NULL AS commented
FROM pg_operator o
WHERE o.oprleft = 'indicator_series'::regtype AND o.oprright = 'indicator_series'::regtype
ORDER BY o.oprname;

-- the default operator classes: btree (order) and hash
SELECT am.amname, c.opcname, c.opcdefault,
	   obj_description(c.oid, 'pg_opclass') IS NOT NULL AS commented
FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod
WHERE c.opcintype = 'indicator_series'::regtype
ORDER BY am.amname;
SELECT am.amname, p.amprocnum, p.amproc::regprocedure
FROM pg_amproc p
JOIN pg_opfamily f ON f.oid = p.amprocfamily
JOIN pg_am am ON am.oid = f.opfmethod
WHERE p.amproclefttype = 'indicator_series'::regtype
ORDER BY am.amname, p.amprocnum;

------------------------------------------------------------------------------
-- Equality
------------------------------------------------------------------------------

-- The same numbers at any scale: 1.0 = 1.00 = 1 (all three pairs), and
-- 2.50 = 2.5; a value that differs in the last decimal is not equal
SELECT 'numeric {2021-01: 1.0}'::indicator_series = 'numeric {2021-01: 1.00}' AS a,
	   'numeric {2021-01: 1.0}'::indicator_series = 'numeric {2021-01: 1}' AS b,
	   'numeric {2021-01: 1.00}'::indicator_series = 'numeric {2021-01: 1}' AS c,
	   'numeric {2021-01: 1, 2021-02: 2.50}'::indicator_series = 'numeric {2021-01: 1.0, 2021-02: 2.5}' AS d,
	   'numeric {2021-01: 1.0}'::indicator_series = 'numeric {2021-01: 1.01}' AS e,
	   'numeric {2021-01: 1.0}'::indicator_series <> 'numeric {2021-01: 1.01}' AS f;

-- Slots of different widths holding the same numbers are equal.  The width
-- shows in the size in a table: 29 bytes of header (32 in memory, less 3 of
-- the short varlena header) + each month's 4, 8 or 16 bytes.
-- w32: 1.0 and 2.0 at scale 1 (mantissas 10, 20: int32);
-- w64: the same at scale 10 (mantissa 2 x 10^10: int64);
-- x64: 1 and 3,000,000,000 at scale 0 (int64);
-- x128: the same at scale 11 (mantissa 3 x 10^20: int128)
CREATE TABLE widths (name text, s indicator_series);
INSERT INTO widths VALUES
	('w32', 'numeric {2021-01: 1.0, 2021-02: 2}'),
	('w64', 'numeric {2021-01: 1.0000000000, 2021-02: 2}'),
	('x64', 'numeric {2021-01: 1, 2021-02: 3000000000}'),
	('x128', 'numeric {2021-01: 1.00000000000, 2021-02: 3000000000.00000000000}'),
	-- a value that needs int128 at any scale: 10^19 > 2^63
	('y128', 'numeric {2021-01: 10000000000000000000}'),
	('y128s', 'numeric {2021-01: 10000000000000000000.000}');
SELECT name, pg_column_size(s) AS bytes, s FROM widths ORDER BY name;
-- w32 = w64, x64 = x128, y128 = y128s, and no other pair
SELECT a.name, b.name, a.s = b.s AS eq, a.s <> b.s AS ne, indicator_series_cmp(a.s, b.s) AS cmp
FROM widths a, widths b
WHERE a.name < b.name
ORDER BY a.name, b.name;

-- A numeric and a float8 series are never equal, even holding the same numbers
SELECT 'numeric {2021-01: 1}'::indicator_series = 'float8 {2021-01: 1}' AS a,
	   'numeric {2021-01: 0}'::indicator_series = 'float8 {2021-01: 0}' AS b,
	   'numeric {2021-01: NULL}'::indicator_series = 'float8 {2021-01: NULL}' AS c,
	   'numeric {2021-01: 1}'::indicator_series <> 'float8 {2021-01: 1}' AS d;

-- The frequency: a monthly and a quarterly series are never equal, not
-- even when their period numbers and values coincide (months 0673-09 and
-- 0673-10 are periods 8084 and 8085 since year 0, as are quarters 2021-Q1
-- and 2021-Q2); quarterly series at different scales are equal; GROUP BY
-- tells the frequencies apart, and the order puts month before quarter
SELECT 'numeric {0673-09: 1, 0673-10: 2}'::indicator_series = 'numeric {2021-Q1: 1, 2021-Q2: 2}' AS month_vs_quarter,
	   'numeric {2021-Q1: 1, 2021-Q2: 2}'::indicator_series = 'numeric {2021-Q1: 1.00, 2021-Q2: 2.0}' AS quarter_scales,
	   'numeric {2021: 5}'::indicator_series = 'numeric {2021-Q1: 5}' AS year_vs_quarter,
	   indicator_series_cmp('numeric {0673-09: 1, 0673-10: 2}', 'numeric {2021-Q1: 1, 2021-Q2: 2}') AS cmp_month_quarter;
SELECT frequency(s), count(*)
FROM (VALUES ('numeric {0673-09: 1, 0673-10: 2}'::indicator_series),
			 ('numeric {2021-Q1: 1, 2021-Q2: 2}'),
			 ('numeric {2021-Q1: 1.0, 2021-Q2: 2.0}')) t(s)
GROUP BY s ORDER BY 1;

-- float8: -0 = 0, as in float8; 0.1 + 0.2 is not 0.3 (nor is it in float8)
SELECT 'float8 {2021-01: -0}'::indicator_series = 'float8 {2021-01: 0}' AS a,
	   '-0'::float8 = '0'::float8 AS float8_a,
	   series_agg(p, v) = 'float8 {2021-01: 0.30000000000000004}' AS b,
	   series_agg(p, v) = 'float8 {2021-01: 0.3}' AS c
FROM (VALUES (date '2021-01-01', 0.1::float8 + 0.2::float8)) t(p, v);

-- the span and the missing months: not equal when a month is missing in one
-- only, when one has a missing month at an end that the other lacks, or when
-- they start in different months
SELECT 'numeric {2021-01: 1, 2021-02: NULL, 2021-03: 3}'::indicator_series
		 = 'numeric {2021-01: 1, 2021-02: 2, 2021-03: 3}' AS missing_vs_value,
	   'numeric {2021-01: 1, 2021-02: NULL, 2021-03: 3}'::indicator_series
		 = 'numeric {2021-01: 1.0, 2021-02: NULL, 2021-03: 3.00}' AS same_missing,
	   'numeric {2021-01: 1, 2021-02: NULL}'::indicator_series = 'numeric {2021-01: 1}' AS trailing,
	   'numeric {2020-12: NULL, 2021-01: 1}'::indicator_series = 'numeric {2021-01: 1}' AS leading,
	   'numeric {2021-01: 1}'::indicator_series = 'numeric {2021-02: 1}' AS shifted,
	   'float8 {2021-01: 1, 2021-02: NULL}'::indicator_series = 'float8 {2021-01: 1}' AS trailing_f;

-- values from series_agg (built in an aggregate state with spare room, then
-- finished) equal the same values written as text, at another scale; and
-- series_agg over the same rows in another order gives an equal series
SELECT series_agg(p, v) = 'numeric {2021-01: 1.000, 2021-02: NULL, 2021-03: 2.5}' AS from_agg,
	   series_agg(p, v ORDER BY p DESC) = series_agg(p, v ORDER BY v) AS orders,
	   series_agg(p, v) = 'numeric {2021-01: 1.000, 2021-02: 0, 2021-03: 2.5}' AS zero_not_missing
FROM (VALUES (date '2021-01-01', 1.0), ('2021-03-01', 2.50)) t(p, v);

-- NULL: = is STRICT, as for other types
SELECT (NULL::indicator_series = 'numeric {2021-01: 1}') IS NULL AS a,
	   NULL::indicator_series IS DISTINCT FROM 'numeric {2021-01: 1}' AS b,
	   'numeric {2021-01: 1.0}'::indicator_series IS NOT DISTINCT FROM 'numeric {2021-01: 1}' AS c;

------------------------------------------------------------------------------
-- The hash agrees with =
------------------------------------------------------------------------------

-- equal pairs across scales, slot widths, -0 and 0, and after series_agg
CREATE TABLE equal_pairs (a indicator_series, b indicator_series);
INSERT INTO equal_pairs VALUES
	('numeric {2021-01: 1.0}', 'numeric {2021-01: 1.00}'),
	('numeric {2021-01: 1.0}', 'numeric {2021-01: 1}'),
	('numeric {2021-01: 0.000}', 'numeric {2021-01: 0}'),
	('numeric {2021-01: -120.50, 2021-02: NULL, 2021-03: 7}', 'numeric {2021-01: -120.5, 2021-02: NULL, 2021-03: 7.000}'),
	('numeric {2021-01: 1.0, 2021-02: 2}', 'numeric {2021-01: 1.0000000000, 2021-02: 2}'),
	('numeric {2021-01: 1, 2021-02: 3000000000}', 'numeric {2021-01: 1.00000000000, 2021-02: 3000000000.00000000000}'),
	('numeric {2021-01: -1, 2021-02: -3000000000}', 'numeric {2021-01: -1.00000000000, 2021-02: -3000000000.00000000000}'),
	('numeric {2021-01: -7, 2021-02: NULL}', 'numeric {2021-01: -7.0000000000000000000000000000000000000, 2021-02: NULL}'),
	('numeric {2021-01: 10000000000000000000}', 'numeric {2021-01: 10000000000000000000.000}'),
	('numeric {2021-01: -99999999999999999999999999999999999999}', 'numeric {2021-01: -99999999999999999999999999999999999999}'),
	('float8 {2021-01: -0, 2021-02: NULL, 2021-03: 1.5}', 'float8 {2021-01: 0, 2021-02: NULL, 2021-03: 1.5}');
INSERT INTO equal_pairs
SELECT series_agg(p, v), 'numeric {2021-01: 1.000, 2021-02: NULL, 2021-03: 2.5}'
FROM (VALUES (date '2021-01-01', 1.0), ('2021-03-01', 2.50)) t(p, v);
-- every pair is equal, and has equal hashes (32-bit, and 64-bit with seeds
-- 0 and 42); the 32-bit hash is the low half of the 64-bit one with seed 0
SELECT count(*) AS pairs,
	   count(*) FILTER (WHERE a = b) AS equal,
	   count(*) FILTER (WHERE indicator_series_hash(a) = indicator_series_hash(b)) AS hash_equal,
	   count(*) FILTER (WHERE indicator_series_hash_extended(a, 0) = indicator_series_hash_extended(b, 0)
						  AND indicator_series_hash_extended(a, 42) = indicator_series_hash_extended(b, 42)) AS hash64_equal,
	   count(*) FILTER (WHERE indicator_series_hash(a)::bigint & 4294967295
							  = indicator_series_hash_extended(a, 0) & 4294967295) AS low_half
FROM equal_pairs;
-- a seed changes the 64-bit hash
SELECT count(*) FILTER (WHERE indicator_series_hash_extended(a, 0) <> indicator_series_hash_extended(a, 42)) AS seed_matters
FROM equal_pairs;

------------------------------------------------------------------------------
-- The order: a total order consistent with =, on a generated set
------------------------------------------------------------------------------

-- 400 series from 8 starts, 1 to 4 months, values drawn from a list that
-- holds equal numbers at several scales and widths, missing months, negative
-- and zero values; numeric and float8.  Deterministic: no random().
CREATE TABLE gen AS
SELECT i, format('%s {%s}', CASE WHEN i % 5 = 0 THEN 'float8' ELSE 'numeric' END,
				 string_agg(format('%s: %s', to_char(date '2020-10-01' + make_interval(months => (i / 7) % 8)
															+ make_interval(months => m), 'YYYY-MM'),
								   (ARRAY['1', '1.0', '1.00', '2', '-1', '0', '0.000', 'NULL',
										  '3000000000', '3000000000.00000000000',
										  '10000000000000000000', '-0.5', '-3000000000',
										  '-3000000000.00000000000'])[1 + (i * 7 + m * 5 + i / 13) % 14]),
							', ' ORDER BY m))::indicator_series AS s
FROM generate_series(1, 400) AS i
CROSS JOIN LATERAL generate_series(0, i % 4) AS m
GROUP BY i;
-- how varied it is: distinct texts, distinct by =, float8 members, sizes
SELECT count(*) AS series, count(DISTINCT s::text) AS texts, count(DISTINCT s) AS distinct_by_eq,
	   count(*) FILTER (WHERE s::text LIKE 'float8%') AS float8,
	   count(DISTINCT pg_column_size(s)) AS sizes
FROM gen;

-- reflexive; = and every operator agree with cmp; antisymmetric;
-- the hash agrees with = (160,000 ordered pairs, each tested)
SELECT count(*) AS pairs,
	   count(*) FILTER (WHERE a.i = b.i AND indicator_series_cmp(a.s, b.s) <> 0) AS not_reflexive,
	   count(*) FILTER (WHERE (a.s = b.s) <> (indicator_series_cmp(a.s, b.s) = 0)
						   OR (a.s <> b.s) <> (indicator_series_cmp(a.s, b.s) <> 0)
						   OR (a.s < b.s) <> (indicator_series_cmp(a.s, b.s) < 0)
						   OR (a.s <= b.s) <> (indicator_series_cmp(a.s, b.s) <= 0)
						   OR (a.s > b.s) <> (indicator_series_cmp(a.s, b.s) > 0)
						   OR (a.s >= b.s) <> (indicator_series_cmp(a.s, b.s) >= 0)) AS operators_disagree,
	   count(*) FILTER (WHERE sign(indicator_series_cmp(a.s, b.s)) <> -sign(indicator_series_cmp(b.s, a.s))) AS not_antisymmetric,
	   count(*) FILTER (WHERE a.s = b.s AND indicator_series_hash(a.s) <> indicator_series_hash(b.s)) AS hash_disagrees,
	   count(*) FILTER (WHERE a.s = b.s AND a.s::text <> b.s::text) AS equal_with_other_text
FROM gen a, gen b;

-- transitive: for every a <= b and b <= c, a <= c; and a = b, b = c gives
-- a = c (over the first 100 series: a million triples)
WITH g AS (SELECT * FROM gen WHERE i <= 100)
SELECT count(*) FILTER (WHERE a.s <= b.s AND b.s <= c.s) AS chains,
	   count(*) FILTER (WHERE a.s <= b.s AND b.s <= c.s AND NOT a.s <= c.s) AS not_transitive,
	   count(*) FILTER (WHERE a.s = b.s AND b.s = c.s AND NOT a.s = c.s) AS eq_not_transitive
FROM g a, g b, g c;

-- sorting agrees with cmp: in ORDER BY s every neighbour is <= the next
SELECT count(*) FILTER (WHERE indicator_series_cmp(s, nxt) > 0) AS out_of_order, count(nxt) AS neighbours
FROM (SELECT s, lead(s) OVER (ORDER BY s) AS nxt FROM gen) t;

-- the order itself, on examples: kind (numeric first), first month, values
-- month by month (a missing month after any value), then the shorter span
SELECT s FROM (VALUES
	('float8 {2020-01: 1}'::indicator_series),
	('numeric {2021-01: 2}'),
	('numeric {2021-01: 1.5, 2021-02: 1}'),
	('numeric {2021-01: 1.5}'),
	('numeric {2021-01: NULL}'),
	('numeric {2021-01: -3}'),
	('numeric {2020-12: 100}'),
	('numeric {2021-01: 1.50, 2021-02: NULL}'),
	('numeric {2021-01: 99999999999999999999999999999999999999}'),
	('numeric {2021-01: 0.00000000000000000000000000000000000001}'),
	('numeric {2021-01: -99999999999999999999999999999999999999}')
) v(s)
ORDER BY s;

------------------------------------------------------------------------------
-- What it makes possible: DISTINCT, GROUP BY, count(DISTINCT), PARTITION BY
------------------------------------------------------------------------------

-- three regions whose series are equal at different scales (north, south),
-- one that differs in a missing month (east), one in its span (west)
CREATE TABLE regional (region text, period date, value numeric);
INSERT INTO regional VALUES
	('north', '2021-01-01', 10), ('north', '2021-02-01', 20.5), ('north', '2021-03-01', 30),
	('south', '2021-01-01', 10.00), ('south', '2021-02-01', 20.50), ('south', '2021-03-01', 30.0),
	('east', '2021-01-01', 10), ('east', '2021-03-01', 30),
	('west', '2021-01-01', 10), ('west', '2021-02-01', 20.5), ('west', '2021-03-01', 30),
	('west', '2021-04-01', NULL);
CREATE TABLE regional_s AS
SELECT region, series_agg(period, value) AS s FROM regional GROUP BY region;
ANALYZE regional_s;

-- three distinct series: north and south are one (shown at the scale of
-- whichever is kept, so the text is not printed)
SET enable_hashagg = off;
SELECT count(*) AS distinct_sorted FROM (SELECT DISTINCT s FROM regional_s) t;
EXPLAIN (COSTS OFF) SELECT DISTINCT s FROM regional_s;
SET enable_hashagg = on;
SET enable_sort = off;
SELECT count(*) AS distinct_hashed FROM (SELECT DISTINCT s FROM regional_s) t;
EXPLAIN (COSTS OFF) SELECT DISTINCT s FROM regional_s;
RESET enable_sort;

-- GROUP BY s, by sorting and by hashing: north and south in one group
SET enable_hashagg = off;
SELECT min(region), max(region), count(*) FROM regional_s GROUP BY s ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT min(region), max(region), count(*) FROM regional_s GROUP BY s;
SET enable_hashagg = on;
SET enable_sort = off;
SELECT min(region), max(region), count(*) FROM regional_s GROUP BY s ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT min(region), max(region), count(*) FROM regional_s GROUP BY s;
RESET enable_sort;
RESET enable_hashagg;

-- count(DISTINCT s): 3
SELECT count(DISTINCT s) FROM regional_s;

-- PARTITION BY s: north and south share a partition
SELECT region, count(*) OVER (PARTITION BY s) AS same_series,
	   rank() OVER (PARTITION BY s ORDER BY region) AS rank
FROM regional_s ORDER BY region;

-- UNION (not ALL) and IN use = as well
SELECT count(*) AS union_rows FROM (SELECT s FROM regional_s UNION SELECT s FROM regional_s) t;
SELECT region FROM regional_s
WHERE s IN (SELECT 'numeric {2021-01: 10, 2021-02: 20.5, 2021-03: 30}'::indicator_series)
ORDER BY region;

------------------------------------------------------------------------------
-- Joins on a series: hash join and merge join
------------------------------------------------------------------------------

-- each region's series against every region's: north and south match both
-- north and south (4 rows), east and west only themselves (2 rows)
SET enable_nestloop = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT a.region, b.region FROM regional_s a JOIN regional_s b ON a.s = b.s;
SELECT a.region, b.region FROM regional_s a JOIN regional_s b ON a.s = b.s ORDER BY 1, 2;
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT a.region, b.region FROM regional_s a JOIN regional_s b ON a.s = b.s;
SELECT a.region, b.region FROM regional_s a JOIN regional_s b ON a.s = b.s ORDER BY 1, 2;
-- over the generated set, merge and hash join find the same pairs as a
-- nested loop comparing with cmp
SELECT count(*) AS merge_pairs FROM gen a JOIN gen b ON a.s = b.s;
RESET enable_hashjoin;
SET enable_mergejoin = off;
SELECT count(*) AS hash_pairs FROM gen a JOIN gen b ON a.s = b.s;
RESET enable_mergejoin;
RESET enable_nestloop;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SELECT count(*) AS cmp_pairs FROM gen a JOIN gen b ON indicator_series_cmp(a.s, b.s) = 0;
RESET enable_hashjoin;
RESET enable_mergejoin;

------------------------------------------------------------------------------
-- Indexes: btree and hash
------------------------------------------------------------------------------

-- the series numeric {2021-01: 1} is in gen twice, at scales 1 and 0
-- (i = 24, 192); written at any scale, it finds the same 2 rows through
-- a sequential scan, a btree index and a hash index
SELECT i, s FROM gen WHERE s = 'numeric {2021-01: 1}' ORDER BY i;
CREATE INDEX gen_btree ON gen USING btree (s);
ANALYZE gen;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT count(*) AS btree_1 FROM gen WHERE s = 'numeric {2021-01: 1}';
SELECT count(*) AS btree_1_00 FROM gen WHERE s = 'numeric {2021-01: 1.00}';
EXPLAIN (COSTS OFF) SELECT count(*) FROM gen WHERE s = 'numeric {2021-01: 1.00}';
-- a range through the btree: every numeric series starting in 2021-01
-- below 2 in its first month, as the order puts them
SELECT count(*) AS btree_range FROM gen
WHERE s >= 'numeric {2021-01: -1000}' AND s < 'numeric {2021-01: 2}';
SELECT count(*) AS seq_range FROM gen
WHERE indicator_series_cmp(s, 'numeric {2021-01: -1000}') >= 0
  AND indicator_series_cmp(s, 'numeric {2021-01: 2}') < 0;
DROP INDEX gen_btree;
CREATE INDEX gen_hash ON gen USING hash (s);
SELECT count(*) AS hash_1_0 FROM gen WHERE s = 'numeric {2021-01: 1.0}';
EXPLAIN (COSTS OFF) SELECT count(*) FROM gen WHERE s = 'numeric {2021-01: 1.0}';
RESET enable_seqscan;
RESET enable_bitmapscan;
-- a unique index treats equal series at different scales as duplicates
CREATE TABLE unique_s (s indicator_series PRIMARY KEY);
INSERT INTO unique_s VALUES ('numeric {2021-01: 1.0}');
\set VERBOSITY sqlstate
INSERT INTO unique_s VALUES ('numeric {2021-01: 1.000}');
\set VERBOSITY default
INSERT INTO unique_s VALUES ('float8 {2021-01: 1}');
SELECT s FROM unique_s ORDER BY s;

------------------------------------------------------------------------------
-- Long series, compressed or stored out of line (detoasted to compare)
------------------------------------------------------------------------------

-- 1,200 months of i * 1.5 at scale 1, and the same at scale 4; the third
-- differs in its last month only; the fourth is one month shorter
CREATE TABLE long_s (name text, s indicator_series);
INSERT INTO long_s
SELECT 'scale 1', series_agg((date '1950-01-01' + make_interval(months => i))::date, i * 1.5)
FROM generate_series(0, 1199) AS i;
INSERT INTO long_s
SELECT 'scale 4', series_agg((date '1950-01-01' + make_interval(months => i))::date, (i * 1.5)::numeric(12, 4))
FROM generate_series(0, 1199) AS i;
INSERT INTO long_s
SELECT 'last month', series_agg((date '1950-01-01' + make_interval(months => i))::date, i * 1.5 + (i = 1199)::int)
FROM generate_series(0, 1199) AS i;
INSERT INTO long_s
SELECT 'shorter', series_agg((date '1950-01-01' + make_interval(months => i))::date, i * 1.5)
FROM generate_series(0, 1198) AS i;
-- stored compressed or out of line: smaller than in memory
SELECT name, month_count(s), pg_column_size(s) < 32 + 1200 * 4 AS toasted FROM long_s ORDER BY name;
SELECT a.name, b.name, a.s = b.s AS eq, indicator_series_cmp(a.s, b.s) AS cmp,
	   indicator_series_hash(a.s) = indicator_series_hash(b.s) AS same_hash
FROM long_s a, long_s b WHERE a.name < b.name ORDER BY 1, 2;
SELECT count(DISTINCT s) AS distinct_long FROM long_s;
DROP TABLE long_s;

DROP TABLE widths, equal_pairs, gen, regional, regional_s, unique_s;
