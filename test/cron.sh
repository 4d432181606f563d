#!/usr/bin/env bash
# A materialized view of yearly summaries, refreshed by pg_cron, stays
# current: the view is built over the source table (series_agg of the
# monthly rows grouped by key, then annual_rows), a job refreshes it every
# minute, the missing months of 1994 are loaded, and once
# cron.job_run_details records a run of the job that started after the load
# as 'succeeded', the view shows 1994 complete with its total and growth
# (worked out by hand below).
#
# pg_cron must be preloaded, which the throwaway cluster of test/run.sh
# (pg_virtualenv) is not: this script starts a cluster of its own, with
# the PostgreSQL that PG_CONFIG names (default: the system's, where
# tools/setup.sh installed indicator), in a temporary directory, reachable
# only through its Unix socket, and removes it at the end.  Installed
# pg_cron: Debian's postgresql-15-cron 1.4, whose schedules are by the
# minute ('5 seconds' needs 1.5), so the wait is bounded at WAIT_SECONDS
# (default 150: the next minute boundary, plus the refresh).
#   bash test/cron.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/packages.sh postgresql-15-cron

PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
bin=$("$PG_CONFIG" --bindir)
wait_seconds=${WAIT_SECONDS:-150}
dir=$(mktemp -d -t indicator-cron.XXXXXX)
port=$(bash tools/free_port.sh)

# the cluster runs as postgres when we are root (initdb refuses root)
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		su postgres -c "$*"
	else
		bash -c "$*"
	fi
}
[ "$(id -u)" = 0 ] && chown postgres "$dir"

stop() {
	as_owner "$bin/pg_ctl -D $dir/data -m immediate stop" >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap stop EXIT

as_owner "$bin/initdb -D $dir/data -A trust -U postgres" >/dev/null
cat >>"$dir/data/postgresql.conf" <<EOF
port = $port
listen_addresses = ''
unix_socket_directories = '$dir'
shared_preload_libraries = 'pg_cron'
cron.database_name = 'cron_test'
cron.host = '$dir'
EOF
as_owner "$bin/pg_ctl -D $dir/data -l $dir/server.log -w start" >/dev/null

export PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=cron_test
psql() { "$bin/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
"$bin/createdb" cron_test

fail() {
	echo "cron: FAIL: $*"
	echo "--- server log"
	tail -20 "$dir/server.log"
	exit 1
}

# Two regions' exports, the source table.  1993 complete; 1994 January to
# August loaded, September to December still to come:
#   north: 1993 100.000 a month                      -> 1,200.000
#          1994 Jan-Aug 110.125, Sep-Dec 120.250     -> 881.000 + 481.000 = 1,362.000
#          growth (1362 - 1200) / 1200               =  13.5%
#   south: 1993 month m: 10 m                        -> 10 x 78 = 780.000
#          1994 month m: 10 m + 5                    -> 780 + 60 = 840.000
#          growth 60 / 780                           =  7.692307692...%
psql <<'SQL'
CREATE EXTENSION indicator;
CREATE EXTENSION pg_cron;
CREATE TABLE exports (region text, period date, value numeric(14,3));
INSERT INTO exports
SELECT 'north', make_date(y, m, 1), CASE WHEN y = 1993 THEN 100 WHEN m <= 8 THEN 110.125 ELSE 120.25 END
FROM generate_series(1993, 1994) y, generate_series(1, 12) m WHERE (y, m) < (1994, 9)
UNION ALL
SELECT 'south', make_date(y, m, 1), 10 * m + CASE WHEN y = 1994 THEN 5 ELSE 0 END
FROM generate_series(1993, 1994) y, generate_series(1, 12) m WHERE (y, m) < (1994, 9);

-- the yearly summary, over the source table itself: every refresh reads the
-- months loaded since
CREATE MATERIALIZED VIEW yearly_exports AS
SELECT g.region, r.year, r.value AS total, r.growth_pct, r.months
FROM (SELECT region, series_agg(period, value) AS s FROM exports GROUP BY region) g
	 CROSS JOIN LATERAL annual_rows(g.s) r;
-- a unique index lets the refresh run CONCURRENTLY: readers are never blocked
CREATE UNIQUE INDEX ON yearly_exports (region, year);
SQL

before=$(psql -At -c "SELECT string_agg(format('%s %s %s %s', region, year, coalesce(total::text, 'NULL'), months), '; ' ORDER BY region, year) FROM yearly_exports")
[ "$before" = "north 1993 1200.000 12; north 1994 NULL 8; south 1993 780.000 12; south 1994 NULL 8" ] ||
	fail "before the load, the view reads: $before"

jobid=$(psql -At -c "SELECT cron.schedule('refresh yearly_exports', '* * * * *', 'REFRESH MATERIALIZED VIEW CONCURRENTLY yearly_exports')")

# the missing months arrive
loaded_at=$(psql -At <<'SQL'
INSERT INTO exports
SELECT 'north', make_date(1994, m, 1), 120.25 FROM generate_series(9, 12) m
UNION ALL
SELECT 'south', make_date(1994, m, 1), 10 * m + 5 FROM generate_series(9, 12) m;
SELECT clock_timestamp();
SQL
)

# wait for a run of the job that started after the load to finish
status=
for _ in $(seq 1 "$wait_seconds"); do
	status=$(psql -At -c "SELECT status FROM cron.job_run_details
						   WHERE jobid = $jobid AND start_time > '$loaded_at'
							 AND status IN ('succeeded', 'failed')
						   ORDER BY start_time LIMIT 1")
	[ -n "$status" ] && break
	sleep 1
done
[ "$status" = succeeded ] || fail "no run of job $jobid succeeded within ${wait_seconds}s after the load (status: '${status:-none}'; $(psql -At -c "SELECT string_agg(status || ': ' || coalesce(return_message, ''), '; ') FROM cron.job_run_details WHERE jobid = $jobid"))"

after=$(psql -At -c "SELECT string_agg(format('%s %s %s %s %s', region, year, coalesce(total::text, 'NULL'),
												 coalesce(round(growth_pct::numeric, 9)::text, 'NULL'), months),
									   '; ' ORDER BY region, year) FROM yearly_exports")
expected="north 1993 1200.000 NULL 12; north 1994 1362.000 13.500000000 12; south 1993 780.000 NULL 12; south 1994 840.000 7.692307692 12"
[ "$after" = "$expected" ] || fail "after the refresh the view reads: $after; expected: $expected"

psql -At -c "SELECT cron.unschedule($jobid)" >/dev/null
echo "cron: ok: pg_cron job $jobid ('* * * * *', REFRESH MATERIALIZED VIEW CONCURRENTLY) succeeded after the load; 1994 complete: north 1362.000 (+13.5%), south 840.000 (+7.69%)"
