#!/usr/bin/env bash
# Concurrent loads into one series store: several pgbench clients, all on
# the same keys, each transaction a month of its own (a sequence hands the
# months out): all ten keys in one statement, one key, or an update of a
# key's latest month.  The clients run as a loader that is not a superuser
# and holds only SELECT, INSERT, UPDATE, DELETE on the tables.  Afterwards
# the store must equal series_agg over the source: series_store_check lists
# no key, the (key, month, value) triples agree both ways, and every month
# that was inserted is stored (none lost to a concurrent update).
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
GRANT SELECT, INSERT, UPDATE, DELETE ON m, m_store TO $loader;
GRANT USAGE ON SEQUENCE months TO $loader;
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

result=$(psql -X -At -v ON_ERROR_STOP=1 -d $db <<'EOF'
SELECT 'check ' || count(*) FROM series_store_check('m_store');
SELECT 'differences ' || count(*) FROM (
	(SELECT k, r.period, r.value FROM m_store, series_rows(s) r WHERE r.value IS NOT NULL
	 EXCEPT ALL SELECT k, period, value FROM m)
	UNION ALL
	(SELECT k, period, value FROM m
	 EXCEPT ALL SELECT k, r.period, r.value FROM m_store, series_rows(s) r WHERE r.value IS NOT NULL)) d;
SELECT 'months ' || (SELECT count(*) FROM m) || ' ' || (SELECT sum(month_count(s)) FROM m_store);
EOF
)
psql -X -q -d postgres -c "DROP DATABASE $db" -c "DROP ROLE $loader"

read -r _ checked <<<"$(sed -n 1p <<<"$result")"
read -r _ differences <<<"$(sed -n 2p <<<"$result")"
read -r _ rows stored <<<"$(sed -n 3p <<<"$result")"
if [ "$checked" != 0 ] || [ "$differences" != 0 ] || [ "$rows" != "$stored" ]; then
	echo "$result" >&2
	echo "store_concurrency: the store differs from the aggregate after concurrent loads" >&2
	exit 1
fi
retried=$(sed -n 's/^number of transactions retried: \([0-9]*\).*/\1/p' "$work/pgbench.out")
echo "store_concurrency: ok ($clients clients x $transactions transactions, ${retried:-0} retried, $rows months stored)"
