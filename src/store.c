/*
 * store.c
 *	  Stored series kept current: series_set, and the series store (a table
 *	  of one indicator_series per key, kept equal to series_agg over a
 *	  source table by triggers): series_store, its trigger function,
 *	  series_store_check, series_store_rebuild and series_store_drop.
 *
 * A store holds, for every key of the source that has at least one value,
 * series_trim(series_agg(period, value)) over the key's rows: stored series
 * never have missing months at their ends, and a key whose rows hold no
 * value (none left, or only NULL values) has no row in the store.
 *
 * The triggers are AFTER ... FOR EACH STATEMENT with transition tables: one
 * statement's rows are grouped by key into the months it removes (old rows)
 * and a series of the months it adds (new rows), and every affected store
 * row is changed by one UPDATE (new keys by one INSERT ... ON CONFLICT).
 * Statement level gives the source's final state, not an intermediate one:
 * an UPDATE that swaps two rows' months is no duplicate, and PostgreSQL
 * fires a MERGE's DELETE, UPDATE and INSERT statement triggers, and an
 * INSERT ... ON CONFLICT's UPDATE and INSERT ones, in that order, so months
 * are removed before any are added.  Each affected store row is changed by
 * an UPDATE whose new value is computed from the row's latest version (in
 * READ COMMITTED, a concurrent update is waited for and re-read), so loads
 * from several sessions serialize on the store's rows and lose no month.
 *
 * Everything run through SPI is schema-qualified: tables with
 * quote_qualified_identifier, the extension's functions by the schema the
 * called function lives in, operators as OPERATOR(schema.=) of the key
 * type's own equality: a search_path set by the caller redirects nothing.
 * Nothing is SECURITY DEFINER: the triggers run as the user who loads.
 *
 * A store is described by its triggers' arguments (the store's name, the
 * period, value and key columns), which pg_dump keeps; each trigger also
 * depends on the store table, so that dropping the store asks for CASCADE.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"
#include "utils/varlena.h"

#include "series.h"

/* series_agg's transition functions (series_agg.c), which series_set reuses */
extern Datum series_agg_numeric_transfn(PG_FUNCTION_ARGS);
extern Datum series_agg_float8_transfn(PG_FUNCTION_ARGS);
extern Datum series_agg_int8_transfn(PG_FUNCTION_ARGS);
extern Datum series_agg_int4_transfn(PG_FUNCTION_ARGS);
extern Datum series_agg_combine(PG_FUNCTION_ARGS);

/* The transition tables' names in the triggers (and in the queries). */
#define STORE_OLD_ROWS "indicator_old_rows"
#define STORE_NEW_ROWS "indicator_new_rows"

/* The trigger's arguments: store, period column, value column, frequency, keys... */
#define STORE_ARG_STORE 0
#define STORE_ARG_PERIOD 1
#define STORE_ARG_VALUE 2
#define STORE_ARG_FREQUENCY 3
#define STORE_ARG_KEYS 4

/* The trigger events, and the suffixes of the triggers' names. */
static const char *const store_events[] = {"INSERT", "UPDATE", "DELETE", "TRUNCATE"};
static const char *const store_trigger_suffixes[] = {"ins", "upd", "del", "trunc"};

/*
 * ---------------------------------------------------------------------------
 * series_set
 * ---------------------------------------------------------------------------
 */

/*
 * s with the period holding month "month" missing: a copy, in its smallest
 * form.  A period outside the span is left alone (series_agg's transition
 * extends the span).
 */
static IndicatorSeries *
series_without_month(const IndicatorSeries *s, int32 month)
{
	IndicatorSeries *copy = series_compact(s);
	int64		period = month_to_period(month, copy->frequency);
	Level		v;

	if (series_month(copy, period, &v))
	{
		series_set_missing(copy, (int32) (period - copy->first), 1);
		copy->npresent--;
	}
	return copy;
}

/*
 * series_set(s, period, value): s with the value of period's month replaced
 * by value, as series_agg would build it from s's months and the row
 * (period, value): the span grows as needed, a NULL value marks the month
 * missing (and, outside the span, extends the span to it, as a NULL row does
 * to series_agg), a NULL s starts a series.  The value is converted to the
 * series' kind: into a numeric series as value::numeric, into a float8
 * series as value::double precision.
 */
