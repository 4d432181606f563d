#!/usr/bin/env bash
# The upgrade chain: a database created by the oldest release of indicator,
# its series written by that release's own library, is brought to the
# newest version by ALTER EXTENSION indicator UPDATE, one version at a time,
# as a user would after installing each release; then
#   - every stored series reads back with the same text form, the same
#     stored image, and the same results from every accessor, both under
#     the new library before the update and after each update;
#   - a binary COPY file written by the oldest release loads back;
#   - REFRESH MATERIALIZED VIEW over the accessors gives the same rows;
#   - the catalog (test/catalog.sql: every function, aggregate, type,
#     operator, operator class and family, cast) equals a fresh install of
#     the newest version in another database; the comparison is proven by
#     a self-check that must notice a changed comment and cost.
#
# Nothing touches the system's PostgreSQL: it runs in a private relocated
# copy of PostgreSQL 15 (or PGVER's, below) and a cluster of its own
# (tools/devenv.sh), from which any indicator installed in the system is
# removed first, and which is deleted at the end.  Each release is built
# from its commit (git archive), so the history must be there: a shallow
# clone fails with a message.  Run as root (the cluster runs as the postgres user); it takes
# a minute or two, most of it copying PostgreSQL and building 1.0:
#   bash test/upgrade.sh
#
# On PostgreSQL 17 or 18 (PGVER=17 bash test/upgrade.sh: the private copy
# is made from that version's tree, tools/pg_versions.sh) the chain starts
# at 1.1: 1.0 -> 1.1 stays a PostgreSQL 15 test.  1.1's own sources do not
# compile on 16 and later (varatt.h, stringToQualifiedNameList's new
# argument, 18's pg_noreturn), so its tree is built unchanged but with
# src/pg_compat.h of the working tree forced in first (-include, with
# INDICATOR_COMPAT_OLD_SOURCES: the shims that let old sources use the old
# names); the library that writes the data is still 1.1's own code.
#
# It prints one line per check and ends with "upgrade: PASS (1.0 -> ...)",
# or "upgrade: FAIL: what differs" and exits 1 (with UPGRADE_KEEP=1 set, a
# failed run leaves its cluster running and its files, for a look).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

# Every version of the chain with the commit it was released from, oldest
# first; "." is the working tree, the version under development.  When a
# version is released, put its commit in place of "." and add the next.
chain=(
	"1.0 fddf4229d029ed24d76c92f2759e3a23ae194a05"
	"1.1 116c5271504dae8decef7836de955912d0e04912"
	"1.2 ."
)

fail() {
	echo "upgrade: FAIL: $*" >&2
	exit 1
}

pgver=${PGVER:-15}
if [ "$pgver" != 15 ]; then
	while [ "${chain[0]%% *}" != 1.1 ]; do
		chain=("${chain[@]:1}")
	done
fi

