/*
 * ranges.c
 *	  Runs of periods and conversions between frequencies: range_value and
 *	  range_growth_pct (a quarter, a half, nine months, Jan+Feb, a trailing
 *	  twelve months: any run of a series' periods), to_frequency (months as
 *	  quarters or years, quarters as years) and fill_missing (the only way a
 *	  missing period is ever given a value).
 *
 * Every figure needs every period it covers, as ytd and annual do: a range
 * or a coarser period with a missing period is missing (NULL).  'avg' is the
 * mean of the periods (level_avg_numeric, the rule of annual and ytd); a
 * numeric value that is not exact and is stored in a series (to_frequency's
 * 'avg', fill_missing's 'linear') is kept at level_inexact_scale, the
 * series' scale plus 6 decimals.
 *
 * Estimates: a period of to_frequency's result is an estimate when any of
 * its periods is one (whatever the method); a period fill_missing gives a
 * value is an estimate when a neighbour it used is one ('locf' the one
 * before, 'linear' both, 'zero' none), and a present period keeps its flag.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"

#include "estimates.h"
#include "level.h"
#include "series.h"

typedef enum FillMethod
{
	FILL_LOCF,
	FILL_LINEAR,
	FILL_ZERO
} FillMethod;

static const MethodNames fill_methods = {
	{"locf", "linear", "zero", NULL}, "Use 'locf', 'linear' or 'zero'."
};

/*
 * The range's level by method: the sum for 'sum' and 'avg' (an average over
 * the same number of periods grows as their sum), the last period's value
 * for 'last'; false unless every period of the range is present.
 */
static bool
range_level(const IndicatorSeries *s, int64 first, int64 last, AnnualMethod method,
			Level *level)
{
	if (!level_sum(s, first, last, level))
		return false;
	if (method == ANNUAL_LAST)
		return series_month(s, last, level);
	return true;
}

/* range_value(s, first_period, last_period, method) returns numeric */
PG_FUNCTION_INFO_V1(series_range_value);
Datum
series_range_value(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(3), &annual_methods);
	int64		first;
	int64		last;
	Level		level;

	period_range_args(fcinfo, 1, s, &first, &last);
	if (!range_level(s, first, last, method, &level))
		PG_RETURN_NULL();
	if (method == ANNUAL_AVG)
		PG_RETURN_DATUM(level_avg_numeric(s, level, last - first + 1));
	PG_RETURN_DATUM(level_numeric(s, level));
}

/*
 * range_growth_pct(s, first_period, last_period, method, lag_months)
 * returns double precision
 */
PG_FUNCTION_INFO_V1(series_range_growth_pct);
Datum
series_range_growth_pct(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(3), &annual_methods);
	int32		lag_months = PG_GETARG_INT32(4);
	int64		first;
	int64		last;
	int64		lag;
	Level		current;
	Level		previous;
	double		pct = 0;

	lag = lag_months_periods(lag_months, s->frequency);
	period_range_args(fcinfo, 1, s, &first, &last);
	if (!range_level(s, first, last, method, &current) ||
		!range_level(s, first - lag, last - lag, method, &previous) ||
		!level_growth_pct(s, current, previous, &pct))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(pct);
}

/* The value of a numeric slot of a derived series, at its scale. */
static IndicatorSeries *
put_mantissa(IndicatorSeries *result, int32 i, int128 m)
{
	if (!fixed_in_range(m))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range: overflow"),
				 errdetail("A value at scale %d needs more than %d digits.",
						   result->scale, FIXED_MAX_DIGITS)));
	result = series_put_exact(result, i, m);
	result->npresent++;
	return result;
}

pg_noreturn static void inexact_overflow_error(const IndicatorSeries *s, int64 period, int frequency);

/* A value of s at level_inexact_scale(s), for a period of that frequency, overflows. */
static void
inexact_overflow_error(const IndicatorSeries *s, int64 period, int frequency)
{
	char		label[PERIOD_TEXT_LEN];

	period_to_text(period, frequency, label);
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value out of range at %s: overflow", label),
			 errdetail("A value stored at %d decimals (the series' %d plus 6) needs more than %d digits.",
					   level_inexact_scale(s), s->scale, FIXED_MAX_DIGITS)));
}

/* A conversion to a finer frequency (a coarser series to a finer one). */
static void
finer_frequency_error(int from, int to)
{
	if (from == SERIES_FREQ_QUARTER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot convert a quarterly series to the finer frequency \"month\""),
				 errdetail("A quarter's value says nothing of how it is spread over its months."),
				 errhint("Build the monthly series from monthly data with series_agg.")));
	if (to == SERIES_FREQ_MONTH)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot convert a yearly series to the finer frequency \"month\""),
				 errdetail("A year's value says nothing of how it is spread over its months."),
				 errhint("Build the monthly series from monthly data with series_agg.")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot convert a yearly series to the finer frequency \"quarter\""),
			 errdetail("A year's value says nothing of how it is spread over its quarters."),
			 errhint("Build the quarterly series from quarterly data with series_agg.")));
}

/*
 * to_frequency(s, frequency, method) returns indicator_series: each whole
 * period of the coarser frequency by 'sum', 'avg' or 'last' of its periods;
 * a period with a missing one, or only partly inside the span, is missing.
 * The same frequency returns s; a finer one is an error (spreading a total
 * needs a profile the series does not have).
 */
