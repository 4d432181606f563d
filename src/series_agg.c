/*
 * series_agg.c
 *	  The aggregate series_agg(period, value [, frequency [, estimated]]),
 *	  for date and timestamptz periods: transition and final functions (its
 *	  combine function, the union of partial series, is in series_rollup.c).
 *
 * One C transition function per value type serves the date periods with
 * and without a frequency; a "_tz" twin serves timestamptz periods (the
 * month in the session's time zone, so those are STABLE).  The frequency
 * argument is parsed once per call site when it is a constant (fn_extra),
 * and the month needs no parsing at all: the monthly path is 1.0's.
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
#include "pg_compat.h"

#include "utils/date.h"
#include "utils/fmgrprotos.h"

#include "series.h"
#include "series_agg.h"

/* One row's period, worked out before its value is read. */
typedef struct AggRow
{
	int64		period;			/* of "frequency" */
	uint8		frequency;
	bool		explicit_frequency; /* the call passed one */
	bool		estimated;		/* the call passed true for "estimated" */
} AggRow;

/* fn_extra: the frequency argument of a call site, when it is constant. */
typedef struct AggFrequencyCache
{
	uint8		frequency;
} AggFrequencyCache;

/*
 * An aggregate's frequency argument (argument argno, 'month', 'quarter' or
 * 'year'), read once per call site when it is constant.  The transition
 * function's fn_extra holds it.
 */
uint8
series_frequency_arg(FunctionCallInfo fcinfo, int argno)
{
	AggFrequencyCache *cache = (AggFrequencyCache *) fcinfo->flinfo->fn_extra;
	text	   *name;
	uint8		frequency;

	if (cache != NULL)
		return cache->frequency;
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("frequency cannot be NULL"),
				 errhint("Use 'month', 'quarter' or 'year'.")));
	name = PG_GETARG_TEXT_PP(argno);
	frequency = (uint8) frequency_from_name(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
	if (get_fn_expr_arg_stable(fcinfo->flinfo, argno))
	{
		cache = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(AggFrequencyCache));
		cache->frequency = frequency;
		fcinfo->flinfo->fn_extra = cache;
	}
	return frequency;
}

/*
 * The period of the row being added: argument 1 is a date, or with tz a
 * timestamptz (its date in the session's time zone); argument 3, when
 * given, the frequency; argument 4, when given, whether the value is an
 * estimate (NULL is false).
 */
static void
row_period(FunctionCallInfo fcinfo, bool tz, AggRow *row)
{
	DateADT		date;
	int32		month;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("period cannot be NULL"),
				 errhint("Every row passed to series_agg needs the month it belongs to.")));
	if (tz)
		date = DatumGetDateADT(DirectFunctionCall1(timestamptz_date, PG_GETARG_DATUM(1)));
	else
		date = PG_GETARG_DATEADT(1);
	month = date_to_month(date, "period");
	row->explicit_frequency = PG_NARGS() > 3;
	row->frequency = row->explicit_frequency ? series_frequency_arg(fcinfo, 3) : SERIES_FREQ_MONTH;
	row->period = month_to_period(month, row->frequency);
	row->estimated = PG_NARGS() > 4 && !PG_ARGISNULL(4) && PG_GETARG_BOOL(4);
	series_check_period((int32) Max(Min(row->period, PG_INT32_MAX), PG_INT32_MIN), row->frequency);
}

/*
 * Add one row to the state.  value_is_null marks a missing period;
 * otherwise the value is "exact" at "scale" (numeric kind) or "fp".
 */
