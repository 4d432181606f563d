/*
 * series_compare.h
 *	  Equality of series (series_compare.c), for C callers.
 */
#ifndef INDICATOR_SERIES_COMPARE_H
#define INDICATOR_SERIES_COMPARE_H

#include "series.h"

/* The same kind, frequency, span and values (at any scale) */
extern bool series_eq(const IndicatorSeries *a, const IndicatorSeries *b);

#endif							/* INDICATOR_SERIES_COMPARE_H */
