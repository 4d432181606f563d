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
 *
 * A store over a vintage table cannot in general be changed from the
 * statement's rows alone (deleting a period's latest vintage brings back the
 * one before): store_apply_vintages reads the touched periods again from
 * the source, after locking the store's rows.  But an INSERT of vintages
 * later than every vintage a key has (the store's latest_vintage bounds
 * them) wins every period it touches: store_insert_later_vintages changes
 * such keys from the statement's rows alone, and leaves the others to the
 * look-ups.  Either way the work runs as the store's owner
 * (series_store_trigger).
 */
#include "postgres.h"
#include "pg_compat.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
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
		/* vintage_agg's errors, as the store's definition would raise them */
		if (def->has_vintage && slot_attisnull(slot, def->vintage.attnum))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("null value in vintage column \"%s\" of a row of \"%s\"",
							def->vintage.raw, RelationGetRelationName(source)),
					 errdetail("The table is kept in series store \"%s\", which orders each period's rows by their vintage.",
							   def->store_label)));
		if (def->has_vintage && slot_attisnull(slot, def->period.attnum))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("null value in period column \"%s\" of a row of \"%s\"",
							def->period.raw, RelationGetRelationName(source)),
					 errdetail("The table is kept in series store \"%s\", whose rows each belong to a period.",
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
	const char *cols = def->has_estimated ?
		psprintf("%s, %s, %s", def->period.name, def->value.name, def->estimated.name) :
		psprintf("%s, %s", def->period.name, def->value.name);
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
		appendStringInfo(buf, "(SELECT %s, %s.series_agg(%s, %s, %s%s%s) AS added FROM %s GROUP BY %s) a",
						 keys.data, def->ext, def->period.name, def->value.name, def->frequency,
						 def->has_estimated ? ", " : "",
						 def->has_estimated ? def->estimated.name : "",
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
 * A store over a vintage table: "SELECT k1, ..." of the statement's rows
 * (old, new or both), and, with "changed", the rows whose key, period,
 * value, vintage or flag changed (for an UPDATE: old EXCEPT ALL new and the
 * reverse), with their period and what the store reads of them, and
 * "indicator_old", true for an old row.  The new rows of an INSERT are
 * those of "new_rel" (the transition table, or the part of it that
 * store_insert_later_vintages left).
 */
static void
append_vintage_rows(StringInfo buf, const StoreDef *def, bool old_rows, bool new_rows,
					bool changed, const char *new_rel)
{
	StringInfoData cols;

	initStringInfo(&cols);
	append_keys(&cols, def, NULL);
	if (changed)
		appendStringInfo(&cols, ", %s, %s, %s%s%s", def->period.name, def->value.name,
						 def->vintage.name, def->has_estimated ? ", " : "",
						 def->has_estimated ? def->estimated.name : "");
	if (old_rows && new_rows && changed)
		appendStringInfo(buf, "SELECT *, true AS indicator_old FROM (SELECT %s FROM %s EXCEPT ALL SELECT %s FROM %s) o "
						 "UNION ALL SELECT *, false FROM (SELECT %s FROM %s EXCEPT ALL SELECT %s FROM %s) n",
						 cols.data, STORE_OLD_ROWS, cols.data, STORE_NEW_ROWS,
						 cols.data, STORE_NEW_ROWS, cols.data, STORE_OLD_ROWS);
	else if (old_rows && new_rows)
		appendStringInfo(buf, "SELECT %s FROM %s UNION ALL SELECT %s FROM %s",
						 cols.data, STORE_OLD_ROWS, cols.data, STORE_NEW_ROWS);
	else
		appendStringInfo(buf, "SELECT %s%s FROM %s", cols.data,
						 !changed ? "" : old_rows ? ", true AS indicator_old" : ", false AS indicator_old",
						 old_rows ? STORE_OLD_ROWS : new_rel);
}

/*
 * Locks the store rows of the keys the statement's rows hold, in key order
 * (the keys sorted, then each row reached through the primary key); returns
 * how many it locked.
 */
static uint64
store_lock_rows(const StoreDef *def, bool old_rows, bool new_rows, const char *new_rel)
{
	StringInfoData sql;

	initStringInfo(&sql);
	appendStringInfoString(&sql, "SELECT FROM (SELECT DISTINCT ");
	append_keys(&sql, def, NULL);
	appendStringInfoString(&sql, " FROM (");
	append_vintage_rows(&sql, def, old_rows, new_rows, false, new_rel);
	appendStringInfoString(&sql, ") r ORDER BY ");
	append_keys(&sql, def, NULL);
	appendStringInfo(&sql, ") k JOIN %s AS st ON ", def->store_name);
	append_key_match(&sql, def, "st", "k");
	appendStringInfoString(&sql, " ORDER BY ");
	append_keys(&sql, def, "k");
	appendStringInfoString(&sql, " FOR NO KEY UPDATE OF st");
	store_spi_exec_for(sql.data, SPI_OK_SELECT, def);
	return SPI_processed;
}

/* What the fast UPDATE changed: which keys (by number), how many emptied. */
typedef struct FastResult
{
	int64		total;			/* the statement's keys */
	bool	   *done;			/* done[n]: key n changed (1..total) */
	int64		ndone;
	int64		first_left;		/* the first key not changed, or total + 1 */
	int64		emptied;		/* keys left without a value */
	int64		want;			/* keep only when keys 1..want were changed (-1: all) */
} FastResult;

/*
 * store_spi_try_for's "keep" for the fast UPDATE (see
 * store_insert_later_vintages): keep only when exactly the keys 1..want
 * were changed, so that the row locks held are theirs alone.
 */
static bool
fast_result_keep(void *arg)
{
	FastResult *res = (FastResult *) arg;
	bool		isnull;

	res->ndone = (int64) SPI_processed;
	res->emptied = 0;
	res->total = 0;
	res->first_left = 1;
	if (res->ndone == 0)
		return false;
	res->total = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));
	res->done = palloc0(sizeof(bool) * (res->total + 1));
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		int64		n = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull));

		if (n < 1 || n > res->total)
			elog(ERROR, "the store's update returned key number " INT64_FORMAT " of " INT64_FORMAT,
				 n, res->total);
		res->done[n] = true;
		res->emptied += DatumGetBool(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, &isnull));
	}
	while (res->first_left <= res->total && res->done[res->first_left])
		res->first_left++;
	return res->first_left - 1 == res->ndone &&
		res->ndone == (res->want < 0 ? res->total : res->want);
}

