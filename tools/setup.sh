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
	cppcheck clang-tidy                     # make lint
)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "setup: missing packages ${missing[*]}; run as root to install them" >&2
		exit 1
	fi
	echo "setup: installing ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export PATH="/usr/lib/postgresql/15/bin:$PATH"
make -s PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
make -s PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config install >/dev/null
