--
-- indices_properties: properties of rebase, index_agg, contribution_pp and
-- chain_link on generated data (deterministic pseudo-random quantities), and
-- index_agg in parallel query (partial states in workers, combined by the
-- leader) against a serial run.
--
SET datestyle = 'ISO, YMD';

-- 400 products in 40 four-digit industries (10 products each) under 10
-- two-digit industries (4 each), monthly quantities 2015-01 .. 2020-12,
-- stored as one series per product.  Weights: w (output value of the base
-- year 2015) and w2 (of 2018, for the renewed index); both positive.
CREATE TABLE idx_products AS
SELECT p AS product, (p - 1) / 10 + 1 AS industry, (p - 1) / 40 + 1 AS division,
       (1 + (p * 37) % 11)::float8 AS w, (1 + (p * 53) % 7)::float8 AS w2,
       series_agg((make_date(2015, 1, 1) + make_interval(months => k))::date, q) AS s,
       series_agg((make_date(2015, 1, 1) + make_interval(months => k))::date, q::int::float8) AS s_int
FROM generate_series(1, 400) p, generate_series(0, 71) k,
     LATERAL (SELECT (200 + (p * 7919 + k * 104729) % 997 / 10.0 + 20 * sin(p + k / 6.0))::float8 AS q) x
GROUP BY p;
-- the product indices on base 2015 and on base 2018
CREATE TABLE idx_rebased AS
SELECT product, industry, division, w, w2, rebase(s, 2015) AS i15, rebase(s, 2018) AS i18
FROM idx_products;
SELECT count(*) AS products, count(i15) AS rebased_2015, count(i18) AS rebased_2018,
       min(month_count(i15)) AS months FROM idx_rebased;

-- the months compared below: every month after the first, or after the
-- first year, of the 72
CREATE TABLE idx_months AS
SELECT (date '2015-01-01' + make_interval(months => k))::date AS period FROM generate_series(0, 71) k;

------------------------------------------------------------------------------
-- Consistency in aggregation: one level (products straight to the total,
-- product weights) equals two levels (industries, then the total with each
-- industry's weight = the sum of its products' weights) and three levels
-- (through the two-digit divisions)
------------------------------------------------------------------------------

CREATE TABLE idx_industry AS
SELECT industry, min(division) AS division, sum(w) AS w, index_agg(i15, w) AS s
FROM idx_rebased GROUP BY industry;
CREATE TABLE idx_division AS
SELECT division, sum(w) AS w, index_agg(s, w) AS s FROM idx_industry GROUP BY division;
CREATE TABLE idx_total AS
SELECT (SELECT index_agg(i15, w) FROM idx_rebased) AS one_level,
       (SELECT index_agg(s, w) FROM idx_industry) AS two_levels,
       (SELECT index_agg(s, w) FROM idx_division) AS three_levels;
SELECT count(*) AS months,
       count(*) FILTER (WHERE abs(value_at(two_levels, period) - value_at(one_level, period)) < 1e-9) AS two_equal,
       count(*) FILTER (WHERE abs(value_at(three_levels, period) - value_at(one_level, period)) < 1e-9) AS three_equal,
       round(avg(value_at(one_level, period)) FILTER (WHERE period < '2016-01-01'), 9) AS base_year_average
FROM idx_total, idx_months;

------------------------------------------------------------------------------
-- Contributions add up to the total's growth (to 1e-9), year on year and
-- month on month, for every month that has a comparison: industries with
-- their shares of the total's weights, and products likewise
------------------------------------------------------------------------------

SELECT count(*) AS months_yoy,
       count(*) FILTER (WHERE abs(pp - yoy_pct(t.two_levels, c.period)) < 1e-9) AS yoy_adds_up
FROM (SELECT period, sum(contribution_pp(i.s, i.w / (SELECT sum(w) FROM idx_industry), t.two_levels, period)) AS pp
      FROM idx_industry i, idx_total t, idx_months GROUP BY period) c, idx_total t
