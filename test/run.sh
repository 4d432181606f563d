#!/usr/bin/env bash
# Runs every test of indicator: the pg_regress suite (sql/, expected/) and
# the pgTAP suite (test/pgtap/), a dump and restore of stored series
# (test/dump_restore.sh) and the README's examples, in a throwaway
# PostgreSQL 15 cluster; then a short sqlsmith run (test/sqlsmith.sh).
# On a fresh Debian 12 machine, as root, it installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f ../shared/data/real/forecast_gas.csv ]; then
	echo "test: ../shared/data/real/forecast_gas.csv not found; the tests read the real data beside the repository" >&2
	exit 1
fi

bash tools/setup.sh

# -t: a private cluster directory, so that concurrent runs do not collide
PGPORT=$(bash tools/free_port.sh) pg_virtualenv -t bash -c '
	set -euo pipefail
	status=0
	make -s PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config installcheck || status=$?
	if [ $status -ne 0 ] && [ -f regression.diffs ]; then
		cat regression.diffs
	fi
	createdb indicator_tap
	psql -X -q -d indicator_tap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION indicator"
	pg_prove -d indicator_tap test/pgtap/*.sql || status=$?
	bash test/dump_restore.sh || status=$?
	bash test/store_concurrency.sh || status=$?
	createdb readme_examples
	PGDATABASE=readme_examples python3 test/readme_examples.py README.md || status=$?
	exit $status
'
# a short sqlsmith run: random queries over indicator's functions, no crash
bash test/sqlsmith.sh 500
