--
-- revisions_realdata: vintages and revisions on a publication history
-- built from real data that is not in the repository (make
-- installcheck-realdata): ../shared/data/real/vega_unemployment_across_industries.csv,
-- US unemployed persons by 14 industries, 2000-01 .. 2010-02 (see that
-- directory's README.md for its source and terms).
-- test/oracle/revisions_reference.py builds the history (a perturbed first
-- release, a revision every fourth month, the real value as the final one)
-- and computes the revision statistics independently with pandas.  Needs
-- /usr/bin/python3 with pandas (Debian's python3-pandas).
--
SET datestyle = 'ISO, YMD';
SET timezone = 'UTC';

CREATE TABLE real_rows (series text, period date, value numeric);
\copy real_rows FROM '../shared/data/real/vega_unemployment_across_industries.csv' (FORMAT csv, HEADER)
\! /usr/bin/python3 test/oracle/revisions_reference.py ../shared/data/real/vega_unemployment_across_industries.csv results/revisions_history.csv results/revisions_reference.csv
CREATE TABLE history (series text, period date, value numeric, vintage timestamptz, estimated boolean);
\copy history FROM 'results/revisions_history.csv' (FORMAT csv, HEADER)
CREATE TABLE ref (series text, measure text, n int, mean_revision float8, mean_abs_revision float8, rmar float8);
\copy ref FROM 'results/revisions_reference.csv' (FORMAT csv, HEADER)
SELECT count(*) AS rows, count(DISTINCT series) AS series, count(DISTINCT (series, period)) AS periods,
       count(*) FILTER (WHERE estimated) AS first_releases, min(vintage), max(vintage)
FROM history;
SELECT count(*) AS reference_rows FROM ref;

------------------------------------------------------------------------------
-- The series as last published is the real series; as first published, the
-- estimates
------------------------------------------------------------------------------

CREATE TABLE pubs AS
SELECT series, vintage_agg(period, value, vintage) AS latest, first_release_agg(period, value, vintage) AS first
FROM history GROUP BY series;
SELECT count(*) AS series,
       count(*) FILTER (WHERE p.latest::text = r.s::text) AS latest_is_real,
       count(*) FILTER (WHERE p.first::text = e.s::text) AS first_is_estimate
FROM pubs p
JOIN (SELECT series, series_agg(period, value) AS s FROM real_rows GROUP BY series) r USING (series)
JOIN (SELECT series, series_agg(period, value) AS s FROM history WHERE estimated GROUP BY series) e USING (series);

-- as known on 2005-06-10: every month through April 2005 in its final form
-- (published on the 5th two months later), May 2005 as first released (its
-- revision came on 2005-06-20); the same as
-- series_agg over the rows DISTINCT ON picks
SELECT count(*) AS series,
       count(*) FILTER (WHERE a.s::text = d.s::text) AS same_as_distinct_on,
       min(last_month(a.s)) AS last_month,
       count(*) FILTER (WHERE value_at(a.s, '2005-05-01') = value_at(p.first, '2005-05-01')
                          AND value_at(a.s, '2005-04-01') = value_at(p.latest, '2005-04-01')) AS as_published
FROM (SELECT series, vintage_agg(period, value, vintage) FILTER (WHERE vintage <= '2005-06-10') AS s
      FROM history GROUP BY series) a
JOIN (SELECT series, series_agg(period, value) AS s
      FROM (SELECT DISTINCT ON (series, period) * FROM history WHERE vintage <= '2005-06-10'
            ORDER BY series, period, vintage DESC) h GROUP BY series) d USING (series)
JOIN pubs p USING (series);

-- with the estimated flags of the history: on 2005-06-10 the published
-- series rests on one estimate per industry, May 2005; the first releases
-- are estimates throughout, the final series has none
SELECT count(*) AS series,
       count(*) FILTER (WHERE estimated_periods(a.s) = '{2005-05-01}') AS may_2005_estimated,
       count(*) FILTER (WHERE cardinality(estimated_periods(f.s)) = 122) AS first_all_estimated,
       count(*) FILTER (WHERE estimated_periods(l.s) = '{}' AND l.s = p.latest) AS final_none
FROM (SELECT series, vintage_agg(period, value, vintage, 'month', estimated) FILTER (WHERE vintage <= '2005-06-10') AS s
      FROM history GROUP BY series) a
JOIN (SELECT series, first_release_agg(period, value, vintage, 'month', estimated) AS s FROM history GROUP BY series) f USING (series)
JOIN (SELECT series, vintage_agg(period, value, vintage, 'month', estimated) AS s FROM history GROUP BY series) l USING (series)
JOIN pubs p USING (series);

------------------------------------------------------------------------------
-- revision_rows against plain SQL over the history's rows
------------------------------------------------------------------------------

-- 'value': the final value minus the first release, in numeric then
-- rounded once to double; revision_pct = growth_pct of the two
SELECT count(*) AS rows,
       count(*) FILTER (WHERE r.earlier = e.value::float8 AND r.later = l.value::float8
                          AND r.revision = (l.value - e.value)::float8
                          AND r.revision_pct IS NOT DISTINCT FROM growth_pct(l.value, e.value)) AS equal
FROM pubs p
CROSS JOIN LATERAL revision_rows(p.latest, p.first) r
JOIN real_rows l ON l.series = p.series AND l.period = r.period
JOIN history e ON e.series = p.series AND e.period = r.period AND e.estimated;
-- 'yoy': each publication's own growth on the same month a year earlier
SELECT count(*) AS rows,
       count(*) FILTER (WHERE r.later = yoy_pct(p.latest, r.period) AND r.earlier = yoy_pct(p.first, r.period)
                          AND r.revision = r.later - r.earlier AND r.revision_pct IS NULL) AS equal
FROM pubs p CROSS JOIN LATERAL revision_rows(p.latest, p.first, 'yoy') r;

------------------------------------------------------------------------------
-- revision_stats against pandas (relative tolerance 1e-9)
------------------------------------------------------------------------------

SELECT f.measure, count(*) AS series,
       count(*) FILTER (WHERE s.n = f.n) AS n_equal,
       count(*) FILTER (WHERE abs(s.mean_revision - f.mean_revision) <= 1e-9 * greatest(abs(f.mean_revision), 1e-3)
                          AND abs(s.mean_abs_revision - f.mean_abs_revision) <= 1e-9 * abs(f.mean_abs_revision)
                          AND abs(s.rmar - f.rmar) <= 1e-9 * abs(f.rmar)) AS stats_equal
FROM ref f
JOIN pubs p USING (series)
CROSS JOIN LATERAL revision_stats(p.latest, p.first, '2001-01-01', '2009-12-01', f.measure) s
GROUP BY f.measure ORDER BY f.measure;
-- the figures of one industry, rounded
SELECT f.measure, s.n, round(s.mean_revision::numeric, 6) AS mean_revision,
       round(s.mean_abs_revision::numeric, 6) AS mean_abs_revision, round(s.rmar::numeric, 6) AS rmar
FROM ref f
JOIN pubs p USING (series)
CROSS JOIN LATERAL revision_stats(p.latest, p.first, '2001-01-01', '2009-12-01', f.measure) s
WHERE f.series = 'Construction' ORDER BY f.measure;

DROP TABLE real_rows, history, ref, pubs;