WHERE c.pp IS NOT NULL;
SELECT count(*) AS months_mom,
       count(*) FILTER (WHERE abs(pp - mom_pct(t.two_levels, c.period)) < 1e-9) AS mom_adds_up
FROM (SELECT period, sum(contribution_pp(i.s, i.w / (SELECT sum(w) FROM idx_industry), t.two_levels, period, 1)) AS pp
      FROM idx_industry i, idx_total t, idx_months GROUP BY period) c, idx_total t
WHERE c.pp IS NOT NULL;
-- the products' contributions to the total add up too
SELECT count(*) AS months_yoy,
       count(*) FILTER (WHERE abs(pp - yoy_pct(t.one_level, c.period)) < 1e-9) AS yoy_adds_up
FROM (SELECT period, sum(contribution_pp(r.i15, r.w / (SELECT sum(w) FROM idx_rebased), t.one_level, period)) AS pp
      FROM idx_rebased r, idx_total t, idx_months GROUP BY period) c, idx_total t
WHERE c.pp IS NOT NULL;

------------------------------------------------------------------------------
-- Growth rates are the same on any base (2015 or 2018): for every product,
-- and for the total rebased as a whole.  (Rebasing the products first and
-- aggregating them with the same weights is another index, a Laspeyres
-- index on other relatives, whose growth differs.)
------------------------------------------------------------------------------

SELECT count(*) AS comparisons,
       count(*) FILTER (WHERE abs(yoy_pct(i15, period) - yoy_pct(i18, period)) < 1e-9) AS yoy_same,
       count(*) FILTER (WHERE abs(mom_pct(i15, period) - mom_pct(i18, period)) < 1e-9) AS mom_same
FROM idx_rebased, idx_months WHERE period >= '2016-01-01';
SELECT count(*) AS months,
       count(*) FILTER (WHERE abs(yoy_pct(a, period) - yoy_pct(b, period)) < 1e-9) AS yoy_same,
       count(*) FILTER (WHERE abs(ytd_growth_pct(a, period) - ytd_growth_pct(b, period)) < 1e-9) AS ytd_same
FROM (SELECT a, rebase(a, 2018) AS b FROM (SELECT index_agg(i15, w) AS a FROM idx_rebased) x) t, idx_months
WHERE period >= '2016-01-01';
-- on base 2018 the total averages 100 over 2018
SELECT round(annual(rebase(index_agg(i15, w), 2018), 2018, 'avg'), 9) AS avg_2018 FROM idx_rebased;

