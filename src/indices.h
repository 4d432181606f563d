/*
 * indices.h
 *	  The helpers of indices.c that other derived float8 series share
 *	  (prices.c's deflate and implied_levels): a result series shaped like
 *	  an input, a value stored with the overflow check that names the
 *	  period, one period as a double, and a fiscal year's average (rebase's
 *	  base).
 */
#ifndef INDICATOR_INDICES_H
#define INDICATOR_INDICES_H

#include "series.h"

extern IndicatorSeries *index_result(const IndicatorSeries *like, int32 first, int32 nmonths);
extern void index_put(IndicatorSeries *r, int32 i, double v);
extern bool month_double(const IndicatorSeries *s, int64 month, double *out);
extern bool year_average(const IndicatorSeries *s, int64 year, int fy_start_month,
						 double *avg);
extern int64 year_start_period(const IndicatorSeries *s, int64 year, int fy_start_month);

#endif							/* INDICATOR_INDICES_H */