static Datum
series_set_common(FunctionCallInfo fcinfo, Oid value_type)
{
	IndicatorSeries *s = PG_ARGISNULL(0) ? NULL : PG_GETARG_INDICATOR_SERIES_P(0);
	uint8		kind;
	PGFunction	transfn;
	Datum		value = PG_GETARG_DATUM(2);
	Datum		result;
	int32		month;
	FmgrInfo	flinfo;

	LOCAL_FCINFO(agg, 4);

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("period cannot be NULL"),
				 errhint("Pass a date inside the month to set.")));
	month = date_to_month(PG_GETARG_DATEADT(1), "period");

	kind = value_type == FLOAT8OID ? SERIES_KIND_FLOAT8 : SERIES_KIND_NUMERIC;
	if (s != NULL)
		kind = s->kind;

	/* the value in the series' kind, and series_agg's transition for it */
	if (kind == SERIES_KIND_FLOAT8)
	{
		transfn = series_agg_float8_transfn;
		if (PG_ARGISNULL(2) || value_type == FLOAT8OID)
			;
		else if (value_type == NUMERICOID)
			value = DirectFunctionCall1(numeric_float8, value);
		else if (value_type == INT8OID)
			value = Float8GetDatum((double) DatumGetInt64(value));
		else
			value = Float8GetDatum((double) DatumGetInt32(value));
	}
	else if (value_type == FLOAT8OID)
	{
		transfn = series_agg_numeric_transfn;
		if (!PG_ARGISNULL(2))
			value = DirectFunctionCall1(float8_numeric, value);
	}
	else
		transfn = value_type == NUMERICOID ? series_agg_numeric_transfn :
			value_type == INT8OID ? series_agg_int8_transfn : series_agg_int4_transfn;

	/*
	 * Called as a plain function, the transition works on a copy of s; with
	 * s's frequency (a series of months, quarters or years).
	 */
	MemSet(&flinfo, 0, sizeof(flinfo));
	flinfo.fn_mcxt = CurrentMemoryContext;
	InitFunctionCallInfoData(*agg, &flinfo, 4, PG_GET_COLLATION(), NULL, NULL);
	agg->args[3].value = CStringGetTextDatum(frequency_name(s == NULL ? SERIES_FREQ_MONTH : s->frequency));
	agg->args[3].isnull = false;
	agg->args[0].value = s == NULL ? (Datum) 0 : PointerGetDatum(series_without_month(s, month));
	agg->args[0].isnull = s == NULL;
	agg->args[1].value = PG_GETARG_DATUM(1);
	agg->args[1].isnull = false;
	agg->args[2].value = value;
	agg->args[2].isnull = PG_ARGISNULL(2);
	result = transfn(agg);
	Assert(!agg->isnull);
	PG_RETURN_DATUM(result);
}

/* series_set(indicator_series, date, numeric) */
PG_FUNCTION_INFO_V1(series_set_numeric);
Datum
series_set_numeric(PG_FUNCTION_ARGS)
{
	return series_set_common(fcinfo, NUMERICOID);
}

/* series_set(indicator_series, date, double precision) */
PG_FUNCTION_INFO_V1(series_set_float8);
Datum
series_set_float8(PG_FUNCTION_ARGS)
{
	return series_set_common(fcinfo, FLOAT8OID);
}

/* series_set(indicator_series, date, bigint) */
PG_FUNCTION_INFO_V1(series_set_int8);
Datum
series_set_int8(PG_FUNCTION_ARGS)
{
	return series_set_common(fcinfo, INT8OID);
}

/* series_set(indicator_series, date, integer) */
PG_FUNCTION_INFO_V1(series_set_int4);
Datum
series_set_int4(PG_FUNCTION_ARGS)
{
	return series_set_common(fcinfo, INT4OID);
}

/*
 * ---------------------------------------------------------------------------
 * Applying a statement's changes to a stored series
 * ---------------------------------------------------------------------------
 */

/*
 * s without the missing months at the ends of its span, in its smallest
 * form (s itself when it is compact and trimmed); NULL when no month holds
 * a value.
 */
static IndicatorSeries *
store_trim(const IndicatorSeries *s)
{
	Level		v;

	if (s->npresent > 0 && s->capacity == s->nmonths &&
		series_get(s, 0, &v) && series_get(s, s->nmonths - 1, &v))
		return (IndicatorSeries *) s;	/* trimmed and compact already */
	return series_trim_copy(s);
}

/*
 * series_store_apply(s indicator_series, removed date[], added
 * indicator_series): s without the months of "removed", then with the
 * months of "added" (a month that s still holds is 21000, as series_agg
 * raises for two rows of one month), trimmed; NULL when no month is left.
 * The triggers' update of one stored series.
 */
PG_FUNCTION_INFO_V1(series_store_apply);
Datum
series_store_apply(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_ARGISNULL(0) ? NULL : PG_GETARG_INDICATOR_SERIES_P(0);

	if (s != NULL && !PG_ARGISNULL(1))
	{
		ArrayType  *removed = PG_GETARG_ARRAYTYPE_P(1);
		Datum	   *dates;
		bool	   *nulls;
		int			n;

		deconstruct_array(removed, DATEOID, sizeof(DateADT), true, TYPALIGN_INT,
						  &dates, &nulls, &n);
		s = series_compact(s);	/* ours to change */
		for (int i = 0; i < n; i++)
		{
			int64		period;
			Level		v;

			if (nulls[i])
				continue;
			period = month_to_period(date_to_month(DatumGetDateADT(dates[i]), "period"),
									 s->frequency);
			if (series_month(s, period, &v))
			{
				series_set_missing(s, (int32) (period - s->first), 1);
				s->npresent--;
			}
		}
	}
	if (s != NULL && !PG_ARGISNULL(1) && PG_ARGISNULL(2))
		s = series_compact(s);	/* a wide value removed: narrower slots may do */
	if (!PG_ARGISNULL(2))
	{
		Datum		added = PG_GETARG_DATUM(2);

		/* the union of series_agg's combine function: one month twice is 21000 */
		if (s == NULL || s->npresent == 0)
			s = DatumGetIndicatorSeriesP(added);
		else
			s = DatumGetIndicatorSeriesP(DirectFunctionCall2(series_agg_combine,
															 PointerGetDatum(s), added));
	}
	if (s == NULL || (s = store_trim(s)) == NULL)
		PG_RETURN_NULL();
	PG_RETURN_INDICATOR_SERIES_P(s);
}

/*
 * ---------------------------------------------------------------------------
 * What a store is made of
 * ---------------------------------------------------------------------------
 */

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
	const char *ext;			/* the extension's schema, quoted */
	const char *frequency;		/* 'month', 'quarter' or 'year', quoted as a literal */
	StoreColumn period;
	StoreColumn value;
	int			nkeys;
	StoreColumn *keys;
} StoreDef;

