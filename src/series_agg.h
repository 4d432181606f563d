/*
 * series_agg.h
 *	  series_agg's transition functions for date periods (series_agg.c),
 *	  which series_set reuses to change a stored series one row at a time,
 *	  and its warning about quarterly data, which series_store gives too.
 */
#ifndef INDICATOR_SERIES_AGG_H
#define INDICATOR_SERIES_AGG_H

#include "fmgr.h"

#include "series.h"

extern Datum series_agg_numeric_transfn(PG_FUNCTION_ARGS);
extern Datum series_agg_float8_transfn(PG_FUNCTION_ARGS);
extern Datum series_agg_int8_transfn(PG_FUNCTION_ARGS);
extern Datum series_agg_int4_transfn(PG_FUNCTION_ARGS);

/* A WARNING when a monthly series looks like quarterly or yearly data. */
extern bool series_warn_if_quarterly(const IndicatorSeries *s, bool in_store);

#endif							/* INDICATOR_SERIES_AGG_H */
