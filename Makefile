# indicator: PGXS build
EXTENSION = indicator
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" indicator.control)

MODULE_big = indicator
OBJS = \
	src/accessors.o \
	src/fixed_numeric.o \
	src/level.o \
	src/period.o \
	src/scalar.o \
	src/series.o \
	src/series_agg.o \
	src/series_parse.o \
	src/series_rows.o

DATA_built = indicator--$(EXTVERSION).sql
EXTRA_CLEAN = indicator--$(EXTVERSION).sql

# pg_regress tests, one file per area (sql/NAME.sql against expected/NAME.out)
REGRESS = scalar fiscal series_io series_agg accessors series_rows errors \
	oracle_gas article parallel
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

# -Wextra applies to our code; the server's headers are system headers to it
PG_CFLAGS = -Wall -Wextra -Werror
PG_CPPFLAGS = -isystem $(shell $(PG_CONFIG) --includedir-server)

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

indicator--$(EXTVERSION).sql: src/indicator.sql
	cp $< $@

# pgTAP tests (test/*.sql), run against the installed extension
.PHONY: prove
prove:
	pg_prove --ext .sql test/pgtap/
