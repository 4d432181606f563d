#!/usr/bin/env bash
# Prints a loopback TCP port that no server listens on and no PostgreSQL
# socket uses, for a throwaway cluster (pg_virtualenv takes it from PGPORT).
set -euo pipefail
for _ in $(seq 1 200); do
	port=$((20000 + RANDOM % 20000))
	[ -e "/var/run/postgresql/.s.PGSQL.$port" ] && continue
	ss -Htln "sport = :$port" 2>/dev/null | grep . >/dev/null && continue
	echo "$port"
	exit 0
done
echo "free_port: no free port found" >&2
exit 1
