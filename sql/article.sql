--
-- The article test: the year-end report of the Department of Industry and
-- Trade of Thanh Hoa province, December 2021, published in Vietnamese; the
-- figures it states are written out below, in the table the test builds.
--
-- From a table of the values the article states, plus the values it only
-- implies (derived with implied_base from the stated growth or attainment),
-- every percentage of the article is reproduced at the article's rounding,
-- and the one stated growth that does not follow from its own figures (2022
-- exports, +1.9%) is flagged.  All values are numeric, so the exact numeric
-- overloads are used throughout.
--
-- Two percentages of the article have no values behind them and cannot be
-- recomputed: retail sales of goods alone +11.7% in 2021, and the 2022 target
-- for industrial value added (VACN), +10.8%.
--
-- objects of this test live in their own schema, dropped at the end
CREATE SCHEMA article_test;
SET search_path = article_test, public;

-- The article's values (its number format: "5.339" is 5,339; "16,93%" is 16.93%)
--   exports of goods 2021: 5.339 million USD ("đạt 5.339 triệu USD")
--   exports target 2022:   5.700 million USD ("đạt 5.700 triệu USD")
--   retail sales and consumer-service revenue 2021: 133.557 billion VND (an estimate)
--   retail target 2022:    145.000 billion VND
--   IIP: 2021 is 16.93% above 2020; held as index values 2020 = 100, 2021 = 116.93
CREATE TABLE figures (indicator text, year int, kind text, value numeric,
					  PRIMARY KEY (indicator, year, kind));
INSERT INTO figures VALUES
	('exports', 2021, 'actual', 5339),
	('exports', 2022, 'target', 5700),
	('retail', 2021, 'actual', 133557),
	('retail', 2022, 'target', 145000),
	('iip', 2020, 'index', 100),
	('iip', 2021, 'index', 116.93);

-- The values the article only implies, from what it states about them:
--   exports 2020:     2021 is "+42.7% so với cùng kỳ"  -> 5339 / 1.427 ~ 3741.42
--   exports plan 2021: "vượt 33,5% kế hoạch", exceeded the plan by 33.5%, so the plan
--                      was 100 / 133.5 of 5339        -> 5339 / 1.335 ~ 3999.25 (about 4,000)
--   retail 2020:      2021 is "+18 % so với năm 2020" -> 133557 / 1.18 ~ 113183.90
--   retail plan 2021: "đạt 106,8% kế hoạch"           -> 133557 / 1.068 ~ 125053.37
INSERT INTO figures
SELECT 'exports', 2020, 'actual', implied_base(value, 42.7) FROM figures
WHERE indicator = 'exports' AND year = 2021 AND kind = 'actual'
UNION ALL
SELECT 'exports', 2021, 'plan', implied_base(value, 33.5) FROM figures
WHERE indicator = 'exports' AND year = 2021 AND kind = 'actual'
UNION ALL
SELECT 'retail', 2020, 'actual', implied_base(value, 18) FROM figures
WHERE indicator = 'retail' AND year = 2021 AND kind = 'actual'
UNION ALL
SELECT 'retail', 2021, 'plan', implied_base(value, 6.8) FROM figures
WHERE indicator = 'retail' AND year = 2021 AND kind = 'actual';

-- the implied values, rounded to 2 decimals (checked by hand:
-- 1.427 * 3741.42 = 5339.00, 1.335 * 3999.25 = 5339.00, 1.18 * 113183.90 = 133557.00,
-- 1.068 * 125053.37 = 133557.00)
SELECT indicator, year, kind, round(value, 2) AS value
FROM figures WHERE (year = 2020 AND kind = 'actual') OR kind = 'plan'
ORDER BY indicator, year, kind;

-- the values are numeric, so each function below runs on the numeric overload
SELECT DISTINCT pg_typeof(value) FROM figures;

CREATE FUNCTION fig(text, int, text) RETURNS numeric LANGUAGE sql STABLE
	AS $$ SELECT value FROM figures WHERE indicator = $1 AND year = $2 AND kind = $3 $$;

-- Every percentage of the article, recomputed from the table and rounded as the
-- article rounds it (1 decimal; 2 for the IIP's 16.93):
--   exports 2021 vs 2020:         growth_pct(5339, 5339 / 1.427)          42.7
--   exports, plan exceeded by:    exceed_pct(5339, 5339 / 1.335)          33.5
--   exports, percent of plan:     attainment_pct(5339, 5339 / 1.335)     133.5
--   retail 2021 vs 2020:          growth_pct(133557, 133557 / 1.18)       18
--   retail, percent of plan:      attainment_pct(133557, 133557 / 1.068) 106.8
--   IIP 2021 vs 2020:             growth_pct(116.93, 100)                 16.93
--   retail target 2022 vs 2021:   required_growth_pct(133557, 145000)
--                                 = 11443 / 133557 = 8.568% ~ 8.6          8.6
--   exports target 2022 vs 2021:  required_growth_pct(5339, 5700)
--                                 = 361 / 5339 = 6.762% ~ 6.8, but the article says 1.9
-- stated_follows: the recomputed figure, rounded, equals the stated one
SELECT figure, stated, computed, computed = stated AS stated_follows
FROM (VALUES
	(1, 'exports 2021, growth vs 2020', 42.7,
	 round(growth_pct(fig('exports', 2021, 'actual'), fig('exports', 2020, 'actual'))::numeric, 1)),
	(2, 'exports 2021, plan exceeded by', 33.5,
	 round(exceed_pct(fig('exports', 2021, 'actual'), fig('exports', 2021, 'plan'))::numeric, 1)),
	(3, 'exports 2021, percent of plan', 133.5,
	 round(attainment_pct(fig('exports', 2021, 'actual'), fig('exports', 2021, 'plan'))::numeric, 1)),
	(4, 'retail 2021, growth vs 2020', 18,
	 round(growth_pct(fig('retail', 2021, 'actual'), fig('retail', 2020, 'actual'))::numeric, 1)),
	(5, 'retail 2021, percent of plan', 106.8,
	 round(attainment_pct(fig('retail', 2021, 'actual'), fig('retail', 2021, 'plan'))::numeric, 1)),
	(6, 'IIP 2021, growth vs 2020', 16.93,
	 round(growth_pct(fig('iip', 2021, 'index'), fig('iip', 2020, 'index'))::numeric, 2)),
	(7, 'retail target 2022, growth vs 2021', 8.6,
	 round(required_growth_pct(fig('retail', 2021, 'actual'), fig('retail', 2022, 'target'))::numeric, 1)),
	(8, 'exports target 2022, growth vs 2021', 1.9,
	 round(required_growth_pct(fig('exports', 2021, 'actual'), fig('exports', 2022, 'target'))::numeric, 1))
) AS c(n, figure, stated, computed)
ORDER BY n;

-- What the stated +1.9% would need instead: a 2022 target of 5339 * 1.019 = 5440.44
-- (5339 + 101.441), or a 2021 base of 5700 / 1.019 = 5593.72 (1.019 * 5593.72 = 5700.00)
SELECT round(5339::numeric * (1 + 1.9 / 100), 2) AS target_for_1_9,
	   round(implied_base(5700::numeric, 1.9), 2) AS base_for_1_9,
	   round(required_growth_pct(5593.72::numeric, 5700)::numeric, 1) AS check_1_9;

RESET search_path;
DROP SCHEMA article_test CASCADE;
