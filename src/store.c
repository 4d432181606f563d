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
 * Nothing is SECURITY DEFINER, but the trigger writes the store as the
 * store's owner (store_trigger.c): a loader needs rights on the source only.
 *
 * A store is described by its triggers' arguments (the store's name, the
 * period, value and key columns), which pg_dump keeps; each trigger also
 * depends on the store table, so that dropping the store asks for CASCADE.
 */
#include "postgres.h"
#include "pg_compat.h"

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
#include "series.h"
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

/*
 * A relation's pg_class row, copied into "form": lsyscache has no getter
 * for a relation's owner (the role a store is written as) nor, before
 * PostgreSQL 16, for its access method (an index's).
 */
void
store_relation_form(Oid relid, FormData_pg_class *form)
{
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	*form = *(Form_pg_class) GETSTRUCT(tup);
	ReleaseSysCache(tup);
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
 * A column of the source that is none of the store's key, period and value
 * columns (nor the vintage column, for the estimate column).
 */
static void
store_extra_column(StoreDef *def, Relation source, const char *name, StoreColumn *col,
				   bool vintage)
{
	Oid			base;

	if (!store_column(source, name, col))
	{
		if (vintage)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("vintage column \"%s\" of source \"%s\" does not exist",
							name, RelationGetRelationName(source))));
		else
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("estimate column \"%s\" of source \"%s\" does not exist",
							name, RelationGetRelationName(source))));
	}
	base = getBaseType(col->type);
	if (vintage && base != TIMESTAMPTZOID && base != DATEOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("vintage column \"%s\" is of type %s, not timestamp with time zone", name,
						format_type_be(col->type)),
				 errhint("A vintage is a timestamp with time zone or a date.")));
	if (!vintage && base != BOOLOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("estimate column \"%s\" is of type %s, not boolean", name,
						format_type_be(col->type))));
	if (col->attnum == def->period.attnum || col->attnum == def->value.attnum ||
		(!vintage && def->has_vintage && col->attnum == def->vintage.attnum))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("column \"%s\" is named for two roles in the store", name)));
	for (int i = 0; i < def->nkeys; i++)
		if (def->keys[i].attnum == col->attnum)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("column \"%s\" is named for two roles in the store", name)));
}

/*
 * A store's definition from the source (locked by the caller) and the
 * names of its columns; checks them.  "vintage" and "estimated" are NULL
 * when the store has no such column.
 */
void
store_define(StoreDef *def, Relation source, const char *ext, const char *period,
			 const char *value, const char *frequency, int nkeys, char **keys,
			 const char *vintage, const char *estimated)
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
	def->interval = def->freq == SERIES_FREQ_YEAR ? "'1 year'" :
		def->freq == SERIES_FREQ_QUARTER ? "'3 months'" : "'1 month'";
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
	def->has_vintage = vintage != NULL;
	if (vintage)
		store_extra_column(def, source, vintage, &def->vintage, true);
	def->has_estimated = estimated != NULL;
	if (estimated)
		store_extra_column(def, source, estimated, &def->estimated, false);
}

/*
 * A store's definition from its trigger's arguments (see store.h): 1.1's
 * (store, period, value, frequency, keys...) or 1.2's, whose keys end at
 * an empty argument followed by the vintage and estimate columns.
 */
