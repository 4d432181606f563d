#!/usr/bin/env bash
# A crash in the middle of loads into the sources of every kind of series
# store: the server is killed (kill -9 of the postmaster, then of each of
# its processes, as a power cut would stop them) while pgbench clients load,
# revise and delete rows and one big INSERT is half done; it is started
# again, recovers from its WAL, and then every store equals its definition
# over its source: series_store_check reports no key, and an independent
# comparison in plain SQL finds no difference.  What was committed is in
# both the source and the store, what was not is in neither (the big
# INSERT's rows are nowhere).
#
# The stores: a store as 1.1 made them (series_agg over a table), one with
# estimate flags, one over a vintage table (the latest vintage of each
# period), and one over the vintage table with flags.  The loads run as a
# role that holds rights on the sources only (stores are written as their
# owner).
#
# Nothing touches the system's PostgreSQL: a private relocated copy of
# PostgreSQL 15 and a cluster of its own (tools/devenv.sh), deleted at the
# end; the extension is installed there from this tree (built by make).
# Run as root (the cluster runs as the postgres user):
#   bash test/store_crash.sh [SECONDS_OF_LOAD_BEFORE_THE_CRASH]
# It ends with "store_crash: PASS ..." or "store_crash: FAIL: ..." (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."

before_crash=${1:-8}
name=store-crash-$$
root=/tmp/pg-$name
work=$(mktemp -d)
chmod a+rx "$work"
loader=store_crash_loader

fail() {
	echo "store_crash: FAIL: $*" >&2
	exit 1
}
cleanup() {
	local status=$?
	if [ $status -ne 0 ] && [ -n "${STORE_CRASH_KEEP:-}" ]; then
		echo "store_crash: kept for a look: eval \"\$(bash tools/devenv.sh $name)\"; files in $work" >&2
		return
	fi
	bash tools/devenv.sh "$name" stop >/dev/null 2>&1 || true
	rm -rf "$root" "$work"
}
trap cleanup EXIT

eval "$(bash tools/devenv.sh "$name")"
data=$root/data
bin=$(dirname "$PG_CONFIG")
if ! make -s PG_CONFIG="$PG_CONFIG" install >"$work/install.log" 2>&1; then
	cat "$work/install.log" >&2
	fail "make install into the private PostgreSQL failed"
fi

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
query() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d crash "$@"; }

psql_q -d postgres -c "CREATE DATABASE crash" -c "CREATE ROLE $loader"
psql_q -d crash <<EOF
SET client_min_messages = warning;
CREATE EXTENSION indicator;
-- m: one row per (key, month); v: publications, one row per (key, month, vintage)
CREATE TABLE m (k int, period date, value numeric(12,2), est boolean);
CREATE TABLE v (id bigserial PRIMARY KEY, k int, period date, value numeric(12,2),
				vintage timestamptz, est boolean);
CREATE INDEX ON v (k, period, vintage);
CREATE SEQUENCE months;
CREATE SEQUENCE vintages;
INSERT INTO m SELECT k, make_date(1999, mo, 1), k * 100 + mo, mo % 4 = 0
FROM generate_series(1, 50) k, generate_series(1, 12) mo;
INSERT INTO v (k, period, value, vintage, est)
SELECT k, make_date(2020, 1, 1) + mo * interval '1 month', k + mo,
	   '2000-01-01'::timestamptz + nextval('vintages') * interval '1 second', mo % 3 = 0
FROM generate_series(1, 50) k, generate_series(0, 23) mo;
DO \$\$ BEGIN
	PERFORM series_store('m', 'm_plain', '{k}');
	PERFORM series_store('m', 'm_flags', '{k}', estimated_column => 'est');
	PERFORM series_store('v', 'v_latest', '{k}', vintage_column => 'vintage');
	PERFORM series_store('v', 'v_flags', '{k}', vintage_column => 'vintage', estimated_column => 'est');
END \$\$;
GRANT SELECT, INSERT, UPDATE, DELETE ON m, v TO $loader;
GRANT USAGE ON SEQUENCE months, vintages, v_id_seq TO $loader;
EOF

