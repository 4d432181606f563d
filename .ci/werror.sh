#!/usr/bin/env bash
# A clean build of the extension against the system PostgreSQL 15 with every
# warning an error.  The Makefile's own flags (-Wall -Wextra) leave -Werror
# out, so that a newer compiler's new warning does not break someone else's
# build; CI keeps the code free of warnings.  Builds only, installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_config=/usr/lib/postgresql/15/bin/pg_config
bash tools/packages.sh build-essential postgresql-server-dev-15

make -s PG_CONFIG=$pg_config clean
make -s PG_CONFIG=$pg_config COPT=-Werror
make -s PG_CONFIG=$pg_config clean
echo "werror: the build has no warnings"
