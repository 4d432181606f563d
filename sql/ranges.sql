--
-- Ranges and conversions: range_value,
-- range_growth_pct, to_frequency, fill_missing and ytd_plan_attainment_pct,
-- on monthly and quarterly series.  Every expected value is computed by
-- hand in the comment beside its query.
--
SET datestyle = ISO, YMD;
SET extra_float_digits = 0;

-- m: monthly, 2023-01 .. 2024-12; 2023 month k is 10 k (year 780), 2024
-- month k is 12 k except March, 36.5 (year 936.5), so the scale is 1.
CREATE TEMP TABLE m_rows AS
	SELECT make_date(y, k, 1) AS period,
		   CASE WHEN y = 2024 AND k = 3 THEN 36.5 ELSE (CASE y WHEN 2023 THEN 10 ELSE 12 END) * k END::numeric AS value
	FROM generate_series(2023, 2024) y, generate_series(1, 12) k;
CREATE TEMP TABLE m AS SELECT series_agg(period, value) AS s FROM m_rows;
-- q: quarterly, 2023-Q1 .. 2024-Q4: 100 110 120 130 | 105 121 126 143
CREATE TEMP TABLE q AS
	SELECT series_agg(period, value, 'quarter') AS s
	FROM (VALUES ('2023-01-01'::date, 100), ('2023-04-01', 110), ('2023-07-01', 120), ('2023-10-01', 130),
				 ('2024-01-01', 105), ('2024-04-01', 121), ('2024-07-01', 126), ('2024-10-01', 143)) v(period, value);

-- range_value on months: the periods a department publishes
SELECT range_value(s, '2024-01-01', '2024-03-01') AS q1,            -- 12 + 24 + 36.5 = 72.5
	   range_value(s, '2024-01-01', '2024-02-01') AS jan_feb,       -- 12 + 24 = 36
	   range_value(s, '2024-01-01', '2024-06-01') AS h1,            -- 72.5 + 48 + 60 + 72 = 252.5
	   range_value(s, '2024-01-01', '2024-09-01') AS nine_months,   -- 12 x 45 + 0.5 = 540.5
	   range_value(s, '2023-07-01', '2024-06-01') AS ttm,           -- 10 x (7+..+12) = 570, + 252.5 = 822.5
	   range_value(s, '2024-03-15', '2024-03-31') AS one_month,     -- any day names its month: 36.5
	   range_value(s, '2023-01-01', '2024-12-01') AS two_years      -- 780 + 936.5 = 1716.5