# m: a new month for every key, a revision, a deletion, in one transaction
cat >"$work/m_load.sql" <<'EOF'
\set k random(1, 50)
BEGIN;
INSERT INTO m SELECT k, '2000-01-01'::date + n * interval '1 month', k + n, n % 2 = 0
FROM generate_series(1, 50) k, (SELECT nextval('months') AS n) s;
UPDATE m SET value = value + 1, est = NOT est WHERE k = :k AND period = (SELECT max(period) FROM m WHERE k = :k);
\sleep 5 ms
DELETE FROM m WHERE k = :k AND period = (SELECT min(period) FROM m WHERE k = :k);
COMMIT;
EOF
# v: a new vintage of a few periods, a latest vintage deleted (the one
# before comes back), a vintage moved back in time (unique: every vintage
# comes from one sequence, the moved ones a year earlier)
cat >"$work/v_load.sql" <<'EOF'
\set k random(1, 50)
\set mo random(0, 23)
BEGIN;
INSERT INTO v (k, period, value, vintage, est)
SELECT k, make_date(2020, 1, 1) + :mo * interval '1 month', k * 1000 + :mo, '2000-01-01'::timestamptz + nextval('vintages') * interval '1 second', k % 2 = 0
FROM generate_series(:k, least(:k + 4, 50)) k;
\sleep 5 ms
DELETE FROM v WHERE id = (SELECT id FROM v WHERE k = :k AND period = make_date(2020, 1, 1) + :mo * interval '1 month' ORDER BY vintage DESC LIMIT 1);
UPDATE v SET vintage = '1999-01-01'::timestamptz + nextval('vintages') * interval '1 second'
WHERE id = (SELECT id FROM v WHERE k = (:k % 50) + 1 ORDER BY vintage DESC LIMIT 1);
COMMIT;
EOF

rows_before=$(query -c "SELECT (SELECT count(*) FROM m) + (SELECT count(*) FROM v)")
PGOPTIONS="-c role=$loader" pgbench -n -d crash -c 4 -j 2 -T $((before_crash + 60)) --max-tries=10 \
	-f "$work/m_load.sql" -f "$work/v_load.sql" >"$work/pgbench.out" 2>&1 &
pgbench_pid=$!
sleep $((before_crash / 2))
# a big load into each source, one statement each, in one transaction that
# the crash interrupts (its rows: keys 1001 and up)
PGOPTIONS="-c role=$loader" psql -X -q -d crash >"$work/big.out" 2>&1 <<'EOF' &
BEGIN;
INSERT INTO v (k, period, value, vintage, est)
SELECT 1000 + k, make_date(2020, 1, 1) + mo * interval '1 month', mo,
	   '2001-01-01'::timestamptz + (k * 100 + mo) * interval '1 second', false
FROM generate_series(1, 2000) k, generate_series(0, 59) mo;
INSERT INTO m SELECT 1000 + k, make_date(1990, 1, 1) + mo * interval '1 month', mo, false
FROM generate_series(1, 2000) k, generate_series(0, 59) mo;
SELECT pg_sleep(600);
COMMIT;
EOF
big_pid=$!
sleep $((before_crash - before_crash / 2))

