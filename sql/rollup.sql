--
-- Aggregates over stored series: series_merge (union of disjoint months)
-- and series_sum (month-by-month total), on literal series.  The same
-- aggregates on real data, checked against plain SQL over the same rows and
-- in parallel plans, are in rollup_realdata.sql (make installcheck-realdata).
--
SET datestyle = ISO, YMD;
CREATE SCHEMA rollup_test;
SET search_path = rollup_test, public;

--
-- series_merge
--
-- NULL series are skipped, as sum() skips NULL rows; no rows give NULL
SELECT series_merge(s)::text FROM (VALUES ('numeric {2021-01: 1}'::indicator_series), (NULL)) t(s);
SELECT series_merge(s) IS NULL AS no_rows FROM (VALUES ('numeric {2021-01: 1}'::indicator_series)) t(s) WHERE false;
-- values at different scales merge at the larger one; months between stay missing
SELECT series_merge(s)::text
FROM (VALUES ('numeric {2021-03: 3}'::indicator_series), ('numeric {2021-01: 1.25}')) t(s);
-- two values for one month: an error naming the month
SELECT series_merge(s) FROM (VALUES ('numeric {2021-01: 1, 2021-02: 2}'::indicator_series),
									('numeric {2021-02: 2}')) t(s);
-- inputs of one slot width and scale, as a parallel series_agg's partial
-- states are: 4-byte slots, the second input inside the first's span and
-- filling its gaps (2021-02, 2021-04), a missing month of the second input
-- (2021-03) leaving the first's value
SELECT series_merge(s)::text
FROM (VALUES ('numeric {2021-01: 1.5, 2021-02: NULL, 2021-03: 3.5, 2021-04: NULL, 2021-05: 5.5}'::indicator_series),
			 ('numeric {2021-02: 2.5, 2021-03: NULL, 2021-04: -4.5}')) t(s);
-- and 8-byte slots (values beyond 2,147,483,647 at scale 0), the second
-- input extending the span at both ends
SELECT series_merge(s)::text
FROM (VALUES ('numeric {2021-02: 3000000000, 2021-03: NULL}'::indicator_series),
			 ('numeric {2021-01: -3000000001, 2021-02: NULL, 2021-03: 4000000000, 2021-04: 5000000000}')) t(s);
-- two values for one month in 8-byte slots: the same error
SELECT series_merge(s) FROM (VALUES ('numeric {2021-01: 3000000000, 2021-02: 1}'::indicator_series),
									('numeric {2021-01: 5, 2021-02: 4000000000}')) t(s);
-- float8 slots: a gap filled, a missing month left, the span extended
SELECT series_merge(s)::text
FROM (VALUES ('float8 {2021-01: 0.5, 2021-02: NULL, 2021-03: 1.5}'::indicator_series),
			 ('float8 {2021-02: 2.5, 2021-03: NULL, 2021-04: 4.25}')) t(s);
-- 16-byte slots (beyond 9,223,372,036,854,775,807 at scale 0)
SELECT series_merge(s)::text
FROM (VALUES ('numeric {2021-01: 10000000000000000000, 2021-02: NULL}'::indicator_series),
			 ('numeric {2021-02: -20000000000000000000, 2021-03: 30000000000000000000}')) t(s);
-- two values for one month in float8 and in 16-byte slots: the same error
SELECT series_merge(s) FROM (VALUES ('float8 {2021-01: 0.5, 2021-02: 1}'::indicator_series),
									('float8 {2021-02: 2}')) t(s);
SELECT series_merge(s) FROM (VALUES ('numeric {2021-01: 10000000000000000000}'::indicator_series),
									('numeric {2020-12: 1, 2021-01: 20000000000000000000}')) t(s);
-- numeric and float8 series do not mix
SELECT series_merge(s) FROM (VALUES ('numeric {2021-01: 1}'::indicator_series),
									('float8 {2021-02: 2}')) t(s);

--
-- series_sum
--
-- spans that differ: months outside one input's span are missing in the total
-- (2021-01: 1 + 10 = 11; 2021-02: 2 + 20.05 = 22.05; 2020-12 and 2021-03
-- lack one input each)
SELECT series_sum(s)::text
FROM (VALUES ('numeric {2020-12: 7, 2021-01: 1, 2021-02: 2}'::indicator_series),
			 ('numeric {2021-01: 10, 2021-02: 20.05, 2021-03: 5}')) t(s);
-- float8 series add as doubles
SELECT series_sum(s)::text
FROM (VALUES ('float8 {2021-01: 0.5}'::indicator_series), ('float8 {2021-01: 0.25}')) t(s);
SELECT series_sum(s) FROM (VALUES ('numeric {2021-01: 1}'::indicator_series), ('float8 {2021-01: 1}')) t(s);
-- a total that needs more than 38 digits is an error, not a rounded value
SELECT series_sum(s) FROM (VALUES ('numeric {2021-01: 90000000000000000000000000000000000000}'::indicator_series),
								  ('numeric {2021-01: 90000000000000000000000000000000000000}')) t(s);

RESET ALL;
DROP SCHEMA rollup_test CASCADE;
