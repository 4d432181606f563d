/*
 * series_agg.c
 *	  The aggregate series_agg(period, value): transition, combine and final
 *	  functions.
 *
 * The state is an indicator_series itself (not internal), so that Citus and
 * postgres_fdw can ship partial states as text and parallel workers can pass
 * them to the leader.  It stays fast because, when called as an aggregate,
 * the transition function updates the state in place and returns the same
 * pointer, which nodeAgg keeps without copying.  When a month falls outside
 * the allocated slots, a larger state is built in the per-call memory
 * context with geometric growth; nodeAgg copies it into the aggregate
 * context once and frees the old one (see ExecAggTransReparent), so the cost
 * of growth is amortized and nothing here frees or leaks the old state.
 */
#include "postgres.h"

#include "utils/date.h"

#include "series.h"

#define SERIES_INITIAL_CAPACITY 16

static void
duplicate_month_error(int32 month)
{
	char		label[MONTH_TEXT_LEN];

	month_to_text(month, label);
	ereport(ERROR,
			(errcode(ERRCODE_CARDINALITY_VIOLATION),
			 errmsg("more than one value for month %s", label),
			 errdetail("A series holds one value per month."),
			 errhint("Group by every column that identifies a series, or sum the rows of a month first.")));
}

/*
 * Make room in the state for "month": extend the span, or build a larger
 * state when the month falls outside the allocated slots.  A NULL state
 * starts a new series.  Returns the state to keep using.
 */
static IndicatorSeries *
state_make_room(IndicatorSeries *state, uint8 kind, int32 month)
{
	int32		first;
	int32		last;
	int32		capacity;
	IndicatorSeries *grown;

	if (state == NULL)
		return series_alloc(kind, 0, month, 1, SERIES_INITIAL_CAPACITY);

	/* the common case: inside the span, or after it within the slots */
	if (month >= state->first && month < state->first + state->capacity)
	{
		if (month > series_last(state))
			state->nmonths = month - state->first + 1;
		return state;
	}

	first = Min(state->first, month);
	last = Max(series_last(state), month);
	series_check_span(first, last);
	capacity = Min(Max(last - first + 1, 2 * state->capacity), SERIES_MAX_MONTHS);

	grown = series_alloc(state->kind, state->scale, first, last - first + 1, capacity);
	grown->npresent = state->npresent;
	memcpy(series_values(grown) + (Size) (state->first - first) * series_value_size(state->kind),
		   series_values(state),
		   (Size) state->nmonths * series_value_size(state->kind));
	return grown;
}

/*
 * Add one (period, value) row to the state.  value_is_null marks a missing
 * month; otherwise the value is "exact" at "scale" (numeric kind) or "fp".
 */
static Datum
series_agg_accum(FunctionCallInfo fcinfo, uint8 kind, bool value_is_null,
				 int128 exact, int scale, double fp)
{
	IndicatorSeries *state = PG_ARGISNULL(0) ? NULL : PG_GETARG_INDICATOR_SERIES_P(0);
	int32		month;
	int32		slot;
	Level		old;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("period cannot be NULL"),
				 errhint("Every row passed to series_agg needs the month it belongs to.")));
	month = date_to_month(PG_GETARG_DATEADT(1), "period");
	series_check_month(month);

	/* called as a plain function, the state is not ours to change */
	if (state != NULL && !AggCheckCallContext(fcinfo, NULL))
		state = series_compact(state);

	if (state != NULL && state->kind != kind)
		elog(ERROR, "series_agg state of kind %d cannot take a value of kind %d",
			 state->kind, kind);

	state = state_make_room(state, kind, month);
	if (value_is_null)
		PG_RETURN_INDICATOR_SERIES_P(state);

	slot = month - state->first;
	if (series_get(state, slot, &old))
		duplicate_month_error(month);

	if (kind == SERIES_KIND_NUMERIC)
	{
		if (scale > state->scale)
			state = series_rescale(state, (int16) scale);
		else if (scale < state->scale &&
				 !fixed_rescale(exact, state->scale - scale, &exact))
			series_scale_error(month, state->scale);
		series_set_exact(state, slot, exact);
	}
	else
		series_set_fp(state, slot, fp);
	state->npresent++;
	PG_RETURN_INDICATOR_SERIES_P(state);
}

static void
nonfinite_value_error(int32 month, bool is_nan)
{
	char		label[MONTH_TEXT_LEN];

	month_to_text(month, label);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("value for month %s cannot be %s", label, is_nan ? "NaN" : "infinite"),
			 errhint("Pass NULL for a month without a value.")));
}

/* The month of the row being added (period not NULL), for error messages. */
static int32
row_month(FunctionCallInfo fcinfo)
{
	return date_to_month(PG_GETARG_DATEADT(1), "period");
}