# the crash: the postmaster killed, then every process it started
postmaster=$(head -1 "$data/postmaster.pid")
children=$(ps -o pid= --ppid "$postmaster" || true)
in_flight=$(query -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'crash' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()" || echo "?")
big_running=$(query -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%generate_series(1, 2000)%' AND pid <> pg_backend_pid()" || echo "?")
kill -9 "$postmaster"
for pid in $children; do
	kill -9 "$pid" 2>/dev/null || true
done
wait "$pgbench_pid" || true
wait "$big_pid" || true
# gone (or a zombie nobody reaps yet), the children too, before the restart
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${st#Z}" = "$st" ]; }
for pid in $postmaster $children; do
	for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done
	! alive "$pid" || fail "process $pid of the killed server is still running"
done
# A killed postmaster that nobody reaps stays a zombie (in a container whose
# first process does not reap orphans), and PostgreSQL takes its pid in
# postmaster.pid for a live postmaster ("lock file already exists").  After
# a real power cut no process is left: the lock files (the data
# directory's and the socket's) are stale, remove them.
rm -f "$data/postmaster.pid" "$root"/sock/.s.PGSQL.*.lock
killed="killed after ${before_crash}s of load with $in_flight transactions open (the big load's: $big_running)"
committed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench.out")

# recovery replays the load's WAL: on a busy machine it may take minutes
if ! su postgres -c "$bin/pg_ctl -D $data -l $data/server.log -w -t 600 start" >"$work/restart.out" 2>&1; then
	cat "$work/restart.out" >&2
	tail -n 20 "$data/server.log" >&2
	fail "the server did not start again (its log's last lines above)"
fi
grep -q "database system was interrupted\|database system was not properly shut down" "$data/server.log" ||
	fail "the server did not recover from a crash: no such line in its log"

# every store against its definition
for store in m_plain m_flags v_latest v_flags; do
	bad=$(query -c "SELECT count(*) FROM series_store_check('$store')")
	[ "$bad" = 0 ] || fail "after the crash, series_store_check('$store') reports $bad keys"
done
# and in plain SQL: the (key, month, value, flag) of each store, both ways,
# against m's rows and against v's latest rows (DISTINCT ON)
diffs=$(query <<'EOF'
CREATE TEMP VIEW latest AS
SELECT DISTINCT ON (k, period) k, period, value, est FROM v ORDER BY k, period, vintage DESC;
CREATE TEMP VIEW stored AS
SELECT 'm_plain' AS store, k, r.period, r.value, false AS est FROM m_plain, series_rows(s) r WHERE r.value IS NOT NULL
UNION ALL SELECT 'm_flags', k, r.period, r.value, is_estimated(s, r.period) FROM m_flags, series_rows(s) r WHERE r.value IS NOT NULL
UNION ALL SELECT 'v_latest', k, r.period, r.value, false FROM v_latest, series_rows(s) r WHERE r.value IS NOT NULL
UNION ALL SELECT 'v_flags', k, r.period, r.value, is_estimated(s, r.period) FROM v_flags, series_rows(s) r WHERE r.value IS NOT NULL;
CREATE TEMP VIEW defined AS
SELECT 'm_plain' AS store, k, period, value, false AS est FROM m WHERE value IS NOT NULL
UNION ALL SELECT 'm_flags', k, period, value, coalesce(est, false) FROM m WHERE value IS NOT NULL
UNION ALL SELECT 'v_latest', k, period, value, false FROM latest WHERE value IS NOT NULL
UNION ALL SELECT 'v_flags', k, period, value, coalesce(est, false) FROM latest WHERE value IS NOT NULL;
SELECT count(*) FROM ((TABLE stored EXCEPT ALL TABLE defined) UNION ALL (TABLE defined EXCEPT ALL TABLE stored)) d;
EOF
)
[ "$diffs" = 0 ] || fail "after the crash, $diffs (store, key, month, value, flag) differ between the stores and their definitions"
big=$(query -c "SELECT (SELECT count(*) FROM v WHERE k > 1000) + (SELECT count(*) FROM m WHERE k > 1000)
	+ (SELECT count(*) FROM v_latest WHERE k > 1000) + (SELECT count(*) FROM m_plain WHERE k > 1000)")
[ "$big" = 0 ] || fail "after the crash, $big rows of the uncommitted big load are in a source or a store"
rows_after=$(query -c "SELECT (SELECT count(*) FROM m) + (SELECT count(*) FROM v)")
[ "$rows_after" != "$rows_before" ] || fail "no load committed before the crash: nothing was tested"

# the stores keep working after the recovery
PGOPTIONS="-c role=$loader" pgbench -n -d crash -c 2 -j 2 -t 20 --max-tries=10 \
	-f "$work/m_load.sql" -f "$work/v_load.sql" >"$work/pgbench-after.out" 2>&1 ||
	{ cat "$work/pgbench-after.out" >&2; fail "loads after the recovery failed"; }
for store in m_plain m_flags v_latest v_flags; do
	bad=$(query -c "SELECT count(*) FROM series_store_check('$store')")
	[ "$bad" = 0 ] || fail "after the recovery and more loads, series_store_check('$store') reports $bad keys"
done

echo "store_crash: PASS (4 stores; the server $killed; ${committed:-some} load transactions committed before it," \
	"$rows_before -> $rows_after source rows; the big load's rows in no source and no store;" \
	"every store equals its definition after the recovery and after more loads)"
