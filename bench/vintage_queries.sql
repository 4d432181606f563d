-- The queries of bench/vintage.sh, each after a "-- name: NAME" line (read
-- by bench/query.sh); none returns the series: each is counted.

-- name: scan
-- the bare scan of the vintage table
SELECT series, sum(value) FROM v GROUP BY series;

-- name: vintage_agg
-- the series as last published
SELECT count(*) FROM (SELECT series, vintage_agg(period, value, vintage) AS s FROM v GROUP BY series) x
WHERE s IS NOT NULL;

-- name: distinct_on
-- the same series as an analyst builds it without vintage_agg
SELECT count(*) FROM (
	SELECT series, series_agg(period, value) AS s
	FROM (SELECT DISTINCT ON (series, period) series, period, value FROM v
		  ORDER BY series, period, vintage DESC) d
	GROUP BY series) x
WHERE s IS NOT NULL;
