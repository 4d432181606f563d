--
-- Seasonal adjustment (STL): stl_rows, seasonal_adjust, trend.  Every
-- expected value here is known independently of the code: identities of
-- the decomposition, series that are exactly a line plus a period (which
-- STL must give back as that line and that period), and the errors.  The
-- comparison with an independent implementation (statsmodels) on real
-- series is sql/seasonal_realdata.sql.
--
SET datestyle = ISO, YMD;
SET extra_float_digits = 0;
CREATE SCHEMA seasonal_test;
SET search_path = seasonal_test, public;

-- A line plus a seasonal pattern that sums to zero over the year (period 12:
-- Jan .. Dec), exactly: 100 + 0.5 t + p(month), t = 0 .. 119 (2011 .. 2020)
CREATE TABLE pattern (m int, p float8);
INSERT INTO pattern VALUES (1, -30), (2, -45), (3, -10), (4, 5), (5, 20), (6, 35),
	(7, 40), (8, 30), (9, 10), (10, -5), (11, -20), (12, -30);
SELECT sum(p) AS pattern_sums_to FROM pattern;
CREATE TABLE lp AS
	SELECT make_date(2011 + t / 12, t % 12 + 1, 1) AS period, 100 + 0.5 * t AS line, p
	FROM generate_series(0, 119) t JOIN pattern ON m = t % 12 + 1;
CREATE TABLE lps AS SELECT series_agg(period, line + p) AS s FROM lp;

-- STL gives back the line as the trend and the pattern as the seasonal
-- component (loess of degree 1 reproduces a line; a 12-month average of the
-- pattern is 0), up to rounding: 1e-9 of values near 160
SELECT count(*) AS months,
	   max(abs(r.trend - lp.line)) < 1e-9 AS trend_is_the_line,
	   max(abs(r.seasonal - lp.p)) < 1e-9 AS seasonal_is_the_pattern,
	   max(abs(r.remainder)) < 1e-9 AS no_remainder,
	   bool_and(r.observed = lp.line + lp.p) AS observed
FROM lps, stl_rows(lps.s) r JOIN lp USING (period);
-- with every seasonal window, the same (without robustness weights: with
-- them, the remainder being rounding noise, so are the weights)
SELECT w AS seasonal,
	   max(abs(r.trend - lp.line)) < 1e-9 AS trend_is_the_line,
	   max(abs(r.seasonal - lp.p)) < 1e-9 AS seasonal_is_the_pattern
FROM lps, (VALUES (3), (5), (13), (35), (1001), (2147483647)) w(w), stl_rows(lps.s, w) r JOIN lp USING (period)
GROUP BY w ORDER BY w;

-- series of up to 240 periods are decomposed by two matrices built once per
-- query, longer ones by the iterations: 300 months, the same
SELECT count(*) AS months,
	   max(abs(r.trend - (100 + 0.5 * t))) < 1e-9 AS trend_is_the_line,
	   max(abs(r.seasonal - p)) < 1e-9 AS seasonal_is_the_pattern
FROM (SELECT series_agg(make_date(1991 + t / 12, t % 12 + 1, 1), 100 + 0.5 * t + p) AS s
	  FROM generate_series(0, 299) t JOIN pattern ON m = t % 12 + 1) x,
	 stl_rows(x.s) r
	 JOIN (SELECT make_date(1991 + t / 12, t % 12 + 1, 1) AS period, t, p
		   FROM generate_series(0, 299) t JOIN pattern ON m = t % 12 + 1) y USING (period);

-- seasonal_adjust is the line, trend is the line; both are float8 series of
-- the input's span
SELECT frequency(seasonal_adjust(s)), first_month(seasonal_adjust(s)), last_month(seasonal_adjust(s)),
	   month_count(seasonal_adjust(s)), month_count(trend(s))
FROM lps;
SELECT max(abs(value_at(x.a, period)::float8 - line)) < 1e-9 AS adjusted_is_the_line,
	   max(abs(value_at(x.t, period)::float8 - line)) < 1e-9 AS trend_is_the_line