/* The quoted schema of the function being called: the extension's schema. */
static const char *
store_extension_schema(FunctionCallInfo fcinfo)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);

	return quote_identifier(get_namespace_name(nsp));
}

static const char *
store_relation_name(Oid relid)
{
	return quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
									  get_rel_name(relid));
}

/* OPERATOR(schema.=) of a type's default equality (the store's primary key's). */
static const char *
store_equality(Oid type, const char *column)
{
	TypeCacheEntry *tc = lookup_type_cache(type, TYPECACHE_EQ_OPR);
	HeapTuple	tup;
	Form_pg_operator op;
	const char *result;

	if (!OidIsValid(tc->eq_opr))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("key column %s of type %s has no default equality operator",
						column, format_type_be(type)),
				 errhint("A store's keys need a btree operator class, as a primary key does.")));
	tup = SearchSysCache1(OPEROID, ObjectIdGetDatum(tc->eq_opr));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for operator %u", tc->eq_opr);
	op = (Form_pg_operator) GETSTRUCT(tup);
	result = psprintf("OPERATOR(%s.%s)",
					  quote_identifier(get_namespace_name(op->oprnamespace)),
					  NameStr(op->oprname));
	ReleaseSysCache(tup);
	return result;
}

/* A column of the source, by name. */
static void
store_column(Relation source, const char *name, const char *role, StoreColumn *col)
{
	AttrNumber	attnum = InvalidAttrNumber;
	TupleDesc	desc = RelationGetDescr(source);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
		{
			attnum = att->attnum;
			col->type = att->atttypid;
			col->typmod = att->atttypmod;
			col->collation = att->attcollation;
			break;
		}
	}
	if (attnum == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s column \"%s\" of source \"%s\" does not exist",
						role, name, RelationGetRelationName(source))));
	col->attnum = attnum;
	col->name = quote_identifier(name);
	col->raw = name;
	col->eq = NULL;
}

/*
 * A store's definition from the source (locked by the caller) and the
 * names of its columns; checks them.
 */
static void
store_define(StoreDef *def, Relation source, const char *ext, const char *period,
			 const char *value, const char *frequency, int nkeys, char **keys)
{
	char		relkind = RelationGetForm(source)->relkind;

	if (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("source \"%s\" is not a table", RelationGetRelationName(source)),
				 errhint("A store is kept current by triggers on a table or a partitioned table.")));
	/* an unknown frequency is 22023 */
	def->frequency = quote_literal_cstr(frequency_name(frequency_from_name(frequency, strlen(frequency))));
	if (nkeys < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a store needs at least one key column")));

	def->source = RelationGetRelid(source);
	def->ext = ext;
	/* statements on a plain table's inheritance children fire none of its triggers */
	def->source_name = psprintf("%s%s", relkind == RELKIND_RELATION ? "ONLY " : "",
								store_relation_name(def->source));
	store_column(source, period, "period", &def->period);
	if (getBaseType(def->period.type) != DATEOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("period column \"%s\" is of type %s, not date", period,
						format_type_be(def->period.type))));
	store_column(source, value, "value", &def->value);
	def->nkeys = nkeys;
	def->keys = palloc(sizeof(StoreColumn) * nkeys);
	for (int i = 0; i < nkeys; i++)
	{
		store_column(source, keys[i], "key", &def->keys[i]);
		if (def->keys[i].attnum == def->period.attnum || def->keys[i].attnum == def->value.attnum)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("column \"%s\" cannot be both a key and the period or value", keys[i])));
		for (int j = 0; j < i; j++)
			if (def->keys[j].attnum == def->keys[i].attnum)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("key column \"%s\" is named twice", keys[i])));
		def->keys[i].eq = store_equality(def->keys[i].type, def->keys[i].name);
	}
}

/* "prefix.k1, prefix.k2" */
static void
append_keys(StringInfo buf, const StoreDef *def, const char *prefix)
{
	for (int i = 0; i < def->nkeys; i++)
		appendStringInfo(buf, "%s%s%s%s", i > 0 ? ", " : "", prefix ? prefix : "",
						 prefix ? "." : "", def->keys[i].name);
}

/* "a.k1 OPERATOR(s.=) b.k1 AND ..." */
static void
append_key_match(StringInfo buf, const StoreDef *def, const char *a, const char *b)
{
	for (int i = 0; i < def->nkeys; i++)
		appendStringInfo(buf, "%s%s.%s %s %s.%s", i > 0 ? " AND " : "",
						 a, def->keys[i].name, def->keys[i].eq, b, def->keys[i].name);
}

/*
 * The store's contents from the whole source: every key with a value, and
 * every key that is NULL (which the store's NOT NULL rejects, 23502).
 */
static void
append_fill(StringInfo buf, const StoreDef *def)
{
	appendStringInfo(buf, "INSERT INTO %s (", def->store_name);
	append_keys(buf, def, NULL);
	appendStringInfoString(buf, ", s) SELECT ");
	append_keys(buf, def, "x");
	appendStringInfo(buf, ", x.s FROM (SELECT ");
	append_keys(buf, def, NULL);
	appendStringInfo(buf, ", %s.series_store_apply(NULL, NULL, %s.series_agg(%s, %s, %s)) AS s FROM %s GROUP BY ",
					 def->ext, def->ext, def->period.name, def->value.name, def->frequency,
					 def->source_name);
	append_keys(buf, def, NULL);
	appendStringInfoString(buf, ") x WHERE x.s IS NOT NULL");
	for (int i = 0; i < def->nkeys; i++)
		appendStringInfo(buf, " OR x.%s IS NULL", def->keys[i].name);
}

