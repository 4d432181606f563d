#!/usr/bin/env bash
# Concurrent loads into one series store: several pgbench clients, all on
# the same keys, each transaction a month of its own (a sequence hands the
# months out): all ten keys in one statement, one key, or an update of a
# key's latest month.  The clients run as a loader that is not a superuser
# and holds only SELECT, INSERT, UPDATE, DELETE on the source (the store is
# written as its owner).  Afterwards the store must equal series_agg over
# the source: series_store_check lists no key, the (key, month, value)
# triples agree both ways, and every month that was inserted is stored
# (none lost to a concurrent update).
#
# Then the same over a vintage table (a store with vintage_column): the
# clients publish new vintages of the same periods of the same keys (some
# with one key back-dated, so that one statement takes both ways), delete
# a period's latest vintage (the one before comes back) and move one back
# in time, all at once, each transaction waiting a little before it
# commits (so that others read the source meanwhile); afterwards the store
# must hold, for every period, the row of its latest vintage (DISTINCT ON),
# whichever transaction committed first.  Later writes to a period heal an
# earlier wrong one, so the race is also set up once, in two sessions: a
# deletion whose fallback is read while a new vintage waits to commit (a
# trigger that read the source before locking the store's rows stored the
# fallback there; checked by hand with such a build), and two loads of one
# period with different vintages, in either commit order, and at one
# vintage.
#
# Runs against the cluster PGHOST/PGPORT/PGUSER point at (a superuser): the
# one pg_virtualenv sets up in test/run.sh, or a private one
# (eval "$(bash tools/devenv.sh NAME)"), e.g.
#   bash test/store_concurrency.sh [CLIENTS] [TRANSACTIONS_PER_CLIENT]
# It creates and drops the database store_concurrency and the role
# store_concurrency_loader.
set -euo pipefail
cd "$(dirname "$0")/.."

clients=${1:-8}
transactions=${2:-150}
db=store_concurrency
loader=store_concurrency_loader

if [ -z "${PGPORT:-}" ]; then
	echo "store_concurrency: PGPORT is not set; run me inside pg_virtualenv or after tools/devenv.sh" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql -X -q -v ON_ERROR_STOP=1 -d postgres <<EOF
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
CREATE DATABASE $db;
DROP ROLE IF EXISTS $loader;
CREATE ROLE $loader;
EOF

psql -X -q -v ON_ERROR_STOP=1 -d $db <<EOF
CREATE EXTENSION indicator;
CREATE TABLE m (k int, period date, value numeric(12,2));
CREATE SEQUENCE months;
-- a history of a year for the ten keys
INSERT INTO m SELECT k, make_date(1999, mo, 1), k * 100 + mo FROM generate_series(1, 10) k, generate_series(1, 12) mo;
DO \$\$ BEGIN PERFORM series_store('m', 'm_store', '{k}'); END \$\$;
GRANT SELECT, INSERT, UPDATE, DELETE ON m TO $loader;
GRANT USAGE ON SEQUENCE months TO $loader;
-- the vintage table: a year of monthly publications for the ten keys
CREATE TABLE v (id bigserial PRIMARY KEY, k int, period date, value numeric(12,2), vintage timestamptz);
CREATE INDEX ON v (k, period, vintage);
CREATE SEQUENCE vintages;
INSERT INTO v (k, period, value, vintage) SELECT k, make_date(1999, mo, 1), k * 100 + mo,
	'2000-01-01'::timestamptz + nextval('vintages') * interval '1 second'
FROM generate_series(1, 10) k, generate_series(1, 12) mo;
DO \$\$ BEGIN PERFORM series_store('v', 'v_store', '{k}', vintage_column => 'vintage'); END \$\$;
GRANT SELECT, INSERT, UPDATE, DELETE ON v TO $loader;
GRANT USAGE ON SEQUENCE vintages, v_id_seq TO $loader;
EOF

# every key, a new month, one statement
cat >"$work/all_keys.sql" <<'EOF'
INSERT INTO m SELECT k, '2000-01-01'::date + n * interval '1 month', k + n FROM generate_series(1, 10) k, (SELECT nextval('months') AS n) s;
EOF
# one key, a new month
cat >"$work/one_key.sql" <<'EOF'
\set k random(1, 10)
INSERT INTO m SELECT :k, '2000-01-01'::date + nextval('months') * interval '1 month', :k;
EOF
# a revision: a key's latest month gets a new value
cat >"$work/revise.sql" <<'EOF'
\set k random(1, 10)
UPDATE m SET value = value + 1 WHERE k = :k AND period = (SELECT max(period) FROM m WHERE k = :k);
EOF

# --max-tries: a deadlock or serialization failure is retried, and counted
PGOPTIONS="-c role=$loader" pgbench -n -d $db -c "$clients" -j 2 -t "$transactions" --max-tries=10 \
	-f "$work/all_keys.sql@4" -f "$work/one_key.sql@4" -f "$work/revise.sql@2" >"$work/pgbench.out" 2>&1 || {
	cat "$work/pgbench.out"
	exit 1
}
if ! grep -q "^number of failed transactions: 0 " "$work/pgbench.out"; then
	cat "$work/pgbench.out"
	echo "store_concurrency: transactions failed" >&2
	exit 1