FROM lps, LATERAL (SELECT seasonal_adjust(s) AS a, trend(s) AS t OFFSET 0) x, lp;

-- Multiplicative: exp(line) x exp(pattern) (a growth of 1% a month times a
-- seasonal factor) is decomposed in logarithms: seasonal_adjust gives back
-- exp(line), within a relative 1e-12
CREATE TABLE mult AS
	SELECT series_agg(period, exp(ln(1000) + 0.01 * t + p / 100)) AS s,
		   series_agg(period, exp(ln(1000) + 0.01 * t)) AS expected
	FROM (SELECT period, (line - 100) * 2 AS t, p FROM lp) x;
SELECT max(abs(a.value / e.value - 1)) < 1e-12 AS multiplicative_is_the_curve
FROM mult, series_rows(seasonal_adjust(s, model => 'multiplicative')) a
JOIN series_rows(mult.expected) e USING (period);
-- and the additive model of the same series leaves the seasonal swing in part
SELECT max(abs(a.value / e.value - 1)) > 0.01 AS additive_is_not
FROM mult, series_rows(seasonal_adjust(s)) a JOIN series_rows(mult.expected) e USING (period);

-- The identity on a series that is not exact (a deterministic pseudo-random
-- walk with a season): observed = trend + seasonal + remainder, to rounding
CREATE TABLE walk AS
	SELECT make_date(2001 + t / 12, t % 12 + 1, 1) AS period,
		   round((1000 + 50 * sin(t) + 3 * t + 80 * cos(t * pi() / 6) + 40 * sin(t * 7.1))::numeric, 3) AS v
	FROM generate_series(0, 229) t;
CREATE TABLE walks AS SELECT series_agg(period, v) AS s FROM walk;
SELECT count(*) AS months, count(trend) AS decomposed,
	   max(abs(observed - (trend + seasonal + remainder))) < 1e-9 AS identity,
	   bool_and(observed = v::float8) AS observed_is_the_value
FROM walks, stl_rows(walks.s) r JOIN walk USING (period);
SELECT robust, max(abs(observed - (trend + seasonal + remainder))) < 1e-9 AS identity
FROM walks, (VALUES (false), (true)) rb(robust), stl_rows(walks.s, 11, robust)
GROUP BY robust ORDER BY robust;
-- seasonal_adjust is observed - seasonal, and trend the trend column, of
-- the same decomposition (as doubles; value_at reads them back as numeric)
SELECT bool_and(abs(value_at(x.a, period)::float8 - (observed - seasonal)) < 1e-9) AS adjust,
	   bool_and(abs(value_at(x.t, period)::float8 - trend) < 1e-9) AS trend
FROM walks, (VALUES (false), (true)) rb(robust),
	 LATERAL (SELECT seasonal_adjust(s, 9, robust) AS a, trend(s, 9, robust) AS t OFFSET 0) x,
	 stl_rows(walks.s, 9, robust);

-- Robustness: one outlier (+5,000 in 2015-06) goes to the remainder with
-- robust, and moves the seasonal component of the Junes and the trend
-- nearby without it
CREATE TABLE outlier AS
	SELECT series_agg(period, line + p + CASE WHEN period = '2015-06-01' THEN 5000 ELSE 0 END) AS s FROM lp;
SELECT robust,
	   max(abs(r.seasonal - lp.p)) < 1 AS seasonal_kept,
	   max(abs(r.trend - lp.line)) < 1 AS trend_kept,
	   abs((SELECT remainder FROM stl_rows(s, 7, robust) WHERE period = '2015-06-01') - 5000) < 1 AS outlier_in_remainder
FROM outlier, (VALUES (false), (true)) rb(robust), stl_rows(outlier.s, 7, robust) r JOIN lp USING (period)
GROUP BY robust, s ORDER BY robust;

-- Quarterly (period 4): a line plus a quarterly pattern, 2000-Q1 .. 2009-Q4
CREATE TABLE q AS
	SELECT make_date(2000 + t / 4, (t % 4) * 3 + 1, 1) AS period, 10 + 0.25 * t AS line,
		   (ARRAY[-3.0, 1.5, 4.0, -2.5])[t % 4 + 1]::float8 AS p
	FROM generate_series(0, 39) t;
