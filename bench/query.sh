#!/usr/bin/env bash
# Prints the text of the named query of bench/queries.sql, or of FILE (the
# block after its "-- name: NAME" line, without comment lines).
#   bash bench/query.sh r1_ext
set -euo pipefail
awk -v n="$1" '/^-- name: / {on = ($3 == n); next} on && !/^--/' "${2:-$(dirname "$0")/queries.sql}"
