/*
 * prices.c
 *	  Nominal values and prices: deflate (a series at the prices of a base
 *	  year or period, by a price index) and implied_levels (a series of
 *	  levels rebuilt from growth rates and an anchor).  The scalar
 *	  real_growth_pct, the same arithmetic on two published percentages, is
 *	  in scalar.c beside the other percentages.
 *
 * Both return float8 series, computed at full precision from the inputs'
 * values read as doubles, with the period arithmetic of indices.c: the base
 * year's average of a price index is rebase's (year_average), and a result
 * is shaped and checked as an index is.  A value that leaves double's range
 * is 22003 naming the period; a period that cannot be computed (a price
 * missing or not positive, a growth rate of -100% or less) is missing.
 *
 * Estimates: a deflated period is an estimate when its value, its price or
 * a period of the base (the base year's prices, or the base period's) is
 * one; a level from implied_levels when the anchor or a growth rate it
 * rests on is one.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "miscadmin.h"
#include "utils/float.h"

#include "estimates.h"
#include "indices.h"
#include "level.h"
#include "prices.h"
#include "series.h"

typedef enum PricesResult
{
	PRICES_DEFLATED,
	PRICES_IMPLIED
} PricesResult;

/* Store a value of a result: finite, or 22003 naming the period. */
static void
prices_put(IndicatorSeries *r, int32 i, double v, PricesResult what)
{
	if (isinf(v))
	{
		char		label[PERIOD_TEXT_LEN];

		period_to_text(r->first + i, r->frequency, label);
		if (what == PRICES_DEFLATED)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("deflated value for period %s is out of range", label),
					 errdetail("The value overflows double precision.")));
		else
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("implied level for period %s is out of range", label),
					 errdetail("The value overflows double precision.")));
	}
	series_set_fp(r, i, v);
	r->npresent++;
}

/* x * num / den, dividing first only when the product alone overflows */
static inline double
scale_level(double x, double num, double den)
{
	double		d = x * num;

	return isinf(d) ? x / den * num : d / den;
}

/* Whether "period" of s is flagged as an estimate (false outside the span). */
static bool
estimated_period(const IndicatorSeries *s, int64 period)
{
	return period >= s->first && period <= series_last(s) &&
		series_estimated_at(s, (int32) (period - s->first));
}

/* Whether any of the periods first..last of s is flagged as an estimate. */
static bool
estimated_range(const IndicatorSeries *s, int64 first, int64 last)
{
	for (int64 p = first; p <= last; p++)
		if (estimated_period(s, p))
			return true;
	return false;
}

/*
 * The deflated r with its estimates: a period rests on s's value, price's
 * value and the base, so it is an estimate when any of them is
 * (base_estimated: a period of the base is).
 */
static IndicatorSeries *
deflate_estimates(IndicatorSeries *r, const IndicatorSeries *s, const IndicatorSeries *price,
				  bool base_estimated)
{
	bool	   *flags;

	if (!base_estimated && !series_has_estimates(s) && !series_has_estimates(price))
		return r;
	flags = palloc(sizeof(bool) * r->nmonths);
	for (int32 i = 0; i < r->nmonths; i++)
		flags[i] = base_estimated || series_estimated_at(s, i) ||
			estimated_period(price, (int64) r->first + i);
	/* a missing period is never flagged */
	return series_with_estimates(r, flags);
}

/*
 * s x base_price / price, period by period, over s's span: missing where s
 * is, or where price is missing or not positive.  base_price > 0.  A period
 * is flagged as an estimate where s's or price's is, or everywhere when
 * base_estimated (the base rests on an estimate).
 */
IndicatorSeries *
series_deflate(const IndicatorSeries *s, const IndicatorSeries *price, double base_price,
			   bool base_estimated)
{
	IndicatorSeries *r = index_result(s, s->first, s->nmonths);
	double	   *v = series_fp_array(r);
	double	   *pv = palloc((Size) price->nmonths * sizeof(double));
	bool		overflow = false;

	Assert(base_price > 0);
	/* s's values in place in the result, then divided: one pass, as rebase */
	series_doubles(s, v);
	series_doubles(price, pv);
	for (int32 i = 0; i < s->nmonths; i++)
	{
		int64		j = (int64) s->first + i - price->first;
		double		p = j >= 0 && j < price->nmonths ? pv[j] : get_float8_nan();

		/* a missing value (NaN) stays missing; a price that is not > 0 makes it so */
		v[i] = p > 0 ? scale_level(v[i], base_price, p) : get_float8_nan();
		r->npresent += !isnan(v[i]);
		overflow |= isinf(v[i]);
	}
	if (overflow)
		for (int32 i = 0; i < s->nmonths; i++)
			if (isinf(v[i]))
				prices_put(r, i, v[i], PRICES_DEFLATED);	/* the error, naming the period */
	pfree(pv);
	return deflate_estimates(r, s, price, base_estimated);
}

/* deflate(s, price, base_year int, fy_start_month int) returns indicator_series */
PG_FUNCTION_INFO_V1(deflate_year);
Datum
deflate_year(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	IndicatorSeries *price = PG_GETARG_INDICATOR_SERIES_P(1);
	int32		year = PG_GETARG_INT32(2);
	int32		fy_start_month = PG_GETARG_INT32(3);
	double		base;

	int64		start;

	series_check_same_frequency(s, price, SERIES_COMBINE_OTHER);
	check_year(year, "base_year");
	check_fy_frequency(fy_start_month, price->frequency);
	if (!year_average(price, year, fy_start_month, &base) || !(base > 0))
		PG_RETURN_NULL();
	start = year_start_period(price, year, fy_start_month);
	PG_RETURN_INDICATOR_SERIES_P(series_deflate(s, price, base,
												estimated_range(price, start,
																start + periods_per_year(price->frequency) - 1)));
}