CREATE TABLE qs AS SELECT series_agg(period, line + p, 'quarter') AS s FROM q;
SELECT count(*) AS quarters,
	   max(abs(r.trend - q.line)) < 1e-9 AS trend_is_the_line,
	   max(abs(r.seasonal - q.p)) < 1e-9 AS seasonal_is_the_pattern
FROM qs, stl_rows(qs.s) r JOIN q USING (period);
SELECT frequency(seasonal_adjust(s)), month_count(seasonal_adjust(s)), frequency(trend(s)),
	   first_month(trend(s)), last_month(trend(s))
FROM qs;
-- the smallest quarterly series: two full years (8 quarters)
SELECT count(*) AS quarters, max(abs(observed - (trend + seasonal + remainder))) < 1e-9 AS identity
FROM stl_rows((SELECT series_agg(period, line + p, 'quarter') FROM q WHERE period < '2002-01-01'));

-- Missing periods at the ends of the span stay missing; the decomposition
-- is that of the periods between (so equal to that of the trimmed series)
CREATE TABLE ends AS
	SELECT series_set(series_set(s, '2000-11-01', NULL), '2020-05-01', NULL) AS s FROM walks;
SELECT first_month(s), last_month(s), month_count(s) FROM ends;
SELECT first_month(seasonal_adjust(s)), last_month(seasonal_adjust(s)), month_count(seasonal_adjust(s)),
	   missing_months(seasonal_adjust(s)) = missing_months(s) AS same_missing,
	   series_trim(seasonal_adjust(s)) = seasonal_adjust(series_trim(s)) AS as_trimmed
FROM ends;
SELECT count(*) AS rows, count(observed) AS decomposed, min(period), max(period),
	   min(period) FILTER (WHERE observed IS NOT NULL) AS first_decomposed
FROM ends, stl_rows(ends.s);

-- The plans (the loess weights of a length) are kept per query: a query
-- over series of six lengths, interleaved (more lengths than plans kept),
-- gives each series the decomposition it has alone
CREATE TABLE lengths AS
	SELECT n, series_agg(period, v) FILTER (WHERE period < '2001-01-01'::date + make_interval(months => n)) AS s
	FROM walk, (VALUES (24), (25), (37), (100), (131), (230)) l(n) GROUP BY n;
CREATE TABLE alone (n int, adjusted indicator_series);
DO $$
DECLARE
	r record;
	a indicator_series;
BEGIN
	FOR r IN SELECT n, s FROM lengths LOOP
		EXECUTE 'SELECT seasonal_adjust($1)' INTO a USING r.s;
		INSERT INTO alone VALUES (r.n, a);
	END LOOP;
END $$;
SELECT count(*) AS calls, bool_and(seasonal_adjust(l.s) = a.adjusted) AS same
FROM generate_series(1, 5) k, lengths l JOIN alone a USING (n);

-- Memory: a query over many series frees each one's decomposition as it
-- goes.  The backend's memory (every context) read after every 400th
-- series of 3,200 (8 rounds of 400, of 10 years each), and every 100th of
-- 400 with robust, is the same each time
SET work_mem = '64kB';
CREATE TABLE many AS
	SELECT i, series_agg(make_date(2011 + t / 12, t % 12 + 1, 1), 1000 + 10 * sin(i * t) + t * (i % 7) + 50 * cos(t * pi() / 6)) AS s
	FROM generate_series(1, 400) i, generate_series(0, 119) t GROUP BY i;
SELECT count(seasonal_adjust(s)) AS series, count(mem) AS readings, count(DISTINCT mem) AS distinct_sizes
FROM (SELECT s, CASE WHEN i % 400 = 0 THEN (SELECT sum(total_bytes) FROM pg_backend_memory_contexts) END AS mem
	  FROM generate_series(1, 8) k, LATERAL (SELECT i, s FROM many WHERE k > 0 OFFSET 0) m) x;
