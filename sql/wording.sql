--
-- Report wording: growth_phrase, attainment_phrase and progress_phrase, in
-- English and Vietnamese.
--
-- Every expected phrase is written out by hand beside its query: the
-- examples of the functions' specification literally, the figures of the
-- seed report (the Thanh Hoa trade review of 2021, as in sql/article.sql),
-- then the rounding rule (half away from zero, of the decimal the double
-- prints as) at its edges.
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

------------------------------------------------------------------------------
-- The specification's examples, literally
------------------------------------------------------------------------------

-- 'up 42.7%', 'down 3.4%', 'unchanged'; 'tăng 42,7%', 'giảm 3,4%', 'không đổi';
-- 18.0 gives 'tăng 18%'
SELECT growth_phrase(42.7) AS up, growth_phrase(-3.4) AS down, growth_phrase(0) AS unchanged;
SELECT growth_phrase(42.7, 'vi') AS up, growth_phrase(-3.4, 'vi') AS down,
	   growth_phrase(0, 'vi') AS unchanged, growth_phrase(18.0, 'vi') AS eighteen;
-- '133.5% of plan, exceeded by 33.5%', '100% of plan', '94.8% of plan, short by 5.2%'
SELECT attainment_phrase(133.5) AS exceeded, attainment_phrase(100) AS met,
	   attainment_phrase(94.8) AS short;
-- 'đạt 133,5% kế hoạch, vượt 33,5%', 'đạt 100% kế hoạch', 'đạt 94,8% kế hoạch'
SELECT attainment_phrase(133.5, 'vi') AS exceeded, attainment_phrase(100, 'vi') AS met,
	   attainment_phrase(94.8, 'vi') AS short;
-- the arguments by name, and 'en' named explicitly
SELECT growth_phrase(42.7, lang => 'vi') AS vi, growth_phrase(pct => 42.7, lang => 'en') AS en,
	   growth_phrase(16.93, decimals => 2) AS two, attainment_phrase(133.5, decimals => 0) AS zero;

------------------------------------------------------------------------------
-- The seed report (Thanh Hoa, 2021), from its figures
------------------------------------------------------------------------------

-- exports: 5,339 million USD, "tăng 42,7% so với cùng kỳ, vượt 33,5% kế hoạch";
-- the 2020 value and the 2021 plan are what the article's percentages imply
-- (5,339 / 1.427 and 5,339 / 1.335), so the percentages come back as
-- 42.7 and 133.5 up to the last bits of a double: 'tăng 42,7%' and
-- 'đạt 133,5% kế hoạch, vượt 33,5%'
SELECT growth_phrase(growth_pct(5339::numeric, implied_base(5339::numeric, 42.7)), 'vi') AS growth,
	   attainment_phrase(attainment_pct(5339::numeric, implied_base(5339::numeric, 33.5)), 'vi') AS plan,
	   growth_phrase(growth_pct(5339::numeric, implied_base(5339::numeric, 42.7))) AS growth_en,
	   attainment_phrase(attainment_pct(5339::numeric, implied_base(5339::numeric, 33.5))) AS plan_en;
-- retail sales and services, 133,557 billion VND: "tăng 18 %", "đạt 106,8% kế
-- hoạch"; the excess is 106.8 - 100 = 6.8: 'đạt 106,8% kế hoạch, vượt 6,8%'
SELECT growth_phrase(growth_pct(133557::numeric, implied_base(133557::numeric, 18)), 'vi') AS growth,
	   attainment_phrase(attainment_pct(133557::numeric, implied_base(133557::numeric, 6.8)), 'vi') AS plan;
-- the IIP "tăng 16,93%" (two decimals), retail goods alone "tăng 11,7%"
SELECT growth_phrase(16.93, 'vi', 2) AS iip, growth_phrase(11.7, 'vi') AS retail_goods;
-- the 2022 targets: exports 5,700 on 5,339 is 361/5339 = +6.7616%: 'tăng 6,8%'
-- (the article states +1.9%, which its figures do not give); retail 145,000
-- on 133,557 is 11443/133557 = +8.5679%: 'tăng 8,6%', as stated
SELECT growth_phrase(growth_pct(5700::numeric, 5339::numeric), 'vi') AS exports_2022,
	   growth_phrase(growth_pct(145000::numeric, 133557::numeric), 'vi') AS retail_2022;
-- the 2022 export target against 2021's exports as a plan: 5339/5700 =
-- 93.667%: '93.7% of plan, short by 6.3%'; in Vietnamese no shortfall
SELECT attainment_phrase(attainment_pct(5339::numeric, 5700::numeric)) AS en,
	   attainment_phrase(attainment_pct(5339::numeric, 5700::numeric), 'vi') AS vi;

------------------------------------------------------------------------------
-- Rounding: half away from zero, of the decimal the double prints as
------------------------------------------------------------------------------

