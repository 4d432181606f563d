/*
 * store.c
 *	  The series store (a table of one indicator_series per key, kept equal
 *	  to series_agg over a source table by triggers): what a store is made
 *	  of, its definition read from the source and checked, and the SQL
 *	  that its trigger (store_trigger.c) and the functions that create,
 *	  check, rebuild and drop it (store_ddl.c) build from the definition.
 *
 * A store holds, for every key of the source that has at least one value,
 * series_trim(series_agg(period, value)) over the key's rows: stored series
 * never have missing periods at their ends, and a key whose rows hold no
 * value (none left, or only NULL values) has no row in the store.
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
#include "access/xact.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/resowner.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "period.h"
#include "store.h"

/* The quoted schema of the function being called: the extension's schema. */
const char *
store_extension_schema(FunctionCallInfo fcinfo)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);

	return quote_identifier(get_namespace_name(nsp));
}

const char *
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
				 errmsg("key column \"%s\" of type %s has no default equality operator",
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

/* A column of the source, by name; false when there is none. */
static bool
store_column(Relation source, const char *name, StoreColumn *col)
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
		return false;
	col->attnum = attnum;
	col->name = quote_identifier(name);
	col->raw = name;
	col->eq = NULL;
	return true;
}

/*
 * A value type that series_agg takes: one of its four (numeric, double
 * precision, bigint, integer), one that an implicit cast makes one of them
 * (real, smallint), or a domain over one of those.
 */
static bool
store_value_type(Oid type)
{
	switch (getBaseType(type))
	{
		case NUMERICOID:
		case FLOAT8OID:
		case FLOAT4OID:
		case INT8OID:
		case INT4OID:
		case INT2OID:
			return true;
		default:
			return false;
	}
}

/*
 * The store's names: quoted for SQL, and for messages (as PostgreSQL's own
 * messages name a relation: schema.name, inside double quotes).
 */
void
store_set_name(StoreDef *def, Oid nsp, const char *relname)
{
	const char *schema = get_namespace_name(nsp);

	def->store_name = quote_qualified_identifier(schema, relname);
	def->store_label = psprintf("%s.%s", schema, relname);
}

/*
 * A store's definition from the source (locked by the caller) and the
 * names of its columns; checks them.
 */
void
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
	def->freq = frequency_from_name(frequency, strlen(frequency));
	def->frequency = quote_literal_cstr(frequency_name(def->freq));
	if (nkeys < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a store needs at least one key column")));

	def->source = RelationGetRelid(source);
	def->ext = ext;
	/* statements on a plain table's inheritance children fire none of its triggers */
	def->source_name = psprintf("%s%s", relkind == RELKIND_RELATION ? "ONLY " : "",
								store_relation_name(def->source));
	if (!store_column(source, period, &def->period))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("period column \"%s\" of source \"%s\" does not exist",
						period, RelationGetRelationName(source))));
	if (getBaseType(def->period.type) != DATEOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("period column \"%s\" is of type %s, not date", period,
						format_type_be(def->period.type))));
	if (!store_column(source, value, &def->value))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("value column \"%s\" of source \"%s\" does not exist",
						value, RelationGetRelationName(source))));
	if (!store_value_type(def->value.type))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("value column \"%s\" is of type %s, which series_agg does not take", value,
						format_type_be(def->value.type)),
				 errhint("A store's values are numeric, double precision, real, bigint, integer or smallint.")));
	def->nkeys = nkeys;
	def->keys = palloc(sizeof(StoreColumn) * nkeys);
	for (int i = 0; i < nkeys; i++)
	{
		if (!store_column(source, keys[i], &def->keys[i]))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("key column \"%s\" of source \"%s\" does not exist",
							keys[i], RelationGetRelationName(source))));
		if (def->keys[i].attnum == def->period.attnum || def->keys[i].attnum == def->value.attnum)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("column \"%s\" cannot be both a key and the period or value", keys[i])));
		for (int j = 0; j < i; j++)
			if (def->keys[j].attnum == def->keys[i].attnum)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("key column \"%s\" is named twice", keys[i])));
		def->keys[i].eq = store_equality(def->keys[i].type, def->keys[i].raw);
	}
}

