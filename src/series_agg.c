/*
 * series_agg.c
 *	  The aggregate series_agg(period, value): transition and final
 *	  functions (its combine function, the union of partial series, is in
 *	  series_rollup.c).
 *
 * The state is an indicator_series itself (not internal), so that Citus and
 * postgres_fdw can ship partial states as text and parallel workers can pass
 * them to the leader.  It stays fast because, when called as an aggregate,
 * the transition function updates the state in place and returns the same
 * pointer, which nodeAgg keeps without copying.  When a month falls outside
 * the allocated slots, a larger state is built in the per-call memory
 * context with geometric growth (and a wider one when a value needs larger
 * slots, see series.h); nodeAgg copies it into the aggregate
 * context once and frees the old one (see ExecAggTransReparent), so the cost
 * of growth is amortized and nothing here frees or leaks the old state.
 */
#include "postgres.h"

#include "utils/date.h"

#include "series.h"

/*
 * Add one (period, value) row to the state.  value_is_null marks a missing
 * month; otherwise the value is "exact" at "scale" (numeric kind) or "fp".
 */
static Datum
series_agg_accum(FunctionCallInfo fcinfo, uint8 kind, bool value_is_null,
				 int128 exact, int scale, double fp)
{
	IndicatorSeries *state = PG_ARGISNULL(0) ? NULL : PG_GETARG_INDICATOR_SERIES_P(0);
	bool		in_agg = AggCheckCallContext(fcinfo, NULL) != 0;
	int32		month;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("period cannot be NULL"),
				 errhint("Every row passed to series_agg needs the month it belongs to.")));
	month = date_to_month(PG_GETARG_DATEADT(1), "period");
	series_check_month(month);

	/*
	 * Called as a plain function, the state is not ours to change, and the
	 * result may be stored: work on a copy and return it compacted.
	 */
	if (state != NULL && !in_agg)
		state = series_compact(state);

	if (state != NULL && state->kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot add a %s value to a %s series",
						kind == SERIES_KIND_NUMERIC ? "numeric" : "float8",
						state->kind == SERIES_KIND_NUMERIC ? "numeric" : "float8")));

	/*
	 * A new state has room for ten years from its first month, so that most
	 * series never grow: each growth is a copy, and nodeAgg copies the grown
	 * state once more into the aggregate context.
	 */
	if (state == NULL)
		state = series_alloc(kind, series_first_slot(kind), 0, month, 1,
							 series_growth_capacity(series_first_slot(kind),
													SERIES_GROWTH_MIN_MONTHS));
	else if (month >= state->first && month < state->first - state->front + state->capacity)
		state->nmonths = Max(state->nmonths, month - state->first + 1);	/* the common case */
	else
		state = series_extend(state, month, month, true);
	if (!value_is_null)
	{
		int32		slot = month - state->first;
		Level		old;

		if (series_get(state, slot, &old))
			duplicate_month_error(month);

		if (kind == SERIES_KIND_NUMERIC)
		{
			if (scale > state->scale)
				state = series_rescale(state, (int16) scale);
			else if (scale < state->scale &&
					 !fixed_rescale(exact, state->scale - scale, &exact))
				series_scale_error(month, state->scale);
			state = series_put_exact(state, slot, exact);
		}
		else
			series_set_fp(state, slot, fp);
		state->npresent++;
	}
	PG_RETURN_INDICATOR_SERIES_P(in_agg ? state : series_compact(state));
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
		/* packed: a value straight from a heap tuple is read in place */
		switch (numeric_to_fixed(PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(2)), &exact, &scale))
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

/* series_agg_final(indicator_series): the state without its spare slots */
PG_FUNCTION_INFO_V1(series_agg_final);
Datum
series_agg_final(PG_FUNCTION_ARGS)
{
	IndicatorSeries *state = PG_GETARG_INDICATOR_SERIES_P(0);

	PG_RETURN_INDICATOR_SERIES_P(series_compact(state));
}
