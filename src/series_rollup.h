/*
 * series_rollup.h
 *	  For C callers of series_rollup.c: what a series store holds.
 */
#ifndef INDICATOR_SERIES_ROLLUP_H
#define INDICATOR_SERIES_ROLLUP_H

#include "series.h"

extern IndicatorSeries *series_store_trim(const IndicatorSeries *s);

#endif							/* INDICATOR_SERIES_ROLLUP_H */
