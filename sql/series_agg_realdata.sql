--
-- series_agg on real data that is not in the repository (make
-- installcheck-realdata): ../shared/data/real/vega_unemployment_across_industries.csv,
-- US unemployed persons by 14 industries, 2000-01 .. 2010-02 (see that
-- directory's README.md for its source and terms).  Split from
-- series_agg.sql, whose other tests need nothing outside the repository.
--
SET datestyle = 'ISO, YMD';

------------------------------------------------------------------------------
-- Exactness on real data: ytd and annual equal sum(numeric) over the rows
------------------------------------------------------------------------------

-- 14 industries, unemployed persons (thousands), 2000-01 .. 2010-02, no gaps
CREATE TABLE vega (series text, period date, value numeric);
\copy vega FROM '../shared/data/real/vega_unemployment_across_industries.csv' (FORMAT csv, HEADER)
SELECT count(*), count(DISTINCT series), min(period), max(period), count(value) FROM vega;
CREATE TABLE vega_s AS SELECT series, series_agg(period, value) AS s FROM vega GROUP BY series;
-- every (series, calendar year) that has 12 months: annual = sum; the years
-- with fewer months (2010 has 2) give NULL
SELECT count(*) AS years,
       count(*) FILTER (WHERE n = 12) AS complete,
       count(*) FILTER (WHERE n = 12 AND annual(s, y) = total) AS sum_equal,
       count(*) FILTER (WHERE n = 12 AND annual(s, y, 'avg') = total / 12) AS avg_equal,
       count(*) FILTER (WHERE n = 12 AND annual(s, y, 'last') = dec) AS last_equal,
       count(*) FILTER (WHERE n < 12 AND annual(s, y) IS NULL) AS incomplete_null
FROM (SELECT series, extract(year FROM period)::int AS y, sum(value) AS total, count(*) AS n,
             sum(value) FILTER (WHERE extract(month FROM period) = 12) AS dec
      FROM vega GROUP BY 1, 2) y
JOIN vega_s USING (series);
-- fiscal years starting in July (FY 2001 = 2000-07 .. 2001-06): FY 2001 ..
-- 2009 are complete, 9 per series; FY 2000 and 2010 are not
SELECT count(*) AS fiscal_years,
       count(*) FILTER (WHERE n = 12) AS complete,
       count(*) FILTER (WHERE n = 12 AND annual(s, fy, 'sum', 7) = total) AS sum_equal,
       count(*) FILTER (WHERE n < 12 AND annual(s, fy, 'sum', 7) IS NULL) AS incomplete_null
FROM (SELECT series, extract(year FROM period + interval '6 months')::int AS fy, sum(value) AS total, count(*) AS n
      FROM vega GROUP BY 1, 2) y
JOIN vega_s USING (series);
-- ytd at every month equals the running sum within the calendar year, and
-- within the fiscal year starting in October (FY = year of period + 3 months)
SELECT count(*) AS months,
       count(*) FILTER (WHERE ytd(s, period) = run) AS ytd_equal,
       count(*) FILTER (WHERE ytd(s, period, 10) = run_fy10) AS ytd_fy10_equal,
       count(*) FILTER (WHERE ytd(s, period, 10) IS NULL) AS fy10_null
FROM (SELECT series, period,
             sum(value) OVER (PARTITION BY series, extract(year FROM period) ORDER BY period) AS run,
             sum(value) OVER (PARTITION BY series, extract(year FROM period + interval '3 months') ORDER BY period) AS run_fy10
      FROM vega) r
JOIN vega_s USING (series);
-- (FY 2000 with October start runs 1999-10 .. 2000-09; the data starts in
-- 2000-01, so its 9 months per series, 126 in all, have no ytd)
-- a few figures spelled out: Government 2000 and 2009
SELECT annual(s, 2000) AS gov_2000, (SELECT sum(value) FROM vega WHERE series = 'Government' AND period < '2001-01-01') AS sum_2000,
       annual(s, 2009) AS gov_2009, (SELECT sum(value) FROM vega WHERE series = 'Government' AND period BETWEEN '2009-01-01' AND '2009-12-01') AS sum_2009,
       value_at(s, '2000-01-01') AS jan_2000, value_at(s, '2010-02-01') AS feb_2010
FROM vega_s WHERE series = 'Government';
SELECT * FROM vega WHERE series = 'Government' AND period IN ('2000-01-01', '2010-02-01') ORDER BY period;

DROP TABLE vega, vega_s;