static Datum
series_agg_accum(FunctionCallInfo fcinfo, const AggRow *row, uint8 kind, bool value_is_null,
				 int128 exact, int scale, double fp)
{
	IndicatorSeries *state = PG_ARGISNULL(0) ? NULL : PG_GETARG_INDICATOR_SERIES_P(0);
	bool		in_agg = AggCheckCallContext(fcinfo, NULL) != 0;
	int32		period = (int32) row->period;

	/*
	 * Called as a plain function, the state is not ours to change, and the
	 * result may be stored: work on a copy and return it compacted.
	 */
	if (state != NULL && !in_agg)
		state = series_compact(state);

	if (state != NULL && state->kind != kind && kind == SERIES_KIND_NUMERIC)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot add a numeric value to a float8 series")));
	if (state != NULL && state->kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot add a float8 value to a numeric series")));
	if (state != NULL && state->frequency != row->frequency)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot add a row of frequency \"%s\" to a series of frequency \"%s\"",
						frequency_name(row->frequency), frequency_name(state->frequency)),
				 errhint("Pass one frequency for every row of a series.")));

	/*
	 * A new state has room for ten years from its first period, so that most
	 * series never grow: each growth is a copy, and nodeAgg copies the grown
	 * state once more into the aggregate context.  Ten years of its own
	 * periods: 40 slots for quarters (a 256-byte chunk, not the 1 kB of 120
	 * months), so a quarterly GROUP BY holds four times the groups in
	 * work_mem.
	 */
	if (state == NULL)
	{
		state = series_alloc_freq(kind, series_first_slot(kind), 0, period, 1,
								  series_growth_capacity(series_first_slot(kind),
														 series_growth_min(row->frequency)),
								  row->frequency);
		/* without a frequency, the final function looks for quarterly data */
		if (in_agg && !row->explicit_frequency)
			state->flags |= SERIES_FLAG_CHECK_QUARTERLY;
	}
	else if (period >= state->first && period < state->first - state->front + state->capacity)
		state->nmonths = Max(state->nmonths, period - state->first + 1);	/* the common case */
	else
		state = series_extend(state, period, period, true);
	if (!value_is_null)
	{
		int32		slot = period - state->first;
		Level		old;

		if (series_get(state, slot, &old))
			duplicate_period_error(period, state->frequency);

		if (kind == SERIES_KIND_NUMERIC)
		{
			if (scale > state->scale)
				state = series_rescale(state, (int16) scale);
			else if (scale < state->scale &&
					 !fixed_rescale(exact, state->scale - scale, &exact))
				series_period_scale_error(period, state->frequency, state->scale);
			state = series_put_exact(state, slot, exact);
		}
		else
			series_set_fp(state, slot, fp);
		state->npresent++;

		/*
		 * The first estimate gives the state its bitmap: a copy, as when it
		 * grows.  A missing period carries no flag.
		 */
		if (row->estimated)
		{
			if (!series_has_bitmap(state))
				state = series_add_bitmap(state);
			series_set_flag(state, slot, true);
		}
	}
	PG_RETURN_INDICATOR_SERIES_P(in_agg ? state : series_compact(state));
}

/* A NaN or infinite value for a period: 22023 naming the period. */
void
series_nonfinite_value_error(int64 period, uint8 frequency, bool is_nan)
{
	char		label[PERIOD_TEXT_LEN];

	period_to_text(period, frequency, label);
	switch (frequency)
	{
		case SERIES_FREQ_MONTH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 is_nan ?
					 errmsg("value for month %s cannot be NaN", label) :
					 errmsg("value for month %s cannot be infinite", label),
					 errhint("Pass NULL for a month without a value.")));
			break;
		case SERIES_FREQ_QUARTER:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 is_nan ?
					 errmsg("value for quarter %s cannot be NaN", label) :
					 errmsg("value for quarter %s cannot be infinite", label),
					 errhint("Pass NULL for a quarter without a value.")));
			break;
		case SERIES_FREQ_YEAR:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 is_nan ?
					 errmsg("value for year %s cannot be NaN", label) :
					 errmsg("value for year %s cannot be infinite", label),
					 errhint("Pass NULL for a year without a value.")));
			break;
	}
	elog(ERROR, "unknown frequency %d", frequency);
}

/* A numeric value of more digits or decimals than a series holds. */
static void
inexact_value_error(const AggRow *row)
{
	char		label[PERIOD_TEXT_LEN];

	period_to_text(row->period, row->frequency, label);
	switch (row->frequency)
	{
		case SERIES_FREQ_MONTH:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value for month %s cannot be held exactly", label),
					 errdetail("indicator_series holds numeric values of at most %d digits and %d decimals.",
							   FIXED_MAX_DIGITS, FIXED_MAX_SCALE)));
			break;
		case SERIES_FREQ_QUARTER:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value for quarter %s cannot be held exactly", label),
					 errdetail("indicator_series holds numeric values of at most %d digits and %d decimals.",
							   FIXED_MAX_DIGITS, FIXED_MAX_SCALE)));
			break;
		case SERIES_FREQ_YEAR:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value for year %s cannot be held exactly", label),
					 errdetail("indicator_series holds numeric values of at most %d digits and %d decimals.",
							   FIXED_MAX_DIGITS, FIXED_MAX_SCALE)));
			break;
	}
	elog(ERROR, "unknown frequency %d", row->frequency);
}

