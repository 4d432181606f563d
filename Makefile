# indicator: PGXS build
EXTENSION = indicator
# (srcdir: the source tree, also in a VPATH build such as Debian's build-15/)
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(srcdir)/$(EXTENSION).control)

MODULE_big = indicator
OBJS = \
	src/accessors.o \
	src/estimates.o \
	src/exact_sum.o \
	src/fixed_numeric.o \
	src/indices.o \
	src/level.o \
	src/period.o \
	src/prices.o \
	src/ranges.o \
	src/revisions.o \
	src/scalar.o \
	src/seasonal.o \
	src/series.o \
	src/series_agg.o \
	src/series_compare.o \
	src/series_parse.o \
	src/series_rollup.o \
	src/series_rows.o \
	src/series_set.o \
	src/store.o \
	src/store_ddl.o \
	src/store_trigger.o \
	src/vintage.o \
	src/wording.o \
	src/working_days.o

# The fresh install script is built from 1.0's objects (src/indicator.sql)
# followed by every upgrade script since, so that a fresh install and an
# upgraded one create the same objects; the upgrade scripts are installed
# as they are.
UPGRADES = src/indicator--1.0--1.1.sql src/indicator--1.1--1.2.sql
DATA_built = indicator--$(EXTVERSION).sql
DATA = $(UPGRADES)
EXTRA_CLEAN = indicator--$(EXTVERSION).sql

# pg_regress tests, one file per area (sql/NAME.sql against expected/NAME.out);
# make installcheck runs them and needs nothing outside the repository
REGRESS = scalar fiscal series_io storage series_agg accessors series_rows rollup errors periods resolution \
	estimates \
	annual_rows series_rows_last_year partial_totals \
	article parallel limits security indices indices_properties index_agg_exact series_compare store store_citus wording ranges \
	prices seasonal vintage revisions store_owner store_vintage
REGRESS_OPTS = --load-extension=$(EXTENSION)
# Tests on real published data that is not in the repository (its licences are
# not the PostgreSQL Licence): they read ../shared/data/real/ beside the
# checkout (see CONTRIBUTING in README.md).  make installcheck-realdata runs
# them the same way; test/run.sh runs both.
REGRESS_REALDATA = series_agg_realdata series_rows_realdata rollup_realdata oracle_gas oracle_quarterly fdw \
	annual_rows_realdata series_rows_last_year_realdata \
	oracle_ranges prices_realdata seasonal_realdata revisions_realdata vintage_fdw

# -Wextra applies to our code; the server's headers are system headers to it.
# No -Werror here (a newer compiler's new warning must not break a build);
# CI adds it: make COPT=-Werror (.ci/werror.sh)
PG_CFLAGS = -Wall -Wextra
# INDICATOR_VERSION: the version the library declares on PostgreSQL 18 and
# later (src/pg_compat.h)
PG_CPPFLAGS = -isystem $(shell $(PG_CONFIG) --includedir-server) -DINDICATOR_VERSION='"$(EXTVERSION)"'


PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

indicator--$(EXTVERSION).sql: $(srcdir)/src/indicator.sql $(addprefix $(srcdir)/,$(UPGRADES))
	{ cat $(srcdir)/src/indicator.sql; for u in $(addprefix $(srcdir)/,$(UPGRADES)); do grep -v '^\\echo ' $$u; done; } > $@

# A VPATH build (make -f SRC/Makefile VPATH=SRC, as Debian's pg_buildext
# does in build-15/) writes the objects to src/ of the build directory
ifneq ($(srcdir),.)
$(shell mkdir -p src)
endif

# PGXS tracks no header dependencies: rebuild every object when a header changes
$(OBJS): $(wildcard $(srcdir)/src/*.h)

# The release archive (for PGXN: META.json), from git: the committed files
# of HEAD, under indicator-VERSION/
.PHONY: dist
dist:
	git archive --format zip --prefix=$(EXTENSION)-$(EXTVERSION)/ --output $(EXTENSION)-$(EXTVERSION).zip HEAD

.PHONY: installcheck-realdata
installcheck-realdata: submake $(REGRESS_PREP)
	@if [ ! -d ../shared/data/real ]; then \
		echo "installcheck-realdata: ../shared/data/real not found: these tests read real data kept beside the repository" >&2; \
		exit 1; \
	fi
	$(pg_regress_installcheck) $(REGRESS_OPTS) $(REGRESS_REALDATA)

# pgTAP tests, run against the installed extension: test/pgtap/ needs nothing
# outside the repository, test/pgtap-realdata/ reads ../shared/data/real/
.PHONY: prove prove-realdata
prove:
	pg_prove --ext .sql test/pgtap/
prove-realdata:
	pg_prove --ext .sql test/pgtap-realdata/

# Fuzz the indicator_series text parser outside the server (libFuzzer with
# AddressSanitizer and UBSan), for FUZZ_SECONDS; new corpus entries stay in
# tmp_fuzz/ (not committed).  Needs clang and libclang-rt-14-dev.
FUZZ_SECONDS ?= 60
.PHONY: fuzz-parser
fuzz-parser:
	mkdir -p tmp_fuzz/corpus
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-Wall -Wextra -Werror -Isrc test/fuzz/fuzz_parser.c src/series_parse.c -lm -o tmp_fuzz/fuzz_parser
	cp test/fuzz/corpus/* tmp_fuzz/corpus/
	tmp_fuzz/fuzz_parser -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -print_final_stats=1 tmp_fuzz/corpus

# Differential fuzzing of the numeric percentages against numeric arithmetic,
# in the server that PG* names (the extension installed): FUZZ_PAIRS pairs of
# each of four kinds, a new seed each run.
FUZZ_PAIRS ?= 1000000
.PHONY: fuzz-pct
fuzz-pct:
	psql -X -q -v ON_ERROR_STOP=1 -v n=$(FUZZ_PAIRS) -v seed=0.$$(od -An -tu4 -N4 /dev/urandom | tr -d ' ') \
		-c 'CREATE EXTENSION IF NOT EXISTS indicator' -f test/fuzz/pct.sql

# The speed benchmark (see BENCHMARKS.md); BENCH_SERIES sizes, REPEATS rounds.
BENCH_SERIES ?= 20000
.PHONY: bench
bench:
	bash bench/run.sh $(BENCH_SERIES)

# Static analysis of src/: cppcheck and clang-tidy (checks in .clang-tidy)
.PHONY: lint
lint:
	bash tools/lint.sh

# The regression suite against a server under valgrind memcheck (about 8
# minutes), and a bounded sqlsmith run (SQLSMITH_QUERIES random queries);
# see docs/robustness.md.
.PHONY: valgrind sqlsmith
valgrind:
	bash test/valgrind.sh
SQLSMITH_QUERIES ?= 3000
sqlsmith:
	bash test/sqlsmith.sh $(SQLSMITH_QUERIES)
