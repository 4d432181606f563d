#!/usr/bin/env bash
# Prepares the PostgreSQL versions other than Debian 12's own 15, for
# building and testing indicator on each (as root, on Debian 12):
#
#   18  built from the upstream tarball of Debian sid's postgresql-18
#       (apt-get source --download-only --tar-only: the archive serves the
#       tarball and the signed index it is checked against, not the .dsc),
#       installed under build/pg/18/ (about 3 to 8 minutes on 2 cores);
#   17  Debian trixie's binary packages, downloaded (apt-get download) and
#       unpacked (dpkg-deb -x, never installed: they need trixie's C
#       library) under build/pg/17/root/, with trixie's libc6 and the few
#       libraries whose Debian 12 version is too old; every program runs
#       through the unpacked loader (ld-linux-x86-64.so.2 --library-path),
#       by a wrapper script in place of the program (under 20 seconds).
#
# Into each it installs pgTAP, built from Debian sid's upstream tarball
# (pgTAP is SQL and PL/pgSQL: make install only copies files).
#
#   bash tools/pg_versions.sh [VERSION ...]     # prepares them (default: 17 18)
#   bash tools/pg_versions.sh pg_config VERSION # prints that version's pg_config
#
# apt runs with a configuration of its own in build/pg/apt/ (its sources
# list, lists and cache there; no system file is read but the keyring and
# the archive's address, which comes from the machine's own
# /etc/apt/sources.list.d/debian.sources): the machine's apt state does not
# change.  What is prepared is reused: delete build/pg/VERSION to start over
# (build/ is git-ignored).  15 is the system's (postgresql-server-dev-15):
# pg_config prints /usr/lib/postgresql/15/bin/pg_config.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD/build/pg

die() {
	echo "pg_versions: $*" >&2
	exit 1
}

pg_config_of() {
	case $1 in
		15) echo /usr/lib/postgresql/15/bin/pg_config ;;
		17) echo "$top/17/bin/pg_config" ;;
		18) echo "$top/18/bin/pg_config" ;;
		*) die "version $1 is not supported here (15, 17 and 18 are)" ;;
	esac
}

# --- apt, with a configuration of its own ---------------------------------------
apt_ready=0
apt_opts=()
apt_setup() {
	[ $apt_ready = 1 ] && return
	local sources=/etc/apt/sources.list.d/debian.sources uri
	[ -r $sources ] || die "$sources not found: the archive's address comes from it"
	# the first URIs of a stanza with the main archive's suites (not -security)
	uri=$(awk '/^URIs:/ { u = $2 } /^Suites:/ && u != "" && $0 !~ /-security/ { print u; exit }' $sources)
	[ -n "$uri" ] || die "no archive address (URIs:) found in $sources"
	local key=/usr/share/keyrings/debian-archive-keyring.gpg
	mkdir -p "$top/apt/lists/partial" "$top/apt/cache/archives/partial" "$top/src" "$top/debs"
	cat >"$top/apt/sources.list.new" <<EOF
deb [signed-by=$key] $uri trixie main
deb [signed-by=$key] $uri sid main
deb-src [signed-by=$key] $uri sid main
EOF
	apt_opts=(-o "Dir::Etc::SourceList=$top/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
		-o "Dir::State::Lists=$top/apt/lists" -o "Dir::Cache=$top/apt/cache"
		-o APT::Sandbox::User=root -qq)
	# the lists are fetched again when the address changed or after a day
	if ! cmp -s "$top/apt/sources.list.new" "$top/apt/sources.list" ||
		[ -z "$(find "$top/apt/lists" -maxdepth 1 -name '*_InRelease' -mmin -1440 2>/dev/null)" ]; then
		mv "$top/apt/sources.list.new" "$top/apt/sources.list"
		apt-get "${apt_opts[@]}" update || die "apt-get update of build/pg/apt's own lists failed"
	else
		rm -f "$top/apt/sources.list.new"
	fi
	apt_ready=1
}

# the upstream tarball of source package $1 (sid), checked against the
# signed index; prints its path
source_tarball() {
	local pkg=$1 f
	f=$(find "$top/src" -maxdepth 1 -name "${pkg}_*.orig.tar.*" | sort -V | tail -1)
	if [ -z "$f" ]; then
		apt_setup
		(cd "$top/src" && apt-get "${apt_opts[@]}" source --download-only --tar-only "$pkg" >/dev/null) ||
			die "apt-get source --tar-only $pkg failed"
		f=$(find "$top/src" -maxdepth 1 -name "${pkg}_*.orig.tar.*" | sort -V | tail -1)
		[ -n "$f" ] || die "apt-get source gave no upstream tarball of $pkg"
	fi
	echo "$f"
}

# pgTAP into version $1's tree (its pg_config $2)
install_pgtap() {
	local v=$1 pgc=$2 tarball dir
	[ -f "$("$pgc" --sharedir)/extension/pgtap.control" ] && return
	tarball=$(source_tarball pgtap)
	dir=$top/$v-pgtap
	rm -rf "$dir"
	mkdir -p "$dir"
	tar -xf "$tarball" -C "$dir" --strip-components=1
	# pgTAP's Makefile asks pg_config for the version and then runs psql
	# for nothing at install time; make install only copies SQL files
	make -C "$dir" -s PG_CONFIG="$pgc" >"$dir.log" 2>&1 &&
		make -C "$dir" -s PG_CONFIG="$pgc" install >>"$dir.log" 2>&1 ||
		{ cat "$dir.log" >&2; die "building pgTAP for $v failed"; }
}

