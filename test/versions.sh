#!/usr/bin/env bash
# The same tests on every supported PostgreSQL: for each version named (by
# default 17 and 18; 15, the system's, is tested by test/run.sh), in a
# private copy of that version with a cluster of its own (tools/devenv.sh
# with PGVER, the versions prepared by tools/pg_versions.sh in build/pg/):
#   - a build with every warning an error (make COPT=-Werror) of a copy of
#     the tree's files in build/pg/ext-VERSION/, so that the tree's own
#     objects (of another version perhaps) stay out of it;
#   - make installcheck: the whole REGRESS list of the Makefile;
#   - every pgTAP suite of test/pgtap/ (and test/pgtap-realdata/);
#   - the store's concurrency test (test/store_concurrency.sh);
#   - with the real data beside the repository (../shared/data/real/):
#     dump and restore (test/dump_restore.sh) and the examples of README.md and docs/*.md, and the reference check;
#   - the upgrade 1.1 -> 1.2 (test/upgrade.sh with PGVER set; 1.0 -> 1.1
#     stays a PostgreSQL 15 test).
# Every list is read from the tree (the Makefile, the test directories), so
# new tests are run without a change here.  Run as root:
#   bash test/versions.sh [VERSION ...]
# It ends with one line per version, "versions: 17: PASS" or "... FAIL:
# what failed", and exits 1 when any failed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

realdata=1
if [ ! -d ../shared/data/real ]; then
	realdata=0
	echo "versions: ../shared/data/real not found: SKIPPING dump and restore, the README's examples" \
		"and test/pgtap-realdata/" >&2
fi

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(17 18)
bash tools/packages.sh libtap-parser-sourcehandler-pgtap-perl python3
bash tools/pg_versions.sh "${versions[@]}"

summary=()
overall=0
for v in "${versions[@]}"; do
	name=versions-$v-$$
	start=$(date +%s)
	failed=()
	echo "=== PostgreSQL $v"
	# a subshell per version: its environment and its cluster end with it
	set +e
	(
		set -euo pipefail
		trap 'bash tools/devenv.sh "$name" stop >/dev/null 2>&1; rm -rf "/tmp/pg-$name"' EXIT
		eval "$(PGVER=$v bash tools/devenv.sh "$name")"
		psql -X -A -t -d postgres -c "SELECT version()"
		fail=()
		# the tree's files (committed or not, not its build products) copied
		ext=$repo/build/pg/ext-$v
		rm -rf "$ext"
		mkdir -p "$ext"
		git ls-files -z -c -o --exclude-standard | tar -c --null -T - | tar -x -C "$ext"
		vmake() { make -C "$ext" PG_CONFIG="$PG_CONFIG" -s "$@"; }
		if ! { vmake COPT=-Werror && vmake install; } >"$ext/build.log" 2>&1; then
			cat "$ext/build.log"
			echo "versions: $v: the build failed or warned" >&2
			exit 1
		fi
		if ! vmake installcheck; then
			[ -f "$ext/regression.diffs" ] && cat "$ext/regression.diffs"
			fail+=("make installcheck")
		fi
		# from 18 on the library declares its name and version: the control file's
		if [ "$(psql -X -A -t -d postgres -c "SHOW server_version_num")" -ge 180000 ]; then
			declared=$(psql -X -q -A -t -d postgres -c "LOAD 'indicator'" \
				-c "SELECT module_name || ' ' || version FROM pg_get_loaded_modules() WHERE file_name = 'indicator.so'")
			want="indicator $(sed -n "s/^default_version = '\(.*\)'/\1/p" indicator.control)"
			echo "versions: $v: the library declares \"$declared\""
			[ "$declared" = "$want" ] || fail+=("the library declares \"$declared\", not \"$want\"")
		fi
		createdb indicator_tap
		psql -X -q -d indicator_tap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION indicator"
		pg_prove -d indicator_tap test/pgtap/*.sql || fail+=("test/pgtap")
		PGDATABASE=indicator_tap python3 test/reference_check.py || fail+=("test/reference_check.py")
		python3 test/readme_examples.py || fail+=("the documentation's examples")
		bash test/store_concurrency.sh || fail+=("test/store_concurrency.sh")
		if [ $realdata = 1 ]; then
			pg_prove -d indicator_tap test/pgtap-realdata/*.sql || fail+=("test/pgtap-realdata")
			bash test/dump_restore.sh || fail+=("test/dump_restore.sh")
		fi
		if [ ${#fail[@]} -gt 0 ]; then
			printf 'versions: %s: failed: %s\n' "$v" "${fail[*]}" >&2
			exit 1
		fi
	)
	status=$?
	set -e
	[ $status -eq 0 ] || failed+=("the suites")
	PGVER=$v bash test/upgrade.sh || failed+=("test/upgrade.sh")
	took=$(($(date +%s) - start))
	if [ ${#failed[@]} -eq 0 ]; then
		summary+=("versions: $v: PASS (${took} s)")
	else
		summary+=("versions: $v: FAIL: ${failed[*]} (${took} s)")
		overall=1
	fi
done
printf '%s\n' "${summary[@]}"
exit $overall