static void
store_spi_exec(const char *sql, int expected)
{
	int			rc = SPI_execute(sql, false, 0);

	if (rc != expected)
		elog(ERROR, "SPI_execute failed (%d): %s", rc, sql);
}

/*
 * SPI_execute_with_args for the triggers: an error (a duplicate month, a
 * concurrent update in REPEATABLE READ...) names the store rather than
 * quoting the generated statement.
 */
static void
store_spi_exec_args_for(const char *sql, int nargs, Oid *argtypes, Datum *args,
						int expected, const char *store_name)
{
	MemoryContext oldcontext = CurrentMemoryContext;

	PG_TRY();
	{
		int			rc = SPI_execute_with_args(sql, nargs, argtypes, args, NULL, false, 0);

		if (rc != expected)
			elog(ERROR, "SPI_execute_with_args failed (%d): %s", rc, sql);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(oldcontext);
		edata = CopyErrorData();
		FlushErrorState();
		edata->context = psprintf("keeping series store %s current", store_name);
		edata->internalquery = NULL;
		edata->internalpos = 0;
		ReThrowError(edata);
	}
	PG_END_TRY();
}

/* store_spi_exec, an error naming the store (see store_spi_exec_args_for) */
static void
store_spi_exec_for(const char *sql, int expected, const char *store_name)
{
	store_spi_exec_args_for(sql, 0, NULL, NULL, expected, store_name);
}

/*
 * ---------------------------------------------------------------------------
 * The trigger
 * ---------------------------------------------------------------------------
 */

/* 23502 when a row of the transition table has a NULL key. */
static void
store_check_keys(Tuplestorestate *rows, Relation source, const StoreDef *def)
{
	TupleTableSlot *slot = MakeSingleTupleTableSlot(RelationGetDescr(source),
													&TTSOpsMinimalTuple);
	int			ptr = tuplestore_alloc_read_pointer(rows, 0);

	tuplestore_select_read_pointer(rows, ptr);
	tuplestore_rescan(rows);
	while (tuplestore_gettupleslot(rows, true, false, slot))
	{
		for (int i = 0; i < def->nkeys; i++)
			if (slot_attisnull(slot, def->keys[i].attnum))
				ereport(ERROR,
						(errcode(ERRCODE_NOT_NULL_VIOLATION),
						 errmsg("null value in key column \"%s\" of a row of \"%s\"",
								def->keys[i].raw, RelationGetRelationName(source)),
						 errdetail("The table is kept in series store %s, whose keys cannot be NULL.",
								   def->store_name)));
	}
	tuplestore_select_read_pointer(rows, 0);
	ExecDropSingleTupleTableSlot(slot);
}

/*
 * The statement's changes by key, as the CTE "d": "removed" the months with
 * a value in the old rows, "added" series_agg over the new rows, "n" the
 * key's number in key order, "total" the number of keys.  For an UPDATE only the
 * rows whose key, period or value changed count (old EXCEPT ALL new and
 * the reverse), so an update of other columns changes no series.
 */
static void
append_delta(StringInfo buf, const StoreDef *def, bool old_rows, bool new_rows)
{
	const char *cols = psprintf("%s, %s", def->period.name, def->value.name);
	StringInfoData keys;

	initStringInfo(&keys);
	append_keys(&keys, def, NULL);

	if (old_rows && new_rows)
	{
		appendStringInfo(buf, "o AS (SELECT %s, %s FROM %s EXCEPT ALL SELECT %s, %s FROM %s), ",
						 keys.data, cols, STORE_OLD_ROWS, keys.data, cols, STORE_NEW_ROWS);
		appendStringInfo(buf, "n AS (SELECT %s, %s FROM %s EXCEPT ALL SELECT %s, %s FROM %s), ",
						 keys.data, cols, STORE_NEW_ROWS, keys.data, cols, STORE_OLD_ROWS);
	}
	appendStringInfoString(buf, "e AS (SELECT ");
	for (int i = 0; i < def->nkeys; i++)
	{
		if (old_rows && new_rows)
			appendStringInfo(buf, "%sCOALESCE(r.%s, a.%s) AS %s", i > 0 ? ", " : "",
							 def->keys[i].name, def->keys[i].name, def->keys[i].name);
		else
			appendStringInfo(buf, "%s%s.%s", i > 0 ? ", " : "", old_rows ? "r" : "a",
							 def->keys[i].name);
	}
	appendStringInfo(buf, ", %s AS removed, %s AS added FROM ",
					 old_rows ? "r.removed" : "NULL::pg_catalog.date[]",
					 new_rows ? "a.added" : psprintf("NULL::%s.indicator_series", def->ext));
	if (old_rows)
		appendStringInfo(buf, "(SELECT %s, pg_catalog.array_agg(%s) FILTER (WHERE %s IS NOT NULL) AS removed FROM %s GROUP BY %s) r",
						 keys.data, def->period.name, def->value.name,
						 new_rows ? "o" : STORE_OLD_ROWS, keys.data);
	if (old_rows && new_rows)
		appendStringInfoString(buf, " FULL JOIN ");
	if (new_rows)
		appendStringInfo(buf, "(SELECT %s, %s.series_agg(%s, %s, %s) AS added FROM %s GROUP BY %s) a",
						 keys.data, def->ext, def->period.name, def->value.name, def->frequency,
						 old_rows ? "n" : STORE_NEW_ROWS, keys.data);
	if (old_rows && new_rows)
	{
		appendStringInfoString(buf, " ON ");
		append_key_match(buf, def, "r", "a");
	}

	/* numbered in key order, "total" the number of keys */
	appendStringInfo(buf, "), d AS (SELECT e.*, pg_catalog.row_number() OVER (ORDER BY %s) AS n, "
					 "pg_catalog.count(*) OVER () AS total FROM e)", keys.data);
}

