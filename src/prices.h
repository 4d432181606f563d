/*
 * prices.h
 *	  Nominal values and prices (prices.c): a series deflated to the prices
 *	  of a base, and levels rebuilt from growth rates.
 */
#ifndef INDICATOR_PRICES_H
#define INDICATOR_PRICES_H

#include "series.h"

extern IndicatorSeries *series_deflate(const IndicatorSeries *s, const IndicatorSeries *price,
									   double base_price, bool base_estimated);
extern IndicatorSeries *series_implied_levels(const IndicatorSeries *growth,
											  const IndicatorSeries *anchor, int32 lag);

#endif							/* INDICATOR_PRICES_H */