# --- the chain is sound ------------------------------------------------------
versions=()
commits=()
for entry in "${chain[@]}"; do
	read -r v c <<<"$entry"
	versions+=("$v")
	commits+=("$c")
	if [ "$c" != . ] && ! git -C "$repo" cat-file -e "$c^{commit}" 2>/dev/null; then
		how="it is not in this clone's history"
		if [ "$(git -C "$repo" rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
			how="this is a shallow clone; run 'git fetch --unshallow' (or clone with full history)"
		fi
		fail "release $v's commit $c is missing: $how"
	fi
done
oldest=${versions[0]}
newest=${versions[-1]}
path=$(printf ' -> %s' "${versions[@]}")
path=${path# -> }
control_version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" indicator.control)
[ "$control_version" = "$newest" ] ||
	fail "the chain ends at $newest but indicator.control's default_version is $control_version"

# --- a private PostgreSQL ----------------------------------------------------
name=upgrade-test-$$
root=/tmp/pg-$name
work=$(mktemp -d)
cleanup() {
	local status=$?
	if [ $status -ne 0 ] && [ -n "${UPGRADE_KEEP:-}" ]; then
		echo "upgrade: kept for a look: eval \"\$(bash tools/devenv.sh $name)\"; psql -d upgraded; files in $work" >&2
		return
	fi
	bash tools/devenv.sh "$name" stop >/dev/null 2>&1 || true
	rm -rf "$root" "$work"
}
trap cleanup EXIT
eval "$(bash tools/devenv.sh "$name")"
pkglibdir=$(pg_config --pkglibdir)
sharedir=$(pg_config --sharedir)
case "$pkglibdir:$sharedir" in
	"$root"/*:"$root"/*) ;;
	*) fail "the private copy's pg_config points outside $root ($pkglibdir, $sharedir)" ;;
esac
# an indicator installed in the system came along with the copy: remove it
rm -rf "$sharedir"/extension/indicator[.-]* "$pkglibdir"/indicator.so \
	"$pkglibdir"/bitcode/indicator "$pkglibdir"/bitcode/indicator.index.bc
mkdir -p "$work/files"
chown postgres "$work/files"
chmod a+x "$work"

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
# rows, unaligned, from the database being upgraded
query() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d upgraded "$@"; }

# Builds version $1 from commit $2 ("." the working tree: its files, not
# its build products, copied, so that the tree's own objects, perhaps of
# another PostgreSQL, stay out of it) and installs it into the private
# copy, then restarts the cluster so that the new library is the one loaded.
install_version() {
	local v=$1 c=$2 log=$work/build-$1.log src=$work/src-$1 flags=()
	mkdir -p "$src"
	if [ "$c" != . ]; then
		git -C "$repo" archive "$c" | tar -x -C "$src"
		if [ "$pgver" != 15 ]; then
			flags+=("PG_CPPFLAGS=-isystem $(pg_config --includedir-server) -include $repo/src/pg_compat.h -DINDICATOR_COMPAT_OLD_SOURCES")
		fi
	else
		git -C "$repo" ls-files -z -c -o --exclude-standard | (cd "$repo" && tar -c --null -T -) | tar -x -C "$src"
	fi
	if ! { make -C "$src" -s -j4 PG_CONFIG="$PG_CONFIG" "${flags[@]}" &&
		make -C "$src" -s PG_CONFIG="$PG_CONFIG" "${flags[@]}" install; } >"$log" 2>&1; then
		cat "$log" >&2
		fail "building $v (${c/#./the working tree}) failed"
	fi
	su postgres -c "$(dirname "$PG_CONFIG")/pg_ctl -D $root/data -l $root/data/server.log -m fast -w restart" >/dev/null
}

# --- the oldest release writes the data ----------------------------------------
install_version "$oldest" "${commits[0]}"
createdb upgraded
psql_q -d upgraded <<SQL
CREATE EXTENSION indicator VERSION '$oldest';

-- the stored image of a series (its detoasted bytes after the varlena
-- header), without the extension's functions: bytea's own send function
-- returns its argument; and its format version, the image's first byte
CREATE FUNCTION series_image(indicator_series) RETURNS bytea
	LANGUAGE internal IMMUTABLE STRICT AS 'byteasend';
CREATE FUNCTION series_format(indicator_series) RETURNS integer
	LANGUAGE sql IMMUTABLE STRICT RETURN get_byte(series_image(\$1), 0);

-- the rows every series is built from (kept, to build them again later)
CREATE TABLE obs (id integer, name text, kind text, period date,
                  num numeric, flt double precision, big bigint, i integer);
INSERT INTO obs (id, name, kind, period, num)
SELECT 1, 'numeric, int32 slots', 'numeric', make_date(2018 + g / 12, g % 12 + 1, 1), 100 + g * 1.5
FROM generate_series(0, 47) g
UNION ALL
SELECT 2, 'numeric, missing months', 'numeric', p, v
FROM (VALUES ('2019-12-01'::date, NULL::numeric), ('2020-01-01', 1.5), ('2020-02-01', NULL),
             ('2020-04-01', -2.25), ('2020-05-01', 7.5), ('2020-07-31', 0), ('2021-01-15', 3),
             ('2021-03-01', NULL)) t(p, v)
UNION ALL
SELECT 3, 'numeric, int64 slots', 'numeric', make_date(2019 + g / 12, g % 12 + 1, 1), 1234567890123.45 + g * 1000.01
FROM generate_series(0, 35) g
UNION ALL
SELECT 4, 'numeric, int128 slots (38 digits)', 'numeric', make_date(2020 + g / 12, g % 12 + 1, 1),
       CASE WHEN g % 5 = 3 THEN -1 ELSE 1 END * (123456789012345678.12345678901234567890 - g)
FROM generate_series(0, 23) g
UNION ALL
SELECT 5, 'numeric, negative', 'numeric', make_date(2019 + g / 12, g % 12 + 1, 1),
       CASE WHEN g = 17 THEN 5 ELSE -1000 - g * 7.25 END
FROM generate_series(0, 35) g
UNION ALL
SELECT 6, 'numeric, one month', 'numeric', '2021-06-01', 42.5
UNION ALL
SELECT 14, 'numeric, every month missing', 'numeric', p::date, NULL
FROM generate_series('2001-01-01'::date, '2001-06-01', '1 month') p
UNION ALL
SELECT 15, 'numeric, a long span (compressed)', 'numeric', make_date(1900 + g / 12, g % 12 + 1, 1), (g % 1000) * 0.5
FROM generate_series(0, 1199) g;
INSERT INTO obs (id, name, kind, period, flt)
SELECT 7, 'float8, one month', 'float8', '2021-06-01', 0.1
UNION ALL
SELECT 8, 'float8, fractions', 'float8', make_date(2019 + g / 12, g % 12 + 1, 1), (g + 1) / 7.0
FROM generate_series(0, 35) g
UNION ALL
SELECT 9, 'float8, missing months and extremes', 'float8', p, v
FROM (VALUES ('2020-02-01'::date, 1.7976931348623157e308::float8), ('2020-03-01', NULL),
             ('2020-04-01', 5e-324), ('2020-05-01', -0.0), ('2020-07-01', -2.5e-10),
             ('2020-08-01', 123456789.123456789), ('2020-09-01', 2.2250738585072014e-308)) t(p, v)
UNION ALL
SELECT 12, 'float8, a long span (out of line)', 'float8', make_date(1900 + g / 12, g % 12 + 1, 1), sin(g) * 1e6
FROM generate_series(0, 1199) g;
INSERT INTO obs (id, name, kind, period, big)
VALUES (10, 'bigint', 'bigint', '2010-01-01', 9223372036854775807),
       (10, 'bigint', 'bigint', '2010-02-01', -9223372036854775808),
       (10, 'bigint', 'bigint', '2010-03-01', 0);
INSERT INTO obs (id, name, kind, period, i)
SELECT 11, 'integer', 'integer', make_date(2020, g, 1), g * 1000
FROM generate_series(1, 12) g;

CREATE VIEW build AS
SELECT id, name, series_agg(period, num) AS s FROM obs WHERE kind = 'numeric' GROUP BY id, name
UNION ALL
SELECT id, name, series_agg(period, flt) FROM obs WHERE kind = 'float8' GROUP BY id, name
UNION ALL
SELECT id, name, series_agg(period, big) FROM obs WHERE kind = 'bigint' GROUP BY id, name
UNION ALL
SELECT id, name, series_agg(period, i) FROM obs WHERE kind = 'integer' GROUP BY id, name;

CREATE TABLE store (id integer PRIMARY KEY, name text NOT NULL, s indicator_series,
                    arr indicator_series[]);
INSERT INTO store (id, name, s) SELECT id, name, s FROM build;
INSERT INTO store (id, name, s) VALUES (20, 'typed in', 'numeric {2021-01: 100.50, 2021-02: NULL, 2021-03: 98.25}'),
                                       (21, 'no series', NULL);
UPDATE store SET arr = ARRAY[s, (SELECT s FROM store WHERE id = 8), NULL] WHERE id IN (1, 2, 9);

-- the forms the oldest release gave, kept as plain text and bytea
CREATE TABLE before_forms AS
SELECT id, s::text AS text_form, series_image(s) AS image, indicator_series_send(s) AS send
FROM store;

-- a binary COPY file written by the oldest release
COPY store TO '$work/files/store.bin' (FORMAT binary);

-- every accessor over every stored series: one row per series and year,
-- one per month (series_rows)
CREATE MATERIALIZED VIEW facts AS
SELECT st.id, y.year, NULL::date AS period,
       annual(st.s, y.year) AS annual_sum,
       annual(st.s, y.year, 'avg') AS annual_avg,
       annual(st.s, y.year, 'last', 7) AS annual_last_fy7,
       annual_growth_pct(st.s, y.year) AS annual_growth,
       annual_growth_pct(st.s, y.year, 'avg', 4) AS annual_growth_avg_fy4,
       value_at(st.s, make_date(y.year, 6, 1)) AS value_jun,
       mom_pct(st.s, make_date(y.year, 6, 1)) AS mom_jun,
       yoy_pct(st.s, make_date(y.year, 6, 1)) AS yoy_jun,
       ytd(st.s, make_date(y.year, 6, 1)) AS ytd_jun,
       ytd(st.s, make_date(y.year, 6, 1), 4) AS ytd_jun_fy4,
       ytd_growth_pct(st.s, make_date(y.year, 6, 1)) AS ytd_growth_jun,
       attainment_pct(st.s, y.year, 1000) AS attain,
       attainment_pct(st.s, y.year, 1000, 'avg') AS attain_avg,
       ytd_attainment_pct(st.s, make_date(y.year, 6, 1), 1000) AS ytd_attain,
       expected_ytd_share_pct(st.s, make_date(y.year, 6, 1)) AS share,
       projected_annual(st.s, make_date(y.year, 6, 1)) AS projected,
       projected_annual(st.s, make_date(y.year, 6, 1), 'run_rate') AS run_rate,
       required_monthly(st.s, make_date(y.year, 6, 1), 1000) AS req_monthly,
       required_growth_rest_pct(st.s, make_date(y.year, 6, 1), 1000) AS req_growth,
       NULL::numeric AS value, NULL::float8 AS mom_pct, NULL::float8 AS yoy_pct,
       NULL::numeric AS ytd, NULL::float8 AS ytd_growth_pct
FROM store st
CROSS JOIN LATERAL generate_series(extract(year FROM first_month(st.s))::int,
                                   extract(year FROM last_month(st.s))::int) AS y(year)
UNION ALL
SELECT st.id, NULL, r.period, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       r.value, r.mom_pct, r.yoy_pct, r.ytd, r.ytd_growth_pct
FROM store st CROSS JOIN LATERAL series_rows(st.s, 4) AS r;
SQL

# What must not change: every stored series' text form, image, span and
# missing months, the arrays, and the view's rows (as stored, or refreshed).
snapshot() {
	query <<'SQL'
SELECT concat_ws(' | ', 'store', id, name, s::text, md5(series_image(s)),
                 first_month(s), last_month(s), month_count(s), missing_months(s), arr::text)
FROM store ORDER BY id;
SELECT 'facts | ' || f::text FROM facts f ORDER BY id, year, period;
SQL
}
snapshot >"$work/before.txt"
n_series=$(query -c "SELECT count(s) FROM store")
n_facts=$(query -c "SELECT count(*) FROM facts")

# The snapshot now equals the oldest release's; $1 names what is compared.
same_as_before() {
	snapshot >"$work/now.txt" || fail "$1: reading the data failed"
	if ! diff -u "$work/before.txt" "$work/now.txt" >"$work/data.diff"; then
		head -60 "$work/data.diff" >&2
		fail "$1 differ from $oldest's (diff above: - $oldest, + now)"
	fi
}

# Every check of the stored data; $1 says when.
check_data() {
	local when=$1
	same_as_before "$when: stored data or accessor results"
	# the binary form: the same bytes wherever the format version is the same
	bad=$(query -c "
		SELECT string_agg(b.id::text, ', ' ORDER BY b.id) FROM store st JOIN before_forms b USING (id)
		WHERE get_byte(b.send, 0) = get_byte(indicator_series_send(st.s), 0)
		  AND b.send <> indicator_series_send(st.s)")
	[ -z "$bad" ] || fail "$when: the binary form of series $bad changed within one format version"
	# the binary COPY file of the oldest release loads back, equal
	bad=$(query <<SQL
CREATE TEMP TABLE store_copy (LIKE store);
COPY store_copy FROM '$work/files/store.bin' (FORMAT binary);
SELECT string_agg(coalesce(a.id, b.id)::text, ', ' ORDER BY coalesce(a.id, b.id))
FROM store a FULL JOIN store_copy b USING (id)
WHERE a.id IS NULL OR b.id IS NULL OR a.name <> b.name
   OR a.s::text IS DISTINCT FROM b.s::text OR a.arr::text IS DISTINCT FROM b.arr::text
   OR (series_format(a.s) = series_format(b.s)
       AND series_image(a.s) <> series_image(b.s));
SQL
)
	[ -z "$bad" ] || fail "$when: the binary COPY file of $oldest loads back different for series $bad"
	# the view recomputed by the library and functions now installed
	psql_q -d upgraded -c "REFRESH MATERIALIZED VIEW facts"
	same_as_before "$when: the rows of REFRESH MATERIALIZED VIEW"
	# series built again from the same rows: the same text, and the same
	# image where the format version is the same
	bad=$(query -c "
		SELECT string_agg(st.id::text, ', ' ORDER BY st.id) FROM store st JOIN build b USING (id)
		WHERE st.s::text <> b.s::text
		   OR (series_format(st.s) = series_format(b.s)
		       AND series_image(st.s) <> series_image(b.s))")
	[ -z "$bad" ] || fail "$when: series $bad built again from the same rows differ from the stored ones"
	same=$(query -c "
		SELECT count(*) FILTER (WHERE series_image(st.s) = series_image(b.s)) || ' of ' || count(*)
		FROM store st JOIN build b USING (id)")
	echo "upgrade: $when: $n_series series, $n_facts view rows, the binary COPY file: unchanged;" \
		"built again from their rows: the same text, $same the same image"
}

# A series store made by 1.1 (series_store, 1.1's triggers), loaded by a
# role that holds INSERT, UPDATE and DELETE on the source: 1.1's triggers
# write the store as that role, so 1.1 also needs its rights on the store.
store_made=
extra_stores=()
make_store() {
	psql_q -d upgraded <<'SQL'
SET client_min_messages = warning;
DROP ROLE IF EXISTS upgrade_loader;
CREATE ROLE upgrade_loader;
CREATE TABLE trade (region text, period date, value numeric(12,2));
INSERT INTO trade SELECT r, make_date(2020, m, 1), r::int * 100 + m
FROM unnest('{1,2,3}'::text[]) r, generate_series(1, 12) m;
DO $$ BEGIN PERFORM series_store('trade', 'trade_store', '{region}'); END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON trade TO upgrade_loader;
GRANT SELECT, INSERT, UPDATE, DELETE ON trade_store TO upgrade_loader;
SET ROLE upgrade_loader;
INSERT INTO trade VALUES ('1', '2021-01-01', 1), ('4', '2021-01-01', 4);
UPDATE trade SET value = value + 1 WHERE region = '2' AND period = '2020-12-01';
SQL
	store_made=1
	check_store "a store made by 1.1, loaded by 1.1"
}
# After an update: the loader's rights on the store are taken away (a
# store is written as its owner from 1.2 on), and a month arrives, a value
# is revised, a row goes; the store follows.
load_store() {
	psql_q -d upgraded <<'SQL'
REVOKE ALL ON trade_store FROM upgrade_loader;
SET ROLE upgrade_loader;
INSERT INTO trade SELECT r, '2021-02-01', 2 FROM unnest('{1,2,3,4,5}'::text[]) r;
UPDATE trade SET value = value + 1 WHERE region = '3' AND period = '2020-06-01';
DELETE FROM trade WHERE region = '1' AND period = '2020-01-01';
SQL
	check_store "$1: the store made by 1.1, loaded by a role without rights on it"
	local st bad
	for st in "${extra_stores[@]}"; do
		bad=$(query -c "SELECT count(*) FROM series_store_check('$st')")
		[ "$bad" = 0 ] || fail "$1: series_store_check('$st') reports $bad keys"
	done
}
check_store() {
	local bad
	bad=$(query -c "SELECT count(*) FROM series_store_check('trade_store')")
	[ "$bad" = 0 ] || fail "$1: series_store_check reports $bad keys"
	bad=$(query <<'SQL'
SELECT count(*) FROM (
	(SELECT region, r.period, r.value FROM trade_store, series_rows(s) r WHERE r.value IS NOT NULL
	 EXCEPT ALL SELECT region, period, value FROM trade)
	UNION ALL
	(SELECT region, period, value FROM trade
	 EXCEPT ALL SELECT region, r.period, r.value FROM trade_store, series_rows(s) r WHERE r.value IS NOT NULL)) d;
SQL
)
	[ "$bad" = 0 ] || fail "$1: $bad (key, month, value) differ between the store and its source"
	echo "upgrade: $1: the store equals its source ($(query -c "SELECT count(*) FROM trade") rows)"
}

# --- each later version in turn --------------------------------------------------
from=$oldest
for ((k = 1; k < ${#versions[@]}; k++)); do
	v=${versions[k]}
	install_version "$v" "${commits[k]}"
	# the old catalog on the new library, as between make install and the update
	check_data "$from's objects on $v's library"
	if [ -n "$store_made" ]; then
		check_store "$from's store on $v's library"
		# series_store as $from declared it (six arguments for 1.1), run by $v's library
		psql_q -d upgraded -c "DO \$\$ BEGIN PERFORM series_store('trade', 'trade_store_$k', '{region}'); END \$\$"
		bad=$(query -c "SELECT count(*) FROM series_store_check('trade_store_$k')")
		[ "$bad" = 0 ] || fail "a store made by $from's series_store on $v's library differs from its source"
		extra_stores+=("trade_store_$k")
	fi
	psql_q -d upgraded -c "ALTER EXTENSION indicator UPDATE TO '$v'"
	got=$(query -c "SELECT extversion FROM pg_extension WHERE extname = 'indicator'")
	[ "$got" = "$v" ] || fail "after ALTER EXTENSION indicator UPDATE TO '$v' the version is $got"
	check_data "updated $from -> $v"
	if [ "$v" = 1.1 ]; then
		make_store
	elif [ -n "$store_made" ]; then
		load_store "updated $from -> $v"
	fi
	from=$v
done

# --- the catalog equals a fresh install of the newest version ------------------
createdb fresh
psql_q -d fresh -c "CREATE EXTENSION indicator VERSION '$newest'"
catalog() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -f test/catalog.sql; }
catalog upgraded >"$work/catalog-upgraded.txt"
catalog fresh >"$work/catalog-fresh.txt"
n_objects=$(grep -c '^[a-z]' "$work/catalog-fresh.txt")
if ! diff -u "$work/catalog-fresh.txt" "$work/catalog-upgraded.txt" >"$work/catalog.diff"; then
	cat "$work/catalog.diff" >&2
	fail "the catalog after updating $oldest -> $newest differs from a fresh $newest install (diff above: - fresh, + updated)"
fi
echo "upgrade: the catalog after $path equals a fresh $newest install ($n_objects objects)"

# the comparison notices a difference: a changed comment and cost in a copy
# of the fresh database
createdb -T fresh altered
psql_q -d altered \
	-c "COMMENT ON FUNCTION ytd(indicator_series, date, integer) IS 'changed'" \
	-c "ALTER FUNCTION mom_pct(indicator_series, date) COST 5"
catalog altered >"$work/catalog-altered.txt"
changed=$(diff "$work/catalog-fresh.txt" "$work/catalog-altered.txt" | grep -c '^>' || true)
if ! grep -qx $'\tcomment changed' "$work/catalog-altered.txt" ||
	! grep -qx $'\tcost 5 rows 0' "$work/catalog-altered.txt" || [ "$changed" -ne 2 ]; then
	diff "$work/catalog-fresh.txt" "$work/catalog-altered.txt" >&2 || true
	fail "self-check: the catalog comparison did not notice a changed comment and cost"
fi
echo "upgrade: self-check: the catalog comparison notices a changed comment and a changed cost"

echo "upgrade: PASS ($path)"