/* series_agg_transfn(indicator_series, date, numeric) */
PG_FUNCTION_INFO_V1(series_agg_numeric_transfn);
Datum
series_agg_numeric_transfn(PG_FUNCTION_ARGS)
{
	int128		exact = 0;
	int			scale = 0;

	if (!PG_ARGISNULL(2) && !PG_ARGISNULL(1))
	{
		switch (numeric_to_fixed(PG_GETARG_NUMERIC(2), &exact, &scale))
		{
			case FIXED_OK:
				break;
			case FIXED_NAN:
				nonfinite_value_error(row_month(fcinfo), true);
				break;
			case FIXED_INFINITE:
				nonfinite_value_error(row_month(fcinfo), false);
				break;
			case FIXED_TOO_MANY_DIGITS:
			case FIXED_SCALE_TOO_LARGE:
				{
					char		label[MONTH_TEXT_LEN];

					month_to_text(row_month(fcinfo), label);
					ereport(ERROR,
							(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
							 errmsg("value for month %s cannot be held exactly", label),
							 errdetail("indicator_series holds numeric values of at most %d digits and %d decimals.",
									   FIXED_MAX_DIGITS, FIXED_MAX_SCALE)));
				}
		}
	}
	return series_agg_accum(fcinfo, SERIES_KIND_NUMERIC, PG_ARGISNULL(2), exact, scale, 0);
}

/* series_agg_transfn(indicator_series, date, bigint) */
PG_FUNCTION_INFO_V1(series_agg_int8_transfn);
Datum
series_agg_int8_transfn(PG_FUNCTION_ARGS)
{
	int128		exact = PG_ARGISNULL(2) ? 0 : (int128) PG_GETARG_INT64(2);

	return series_agg_accum(fcinfo, SERIES_KIND_NUMERIC, PG_ARGISNULL(2), exact, 0, 0);
}

/* series_agg_transfn(indicator_series, date, integer) */
PG_FUNCTION_INFO_V1(series_agg_int4_transfn);
Datum
series_agg_int4_transfn(PG_FUNCTION_ARGS)
{
	int128		exact = PG_ARGISNULL(2) ? 0 : (int128) PG_GETARG_INT32(2);

	return series_agg_accum(fcinfo, SERIES_KIND_NUMERIC, PG_ARGISNULL(2), exact, 0, 0);
}

/* series_agg_transfn(indicator_series, date, double precision) */
PG_FUNCTION_INFO_V1(series_agg_float8_transfn);
Datum
series_agg_float8_transfn(PG_FUNCTION_ARGS)
{
	double		fp = PG_ARGISNULL(2) ? 0 : PG_GETARG_FLOAT8(2);

	if (!PG_ARGISNULL(2) && !PG_ARGISNULL(1) && !isfinite(fp))
		nonfinite_value_error(row_month(fcinfo), isnan(fp));
	return series_agg_accum(fcinfo, SERIES_KIND_FLOAT8, PG_ARGISNULL(2), 0, 0, fp);
}

/*
 * series_agg_combine(indicator_series, indicator_series): the union of two
 * partial states over disjoint months (a month in both is a duplicate row).
 */
PG_FUNCTION_INFO_V1(series_agg_combine);
Datum
series_agg_combine(PG_FUNCTION_ARGS)
{
	IndicatorSeries *state;
	IndicatorSeries *other;
	int32		first;
	int32		last;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	other = PG_GETARG_INDICATOR_SERIES_P(1);

	/* never return the second input itself: it is not ours to keep */
	if (PG_ARGISNULL(0))
		PG_RETURN_INDICATOR_SERIES_P(series_compact(other));

	state = PG_GETARG_INDICATOR_SERIES_P(0);
	if (state->kind != other->kind)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot combine a numeric series with a float8 series")));

	first = Min(state->first, other->first);
	last = Max(series_last(state), series_last(other));
	series_check_span(first, last);

	if (!AggCheckCallContext(fcinfo, NULL) || first < state->first ||
		last >= state->first + state->capacity)
	{
		IndicatorSeries *grown = series_alloc(state->kind, state->scale, first,
											  last - first + 1, last - first + 1);

		grown->npresent = state->npresent;
		memcpy(series_values(grown) + (Size) (state->first - first) * series_value_size(state->kind),
			   series_values(state),
			   (Size) state->nmonths * series_value_size(state->kind));
		state = grown;
	}
	else
		state->nmonths = last - state->first + 1;

	if (state->kind == SERIES_KIND_NUMERIC && other->scale > state->scale)
		state = series_rescale(state, other->scale);

	for (int32 i = 0; i < other->nmonths; i++)
	{
		int32		slot = other->first + i - state->first;
		Level		v;
		Level		existing;

		if (!series_get(other, i, &v))
			continue;
		if (series_get(state, slot, &existing))
			duplicate_month_error(other->first + i);
		if (state->kind == SERIES_KIND_NUMERIC)
		{
			if (!fixed_rescale(v.exact, state->scale - other->scale, &v.exact))
				series_scale_error(other->first + i, state->scale);
			series_set_exact(state, slot, v.exact);
		}
		else
			series_set_fp(state, slot, v.fp);
		state->npresent++;
	}
	PG_RETURN_INDICATOR_SERIES_P(state);
}

/* series_agg_final(indicator_series): the state without its spare slots */
PG_FUNCTION_INFO_V1(series_agg_final);
Datum
series_agg_final(PG_FUNCTION_ARGS)
{
	IndicatorSeries *state = PG_GETARG_INDICATOR_SERIES_P(0);

	PG_RETURN_INDICATOR_SERIES_P(series_compact(state));
}