/* Sets a planner setting for the statements until AtEOXact_GUC(nestlevel). */
static void
store_plan_setting(const char *name)
{
	(void) set_config_option(name, "off", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
							 true, 0, false);
}

/*
 * The statement's changes applied: the store rows of the keys it touches
 * updated (one UPDATE), those left without a value deleted, and, only when
 * some key had no store row, those keys inserted.
 *
 * The UPDATE changes each row from its latest version (READ COMMITTED
 * waits for a concurrent update and re-reads the row), so concurrent loads
 * serialize on the store's rows and lose no month.  It visits the rows in
 * key order, so that two statements changing the same keys wait for each
 * other instead of deadlocking: the changes come sorted by key, and with
 * hash and merge joins and sequential scans off the store's rows are
 * reached through its primary key, either probed for each change in turn
 * or scanned in key order.
 */
static void
store_apply_changes(const StoreDef *def, bool old_rows, bool new_rows)
{
	StringInfoData with;
	StringInfoData sql;
	int			nestlevel;
	uint64		nupdated;
	int64		ndelta = -1;
	int64		emptied = 0;
	Datum	   *updated;

	initStringInfo(&with);
	appendStringInfoString(&with, "WITH ");
	append_delta(&with, def, old_rows, new_rows);

	initStringInfo(&sql);
	appendStringInfo(&sql, "%s UPDATE %s AS st SET s = %s.series_store_apply(st.s, d.removed, d.added) "
					 "FROM d WHERE ", with.data, def->store_name, def->ext);
	append_key_match(&sql, def, "st", "d");
	appendStringInfoString(&sql, " RETURNING d.n, d.total, st.s IS NULL");

	/*
	 * Grouped by sorting, not hashing, too: series_agg's state starts with
	 * room for ten years (512 bytes), so a hash table of a monthly load's
	 * one-row groups outgrows work_mem and spills (a 20,000-row load: 5
	 * batches, four times the time of the sort).
	 */
	nestlevel = NewGUCNestLevel();
	store_plan_setting("enable_hashagg");
	store_plan_setting("enable_hashjoin");
	store_plan_setting("enable_mergejoin");
	store_plan_setting("enable_seqscan");
	/* a FULL JOIN (of an UPDATE's changes) then costs 1e10: no JIT for that */
	store_plan_setting("jit");
	store_spi_exec_for(sql.data, SPI_OK_UPDATE_RETURNING, def->store_name);
	AtEOXact_GUC(true, nestlevel);

	nupdated = SPI_processed;
	updated = palloc(sizeof(Datum) * Max(nupdated, 1));
	for (uint64 r = 0; r < nupdated; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		updated[r] = SPI_getbinval(tup, desc, 1, &isnull);
		ndelta = DatumGetInt64(SPI_getbinval(tup, desc, 2, &isnull));
		emptied += DatumGetBool(SPI_getbinval(tup, desc, 3, &isnull));
	}

	/* keys left without a value have no series: their rows go */
	if (emptied > 0)
	{
		resetStringInfo(&sql);
		appendStringInfo(&sql, "DELETE FROM %s AS st USING (SELECT DISTINCT ", def->store_name);
		append_keys(&sql, def, NULL);
		appendStringInfo(&sql, " FROM %s) x WHERE st.s IS NULL AND ", STORE_OLD_ROWS);
		append_key_match(&sql, def, "st", "x");
		store_spi_exec_for(sql.data, SPI_OK_DELETE, def->store_name);
	}

	/*
	 * The keys the UPDATE found no row for (a key without a store row had
	 * no value: there is nothing to remove); ON CONFLICT, because a
	 * concurrent statement may have inserted one since.
	 */
	if (new_rows && (nupdated == 0 || (int64) nupdated < ndelta))
	{
		Oid			argtypes[1] = {get_array_type(INT8OID)};
		Datum		args[1];

		args[0] = PointerGetDatum(construct_array(updated, (int) nupdated, INT8OID, sizeof(int64),
												  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		resetStringInfo(&sql);
		appendStringInfo(&sql, "%s INSERT INTO %s AS st (", with.data, def->store_name);
		append_keys(&sql, def, NULL);
		appendStringInfoString(&sql, ", s) SELECT ");
		append_keys(&sql, def, "x");
		appendStringInfoString(&sql, ", x.s FROM (SELECT ");
		append_keys(&sql, def, "d");
		appendStringInfo(&sql, ", %s.series_store_apply(NULL, NULL, d.added) AS s FROM d "
						 "WHERE NOT EXISTS (SELECT FROM pg_catalog.unnest($1) AS u(n) "
						 "WHERE u.n OPERATOR(pg_catalog.=) d.n)) x WHERE x.s IS NOT NULL ON CONFLICT (",
						 def->ext);
		append_keys(&sql, def, NULL);
		appendStringInfo(&sql, ") DO UPDATE SET s = %s.series_store_apply(st.s, NULL, excluded.s)",
						 def->ext);
		nestlevel = NewGUCNestLevel();
		store_plan_setting("enable_hashagg");
		store_spi_exec_args_for(sql.data, 1, argtypes, args, SPI_OK_INSERT, def->store_name);
		AtEOXact_GUC(true, nestlevel);
	}
}

/*
 * series_store_trigger(): AFTER ... FOR EACH STATEMENT on the source, with
 * the store's name, the period, value and frequency, and the key columns
 * as arguments.
 */
PG_FUNCTION_INFO_V1(series_store_trigger);
Datum
series_store_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Trigger    *trigger;
	Relation	source;
	StoreDef	def;
	List	   *names;
	TriggerEvent event;

	if (!CALLED_AS_TRIGGER(fcinfo) ||
		!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("series_store_trigger must be fired AFTER ... FOR EACH STATEMENT"),
				 errhint("Create stores with series_store().")));
	trigger = trigdata->tg_trigger;
	source = trigdata->tg_relation;
	if (trigger->tgnargs < STORE_ARG_KEYS + 1)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("series_store_trigger needs the store, the period, value and frequency and the key columns as arguments"),
				 errhint("Create stores with series_store().")));

	memset(&def, 0, sizeof(def));
	store_define(&def, source, store_extension_schema(fcinfo),
				 trigger->tgargs[STORE_ARG_PERIOD], trigger->tgargs[STORE_ARG_VALUE],
				 trigger->tgargs[STORE_ARG_FREQUENCY], trigger->tgnargs - STORE_ARG_KEYS,
				 trigger->tgargs + STORE_ARG_KEYS);
	names = stringToQualifiedNameList(trigger->tgargs[STORE_ARG_STORE]);
	def.store = RangeVarGetRelid(makeRangeVarFromNameList(names), NoLock, false);
	def.store_name = store_relation_name(def.store);

	event = trigdata->tg_event & TRIGGER_EVENT_OPMASK;
	if (event != TRIGGER_EVENT_TRUNCATE)
	{
		Tuplestorestate *new_rows = trigdata->tg_newtable;

		if ((event != TRIGGER_EVENT_DELETE && new_rows == NULL) ||
			(event != TRIGGER_EVENT_INSERT && trigdata->tg_oldtable == NULL))
			ereport(ERROR,
					(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
					 errmsg("series_store_trigger needs the statement's transition tables"),
					 errhint("Create stores with series_store().")));
		if (new_rows != NULL)
			store_check_keys(new_rows, source, &def);
	}

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (event == TRIGGER_EVENT_TRUNCATE)
		store_spi_exec_for(psprintf("DELETE FROM %s", def.store_name), SPI_OK_DELETE,
						   def.store_name);
	else
	{
		if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
			elog(ERROR, "SPI_register_trigger_data failed");
		store_apply_changes(&def, event != TRIGGER_EVENT_INSERT, event != TRIGGER_EVENT_DELETE);
	}
	SPI_finish();
	return PointerGetDatum(NULL);
}