PG_FUNCTION_INFO_V1(series_to_frequency);
Datum
series_to_frequency(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	text	   *name = PG_GETARG_TEXT_PP(1);
	int			to = frequency_from_name(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(2), &annual_methods);
	int			k;				/* periods of s in one period of the result */
	int64		first;
	int64		last;
	int16		scale;
	IndicatorSeries *result;
	bool	   *flags = NULL;

	if (to == s->frequency)
		PG_RETURN_INDICATOR_SERIES_P(s);
	if (months_per_period(to) < months_per_period(s->frequency))
		finer_frequency_error(s->frequency, to);

	k = months_per_period(to) / months_per_period(s->frequency);
	first = month_to_period(period_first_month(s->first, s->frequency), to);
	last = month_to_period(period_first_month(series_last(s), s->frequency), to);
	scale = s->scale;
	if (s->kind == SERIES_KIND_NUMERIC && method == ANNUAL_AVG)
		scale = level_inexact_scale(s);
	result = series_alloc_freq(s->kind, series_first_slot(s->kind), scale, (int32) first,
							   (int32) (last - first + 1), (int32) (last - first + 1),
							   (uint8) to);
	if (series_has_bitmap(s))
		flags = palloc0(sizeof(bool) * result->nmonths);

	for (int64 p = first; p <= last; p++)
	{
		int64		from = month_to_period(period_first_month(p, to), s->frequency);
		int32		i = (int32) (p - first);
		Level		level;

		if (!range_level(s, from, from + k - 1, method, &level))
			continue;
		/* every period of a present result is in s's span */
		for (int64 q = from; flags != NULL && q < from + k; q++)
			flags[i] |= series_estimated_at(s, (int32) (q - s->first));
		if (s->kind == SERIES_KIND_FLOAT8)
		{
			series_set_fp(result, i, method == ANNUAL_AVG ? level.fp / k : level.fp);
			result->npresent++;
		}
		else if (method == ANNUAL_AVG)
		{
			int128		mean;

			if (!level_div_inexact(s, level.exact, k, &mean))
				inexact_overflow_error(s, p, to);
			result = put_mantissa(result, i, mean);
		}
		else
			result = put_mantissa(result, i, level.exact);
	}
	PG_RETURN_INDICATOR_SERIES_P(series_with_estimates(result, flags));
}

/*
 * fill_missing(s, method) returns indicator_series: the missing periods
 * between the first and the last present one given a value by 'locf' (the
 * last value before), 'linear' (on the straight line between the present
 * neighbours) or 'zero'.  Missing periods at the ends of the span have no
 * neighbour on one side and stay missing.
 */
PG_FUNCTION_INFO_V1(series_fill_missing);
Datum
series_fill_missing(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	FillMethod	method = (FillMethod) method_arg(PG_GETARG_TEXT_PP(1), &fill_methods);
	int16		scale = s->scale;
	int			k;
	IndicatorSeries *result;
	int32		prev = -1;		/* the last present slot seen */
	Level		before = {0, 0};
	bool	   *flags = NULL;

	if (s->kind == SERIES_KIND_NUMERIC && method == FILL_LINEAR)
		scale = level_inexact_scale(s);
	k = scale - s->scale;
	result = series_alloc_freq(s->kind, series_first_slot(s->kind), scale, s->first,
							   s->nmonths, s->nmonths, s->frequency);
	if (series_has_bitmap(s))
	{
		flags = palloc(sizeof(bool) * s->nmonths);
		series_estimate_flags(s, flags);
	}
	for (int32 i = 0; i < s->nmonths; i++)
	{
		Level		v;

		if (!series_get(s, i, &v))
			continue;
		/* a filled period rests on the neighbours its method used */
		for (int32 j = prev + 1; flags != NULL && prev >= 0 && j < i; j++)
			flags[j] = method == FILL_LOCF ? flags[prev] :
				method == FILL_LINEAR ? flags[prev] || flags[i] : false;
		/* the gap prev+1 .. i-1, between two present periods */
		for (int32 j = prev + 1; prev >= 0 && j < i; j++)
		{
			if (s->kind == SERIES_KIND_FLOAT8)
			{
				double		w = (double) (j - prev) / (i - prev);

				/* a weighted mean of two finite values cannot overflow */
				double		d = method == FILL_ZERO ? 0.0 : method == FILL_LOCF ? before.fp :
					before.fp * (1 - w) + v.fp * w;

				series_set_fp(result, j, d);
				result->npresent++;
			}
			else if (method == FILL_LINEAR)
			{
				int128		rise;
				int128		step;
				int128		m;

				/* before + (v - before) * (j - prev) / (i - prev), at the new scale */
				if (__builtin_sub_overflow(v.exact, before.exact, &rise) ||
					__builtin_mul_overflow(rise, (int128) (j - prev), &rise) ||
					!level_div_inexact(s, rise, i - prev, &step) ||
					!fixed_rescale(before.exact, k, &m) ||
					!fixed_add(m, step, &m))
					inexact_overflow_error(s, s->first + j, s->frequency);
				result = put_mantissa(result, j, m);
			}
			else
				result = put_mantissa(result, j, method == FILL_ZERO ? 0 : before.exact);
		}
		if (s->kind == SERIES_KIND_FLOAT8)
		{
			series_set_fp(result, i, v.fp);
			result->npresent++;
		}
		else
		{
			int128		m;

			if (!fixed_rescale(v.exact, k, &m))
				inexact_overflow_error(s, s->first + i, s->frequency);
			result = put_mantissa(result, i, m);
		}
		prev = i;
		before = v;
	}
	PG_RETURN_INDICATOR_SERIES_P(series_with_estimates(result, flags));
}
