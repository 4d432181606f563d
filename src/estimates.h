/*
 * estimates.h
 *	  Periods of an indicator_series flagged as estimates: what C code that
 *	  builds or reads a series asks of its flags (estimates.c).
 *
 * A flag belongs to a present period: a missing period is never flagged,
 * and a series with no period flagged is a series without flags, equal to
 * the same series written by 1.1 and stored in 1.1's format (series.h
 * keeps the flags in a bitmap after the values, format version 3).
 */
#ifndef INDICATOR_ESTIMATES_H
#define INDICATOR_ESTIMATES_H

#include "series.h"

/* true when at least one present period of s is flagged as an estimate */
extern bool series_has_estimates(const IndicatorSeries *s);

/* whether the period at offset i (0 <= i < s->nmonths, from s->first) is flagged */
extern bool series_estimated_at(const IndicatorSeries *s, int32 i);

/*
 * a finished copy of s (front 0, capacity nmonths) whose period i is flagged
 * where flags[i] is true; missing periods are never flagged; flags NULL or no
 * present period flagged gives a series without flags (1.1's image)
 */
extern IndicatorSeries *series_with_estimates(const IndicatorSeries *s, const bool *flags);

/*
 * flags[i] for every period of s (s->nmonths of them): whether it is
 * flagged; false everywhere when s has no flags.
 */
extern void series_estimate_flags(const IndicatorSeries *s, bool *flags);

#endif							/* INDICATOR_ESTIMATES_H */
