--
-- index_agg_exact: index_agg's result does not depend on the order of its
-- rows or on the plan (serial, parallel, partial states combined in any
-- order, as Citus combines its workers' states), and each period is the
-- exact sum of weight x value, rounded once to the nearest double, over the
-- exact sum of the weights, rounded once.
--
SET datestyle = 'ISO, YMD';
\set SHOW_CONTEXT never

-- The exact value of a double as numeric (float8's cast to numeric keeps 15
-- digits): sign x mantissa x 2^exponent, from its IEEE 754 bits.  numeric
-- raises integers to integer powers exactly, and 2^-k = 5^k x 10^-k.
CREATE FUNCTION exact_numeric(x float8) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE WHEN e >= 0 THEN s * m * 2::numeric ^ e
            ELSE s * m * 5::numeric ^ (-e) * ('1e' || e)::numeric END
FROM (SELECT CASE WHEN bits < 0 THEN -1 ELSE 1 END AS s,
             CASE WHEN be = 0 THEN frac ELSE frac + 4503599627370496 END AS m,
             CASE WHEN be = 0 THEN -1074 ELSE be - 1075 END AS e
      FROM (SELECT bits, (bits >> 52) & 2047 AS be, bits & 4503599627370495 AS frac
            FROM (SELECT ('x' || encode(float8send(x), 'hex'))::bit(64)::bigint AS bits) b) c) d
$$;
-- (trim_scale: the scale numeric's arithmetic gives the exact value differs
-- between PostgreSQL versions, its value does not)
SELECT trim_scale(exact_numeric(0.1)) AS tenth, trim_scale(exact_numeric(-1.5)) AS minus_one_and_a_half,
       exact_numeric(5e-324) * 2::numeric ^ 1074 = 1 AS least_subnormal,
       exact_numeric(0.1)::float8 = 0.1 AS round_trip;

-- 1,000 components x 24 months: random doubles (full 53-bit mantissas),
-- values of both signs over nine orders of magnitude, weights over seven;
-- every 97th weight 0 (those rows change nothing), and component 5 lacks
-- 2021-06 (missing in the result).  A regular table: parallel workers
-- cannot read temp tables.
SELECT setseed(0.2026);
CREATE TABLE ixa_w AS
SELECT r, CASE WHEN r % 97 = 0 THEN 0 ELSE random() * 10 ^ (r % 7 - 2) END::float8 AS w
FROM generate_series(1, 1000) r;
CREATE TABLE ixa_v AS
SELECT r, (date '2020-01-01' + make_interval(months => k))::date AS period,
       ((random() - 0.5) * 10 ^ ((r + k) % 9 - 3))::float8 AS v
FROM generate_series(1, 1000) r, generate_series(0, 23) k;
DELETE FROM ixa_v WHERE r = 5 AND period = '2021-06-01';
CREATE TABLE ixa AS
SELECT r, w, series_agg(period, v) AS s FROM ixa_v JOIN ixa_w USING (r) GROUP BY r, w;
VACUUM ANALYZE ixa;

-- the oracle: numeric sums of the exact products, each rounded to float8
-- once (numeric's cast to float8 is correctly rounded), then divided
CREATE TABLE ixa_expected AS
SELECT series_agg(period, num::float8 / den::float8)::text AS s
FROM (SELECT period, sum(exact_numeric(w) * exact_numeric(v)) AS num, count(*) AS n
      FROM ixa_v JOIN ixa_w USING (r) WHERE w > 0 GROUP BY period) p,
     (SELECT sum(exact_numeric(w)) AS den, count(*) AS n FROM ixa_w WHERE w > 0) d
WHERE p.n = d.n;
SELECT month_count(s::indicator_series) AS months,
       array_length(missing_months(s::indicator_series), 1) AS missing
FROM ixa_expected;

-- serially, in the table's order: equal to the oracle, every bit (the text
-- form of a float8 series is the shortest that reads back the same double)
SET max_parallel_workers_per_gather = 0;
CREATE TABLE ixa_serial AS SELECT index_agg(s, w)::text AS s FROM ixa;
SELECT (SELECT s FROM ixa_serial) = (SELECT s FROM ixa_expected) AS equals_exact_sums;

-- the rows in 20 random orders: one result, the same; float8 arithmetic
-- over the same products in the same orders gives more than one
SELECT count(DISTINCT x.s) AS results, bool_and(x.s = (SELECT s FROM ixa_serial)) AS same_as_serial,
       count(DISTINCT x.plain) > 1 AS plain_float8_sums_differ
FROM generate_series(1, 20) g,
     LATERAL (SELECT index_agg(s, w)::text AS s, sum(w * value_at(s, '2020-01-01')::float8) AS plain
              FROM (SELECT s, w FROM ixa WHERE g > 0 ORDER BY random()) o) x;

-- partial states, as Citus ships them: one per group of rows, as text,
-- read back and combined in 20 random orders
CREATE AGGREGATE ixa_partial(indicator_series, double precision) (
	SFUNC = index_agg_transfn,
	STYPE = index_agg_state
);
CREATE AGGREGATE ixa_combine(index_agg_state) (
	SFUNC = index_agg_combine,
	STYPE = index_agg_state,
	FINALFUNC = index_agg_final
);
CREATE TABLE ixa_states AS
SELECT r % 7 AS part, ixa_partial(s, w)::text AS state FROM ixa GROUP BY r % 7;
SELECT count(DISTINCT x.s) AS results, bool_and(x.s = (SELECT s FROM ixa_serial)) AS same_as_serial
FROM generate_series(1, 20) g,
     LATERAL (SELECT ixa_combine(state::index_agg_state)::text AS s
              FROM (SELECT state FROM ixa_states WHERE g > 0 ORDER BY random()) o) x;

-- in binary (COPY's binary format: index_agg_state_send and _recv), the
-- same states and the same result
CREATE TABLE ixa_states_binary (part int, state index_agg_state);
\copy (SELECT part, state::index_agg_state FROM ixa_states) TO 'results/index_agg_exact_states.bin' (FORMAT binary)
\copy ixa_states_binary FROM 'results/index_agg_exact_states.bin' (FORMAT binary)
SELECT count(*) AS states, count(*) FILTER (WHERE b.state::text = t.state) AS same_text
FROM ixa_states t JOIN ixa_states_binary b USING (part);
SELECT (SELECT ixa_combine(state) FROM ixa_states_binary)::text = (SELECT s FROM ixa_serial) AS same_as_serial;

-- a parallel plan: partial states in the workers, combined by the leader
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT index_agg(s, w) FROM ixa;
CREATE FUNCTION ixa_workers_launched(query text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
	RETURN (plan -> 0 -> 'Plan' -> 'Plans' -> 0 ->> 'Workers Launched')::int;
END $$;
SELECT ixa_workers_launched('SELECT index_agg(s, w) FROM ixa') > 0 AS workers_ran;
SELECT (SELECT index_agg(s, w)::text FROM ixa) = (SELECT s FROM ixa_serial) AS parallel_same_as_serial;
SET parallel_leader_participation = on;
SELECT (SELECT index_agg(s, w)::text FROM ixa) = (SELECT s FROM ixa_serial) AS parallel_same_as_serial;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;

-- Estimate flags: a period of the result is flagged when a row with weight
-- > 0 that went into it has the period flagged.  The same 1,000 components,
-- with component 17 flagging 2020-03 and 2021-12 and component 300 2021-12
-- too (one flag from two rows); component 97 (weight 0) flags 2020-04 and
-- changes nothing; component 6 flags 2021-06, which component 5 lacks, so
-- it is missing and unflagged.  The values are the exact sums' above.
CREATE TABLE ixa_est AS
SELECT r, w, series_agg(period, v, 'month',
                        (r, period) IN ((17, '2020-03-01'), (17, '2021-12-01'), (300, '2021-12-01'),
                                        (97, '2020-04-01'), (6, '2021-06-01'))) AS s
FROM ixa_v JOIN ixa_w USING (r) GROUP BY r, w;
VACUUM ANALYZE ixa_est;
SELECT r, w > 0 AS counts, estimated_periods(s) FROM ixa_est WHERE estimated_periods(s) <> '{}' ORDER BY r;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE ixa_est_serial AS SELECT index_agg(s, w)::text AS s FROM ixa_est;
SELECT estimated_periods(s::indicator_series) AS flagged,
       replace(s, '*', '') = (SELECT s FROM ixa_serial) AS values_as_without_flags
FROM ixa_est_serial;
-- 20 random orders of the rows: the same flags and values
SELECT count(DISTINCT x.s) AS results, bool_and(x.s = (SELECT s FROM ixa_est_serial)) AS same_as_serial
FROM generate_series(1, 20) g,
     LATERAL (SELECT index_agg(s, w)::text AS s
              FROM (SELECT s, w FROM ixa_est WHERE g > 0 ORDER BY random()) o) x;
-- partial states as text (their exact sums marked "*" where flagged), read
-- back unchanged and combined in 20 random orders
CREATE TABLE ixa_est_states AS
SELECT r % 7 AS part, ixa_partial(s, w)::text AS state FROM ixa_est GROUP BY r % 7;
SELECT part, (SELECT count(*) FROM regexp_matches(state, '\*', 'g')) AS stars,
       state::index_agg_state::text = state AS text_round_trip
FROM ixa_est_states ORDER BY part;
SELECT count(DISTINCT x.s) AS results, bool_and(x.s = (SELECT s FROM ixa_est_serial)) AS same_as_serial
FROM generate_series(1, 20) g,
     LATERAL (SELECT ixa_combine(state::index_agg_state)::text AS s
              FROM (SELECT state FROM ixa_est_states WHERE g > 0 ORDER BY random()) o) x;
-- in binary: the same states, the same result
CREATE TABLE ixa_est_binary (part int, state index_agg_state);
\copy (SELECT part, state::index_agg_state FROM ixa_est_states) TO 'results/index_agg_exact_est.bin' (FORMAT binary)
\copy ixa_est_binary FROM 'results/index_agg_exact_est.bin' (FORMAT binary)
SELECT count(*) AS states, count(*) FILTER (WHERE b.state::text = t.state) AS same_text
FROM ixa_est_states t JOIN ixa_est_binary b USING (part);
SELECT (SELECT ixa_combine(state) FROM ixa_est_binary)::text = (SELECT s FROM ixa_est_serial) AS same_as_serial;
-- forced parallel plans, with and without the leader
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SELECT ixa_workers_launched('SELECT index_agg(s, w) FROM ixa_est') > 0 AS workers_ran;
SELECT (SELECT index_agg(s, w)::text FROM ixa_est) = (SELECT s FROM ixa_est_serial) AS parallel_same_as_serial;
SET parallel_leader_participation = on;
SELECT (SELECT index_agg(s, w)::text FROM ixa_est) = (SELECT s FROM ixa_est_serial) AS parallel_same_as_serial;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;

-- By hand.  2^53, 1 and -2^53, weight 1 each: the exact sum is 1, so 1/3,
-- in all six orders; in float8, 2^53 + 1 rounds to 2^53 (ties to even), so
-- an order that adds 1 to 2^53 first would give 0.
SELECT count(DISTINCT i::text) AS results, min(i::text) AS result
FROM (SELECT index_agg(s::indicator_series, 1) AS i
      FROM (VALUES (1, 2, 3), (1, 3, 2), (2, 1, 3), (2, 3, 1), (3, 1, 2), (3, 2, 1)) p(a, b, c),
           LATERAL (SELECT s FROM (VALUES (1, 'float8 {2020-01: 9007199254740992}'), (2, 'float8 {2020-01: 1}'),
                                          (3, 'float8 {2020-01: -9007199254740992}')) v(k, s)
                    ORDER BY array_position(ARRAY[a, b, c], k)) o
      GROUP BY a, b, c) x;
-- 1e308 + 1e308 - 1e308 overflows float8 on the way; the exact sum does
-- not: 1e308 / 3
SELECT index_agg(s::indicator_series, 1)
FROM (VALUES ('float8 {2020-01: 1e308}'), ('float8 {2020-01: 1e308}'), ('float8 {2020-01: -1e308}')) v(s);
-- two products of 2^-1075 (5e-324 x 0.5), each below the least double,
-- add up to 2^-1074 exactly: 2^-1074 / 2^-1073 = 0.5 (float8 rounds each
-- product to 0)
SELECT index_agg(s::indicator_series, 5e-324)
FROM (VALUES ('float8 {2020-01: 0.5}'), ('float8 {2020-01: 0.5}')) v(s);
-- products that cancel exactly give 0 (0.1 x 3 and -0.1 x 3; the weight 0
-- row changes nothing), but 0.1 x 3 - 0.3 x 1 is not 0 in doubles: the
-- double nearest 0.1, times 3, exceeds the double nearest 0.3 by exactly
-- 2^-55 (3 x 0.1000000000000000055511151231257827021181583404541015625
-- - 0.299999999999999988897769753748434595763683319091796875), and over
-- the weights, 4, that is 2^-57 = 6.938893903907228e-18
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('float8 {2020-01: 0.1}', 3.0), ('float8 {2020-01: -0.1}', 3.0), ('float8 {2020-01: 5}', 0.0)) v(s, w);
SELECT index_agg(s::indicator_series, w)
FROM (VALUES ('float8 {2020-01: 0.1}', 3.0), ('float8 {2020-01: -0.3}', 1.0)) v(s, w);

-- The binary form of format version 2, byte by byte: int1 version 2, int1
-- flags (1: sums), the weight (int4 lo, int4 limbs, each limb an int8: the
-- value is the limbs' integer times 2^(64 x lo)), int1 frequency, int4
-- first period, int4 periods, then for each period int1 present and its
-- sum.  Here weight 1 and a zero sum written with lo -34: read, and sent
-- back with zero's one form (lo 0, no limb), so equal states send equal
-- bytes (found by test/fuzz/fuzz_recv.py).
CREATE FUNCTION ixa_recv_file(hex text) RETURNS void LANGUAGE sql AS $$
	SELECT lo_unlink(oid) FROM pg_largeobject_metadata WHERE oid = 424243;
	SELECT lo_from_bytea(424243, decode('5047434f50590aff0d0a00' || '00000000' || '00000000' || '0001', 'hex') ||
	                             int4send(length(decode(replace(hex, ' ', ''), 'hex'))) ||
	                             decode(replace(hex, ' ', ''), 'hex') || decode('ffff', 'hex'));
	SELECT NULL::void;
$$;
CREATE TABLE ixa_recv (st index_agg_state);
SELECT ixa_recv_file('02 01 00000000 00000001 0000000000000001 00 00005eb0 00000001 01 ffffffde 00000000');
\lo_export 424243 'results/index_agg_exact_recv.bin'
\copy ixa_recv FROM 'results/index_agg_exact_recv.bin' (FORMAT binary)
SELECT st, encode(index_agg_state_send(st), 'hex') AS sent FROM ixa_recv;
-- malformed: 22P03 with the reason (a period marked 2, which only version
-- 3 has; a limb below the window's range, lo -41; a limb cut short; bytes
-- after the state), and an unknown version (4)
SELECT ixa_recv_file('02 01 00000000 00000001 0000000000000001 00 00005eb0 00000001 02');
\lo_export 424243 'results/index_agg_exact_recv.bin'
\copy ixa_recv FROM 'results/index_agg_exact_recv.bin' (FORMAT binary)
SELECT ixa_recv_file('02 02 ffffffd7 00000001 0000000000000001');
\lo_export 424243 'results/index_agg_exact_recv.bin'
\copy ixa_recv FROM 'results/index_agg_exact_recv.bin' (FORMAT binary)
SELECT ixa_recv_file('02 02 00000000 00000001 00000000');
\lo_export 424243 'results/index_agg_exact_recv.bin'
\copy ixa_recv FROM 'results/index_agg_exact_recv.bin' (FORMAT binary)
SELECT ixa_recv_file('02 02 00000000 00000001 0000000000000001 00');
\lo_export 424243 'results/index_agg_exact_recv.bin'
\copy ixa_recv FROM 'results/index_agg_exact_recv.bin' (FORMAT binary)
SELECT ixa_recv_file('04 02 00000000 00000001 0000000000000001');
\lo_export 424243 'results/index_agg_exact_recv.bin'
\copy ixa_recv FROM 'results/index_agg_exact_recv.bin' (FORMAT binary)
SELECT count(*) AS loaded FROM ixa_recv;

-- Format version 3 is version 2 in which a period's mark may be 2: present
-- and flagged as an estimate.  It is sent only when a present period is
-- flagged (a state without flags sends version 2's bytes, so a reader of
-- version 2 alone rejects flags rather than drop them).  Weight 1, 2020-01
-- sum 1 flagged, 2020-02 sum 2: read, sent back byte for byte, and its
-- final flags 2020-01; a version 3 without a mark 2 reads and is sent as
-- version 2; a mark 3 is 22P03.
TRUNCATE ixa_recv;
SELECT ixa_recv_file('03 01 00000000 00000001 0000000000000001 00 00005eb0 00000002 02 00000000 00000001 0000000000000001 01 00000000 00000001 0000000000000002');
\lo_export 424243 'results/index_agg_exact_recv.bin'
\copy ixa_recv FROM 'results/index_agg_exact_recv.bin' (FORMAT binary)
SELECT ixa_recv_file('03 01 00000000 00000001 0000000000000001 00 00005eb0 00000001 01 00000000 00000001 0000000000000003');
\lo_export 424243 'results/index_agg_exact_recv.bin'
\copy ixa_recv FROM 'results/index_agg_exact_recv.bin' (FORMAT binary)
SELECT ixa_recv_file('03 01 00000000 00000001 0000000000000001 00 00005eb0 00000001 03 00000000 00000001 0000000000000001');
\lo_export 424243 'results/index_agg_exact_recv.bin'
\copy ixa_recv FROM 'results/index_agg_exact_recv.bin' (FORMAT binary)
SELECT st, encode(index_agg_state_send(st), 'hex') AS sent, index_agg_final(st) AS final
FROM ixa_recv ORDER BY sent;
-- the transition function's state sends the same bytes as the flagged one above
SELECT encode(index_agg_state_send(index_agg_transfn(NULL, 'float8 {2020-01: 1*, 2020-02: 2}', 1)), 'hex')
       = replace('03 01 00000000 00000001 0000000000000001 00 00005eb0 00000002 02 00000000 00000001 0000000000000001 01 00000000 00000001 0000000000000002', ' ', '') AS same_bytes;
-- the text form: the exact sums carry the marks (the rounded ones show them
-- for the reader; only their periods are read, so a mark there alone is
-- not a flag); release 1.1's form, whose sums are a series, reads a 1.2
-- series' flags; NULL* (a missing period flagged) is 22P02
SELECT 'weight 1; sums float8 {2020-01: 1, 2020-02: 2}; exact weight 0x1p+0, sums 0x1p+0*, 0x1p+1'::index_agg_state AS marked,
       'weight 1; sums float8 {2020-01: 1*, 2020-02: 2}; exact weight 0x1p+0, sums 0x1p+0, 0x1p+1'::index_agg_state AS rounded_mark_alone;
SELECT st, index_agg_final(st) AS final
FROM (SELECT 'weight 2; sums float8 {2020-01: 200*, 2020-02: 100}'::index_agg_state AS st) s;
SELECT 'weight 1; sums float8 {2020-01: NULL}; exact weight 0x1p+0, sums NULL*'::index_agg_state;
-- a NULL series after a flagged one: the state lacks every month but keeps
-- its sums and marks, written and read as they are (found by
-- test/fuzz/fuzz_recv.py); its final has no value and no flag
SELECT st, st::text::index_agg_state::text = st::text AS text_round_trip,
       encode(index_agg_state_send(st), 'hex') AS sent, index_agg_final(st) AS final
FROM (SELECT index_agg_transfn(index_agg_transfn(NULL, 'float8 {2020-01: 1*}', 1), NULL, 1) AS st) s;
SELECT lo_unlink(424243);
DROP TABLE ixa_recv;
DROP FUNCTION ixa_recv_file(text);

DROP AGGREGATE ixa_partial(indicator_series, double precision);
DROP AGGREGATE ixa_combine(index_agg_state);
DROP FUNCTION ixa_workers_launched(text);
DROP TABLE ixa_w, ixa_v, ixa, ixa_expected, ixa_serial, ixa_states, ixa_states_binary;
DROP TABLE ixa_est, ixa_est_serial, ixa_est_states, ixa_est_binary;
DROP FUNCTION exact_numeric(float8);
