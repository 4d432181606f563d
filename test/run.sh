#!/usr/bin/env bash
# Runs every test of indicator in a throwaway PostgreSQL 15 cluster: the
# pg_regress suite (make installcheck: sql/, expected/) and the pgTAP suite
# (test/pgtap/), which need nothing outside the repository; then the tests on
# real published data kept beside the repository in ../shared/data/real/ (not
# in the repository: its licences are not the PostgreSQL Licence): make
# installcheck-realdata, test/pgtap-realdata/, a dump and restore of stored
# series (test/dump_restore.sh), the README's examples and a short sqlsmith
# run (test/sqlsmith.sh).  Without that directory the real-data tests are
# skipped, with a message saying so.  The client drivers (test/clients/run.sh)
# run in the same cluster; a pg_cron refresh (test/cron.sh) in one of its own.
# On a fresh Debian 12 machine, as root, it installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

realdata=1
if [ ! -d ../shared/data/real ]; then
	realdata=0
	echo "test: ../shared/data/real not found: SKIPPING the tests on real data" \
		"(make installcheck-realdata, test/pgtap-realdata/, test/dump_restore.sh," \
		"the README's examples, sqlsmith); running the self-contained tests only" >&2
fi

bash tools/setup.sh

# -t: a private cluster directory, so that concurrent runs do not collide
PGPORT=$(bash tools/free_port.sh) REALDATA=$realdata pg_virtualenv -t bash -c '
	set -euo pipefail
	status=0
	pgc=/usr/lib/postgresql/15/bin/pg_config
	make -s PG_CONFIG=$pgc installcheck || status=$?
	if [ $status -ne 0 ] && [ -f regression.diffs ]; then
		cat regression.diffs
	fi
	if [ "$REALDATA" = 1 ]; then
		s=0
		make -s PG_CONFIG=$pgc installcheck-realdata || s=$?
		if [ $s -ne 0 ]; then
			status=$s
			[ -f regression.diffs ] && cat regression.diffs
		fi
	fi
	createdb indicator_tap
	psql -X -q -d indicator_tap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION indicator"
	pg_prove -d indicator_tap test/pgtap/*.sql || status=$?
	bash test/store_concurrency.sh || status=$?
	if [ "$REALDATA" = 1 ]; then
		pg_prove -d indicator_tap test/pgtap-realdata/*.sql || status=$?
		bash test/dump_restore.sh || status=$?
		createdb readme_examples
		PGDATABASE=readme_examples python3 test/readme_examples.py README.md || status=$?
	fi
	bash test/clients/run.sh || status=$?
	exit $status
'
# the upgrade chain 1.0 -> 1.1 in a private PostgreSQL copy (not the system's)
bash test/upgrade.sh
# a materialized view refreshed by pg_cron, in a cluster of its own (pg_cron preloaded)
bash test/cron.sh
# a short sqlsmith run: random queries over indicator's functions, no crash
if [ $realdata = 1 ]; then
	bash test/sqlsmith.sh 500
fi
