#!/usr/bin/env bash
# The speed benchmark (BENCHMARKS.md says what fast means here).
#
#   bash bench/run.sh [SERIES ...]      default: 20000 (x 120 months = 2.4M rows)
#   REPEATS=5 bash bench/run.sh 5000 20000 80000
#   MAX_VALUE=1e10 bash bench/run.sh     values up to 10^10 (default 10^6)
#
# It loads the IIP workload once (bench/iip_workload.sql: 2,000 products x
# 120 months in 40 industries, whatever SERIES is) and checks that its two
# queries, extension and plain SQL, return the same numbers.  For each size
# it generates the workload (SERIES series x 120 months of numeric(14,3),
# 2011-01 .. 2020-12, and a target per series and year), then times every
# query of bench/queries.sql (the IIP's among them) with psql's \timing (output
# discarded), REPEATS rounds interleaved (each round in its own shuffled
# order), and prints the median of each query and, for the ratios that the
# goals are stated in, the median of the ratios within a round; then where
# R1's and R3's time goes, step by step, and the memory of the aggregation
# per group.  Then R3 on quarterly series (bench/quarterly.sh: 20,000
# series x 40 quarters, against its own bare scan).
# Runs in a throwaway cluster at each of SETTINGS (default: both, in turn):
#   bench     the bench's settings: one backend, no parallel workers, no
#             JIT, shared_buffers 2GB, work_mem 256MB (ratios compare work)
#   defaults  PostgreSQL's defaults (parallel query on, work_mem 4MB,
#             shared_buffers 128MB): what users run
#   SETTINGS=defaults bash bench/run.sh
# With PG_CONFIG set, it runs on that PostgreSQL instead of the system's
# (15, 17 or 18, as tools/pg_versions.sh prints it), in a private copy of it
# with a cluster of its own per settings (tools/devenv.sh; the working
# tree's files built and installed there; nothing goes into the system):
#   PG_CONFIG=$(bash tools/pg_versions.sh pg_config 18) SETTINGS=defaults bash bench/run.sh
# The copies of 17 and 18 run with jit = off (neither has the JIT); to
# compare 15 with them, BENCH_CONF adds lines to the cluster's configuration:
#   BENCH_CONF="jit = off" PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config SETTINGS=defaults bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20000)
export REPEATS=${REPEATS:-3}

if [ -n "${PG_CONFIG:-}" ]; then
	ver=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
	[ "$(bash tools/pg_versions.sh pg_config "$ver")" -ef "$PG_CONFIG" ] || {
		echo "bench: PG_CONFIG=$PG_CONFIG is not tools/pg_versions.sh's PostgreSQL $ver" >&2
		exit 1
	}
	[ "$ver" = 15 ] || bash tools/pg_versions.sh "$ver"
	work=$(mktemp -d)
	mkdir -p "$work/src"
	git ls-files -z -c -o --exclude-standard | tar -c --null -T - | tar -x -C "$work/src"
	for settings in ${SETTINGS:-bench defaults}; do
		case $settings in
			bench) conf=("shared_buffers = 2GB" "work_mem = 256MB" "max_parallel_workers_per_gather = 0" "jit = off") ;;
			defaults) conf=() ;;
			*) echo "bench: unknown SETTINGS \"$settings\" (bench, defaults)" >&2; exit 1 ;;
		esac
		echo "=== settings: $settings (PostgreSQL $ver, a private copy)"
		name=bench-$ver-$settings-$$
		(
			trap 'bash tools/devenv.sh "$name" stop >/dev/null 2>&1; rm -rf "/tmp/pg-$name"' EXIT
			eval "$(PGVER=$ver bash tools/devenv.sh "$name")"
			pgdata=/tmp/pg-$name/data
			# an indicator installed in the system came along with a copy of 15
			rm -rf "$("$PG_CONFIG" --sharedir)"/extension/indicator[.-]* "$("$PG_CONFIG" --pkglibdir)"/indicator.so
			{ make -C "$work/src" -s clean && make -C "$work/src" -s -j2 PG_CONFIG="$PG_CONFIG" &&
				make -C "$work/src" -s PG_CONFIG="$PG_CONFIG" install; } >"$work/build.log" 2>&1 ||
				{ cat "$work/build.log" >&2; exit 1; }
			printf '%s\n' "${conf[@]}" "${BENCH_CONF:-}" >>"$pgdata/postgresql.conf"
			su postgres -c "$(dirname "$PG_CONFIG")/pg_ctl -D $pgdata -l $pgdata/server.log -m fast -w restart" >/dev/null
			bash bench/measure.sh "${sizes[@]}"
			bash bench/quarterly.sh
		)
	done
	rm -rf "$work"
	exit 0
fi

bash tools/setup.sh
for settings in ${SETTINGS:-bench defaults}; do
	case $settings in
		bench) opts=(-o shared_buffers=2GB -o work_mem=256MB -o max_parallel_workers_per_gather=0 -o jit=off) ;;
		defaults) opts=() ;;
		*) echo "bench: unknown SETTINGS \"$settings\" (bench, defaults)" >&2; exit 1 ;;
	esac
	echo "=== settings: $settings"
	PGPORT=$(bash tools/free_port.sh) pg_virtualenv -t "${opts[@]}" bash bench/measure.sh "${sizes[@]}"
	# R3 on the quarterly twin of the workload, a fixed size
	PGPORT=$(bash tools/free_port.sh) pg_virtualenv -t "${opts[@]}" bash bench/quarterly.sh
done
