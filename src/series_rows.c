/*
 * series_rows.c
 *	  The long formats for views and BI tools, each computed in one pass over
 *	  the span:
 *
 *	  series_rows(s, fy_start_month): one row per month of the span, with
 *	  the month's value, growth against the previous month and the same
 *	  month of last year, year-to-date and its growth.  Year-to-date sums
 *	  run along the span and are kept per month, so each row costs a few
 *	  additions, not a rescan.
 *
 *	  series_rows(s, fy_start_month, method): the same columns with
 *	  year-to-date by 'sum', 'avg' or 'last', and last year's value and
 *	  year-to-date beside this year's.
 *
 *	  annual_rows(s, method, fy_start_month): one row per fiscal year of the
 *	  span, with annual()'s value, annual_growth_pct()'s growth and the
 *	  number of months present.
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/date.h"
#include "utils/tuplestore.h"

#include "series.h"

/* series_rows's columns; the last two only in the three-argument form */
enum
{
	ROWS_PERIOD,
	ROWS_VALUE,
	ROWS_MOM_PCT,
	ROWS_YOY_PCT,
	ROWS_YTD,
	ROWS_YTD_GROWTH_PCT,
	ROWS_VALUE_LAST_YEAR,
	ROWS_YTD_LAST_YEAR,
	ROWS_COLUMNS
};

/*
 * A materialized result set for this call.  The executor's descriptor of
 * the result, where it passes one, is copied: looking the result type up in
 * the catalog, as InitMaterializedSRF otherwise does, costs more than the
 * rows of a ten-year series when a query calls us once per series.
 */
static void
rows_init(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bool		expected = rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) &&
		rsinfo->expectedDesc != NULL;

	InitMaterializedSRF(fcinfo, expected ? MAT_SRF_USE_EXPECTED_DESC : 0);
}

/* Months from the start of the fiscal year through month, 1..12. */
static inline int32
months_into_year(int32 month, int fy_start_month)
{
	return (month_of_year(month) - fy_start_month + 12) % 12 + 1;
}

/*
 * Year-to-date through month as a figure: its level (the sum, or for
 * 'last' the month's value), divided by the months so far for 'avg'.
 */
static Datum
ytd_numeric(const IndicatorSeries *s, Level level, AnnualMethod method, int32 month,
			int fy_start_month)
{
	if (method == ANNUAL_AVG)
		return level_avg_numeric(s, level, months_into_year(month, fy_start_month));
	return level_numeric(s, level);
}

/*
 * The rows of series_rows; with last_year, also last year's value and
 * year-to-date.  Year-to-date by method: the running sum is kept per month
 * whatever the method ('avg' divides it only for output, 'last' needs the
 * months before to be present all the same), and its growth is that of the
 * sum, or of the month's value for 'last'.
 */
static Datum
series_rows_fill(FunctionCallInfo fcinfo, const IndicatorSeries *s, int fy,
				 AnnualMethod method, bool last_year)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Level	   *ytd;
	bool	   *ytd_ok;
	MemoryContext row_context;
	MemoryContext old_context;

	rows_init(fcinfo);

	ytd = palloc(sizeof(Level) * s->nmonths);
	ytd_ok = palloc(sizeof(bool) * s->nmonths);
	row_context = AllocSetContextCreate(CurrentMemoryContext, "series_rows row",
										ALLOCSET_SMALL_SIZES);

	for (int32 i = 0; i < s->nmonths; i++)
	{
		int32		month = s->first + i;
		Datum		values[ROWS_COLUMNS];
		bool		nulls[ROWS_COLUMNS];
		Level		v = {0, 0};
		Level		other;
		bool		present = series_get(s, i, &v);
		bool		have_year_ago = i >= 12 && series_get(s, i - 12, &other);
		double		pct;

		CHECK_FOR_INTERRUPTS();
		memset(nulls, true, sizeof(nulls));
		old_context = MemoryContextSwitchTo(row_context);

		values[ROWS_PERIOD] = DateADTGetDatum(month_to_date(month));
		nulls[ROWS_PERIOD] = false;
		if (present)
		{
			values[ROWS_VALUE] = level_numeric(s, v);
			nulls[ROWS_VALUE] = false;
		}
		if (last_year && have_year_ago)
		{
			values[ROWS_VALUE_LAST_YEAR] = level_numeric(s, other);
			nulls[ROWS_VALUE_LAST_YEAR] = false;
		}

		/* mom_pct and yoy_pct */
		if (present && have_year_ago && level_growth_pct(s, v, other, &pct))
		{
			values[ROWS_YOY_PCT] = Float8GetDatum(pct);
			nulls[ROWS_YOY_PCT] = false;
		}
		if (present && i >= 1 && series_get(s, i - 1, &other) &&
			level_growth_pct(s, v, other, &pct))
		{
			values[ROWS_MOM_PCT] = Float8GetDatum(pct);
			nulls[ROWS_MOM_PCT] = false;
		}

		/* ytd restarts at each fiscal year; one missing month voids the rest of the year */
		if (month_of_year(month) == fy)
		{
			ytd_ok[i] = present;
			ytd[i] = v;
		}
		else if (i == 0)
			ytd_ok[i] = false;	/* the span starts inside a fiscal year */
		else
		{
			ytd_ok[i] = present && ytd_ok[i - 1];
			if (ytd_ok[i])
				level_add(s, ytd[i - 1], v, &ytd[i]);
		}
		if (ytd_ok[i])
		{
			values[ROWS_YTD] = method == ANNUAL_LAST ? values[ROWS_VALUE] :
				ytd_numeric(s, ytd[i], method, month, fy);
			nulls[ROWS_YTD] = false;
		}
		if (i >= 12 && ytd_ok[i - 12])
		{
			/* last year's level: its ytd sum, or its month for 'last' */
			Level		previous = ytd[i - 12];

			if (method == ANNUAL_LAST)
				(void) series_get(s, i - 12, &previous);	/* present: ytd_ok says so */
			if (ytd_ok[i] &&
				level_growth_pct(s, method == ANNUAL_LAST ? v : ytd[i], previous, &pct))
			{
				values[ROWS_YTD_GROWTH_PCT] = Float8GetDatum(pct);
				nulls[ROWS_YTD_GROWTH_PCT] = false;
			}
			if (last_year)
			{
				values[ROWS_YTD_LAST_YEAR] = ytd_numeric(s, previous, method, month, fy);
				nulls[ROWS_YTD_LAST_YEAR] = false;
			}
		}

		MemoryContextSwitchTo(old_context);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextReset(row_context);
	}
	return (Datum) 0;
}

