#!/usr/bin/env bash
# Release 1.0 (or any commit) against the working tree, side by side: do
# the monthly reports R1-R3 cost what they cost in 1.0 (the goal of the
# periods of release 1.1: "the R1-R3 ratios stay where they are for monthly
# series")?  On this machine the same query
# varies by 2x from one run to the next (see BENCHMARKS.md, "Noise"), more
# than the change being judged, so ratios from separate runs cannot answer.
# Here both versions are installed in one database, each in a schema of its
# own (the base as the extension "indicator_base" in schema base, the
# working tree as "indicator" in schema tree), over the same table in the same shared buffers, and
# each query runs twice in a row, once per version (search_path picks the
# version), the two taking turns to go first: a pair sees the same state of
# the machine, and the ratio within a pair is what is reported.
#
#   bash bench/versions.sh [SERIES]          default 20000 (x 120 months)
#   REPEATS=15 SETTINGS=defaults bash bench/versions.sh
#   BASE=HEAD QUERIES="scan r1_store" bash bench/versions.sh   a change against
#             the last commit, on chosen queries of bench/queries.sql
#
# It builds the base (BASE, default release 1.0's commit; git archive: the
# history must be there) and the working tree into a private copy of PostgreSQL 15 with a
# cluster of its own (tools/devenv.sh), both linked with -Bsymbolic so
# that each library's calls to its own functions stay inside it (the two
# define the same names); loads bench/workload.sql; and then, at each of
# SETTINGS (default "bench defaults", as bench/run.sh), runs a warm-up round
# and REPEATS rounds (default 9), each with the queries in a shuffled order.
# It prints per version the median of each query and of its ratio to the
# scan (or r2_out, r3_sql) within a round, and the median over rounds of
# tree / base within a pair.  Run as root; the cluster is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${BASE:-fddf4229d029ed24d76c92f2759e3a23ae194a05}	# release 1.0
series=${1:-20000}
repeats=${REPEATS:-9}
# the queries of bench/queries.sql that 1.0 can run: the reports and their bases
queries=(${QUERIES:-scan r1_ext r2_ext r2_out r3_ext r3_sql})

git cat-file -e "$base^{commit}" 2>/dev/null ||
	{ echo "versions: the base commit $base is not in this clone's history (git fetch --unshallow)" >&2; exit 1; }
bash tools/setup.sh
work=$(mktemp -d)
cluster=bench-versions-$$
cleanup() {
	bash tools/devenv.sh "$cluster" stop >/dev/null 2>&1 || true
	rm -rf "/tmp/pg-$cluster" "$work"
}
trap cleanup EXIT
eval "$(bash tools/devenv.sh "$cluster")"
pkglibdir=$(pg_config --pkglibdir)
extdir=$(pg_config --sharedir)/extension
restart() {
	su postgres -c "$(dirname "$PG_CONFIG")/pg_ctl -D /tmp/pg-$cluster/data -l /tmp/pg-$cluster/data/server.log -m fast -w restart" >/dev/null
}

# the working tree (a copy of its files, built afresh), as "indicator"; an
# indicator installed in the system came along with the copy of PostgreSQL
rm -rf "$extdir"/indicator[.-]* "$pkglibdir"/indicator.so
mkdir -p "$work/src-tree"
git ls-files -z --cached --others --exclude-standard | xargs -0 tar -c --no-recursion | tar -x -C "$work/src-tree"
{ make -C "$work/src-tree" -s -j2 PG_CONFIG="$PG_CONFIG" LDFLAGS_SL=-Wl,-Bsymbolic &&
	make -C "$work/src-tree" -s PG_CONFIG="$PG_CONFIG" install; } >"$work/build-tree.log" 2>&1 ||
	{ cat "$work/build-tree.log" >&2; exit 1; }
# the base, as "indicator_base": its library and install script under that name
mkdir -p "$work/src-base"
git archive "$base" | tar -x -C "$work/src-base"
make -C "$work/src-base" -s -j2 PG_CONFIG="$PG_CONFIG" LDFLAGS_SL=-Wl,-Bsymbolic >"$work/build-base.log" 2>&1 ||
	{ cat "$work/build-base.log" >&2; exit 1; }
base_version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$work/src-base/indicator.control")
cp "$work/src-base/indicator.so" "$pkglibdir/indicator_base.so"
cp "$work/src-base/indicator--$base_version.sql" "$extdir/indicator_base--$base_version.sql"
sed -e "s|^module_pathname = .*|module_pathname = '\$libdir/indicator_base'|" \
	"$work/src-base/indicator.control" >"$extdir/indicator_base.control"
restart

