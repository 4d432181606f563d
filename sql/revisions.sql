--
-- revisions: revision_rows and revision_stats between two publications of
-- a series, against hand-computed values
--
SET datestyle = 'ISO, YMD';
SET extra_float_digits = 0;

-- Two publications of a monthly series.  Present in both: January (100.5
-- revised to 101.3), March (0 to 2.5) and April (50 to 40); February is
-- missing in the later one, May in the earlier one, December 2020 and June
-- 2021 are only in the later one's span.
CREATE TEMP TABLE pubs AS
SELECT 'numeric {2020-12: 1, 2021-01: 101.3, 2021-02: NULL, 2021-03: 2.5, 2021-04: 40, 2021-05: 7, 2021-06: 8}'::indicator_series AS later,
       'numeric {2021-01: 100.5, 2021-02: 90, 2021-03: 0, 2021-04: 50, 2021-05: NULL}'::indicator_series AS earlier;

-- revision = later - earlier, exact for numeric series (0.8, not 0.79999...);
-- revision_pct = growth_pct(later, earlier): 0.8 / 100.5 * 100 = 0.79601990...,
-- NULL from a zero base, -10 / 50 * 100 = -20
SELECT r.* FROM pubs, revision_rows(later, earlier) r;
SELECT r.period, r.revision = 0.8 AS exact_0_8,
       r.revision_pct = growth_pct(101.3, 100.5) AS same_as_growth_pct
FROM pubs, revision_rows(later, earlier, 'value') r WHERE r.period = '2021-01-01';
-- as float8 series the revision is double subtraction's
SELECT r.period, r.earlier, r.later, r.revision = 101.3::float8 - 100.5::float8 AS float8_difference
FROM pubs,
     LATERAL (SELECT series_agg(period, value::float8) AS s FROM series_rows(later)) l,
     LATERAL (SELECT series_agg(period, value::float8) AS s FROM series_rows(earlier)) e,
     revision_rows(l.s, e.s) r
WHERE r.period = '2021-01-01';
-- a numeric and a float8 publication compare in double precision
SELECT r.period, r.revision, r.revision_pct, r.revision_pct = growth_pct(r.later, r.earlier) AS as_growth_pct
FROM pubs, LATERAL (SELECT series_agg(period, value::float8) AS s FROM series_rows(earlier)) e,
     revision_rows(later, e.s) r;

-- stats over 2021: n 3; mean (0.8 + 2.5 - 10) / 3 = -2.2333...; mean
-- absolute 13.3 / 3 = 4.4333...; rmar 13.3 / (101.3 + 2.5 + 40) = 0.09248956...
SELECT s.n, round(s.mean_revision::numeric, 12) AS mean_revision,
       round(s.mean_abs_revision::numeric, 12) AS mean_abs_revision, round(s.rmar::numeric, 12) AS rmar,
       round((-6.7 / 3)::numeric, 12) AS hand_mean, round((13.3 / 3)::numeric, 12) AS hand_abs,
       round((13.3 / 143.8)::numeric, 12) AS hand_rmar
FROM pubs, revision_stats(later, earlier, '2021-01-01', '2021-12-01') s;
-- a range with March alone (any date in a month stands for it)
SELECT s.* FROM pubs, revision_stats(later, earlier, '2021-02-15', '2021-03-31') s;
-- no period in both: n 0 and NULLs
SELECT s.* FROM pubs, revision_stats(later, earlier, '2021-05-01', '2021-06-01') s;
SELECT s.* FROM pubs, revision_stats(later, earlier, '1990-01-01', '1990-12-01') s;
-- rmar NULL when the later values of the range are all 0
SELECT s.* FROM revision_stats('numeric {2021-01: 0}', 'numeric {2021-01: 0}', '2021-01-01', '2021-01-01') s;

-- Growth revised: two publications of a quarterly series.
--   earlier yoy: 2021-Q1 +10, Q2 -5, Q3 NULL (missing), Q4 +25
--   later   yoy: 2021-Q1 +12, Q2 -10, Q3 +10, Q4 +20
-- revisions in percentage points: +2, -5, -5 (Q3 is not in both)
CREATE TEMP TABLE qpubs AS
SELECT 'numeric {2020-Q1: 100, 2020-Q2: 200, 2020-Q3: 50, 2020-Q4: 80, 2021-Q1: 112, 2021-Q2: 180, 2021-Q3: 55, 2021-Q4: 96}'::indicator_series AS later,
       'numeric {2020-Q1: 100, 2020-Q2: 200, 2020-Q3: 50, 2020-Q4: 80, 2021-Q1: 110, 2021-Q2: 190, 2021-Q3: NULL, 2021-Q4: 100}'::indicator_series AS earlier;
SELECT r.period, r.earlier, r.later, round(r.revision::numeric, 12) AS revision, r.revision_pct
FROM qpubs, revision_rows(later, earlier, 'yoy') r;
-- n 3, mean -8/3, mean absolute 4, rmar 12 / (12 + 10 + 20) = 0.285714...
SELECT s.n, round(s.mean_revision::numeric, 12) AS mean_revision, s.mean_abs_revision,
       round(s.rmar::numeric, 12) AS rmar, round(12 / 42.0, 12) AS hand_rmar
FROM qpubs, revision_stats(later, earlier, '2020-01-01', '2021-12-31', 'yoy') s;
-- 'mom' on a quarterly series: growth on the previous quarter, as mom_pct
-- computes it; 2020-Q1 has no previous quarter, 2021-Q3 and Q4 lack one in
-- the earlier publication
SELECT r.period, round(r.earlier::numeric, 10) AS earlier, round(r.later::numeric, 10) AS later,
       round(r.revision::numeric, 10) AS revision,
       r.earlier = mom_pct(qpubs.earlier, r.period) AND r.later = mom_pct(qpubs.later, r.period) AS as_mom_pct
FROM qpubs, revision_rows(later, earlier, 'mom') r;

-- errors: an unknown measure (22023), different frequencies (42804), a
-- range that runs backwards (22023)
\set VERBOSITY sqlstate
SELECT * FROM pubs, revision_rows(later, earlier, 'level');
SELECT * FROM pubs, revision_stats(later, earlier, '2021-01-01', '2021-12-01', 'qoq');
SELECT * FROM pubs, qpubs, revision_rows(pubs.later, qpubs.earlier);
SELECT * FROM pubs, qpubs, revision_stats(qpubs.later, pubs.earlier, '2021-01-01', '2021-12-01');
SELECT * FROM pubs, revision_stats(later, earlier, '2021-12-01', '2021-01-01');
\set VERBOSITY default
SELECT * FROM pubs, revision_rows(later, earlier, 'level');
SELECT * FROM pubs, qpubs, revision_rows(pubs.later, qpubs.earlier);
SELECT * FROM pubs, revision_stats(later, earlier, '2021-12-01', '2021-01-01');