SELECT count(trend(s, 7, true)) AS series, count(mem) AS readings, count(DISTINCT mem) AS distinct_sizes
FROM (SELECT s, CASE WHEN i % 100 = 0 THEN (SELECT sum(total_bytes) FROM pg_backend_memory_contexts) END AS mem
	  FROM many) x;
RESET work_mem;

-- a numeric and a float8 series of the same values decompose alike
SELECT seasonal_adjust(s) = seasonal_adjust((SELECT series_agg(period, v::float8) FROM walk)) AS same
FROM walks;

-- Errors: 22023 saying which
\set VERBOSITY default
-- a yearly series
SELECT seasonal_adjust(to_frequency(s, 'year')) FROM walks;
-- a missing period inside the span (the hint names fill_missing)
SELECT trend(series_set(s, '2005-07-01', NULL)) FROM walks;
SELECT * FROM stl_rows((SELECT series_set(s, '2005-07-15', NULL) FROM qs));
-- fewer than two full cycles: 23 months, 7 quarters, nothing at all
SELECT seasonal_adjust(series_agg(period, v)) FROM walk WHERE period < '2002-12-01';
SELECT seasonal_adjust(series_agg(period, line, 'quarter')) FROM q WHERE period < '2001-10-01';
SELECT seasonal_adjust(series_set(series_set(NULL, '2020-01-01', NULL), '2023-01-01', NULL));
-- an even or too small seasonal window
SELECT seasonal_adjust(s, 6) FROM walks;
SELECT trend(s, 1) FROM walks;
SELECT * FROM stl_rows((SELECT s FROM walks), -7);
-- a value that is not positive in the multiplicative model
SELECT seasonal_adjust(series_set(s, '2004-02-01', 0), model => 'multiplicative') FROM walks;
SELECT seasonal_adjust(series_set(s, '2004-02-01', -12.5), 7, false, 'multiplicative') FROM walks;
-- an unknown model
SELECT seasonal_adjust(s, model => 'Multiplicative') FROM walks;
-- each of them is 22023
CREATE FUNCTION sqlstate_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;
SELECT sqlstate_of(q), count(*) FROM (VALUES
	($q$SELECT seasonal_adjust(to_frequency(s, 'year')) FROM walks$q$),
	($q$SELECT trend(series_set(s, '2005-07-01', NULL)) FROM walks$q$),
	($q$SELECT * FROM stl_rows((SELECT series_set(s, '2005-07-15', NULL) FROM qs))$q$),
	($q$SELECT seasonal_adjust(series_agg(period, v)) FROM walk WHERE period < '2002-12-01'$q$),
	($q$SELECT seasonal_adjust(series_agg(period, line, 'quarter')) FROM q WHERE period < '2001-10-01'$q$),
	($q$SELECT seasonal_adjust(series_set(series_set(NULL, '2020-01-01', NULL), '2023-01-01', NULL))$q$),
	($q$SELECT seasonal_adjust(s, 6) FROM walks$q$),
	($q$SELECT trend(s, 1) FROM walks$q$),
	($q$SELECT * FROM stl_rows((SELECT s FROM walks), -7)$q$),
	($q$SELECT seasonal_adjust(series_set(s, '2004-02-01', 0), model => 'multiplicative') FROM walks$q$),
	($q$SELECT seasonal_adjust(series_set(s, '2004-02-01', -12.5), 7, false, 'multiplicative') FROM walks$q$),
	($q$SELECT seasonal_adjust(s, model => 'Multiplicative') FROM walks$q$)) e(q)
GROUP BY 1;
\set VERBOSITY terse
-- values near the top of double precision: an overflow is 22003, never
-- Infinity or a NaN read as missing
SELECT seasonal_adjust(series_agg(period, CASE WHEN period = '2005-05-01' THEN -1.7e308 ELSE 1.7e308 END::float8))
FROM walk;
-- NULL arguments: NULL (STRICT)
SELECT seasonal_adjust(NULL) IS NULL AS n1, trend(s, NULL) IS NULL AS n2,
	   seasonal_adjust(s, 7, false, NULL) IS NULL AS n3,
	   (SELECT count(*) FROM stl_rows(s, 7, NULL)) AS n4
