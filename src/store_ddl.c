/*
 * store_ddl.c
 *	  Creating, checking, rebuilding and dropping a series store (store.c
 *	  says what a store is): series_store, series_store_check,
 *	  series_store_rebuild and series_store_drop.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/pg_am.h"
#include "catalog/pg_class.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_index.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/tuplestore.h"

#include "series.h"
#include "series_agg.h"
#include "series_compare.h"
#include "series_rollup.h"
#include "store.h"
#include "store_ddl.h"

/* The trigger events, and the suffixes of the triggers' names. */
static const char *const store_events[] = {"INSERT", "UPDATE", "DELETE", "TRUNCATE"};
static const char *const store_trigger_suffixes[] = {"ins", "upd", "del", "trunc"};

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
 * A store over a vintage table finds, for each period a statement changes,
 * the rows of its latest vintages in the source: a btree index whose first
 * columns are the keys (in any order) and then the period does it in a few
 * pages.  Without one every statement would read the whole source, so the
 * store is refused (55000), with the index to create in the hint.
 */
static void
store_require_index(const StoreDef *def, Relation source)
{
	List	   *indexes = RelationGetIndexList(source);
	ListCell   *lc;
	StringInfoData wanted;

	foreach(lc, indexes)
	{
		HeapTuple	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(lfirst_oid(lc)));
		Form_pg_index index;
		FormData_pg_class form;
		bool		fits;

		if (!HeapTupleIsValid(tup))
			elog(ERROR, "cache lookup failed for index %u", lfirst_oid(lc));
		index = (Form_pg_index) GETSTRUCT(tup);
		store_relation_form(index->indexrelid, &form);
		fits = index->indisvalid && index->indnkeyatts > def->nkeys &&
			heap_attisnull(tup, Anum_pg_index_indpred, NULL) && form.relam == BTREE_AM_OID &&
			index->indkey.values[def->nkeys] == def->period.attnum;
		for (int i = 0; fits && i < def->nkeys; i++)
		{
			bool		found = false;

			for (int j = 0; j < def->nkeys; j++)
				found |= index->indkey.values[i] == def->keys[j].attnum;
			fits = found;
		}
		ReleaseSysCache(tup);
		if (fits)
			return;
	}
	initStringInfo(&wanted);
	append_keys(&wanted, def, NULL);
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("source \"%s\" has no index on its keys and period",
					RelationGetRelationName(source)),
			 errdetail("A store over a vintage table looks up the latest vintage of each period a statement changes."),
			 errhint("Create one, such as: CREATE INDEX ON %s (%s, %s, %s);",
					 store_relation_name(def->source), wanted.data, def->period.name,
					 def->vintage.name)));
}

/*
 * A store's triggers need transition tables (REFERENCING NEW TABLE), which
 * Citus cannot run on the shards of a distributed or reference table: it
 * refuses the triggers (XX000), or with citus.enable_unsafe_triggers installs
 * them on every shard, where each write then fails ("executor could not find
 * named tuplestore").  So a table that Citus manages is refused here, before
 * anything is created.  Citus is not a dependency: its catalog
 * pg_dist_partition, where it lists every table it manages (distributed,
 * reference and Citus local tables, and their partitions), is looked up only
 * when it exists.  SPI is connected.
 */