psql -X -q -v ON_ERROR_STOP=1 <<SQL
CREATE SCHEMA base;
CREATE EXTENSION indicator_base SCHEMA base;
CREATE SCHEMA tree;
CREATE EXTENSION indicator SCHEMA tree;
SET client_min_messages = warning;
\set series $series
\i bench/workload.sql
SET search_path = tree, public;
CREATE TABLE public.r2_out AS $(bash bench/query.sh r2_ext | tr -d ';');
VACUUM ANALYZE r2_out;
-- r1_store's series, stored once per version (search_path finds each)
CREATE TABLE base.m_store AS SELECT series, base.series_agg(period, value) AS s FROM m GROUP BY series;
CREATE TABLE tree.m_store AS SELECT series, tree.series_agg(period, value) AS s FROM m GROUP BY series;
ALTER TABLE base.m_store ADD PRIMARY KEY (series);
ALTER TABLE tree.m_store ADD PRIMARY KEY (series);
VACUUM ANALYZE base.m_store, tree.m_store;
CHECKPOINT;
SQL
echo "versions: base $(git rev-parse --short "$base"), working tree $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' with changes'): $(psql -X -A -t -c "SELECT string_agg(extname || ' ' || extversion || ' in ' || extnamespace::regnamespace, ', ' ORDER BY extname) FROM pg_extension WHERE extname LIKE 'indicator%'"); $(psql -X -A -t -c "SELECT count(*) FROM m") rows"
# both answer alike: R3's rows from each version, compared (R1's and R2's
# columns are the same functions over the same series)
psql -X -q -A -t -v ON_ERROR_STOP=1 <<SQL
\set as_of 2020-06-01
\set year 2020
SET search_path = base, public;
CREATE TEMP TABLE r3_base AS $(bash bench/query.sh r3_ext | tr -d ';');
SET search_path = tree, public;
CREATE TEMP TABLE r3_tree AS $(bash bench/query.sh r3_ext | tr -d ';');
SELECT format('check: R3 from the base and the tree, %s and %s rows, %s differ',
			  (SELECT count(*) FROM r3_base), (SELECT count(*) FROM r3_tree),
			  (SELECT count(*) FROM (SELECT * FROM r3_base EXCEPT SELECT * FROM r3_tree) d));
SQL

for settings in ${SETTINGS:-bench defaults}; do
	case $settings in
		bench) set=(shared_buffers=2GB work_mem=256MB max_parallel_workers_per_gather=0 jit=off) ;;
		defaults) set=() ;;
		*) echo "versions: unknown SETTINGS \"$settings\" (bench, defaults)" >&2; exit 1 ;;
	esac
	psql -X -q -c "ALTER SYSTEM RESET ALL"
	for s in "${set[@]}"; do psql -X -q -c "ALTER SYSTEM SET ${s%%=*} = '${s#*=}'"; done
	restart
	echo
	echo "=== settings: $settings ($(psql -X -A -t -c "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit')")); $series series x 120 months; a warm-up round and $repeats rounds"
	{
		echo '\set as_of 2020-06-01'
		echo '\set year 2020'
		echo '\o /dev/null'
		for ((round = 0; round <= repeats; round++)); do
			pair=0
			for name in $(printf '%s\n' "${queries[@]}" | shuf); do
				order=(base tree)
				[ $(((round + pair++) % 2)) -eq 1 ] && order=(tree base)
				for v in "${order[@]}"; do
					echo '\timing off'
					echo "SET search_path = $v, public;"
					[ $round -eq 0 ] || echo '\timing on'
					echo "\\echo @@ $round $v $name"
					bash bench/query.sh "$name"
				done
			done
		done
	} >"$work/run.sql"
	psql -X -q -v ON_ERROR_STOP=1 -f "$work/run.sql" >"$work/out-$settings.txt"
	awk -v names="${queries[*]}" '
		function median(list,    a, n, i, j, x) {
			n = split(list, a, " ")
			for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j > 0 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
			return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
		}
		# the median over rounds of num / den, where num and den are "version name"
		function ratio(num, den,    r, list) {
			list = ""
			for (r = 1; r <= rounds; r++) list = list " " t[r, num] / t[r, den]
			return median(list)
		}
		/^@@ / { round = $2; key = $3 " " $4; next }
		/^Time: / && round > 0 { t[round, key] = $2; times[key] = times[key] " " $2; if (round > rounds) rounds = round }
		END {
			n = split(names, q, " ")
			printf "%-24s %10s %10s %18s\n", "query (median ms)", "base", "tree", "tree / base in a pair"
			for (i = 1; i <= n; i++)
				printf "%-24s %10.1f %10.1f %17.2fx\n", q[i], median(times["base " q[i]]), median(times["tree " q[i]]),
					ratio("tree " q[i], "base " q[i])
			printf "%-24s %10s %10s  %s\n", "ratio within a round", "base", "tree", "goal"
			split("r1_ext scan <=1.5x;r2_ext r2_out <=1.3x;r3_ext scan <=1.3x;r3_ext r3_sql <=1x", goals, ";")
			for (g = 1; g <= 4; g++) {
				split(goals[g], f, " ")
				if (!((1, "base " f[1]) in t) || !((1, "base " f[2]) in t)) continue
				printf "%-24s %9.2fx %9.2fx  %s\n", f[1] " / " f[2], ratio("base " f[1], "base " f[2]),
					ratio("tree " f[1], "tree " f[2]), f[3]
			}
			printf "every timed run, ms, round 1 to %d:\n", rounds
			for (i = 1; i <= n; i++) printf "  %-7s base%s\n  %-7s tree%s\n", q[i], times["base " q[i]], "", times["tree " q[i]]
		}' "$work/out-$settings.txt"
done
