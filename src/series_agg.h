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

/* An aggregate's frequency argument, cached per call site when constant. */
extern uint8 series_frequency_arg(FunctionCallInfo fcinfo, int argno);

/* A NaN or infinite value for a period (22023), as series_agg reports it. */
pg_noreturn extern void series_nonfinite_value_error(int64 period, uint8 frequency, bool is_nan);

/* A WARNING when a monthly series looks like quarterly or yearly data. */
extern bool series_warn_if_quarterly(const IndicatorSeries *s, bool in_store);

#endif							/* INDICATOR_SERIES_AGG_H */