/* "prefix.k1, prefix.k2" */
void
append_keys(StringInfo buf, const StoreDef *def, const char *prefix)
{
	for (int i = 0; i < def->nkeys; i++)
		appendStringInfo(buf, "%s%s%s%s", i > 0 ? ", " : "", prefix ? prefix : "",
						 prefix ? "." : "", def->keys[i].name);
}

/* "a.k1 OPERATOR(s.=) b.k1 AND ..." */
void
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
void
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

void
store_spi_exec(const char *sql, int expected)
{
	int			rc = SPI_execute(sql, false, 0);

	if (rc != expected)
		elog(ERROR, "SPI_execute failed (%d): %s", rc, sql);
}

/*
 * "k1, k2, date_trunc(frequency, period)::date AS p" of the rows of "rows"
 * that have a value, as the relation "alias".
 */
static void
append_periods_with_value(StringInfo buf, const StoreDef *def, const char *alias,
						  const char *rows)
{
	appendStringInfo(buf, "%s AS (SELECT ", alias);
	append_keys(buf, def, NULL);
	appendStringInfo(buf, ", pg_catalog.date_trunc(%s, %s::pg_catalog.timestamp)::pg_catalog.date AS p "
					 "FROM %s AS x WHERE %s IS NOT NULL)",
					 def->frequency, def->period.name, rows, def->value.name);
}

/*
 * The query that names what a statement failing with 21000 gave two values:
 * the first key (as a row literal, as series_store_check shows it) and
 * period (its first day) that two rows of "rows" with a value give a value,
 * or, with against_store, that a row of "rows" gives a value that the
 * key's stored series holds and that no row of "removed" (NULL: none) takes
 * away.  "rows" and "removed" are relations of the source's columns.  Run
 * only after the statement failed, so it costs nothing otherwise.
 */
char *
store_duplicate_query(const StoreDef *def, const char *rows, const char *removed,
					  bool against_store)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "WITH ");
	append_periods_with_value(&buf, def, "a", rows);
	if (removed != NULL)
	{
		appendStringInfoString(&buf, ", ");
		append_periods_with_value(&buf, def, "r", removed);
	}
	appendStringInfoString(&buf, ", dup AS (SELECT ");
	append_keys(&buf, def, NULL);
	appendStringInfoString(&buf, ", p FROM a GROUP BY ");
	append_keys(&buf, def, NULL);
	appendStringInfoString(&buf, ", p HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 1");
	if (against_store)
	{
		appendStringInfoString(&buf, " UNION ALL SELECT ");
		append_keys(&buf, def, "a");
		appendStringInfo(&buf, ", a.p FROM a JOIN %s AS st ON ", def->store_name);
		append_key_match(&buf, def, "a", "st");
		appendStringInfo(&buf, " WHERE %s.value_at(st.s, a.p) IS NOT NULL", def->ext);
		if (removed != NULL)
		{
			appendStringInfoString(&buf, " AND NOT EXISTS (SELECT FROM r WHERE ");
			append_key_match(&buf, def, "r", "a");
			appendStringInfoString(&buf, " AND r.p OPERATOR(pg_catalog.=) a.p)");
		}
	}
	appendStringInfoString(&buf, ") SELECT CAST(ROW(");
	append_keys(&buf, def, NULL);
	appendStringInfoString(&buf, ") AS pg_catalog.text), p FROM dup ORDER BY ");
	append_keys(&buf, def, NULL);
	appendStringInfoString(&buf, ", p LIMIT 1");
	return buf.data;
}

/*
 * 21000 naming the key and the period given two values: from a statement
 * on the source (the store's trigger), or from rows the source holds
 * already (series_store, series_store_rebuild: in_source).
 */