/*
 * ---------------------------------------------------------------------------
 * Creating, checking, rebuilding and dropping a store
 * ---------------------------------------------------------------------------
 */

/* "k1 type COLLATE c, ..." for CREATE TABLE, every name qualified. */
static void
append_key_definitions(StringInfo buf, const StoreDef *def)
{
	for (int i = 0; i < def->nkeys; i++)
	{
		const StoreColumn *k = &def->keys[i];

		appendStringInfo(buf, "%s %s", k->name,
						 format_type_extended(k->type, k->typmod,
											  FORMAT_TYPE_TYPEMOD_GIVEN | FORMAT_TYPE_FORCE_QUALIFY));
		if (OidIsValid(k->collation) && k->collation != get_typcollation(k->type))
		{
			HeapTuple	tup = SearchSysCache1(COLLOID, ObjectIdGetDatum(k->collation));
			Form_pg_collation coll;

			if (!HeapTupleIsValid(tup))
				elog(ERROR, "cache lookup failed for collation %u", k->collation);
			coll = (Form_pg_collation) GETSTRUCT(tup);
			appendStringInfo(buf, " COLLATE %s",
							 quote_qualified_identifier(get_namespace_name(coll->collnamespace),
														NameStr(coll->collname)));
			ReleaseSysCache(tup);
		}
		appendStringInfoString(buf, " NOT NULL, ");
	}
}

/* The triggers' name for a store: "<store>_<suffix>", within NAMEDATALEN. */
static char *
store_trigger_name(const char *store_relname, int event)
{
	char	   *name = psprintf("%s_%s", store_relname, store_trigger_suffixes[event]);

	if (strlen(name) >= NAMEDATALEN)
		ereport(ERROR,
				(errcode(ERRCODE_NAME_TOO_LONG),
				 errmsg("store name \"%s\" is too long", store_relname),
				 errhint("The store's triggers are named after it with a suffix: use a name of at most %d bytes.",
						 NAMEDATALEN - 1 - 6)));
	return name;
}

/*
 * series_store(source regclass, store text, keys text[], period_column text,
 * value_column text, frequency text): creates the store, fills it and
 * installs the triggers; returns the store.
 */