-- halves go away from zero at any number of decimals, not to even:
-- 0.5 -> 1, -0.5 -> -1, 2.5 -> 3, 1.25 -> 1.3, -1.25 -> -1.3, 0.05 -> 0.1
SELECT growth_phrase(0.5, 'en', 0) AS a, growth_phrase(-0.5, 'en', 0) AS b,
	   growth_phrase(2.5, 'en', 0) AS c, growth_phrase(1.25) AS d,
	   growth_phrase(-1.25) AS e, growth_phrase(0.05) AS f;
-- the decimal as it prints, not the binary value: the double nearest 2.675
-- is m / 2^51 with m = 6023564501608038, that is m * 5^51 / 10^51 =
-- 2.67499999999999982236431605997495353221893310546875 (below the half), but
-- it prints as 2.675, so it rounds to 2.68, as a spreadsheet rounds what it
-- shows; likewise 1.005 (1.00499999999999989...) rounds to 1.01.  0.05 is
-- 0.05000000000000000277 and prints as 0.05: 0.1 either way.
SELECT (2.675::float8 * 2^51)::bigint * 444089209850062616169452667236328125 * 1e-51 AS binary_value,
	   growth_phrase(2.675, 'en', 2) AS "2.675", growth_phrase(1.005, 'en', 2) AS "1.005",
	   growth_phrase(-2.675, 'en', 2) AS "-2.675";
-- what a float computation leaves: 0.1 + 0.2 prints as 0.30000000000000004,
-- which rounds to 0.3 at 1 to 15 decimals
SELECT (0.1::float8 + 0.2::float8)::text AS sum, growth_phrase(0.1::float8 + 0.2::float8) AS d1,
	   growth_phrase(0.1::float8 + 0.2::float8, 'en', 15) AS d15;
-- trailing zeros of the decimals are dropped, the integer's zeros kept:
-- 18.0 -> 18, 18.10 -> 18.1, 20 -> 20, 100 -> 100, 100.04 -> 100, 99.999 -> 100
SELECT growth_phrase(18.0) AS a, growth_phrase(18.10, 'en', 2) AS b, growth_phrase(20) AS c,
	   growth_phrase(100, 'en', 3) AS d, growth_phrase(100.04) AS e, growth_phrase(99.999, 'en', 2) AS f;
-- 'unchanged' whenever it rounds to 0, from either side and for -0:
-- 0.04, -0.04, 0.049999, -0.0, 0.4 at 0 decimals, 0.0049 at 2
SELECT growth_phrase(0.04) AS a, growth_phrase(-0.04) AS b, growth_phrase(0.049999) AS c,
	   growth_phrase('-0'::float8) AS d, growth_phrase(0.4, 'en', 0) AS e,
	   growth_phrase(0.0049, 'vi', 2) AS f;
-- the smallest steps that are not: 0.05 and -0.05 at 1, 0.005 at 2, 0.5 at 0
SELECT growth_phrase(0.05) AS a, growth_phrase(-0.05, 'vi') AS b,
	   growth_phrase(0.005, 'vi', 2) AS c, growth_phrase(0.5, 'vi', 0) AS d;
-- no exponent at either end of double's range: 1e20 is written out; 1e-5
-- at 15 decimals is 0.00001; 5e-324 (the smallest double) rounds to 0;
-- -100: 'down 100%'
SELECT growth_phrase(1e20, 'en', 0) AS big, growth_phrase(1e-5, 'en', 15) AS small,
	   growth_phrase(5e-324, 'en', 15) AS tiny, growth_phrase(-100) AS all_lost;
-- the largest double has 309 digits, all printed
SELECT length(growth_phrase(1.7976931348623157e308, 'en', 0)) AS len,
	   left(growth_phrase(1.7976931348623157e308, 'en', 0), 22) AS head;

------------------------------------------------------------------------------
-- Attainment: the excess or shortfall is the rounded percentage minus 100
------------------------------------------------------------------------------

-- computed in decimal: as doubles, 100.3 - 100 is 0.29999999999999716 and
-- 100 - 94.8 is 5.200000000000003; the phrases say 0.3 and 5.2
SELECT 100.3::float8 - 100 AS float_excess, attainment_phrase(100.3) AS excess,
	   100 - 94.8::float8 AS float_shortfall, attainment_phrase(94.8) AS shortfall;
-- the rounded percentage decides: 99.95 rounds to 100.0 -> '100% of plan';
-- 99.94 -> 99.9, short by 0.1; 100.04 -> 100; 100.05 -> 100.1, exceeded by 0.1
SELECT attainment_phrase(99.95) AS a, attainment_phrase(99.94) AS b,
	   attainment_phrase(100.04) AS c, attainment_phrase(100.05) AS d;
-- at 0 decimals, 133.5 rounds to 134: exceeded by 34; at 2, 133.456 -> 133.46,
-- exceeded by 33.46; 2.675 percent of plan at 2 decimals: short by 97.32
SELECT attainment_phrase(133.5, 'en', 0) AS a, attainment_phrase(133.456, 'vi', 2) AS b,
	   attainment_phrase(2.675, 'en', 2) AS c;
-- nothing, or less than nothing, of a plan: 0 -> short by 100; -20 -> short by 120
SELECT attainment_phrase(0) AS zero, attainment_phrase(-20) AS negative,
	   attainment_phrase(-20, 'vi') AS negative_vi, attainment_phrase(-0.04) AS minus_zero;