void
store_define_from_args(StoreDef *def, Relation source, const char *ext, int nargs, char **args)
{
	int			nkeys = nargs - STORE_ARG_KEYS;
	const char *vintage = NULL;
	const char *estimated = NULL;

	for (int i = STORE_ARG_KEYS; i < nargs; i++)
		if (args[i][0] == '\0')
		{
			if (i != nargs - 3)
				ereport(ERROR,
						(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
						 errmsg("series_store_trigger's arguments are not those of a store"),
						 errhint("Create stores with series_store().")));
			nkeys = i - STORE_ARG_KEYS;
			if (args[i + 1][0] != '\0')
				vintage = args[i + 1];
			if (args[i + 2][0] != '\0')
				estimated = args[i + 2];
			break;
		}
	store_define(def, source, ext, args[STORE_ARG_PERIOD], args[STORE_ARG_VALUE],
				 args[STORE_ARG_FREQUENCY], nkeys, args + STORE_ARG_KEYS, vintage, estimated);
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
 * "SELECT k1, ..., <series> AS s FROM <source> GROUP BY k1, ...": what the
 * store holds for each key, untrimmed; with a vintage, also the key's
 * latest vintage as "indicator_latest" (the store's latest_vintage).  series_agg over the rows, with
 * their estimate flags when the store has them; with a vintage, over the
 * rows of the latest vintage of each period, which is vintage_agg: a NULL
 * value there withdraws the period (series_agg marks it missing), and two
 * rows at the latest vintage are 21000 (when one of them holds NULL, it is
 * given to series_agg as 0, so that series_agg sees two values).
 */
void
append_source_series(StringInfo buf, const StoreDef *def)
{
	appendStringInfoString(buf, "SELECT ");
	append_keys(buf, def, NULL);
	appendStringInfo(buf, ", %s.series_agg(%s, %s, %s", def->ext, def->period.name,
					 def->value.name, def->frequency);
	if (def->has_estimated)
		appendStringInfo(buf, ", %s", def->estimated.name);
	appendStringInfoString(buf, ") AS s");
	/* the latest period's latest vintage is the key's latest vintage */
	if (def->has_vintage)
		appendStringInfo(buf, ", pg_catalog.max(%s) AS indicator_latest", def->vintage.name);
	appendStringInfoString(buf, " FROM ");
	if (def->has_vintage)
	{
		appendStringInfoString(buf, "(SELECT ");
		append_keys(buf, def, NULL);
		appendStringInfo(buf, ", %s, %s, CASE WHEN r.indicator_ties OPERATOR(pg_catalog.>) 1 "
						 "THEN COALESCE(%s, 0) ELSE %s END AS %s",
						 def->period.name, def->vintage.name, def->value.name, def->value.name,
						 def->value.name);
		if (def->has_estimated)
			appendStringInfo(buf, ", %s", def->estimated.name);
		appendStringInfoString(buf, " FROM (SELECT *, pg_catalog.rank() OVER w AS indicator_top, "
							   "pg_catalog.count(*) OVER w AS indicator_ties FROM ");
		appendStringInfo(buf, "%s WINDOW w AS (PARTITION BY ", def->source_name);
		append_keys(buf, def, NULL);
		appendStringInfo(buf, ", pg_catalog.date_trunc(%s, %s::pg_catalog.timestamp) "
						 "ORDER BY %s DESC NULLS LAST RANGE BETWEEN CURRENT ROW AND CURRENT ROW)) r "
						 "WHERE r.indicator_top OPERATOR(pg_catalog.=) 1) v",
						 def->frequency, def->period.name, def->vintage.name);
	}
	else
		appendStringInfoString(buf, def->source_name);
	appendStringInfoString(buf, " GROUP BY ");
	append_keys(buf, def, NULL);
}

/*
 * 22004 when a row of the source has no vintage (vintage_agg's error): a
 * store over a vintage table is created, checked or rebuilt only when
 * every row has one.
 */
void
store_check_vintages(const StoreDef *def)
{
	if (!def->has_vintage)
		return;
	store_spi_exec(psprintf("SELECT FROM %s WHERE %s IS NULL LIMIT 1", def->source_name,
							def->vintage.name), SPI_OK_SELECT);
	if (SPI_processed > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("null value in vintage column \"%s\" of source \"%s\"",
						def->vintage.raw, get_rel_name(def->source)),
				 errdetail("A row without a vintage cannot be ordered among the publications of its period.")));
}

/*
 * The store's contents from the whole source: every key with a value, and
 * every key that is NULL (which the store's NOT NULL rejects, 23502); with
 * a vintage, each key's latest vintage.
 */
void
append_fill(StringInfo buf, const StoreDef *def)
{
	appendStringInfo(buf, "INSERT INTO %s (", def->store_name);
	append_keys(buf, def, NULL);
	appendStringInfo(buf, ", s%s) SELECT ", def->has_vintage ? ", " STORE_LATEST_VINTAGE : "");
	append_keys(buf, def, "x");
	appendStringInfo(buf, ", x.s%s FROM (SELECT ", def->has_vintage ? ", x.indicator_latest" : "");
	append_keys(buf, def, "y");
	appendStringInfo(buf, ", %s.series_store_apply(NULL, NULL, y.s) AS s%s FROM (", def->ext,
					 def->has_vintage ? ", y.indicator_latest" : "");
	append_source_series(buf, def);
	appendStringInfoString(buf, ") y) x WHERE x.s IS NOT NULL");
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
 * The query that names, for a store over a vintage table, what a statement
 * failing with 21000 gave two rows at one vintage: the first key (as a row
 * literal), period (its first day) and vintage where two rows of a period
 * share its latest vintage; among the periods the rows of "rows" (a
 * relation of the source's columns) fall in, or, with rows NULL, in the
 * whole source.  Run only after the statement failed.
 */
char *
store_tie_query(const StoreDef *def, const char *rows)
{
	StringInfoData buf;
	StringInfoData keys;

	initStringInfo(&keys);
	append_keys(&keys, def, NULL);
	initStringInfo(&buf);
	if (rows != NULL)
	{
		appendStringInfo(&buf, "WITH c AS (SELECT DISTINCT %s, pg_catalog.date_trunc(%s, %s::pg_catalog.timestamp)::pg_catalog.date AS p "
						 "FROM %s) SELECT CAST(ROW(", keys.data, def->frequency, def->period.name, rows);
		append_keys(&buf, def, "c");
		appendStringInfo(&buf, ") AS pg_catalog.text), c.p, t.v FROM c CROSS JOIN LATERAL (SELECT u.%s AS v FROM %s AS u WHERE ",
						 def->vintage.name, def->source_name);
		append_key_match(&buf, def, "u", "c");
		appendStringInfo(&buf, " AND u.%s OPERATOR(pg_catalog.>=) c.p AND u.%s OPERATOR(pg_catalog.<) "
						 "(c.p OPERATOR(pg_catalog.+) %s::pg_catalog.interval)::pg_catalog.date "
						 "ORDER BY u.%s DESC NULLS LAST LIMIT 2) t GROUP BY ",
						 def->period.name, def->period.name, def->interval, def->vintage.name);
		append_keys(&buf, def, "c");
		appendStringInfoString(&buf, ", c.p, t.v HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 1 ORDER BY ");
		append_keys(&buf, def, "c");
		appendStringInfoString(&buf, ", c.p LIMIT 1");
	}
	else
	{
		appendStringInfo(&buf, "SELECT CAST(ROW(%s) AS pg_catalog.text), p, v FROM (SELECT %s, "
						 "pg_catalog.date_trunc(%s, %s::pg_catalog.timestamp)::pg_catalog.date AS p, %s AS v, "
						 "pg_catalog.rank() OVER (PARTITION BY %s, pg_catalog.date_trunc(%s, %s::pg_catalog.timestamp) "
						 "ORDER BY %s DESC NULLS LAST) AS r FROM %s) x WHERE r OPERATOR(pg_catalog.=) 1 "
						 "GROUP BY %s, p, v HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 1 ORDER BY %s, p LIMIT 1",
						 keys.data, keys.data, def->frequency, def->period.name, def->vintage.name,
						 keys.data, def->frequency, def->period.name, def->vintage.name, def->source_name,
						 keys.data, keys.data);
	}
	return buf.data;
}

/*
 * 21000 for a store over a vintage table: two rows of one key and period
 * at the period's latest vintage (vintage_agg's error, with the key).
 */
static void
store_tie_error(const StoreDef *def, const char *key, DateADT day, const char *vintage)
{
	char		label[PERIOD_TEXT_LEN];

	period_to_text(month_to_period(date_to_month(day, "period"), def->freq), def->freq, label);
	switch (def->freq)
	{
		case PERIOD_FREQ_MONTH:
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("two rows of month %s of key %s have its latest vintage %s", label, key, vintage),
					 errdetail("Series store \"%s\" keeps the row of each month's latest vintage, which must be one row.",
							   def->store_label),
					 errhint("Give one of the two rows another vintage, or delete one of them.")));
			break;
		case PERIOD_FREQ_QUARTER:
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("two rows of quarter %s of key %s have its latest vintage %s", label, key, vintage),
					 errdetail("Series store \"%s\" keeps the row of each quarter's latest vintage, which must be one row.",
							   def->store_label),
					 errhint("Give one of the two rows another vintage, or delete one of them.")));
			break;
		case PERIOD_FREQ_YEAR:
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("two rows of year %s of key %s have its latest vintage %s", label, key, vintage),
					 errdetail("Series store \"%s\" keeps the row of each year's latest vintage, which must be one row.",
							   def->store_label),
					 errhint("Give one of the two rows another vintage, or delete one of them.")));
			break;
	}
	elog(ERROR, "unknown frequency %d", def->freq);
}