fi

# every key, a new vintage of one of three periods, one statement
cat >"$work/v_publish.sql" <<'EOF'
\set mo random(1, 3)
BEGIN;
INSERT INTO v (k, period, value, vintage) SELECT k, make_date(1999, :mo, 1), k + nextval('vintages'),
	'2000-01-01'::timestamptz + currval('vintages') * interval '1 second' FROM generate_series(1, 10) k;
\sleep 2 ms
COMMIT;
EOF
# every key a new vintage, but one key a back-dated one (not its period's
# latest): the keys before it in key order take the fast way, the others
# the slow one
cat >"$work/v_mixed.sql" <<'EOF'
\set mo random(1, 3)
\set k random(1, 10)
BEGIN;
INSERT INTO v (k, period, value, vintage) SELECT k, make_date(1999, :mo, 1), k + nextval('vintages'),
	CASE WHEN k = :k THEN '1999-06-01'::timestamptz ELSE '2000-01-01'::timestamptz END
	+ currval('vintages') * interval '1 second' FROM generate_series(1, 10) k;
\sleep 2 ms
COMMIT;
EOF
# a period's latest vintage withdrawn (deleted)
cat >"$work/v_withdraw.sql" <<'EOF'
\set k random(1, 10)
\set mo random(1, 3)
BEGIN;
DELETE FROM v WHERE id = (SELECT id FROM v WHERE k = :k AND period = make_date(1999, :mo, 1) ORDER BY vintage DESC LIMIT 1);
\sleep 2 ms
COMMIT;
EOF
# a period's latest vintage moved back in time (unique: one sequence for all)
cat >"$work/v_backdate.sql" <<'EOF'
\set k random(1, 10)
\set mo random(1, 3)
BEGIN;
UPDATE v SET vintage = '1999-01-01'::timestamptz + nextval('vintages') * interval '1 second'
WHERE id = (SELECT id FROM v WHERE k = :k AND period = make_date(1999, :mo, 1) ORDER BY vintage DESC LIMIT 1);
\sleep 2 ms
COMMIT;
EOF
PGOPTIONS="-c role=$loader" pgbench -n -d $db -c "$clients" -j 2 -t "$transactions" --max-tries=10 \
	-f "$work/v_publish.sql@5" -f "$work/v_mixed.sql@2" -f "$work/v_withdraw.sql@2" -f "$work/v_backdate.sql@2" >"$work/pgbench-v.out" 2>&1 || {
	cat "$work/pgbench-v.out"
	exit 1
}
if ! grep -q "^number of failed transactions: 0 " "$work/pgbench-v.out"; then
	cat "$work/pgbench-v.out"
	echo "store_concurrency: transactions on the vintage table failed" >&2
	exit 1
fi
# every statement locks the store's rows in key order, in both ways: no
# deadlock, so nothing retried (READ COMMITTED has no serialization failure)
if ! grep -q "^number of transactions retried: 0 " "$work/pgbench-v.out"; then
	cat "$work/pgbench-v.out"
	echo "store_concurrency: loads into the vintage table deadlocked (retried above)" >&2
	exit 1
fi

# The race itself, set up: a new vintage of key 1's January, committed only
# after a concurrent deletion of the vintage before it has read the source
# (that deletion waits for the store's row); the store must end with the new
# vintage, not the deletion's fallback.
psql -X -q -v ON_ERROR_STOP=1 -d $db -c "INSERT INTO v (k, period, value, vintage) VALUES
	(1, '1999-01-01', 1, '2100-01-01'), (1, '1999-01-01', 2, '2100-01-02')" >/dev/null
PGOPTIONS="-c role=$loader" psql -X -q -v ON_ERROR_STOP=1 -d $db -c "BEGIN" \
	-c "INSERT INTO v (k, period, value, vintage) VALUES (1, '1999-01-01', 3, '2100-01-03')" \
	-c "SELECT pg_sleep(2)" -c "COMMIT" >/dev/null &
race_pid=$!
sleep 0.5
PGOPTIONS="-c role=$loader" psql -X -q -v ON_ERROR_STOP=1 -d $db \
	-c "DELETE FROM v WHERE k = 1 AND vintage = '2100-01-02'" >/dev/null