PG_FUNCTION_INFO_V1(series_store);
Datum
series_store(PG_FUNCTION_ARGS)
{
	Oid			source_id;
	char	   *store_text;
	ArrayType  *keys_array;
	Datum	   *key_datums;
	bool	   *key_nulls;
	int			nkeys;
	char	  **keys;
	char	   *period;
	char	   *value;
	char	   *frequency;
	RangeVar   *store_rv;
	Oid			store_nsp;
	Relation	source;
	StoreDef	def;
	StringInfoData sql;
	ObjectAddress store_addr;

	for (int i = 0; i < 6; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("series_store's arguments cannot be NULL")));
	source_id = PG_GETARG_OID(0);
	store_text = text_to_cstring(PG_GETARG_TEXT_PP(1));
	keys_array = PG_GETARG_ARRAYTYPE_P(2);
	period = text_to_cstring(PG_GETARG_TEXT_PP(3));
	value = text_to_cstring(PG_GETARG_TEXT_PP(4));
	frequency = text_to_cstring(PG_GETARG_TEXT_PP(5));

	deconstruct_array(keys_array, TEXTOID, -1, false, TYPALIGN_INT, &key_datums, &key_nulls, &nkeys);
	keys = palloc(sizeof(char *) * Max(nkeys, 1));
	for (int i = 0; i < nkeys; i++)
	{
		if (key_nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("key column names cannot be NULL")));
		keys[i] = TextDatumGetCString(key_datums[i]);
	}

	/* the triggers' lock: no write to the source between the fill and them */
	source = table_open(source_id, ShareRowExclusiveLock);
	memset(&def, 0, sizeof(def));
	store_define(&def, source, store_extension_schema(fcinfo), period, value, frequency,
				 nkeys, keys);
	table_close(source, NoLock);

	/* the store where CREATE TABLE would put it, named with its schema from now on */
	store_rv = makeRangeVarFromNameList(stringToQualifiedNameList(store_text));
	store_nsp = RangeVarGetCreationNamespace(store_rv);
	def.store_name = quote_qualified_identifier(get_namespace_name(store_nsp), store_rv->relname);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	initStringInfo(&sql);
	appendStringInfo(&sql, "CREATE TABLE %s (", def.store_name);
	append_key_definitions(&sql, &def);
	appendStringInfo(&sql, "s %s.indicator_series, PRIMARY KEY (", def.ext);
	append_keys(&sql, &def, NULL);

	/*
	 * Half of each page free: a monthly load updates every series, and with
	 * room on the page for the new versions the updates are HOT (no index
	 * entry; measured on a 20,000-row load: the trigger took half the time).
	 */
	appendStringInfoString(&sql, ")) WITH (fillfactor = 50)");
	store_spi_exec(sql.data, SPI_OK_UTILITY);
	def.store = get_relname_relid(store_rv->relname, store_nsp);
	Assert(OidIsValid(def.store));
	ObjectAddressSet(store_addr, RelationRelationId, def.store);

	for (int e = 0; e < (int) lengthof(store_events); e++)
	{
		char	   *name = store_trigger_name(store_rv->relname, e);
		ObjectAddress trigger_addr;

		resetStringInfo(&sql);
		appendStringInfo(&sql, "CREATE TRIGGER %s AFTER %s ON %s ", quote_identifier(name),
						 store_events[e], store_relation_name(def.source));
		if (e == 0)
			appendStringInfoString(&sql, "REFERENCING NEW TABLE AS " STORE_NEW_ROWS " ");
		else if (e == 1)
			appendStringInfoString(&sql, "REFERENCING OLD TABLE AS " STORE_OLD_ROWS " NEW TABLE AS " STORE_NEW_ROWS " ");
		else if (e == 2)
			appendStringInfoString(&sql, "REFERENCING OLD TABLE AS " STORE_OLD_ROWS " ");
		appendStringInfo(&sql, "FOR EACH STATEMENT EXECUTE FUNCTION %s.series_store_trigger(%s, %s, %s, %s",
						 def.ext, quote_literal_cstr(def.store_name), quote_literal_cstr(period),
						 quote_literal_cstr(value), quote_literal_cstr(frequency));
		for (int i = 0; i < nkeys; i++)
			appendStringInfo(&sql, ", %s", quote_literal_cstr(keys[i]));
		appendStringInfoChar(&sql, ')');
		store_spi_exec(sql.data, SPI_OK_UTILITY);

		/* DROP TABLE of the store then names the triggers and asks for CASCADE */
		ObjectAddressSet(trigger_addr, TriggerRelationId, get_trigger_oid(def.source, name, false));
		recordDependencyOn(&trigger_addr, &store_addr, DEPENDENCY_NORMAL);
	}

	resetStringInfo(&sql);
	append_fill(&sql, &def);
	store_spi_exec_for(sql.data, SPI_OK_INSERT, def.store_name);
	SPI_finish();
	PG_RETURN_OID(def.store);
}

/*
 * The store's definition, read from the arguments of the triggers that keep
 * it; the source is locked in "lockmode".  With the names of the triggers
 * when "triggers" is given.
 */
static void
store_lookup(FunctionCallInfo fcinfo, Oid store, LOCKMODE lockmode, StoreDef *def,
			 List **triggers)
{
	const char *ext = store_extension_schema(fcinfo);
	char	   *sql;
	bool		found = false;

	if (triggers)
		*triggers = NIL;
	sql = psprintf("SELECT t.tgrelid, t.tgname, t.tgargs, t.tgnargs FROM pg_catalog.pg_trigger t "
				   "WHERE t.tgfoid OPERATOR(pg_catalog.=) %s::pg_catalog.regprocedure "
				   "ORDER BY t.tgrelid, t.tgname",
				   quote_literal_cstr(psprintf("%s.series_store_trigger()", ext)));
	store_spi_exec(sql, SPI_OK_SELECT);
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Oid			relid = DatumGetObjectId(SPI_getbinval(tup, desc, 1, &isnull));
		bytea	   *args = DatumGetByteaPP(SPI_getbinval(tup, desc, 3, &isnull));
		int			nargs = DatumGetInt16(SPI_getbinval(tup, desc, 4, &isnull));
		char	   *p = VARDATA_ANY(args);
		char	  **argv = palloc(sizeof(char *) * Max(nargs, 1));
		Oid			named;
		Relation	source;

		for (int i = 0; i < nargs; i++)
		{
			argv[i] = p;
			p += strlen(p) + 1;
		}
		if (nargs < STORE_ARG_KEYS + 1)
			continue;
		named = RangeVarGetRelid(makeRangeVarFromNameList(stringToQualifiedNameList(argv[STORE_ARG_STORE])),
								 NoLock, true);
		if (named != store)
			continue;
		if (triggers)
			*triggers = lappend(*triggers, SPI_getvalue(tup, desc, 2));
		if (found)
			continue;
		found = true;
		source = table_open(relid, lockmode);
		store_define(def, source, ext, argv[STORE_ARG_PERIOD], argv[STORE_ARG_VALUE],
					 argv[STORE_ARG_FREQUENCY], nargs - STORE_ARG_KEYS, argv + STORE_ARG_KEYS);
		table_close(source, NoLock);
		def->store = store;
		def->store_name = store_relation_name(store);
	}
	if (!found)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"%s\" is not a series store", get_rel_name(store)),
				 errdetail("No trigger created by series_store() keeps it."),
				 errhint("Create a store with series_store(); a store whose triggers were dropped is kept current no more.")));
}

