--
-- Scalar functions, numeric and double precision overloads.
--
-- Every expected value is worked out by hand in the comment above its query
-- (exact fractions; "~" marks a value shown rounded).  Columns n and f are
-- the numeric and the double precision overload for the same figures.
--
-- Reports errors as SQLSTATE and message, without stopping the script.
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

--
-- growth_pct(current, previous) = (current - previous) / abs(previous) * 100
--
-- 110 on 100: +10; 90 on 100: -10; a loss shrinking from -40 to -30: +25;
-- growing from -40 to -50: -25; -40 to 10: +50/40 = +125; 40 to -10: -125;
-- 100 to 0: -100; 4 on 3: 100/3 = 33.333333333333336 (the double nearest)
SELECT c, p, growth_pct(c::numeric, p::numeric) AS n, growth_pct(c::float8, p::float8) AS f
FROM (VALUES (110, 100), (90, 100), (-30, -40), (-50, -40), (10, -40), (-10, 40),
			 (0, 100), (4, 3)) AS v(c, p);
-- undefined from a zero base (also -0 in double precision): NULL
SELECT growth_pct(100::numeric, 0::numeric) AS n, growth_pct(100::float8, 0::float8) AS f,
	   growth_pct(0::numeric, 0::numeric) AS n00, growth_pct(5::float8, '-0'::float8) AS f_minus0;
-- the article's 2022 export target: 5,700 on 5,339 is 361/5339 = +6.7616% ~ 6.8
SELECT round(growth_pct(5700::numeric, 5339::numeric)::numeric, 1) AS n,
	   round(growth_pct(5700::float8, 5339::float8)::numeric, 1) AS f,
	   round(growth_pct(5700::numeric, 5339::numeric)::numeric, 4) AS n4;
-- numeric takes the difference exactly: (10^18 + 1) on 10^18 is 10^-16 %.
-- Integer arguments resolve to double precision, where both round to 10^18.
-- One numeric argument is enough for the exact path.
SELECT growth_pct(1000000000000000001::numeric, 1000000000000000000::numeric) AS n,
	   growth_pct(1000000000000000001, 1000000000000000000) AS ints,
	   growth_pct(1000000000000000001::numeric, 1000000000000000000) AS mixed;
-- Opposite signs near the top of double's range: the difference overflows,
-- the growth does not: (1.5e308 + 1.5e308) / 1.5e308 * 100 = 200
SELECT growth_pct(1.5e308::numeric, -1.5e308::numeric) AS n,
	   growth_pct(1.5e308::float8, -1.5e308::float8) AS f;

--
-- index_pct(current, previous) = current / previous * 100
--
-- 109.4 on 100: 109.4; 1 on 3: 33.333333333333336; -5 on 10: -50; 0 on 10: 0
SELECT c, p, index_pct(c::numeric, p::numeric) AS n, index_pct(c::float8, p::float8) AS f
FROM (VALUES (109.4, 100), (1, 3), (-5, 10), (0, 10)) AS v(c, p);
-- NULL unless previous > 0
SELECT index_pct(5::numeric, 0::numeric) AS n0, index_pct(5::float8, 0::float8) AS f0,
	   index_pct(5::numeric, -1::numeric) AS n_neg, index_pct(5::float8, -1::float8) AS f_neg;

--
-- attainment_pct(actual, target) = actual / target * 100
--
-- the article's 2021 exports, 5,339 against a plan of 4,000: 133.475 ~ 133.5;
-- 106.8 on 100: 106.8; 0 on -5: 0 (never -0);
-- -50 against -40: 125; 50 against -40: -125
SELECT a, t, attainment_pct(a::numeric, t::numeric) AS n, attainment_pct(a::float8, t::float8) AS f
FROM (VALUES (5339, 4000), (106.8, 100), (0, -5), (-50, -40), (50, -40)) AS v(a, t);
-- NULL when target = 0
SELECT attainment_pct(5::numeric, 0::numeric) AS n, attainment_pct(5::float8, 0::float8) AS f;

