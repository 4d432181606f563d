/*
 * store_trigger.c
 *	  series_store_trigger, which keeps a series store current (store.c
 *	  says what a store is).
 *
 * The triggers are AFTER ... FOR EACH STATEMENT with transition tables: one
 * statement's rows are grouped by key into the periods it removes (old rows)
 * and a series of the periods it adds (new rows), and every affected store
 * row is changed by one UPDATE (new keys by one INSERT ... ON CONFLICT).
 * Statement level gives the source's final state, not an intermediate one:
 * an UPDATE that swaps two rows' periods is no duplicate, and PostgreSQL
 * fires a MERGE's DELETE, UPDATE and INSERT statement triggers, and an
 * INSERT ... ON CONFLICT's UPDATE and INSERT ones, in that order, so periods
 * are removed before any are added.  Each affected store row is changed by
 * an UPDATE whose new value is computed from the row's latest version (in
 * READ COMMITTED, a concurrent update is waited for and re-read), so loads
 * from several sessions serialize on the store's rows and lose no period.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"

#include "store.h"
#include "store_trigger.h"

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
						 errdetail("The table is kept in series store \"%s\", whose keys cannot be NULL.",
								   def->store_label)));
	}
	tuplestore_select_read_pointer(rows, 0);
	ExecDropSingleTupleTableSlot(slot);
}

/*
 * The statement's changes by key, as the CTE "d": "removed" the periods with
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

/*
 * The query that names the key and period a failed statement gave two
 * values (store_duplicate_query): the rows it added, against each other and
 * against the store less the rows it removed; for an UPDATE only the rows
 * whose key, period or value changed, as in append_delta.
 */
static char *
statement_duplicate_query(const StoreDef *def, bool old_rows, bool new_rows)
{
	StringInfoData cols;

	if (!new_rows)
		return NULL;
	if (!old_rows)
		return store_duplicate_query(def, STORE_NEW_ROWS, NULL, true);
	initStringInfo(&cols);
	append_keys(&cols, def, NULL);
	appendStringInfo(&cols, ", %s, %s", def->period.name, def->value.name);
	return store_duplicate_query(def,
								 psprintf("(SELECT %s FROM %s EXCEPT ALL SELECT %s FROM %s)",
										  cols.data, STORE_NEW_ROWS, cols.data, STORE_OLD_ROWS),
								 psprintf("(SELECT %s FROM %s EXCEPT ALL SELECT %s FROM %s)",
										  cols.data, STORE_OLD_ROWS, cols.data, STORE_NEW_ROWS),
								 true);
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
 * serialize on the store's rows and lose no period.  It visits the rows in
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
	char	   *duplicate_query = statement_duplicate_query(def, old_rows, new_rows);

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
	store_spi_exec_args_for(sql.data, 0, NULL, NULL, SPI_OK_UPDATE_RETURNING, def,
							duplicate_query, false);
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
		store_spi_exec_for(sql.data, SPI_OK_DELETE, def);
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
		store_spi_exec_args_for(sql.data, 1, argtypes, args, SPI_OK_INSERT, def,
								duplicate_query, false);
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
	store_set_name(&def, get_rel_namespace(def.store), get_rel_name(def.store));

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
		store_spi_exec_for(psprintf("DELETE FROM %s", def.store_name), SPI_OK_DELETE, &def);
	else
	{
		if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
			elog(ERROR, "SPI_register_trigger_data failed");
		store_apply_changes(&def, event != TRIGGER_EVENT_INSERT, event != TRIGGER_EVENT_DELETE);
	}
	SPI_finish();
	return PointerGetDatum(NULL);
}