/* series_rows(s, fy_start_month) */
PG_FUNCTION_INFO_V1(series_rows);
Datum
series_rows(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int32		fy = PG_GETARG_INT32(1);

	check_fy_start_month(fy);
	return series_rows_fill(fcinfo, s, fy, ANNUAL_SUM, false);
}

/* series_rows(s, fy_start_month, method) */
PG_FUNCTION_INFO_V1(series_rows_last_year);
Datum
series_rows_last_year(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int32		fy = PG_GETARG_INT32(1);
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(2), annual_methods);

	check_fy_start_month(fy);
	return series_rows_fill(fcinfo, s, fy, method, true);
}

/*
 * annual_rows(s, method, fy_start_month): the fiscal years of the span,
 * each read once to count its months and once more, when complete, to sum
 * it; the year before is kept for growth.  A year's level is its sum ('sum'
 * and 'avg') or its last month ('last'), as annual_level() in accessors.c
 * takes it, and it exists only when all twelve months are present.
 */
PG_FUNCTION_INFO_V1(series_annual_rows);
Datum
series_annual_rows(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(1), annual_methods);
	int32		fy = PG_GETARG_INT32(2);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Level		previous = {0, 0};
	bool		have_previous = false;
	int64		first_year;
	int64		last_year;
	MemoryContext row_context;
	MemoryContext old_context;

	check_fy_start_month(fy);
	rows_init(fcinfo);
	row_context = AllocSetContextCreate(CurrentMemoryContext, "annual_rows row",
										ALLOCSET_SMALL_SIZES);
	first_year = fiscal_year_of(s->first, fy);
	last_year = fiscal_year_of(series_last(s), fy);

	for (int64 year = first_year; year <= last_year; year++)
	{
		int64		start = fiscal_year_start(year, fy);
		int64		from = Max(start, s->first);
		int64		to = Min(start + 11, series_last(s));
		Level		level;
		int32		months = 0;
		Datum		values[4];
		bool		nulls[4] = {false, true, true, false};
		double		pct;

		CHECK_FOR_INTERRUPTS();
		for (int64 month = from; month <= to; month++)
		{
			Level		v;

			months += series_get(s, (int32) (month - s->first), &v);
		}
		old_context = MemoryContextSwitchTo(row_context);
		values[0] = Int32GetDatum((int32) year);
		values[3] = Int32GetDatum(months);
		/* a complete year is summed as annual() sums it: a partial one never is */
		if (months == 12)
		{
			(void) level_sum(s, start, start + 11, &level);
			if (method == ANNUAL_LAST)
				(void) series_month(s, start + 11, &level);
			values[1] = method == ANNUAL_AVG ? level_avg_numeric(s, level, 12) :
				level_numeric(s, level);
			nulls[1] = false;
			if (have_previous && level_growth_pct(s, level, previous, &pct))
			{
				values[2] = Float8GetDatum(pct);
				nulls[2] = false;
			}
			previous = level;
		}
		have_previous = months == 12;
		MemoryContextSwitchTo(old_context);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextReset(row_context);
	}
	return (Datum) 0;
}