------------------------------------------------------------------------------
-- Chain-linking keeps the old index through the link and the new index's
-- growth after it: old = base 2015, weights w; new = base 2018, weights w2.
-- With a one-month overlap (December 2018) every month-on-month growth
-- after the link is new's; with the annual overlap (2018) every one after
-- January 2019 is (January 2019 against December 2018 compares new with old
-- scaled by the ratio of the annual averages, not of December's levels)
------------------------------------------------------------------------------

CREATE TABLE idx_chain AS
SELECT old, new, chain_link(old, new, date '2018-12-01') AS by_month, chain_link(old, new, 2018) AS by_year
FROM (SELECT index_agg(i15, w) AS old, index_agg(i18, w2) AS new FROM idx_rebased) x;
SELECT count(*) FILTER (WHERE period <= '2018-12-01') AS months_through_link,
       count(*) FILTER (WHERE period <= '2018-12-01' AND value_at(by_month, period) = value_at(old, period)
                        AND value_at(by_year, period) = value_at(old, period)) AS old_kept,
       count(*) FILTER (WHERE period > '2018-12-01') AS months_after,
       count(*) FILTER (WHERE period > '2018-12-01'
                        AND abs(mom_pct(by_month, period) - mom_pct(new, period)) < 1e-9) AS new_mom_kept,
       count(*) FILTER (WHERE period > '2019-01-01'
                        AND abs(mom_pct(by_year, period) - mom_pct(new, period)) < 1e-9) AS annual_new_mom_kept_from_2019_02,
       count(*) FILTER (WHERE period >= '2019-12-01'
                        AND abs(yoy_pct(by_month, period) - yoy_pct(new, period)) < 1e-9) AS new_yoy_kept_from_2019_12
FROM idx_chain, idx_months;
-- the link month itself: old's level; the month after it: new's growth on
-- old's level (old(2018-12) x new(2019-01) / new(2018-12))
SELECT abs(value_at(by_month, '2019-01-01') - value_at(old, '2018-12-01') * value_at(new, '2019-01-01') / value_at(new, '2018-12-01')) < 1e-9 AS month_after_link
FROM idx_chain;

------------------------------------------------------------------------------
-- Parallel query: a Partial Aggregate under Gather, equal to a serial run
------------------------------------------------------------------------------

-- more rows, so that several workers each read some: the 400 products x 5
-- (2,000 products, 200 industries); s_int holds whole numbers and the
-- weights are whole, so every sum is exact in float8 and parallel and
-- serial results are identical to the bit; the rebased indices are not, so
-- they are compared to 1e-9 (the order of addition differs)
CREATE TABLE idx_par AS
SELECT r.product + 400 * c AS product, r.industry + 40 * c AS industry, r.w, r.i15, p.s_int
FROM idx_rebased r JOIN idx_products p USING (product), generate_series(0, 4) c;
VACUUM ANALYZE idx_par;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT industry, index_agg(s_int, w) FROM idx_par GROUP BY industry;
EXPLAIN (COSTS OFF) SELECT index_agg(s_int, w) FROM idx_par;
CREATE FUNCTION idx_workers_launched(query text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
	RETURN (plan -> 0 -> 'Plan' -> 'Plans' -> 0 ->> 'Workers Launched')::int;
END $$;
SELECT idx_workers_launched('SELECT index_agg(s_int, w) FROM idx_par') > 0 AS workers_ran;
CREATE TABLE idx_par_parallel AS
SELECT industry, index_agg(s_int, w)::text AS exact, index_agg(i15, w) AS i FROM idx_par GROUP BY industry;
CREATE TABLE idx_par_parallel_one AS
SELECT index_agg(s_int, w)::text AS exact, index_agg(i15, w) AS i FROM idx_par;

SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT index_agg(s_int, w) FROM idx_par;
CREATE TABLE idx_par_serial AS
SELECT industry, index_agg(s_int, w)::text AS exact, index_agg(i15, w) AS i FROM idx_par GROUP BY industry;
CREATE TABLE idx_par_serial_one AS
SELECT index_agg(s_int, w)::text AS exact, index_agg(i15, w) AS i FROM idx_par;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;

-- exact sums: identical text, by industry and in total
SELECT (SELECT count(*) FROM idx_par_parallel) AS industries,
       (SELECT count(*) FROM (SELECT industry, exact FROM idx_par_parallel
                              EXCEPT SELECT industry, exact FROM idx_par_serial) d) AS only_parallel,
       (SELECT count(*) FROM (SELECT industry, exact FROM idx_par_serial
                              EXCEPT SELECT industry, exact FROM idx_par_parallel) d) AS only_serial,
       (SELECT exact FROM idx_par_parallel_one) = (SELECT exact FROM idx_par_serial_one) AS total_identical,
       (SELECT month_count(exact::indicator_series) FROM idx_par_parallel_one) AS total_months;
-- rebased indices: equal to 1e-9 in every month of every industry and the total
SELECT count(*) AS compared,
       count(*) FILTER (WHERE abs(value_at(p.i, period) - value_at(s.i, period)) < 1e-9) AS equal
FROM idx_par_parallel p JOIN idx_par_serial s USING (industry), idx_months;
SELECT count(*) AS compared,
       count(*) FILTER (WHERE abs(value_at(p.i, period) - value_at(s.i, period)) < 1e-9) AS equal
FROM idx_par_parallel_one p, idx_par_serial_one s, idx_months;

DROP TABLE idx_products, idx_rebased, idx_months, idx_industry, idx_division, idx_total, idx_chain,
	idx_par, idx_par_parallel, idx_par_parallel_one, idx_par_serial, idx_par_serial_one;
DROP FUNCTION idx_workers_launched(text);
