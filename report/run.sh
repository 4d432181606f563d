#!/usr/bin/env bash
# Prints the indicator report (report/report.sql) from a throwaway
# PostgreSQL 15 cluster.  On a fresh Debian 12 machine, as root, it first
# installs what it needs and builds and installs the extension.
set -euo pipefail
cd "$(dirname "$0")/.."

for data in ../shared/data/real/forecast_gas.csv ../shared/data/real/vega_unemployment_across_industries.csv \
	../shared/data/real/r_ukgas_quarterly.csv ../shared/data/real/aer_dutchsales.csv; do
	if [ ! -f "$data" ]; then
		echo "report: $data not found: the report reads the real data beside the repository ($(cd .. && pwd)/shared/data/real/$(basename "$data"))" >&2
		exit 1
	fi
done

bash tools/setup.sh

# -t: a private cluster directory, on a free port, so that concurrent runs do not collide
PGPORT=$(bash tools/free_port.sh) pg_virtualenv -t psql -X -v ON_ERROR_STOP=1 -f report/report.sql
