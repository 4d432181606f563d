#!/usr/bin/env bash
# The monthly loads of bench/queries.sql alone (load_plain, load_store,
# load_vintage_plain, load_vintage_store): one new month for every series
# into a table and into the same table with a series store kept current,
# for a table of rows and for a vintage table (bench/load_tables.sql), in
# the cluster the PG* variables name (bench/run.sh times them with every
# other query; this times only them, for a quick look at a change to the
# stores' triggers):
#   eval "$(bash tools/devenv.sh NAME)"; make install
#   REPEATS=7 bash bench/store_load.sh [SERIES]     default 20000 (x 120 months)
# It loads the workload (bench/workload.sql) into the current database,
# then prints the settings, the median of each load and the median of the
# ratios within a round (bench/rounds.awk).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/rounds.sh
export REPEATS=${REPEATS:-5}
series=${1:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS indicator"
echo "settings: $(psql -X -A -t -c "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit')"); $REPEATS interleaved rounds; median of each"
echo "== $series series x 120 months = $((series * 120)) rows; the load: $series rows"
psql -X -q -v ON_ERROR_STOP=1 -v series="$series" -v max_value=1e6 \
	-c 'SET client_min_messages = warning' -f bench/workload.sql
psql -X -q -v ON_ERROR_STOP=1 -f bench/load_tables.sql
psql -X -q -c CHECKPOINT

for name in load_plain load_store load_vintage_plain load_vintage_store; do
	echo "-- name: $name"
	bash bench/query.sh "$name"
done >"$work/loads.sql"
rounds_script "$work/loads.sql" >"$work/run.sql"
psql -X -q -v ON_ERROR_STOP=1 -f "$work/run.sql" >"$work/out.txt"
# every store still equals its source
psql -X -A -t -v ON_ERROR_STOP=1 -c "SELECT 'stores differing from their sources after the rounds: ' ||
	((SELECT count(*) FROM series_store_check('m_store')) + (SELECT count(*) FROM series_store_check('v_store')))"

awk -f bench/rounds.awk -f <(cat <<'AWK'
	END {
		printf "%-34s %10s      %s\n", "query", "median", "median of the ratios within a round"
		printf "%-34s %10.1f ms\n", "monthly load, plain table", median(times["load_plain"])
		printf "%-34s %10.1f ms   %6.2fx %s\n", "monthly load, with a store", median(times["load_store"]),
			ratio("load_store", "load_plain"), "load_plain (goal <= 3x)"
		printf "%-34s %10.1f ms\n", "monthly load, vintage table", median(times["load_vintage_plain"])
		printf "%-34s %10.1f ms   %6.2fx %s\n", "monthly load, vintage store", median(times["load_vintage_store"]),
			ratio("load_vintage_store", "load_vintage_plain"), "load_vintage_plain (goal <= 3x)"
	}
AWK
) "$work/out.txt"
