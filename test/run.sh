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
#
# Every step runs even when an earlier one failed (except the setup, which
# the others need); the last line names the steps that failed:
#   test: FAILED: make installcheck-realdata, pg_prove test/pgtap
# or, when all passed, "test: passed (N steps)".  The exit status is 1 when
# a step failed.
set -euo pipefail
cd "$(dirname "$0")/.."

# step NAME COMMAND...: runs COMMAND and records NAME and its exit status in
# the file $TEST_STEPS (one "status<TAB>name" line per step); never fails.
step() {
	local name=$1 status=0
	shift
	"$@" || status=$?
	printf '%s\t%s\n' "$status" "$name" >>"$TEST_STEPS"
	if [ $status -ne 0 ]; then
		echo "test: step failed (exit status $status): $name" >&2
	fi
	return 0
}

if [ "${1:-}" = --in-cluster ]; then
	###########################################################################
	# Inside pg_virtualenv: PGHOST, PGPORT, PGUSER set; TEST_STEPS, REALDATA
	###########################################################################
	pgc=/usr/lib/postgresql/15/bin/pg_config

	# make installcheck[-realdata], with the differences when it fails
	installcheck() {
		local status=0
		make -s PG_CONFIG=$pgc "$1" || status=$?
		if [ $status -ne 0 ] && [ -f regression.diffs ]; then
			cat regression.diffs
		fi
		return $status
	}
	pgtap() {
		createdb indicator_tap &&
			psql -X -q -d indicator_tap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION indicator" &&
			pg_prove -d indicator_tap test/pgtap/*.sql
	}
	readme_examples() {
		createdb readme_examples &&
			PGDATABASE=readme_examples python3 test/readme_examples.py README.md
	}

	step "make installcheck" installcheck installcheck
	if [ "$REALDATA" = 1 ]; then
		step "make installcheck-realdata" installcheck installcheck-realdata
	fi
	step "pg_prove test/pgtap" pgtap
	step "test/store_concurrency.sh" bash test/store_concurrency.sh
	if [ "$REALDATA" = 1 ]; then
		step "pg_prove test/pgtap-realdata" pg_prove -d indicator_tap test/pgtap-realdata/*.sql
		step "test/dump_restore.sh" bash test/dump_restore.sh
		step "test/readme_examples.py" readme_examples
	fi
	step "test/clients/run.sh" bash test/clients/run.sh
	# the steps' statuses are in TEST_STEPS: pg_virtualenv itself fails only
	# when the cluster does
	exit 0
fi

realdata=1
if [ ! -d ../shared/data/real ]; then
	realdata=0
	echo "test: ../shared/data/real not found: SKIPPING the tests on real data" \
		"(make installcheck-realdata, test/pgtap-realdata/, test/dump_restore.sh," \
		"the README's examples, sqlsmith); running the self-contained tests only" >&2
fi

TEST_STEPS=$(mktemp)
export TEST_STEPS
trap 'rm -f "$TEST_STEPS"' EXIT

# The last line: the steps that failed, or how many passed.
summary() {
	local failed
	failed=$(awk -F'\t' '$1 != 0 { printf "%s%s", sep, $2; sep = ", " }' "$TEST_STEPS")
	if [ -n "$failed" ]; then
		echo "test: FAILED: $failed"
		exit 1
	fi
	echo "test: passed ($(wc -l <"$TEST_STEPS") steps)"
}

step "tools/setup.sh" bash tools/setup.sh
if [ "$(cut -f1 "$TEST_STEPS")" != 0 ]; then
	summary
fi

# -t: a private cluster directory, so that concurrent runs do not collide;
# without pg_virtualenv's "Creating new PostgreSQL cluster" and "Dropping
# cluster" lines (sed -u: the steps' lines stay in order with stderr's)
in_cluster() {
	env PGPORT="$(bash tools/free_port.sh)" REALDATA=$realdata \
		pg_virtualenv -t bash test/run.sh --in-cluster |
		sed -u -e '/^Creating new PostgreSQL cluster /d' -e '/^Dropping cluster /d'
}
step "the throwaway cluster (pg_virtualenv)" in_cluster
# the upgrade chain 1.0 -> 1.1 -> ... in a private PostgreSQL copy (not the system's)
step "test/upgrade.sh" bash test/upgrade.sh
# a materialized view refreshed by pg_cron, in a cluster of its own (pg_cron preloaded)
step "test/cron.sh" bash test/cron.sh
# a short sqlsmith run: random queries over indicator's functions, no crash
if [ $realdata = 1 ]; then
	step "test/sqlsmith.sh" bash test/sqlsmith.sh 500
fi
summary
