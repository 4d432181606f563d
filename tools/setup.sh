#!/usr/bin/env bash
# Installs what building and testing indicator needs (Debian 12, as root),
# then builds and installs the extension into the system PostgreSQL 15.
# Safe to run again: packages already present are not reinstalled.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
	build-essential
	postgresql-15                           # the server
	postgresql-common                       # pg_virtualenv: throwaway clusters
	postgresql-server-dev-15                # PGXS and the server headers
	postgresql-15-pgtap                     # pgTAP
	libtap-parser-sourcehandler-pgtap-perl  # pg_prove
	python3                                 # test/readme_examples.py
	python3-statsmodels                     # sql/seasonal_realdata.sql: the STL reference (with pandas)
	cppcheck clang-tidy                     # make lint
)
bash tools/packages.sh "${packages[@]}"

export PATH="/usr/lib/postgresql/15/bin:$PATH"
make -s PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
make -s PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config install >/dev/null