static void
refuse_citus_table(Oid source)
{
	Oid			argtypes[1] = {OIDOID};
	Datum		args[1];

	if (SPI_execute("SELECT 1 WHERE pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL",
					true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed");
	if (SPI_processed == 0)
		return;
	args[0] = ObjectIdGetDatum(source);
	if (SPI_execute_with_args("SELECT 1 FROM pg_catalog.pg_dist_partition "
							  "WHERE logicalrelid OPERATOR(pg_catalog.=) $1::pg_catalog.regclass",
							  1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed");
	if (SPI_processed > 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("cannot keep a series store of \"%s\" because Citus manages that table",
						get_rel_name(source)),
				 errdetail("A series store keeps a single-node table current with triggers on it, "
						   "and Citus cannot run those triggers on the shards of a distributed or reference table."),
				 errhint("Keep the series in a distributed table colocated with the source and refresh it on the shards, "
						 "for example every night with pg_cron: INSERT INTO store SELECT key, series_agg(period, value) "
						 "FROM source GROUP BY key ON CONFLICT (key) DO UPDATE SET s = EXCLUDED.s; "
						 "see docs/distributed.md.")));
}

/*
 * series_agg's WARNING when a monthly store's series look like quarterly or
 * yearly data (series_warn_if_quarterly), for its first such series: the
 * store's series are series_agg(period, value, 'month'), which never warns,
 * because the frequency is passed; so series_store warns itself when it was
 * given no frequency (its default, NULL, means months), as series_agg(period,
 * value) does.
 */
static void
store_warn_if_quarterly(const StoreDef *def)
{
	SPIPlanPtr	plan;
	Portal		portal;
	bool		warned = false;

	if (def->freq != PERIOD_FREQ_MONTH)
		return;
	plan = SPI_prepare(psprintf("SELECT s FROM %s", def->store_name), 0, NULL);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for the store %s", def->store_name);
	/* not read-only: the store's rows were inserted by this call */
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, false);
	while (!warned)
	{
		SPI_cursor_fetch(portal, true, 1000);
		if (SPI_processed == 0)
			break;
		for (uint64 r = 0; r < SPI_processed && !warned; r++)
		{
			bool		isnull;
			Datum		s = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull);

			CHECK_FOR_INTERRUPTS();
			if (!isnull)
			{
				IndicatorSeries *series = DatumGetIndicatorSeriesP(s);

				warned = series_warn_if_quarterly(series, true);
				if ((Pointer) series != DatumGetPointer(s))
					pfree(series);	/* detoasted: a copy */
			}
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
}

/*
 * series_store(source regclass, store text, keys text[], period_column text,
 * value_column text, frequency text, vintage_column text, estimated_column
 * text): creates the store, fills it and installs the triggers; returns the
 * store.  1.1's six-argument declaration reaches it too.
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
	bool		check_quarterly;
	char	   *vintage = NULL;
	char	   *estimated = NULL;
	RangeVar   *store_rv;
	Oid			store_nsp;
	Relation	source;
	StoreDef	def;
	StringInfoData sql;
	ObjectAddress store_addr;

	for (int i = 0; i < 5; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("series_store's arguments cannot be NULL"),
					 errhint("Only the frequency (for months, checked as series_agg checks them), the vintage and the estimate columns may be NULL.")));
	source_id = PG_GETARG_OID(0);
	store_text = text_to_cstring(PG_GETARG_TEXT_PP(1));
	keys_array = PG_GETARG_ARRAYTYPE_P(2);
	period = text_to_cstring(PG_GETARG_TEXT_PP(3));
	value = text_to_cstring(PG_GETARG_TEXT_PP(4));
	/* no frequency: months, with series_agg's warning when they look quarterly */
	check_quarterly = PG_ARGISNULL(5);
	frequency = check_quarterly ? "month" : text_to_cstring(PG_GETARG_TEXT_PP(5));
	/* 1.1's six-argument declaration, until ALTER EXTENSION UPDATE, has neither */
	if (PG_NARGS() > 6 && !PG_ARGISNULL(6))
		vintage = text_to_cstring(PG_GETARG_TEXT_PP(6));
	if (PG_NARGS() > 7 && !PG_ARGISNULL(7))
		estimated = text_to_cstring(PG_GETARG_TEXT_PP(7));

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
				 nkeys, keys, vintage, estimated);
	if (def.has_vintage)
		store_require_index(&def, source);
	table_close(source, NoLock);

	/* the store where CREATE TABLE would put it, named with its schema from now on */
	store_rv = makeRangeVarFromNameList(qualified_name_list(store_text));
	store_nsp = RangeVarGetCreationNamespace(store_rv);
	store_set_name(&def, store_nsp, store_rv->relname);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	refuse_citus_table(source_id);

	initStringInfo(&sql);
	appendStringInfo(&sql, "CREATE TABLE %s (", def.store_name);
	append_key_definitions(&sql, &def);
	appendStringInfo(&sql, "s %s.indicator_series, ", def.ext);
	/* a vintage store's bound of each key's latest vintage, of the vintage's base type */
	if (def.has_vintage)
		appendStringInfo(&sql, "%s %s, ", STORE_LATEST_VINTAGE,
						 format_type_be_qualified(getBaseType(def.vintage.type)));
	appendStringInfoString(&sql, "PRIMARY KEY (");
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
		/* 1.2's arguments only when needed: a store as 1.1 made it looks as then */
		if (vintage || estimated)
			appendStringInfo(&sql, ", '', %s, %s", quote_literal_cstr(vintage ? vintage : ""),
							 quote_literal_cstr(estimated ? estimated : ""));
		appendStringInfoChar(&sql, ')');
		store_spi_exec(sql.data, SPI_OK_UTILITY);

		/* DROP TABLE of the store then names the triggers and asks for CASCADE */
		ObjectAddressSet(trigger_addr, TriggerRelationId, get_trigger_oid(def.source, name, false));
		recordDependencyOn(&trigger_addr, &store_addr, DEPENDENCY_NORMAL);
	}

	store_check_vintages(&def);
	resetStringInfo(&sql);
	append_fill(&sql, &def);
	/* a vintage table holds a period's rows many times over: only a tie at the latest is one */
	store_spi_exec_args_for(sql.data, 0, NULL, NULL, SPI_OK_INSERT, &def,
							def.has_vintage ? store_tie_query(&def, NULL) :
							store_duplicate_query(&def, def.source_name, NULL, false), true);
	if (check_quarterly)
		store_warn_if_quarterly(&def);
	SPI_finish();
	PG_RETURN_OID(def.store);
}