/*
 * Runs sql through SPI, in a subtransaction when "subxact": the error it
 * raised (caught; the subtransaction rolled back), or NULL.  With "keep"
 * (subtransactions only), which reads the result (SPI_tuptable), a false
 * answer rolls the subtransaction back too, and *kept says which.
 */
static ErrorData *
store_spi_run(const char *sql, int nargs, Oid *argtypes, Datum *args, int expected,
			  bool subxact, bool (*keep) (void *arg), void *arg, bool *kept)
{
	MemoryContext oldcontext = CurrentMemoryContext;
	ResourceOwner oldowner = CurrentResourceOwner;
	ErrorData  *volatile edata = NULL;

	if (subxact)
	{
		BeginInternalSubTransaction(NULL);
		MemoryContextSwitchTo(oldcontext);
	}
	PG_TRY();
	{
		int			rc = SPI_execute_with_args(sql, nargs, argtypes, args, NULL, false, 0);

		if (rc != expected)
			elog(ERROR, "SPI_execute_with_args failed (%d): %s", rc, sql);
		if (subxact)
		{
			if (keep == NULL || (*kept = keep(arg)))
				ReleaseCurrentSubTransaction();
			else
				RollbackAndReleaseCurrentSubTransaction();
			MemoryContextSwitchTo(oldcontext);
			CurrentResourceOwner = oldowner;
		}
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(oldcontext);
		edata = CopyErrorData();
		FlushErrorState();
		if (subxact)
		{
			RollbackAndReleaseCurrentSubTransaction();
			MemoryContextSwitchTo(oldcontext);
			CurrentResourceOwner = oldowner;
		}
	}
	PG_END_TRY();
	return edata;
}