FROM walks;

--
-- Working days: working_days and per_working_day, against a count of the
-- days one by one (generate_series and ISO days of the week, an independent
-- computation)
--
CREATE FUNCTION days_counted(first_day date, last_day date, holidays date[], weekend int[])
	RETURNS int LANGUAGE sql AS $$
	SELECT count(*)::int FROM generate_series(first_day, last_day, interval '1 day') d
	WHERE extract(isodow FROM d)::int <> ALL (weekend) AND d::date <> ALL (holidays) $$;
-- Vietnam's public holidays of 2021 (Tet: 2021-02-10 .. 2021-02-16)
CREATE TABLE vn_holidays (day date, name text);
INSERT INTO vn_holidays VALUES
	('2021-01-01', 'New Year'),
	('2021-02-10', 'Tet'), ('2021-02-11', 'Tet'), ('2021-02-12', 'Tet'), ('2021-02-13', 'Tet'),
	('2021-02-14', 'Tet'), ('2021-02-15', 'Tet'), ('2021-02-16', 'Tet'),
	('2021-04-21', 'Hung Kings'), ('2021-04-30', 'Reunification Day'), ('2021-05-01', 'Labour Day'),
	('2021-09-02', 'National Day'), ('2021-09-03', 'National Day');
-- each month of 2021: calendar days, working days without and with the
-- holidays (February: 20 weekdays, 5 of them in Tet)
SELECT m::date AS month,
	   working_days(m::date, (m + interval '1 month - 1 day')::date) AS weekdays,
	   working_days(m::date, (m + interval '1 month - 1 day')::date, (SELECT array_agg(day) FROM vn_holidays)) AS working,
	   days_counted(m::date, (m + interval '1 month - 1 day')::date, (SELECT array_agg(day) FROM vn_holidays), '{6,7}') AS counted
FROM generate_series('2021-01-01'::date, '2021-12-01', interval '1 month') m ORDER BY 1;
-- the whole year: 261 weekdays; 13 holidays, 10 of them on weekdays (Feb 13,
-- Feb 14 and May 1 fall on weekends)
SELECT working_days('2021-01-01', '2021-12-31') AS weekdays,
	   working_days('2021-01-01', '2021-12-31', (SELECT array_agg(day) FROM vn_holidays)) AS working;

-- every range of 0 to 20 days starting on each day of four weeks, with
-- five weekends (none, Sunday only, Friday and Saturday, Saturday and
-- Sunday, every day) and holidays that repeat, fall on weekends or outside
-- the range: the same count as day by day
SELECT count(*) AS cases,
	   count(*) FILTER (WHERE working_days(a, a + len, h, w) = days_counted(a, a + len, h, w)) AS equal
FROM (SELECT d::date AS a FROM generate_series('2021-02-01'::date, '2021-02-28', interval '1 day') d) a0,
	 generate_series(-1, 20) len,
	 (VALUES ('{}'::int[]), ('{7}'), ('{5,6}'), ('{6,7}'), ('{7,6,6}'), ('{1,2,3,4,5,6,7}')) w(w),
	 (VALUES ('{}'::date[]), ('{2021-02-10,2021-02-11,2021-02-12,2021-02-13,2021-02-14,2021-02-15,2021-02-16}'),
			 ('{2021-02-16,2021-02-16,2021-02-20,2020-12-31,2021-03-15}')) h(h);
-- long ranges: a century, with Vietnam's 2021 holidays, and before year 1
SELECT working_days('1950-01-01', '2049-12-31', (SELECT array_agg(day) FROM vn_holidays)) AS century,
	   days_counted('1950-01-01', '2049-12-31', (SELECT array_agg(day) FROM vn_holidays), '{6,7}') AS counted,
	   working_days('0010-06-15 BC', '0003-02-01', '{}', '{7}') AS across_year_1,
	   days_counted('0010-06-15 BC', '0003-02-01', '{}', '{7}') AS counted_1;