/* deflate(s, price, base_period date) returns indicator_series */
PG_FUNCTION_INFO_V1(deflate_period);
Datum
deflate_period(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	IndicatorSeries *price = PG_GETARG_INDICATOR_SERIES_P(1);
	double		base;

	int64		period;

	series_check_same_frequency(s, price, SERIES_COMBINE_OTHER);
	period = period_arg(fcinfo, 2, price, "base_period");
	if (!month_double(price, period, &base) || !(base > 0))
		PG_RETURN_NULL();
	PG_RETURN_INDICATOR_SERIES_P(series_deflate(s, price, base, estimated_period(price, period)));
}

/*
 * Levels from growth rates in percent over "lag" periods, anchored on every
 * period of "anchor": forwards, level(t) = level(t - lag) x (1 + g(t) / 100);
 * backwards, level(t - lag) = level(t) / (1 + g(t) / 100).  A growth of
 * -100% or less (a factor that is not positive) breaks the chain.  Each
 * chain (the periods lag apart) runs forwards from every level it has, then
 * backwards, and never overwrites a level: an anchor's value is kept, and a
 * period that two anchors reach takes the value carried forwards from the
 * earlier one.  A level carried from an estimated level or by an estimated
 * growth rate is an estimate.  The result spans the periods reached (at
 * most a series' span: 54000 beyond it); NULL when none is.
 */
IndicatorSeries *
series_implied_levels(const IndicatorSeries *growth, const IndicatorSeries *anchor, int32 lag)
{
	int64		first = Max(Min((int64) anchor->first, (int64) growth->first - lag),
							(int64) period_min(growth->frequency));
	int64		last = Max(series_last(anchor), series_last(growth));
	int32		n = (int32) (last - first + 1);
	double	   *level = palloc((Size) n * sizeof(double));
	double	   *factor = palloc((Size) n * sizeof(double));
	int32		lo = 0;
	int32		hi = n - 1;
	IndicatorSeries *r;

	/* estimates: of the levels (the anchor's, then carried) and of the rates */
	bool		with_estimates = series_has_estimates(growth) || series_has_estimates(anchor);
	bool	   *est = with_estimates ? palloc0((Size) n * sizeof(bool)) : NULL;
	bool	   *rate_est = with_estimates ? palloc0((Size) n * sizeof(bool)) : NULL;

	/* the anchor's levels and the growth rates in place, NaN elsewhere */
	for (int32 i = 0; i < n; i++)
		level[i] = factor[i] = get_float8_nan();
	series_doubles(anchor, level + (anchor->first - first));
	series_doubles(growth, factor + (growth->first - first));
	for (int32 i = 0; i < n; i++)
	{
		/* 100 + g, exact near -100 (Sterbenz), so positive above it */
		factor[i] = factor[i] > -100.0 ? 100.0 + factor[i] : get_float8_nan();
		if (with_estimates)
		{
			est[i] = estimated_period(anchor, first + i);
			rate_est[i] = estimated_period(growth, first + i);
		}
	}
	CHECK_FOR_INTERRUPTS();

	/*
	 * x (100 + g) / 100 rather than x (1 + g / 100): 100 x 110 / 100 is 110
	 * exactly, 100 x 1.1 is not.  NaN (missing) in a level or a factor
	 * stays NaN.  A level carried from an estimate, or by an estimated
	 * rate, is an estimate.
	 */
	for (int32 i = lag; i < n; i++)
		if (isnan(level[i]))
		{
			level[i] = scale_level(level[i - lag], factor[i], 100.0);
			if (with_estimates)
				est[i] = est[i - lag] || rate_est[i];
		}
	for (int32 i = n - 1; i >= lag; i--)
		if (isnan(level[i - lag]))
		{
			level[i - lag] = scale_level(level[i], 100.0, factor[i]);
			if (with_estimates)
				est[i - lag] = est[i] || rate_est[i];
		}

	/* the periods reached, lo..hi: within a series' span limit */
	while (lo < n && isnan(level[lo]))
		lo++;
	if (lo == n)
		return NULL;
	while (isnan(level[hi]))
		hi--;
	series_check_period_span((int32) (first + lo), (int32) (first + hi), growth->frequency);
	r = index_result(growth, (int32) (first + lo), hi - lo + 1);
	for (int32 i = lo; i <= hi; i++)
		if (!isnan(level[i]))
			prices_put(r, i - lo, level[i], PRICES_IMPLIED);
	if (with_estimates)
		r = series_with_estimates(r, est + lo);	/* a missing level is never flagged */
	pfree(level);
	pfree(factor);
	return r;
}

/*
 * implied_levels(growth, anchor, lag_months int) returns indicator_series
 */
PG_FUNCTION_INFO_V1(implied_levels);
Datum
implied_levels(PG_FUNCTION_ARGS)
{
	IndicatorSeries *growth = PG_GETARG_INDICATOR_SERIES_P(0);
	IndicatorSeries *anchor = PG_GETARG_INDICATOR_SERIES_P(1);
	int32		lag_months = PG_GETARG_INT32(2);
	int32		lag;
	IndicatorSeries *r;

	series_check_same_frequency(growth, anchor, SERIES_COMBINE_OTHER);
	lag = lag_months_periods(lag_months, growth->frequency);
	r = series_implied_levels(growth, anchor, lag);
	if (r == NULL)
		PG_RETURN_NULL();
	PG_RETURN_INDICATOR_SERIES_P(r);
}
