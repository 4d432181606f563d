-- Differential fuzzing of the numeric percentages (make fuzz-pct): growth_pct,
-- index_pct, attainment_pct and exceed_pct on numeric arguments, computed in
-- 128-bit integers where they fit (src/scalar.c, fixed_pct), against
-- PostgreSQL's own numeric arithmetic for the same formulas.  Each must give
-- the very same double.  :n pairs of each of four kinds, from seed :seed;
-- raises an error (psql exits 3 under ON_ERROR_STOP) when any differs.
-- sql/scalar.sql runs the same comparison on 40,000 pairs: keep the two alike.
SELECT setseed(:seed);
CREATE TEMP TABLE pct_fuzz (a numeric, b numeric);
INSERT INTO pct_fuzz
SELECT round(((random() - 0.3) * 10 ^ (floor(random() * 40) - 14))::numeric, (floor(random() * 20))::int) AS a,
	   round(((random() - 0.3) * 10 ^ (floor(random() * 40) - 14))::numeric, (floor(random() * 20))::int) AS b
FROM generate_series(1, :n)
UNION ALL	-- monthly figures and targets at three decimals
SELECT round((random() * 1e7)::numeric, 3), round((random() * 1e7)::numeric, 3) FROM generate_series(1, :n)
UNION ALL	-- small integers, zeros among them
SELECT (random() * 100)::int, (random() * 100)::int FROM generate_series(1, :n)
UNION ALL	-- long mantissas against short divisors of many decimals
SELECT round((random() * 1e15)::numeric, 3) * power(10::numeric, floor(random() * 8)::int),
	   round((random() * 1e3)::numeric, (floor(random() * 12))::int) FROM generate_series(1, :n);
CREATE TEMP TABLE pct_fuzz_result AS
SELECT count(*) AS pairs,
	   count(*) FILTER (WHERE growth_pct(a, b) IS DISTINCT FROM
					   CASE WHEN b <> 0 THEN ((a - b) * 100 / abs(b))::float8 END) AS growth_differ,
	   count(*) FILTER (WHERE index_pct(a, b) IS DISTINCT FROM
					   CASE WHEN b > 0 THEN (a * 100 / b)::float8 END) AS index_differ,
	   count(*) FILTER (WHERE attainment_pct(a, b) IS DISTINCT FROM
					   CASE WHEN b <> 0 THEN (a * 100 / b)::float8 END) AS attainment_differ,
	   count(*) FILTER (WHERE exceed_pct(a, b) IS DISTINCT FROM
					   CASE WHEN b <> 0 THEN ((a - b) * 100 / b)::float8 END) AS exceed_differ
FROM pct_fuzz;
TABLE pct_fuzz_result;
DO $$
BEGIN
	IF (SELECT growth_differ + index_differ + attainment_differ + exceed_differ FROM pct_fuzz_result) > 0 THEN
		RAISE EXCEPTION 'numeric percentages differ from numeric arithmetic (see the counts above)';
	END IF;
END $$;