/*
 * Whether a trigger bears one of the names series_store gives the triggers
 * of the store "store_relname".  A copy of a store's trigger under another
 * name is not one of them: Citus, when a table with triggers is distributed
 * (citus.enable_unsafe_triggers), copies them to every shard, named with
 * the shard's number (sales_store_ins_102008 on sales_102008); on a node
 * that holds shards they are in pg_trigger beside the real ones, and
 * series_store_check, _rebuild and _drop must not take a shard for the
 * source.
 */
static bool
store_trigger_named(const char *store_relname, const char *tgname)
{
	for (int e = 0; e < (int) lengthof(store_trigger_suffixes); e++)
	{
		char	   *name = psprintf("%s_%s", store_relname, store_trigger_suffixes[e]);

		if (strcmp(name, tgname) == 0)
			return true;
	}
	return false;
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
		named = RangeVarGetRelid(makeRangeVarFromNameList(qualified_name_list(argv[STORE_ARG_STORE])),
								 NoLock, true);
		if (named != store || !store_trigger_named(get_rel_name(store), SPI_getvalue(tup, desc, 2)))
			continue;
		if (triggers)
			*triggers = lappend(*triggers, SPI_getvalue(tup, desc, 2));
		if (found)
			continue;
		found = true;
		source = table_open(relid, lockmode);
		store_define_from_args(def, source, ext, nargs, argv);
		table_close(source, NoLock);
		def->store = store;
		store_set_name(def, get_rel_namespace(store), get_rel_name(store));
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
		a = series_store_trim(a);
	if (b != NULL)
		b = series_store_trim(b);
	if (a == NULL || b == NULL)
		return a == NULL && b == NULL;
	return series_eq(a, b);
}

/*
 * series_store_check(store regclass): one row per key where the store and
 * series_agg over the source differ, the key as a row literal such as
 * (north,5), in key order; for a vintage store also where the stored
 * latest_vintage is earlier than the key's latest vintage in the source
 * (the INSERTs that take the fast path would then be wrong).
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
	MemoryContext rowcxt;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	memset(&def, 0, sizeof(def));
	store_lookup(fcinfo, PG_GETARG_OID(0), AccessShareLock, &def, NULL);
	store_check_vintages(&def);

	initStringInfo(&sql);
	appendStringInfoString(&sql, "SELECT CAST(ROW(");
	for (int i = 0; i < def.nkeys; i++)
		appendStringInfo(&sql, "%sCOALESCE(a.%s, st.%s)", i > 0 ? ", " : "",
						 def.keys[i].name, def.keys[i].name);
	appendStringInfoString(&sql, ") AS pg_catalog.text), st.s, a.s, ");
	/* a vintage store's bound below the key's latest vintage differs too (NULL is no bound) */
	if (def.has_vintage)
		appendStringInfo(&sql, "COALESCE(st.%s OPERATOR(pg_catalog.<) a.indicator_latest, false)",
						 STORE_LATEST_VINTAGE);
	else
		appendStringInfoString(&sql, "false");
	appendStringInfoString(&sql, " FROM (");
	append_source_series(&sql, &def);
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

	/*
	 * Memory stays flat however large the store: the rows come 1,000 at a
	 * time (each batch freed), and what comparing one row allocates (a
	 * detoasted copy of either series: a series under 127 bytes is stored
	 * with a short header and copied on every read; a trimmed copy) goes in
	 * rowcxt, reset after each row.  Only the differing keys are kept, in
	 * the tuplestore, which spills to disk beyond work_mem.  Measured on a
	 * store of 200,000 three-month series (VmHWM of /proc/PID/status, 72 MB
	 * of it the two tables' shared buffers): the backend's peak was 132 MB
	 * when the copies stayed until the end of the check, 104 MB now.
	 */
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "series_store_check row",
								   ALLOCSET_SMALL_SIZES);
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
			MemoryContext oldcxt;
			bool		same;
			bool		isnull;

			CHECK_FOR_INTERRUPTS();
			oldcxt = MemoryContextSwitchTo(rowcxt);
			same = !DatumGetBool(SPI_getbinval(tup, desc, 4, &isnull)) &&
				store_same_values(null_stored ? NULL : DatumGetIndicatorSeriesP(stored),
								  null_agg ? NULL : DatumGetIndicatorSeriesP(agg));
			MemoryContextSwitchTo(oldcxt);
			MemoryContextReset(rowcxt);
			if (!same)
			{
				Datum		key = SPI_getbinval(tup, desc, 1, &isnull);
				Datum		values[1];
				bool		nulls[1] = {false};

				values[0] = key;
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			}
		}
		SPI_freetuptable(SPI_tuptable);
	}
	MemoryContextDelete(rowcxt);
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
	store_check_vintages(&def);
	store_spi_exec(psprintf("DELETE FROM %s", def.store_name), SPI_OK_DELETE);
	initStringInfo(&sql);
	append_fill(&sql, &def);
	store_spi_exec_args_for(sql.data, 0, NULL, NULL, SPI_OK_INSERT, &def,
							def.has_vintage ? store_tie_query(&def, NULL) :
							store_duplicate_query(&def, def.source_name, NULL, false), true);
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