/* A statement's error raised again, naming the store rather than quoting the statement. */
pg_noreturn static void store_rethrow(ErrorData *edata, const StoreDef *def);

static void
store_rethrow(ErrorData *edata, const StoreDef *def)
{
	edata->context = psprintf("keeping series store \"%s\" current", def->store_label);
	edata->internalquery = NULL;
	edata->internalpos = 0;
	ReThrowError(edata);
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
	ErrorData  *edata = store_spi_run(sql, nargs, argtypes, args, expected,
									  duplicate_query != NULL, NULL, NULL, NULL);

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

			if (def->has_vintage)
				store_tie_error(def, SPI_getvalue(tup, desc, 1), DatumGetDateADT(day),
								SPI_getvalue(tup, desc, 3));
			store_duplicate_error(def, SPI_getvalue(tup, desc, 1), DatumGetDateADT(day), in_source);
		}
	}
	store_rethrow(edata, def);
}

/* store_spi_exec, an error naming the store (see store_spi_exec_args_for) */
void
store_spi_exec_for(const char *sql, int expected, const StoreDef *def)
{
	store_spi_exec_args_for(sql, 0, NULL, NULL, expected, def, NULL, false);
}

/*
 * A statement that may fail on the data, run in a subtransaction: false,
 * with nothing done, when it fails with an error of class 21 or 22 (a tie,
 * a value series_agg refuses), so that the caller can take another way,
 * which raises the error that the statement deserves if there is one;
 * other errors are raised, naming the store, as store_spi_exec_for does.
 * When it succeeds, "keep" (if given) reads its result (SPI_tuptable) and
 * says whether to keep what it did: if not, it is undone (the row locks it
 * took too) and the result is false.
 */
bool
store_spi_try_for(const char *sql, int expected, const StoreDef *def,
				  bool (*keep) (void *arg), void *arg)
{
	bool		kept = true;
	ErrorData  *edata = store_spi_run(sql, 0, NULL, NULL, expected, true, keep, arg, &kept);

	if (edata == NULL)
		return kept;
	if (ERRCODE_TO_CATEGORY(edata->sqlerrcode) == ERRCODE_CARDINALITY_VIOLATION ||
		ERRCODE_TO_CATEGORY(edata->sqlerrcode) == ERRCODE_DATA_EXCEPTION)
	{
		FreeErrorData(edata);
		return false;
	}
	store_rethrow(edata, def);
}
