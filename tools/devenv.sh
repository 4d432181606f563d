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
#
# PGVER=17 or PGVER=18 (PGVER=15 the default) makes the copy from that
# version's tree, prepared by tools/pg_versions.sh in build/pg/ (17: trixie's
# packages unpacked, its programs run through trixie's loader; 18: built
# from source), with jit = off (neither tree has the JIT's LLVM libraries).
set -euo pipefail

name=${1:?usage: [PGVER=VERSION] devenv.sh NAME [stop]}
ver=${PGVER:-15}
root=/tmp/pg-$name
tree=$(cd "$(dirname "$0")/.." && pwd)/build/pg/$ver
case $ver in
	15 | 17) bin=$root/usr/lib/postgresql/$ver/bin ;;
	18) bin=$root/$ver/bin ;;
	*) echo "devenv: PGVER=$ver: 15, 17 or 18" >&2; exit 1 ;;
esac
data=$root/data

if [ "${2:-}" = stop ]; then
	[ -d "$data" ] && su postgres -c "$bin/pg_ctl -D $data -m fast stop" >&2 || true
	exit 0
fi

if [ ! -x "$bin/pg_config" ]; then
	if [ "$ver" != 15 ] && [ ! -x "$tree/bin/pg_config" ]; then
		echo "devenv: PostgreSQL $ver is not prepared: bash tools/pg_versions.sh $ver" >&2
		exit 1
	fi
	mkdir -p "$root"
	case $ver in
		15 | 17)
			from=/
			[ "$ver" = 15 ] || from=$tree/root
			mkdir -p "$root/usr/lib/postgresql" "$root/usr/share/postgresql" "$root/usr/include"
			cp -a "$from/usr/lib/postgresql/$ver" "$root/usr/lib/postgresql/"
			cp -a "$from/usr/share/postgresql/$ver" "$root/usr/share/postgresql/"
			cp -a "$from/usr/include/postgresql" "$root/usr/include/"
			;;
		18) cp -a "$tree" "$root/" ;;
	esac
	chmod a+w "$("$bin/pg_config" --pkglibdir)" "$("$bin/pg_config" --sharedir)/extension"
	mkdir -p "$root/sock"
	chown postgres "$root/sock"
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
	[ "$ver" = 15 ] || echo "jit = off" >>"$data/postgresql.conf"
	# pg_cron where it is installed (postgresql-15-cron); a fresh machine
	# (CI, tools/setup.sh) may not have it, and only some tests want it
	if [ -f "$("$bin/pg_config" --pkglibdir)/pg_cron.so" ]; then
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
