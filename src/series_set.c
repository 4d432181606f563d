/*
 * series_set.c
 *	  series_set(s, period, value [, estimated]): one step of series_agg
 *	  applied to a stored series, by series_agg's own transition functions,
 *	  so that a series changed a period at a time equals the aggregate over
 *	  its rows (with the estimated flag, series_agg's estimated argument).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "series.h"
#include "series_agg.h"

/*
 * s with the period that holds month "month" missing: a copy, in its
 * smallest form.  A period outside the span is left alone (series_agg's
 * transition extends the span).
 */
static IndicatorSeries *
series_without_month(const IndicatorSeries *s, int32 month)
{
	IndicatorSeries *copy = series_compact(s);
	int64		period = month_to_period(month, copy->frequency);
	Level		v;

	if (series_month(copy, period, &v))
	{
		series_set_missing(copy, (int32) (period - copy->first), 1);
		copy->npresent--;
	}
	return copy;
}

/*
 * series_set(s, period, value): s with the value of the period of s's
 * frequency that holds the date "period" replaced by value, as series_agg
 * would build it from s's periods and the row (period, value): the span
 * grows as needed, a NULL value marks the period missing (and, outside the
 * span, extends the span to it, as a NULL row does to series_agg), a NULL s
 * starts a (monthly) series.  The value is converted to the series' kind:
 * into a numeric series as value::numeric, into a float8 series as
 * value::double precision.  With "estimated" (argument 3; NULL is false)
 * the new value is flagged as an estimate when it is true; without it, the
 * new value is not an estimate (an official figure replacing one).  The
 * flags of the other periods are kept; a missing period carries none.
 */
static Datum
series_set_common(FunctionCallInfo fcinfo, Oid value_type)
{
	IndicatorSeries *s = PG_ARGISNULL(0) ? NULL : PG_GETARG_INDICATOR_SERIES_P(0);
	uint8		kind;
	PGFunction	transfn;
	Datum		value = PG_GETARG_DATUM(2);
	Datum		result;
	int32		month;
	FmgrInfo	flinfo;
	bool		estimated = PG_NARGS() > 3 && !PG_ARGISNULL(3) && PG_GETARG_BOOL(3);

	LOCAL_FCINFO(agg, 5);

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("period cannot be NULL"),
				 errhint("Pass a date inside the month to set.")));
	month = date_to_month(PG_GETARG_DATEADT(1), "period");

	kind = value_type == FLOAT8OID ? SERIES_KIND_FLOAT8 : SERIES_KIND_NUMERIC;
	if (s != NULL)
		kind = s->kind;

	/* the value in the series' kind, and series_agg's transition for it */
	if (kind == SERIES_KIND_FLOAT8)
	{
		transfn = series_agg_float8_transfn;
		if (PG_ARGISNULL(2) || value_type == FLOAT8OID)
			;
		else if (value_type == NUMERICOID)
			value = DirectFunctionCall1(numeric_float8, value);
		else if (value_type == INT8OID)
			value = Float8GetDatum((double) DatumGetInt64(value));
		else
			value = Float8GetDatum((double) DatumGetInt32(value));
	}
	else if (value_type == FLOAT8OID)
	{
		transfn = series_agg_numeric_transfn;
		if (!PG_ARGISNULL(2))
			value = DirectFunctionCall1(float8_numeric, value);
	}
	else
		transfn = value_type == NUMERICOID ? series_agg_numeric_transfn :
			value_type == INT8OID ? series_agg_int8_transfn : series_agg_int4_transfn;

	/*
	 * Called as a plain function, the transition works on a copy of s; with
	 * s's frequency (a series of months, quarters or years).
	 */
	MemSet(&flinfo, 0, sizeof(flinfo));
	flinfo.fn_mcxt = CurrentMemoryContext;
	InitFunctionCallInfoData(*agg, &flinfo, 5, PG_GET_COLLATION(), NULL, NULL);
	agg->args[3].value = CStringGetTextDatum(frequency_name(s == NULL ? SERIES_FREQ_MONTH : s->frequency));
	agg->args[3].isnull = false;
	agg->args[0].value = s == NULL ? (Datum) 0 : PointerGetDatum(series_without_month(s, month));
	agg->args[0].isnull = s == NULL;
	agg->args[1].value = PG_GETARG_DATUM(1);
	agg->args[1].isnull = false;
	agg->args[2].value = value;
	agg->args[2].isnull = PG_ARGISNULL(2);
	agg->args[4].value = BoolGetDatum(estimated);
	agg->args[4].isnull = false;
	result = transfn(agg);
	Assert(!agg->isnull);
	PG_RETURN_DATUM(result);
}

/* series_set(indicator_series, date, numeric [, boolean]) */
PG_FUNCTION_INFO_V1(series_set_numeric);
Datum
series_set_numeric(PG_FUNCTION_ARGS)
{
	return series_set_common(fcinfo, NUMERICOID);
}

/* series_set(indicator_series, date, double precision [, boolean]) */
PG_FUNCTION_INFO_V1(series_set_float8);
Datum
series_set_float8(PG_FUNCTION_ARGS)
{
	return series_set_common(fcinfo, FLOAT8OID);
}

/* series_set(indicator_series, date, bigint [, boolean]) */
PG_FUNCTION_INFO_V1(series_set_int8);
Datum
series_set_int8(PG_FUNCTION_ARGS)
{
	return series_set_common(fcinfo, INT8OID);
}

/* series_set(indicator_series, date, integer [, boolean]) */
PG_FUNCTION_INFO_V1(series_set_int4);
Datum
series_set_int4(PG_FUNCTION_ARGS)
{
	return series_set_common(fcinfo, INT4OID);
}