/*
 * The fast way of an INSERT into a vintage table (the monthly load): for
 * each key, the statement's rows grouped by vintage_agg, which keeps the
 * latest vintage of each period (a NULL value there withdraws it), and the
 * key's store row changed from them alone (every period they touch removed,
 * vintage_agg's series added), when all of them are later than the store's
 * latest_vintage, a bound of the latest vintage of every row the source
 * held for the key before: then each of the statement's latest rows is its
 * period's latest row in the source, and no tie with an older row is
 * possible.  The condition is part of the UPDATE's WHERE, which READ
 * COMMITTED checks again on the latest version of a row that a concurrent
 * statement changed (waiting for it to end): no lock to take first and no
 * look-up in the source.  The rows are visited in key order (the groups
 * come sorted; nested loops only), as store_apply_changes does.
 *
 * A key is left to the slow way when it has no store row or a vintage not
 * later than its bound.  The slow way locks the keys left in key order
 * after the keys changed here; so that every lock comes in key order (two
 * statements wait for each other rather than deadlock), the UPDATE is kept
 * only when it changed every key, or, run again for the keys before the
 * first one left, every one of those: else it is undone (it runs in a
 * subtransaction: its row locks go too, also those of a row it waited for
 * and then found changed so that the key no longer qualifies).
 *
 * Returns NULL when every key of the statement was changed so; else the
 * rows of the keys left, for the slow way: the transition table when none
 * was kept (or vintage_agg refused the rows: a tie, which may be no tie in
 * the source, or a non-finite value, which may not be the latest), or the
 * rows of the keys left by their number in key order (the UPDATE's groups
 * are numbered so too).
 */