static void
store_duplicate_error(const StoreDef *def, const char *key, DateADT day, bool in_source)
{
	char		label[PERIOD_TEXT_LEN];

	period_to_text(month_to_period(date_to_month(day, "period"), def->freq), def->freq, label);
	switch (def->freq)
	{
		case PERIOD_FREQ_MONTH:
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("more than one value for month %s of key %s", label, key),
					 errdetail("Series store \"%s\" holds one value per key and month.",
							   def->store_label),
					 in_source ?
					 errhint("Sum the source's rows of one key and month, or delete all but one of them, and store it again.") :
					 errhint("Update the row that holds the month's value instead of inserting another one, or delete that row first.")));
			break;
		case PERIOD_FREQ_QUARTER:
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("more than one value for quarter %s of key %s", label, key),
					 errdetail("Series store \"%s\" holds one value per key and quarter.",
							   def->store_label),
					 in_source ?
					 errhint("Sum the source's rows of one key and quarter, or delete all but one of them, and store it again.") :
					 errhint("Update the row that holds the quarter's value instead of inserting another one, or delete that row first.")));
			break;
		case PERIOD_FREQ_YEAR:
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("more than one value for year %s of key %s", label, key),
					 errdetail("Series store \"%s\" holds one value per key and year.",
							   def->store_label),
					 in_source ?
					 errhint("Sum the source's rows of one key and year, or delete all but one of them, and store it again.") :
					 errhint("Update the row that holds the year's value instead of inserting another one, or delete that row first.")));
			break;
	}
	elog(ERROR, "unknown frequency %d", def->freq);
}

/*
 * SPI_execute_with_args for the triggers and the fill: an error (a
 * duplicate period, a concurrent update in REPEATABLE READ...) names the
 * store rather than quoting the generated statement.
 *
 * With a duplicate_query (store_duplicate_query), the statement runs in a
 * subtransaction, so that when it fails with 21000 (series_agg or the union
 * found a period given two values, but not for which key) the query can
 * run after it to name the key and the period; when it finds none, the
 * statement's own error is raised.  A statement that succeeds costs one
 * subtransaction more (one per statement on the source, not per row):
 * measured on a store of 1,000 series, 2,000 single-row INSERTs in one
 * transaction took 1.8 s (median of 3; 1.2 to 1.8 s without it, on a
 * loaded machine); a 1,000-row INSERT, 40 to 70 ms either way.  A
 * transaction of more than 64 such statements also overflows its backend's
 * cache of subtransaction ids, as a PL/pgSQL loop with an EXCEPTION block
 * does.
 */
void
store_spi_exec_args_for(const char *sql, int nargs, Oid *argtypes, Datum *args,
						int expected, const StoreDef *def,
						const char *duplicate_query, bool in_source)
{
	MemoryContext oldcontext = CurrentMemoryContext;
	ResourceOwner oldowner = CurrentResourceOwner;
	ErrorData  *edata = NULL;

	if (duplicate_query != NULL)
	{
		BeginInternalSubTransaction(NULL);
		MemoryContextSwitchTo(oldcontext);
	}
	PG_TRY();
	{
		int			rc = SPI_execute_with_args(sql, nargs, argtypes, args, NULL, false, 0);

		if (rc != expected)
			elog(ERROR, "SPI_execute_with_args failed (%d): %s", rc, sql);
		if (duplicate_query != NULL)
		{
			ReleaseCurrentSubTransaction();
			MemoryContextSwitchTo(oldcontext);
			CurrentResourceOwner = oldowner;
		}
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(oldcontext);
		edata = CopyErrorData();
		FlushErrorState();
		if (duplicate_query != NULL)
		{
			RollbackAndReleaseCurrentSubTransaction();
			MemoryContextSwitchTo(oldcontext);
			CurrentResourceOwner = oldowner;
		}
	}
	PG_END_TRY();
	if (edata == NULL)
		return;

	if (duplicate_query != NULL && edata->sqlerrcode == ERRCODE_CARDINALITY_VIOLATION)
	{
		/* the source and the store as they were before the statement */
		if (SPI_execute(duplicate_query, false, 1) != SPI_OK_SELECT)
			elog(ERROR, "SPI_execute failed: %s", duplicate_query);
		if (SPI_processed == 1)
		{
			HeapTuple	tup = SPI_tuptable->vals[0];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			Datum		day = SPI_getbinval(tup, desc, 2, &isnull);

			store_duplicate_error(def, SPI_getvalue(tup, desc, 1), DatumGetDateADT(day), in_source);
		}
	}
	edata->context = psprintf("keeping series store \"%s\" current", def->store_label);
	edata->internalquery = NULL;
	edata->internalpos = 0;
	ReThrowError(edata);
}

/* store_spi_exec, an error naming the store (see store_spi_exec_args_for) */
void
store_spi_exec_for(const char *sql, int expected, const StoreDef *def)
{
	store_spi_exec_args_for(sql, 0, NULL, NULL, expected, def, NULL, false);
}
