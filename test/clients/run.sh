#!/usr/bin/env bash
# Runs indicator through the client drivers that BI tools and applications
# use, against the cluster given by the PG* environment variables (as
# test/run.sh's pg_virtualenv sets them): pgJDBC, psycopg 3, node-postgres
# and psqlODBC (through pyodbc).  Each is installed by this script, from
# Debian or (node-postgres) npm.
#
# It loads fixture.sql into a database of its own, writes psql's answer to
# every query of queries.sql, and runs each client, which checks the types
# its driver returns, parameters bound as that driver binds them,
# server-side prepared statements and (pgJDBC, psycopg) indicator_series in
# binary, every value against psql's.  Prints a pass/fail line per client;
# fails if any failed.
#   bash test/clients/run.sh
set -uo pipefail
cd "$(dirname "$0")"

bash ../../tools/packages.sh libpostgresql-jdbc-java default-jdk-headless odbc-postgresql unixodbc \
	python3-psycopg python3-pandas python3-pyodbc || exit 1
# nodejs and npm from Debian, unless a node with npm is already installed
command -v node >/dev/null && command -v npm >/dev/null || bash ../../tools/packages.sh nodejs npm || exit 1
(cd node && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "clients: npm ci failed"; exit 1; }

export INDICATOR_CLIENTS_DB=indicator_clients
dropdb --if-exists "$INDICATOR_CLIENTS_DB" 2>/dev/null
createdb "$INDICATOR_CLIENTS_DB" || exit 1
psql -X -q -v ON_ERROR_STOP=1 -d "$INDICATOR_CLIENTS_DB" -f fixture.sql || exit 1

# psql's answers: NAME.sql and NAME.tsv (tab-separated, NULL as \N) per query
answers=$(mktemp -d)
trap 'rm -rf "$answers"' EXIT
export INDICATOR_CLIENTS_ANSWERS=$answers
awk -v dir="$answers" '/^-- name: / { name = $3; next } name != "" && !/^--/ { print > (dir "/" name ".sql") }' queries.sql
for q in "$answers"/*.sql; do
	psql -X -q -A -t -F $'\t' -P null='\N' -v ON_ERROR_STOP=1 -d "$INDICATOR_CLIENTS_DB" -f "$q" \
		>"${q%.sql}.tsv" || exit 1
done

# Debian's python, where python3-psycopg, -pandas and -pyodbc are
python=/usr/bin/python3
status=0
run() {
	local name=$1
	shift
	local out
	out=$("$@" 2>&1)
	local rc=$?
	if [ $rc -eq 0 ]; then
		echo "clients: $name: pass ($(tail -1 <<<"$out"))"
	else
		echo "$out" | sed "s/^/  $name: /"
		echo "clients: $name: FAIL"
		status=1
	fi
}
run pgjdbc java -cp /usr/share/java/postgresql.jar jdbc/ClientTest.java
run psycopg "$python" psycopg_test.py
run node-postgres node node/test.js
run psqlodbc "$python" odbc_test.py
dropdb "$INDICATOR_CLIENTS_DB"
exit $status
