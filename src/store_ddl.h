/*
 * store_ddl.h
 *	  The SQL functions that create, check, rebuild and drop a series store
 *	  (store_ddl.c).
 */
#ifndef INDICATOR_STORE_DDL_H
#define INDICATOR_STORE_DDL_H

#include "fmgr.h"

extern Datum series_store(PG_FUNCTION_ARGS);
extern Datum series_store_check(PG_FUNCTION_ARGS);
extern Datum series_store_rebuild(PG_FUNCTION_ARGS);
extern Datum series_store_drop(PG_FUNCTION_ARGS);

#endif							/* INDICATOR_STORE_DDL_H */