FROM m;
-- 'avg' is the mean of the periods (sum / count, as annual's 'avg'); 'last' the last one's value
SELECT range_value(s, '2024-01-01', '2024-03-01', 'avg') AS q1_avg,   -- 72.5 / 3 = 24.1666...
	   range_value(s, '2024-01-01', '2024-06-01', 'avg') AS h1_avg,   -- 252.5 / 6 = 42.0833...
	   range_value(s, '2023-01-01', '2023-12-01', 'avg') = annual(s, 2023, 'avg') AS year_avg_as_annual, -- 65
	   range_value(s, '2024-01-01', '2024-03-01', 'last') AS q1_last, -- 36.5
	   range_value(s, '2024-01-01', '2024-06-01', 'last') AS h1_last  -- 72
FROM m;
-- outside the span, or partly outside: NULL
SELECT range_value(s, '2022-12-01', '2023-02-01') AS before_span,
	   range_value(s, '2024-12-01', '2025-01-01') AS after_span,
	   range_value(s, '2025-01-01', '2025-03-01', 'last') AS beyond
FROM m;
-- growth on the same range a year earlier (lag_months DEFAULT 12)
SELECT round(range_growth_pct(s, '2024-01-01', '2024-03-01')::numeric, 6) AS q1,          -- 72.5 / 60 = +20.833333
	   round(range_growth_pct(s, '2024-01-01', '2024-02-01')::numeric, 6) AS jan_feb,     -- 36 / 30 = +20
	   round(range_growth_pct(s, '2024-01-01', '2024-06-01')::numeric, 6) AS h1,          -- 252.5 / 210 = +20.238095
	   round(range_growth_pct(s, '2024-01-01', '2024-09-01')::numeric, 6) AS nine_months, -- 540.5 / 450 = +20.111111
	   round(range_growth_pct(s, '2024-01-01', '2024-03-01', 'avg')::numeric, 6) AS q1_avg, -- as the sum: +20.833333
	   round(range_growth_pct(s, '2024-01-01', '2024-03-01', 'last')::numeric, 6) AS q1_last, -- 36.5 / 30 = +21.666667
	   range_growth_pct(s, '2023-07-01', '2024-06-01') AS ttm_no_prior_year            -- 2022 is outside: NULL
FROM m;
-- another lag: Q2 2024 against Q1 2024 (180 / 72.5 = +148.275862)
SELECT round(range_growth_pct(s, '2024-04-01', '2024-06-01', 'sum', 3)::numeric, 6) AS q2_on_q1 FROM m;

-- a missing month anywhere in a range, or in the range a year earlier: NULL
CREATE TEMP TABLE m_gap AS
	SELECT series_agg(period, CASE WHEN period = '2024-05-01' THEN NULL ELSE value END) AS s FROM m_rows;
SELECT range_value(s, '2024-01-01', '2024-06-01') AS h1,             -- NULL
	   range_value(s, '2024-05-01', '2024-05-01') AS may,            -- NULL
	   range_value(s, '2024-01-01', '2024-06-01', 'last') AS h1_last, -- NULL: needs every month, as ytd
	   range_value(s, '2024-01-01', '2024-03-01') AS q1,             -- 72.5
	   range_growth_pct(s, '2024-04-01', '2024-06-01') AS q2_growth, -- NULL
	   range_growth_pct(s, '2025-04-01', '2025-06-01') AS next_q2    -- NULL
FROM m_gap;

-- range_value on quarters: any date in a quarter names it
SELECT range_value(s, '2024-01-01', '2024-06-30') AS h1,             -- 105 + 121 = 226
	   range_value(s, '2024-02-15', '2024-08-01') AS nine_months,    -- 105 + 121 + 126 = 352
	   range_value(s, '2024-05-20', '2024-05-20') AS q2,             -- 121
	   range_value(s, '2024-01-01', '2024-12-31', 'avg') AS year_avg, -- 495 / 4 = 123.75
	   range_value(s, '2024-01-01', '2024-12-31', 'last') AS year_last, -- 143
	   round(range_growth_pct(s, '2024-01-01', '2024-06-30')::numeric, 6) AS h1_growth,  -- 226 / 210 = +7.619048
	   round(range_growth_pct(s, '2024-01-01', '2024-09-30')::numeric, 6) AS nine_growth, -- 352 / 330 = +6.666667
	   round(range_growth_pct(s, '2024-04-01', '2024-04-01', 'sum', 3)::numeric, 6) AS q2_on_q1 -- 121 / 105 = +15.238095
FROM q;
-- float8 series: the same rules
SELECT range_value(s, '2024-01-01', '2024-06-30') AS h1,             -- 226
	   range_value(s, '2024-01-01', '2024-12-31', 'avg') AS year_avg  -- 123.75
FROM (SELECT series_agg(period, value::float8, 'quarter') AS s
	  FROM (VALUES ('2024-01-01'::date, 105), ('2024-04-01', 121), ('2024-07-01', 126), ('2024-10-01', 143)) v(period, value)) f;

-- to_frequency: months as quarters and years
SELECT to_frequency(s, 'quarter') FROM m;          -- 60 150 240 330 | 72.5 180 288 396
SELECT to_frequency(s, 'quarter', 'avg') FROM m;   -- 20 50 80 110 | 24.1666667 60 96 132, at scale 1 + 6
SELECT to_frequency(s, 'quarter', 'last') FROM m;  -- 30 60 90 120 | 36.5 72 108 144
SELECT to_frequency(s, 'year') FROM m;             -- 780, 936.5
SELECT to_frequency(s, 'year', 'avg') FROM m;      -- 65, 936.5 / 12 = 78.0416666... -> 78.0416667
SELECT frequency(to_frequency(s, 'quarter')) AS f,
	   yoy_pct(to_frequency(s, 'quarter'), '2024-01-01') = range_growth_pct(s, '2024-01-01', '2024-03-01') AS q1_growth_agrees,
	   annual(to_frequency(s, 'quarter'), 2024) = annual(s, 2024) AS annual_agrees
FROM m;
-- a quarter with a missing month is missing; quarters only partly inside the span too
SELECT to_frequency(s, 'quarter') FROM m_gap;      -- 2024-Q2 NULL
SELECT to_frequency(s, 'year') FROM m_gap;         -- 2023: 780, 2024: NULL
SELECT to_frequency(series_agg(period, value), 'quarter')  -- Feb..Jul: Q1 NULL, Q2 48+60+72 = 180, Q3 NULL
FROM m_rows WHERE period BETWEEN '2024-02-01' AND '2024-07-01';
SELECT to_frequency(series_agg(period, value), 'year')     -- no whole year: one missing period
FROM m_rows WHERE period BETWEEN '2024-02-01' AND '2024-07-01';
-- quarters as years
SELECT to_frequency(s, 'year') AS sum, to_frequency(s, 'year', 'avg') AS avg, to_frequency(s, 'year', 'last') AS last
FROM q;                                            -- 460, 495 | 115, 123.75 (scale 0 + 6) | 130, 143
-- float8: the double mean
SELECT to_frequency(series_agg(period, value::float8), 'quarter', 'avg')
FROM m_rows WHERE period BETWEEN '2024-01-01' AND '2024-03-01';   -- 72.5 / 3 = 24.1666666666667
-- the same frequency is the series itself (any method)
SELECT to_frequency(s, 'quarter', 'avg')::text = s::text AS identity FROM q;
SELECT to_frequency(s, 'month')::text = s::text AS identity FROM m;

-- fill_missing: only the gaps between two present periods
CREATE TEMP TABLE g AS
	SELECT series_agg(period, value) AS s
	FROM (VALUES ('2024-01-01'::date, NULL::numeric), ('2024-02-01', 10), ('2024-03-01', NULL), ('2024-04-01', NULL),
				 ('2024-05-01', 26), ('2024-06-01', 30), ('2024-07-01', NULL)) v(period, value);
SELECT s AS original FROM g;
SELECT fill_missing(s, 'locf') FROM g;     -- Mar, Apr 10; Jan and Jul (the ends) stay missing
SELECT fill_missing(s, 'zero') FROM g;     -- Mar, Apr 0
SELECT fill_missing(s, 'linear') FROM g;   -- Mar 10 + 16/3 = 15.333333, Apr 10 + 32/3 = 20.666667 (scale 0 + 6)
SELECT month_count(s) AS before, month_count(fill_missing(s, 'linear')) AS after,
	   missing_months(fill_missing(s, 'locf')) AS still_missing
FROM g;                                    -- 3, 5, {2024-01-01, 2024-07-01}
-- linear rounds half away from zero, downwards too: 0 .. -1 over three steps
SELECT fill_missing(series_agg(period, value), 'linear')   -- -0.333333, -0.666667
FROM (VALUES ('2024-01-01'::date, 0), ('2024-02-01', NULL), ('2024-03-01', NULL), ('2024-04-01', -1)) v(period, value);
-- float8 and quarterly series
SELECT fill_missing(series_agg(period, value, 'quarter'), 'linear')   -- Q2 = 110, Q3 = 120
FROM (VALUES ('2024-01-01'::date, 100::float8), ('2024-04-01', NULL), ('2024-07-01', NULL), ('2024-10-01', 130)) v(period, value);
SELECT fill_missing(series_agg(period, value, 'quarter'), 'locf')     -- Q2, Q3 = 100
FROM (VALUES ('2024-01-01'::date, 100), ('2024-04-01', NULL), ('2024-07-01', NULL), ('2024-10-01', 130)) v(period, value);
-- nothing missing inside: the same values
SELECT fill_missing(s, 'locf')::text = s::text AS unchanged,
	   annual(fill_missing(s, 'linear'), 2024) = annual(s, 2024) AS same_numbers FROM m;
-- and nothing is filled implicitly: range_value of a gap is still NULL
SELECT range_value(s, '2024-02-01', '2024-05-01') AS gap, range_value(fill_missing(s, 'linear'), '2024-02-01', '2024-05-01') AS filled
FROM g;                                    -- NULL, 10 + 15.333333 + 20.666667 + 26 = 72

-- ytd_plan_attainment_pct: a plan kept as a series of the same frequency
CREATE TEMP TABLE plan_m AS      -- 20 a month in 2024 (240 a year)
	SELECT series_agg(make_date(2024, k, 1), 20) AS p FROM generate_series(1, 12) k;
SELECT round(ytd_plan_attainment_pct(s, '2024-03-01', p)::numeric, 6) AS q1,       -- 72.5 / 60 = 120.833333
	   round(ytd_plan_attainment_pct(s, '2024-06-01', p)::numeric, 6) AS h1,       -- 252.5 / 120 = 210.416667
	   round(ytd_plan_attainment_pct(s, '2024-12-01', p)::numeric, 6) AS year,     -- 936.5 / 240 = 390.208333
	   ytd_plan_attainment_pct(s, '2023-03-01', p) AS no_plan_for_2023,            -- NULL
	   round(ytd_plan_attainment_pct(s, '2024-03-01', p, 7)::numeric, 6) AS fy_july -- FY from 2023-07: plan lacks Jul..Dec 2023: NULL
FROM m, plan_m;
-- an incomplete actual, a plan of 0, a float8 plan against a numeric series
SELECT ytd_plan_attainment_pct(s, '2024-06-01', p) AS gap_in_actual FROM m_gap, plan_m;   -- NULL
SELECT ytd_plan_attainment_pct(s, '2024-02-01', p) AS zero_plan             -- NULL
FROM m, (SELECT series_agg(d, 0) AS p FROM (VALUES ('2024-01-01'::date), ('2024-02-01')) v(d)) z;
SELECT round(ytd_plan_attainment_pct(s, '2024-03-01', p)::numeric, 6) AS float8_plan -- 120.833333
FROM m, (SELECT series_agg(d, 20.0::float8) AS p FROM (VALUES ('2024-01-01'::date), ('2024-02-01'), ('2024-03-01')) v(d)) f;
-- quarterly: 105 + 121 = 226 against 110 + 110 = 220: 102.727273
SELECT round(ytd_plan_attainment_pct(s, '2024-06-30', p)::numeric, 6) AS h1
FROM q, (SELECT series_agg(d, 110, 'quarter') AS p
		 FROM (VALUES ('2024-01-01'::date), ('2024-04-01'), ('2024-07-01'), ('2024-10-01')) v(d)) pq;

-- errors, with their SQLSTATEs
\set VERBOSITY sqlstate
SELECT range_value(s, '2024-06-01', '2024-01-01') FROM m;                 -- 22023: first after last
SELECT range_value(s, '2024-01-01', '2024-06-01', 'median') FROM m;       -- 22023: unknown method
SELECT range_growth_pct(s, '2024-01-01', '2024-03-01', 'sum', 0) FROM m;  -- 22023: lag not positive
SELECT range_growth_pct(s, '2024-01-01', '2024-03-01', 'sum', -12) FROM m;
SELECT range_growth_pct(s, '2024-01-01', '2024-03-01', 'sum', 4) FROM q;  -- 22023: not whole quarters
SELECT to_frequency(s, 'month') FROM q;                                   -- 22023: finer
SELECT to_frequency(s, 'quarter') FROM (SELECT to_frequency(s, 'year') AS s FROM m) y;
SELECT to_frequency(s, 'week') FROM m;                                    -- 22023: unknown frequency
SELECT to_frequency(s, 'year', 'median') FROM m;                          -- 22023: unknown method
SELECT fill_missing(s, 'spline') FROM g;                                  -- 22023: unknown method
SELECT ytd_plan_attainment_pct(m.s, '2024-03-01', q.s) FROM m, q;         -- 42804: mixed frequencies
SELECT ytd_plan_attainment_pct(q.s, '2024-03-01', q.s, 2) FROM q;         -- 22023: fy not on a quarter
\set VERBOSITY default
-- the messages, once
SELECT range_value(s, '2024-06-01', '2024-01-01') FROM m;
SELECT range_growth_pct(s, '2024-01-01', '2024-03-01', 'sum', 4) FROM q;
SELECT to_frequency(s, 'month') FROM q;
SELECT ytd_plan_attainment_pct(m.s, '2024-03-01', q.s) FROM m, q;
