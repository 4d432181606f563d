--
-- fiscal_year(period date, fy_start_month int DEFAULT 1)
--
-- A fiscal year is named by the calendar year in which it ends.  Expected
-- values are worked out by hand in the comments.
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

-- Calendar years (the default, and 1 given explicitly): the year itself
SELECT fiscal_year('2021-01-01') AS jan1, fiscal_year('2021-12-31') AS dec31,
	   fiscal_year('2021-06-15', 1) AS explicit;

-- Years starting in July (Australia): July 2021 .. June 2022 is 2022.
-- January..June 2021 belong to 2021, July..December 2021 to 2022.
SELECT d::date AS period, fiscal_year(d::date, 7) AS fy
FROM generate_series('2021-01-01'::date, '2021-12-01', '1 month') AS d;
-- first and last day of fiscal year 2022
SELECT fiscal_year('2021-06-30', 7) AS "2021-06-30", fiscal_year('2021-07-01', 7) AS "2021-07-01",
	   fiscal_year('2022-06-30', 7) AS "2022-06-30", fiscal_year('2022-07-01', 7) AS "2022-07-01";

-- Years starting in October (US federal): October 2022 .. September 2023 is 2023
SELECT fiscal_year('2022-09-30', 10) AS "2022-09-30", fiscal_year('2022-10-01', 10) AS "2022-10-01",
	   fiscal_year('2023-09-30', 10) AS "2023-09-30", fiscal_year('2023-10-01', 10) AS "2023-10-01";

-- The other edges: February starts (January is the last month of the
-- year), December starts (December is the first month of the next year),
-- and a leap day with March starts (February 2024 ends fiscal year 2024)
SELECT fiscal_year('2021-01-31', 2) AS "2021-01-31/2", fiscal_year('2021-02-01', 2) AS "2021-02-01/2",
	   fiscal_year('2021-11-30', 12) AS "2021-11-30/12", fiscal_year('2021-12-01', 12) AS "2021-12-01/12",
	   fiscal_year('2024-02-29', 3) AS "2024-02-29/3", fiscal_year('2024-03-01', 3) AS "2024-03-01/3";

-- Every start month for one date, 2021-06-15: starts in January name the
-- year 2021; starts in February..June have begun the fiscal year ending in
-- 2022; starts in July..December are still in the one ending in 2021.
SELECT m AS fy_start_month, fiscal_year('2021-06-15', m) AS fy
FROM generate_series(1, 12) AS m;

-- Around year 1.  Years are astronomical (ISO 8601): 1 BC is year 0 and
-- 2 BC year -1, so that the year before fiscal year 1 is 0; EXTRACT(YEAR)
-- instead skips from 1 to -1.  With July starts, July 1 BC .. June AD 1
-- is fiscal year 1.
SELECT d AS period, extract(year FROM d) AS extract_year, fiscal_year(d) AS fy, fiscal_year(d, 7) AS fy7
FROM unnest(ARRAY['0002-12-31 BC', '0001-01-01 BC', '0001-06-30 BC', '0001-07-01 BC',
				  '0001-12-31 BC', '0001-01-01', '0001-07-01']::date[]) AS d;

-- The ends of the date type: 4714-11-24 BC is astronomical -4713 (fiscal
-- -4713 with December starts, November being the year's last month; -4712
-- with November starts); 5874897-12-31 ends 5874897, or with July starts
-- falls in 5874898
SELECT fiscal_year('4714-11-24 BC') AS first, fiscal_year('4714-11-24 BC', 12) AS first12,
	   fiscal_year('4714-11-24 BC', 11) AS first11,
	   fiscal_year('5874897-12-31') AS last, fiscal_year('5874897-12-31', 7) AS last7;

-- Every day of 1999-2001 (2000 is a leap year) and of 1 BC-1 AD, for every
-- start month, against the rule computed from extract(): the fiscal year is
-- the calendar year (astronomical: 1 BC is year 0, as above), plus one from
-- the start month on (start months after January).  Once in date order,
-- once scrambled (day k of the span is day k * 7919 mod n, a permutation),
-- so that consecutive calls fall in the same month, in neighbouring months
-- and far apart.  Expect 0 mismatches.
SELECT span, ordering, count(*) AS checks,
	   count(*) FILTER (WHERE fiscal_year(d, m) <>
							  extract(year FROM d)::int + (m > 1 AND extract(month FROM d) >= m)::int
							  + (extract(year FROM d) < 0)::int) AS mismatches
FROM (VALUES ('1999-2001', '1999-01-01'::date, '2001-12-31'::date),
			 ('1 BC-1 AD', '0001-01-01 BC', '0001-12-31')) AS s(span, lo, hi),
	 (VALUES ('by date'), ('scrambled')) AS o(ordering),
	 LATERAL generate_series(0, hi - lo) AS k,
	 LATERAL (SELECT lo + CASE WHEN ordering = 'scrambled' THEN k * 7919 % (hi - lo + 1) ELSE k END AS d) AS x,
	 generate_series(1, 12) AS m
GROUP BY span, ordering
ORDER BY span, ordering;

-- STRICT: NULL in, NULL out
SELECT fiscal_year(NULL) IS NULL AS null_period, fiscal_year('2021-01-01', NULL) IS NULL AS null_start;

-- Errors: a start month outside 1..12 is 22023; an infinite date names no
-- month, 22008, and is reported before the start month is looked at
SELECT call, pg_temp.error_of('SELECT ' || call) AS error
FROM (VALUES ('fiscal_year(''2021-01-01'', 0)'),
			 ('fiscal_year(''2021-01-01'', 13)'),
			 ('fiscal_year(''2021-01-01'', -1)'),
			 ('fiscal_year(''infinity'')'),
			 ('fiscal_year(''-infinity'', 7)'),
			 ('fiscal_year(''infinity'', 13)')) AS v(call);
