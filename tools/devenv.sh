#!/usr/bin/env bash
# A private PostgreSQL 15 for one checkout: a copy of the system's
# installation (PostgreSQL is relocatable: its binaries find their share and
# lib directories relative to themselves) and a cluster of its own on a free
# loopback port, so that several checkouts can build, `make install` and
# test at once without overwriting each other's library.
#
#   eval "$(bash tools/devenv.sh NAME)"     # creates/starts /tmp/pg-NAME
#   make install installcheck              # now goes to the private copy
#   bash tools/devenv.sh NAME stop          # stops its cluster
#
# It prints the environment to use (PG_CONFIG, PATH, PGHOST, PGPORT,
# PGUSER).  Run as root (the cluster runs as the postgres user).  Needs
# postgresql-server-dev-15 installed (bash tools/setup.sh).
set -euo pipefail

name=${1:?usage: devenv.sh NAME [stop]}
root=/tmp/pg-$name
bin=$root/usr/lib/postgresql/15/bin
data=$root/data

if [ "${2:-}" = stop ]; then
	[ -d "$data" ] && su postgres -c "$bin/pg_ctl -D $data -m fast stop" >&2 || true
	exit 0
fi

if [ ! -x "$bin/pg_config" ]; then
	mkdir -p "$root/usr/lib/postgresql" "$root/usr/share/postgresql" "$root/usr/include"
	cp -a /usr/lib/postgresql/15 "$root/usr/lib/postgresql/"
	cp -a /usr/share/postgresql/15 "$root/usr/share/postgresql/"
	cp -a /usr/include/postgresql "$root/usr/include/"
	mkdir -p "$root/sock"
	chown postgres "$root/sock"
	chmod a+w "$root/usr/lib/postgresql/15/lib" "$root/usr/share/postgresql/15/extension"
fi

if [ ! -f "$data/PG_VERSION" ]; then
	mkdir -p "$data"
	chown postgres "$data"
	su postgres -c "$bin/initdb -D $data -A trust -U postgres >/dev/null"
	port=$(bash "$(dirname "$0")/free_port.sh")
	cat >>"$data/postgresql.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$root/sock'
max_worker_processes = 16
EOF
	# pg_cron where it is installed (postgresql-15-cron); a fresh machine
	# (CI, tools/setup.sh) may not have it, and only some tests want it
	if [ -f "$root/usr/lib/postgresql/15/lib/pg_cron.so" ]; then
		cat >>"$data/postgresql.conf" <<EOF
shared_preload_libraries = 'pg_cron'
cron.database_name = 'postgres'
EOF
	fi
fi
port=$(sed -n "s/^port = //p" "$data/postgresql.conf")
if ! su postgres -c "$bin/pg_ctl -D $data status" >/dev/null 2>&1; then
	su postgres -c "$bin/pg_ctl -D $data -l $data/server.log -w start" >/dev/null
fi

cat <<EOF
export PG_CONFIG=$bin/pg_config
export PATH=$bin:\$PATH
export PGHOST=$root/sock
export PGPORT=$port
export PGUSER=postgres
EOF