static Datum
numeric_transfn(FunctionCallInfo fcinfo, bool tz)
{
	AggRow		row;
	int128		exact = 0;
	int			scale = 0;

	row_period(fcinfo, tz, &row);
	if (!PG_ARGISNULL(2))
	{
		/* packed: a value straight from a heap tuple is read in place */
		switch (numeric_to_fixed(PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(2)), &exact, &scale))
		{
			case FIXED_OK:
				break;
			case FIXED_NAN:
				series_nonfinite_value_error(row.period, row.frequency, true);
				break;
			case FIXED_INFINITE:
				series_nonfinite_value_error(row.period, row.frequency, false);
				break;
			case FIXED_TOO_MANY_DIGITS:
			case FIXED_SCALE_TOO_LARGE:
				inexact_value_error(&row);
				break;
		}
	}
	return series_agg_accum(fcinfo, &row, SERIES_KIND_NUMERIC, PG_ARGISNULL(2), exact, scale, 0);
}

static Datum
int8_transfn(FunctionCallInfo fcinfo, bool tz)
{
	AggRow		row;
	int128		exact = PG_ARGISNULL(2) ? 0 : (int128) PG_GETARG_INT64(2);

	row_period(fcinfo, tz, &row);
	return series_agg_accum(fcinfo, &row, SERIES_KIND_NUMERIC, PG_ARGISNULL(2), exact, 0, 0);
}

static Datum
int4_transfn(FunctionCallInfo fcinfo, bool tz)
{
	AggRow		row;
	int128		exact = PG_ARGISNULL(2) ? 0 : (int128) PG_GETARG_INT32(2);

	row_period(fcinfo, tz, &row);
	return series_agg_accum(fcinfo, &row, SERIES_KIND_NUMERIC, PG_ARGISNULL(2), exact, 0, 0);
}

static Datum
float8_transfn(FunctionCallInfo fcinfo, bool tz)
{
	AggRow		row;
	double		fp = PG_ARGISNULL(2) ? 0 : PG_GETARG_FLOAT8(2);

	row_period(fcinfo, tz, &row);
	if (!PG_ARGISNULL(2) && !isfinite(fp))
		series_nonfinite_value_error(row.period, row.frequency, isnan(fp));
	return series_agg_accum(fcinfo, &row, SERIES_KIND_FLOAT8, PG_ARGISNULL(2), 0, 0, fp);
}

/* series_agg_transfn(indicator_series, date, numeric [, text]) */
PG_FUNCTION_INFO_V1(series_agg_numeric_transfn);
Datum
series_agg_numeric_transfn(PG_FUNCTION_ARGS)
{
	return numeric_transfn(fcinfo, false);
}

/* series_agg_transfn(indicator_series, timestamptz, numeric [, text]) */
PG_FUNCTION_INFO_V1(series_agg_numeric_tz_transfn);
Datum
series_agg_numeric_tz_transfn(PG_FUNCTION_ARGS)
{
	return numeric_transfn(fcinfo, true);
}

/* series_agg_transfn(indicator_series, date, bigint [, text]) */
PG_FUNCTION_INFO_V1(series_agg_int8_transfn);
Datum
series_agg_int8_transfn(PG_FUNCTION_ARGS)
{
	return int8_transfn(fcinfo, false);
}

/* series_agg_transfn(indicator_series, timestamptz, bigint [, text]) */
PG_FUNCTION_INFO_V1(series_agg_int8_tz_transfn);
Datum
series_agg_int8_tz_transfn(PG_FUNCTION_ARGS)
{
	return int8_transfn(fcinfo, true);
}

/* series_agg_transfn(indicator_series, date, integer [, text]) */
PG_FUNCTION_INFO_V1(series_agg_int4_transfn);
Datum
series_agg_int4_transfn(PG_FUNCTION_ARGS)
{
	return int4_transfn(fcinfo, false);
}

/* series_agg_transfn(indicator_series, timestamptz, integer [, text]) */
PG_FUNCTION_INFO_V1(series_agg_int4_tz_transfn);
Datum
series_agg_int4_tz_transfn(PG_FUNCTION_ARGS)
{
	return int4_transfn(fcinfo, true);
}

/* series_agg_transfn(indicator_series, date, double precision [, text]) */
PG_FUNCTION_INFO_V1(series_agg_float8_transfn);
Datum
series_agg_float8_transfn(PG_FUNCTION_ARGS)
{
	return float8_transfn(fcinfo, false);
}