--
-- exceed_pct(actual, target) = attainment_pct - 100
--
-- 5,339 against 4,000: 133.475 - 100 = 33.475 ~ 33.5 ("exceeded the plan by
-- 33.5%"); 100 against 100: 0; -40 against -40: 0 (never -0);
-- -50 against -40: 125 - 100 = 25; 50 against -40: -125 - 100 = -225;
-- 90 against 100: -10
SELECT a, t, exceed_pct(a::numeric, t::numeric) AS n, exceed_pct(a::float8, t::float8) AS f
FROM (VALUES (5339, 4000), (100, 100), (-40, -40), (-50, -40), (50, -40), (90, 100)) AS v(a, t);
-- 106.8 against 100: 6.8 exactly for numeric; double precision rounds 106.8
SELECT exceed_pct(106.8::numeric, 100::numeric) AS n,
	   round(exceed_pct(106.8::float8, 100::float8)::numeric, 12) AS f;
-- NULL when target = 0
SELECT exceed_pct(5::numeric, 0::numeric) AS n, exceed_pct(5::float8, 0::float8) AS f;
-- (1.5e308 - -1.5e308) / -1.5e308 * 100 = -200 although the difference overflows
SELECT exceed_pct(1.5e308::float8, -1.5e308::float8) AS f;

--
-- target_gap(actual, target) = target - actual, in the input's type
--
-- 5,339 to 5,700: 361; 6,000 to 5,700: -300 (beyond the target);
-- 5339.25 to 5700.1: 360.85; 0.1 to 0.3: 0.2.  In double precision 5700.1, 0.1
-- and 0.3 are not exact: 360.85000000000036 and 0.19999999999999998
SELECT a, t, target_gap(a::numeric, t::numeric) AS n, target_gap(a::float8, t::float8) AS f
FROM (VALUES (5339, 5700), (6000, 5700), (5339.25, 5700.1), (0.1, 0.3)) AS v(a, t);
SELECT pg_typeof(target_gap(1::numeric, 2::numeric)) AS n, pg_typeof(target_gap(1::float8, 2::float8)) AS f;
-- exact to the last digit: 10^30 + 0.000001 to 2 * 10^30 leaves 999999999999999999999999999999.999999
SELECT target_gap(1000000000000000000000000000000.000001, 2000000000000000000000000000000::numeric) AS n;

--
-- required_growth_pct(base, target) = growth_pct(target, base)
--
-- article, 2022: exports 5,339 -> 5,700: 361/5339 = 6.7616% ~ 6.8 (the
-- report states +1.9%); retail 133,557 -> 145,000: 11443/133557 = 8.5679% ~ 8.6
-- (the report's +8.6%); -40 -> -30: 25; 100 -> 100: 0
SELECT b, t, round(required_growth_pct(b::numeric, t::numeric)::numeric, 1) AS n,
	   round(required_growth_pct(b::float8, t::float8)::numeric, 1) AS f
FROM (VALUES (5339, 5700), (133557, 145000), (-40, -30), (100, 100)) AS v(b, t);
-- NULL when base = 0
SELECT required_growth_pct(0::numeric, 100::numeric) AS n, required_growth_pct(0::float8, 100::float8) AS f;

--
-- cagr_pct(first, last, years) = ((last / first) ^ (1 / years) - 1) * 100
--
-- 100 -> 121 in 2 years: 1.21 = 1.1^2, 10; 1000 -> 1331 in 3: 1.331 = 1.1^3, 10;
-- 100 -> 200 in 1: 100; 100 -> 25 in 2: 0.25 = 0.5^2, -50; 100 -> 100: 0;
-- 100 -> 0: -100; 100 -> 121 in half a year: 1.21^2 = 1.4641, 46.41
SELECT f0, f1, y, round(cagr_pct(f0::numeric, f1::numeric, y::numeric)::numeric, 10) AS n,
	   round(cagr_pct(f0::float8, f1::float8, y::float8)::numeric, 10) AS f
FROM (VALUES (100, 121, 2), (1000, 1331, 3), (100, 200, 1), (100, 25, 2), (100, 100, 5),
			 (100, 0, 3), (100, 121, 0.5)) AS v(f0, f1, y);
-- small rates keep their precision: 1 -> 1 + e in two years, e = 2^-33, is
-- sqrt(1 + e) - 1 = e/2 - e^2/8 + ... = 2^-34 - 2^-69 (to 1e-20 relative),
-- times 100.  sqrt(1 + e) - 1 in double would give 2^-34, 3e-11 off.
SELECT abs(cagr_pct(1::numeric, 1.000000000116415321826934814453125::numeric, 2::numeric)
		   / (100 * (2^(-34) - 2^(-69))) - 1) < 1e-14 AS n,
	   abs(cagr_pct(1::float8, 1 + 2^(-33), 2::float8) / (100 * (2^(-34) - 2^(-69))) - 1) < 1e-14 AS f;
-- NULL when first <= 0, last < 0 or years <= 0
SELECT f0, f1, y, cagr_pct(f0::numeric, f1::numeric, y::numeric) AS n,
	   cagr_pct(f0::float8, f1::float8, y::float8) AS f
FROM (VALUES (0, 121, 2), (-100, 121, 2), (100, -1, 2), (100, 121, 0), (100, 121, -2)) AS v(f0, f1, y);

--
-- implied_base(current, growth_pct) = current / (1 + growth_pct / 100)
--
-- article: 2020 exports from 5,339 at +42.7%: 533900/142.7 =
-- 3741.41555711282410651716... (numeric division keeps 16 decimals here);
-- the 2021 export plan from 5,339 at 133.5% of plan (+33.5%): 533900/133.5 =
-- 3999.25093632958801498127... ("about 4,000");
-- 2020 retail from 133,557 at +18%: 13355700/118 = 113183.898305084745762711...
SELECT implied_base(5339::numeric, 42.7::numeric) AS n,
	   round(implied_base(5339::float8, 42.7::float8)::numeric, 6) AS f;
SELECT implied_base(5339::numeric, 33.5::numeric) AS n,
	   round(implied_base(5339::float8, 33.5::float8)::numeric, 6) AS f;
SELECT implied_base(133557::numeric, 18::numeric) AS n,
	   round(implied_base(133557::float8, 18::float8)::numeric, 6) AS f;
-- 110 at +10: 100; 50 at -50: 100; 100 at +150: 40 (a negative base -200
-- would also give +150, the positive one is preferred).  Growth is over
-- |base|, so a loss: -30 at +25 comes from -40 ((-30 + 40) / 40 = +25%),
-- -30 at -25 from -24 ((-30 + 24) / 24 = -25%): the negative base, as no
-- positive one fits.  0 at +10: no base fits (NULL).
SELECT c, g, implied_base(c::numeric, g::numeric) = r AS n_ok, implied_base(c::float8, g::float8) AS f,
	   growth_pct(c::numeric, implied_base(c::numeric, g::numeric)) = g AS inverts
FROM (VALUES (110, 10, 100), (50, -50, 100), (100, 150, 40), (-30, 25, -40), (-30, -25, -24)) AS v(c, g, r);
SELECT implied_base(0::numeric, 10::numeric) AS n, implied_base(0::float8, 10::float8) AS f;
-- NULL when growth_pct = -100 (no positive base; 5 * 100 / 200 is not negative)
SELECT implied_base(5::numeric, -100::numeric) AS n, implied_base(5::float8, -100::float8) AS f;
-- the base that growth_pct takes back to the same growth
SELECT round(growth_pct(5339::numeric, implied_base(5339::numeric, 42.7::numeric))::numeric, 10) AS n,
	   round(growth_pct(5339::float8, implied_base(5339::float8, 42.7::float8))::numeric, 10) AS f;
-- a level, so numeric stays numeric beyond double's range: 10^308 * 100 / 0.1 = 10^311
SELECT implied_base(1e308::numeric, -99.9::numeric) = 1e311 AS n;

--
-- STRICT: a NULL argument gives NULL
--
SELECT growth_pct(NULL::numeric, 1) IS NULL AS growth, index_pct(1::float8, NULL) IS NULL AS index,
	   attainment_pct(NULL::numeric, 1) IS NULL AS attainment, exceed_pct(1::float8, NULL) IS NULL AS exceed,
	   target_gap(NULL::numeric, 1) IS NULL AS gap, required_growth_pct(1::float8, NULL) IS NULL AS required,
	   cagr_pct(1::numeric, 2, NULL) IS NULL AS cagr, implied_base(NULL::float8, 1) IS NULL AS implied;

--
-- NaN and infinite arguments: 22023, naming the argument, for every argument
-- of every function and both types.  The other arguments are 1.
--
SELECT format('%s(%s)', fn, array_to_string(args, ', ')) AS call,
	   pg_temp.error_of(format('SELECT %s(%s)', fn, array_to_string(args, ', '))) AS error
FROM (VALUES ('growth_pct', ARRAY['current', 'previous']),
			 ('index_pct', ARRAY['current', 'previous']),
			 ('attainment_pct', ARRAY['actual', 'target']),
			 ('exceed_pct', ARRAY['actual', 'target']),
			 ('target_gap', ARRAY['actual', 'target']),
			 ('required_growth_pct', ARRAY['base', 'target']),
			 ('cagr_pct', ARRAY['first', 'last', 'years']),
			 ('implied_base', ARRAY['current', 'growth_pct'])) AS f(fn, names),
	 unnest(ARRAY['numeric', 'float8']) AS typ,
	 generate_subscripts(names, 1) AS bad_arg,
	 unnest(ARRAY['NaN', 'Infinity', '-Infinity']) AS bad,
	 LATERAL (SELECT array_agg(CASE WHEN i = bad_arg THEN quote_literal(bad) ELSE '1' END || '::' || typ ORDER BY i) AS args
			  FROM generate_subscripts(names, 1) AS i) AS a
ORDER BY fn, typ, bad_arg, bad;
-- a bad value is an error even where the other argument would give NULL
SELECT pg_temp.error_of('SELECT growth_pct(''NaN''::numeric, 0::numeric)') AS n,
	   pg_temp.error_of('SELECT index_pct(''Infinity''::float8, -1::float8)') AS f;
SELECT pg_temp.error_of('SELECT implied_base(''NaN''::float8, -100::float8)') AS f,
	   pg_temp.error_of('SELECT cagr_pct(-1::numeric, 1::numeric, ''-Infinity''::numeric)') AS n;

--
-- Results out of double's range from finite arguments: 22003
--
SELECT call, pg_temp.error_of('SELECT ' || call) AS error
FROM (VALUES
	-- (1e300 - 1e-300) / 1e-300 * 100 is about 1e602
	('growth_pct(1e300::numeric, 1e-300::numeric)'),
	('growth_pct(1e300::float8, 1e-300::float8)'),
	('required_growth_pct(1e-300::float8, 1e300::float8)'),
	('index_pct(1e300::numeric, 1e-300::numeric)'),
	('index_pct(1e300::float8, 1e-300::float8)'),
	('exceed_pct(1e300::numeric, 1e-300::numeric)'),
	-- 1e-300 / 1e300 * 100 is about 1e-598, below the least double
	('attainment_pct(1e-300::numeric, 1e300::numeric)'),
	('attainment_pct(1e-300::float8, 1e300::float8)'),
	-- 1.7e308 - -1.7e308
	('target_gap(-1.7e308::float8, 1.7e308::float8)'),
	-- (1e300) ^ 1000
	('cagr_pct(1::numeric, 1e300::numeric, 0.001::numeric)'),
	('cagr_pct(1::float8, 1e300::float8, 0.001::float8)'),
	-- 1e308 * 100 / 0.1 in double precision
	('implied_base(1e308::float8, -99.9::float8)')) AS v(call);

--
-- Numeric percentages without numeric arithmetic.  Where both operands fit
-- a 128-bit mantissa, growth_pct, index_pct, attainment_pct and exceed_pct
-- divide integers: the quotient to the scale numeric's division picks,
-- rounded half away from zero, then the nearest double, ties to even.  Each
-- must be the very double that numeric arithmetic itself gives (the
-- expressions on the right), over pairs of every magnitude and scale
-- (0 differences), and where the quotient falls exactly between two
-- doubles.  make fuzz-pct (test/fuzz/pct.sql) runs the same comparison on
-- millions of pairs; it cannot be included here (pg_regress reads this file
-- on stdin, and the package's tests run out of tree), so keep the two alike.
--
SELECT setseed(0.42);
CREATE TEMP TABLE pct_pairs (a numeric, b numeric);
INSERT INTO pct_pairs
SELECT round(((random() - 0.3) * 10 ^ (floor(random() * 34) - 10))::numeric, (floor(random() * 14))::int) AS a,
	   round(((random() - 0.3) * 10 ^ (floor(random() * 34) - 10))::numeric, (floor(random() * 14))::int) AS b
FROM generate_series(1, 10000)
UNION ALL	-- monthly figures and targets at three decimals
SELECT round((random() * 1e7)::numeric, 3), round((random() * 1e7)::numeric, 3) FROM generate_series(1, 10000)
UNION ALL	-- small integers, zeros among them
SELECT (random() * 100)::int, (random() * 100)::int FROM generate_series(1, 10000)
UNION ALL	-- 21 digits against a small divisor of six decimals
SELECT round((random() * 1e15)::numeric, 3) * 1000, round((random() * 1e3)::numeric, 6) FROM generate_series(1, 10000);
SELECT count(*) AS pairs,
	   count(*) FILTER (WHERE b = 0) AS zero_b,
	   count(*) FILTER (WHERE growth_pct(a, b) IS DISTINCT FROM
					   CASE WHEN b <> 0 THEN ((a - b) * 100 / abs(b))::float8 END) AS growth_differ,
	   count(*) FILTER (WHERE index_pct(a, b) IS DISTINCT FROM
					   CASE WHEN b > 0 THEN (a * 100 / b)::float8 END) AS index_differ,
	   count(*) FILTER (WHERE attainment_pct(a, b) IS DISTINCT FROM
					   CASE WHEN b <> 0 THEN (a * 100 / b)::float8 END) AS attainment_differ,
	   count(*) FILTER (WHERE exceed_pct(a, b) IS DISTINCT FROM
					   CASE WHEN b <> 0 THEN ((a - b) * 100 / b)::float8 END) AS exceed_differ
FROM pct_pairs;
-- Above 2^53 doubles are 2 apart, above 2^54 4 apart.  90071992547409930
-- / 1000 * 100 is 2^53 + 1, halfway between 2^53 and 2^53 + 2: to the one
-- with an even mantissa, 2^53 = 9007199254740992; 2^53 + 3 goes to 2^53 + 4
-- = 9007199254740996 (also for a negative quotient); 2^54 + 2 to 2^54 =
-- 18014398509481984, 2^54 + 6 to 2^54 + 8 = 18014398509481992.  Just off
-- a tie, 2^53 + 2.5 is nearer 2^53 + 2 = 9007199254740994.
SELECT a, b, attainment_pct(a, b), attainment_pct(a, b) = (a * 100 / b)::float8 AS same
FROM (VALUES (90071992547409930::numeric, 1000::numeric), (90071992547409950, 1000),
			 (-90071992547409950, 1000), (18014398509481986, 100), (18014398509481990, 100),
			 (90071992547409945, 1000)) AS v(a, b);