static const char *
store_insert_later_vintages(const StoreDef *def)
{
	StringInfoData sql;
	StringInfoData keys;
	int			nestlevel;
	int			where;
	FastResult	res;
	bool		kept;

	initStringInfo(&keys);
	append_keys(&keys, def, NULL);
	initStringInfo(&sql);
	appendStringInfo(&sql, "WITH d AS (SELECT %s, %s.vintage_agg(%s, %s, %s::pg_catalog.timestamptz, %s, %s) AS added, "
					 "pg_catalog.array_agg(%s) AS removed, pg_catalog.min(%s) AS indicator_first, "
					 "pg_catalog.max(%s) AS indicator_last, pg_catalog.row_number() OVER (ORDER BY %s) AS indicator_n "
					 "FROM %s GROUP BY %s) ",
					 keys.data, def->ext, def->period.name, def->value.name, def->vintage.name, def->frequency,
					 def->has_estimated ? def->estimated.name : "NULL::pg_catalog.bool",
					 def->period.name, def->vintage.name, def->vintage.name, keys.data,
					 STORE_NEW_ROWS, keys.data);
	appendStringInfo(&sql, "UPDATE %s AS st SET s = %s.series_store_apply(st.s, d.removed, d.added), "
					 "%s = GREATEST(st.%s, d.indicator_last) FROM d WHERE ",
					 def->store_name, def->ext, STORE_LATEST_VINTAGE, STORE_LATEST_VINTAGE);
	append_key_match(&sql, def, "st", "d");
	appendStringInfo(&sql, " AND st.%s OPERATOR(pg_catalog.<) d.indicator_first", STORE_LATEST_VINTAGE);
	where = sql.len;
	appendStringInfoString(&sql, " RETURNING d.indicator_n, st.s IS NULL, (SELECT pg_catalog.count(*) FROM d)");

	/* grouped by sorting and joined by nested loops, as in store_apply_changes */
	nestlevel = NewGUCNestLevel();
	store_plan_setting("enable_hashagg");
	store_plan_setting("enable_hashjoin");
	store_plan_setting("enable_mergejoin");
	store_plan_setting("enable_seqscan");
	store_plan_setting("jit");
	memset(&res, 0, sizeof(res));
	res.want = -1;
	kept = store_spi_try_for(sql.data, SPI_OK_UPDATE_RETURNING, def, fast_result_keep, &res);
	if (!kept && res.first_left > 1)
	{
		/* some key left: again, for the keys before the first one left */
		StringInfoData again;

		initStringInfo(&again);
		appendBinaryStringInfo(&again, sql.data, where);
		appendStringInfo(&again, " AND d.indicator_n OPERATOR(pg_catalog.<) " INT64_FORMAT "%s",
						 res.first_left, sql.data + where);
		res.want = res.first_left - 1;
		kept = store_spi_try_for(again.data, SPI_OK_UPDATE_RETURNING, def, fast_result_keep, &res);
	}
	AtEOXact_GUC(true, nestlevel);
	if (!kept)
		return STORE_NEW_ROWS;

	/* keys left without a value (every period withdrawn) have no series: their rows go */
	if (res.emptied > 0)
	{
		resetStringInfo(&sql);
		appendStringInfo(&sql, "DELETE FROM %s AS st USING (SELECT DISTINCT %s FROM %s) k WHERE st.s IS NULL AND ",
						 def->store_name, keys.data, STORE_NEW_ROWS);
		append_key_match(&sql, def, "st", "k");
		store_spi_exec_for(sql.data, SPI_OK_DELETE, def);
	}
	if (res.ndone == res.total)
		return NULL;

	/*
	 * The rows of the keys left: a key's number is its rank among the
	 * statement's keys in key order, as row_number() over the groups gave
	 * it (a constant array: = ANY looks its elements up in a hash table).
	 */
	resetStringInfo(&sql);
	appendStringInfo(&sql, "(SELECT * FROM (SELECT r.*, pg_catalog.dense_rank() OVER (ORDER BY %s) AS indicator_n "
					 "FROM %s AS r) x WHERE x.indicator_n OPERATOR(pg_catalog.=) ANY ('{",
					 keys.data, STORE_NEW_ROWS);
	for (int64 n = 1, listed = 0; n <= res.total; n++)
		if (!res.done[n])
			appendStringInfo(&sql, "%s" INT64_FORMAT, listed++ > 0 ? "," : "", n);
	appendStringInfoString(&sql, "}'::pg_catalog.int8[])) AS indicator_rest");
	return sql.data;
}