/* series_agg_transfn(indicator_series, timestamptz, double precision [, text]) */
PG_FUNCTION_INFO_V1(series_agg_float8_tz_transfn);
Datum
series_agg_float8_tz_transfn(PG_FUNCTION_ARGS)
{
	return float8_transfn(fcinfo, true);
}

/*
 * The commonest opening mistake: quarterly (or yearly) figures passed to
 * series_agg without a frequency make a monthly series in which every value
 * sits on one month of its quarter and the other months are missing, so
 * every quarter-on-quarter, year-to-date and annual figure is NULL.  With
 * four values or more all on one month of their quarter, say so (a WARNING)
 * and return true.  A series that is really monthly with gaps has values on
 * other months too; passing 'month' explicitly to series_agg says the data
 * is monthly and silences this.  The caller says it once per query, not per
 * group: series_agg_final once per call site and execution (fn_extra marks
 * it), series_store for the first such series of the store, whose hint
 * names series_store's frequency argument.
 */
bool
series_warn_if_quarterly(const IndicatorSeries *s, bool in_store)
{
	int			residue3 = -1;
	int			residue12 = -1;
	bool		yearly = true;
	char		from[PERIOD_TEXT_LEN];
	char		to[PERIOD_TEXT_LEN];
	int32		first_present = -1;
	int32		last_present = -1;

	if (s->frequency != SERIES_FREQ_MONTH || s->npresent < 4)
		return false;
	for (int32 i = 0; i < s->nmonths; i++)
	{
		Level		v;
		int32		month = s->first + i;

		if (!series_get(s, i, &v))
			continue;
		if (residue3 < 0)
		{
			residue3 = month % 3;
			residue12 = month % 12;
			first_present = month;
		}
		else if (month % 3 != residue3)
			return false;
		yearly &= month % 12 == residue12;
		last_present = month;
	}
	month_to_text(first_present, from);
	month_to_text(last_present, to);
	if (yearly && !in_store)
		ereport(WARNING,
				(errmsg("every value of this monthly series falls on the same month of its year"),
				 errdetail("%d values from %s to %s, and the other months are missing, so growth on the previous period, year-to-date and annual figures are NULL (said once per query).",
						   s->npresent, from, to),
				 errhint("For yearly data pass the frequency: series_agg(period, value, 'year'); pass 'month' if the data is monthly.")));
	else if (!in_store)
		ereport(WARNING,
				(errmsg("every value of this monthly series falls on the same month of its quarter"),
				 errdetail("%d values from %s to %s, and the other months are missing, so growth on the previous period, year-to-date and annual figures are NULL (said once per query).",
						   s->npresent, from, to),
				 errhint("For quarterly data pass the frequency: series_agg(period, value, 'quarter'); pass 'month' if the data is monthly.")));
	else if (yearly)
		ereport(WARNING,
				(errmsg("every value of this monthly series falls on the same month of its year"),
				 errdetail("%d values from %s to %s, and the other months are missing, so growth on the previous period, year-to-date and annual figures are NULL (said for the store's first such series).",
						   s->npresent, from, to),
				 errhint("For yearly data pass the frequency: series_store(source, store, keys, frequency => 'year').")));
	else
		ereport(WARNING,
				(errmsg("every value of this monthly series falls on the same month of its quarter"),
				 errdetail("%d values from %s to %s, and the other months are missing, so growth on the previous period, year-to-date and annual figures are NULL (said for the store's first such series).",
						   s->npresent, from, to),
				 errhint("For quarterly data pass the frequency: series_store(source, store, keys, frequency => 'quarter').")));
	return true;
}

/*
 * series_agg_final(indicator_series): the state without its spare slots
 * (and without the state's flags); also the final function of series_merge
 * and series_sum.
 */
PG_FUNCTION_INFO_V1(series_agg_final);
Datum
series_agg_final(PG_FUNCTION_ARGS)
{
	IndicatorSeries *state = PG_GETARG_INDICATOR_SERIES_P(0);
	IndicatorSeries *result;

	/* said once per call site and execution: fn_extra marks it */
	if ((state->flags & SERIES_FLAG_CHECK_QUARTERLY) && fcinfo->flinfo->fn_extra == NULL &&
		series_warn_if_quarterly(state, false))
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, 1);
	result = series_compact(state);
	result->flags = 0;
	PG_RETURN_INDICATOR_SERIES_P(result);
}
