/*
 * estimates.c
 *	  Periods flagged as estimates: the C API of estimates.h, and the SQL
 *	  functions that read the flags, estimated_periods and is_estimated.
 *	  (series_agg and series_set set them; the text and binary forms,
 *	  equality and hashing are in series.c and series_compare.c.)
 */
#include "postgres.h"

#include "catalog/pg_type_d.h"
#include "utils/array.h"
#include "utils/date.h"

#include "estimates.h"

bool
series_has_estimates(const IndicatorSeries *s)
{
	if (!series_has_bitmap(s))
		return false;
	for (int32 i = 0; i < s->nmonths; i++)
	{
		Level		v;

		if (series_flagged(s, i) && series_get(s, i, &v))
			return true;
	}
	return false;
}

bool
series_estimated_at(const IndicatorSeries *s, int32 i)
{
	Assert(i >= 0 && i < s->nmonths);
	return series_flagged(s, i);
}

void
series_estimate_flags(const IndicatorSeries *s, bool *flags)
{
	for (int32 i = 0; i < s->nmonths; i++)
		flags[i] = series_flagged(s, i);
}

IndicatorSeries *
series_with_estimates(const IndicatorSeries *s, const bool *flags)
{
	IndicatorSeries *plain;
	IndicatorSeries *result;
	bool		any = false;

	/* s without its flags: a copy that series_compact finishes */
	if (series_has_bitmap(s))
	{
		plain = series_compact(s);
		if (series_has_bitmap(plain))
			memset(series_bitmap(plain), 0, series_bitmap_size(plain->capacity));
	}
	else
		plain = (IndicatorSeries *) s;

	for (int32 i = 0; flags != NULL && i < s->nmonths && !any; i++)
	{
		Level		v;

		any = flags[i] && series_get(s, i, &v);
	}
	if (!any)
		return series_compact(plain);

	if (!series_has_bitmap(plain))
	{
		plain = series_compact(plain);
		result = series_add_bitmap(plain);
		pfree(plain);
	}
	else
		result = plain;
	for (int32 i = 0; i < result->nmonths; i++)
	{
		Level		v;

		if (flags[i] && series_get(result, i, &v))
			series_set_flag(result, i, true);
	}
	return result;
}

/* estimated_periods(indicator_series): the periods flagged, in order */
PG_FUNCTION_INFO_V1(series_estimated_periods);
Datum
series_estimated_periods(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	Datum	   *periods = palloc(sizeof(Datum) * (s->npresent + 1));
	int			n = 0;

	for (int32 i = 0; i < s->nmonths; i++)
	{
		Level		v;

		if (series_flagged(s, i) && series_get(s, i, &v))
			periods[n++] = DateADTGetDatum(period_to_date(s->first + i, s->frequency));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(periods, n, DATEOID, sizeof(DateADT), true, TYPALIGN_INT));
}

/* is_estimated(indicator_series, date): NULL outside the span or when missing */
PG_FUNCTION_INFO_V1(series_is_estimated);
Datum
series_is_estimated(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int64		period = period_arg(fcinfo, 1, s, "period");
	Level		v;

	if (!series_month(s, period, &v))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(series_flagged(s, (int32) (period - s->first)));
}