/*
 * The statement's changes applied to a store over a vintage table.  What a
 * period holds depends on all of its rows in the source (the latest
 * vintage, or the one before it when the latest is deleted), so each period
 * the statement touches is read again from the source, through the index
 * on (keys, period, ...) that series_store asked for: the two rows of the
 * latest vintages (two, to find a tie).  The store's rows of the touched
 * keys are locked first, in key order (a key without a row gets one, NULL
 * until the update, so that there is a row to lock), and the source is
 * read after: in READ COMMITTED each statement takes a new snapshot, which
 * then holds every change of the transactions that held those rows before,
 * so two concurrent loads of one period leave the later vintage, whichever
 * commits first.
 */
static void
store_apply_vintages(const StoreDef *def, bool old_rows, bool new_rows)
{
	StringInfoData sql;
	int			nestlevel;
	int64		keys;
	uint64		locked;
	uint64		updated;
	int64		emptied;
	char	   *update;
	char	   *tie_query;
	const char *new_rel = STORE_NEW_ROWS;

	/* an INSERT: the fast way for the keys whose rows are later than their bound */
	if (new_rows && !old_rows)
	{
		new_rel = store_insert_later_vintages(def);
		if (new_rel == NULL)
			return;
	}

	nestlevel = NewGUCNestLevel();
	store_plan_setting("enable_hashagg");
	store_plan_setting("enable_hashjoin");
	store_plan_setting("enable_mergejoin");
	store_plan_setting("enable_seqscan");
	store_plan_setting("jit");

	initStringInfo(&sql);
	locked = store_lock_rows(def, old_rows, new_rows, new_rel);

	/* the touched periods as the source now holds them (a new snapshot) */
	resetStringInfo(&sql);
	appendStringInfoString(&sql, "WITH c AS (SELECT ");
	append_keys(&sql, def, NULL);
	/* with the latest vintage of the rows the statement removed from each period */
	appendStringInfo(&sql, ", pg_catalog.date_trunc(%s, x.%s::pg_catalog.timestamp)::pg_catalog.date AS indicator_p0, "
					 "pg_catalog.max(x.%s) FILTER (WHERE x.indicator_old) AS indicator_gone FROM (",
					 def->frequency, def->period.name, def->vintage.name);
	append_vintage_rows(&sql, def, old_rows, new_rows, true, new_rel);
	appendStringInfoString(&sql, ") x GROUP BY ");
	append_keys(&sql, def, NULL);
	appendStringInfoString(&sql, ", indicator_p0), l AS (SELECT ");
	append_keys(&sql, def, "c");
	appendStringInfo(&sql, ", c.indicator_p0, c.indicator_gone, t.* FROM c LEFT JOIN LATERAL (SELECT u.%s AS indicator_period, "
					 "u.%s AS indicator_value, u.%s AS indicator_vintage%s%s FROM %s AS u WHERE ",
					 def->period.name, def->value.name, def->vintage.name,
					 def->has_estimated ? ", u." : "",
					 def->has_estimated ? psprintf("%s AS indicator_estimated", def->estimated.name) : "",
					 def->source_name);
	append_key_match(&sql, def, "u", "c");
	appendStringInfo(&sql, " AND u.%s OPERATOR(pg_catalog.>=) c.indicator_p0 AND u.%s OPERATOR(pg_catalog.<) "
					 "(c.indicator_p0 OPERATOR(pg_catalog.+) %s::pg_catalog.interval)::pg_catalog.date "
					 "ORDER BY u.%s DESC NULLS LAST LIMIT 2) t ON true), ",
					 def->period.name, def->period.name, def->interval, def->vintage.name);
	/* the latest vintage's row (two at it: a tie, which series_agg refuses; store_tie_query names it) */
	appendStringInfoString(&sql, "w AS (SELECT l.*, pg_catalog.max(l.indicator_vintage) OVER (PARTITION BY ");
	append_keys(&sql, def, "l");
	appendStringInfoString(&sql, ", l.indicator_p0) AS indicator_top, pg_catalog.count(*) OVER (PARTITION BY ");
	append_keys(&sql, def, "l");
	appendStringInfoString(&sql, ", l.indicator_p0, l.indicator_vintage) AS indicator_ties FROM l), ");
	/* by key: the periods to remove, the series of their latest rows to add */
	appendStringInfoString(&sql, "d AS (SELECT ");
	append_keys(&sql, def, NULL);
	appendStringInfo(&sql, ", pg_catalog.array_agg(indicator_p0) AS removed, "
					 "%s.series_agg(indicator_period, CASE WHEN indicator_ties OPERATOR(pg_catalog.>) 1 "
					 "THEN COALESCE(indicator_value, 0) ELSE indicator_value END, %s%s) "
					 "FILTER (WHERE indicator_vintage OPERATOR(pg_catalog.=) indicator_top) AS added, "
					 "pg_catalog.max(indicator_vintage) AS indicator_last, "
					 "pg_catalog.max(indicator_gone) AS indicator_gone FROM w GROUP BY ",
					 def->ext, def->frequency, def->has_estimated ? ", indicator_estimated" : "");
	append_keys(&sql, def, NULL);

	/*
	 * latest_vintage: the later of the bound and the latest vintage read
	 * (that of the statement's new rows, or later); the key's latest
	 * vintage in the source, read again, for a row without one (made to be
	 * locked, or new) and when the statement removed a row at the bound (a
	 * deleted load, loaded again, then takes the fast way).
	 */
	appendStringInfo(&sql, ") UPDATE %s AS st SET s = %s.series_store_apply(st.s, d.removed, d.added), "
					 "%s = CASE WHEN st.%s IS NULL OR d.indicator_gone OPERATOR(pg_catalog.>=) st.%s "
					 "THEN (SELECT pg_catalog.max(u.%s) FROM %s AS u WHERE ",
					 def->store_name, def->ext, STORE_LATEST_VINTAGE, STORE_LATEST_VINTAGE,
					 STORE_LATEST_VINTAGE, def->vintage.name, def->source_name);
	append_key_match(&sql, def, "u", "st");
	appendStringInfo(&sql, ") ELSE GREATEST(st.%s, d.indicator_last) END FROM d WHERE ",
					 STORE_LATEST_VINTAGE);
	append_key_match(&sql, def, "st", "d");
	appendStringInfoString(&sql, " RETURNING st.s IS NULL, (SELECT pg_catalog.count(*) FROM d)");
	update = pstrdup(sql.data);
	resetStringInfo(&sql);
	appendStringInfoChar(&sql, '(');
	append_vintage_rows(&sql, def, old_rows, new_rows, true, new_rel);
	appendStringInfoString(&sql, ") r");
	tie_query = store_tie_query(def, sql.data);

	for (int attempt = 0;; attempt++)
	{
		store_spi_exec_args_for(update, 0, NULL, NULL, SPI_OK_UPDATE_RETURNING, def, tie_query, false);
		updated = SPI_processed;
		keys = 0;
		emptied = 0;
		for (uint64 r = 0; r < updated; r++)
		{
			bool		isnull;

			emptied += DatumGetBool(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull));
			keys = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, &isnull));
		}
		if (updated > 0 && (int64) updated == keys)
			break;
		if (updated == 0)
		{
			/* no store row updated: does the statement change any key? */
			resetStringInfo(&sql);
			appendStringInfoString(&sql, "SELECT FROM (");
			append_vintage_rows(&sql, def, old_rows, new_rows, true, new_rel);
			appendStringInfoString(&sql, ") r LIMIT 1");
			store_spi_exec_for(sql.data, SPI_OK_SELECT, def);
			if (SPI_processed == 0)
				break;
		}
		if (attempt == 3)
			ereport(ERROR,
					(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
					 errmsg("could not lock the rows of series store \"%s\" that a statement changes",
							def->store_label),
					 errdetail("Concurrent statements kept adding and removing its keys."),
					 errhint("Run the statement again.")));

		/*
		 * Some keys have no store row: one each, NULL for now, to lock; then
		 * the source read again and every key updated again (the update
		 * recomputes the touched periods: doing it twice is doing it once).
		 */
		resetStringInfo(&sql);
		appendStringInfo(&sql, "INSERT INTO %s AS st (", def->store_name);
		append_keys(&sql, def, NULL);
		appendStringInfoString(&sql, ", s) SELECT DISTINCT ");
		append_keys(&sql, def, NULL);
		appendStringInfo(&sql, ", NULL::%s.indicator_series FROM (", def->ext);
		append_vintage_rows(&sql, def, old_rows, new_rows, false, new_rel);
		appendStringInfoString(&sql, ") r ORDER BY ");
		append_keys(&sql, def, NULL);
		appendStringInfoString(&sql, " ON CONFLICT DO NOTHING");
		store_spi_exec_for(sql.data, SPI_OK_INSERT, def);
		locked = store_lock_rows(def, old_rows, new_rows, new_rel);
	}

	/* keys left without a value (and rows made to be locked) have no series: they go */
	if (emptied > 0 || locked > updated)
	{
		resetStringInfo(&sql);
		appendStringInfo(&sql, "DELETE FROM %s AS st USING (SELECT DISTINCT ", def->store_name);
		append_keys(&sql, def, NULL);
		appendStringInfoString(&sql, " FROM (");
		append_vintage_rows(&sql, def, old_rows, new_rows, false, new_rel);
		appendStringInfoString(&sql, ") r) k WHERE st.s IS NULL AND ");
		append_key_match(&sql, def, "st", "k");
		store_spi_exec_for(sql.data, SPI_OK_DELETE, def);
	}
	AtEOXact_GUC(true, nestlevel);
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
	FormData_pg_class store_form;
	Oid			save_userid;
	int			save_sec_context;
	int			nestlevel;

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
	store_define_from_args(&def, source, store_extension_schema(fcinfo), trigger->tgnargs,
						   trigger->tgargs);
	names = qualified_name_list(trigger->tgargs[STORE_ARG_STORE]);
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

	/*
	 * As the store's owner: whoever writes the source needs no right on the
	 * store, and nobody but the owner (or whom it grants) writes the store
	 * directly.  A security-restricted operation, as a maintenance command
	 * or a materialized view's refresh runs its owner's code: nothing in it
	 * can change the session (SET ROLE, temporary tables) behind the
	 * writer's back.  The writer's identity comes back on error too.
	 */
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	store_relation_form(def.store, &store_form);
	SetUserIdAndSecContext(store_form.relowner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	PG_TRY();
	{
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		nestlevel = NewGUCNestLevel();
		/* every name in the statements is qualified; no temporary schema first */
		(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);
		if (event == TRIGGER_EVENT_TRUNCATE)
			store_spi_exec_for(psprintf("DELETE FROM %s", def.store_name), SPI_OK_DELETE, &def);
		else
		{
			if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
				elog(ERROR, "SPI_register_trigger_data failed");
			if (def.has_vintage)
				store_apply_vintages(&def, event != TRIGGER_EVENT_INSERT,
									 event != TRIGGER_EVENT_DELETE);
			else
				store_apply_changes(&def, event != TRIGGER_EVENT_INSERT,
									event != TRIGGER_EVENT_DELETE);
		}
		AtEOXact_GUC(true, nestlevel);
		SPI_finish();
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
	PG_END_TRY();
	return PointerGetDatum(NULL);
}