/*
 * Two series hold the same values in the same periods (at any scale: the
 * equality of =), once trimmed of missing periods at their ends; NULL is
 * none.
 */
static bool
store_same_values(IndicatorSeries *a, IndicatorSeries *b)
{
	if (a != NULL)
		a = store_trim(a);
	if (b != NULL)
		b = store_trim(b);
	if (a == NULL || b == NULL)
		return a == NULL && b == NULL;
	return series_eq(a, b);
}

/*
 * series_store_check(store regclass): one row per key where the store and
 * series_agg over the source differ, the key as a row literal such as
 * (north,5), in key order.
 */
PG_FUNCTION_INFO_V1(series_store_check);
Datum
series_store_check(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	StoreDef	def;
	StringInfoData sql;
	SPIPlanPtr	plan;
	Portal		portal;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	memset(&def, 0, sizeof(def));
	store_lookup(fcinfo, PG_GETARG_OID(0), AccessShareLock, &def, NULL);

	initStringInfo(&sql);
	appendStringInfoString(&sql, "SELECT CAST(ROW(");
	for (int i = 0; i < def.nkeys; i++)
		appendStringInfo(&sql, "%sCOALESCE(a.%s, st.%s)", i > 0 ? ", " : "",
						 def.keys[i].name, def.keys[i].name);
	appendStringInfoString(&sql, ") AS pg_catalog.text), st.s, a.s FROM (SELECT ");
	append_keys(&sql, &def, NULL);
	appendStringInfo(&sql, ", %s.series_agg(%s, %s, %s) AS s FROM %s GROUP BY ",
					 def.ext, def.period.name, def.value.name, def.frequency, def.source_name);
	append_keys(&sql, &def, NULL);
	appendStringInfo(&sql, ") a FULL JOIN %s AS st ON ", def.store_name);
	append_key_match(&sql, &def, "a", "st");
	appendStringInfoString(&sql, " ORDER BY ");
	for (int i = 0; i < def.nkeys; i++)
		appendStringInfo(&sql, "%sCOALESCE(a.%s, st.%s)", i > 0 ? ", " : "",
						 def.keys[i].name, def.keys[i].name);

	plan = SPI_prepare(sql.data, 0, NULL);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", sql.data);
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
	for (;;)
	{
		SPI_cursor_fetch(portal, true, 1000);
		if (SPI_processed == 0)
			break;
		for (uint64 r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		null_stored;
			bool		null_agg;
			Datum		stored = SPI_getbinval(tup, desc, 2, &null_stored);
			Datum		agg = SPI_getbinval(tup, desc, 3, &null_agg);

			CHECK_FOR_INTERRUPTS();
			if (!store_same_values(null_stored ? NULL : DatumGetIndicatorSeriesP(stored),
								   null_agg ? NULL : DatumGetIndicatorSeriesP(agg)))
			{
				bool		isnull;
				Datum		key = SPI_getbinval(tup, desc, 1, &isnull);
				Datum		values[1];
				bool		nulls[1] = {false};

				values[0] = key;
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			}
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	SPI_finish();
	return (Datum) 0;
}

/*
 * series_store_rebuild(store regclass): the store refilled from the source
 * (locked against writes meanwhile); returns the number of series stored.
 */
PG_FUNCTION_INFO_V1(series_store_rebuild);
Datum
series_store_rebuild(PG_FUNCTION_ARGS)
{
	StoreDef	def;
	StringInfoData sql;
	uint64		stored;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	memset(&def, 0, sizeof(def));
	store_lookup(fcinfo, PG_GETARG_OID(0), ShareLock, &def, NULL);
	store_spi_exec(psprintf("DELETE FROM %s", def.store_name), SPI_OK_DELETE);
	initStringInfo(&sql);
	append_fill(&sql, &def);
	store_spi_exec_for(sql.data, SPI_OK_INSERT, def.store_name);
	stored = SPI_processed;
	SPI_finish();
	PG_RETURN_INT64((int64) stored);
}

/*
 * series_store_drop(store regclass): drops the triggers that keep the store
 * current; the store stays, as it is, an ordinary table.
 */
PG_FUNCTION_INFO_V1(series_store_drop);
Datum
series_store_drop(PG_FUNCTION_ARGS)
{
	StoreDef	def;
	List	   *triggers;
	ListCell   *lc;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	memset(&def, 0, sizeof(def));
	store_lookup(fcinfo, PG_GETARG_OID(0), AccessShareLock, &def, &triggers);
	foreach(lc, triggers)
		store_spi_exec(psprintf("DROP TRIGGER %s ON %s", quote_identifier(lfirst(lc)),
								store_relation_name(def.source)),
					   SPI_OK_UTILITY);
	SPI_finish();
	PG_RETURN_VOID();
}
