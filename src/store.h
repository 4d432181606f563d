/*
 * store.h
 *	  What a series store is made of (store.c): its definition, read from
 *	  the source's catalog entries and checked, and the pieces of SQL that
 *	  its trigger (store_trigger.c) and the functions that create, check,
 *	  rebuild and drop it (store_ddl.c) build from that definition.
 */
#ifndef INDICATOR_STORE_H
#define INDICATOR_STORE_H

#include "postgres.h"
#include "pg_compat.h"

#include "catalog/pg_class.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/relcache.h"

/* The transition tables' names in the triggers (and in the queries). */
#define STORE_OLD_ROWS "indicator_old_rows"
#define STORE_NEW_ROWS "indicator_new_rows"

/*
 * A store over a vintage table has, beside the keys and s, this column: per
 * key, a vintage at least as late as every vintage of the key's rows in the
 * source (an upper bound: late is safe).  An INSERT whose rows of a key are
 * all of later vintages changes the key's series from its own rows alone
 * (store_trigger.c).
 */
#define STORE_LATEST_VINTAGE "latest_vintage"

/*
 * The trigger's arguments: store, period column, value column, frequency,
 * keys...; a store with a vintage or an estimate column (1.2) then has an
 * empty argument (never a column's name) and the two columns' names, each
 * empty when there is none.  1.1's stores keep 1.1's arguments.
 */
#define STORE_ARG_STORE 0
#define STORE_ARG_PERIOD 1
#define STORE_ARG_VALUE 2
#define STORE_ARG_FREQUENCY 3
#define STORE_ARG_KEYS 4

typedef struct StoreColumn
{
	const char *name;			/* quoted */
	const char *raw;			/* as written */
	AttrNumber	attnum;			/* in the source */
	Oid			type;
	int32		typmod;
	Oid			collation;
	const char *eq;				/* OPERATOR(schema.=) of the type's equality */
} StoreColumn;

typedef struct StoreDef
{
	Oid			source;
	Oid			store;			/* InvalidOid while it is being created */
	const char *source_name;	/* qualified and quoted, with ONLY for a plain table */
	const char *store_name;		/* qualified and quoted */
	const char *store_label;	/* qualified, unquoted: for messages */
	const char *ext;			/* the extension's schema, quoted */
	const char *frequency;		/* 'month', 'quarter' or 'year', quoted as a literal */
	int			freq;			/* the same, PERIOD_FREQ_* */
	StoreColumn period;
	StoreColumn value;
	int			nkeys;
	StoreColumn *keys;
	const char *interval;		/* one period as an interval literal */
	bool		has_vintage;	/* the latest vintage of each period counts */
	StoreColumn vintage;
	bool		has_estimated;	/* the periods carry estimate flags */
	StoreColumn estimated;
} StoreDef;

extern const char *store_extension_schema(FunctionCallInfo fcinfo);
extern const char *store_relation_name(Oid relid);
extern void store_relation_form(Oid relid, FormData_pg_class *form);
extern void store_set_name(StoreDef *def, Oid nsp, const char *relname);
extern void store_define(StoreDef *def, Relation source, const char *ext, const char *period,
						 const char *value, const char *frequency, int nkeys, char **keys,
						 const char *vintage, const char *estimated);
extern void store_define_from_args(StoreDef *def, Relation source, const char *ext, int nargs,
								   char **args);
extern void append_source_series(StringInfo buf, const StoreDef *def);
extern void store_check_vintages(const StoreDef *def);
extern void append_keys(StringInfo buf, const StoreDef *def, const char *prefix);
extern void append_key_match(StringInfo buf, const StoreDef *def, const char *a, const char *b);
extern void append_fill(StringInfo buf, const StoreDef *def);
extern void store_spi_exec(const char *sql, int expected);
extern char *store_tie_query(const StoreDef *def, const char *rows);
extern char *store_duplicate_query(const StoreDef *def, const char *rows, const char *removed,
								   bool against_store);
extern void store_spi_exec_args_for(const char *sql, int nargs, Oid *argtypes, Datum *args,
									int expected, const StoreDef *def,
									const char *duplicate_query, bool in_source);
extern void store_spi_exec_for(const char *sql, int expected, const StoreDef *def);
extern bool store_spi_try_for(const char *sql, int expected, const StoreDef *def,
							  bool (*keep) (void *arg), void *arg);

#endif							/* INDICATOR_STORE_H */