-- well over plan: 250% -> exceeded by 150; 1000.05 at 1 -> 1000.1, by 900.1
SELECT attainment_phrase(250) AS a, attainment_phrase(1000.05, 'vi') AS b;

------------------------------------------------------------------------------
-- NULL and errors
------------------------------------------------------------------------------

-- STRICT: a NULL argument gives NULL
SELECT growth_phrase(NULL) IS NULL AS a, growth_phrase(1, NULL) IS NULL AS b,
	   growth_phrase(1, 'en', NULL) IS NULL AS c, attainment_phrase(NULL, 'vi') IS NULL AS d,
	   attainment_phrase(100, NULL, 1) IS NULL AS e, attainment_phrase(100, 'en', NULL) IS NULL AS f;
-- a NaN or infinite percentage is bad input (22023), as in the scalar
-- functions, not a phrase; an unknown language is 22023 (codes are exact
-- and lowercase); decimals outside 0..15 are 22023 (a negative number of
-- decimals would round to tens, which no report means; 16 decimals would show
-- digits a double does not hold)
SELECT q, pg_temp.error_of(q) AS error FROM (VALUES
	($$SELECT growth_phrase('NaN')$$),
	($$SELECT growth_phrase('Infinity', 'vi')$$),
	($$SELECT attainment_phrase('-Infinity')$$),
	($$SELECT attainment_phrase('NaN', 'vi', 2)$$),
	($$SELECT growth_phrase(1, 'fr')$$),
	($$SELECT growth_phrase(1, 'EN')$$),
	($$SELECT attainment_phrase(1, '')$$),
	($$SELECT attainment_phrase(1, 'vi-VN')$$),
	($$SELECT growth_phrase(1, 'en', -1)$$),
	($$SELECT growth_phrase(1, 'vi', 16)$$),
	($$SELECT attainment_phrase(1, 'en', -1)$$),
	($$SELECT attainment_phrase(1, 'en', 2147483647)$$)
) AS v(q);
-- the hints say what to use
SELECT growth_phrase(1, 'fr');
SELECT attainment_phrase(1, 'en', 16);
-- 15 decimals is the most: 1/3 at 15 decimals
SELECT growth_phrase(1 / 3::float8, 'vi', 15) AS third;

------------------------------------------------------------------------------
-- progress_phrase: the year-to-date's progress towards the year's plan
------------------------------------------------------------------------------

-- "reached 57.9% of the year's plan", "đạt 57,9% kế hoạch năm"; where
-- attainment_phrase says '57.9% of plan, short by 42.1%', which part way
-- through the year reads as a missed plan
SELECT progress_phrase(57.9) AS en, progress_phrase(57.9, 'vi') AS vi,
	   attainment_phrase(57.9) AS attainment;
-- 5,339 of a year's plan of 9,220 by the end of July: 5339/9220 =
-- 57.9067%, 'reached 57.9% ...'; at two decimals 57.91
SELECT progress_phrase(attainment_pct(5339::numeric, 9220::numeric)) AS en,
	   progress_phrase(attainment_pct(5339::numeric, 9220::numeric), 'vi', 2) AS vi2;
-- attainment_phrase's rounding: half away from zero of the decimal the
-- double prints as, trailing zeros dropped: 57.95 -> 58, 57.94 -> 57.9,
-- 2.675 at 2 -> 2.68, 99.5 at 0 -> 100, 0 -> 0, 104.25 -> 104.3,
-- 12.50 at 2 -> 12.5, -0.05 -> -0.1 (a year-to-date below nothing)
SELECT progress_phrase(57.95) AS a, progress_phrase(57.94) AS b,
	   progress_phrase(2.675, 'en', 2) AS c, progress_phrase(99.5, 'vi', 0) AS d,
	   progress_phrase(0) AS e, progress_phrase(104.25, 'vi') AS f,
	   progress_phrase(12.50, 'en', 2) AS g, progress_phrase(-0.05) AS h;
-- the arguments by name; STRICT: NULL gives NULL
SELECT progress_phrase(pct => 57.9, lang => 'vi') AS vi, progress_phrase(57.9, decimals => 0) AS zero,
	   progress_phrase(NULL) IS NULL AS a, progress_phrase(1, NULL) IS NULL AS b,
	   progress_phrase(1, 'en', NULL) IS NULL AS c;
-- errors as attainment_phrase's: NaN, infinite, an unknown language,
-- decimals outside 0..15 are all 22023
SELECT q, pg_temp.error_of(q) AS error FROM (VALUES
	($$SELECT progress_phrase('NaN')$$),
	($$SELECT progress_phrase('Infinity', 'vi')$$),
	($$SELECT progress_phrase(1, 'fr')$$),
	($$SELECT progress_phrase(1, 'VI')$$),
	($$SELECT progress_phrase(1, 'en', -1)$$),
	($$SELECT progress_phrase(1, 'en', 16)$$)
) AS v(q);
SELECT progress_phrase(57.9, 'fr');
