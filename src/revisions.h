/*
 * revisions.h
 *	  How far a later publication of a series revised an earlier one:
 *	  revision_rows (period by period) and revision_stats (their means and
 *	  the relative mean absolute revision).
 */
#ifndef INDICATOR_REVISIONS_H
#define INDICATOR_REVISIONS_H

#include "postgres.h"
#include "pg_compat.h"

#include "fmgr.h"

extern Datum revision_rows(PG_FUNCTION_ARGS);
extern Datum revision_stats(PG_FUNCTION_ARGS);

#endif							/* INDICATOR_REVISIONS_H */
