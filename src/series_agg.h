/*
 * series_agg.h
 *	  series_agg's transition functions for date periods (series_agg.c),
 *	  which series_set reuses to change a stored series one row at a time.
 */
#ifndef INDICATOR_SERIES_AGG_H
#define INDICATOR_SERIES_AGG_H

#include "fmgr.h"

extern Datum series_agg_numeric_transfn(PG_FUNCTION_ARGS);
extern Datum series_agg_float8_transfn(PG_FUNCTION_ARGS);
extern Datum series_agg_int8_transfn(PG_FUNCTION_ARGS);
extern Datum series_agg_int4_transfn(PG_FUNCTION_ARGS);

#endif							/* INDICATOR_SERIES_AGG_H */
