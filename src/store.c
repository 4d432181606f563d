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
#include "catalog/pg_operator.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
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
 * SPI_execute_with_args for the triggers: an error (a duplicate period, a
 * concurrent update in REPEATABLE READ...) names the store rather than
 * quoting the generated statement.
 */
void
store_spi_exec_args_for(const char *sql, int nargs, Oid *argtypes, Datum *args,
						int expected, const StoreDef *def)
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
		edata->context = psprintf("keeping series store \"%s\" current", def->store_label);
		edata->internalquery = NULL;
		edata->internalpos = 0;
		ReThrowError(edata);
	}
	PG_END_TRY();
}

/* store_spi_exec, an error naming the store (see store_spi_exec_args_for) */
void
store_spi_exec_for(const char *sql, int expected, const StoreDef *def)
{
	store_spi_exec_args_for(sql, 0, NULL, NULL, expected, def);
}