# --- 18: built from source ----------------------------------------------------------
prepare_18() {
	local prefix=$top/18 tarball build
	if [ ! -x "$prefix/bin/pg_config" ]; then
		# since 17 the tarball has no generated parser files: bison and flex
		bash tools/packages.sh build-essential bison flex libreadline-dev zlib1g-dev
		tarball=$(source_tarball postgresql-18)
		build=$top/18-build
		rm -rf "$build" "$prefix"
		mkdir -p "$build"
		tar -xf "$tarball" -C "$build" --strip-components=1
		echo "pg_versions: building PostgreSQL 18 from $(basename "$tarball") (minutes)" >&2
		# the server and its programs only (no docs, no contrib)
		if ! (cd "$build" && ./configure --prefix="$prefix" --without-icu --without-llvm >configure.log 2>&1 &&
			make -s -j"$(nproc)" >make.log 2>&1 && make -s install >install.log 2>&1); then
			tail -n 40 "$build"/*.log >&2
			die "building PostgreSQL 18 failed (logs in $build)"
		fi
		rm -rf "$build"
	fi
	install_pgtap 18 "$prefix/bin/pg_config"
}

# --- 17: trixie's binary packages, unpacked -----------------------------------------
debs_17=(postgresql-17 postgresql-client-17 postgresql-server-dev-17
	libc6 libicu76 libssl3t64 libldap2 libstdc++6 libgcc-s1 libpq5)

prepare_17() {
	local dir=$top/17 root=$top/17/root p f
	if [ ! -x "$dir/bin/pg_config" ]; then
		apt_setup
		rm -rf "$dir"
		mkdir -p "$root" "$dir/bin" "$top/debs/17"
		for p in "${debs_17[@]}"; do
			f=$(find "$top/debs/17" -maxdepth 1 -name "${p}_*.deb" | head -1)
			if [ -z "$f" ]; then
				(cd "$top/debs/17" && apt-get "${apt_opts[@]}" download "$p/trixie" >/dev/null) ||
					die "apt-get download $p/trixie failed"
				f=$(find "$top/debs/17" -maxdepth 1 -name "${p}_*.deb" | head -1)
			fi
			dpkg-deb -x "$f" "$root"
		done
		local bin=$root/usr/lib/postgresql/17/bin loader=$root/lib64/ld-linux-x86-64.so.2
		[ -e "$loader" ] || loader=$root/usr/lib64/ld-linux-x86-64.so.2
		[ -e "$loader" ] || die "trixie's libc6 has no ld-linux-x86-64.so.2 where expected"
		local libpath=$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu
		# every program (and pg_regress) becomes a script that runs the
		# real one, moved to .real/ beside it, through trixie's loader; the
		# program sees the script's path as its own (--argv0), so it finds
		# its share and lib directories relative to bin/ as usual, also in
		# a copy of usr/*/postgresql (tools/devenv.sh makes one); the
		# loader and libraries stay here
		local progs=("$bin"/* "$root/usr/lib/postgresql/17/lib/pgxs/src/test/regress/pg_regress")
		for f in "${progs[@]}"; do
			[ -f "$f" ] && [ "$(head -c4 "$f")" = $'\x7fELF' ] || continue
			mkdir -p "$(dirname "$f")/.real"
			mv "$f" "$(dirname "$f")/.real/"
			cat >"$f" <<EOF
#!/bin/sh
self=\$(readlink -f "\$0")
exec $loader --library-path $libpath --argv0 "\$0" "\${self%/*}/.real/$(basename "$f")" "\$@"
EOF
			chmod 755 "$f"
		done
		# trixie built 17 with the JIT, so PGXS would compile bitcode with
		# clang-19, which Debian 12 lacks; the clusters run with jit = off
		sed -i 's/^with_llvm\t= yes$/with_llvm\t= no/' "$root/usr/lib/postgresql/17/lib/pgxs/src/Makefile.global"
		grep '^with_llvm.*= no$' "$root/usr/lib/postgresql/17/lib/pgxs/src/Makefile.global" >/dev/null ||
			die "could not turn the bitcode off in 17's Makefile.global"
		# PGXS and the scripts find pg_config in build/pg/17/bin: the
		# unpacked one, run as above, prints the unpacked tree's paths
		ln -s "$bin/pg_config" "$dir/bin/pg_config"
		[[ "$("$dir/bin/pg_config" --version)" == "PostgreSQL 17"* ]] ||
			die "the unpacked pg_config does not run"
	fi
	install_pgtap 17 "$dir/bin/pg_config"
}

if [ "${1:-}" = pg_config ]; then
	pg_config_of "${2:?usage: pg_versions.sh pg_config VERSION}"
	exit 0
fi
[ "$(id -u)" = 0 ] || die "run me as root"
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(17 18)
for v in "${versions[@]}"; do
	case $v in
		15) [ -x "$(pg_config_of 15)" ] || die "PostgreSQL 15's pg_config is missing: bash tools/setup.sh" ;;
		17 | 18)
			start=$(date +%s)
			"prepare_$v"
			echo "pg_versions: $v ready in $(($(date +%s) - start)) s: $(pg_config_of "$v")" >&2
			;;
		*) pg_config_of "$v" >/dev/null ;;
	esac
done