-- an empty range is 0 days; N days hold N / 7 whole weeks of 5 weekdays,
-- and the days left over are counted one by one; every date of
-- PostgreSQL's range is accepted
SELECT working_days('2021-03-01', '2021-02-28') AS empty,
	   working_days('0001-01-01', '9999-12-31') AS years_1_9999,
	   n / 7 * 5 + days_counted('0001-01-01'::date + (n / 7 * 7)::int, '9999-12-31', '{}', '{6,7}') AS by_weeks,
	   working_days('4713-11-24 BC', '5874897-12-31') > 1.5e9 AS every_date
FROM (SELECT '9999-12-31'::date - '0001-01-01'::date + 1 AS n) x;

-- per_working_day: each period's value over its working days; a period
-- without working days, and a missing value, are missing
CREATE TABLE sales AS
	SELECT series_agg(m::date, v) AS s, series_agg(m::date, v, 'quarter') FILTER (WHERE extract(month FROM m) IN (1, 4, 7, 10)) AS q
	FROM generate_series('2021-01-01'::date, '2021-12-01', interval '1 month') WITH ORDINALITY g(m, k),
		 LATERAL (SELECT (1000 + 10 * k)::numeric AS v) x;
SELECT p.period, p.value AS per_day,
	   p.value = (value_at(s, p.period) / working_days(p.period, (p.period + interval '1 month - 1 day')::date,
							(SELECT array_agg(day) FROM vn_holidays)))::float8::numeric AS as_divided
FROM sales, series_rows(per_working_day(s, (SELECT array_agg(day) FROM vn_holidays))) p ORDER BY 1;
SELECT frequency(per_working_day(q)) AS frequency, value_at(per_working_day(q), '2021-04-01') AS q2_per_day,
	   value_at(q, '2021-04-01') / working_days('2021-04-01', '2021-06-30') AS as_divided
FROM sales;
SELECT month_count(per_working_day(s, '{}', '{1,2,3,4,5,6,7}')) AS no_working_day,
	   month_count(per_working_day(series_set(s, '2021-05-01', NULL))) AS one_missing
FROM sales;
-- February 2021, the month of Tet: 1,020 over 15 working days
SELECT round(value_at(per_working_day(s, (SELECT array_agg(day) FROM vn_holidays)), '2021-02-01'), 3) AS feb_2021
FROM sales;

-- errors: a weekend day that is not 1 .. 7 (22023), a NULL element (22004),
-- an infinite date (22008)
\set VERBOSITY default
SELECT working_days('2021-01-01', '2021-12-31', '{}', '{0,7}');
SELECT working_days('2021-01-01', '2021-12-31', '{}', '{6,8}');
SELECT working_days('2021-01-01', '2021-12-31', '{2021-01-01,NULL}');
SELECT per_working_day(s, '{}', '{6,NULL}') FROM sales;
SELECT working_days('2021-01-01', 'infinity');
SELECT working_days('-infinity', '2021-01-01');
SELECT working_days('2021-01-01', '2021-12-31', '{infinity}');
SELECT working_days('2021-01-01', '2021-12-31', '{{2021-01-01}}');
\set VERBOSITY terse
SELECT sqlstate_of(q), count(*) FROM (VALUES
	($q$SELECT working_days('2021-01-01', '2021-12-31', '{}', '{0,7}')$q$),
	($q$SELECT per_working_day(s, '{}', '{6,8}') FROM sales$q$),
	($q$SELECT working_days('2021-01-01', '2021-12-31', '{2021-01-01,NULL}')$q$),
	($q$SELECT per_working_day(s, '{}', '{6,NULL}') FROM sales$q$),
	($q$SELECT working_days('2021-01-01', 'infinity')$q$),
	($q$SELECT working_days('2021-01-01', '2021-12-31', '{infinity}')$q$)) e(q)
GROUP BY 1 ORDER BY 1;

DROP SCHEMA seasonal_test CASCADE;
