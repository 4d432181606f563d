#!/usr/bin/env bash
# The seasonal adjustment benchmark (one of the speed goals in BENCHMARKS.md):
# seasonal_adjust of SERIES (default 20,000) stored monthly series of 120
# months, computed without returning them (SELECT count(seasonal_adjust(s))
# FROM store), against the bare scan of their rows (SELECT series, sum(value)
# FROM m GROUP BY series, the table of bench/workload.sql) and against
# statsmodels' STL over the same series, with the same parameters, in one
# python3 process (Debian's python3-statsmodels).
#
#   bash bench/seasonal.sh [SERIES]
#
# Runs against the server that the PG* variables name, with indicator
# installed there (for example a private copy: eval "$(bash
# tools/devenv.sh NAME)"; make install).  It loads the workload
# (bench/workload.sql) and a store of its series (one indicator_series per
# series), then times the scan and the adjustment in REPEATS rounds
# (default 5) after a warm-up, alternating their order, at two settings in
# the same session: the bench's (one backend, no parallel workers, no JIT,
# work_mem 256MB) and PostgreSQL's defaults (parallel query on, work_mem
# 4MB); shared_buffers is the server's.  It prints the medians and the
# median of the ratios within a round.  Then it exports the series, times
# statsmodels' STL over every one of them (only the fits, the data already
# in memory), checks that the first 100 agree with ours, and prints the
# ratio to our median at the bench's settings.
set -euo pipefail
cd "$(dirname "$0")/.."
series=${1:-20000}
REPEATS=${REPEATS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS indicator"
echo "PostgreSQL: $(psql -X -A -t -c 'SELECT version()')"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $series series x 120 months = $((series * 120)) rows; $REPEATS rounds at each setting"
psql -X -q -v ON_ERROR_STOP=1 -v series="$series" -c 'SET client_min_messages = warning' -f bench/workload.sql
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS store;
CREATE TABLE store AS SELECT series, series_agg(period, value) AS s FROM m GROUP BY series;
VACUUM ANALYZE store;
CHECKPOINT;
SQL

# the psql script: per setting, a warm-up of each query, then the rounds
{
	echo '\o /dev/null'
	for settings in bench defaults; do
		echo '\timing off'
		if [ $settings = bench ]; then
			echo "SET work_mem = '256MB'; SET max_parallel_workers_per_gather = 0; SET jit = off;"
		else
			echo "RESET work_mem; RESET max_parallel_workers_per_gather; RESET jit;"
		fi
		for ((round = 0; round <= REPEATS; round++)); do
			if ((round % 2)); then order="adjust scan"; else order="scan adjust"; fi
			for q in $order; do
				[ $round -eq 0 ] && echo '\timing off' || echo '\timing on'
				echo "\\echo @@ $settings $round $q"
				if [ $q = scan ]; then
					echo 'SELECT series, sum(value) FROM m GROUP BY series;'
				else
					echo 'SELECT count(seasonal_adjust(s)) FROM store;'
				fi
			done
		done
	done
} >"$work/run.sql"
psql -X -q -v ON_ERROR_STOP=1 -f "$work/run.sql" >"$work/out.txt"

awk '
	function median(list,   a, n, i, j, t) {
		n = split(list, a, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	/^@@/ { settings = $2; round = $3; q = $4 }
	/^Time:/ && round > 0 { t[settings, round, q] = $2; times[settings, q] = times[settings, q] " " $2 }
	END {
		split("bench defaults", order, " ")
		for (k = 1; k <= 2; k++) {
			s = order[k]; ratios = ""
			for (r = 1; (s, r, "scan") in t; r++) ratios = ratios " " t[s, r, "adjust"] / t[s, r, "scan"]
			printf "%-9s scan %8.1f ms   seasonal_adjust %8.1f ms   %5.2fx the scan (median of the rounds'"'"' ratios; goal <= 1x)\n",
				s, median(times[s, "scan"]), median(times[s, "adjust"]), median(ratios)
			printf "          every run, ms: scan%s; seasonal_adjust%s\n", times[s, "scan"], times[s, "adjust"]
		}
		print median(times["bench", "adjust"]) > "/dev/stderr"
	}' "$work/out.txt" 2>"$work/ours_ms"

# statsmodels over the same series, in one python3 process
psql -X -q -v ON_ERROR_STOP=1 -c "\\copy (SELECT series, period, value FROM m ORDER BY series, period) TO '$work/m.csv' (FORMAT csv)"
psql -X -q -v ON_ERROR_STOP=1 -c "\\copy (SELECT st.series, r.period, r.value FROM store st, series_rows(seasonal_adjust(st.s)) r WHERE st.series <= 100 ORDER BY 1, 2) TO '$work/ours.csv' (FORMAT csv)"
/usr/bin/python3 - "$work/m.csv" "$work/ours.csv" "$(cat "$work/ours_ms")" <<'PY'
import sys, time
import numpy as np
import pandas as pd
from statsmodels.tsa.seasonal import STL

m = pd.read_csv(sys.argv[1], header=None, names=["series", "period", "value"])
ours = pd.read_csv(sys.argv[2], header=None, names=["series", "period", "value"])
ours_ms = float(sys.argv[3])
groups = [g["value"].to_numpy(dtype=float) for _, g in m.groupby("series", sort=True)]
# the parameters of indicator's seasonal_adjust(s): seasonal 7, trend the
# smallest odd integer > 1.5 x 12 / (1 - 1.5 / 7) = 23, low_pass 13, degree 1,
# no jumps, 5 inner iterations, no robustness iterations
start = time.perf_counter()
adjusted = []
for y in groups:
    r = STL(y, period=12, seasonal=7, trend=23, low_pass=13, seasonal_deg=1, trend_deg=1,
            low_pass_deg=1, robust=False, seasonal_jump=1, trend_jump=1,
            low_pass_jump=1).fit(inner_iter=5, outer_iter=0)
    adjusted.append(y - np.asarray(r.seasonal))
seconds = time.perf_counter() - start
diff = 0.0
for k, (_, g) in enumerate(ours.groupby("series", sort=True)):
    diff = max(diff, np.max(np.abs(g["value"].to_numpy(dtype=float) - adjusted[k])) / np.max(np.abs(groups[k])))
print(f"statsmodels STL, {len(groups)} series in one python3 process: {seconds * 1000:.1f} ms "
      f"({seconds * 1e6 / len(groups):.0f} us a series); seasonal_adjust at the bench's settings "
      f"{ours_ms:.1f} ms: {seconds * 1000 / ours_ms:.1f}x faster (goal >= 10x)")
print(f"check: the first {ours['series'].nunique()} series, seasonal_adjust against statsmodels: "
      f"largest difference {diff:.1e} of the series' largest value")
PY