wait $race_pid
race=$(psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SELECT value_at(s, '1999-01-01')::int FROM v_store WHERE k = 1")
if [ "$race" != 3 ]; then
	echo "store_concurrency: a deletion's fallback, read before a new vintage committed, overwrote it (stored $race, not 3)" >&2
	exit 1
fi

# Two loads of one key and period with different vintages, the first to
# start committing last (it waits 2 s): an INSERT of later vintages than the
# store's latest_vintage changes the store from its own rows (no look-up in
# the source), and the second load, waiting for the store's row, must see
# the first's vintage when it re-checks the row.  In either order the later
# vintage is stored; at one vintage the second load is a tie (21000).
# race FIRST_VINTAGE FIRST_VALUE SECOND_VINTAGE SECOND_VALUE: key 2's January
race() {
	PGOPTIONS="-c role=$loader" psql -X -q -v ON_ERROR_STOP=1 -d $db -c "BEGIN" \
		-c "INSERT INTO v (k, period, value, vintage) VALUES (2, '1999-01-01', $2, '$1')" \
		-c "SELECT pg_sleep(2)" -c "COMMIT" >/dev/null &
	race_pid=$!
	sleep 0.5
	PGOPTIONS="-c role=$loader" psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=sqlstate -d $db \
		-c "INSERT INTO v (k, period, value, vintage) VALUES (2, '1999-01-01', $4, '$3')" >"$work/race.out" 2>&1 || true
	wait $race_pid
	psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SELECT value_at(s, '1999-01-01')::int FROM v_store WHERE k = 2"
}
stored=$(race '2200-01-02' 11 '2200-01-01' 12)
if [ "$stored" != 11 ] || [ -s "$work/race.out" ]; then
	cat "$work/race.out" >&2
	echo "store_concurrency: an earlier vintage loaded while a later one waited to commit was stored (stored $stored, not 11)" >&2
	exit 1
fi
stored=$(race '2200-02-01' 21 '2200-02-02' 22)
if [ "$stored" != 22 ] || [ -s "$work/race.out" ]; then
	cat "$work/race.out" >&2
	echo "store_concurrency: a later vintage loaded while an earlier one waited to commit was lost (stored $stored, not 22)" >&2
	exit 1
fi
stored=$(race '2200-03-01' 31 '2200-03-01' 32)
if [ "$stored" != 31 ] || ! grep -q 21000 "$work/race.out"; then
	cat "$work/race.out" >&2
	echo "store_concurrency: a second load at the vintage a concurrent one committed was no tie (stored $stored, not 31, and no 21000)" >&2
	exit 1
fi

result=$(psql -X -q -At -v ON_ERROR_STOP=1 -d $db <<'EOF'
SELECT 'check ' || count(*) FROM series_store_check('m_store');
SELECT 'differences ' || count(*) FROM (
	(SELECT k, r.period, r.value FROM m_store, series_rows(s) r WHERE r.value IS NOT NULL
	 EXCEPT ALL SELECT k, period, value FROM m)
	UNION ALL
	(SELECT k, period, value FROM m
	 EXCEPT ALL SELECT k, r.period, r.value FROM m_store, series_rows(s) r WHERE r.value IS NOT NULL)) d;
SELECT 'months ' || (SELECT count(*) FROM m) || ' ' || (SELECT sum(month_count(s)) FROM m_store);
SELECT 'vcheck ' || count(*) FROM series_store_check('v_store');
CREATE TEMP VIEW latest AS SELECT DISTINCT ON (k, period) k, period, value FROM v ORDER BY k, period, vintage DESC;
SELECT 'vdifferences ' || count(*) FROM (
	(SELECT k, r.period, r.value FROM v_store, series_rows(s) r WHERE r.value IS NOT NULL
	 EXCEPT ALL SELECT k, period, value FROM latest)
	UNION ALL
	(SELECT k, period, value FROM latest
	 EXCEPT ALL SELECT k, r.period, r.value FROM v_store, series_rows(s) r WHERE r.value IS NOT NULL)) d;
SELECT 'vrows ' || count(*) FROM v;
EOF
)
psql -X -q -d postgres -c "DROP DATABASE $db" -c "DROP ROLE $loader"

read -r _ checked <<<"$(sed -n 1p <<<"$result")"
read -r _ differences <<<"$(sed -n 2p <<<"$result")"
read -r _ rows stored <<<"$(sed -n 3p <<<"$result")"
read -r _ vchecked <<<"$(sed -n 4p <<<"$result")"
read -r _ vdifferences <<<"$(sed -n 5p <<<"$result")"
read -r _ vrows <<<"$(sed -n 6p <<<"$result")"
if [ "$checked" != 0 ] || [ "$differences" != 0 ] || [ "$rows" != "$stored" ]; then
	echo "$result" >&2
	echo "store_concurrency: the store differs from the aggregate after concurrent loads" >&2
	exit 1
fi
if [ "$vchecked" != 0 ] || [ "$vdifferences" != 0 ]; then
	echo "$result" >&2
	echo "store_concurrency: the vintage store differs from the latest vintages after concurrent loads" >&2
	exit 1
fi
retried=$(sed -n 's/^number of transactions retried: \([0-9]*\).*/\1/p' "$work/pgbench.out" "$work/pgbench-v.out" |
	awk '{ n += $1 } END { print n + 0 }')
echo "store_concurrency: ok ($clients clients x $transactions transactions twice, $retried retried;" \
	"$rows months stored; the vintage store: $vrows rows, the latest vintage of each period stored)"
