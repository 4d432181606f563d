/*
 * series_rows.c
 *	  The long formats for views and BI tools, each computed in one pass over
 *	  the span:
 *
 *	  series_rows(s, fy_start_month): one row per period of the span (the
 *	  series' own periods: months, quarters or years), with the period's
 *	  value, growth against the previous period and the same period of last
 *	  year, year-to-date and its growth.  Year-to-date sums run along the
 *	  span and are kept per period, so each row costs a few additions, not a
 *	  rescan.
 *
 *	  series_rows(s, fy_start_month, method): the same columns with
 *	  year-to-date by 'sum', 'avg' or 'last', and last year's value and
 *	  year-to-date beside this year's.
 *
 *	  annual_rows(s, method, fy_start_month): one row per fiscal year of the
 *	  span, with annual()'s value, annual_growth_pct()'s growth and the
 *	  number of periods present.
 *
 *	  series_rows_estimated and annual_rows_estimated: the same rows as the
 *	  three-argument series_rows and annual_rows, and a last column,
 *	  estimated: whether a figure of the row rests on a period flagged as an
 *	  estimate.  A figure rests on the periods whose values it is computed
 *	  from: the value on its period, mom_pct also on the previous one,
 *	  yoy_pct and value_last_year on the same period of last year, a 'sum'
 *	  or 'avg' year-to-date or year on its periods so far, a 'last' one on
 *	  its last period alone.  A NULL figure rests on nothing.  (New names,
 *	  not new overloads: 1.1's calls and the views built on them keep their
 *	  functions and columns.)
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/date.h"
#include "utils/tuplestore.h"

#include "estimates.h"
#include "level.h"
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
	ROWS_ESTIMATED,				/* series_rows_estimated only */
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

/* The first period of fiscal year "year" (as fiscal_year() names it). */
static inline int64
fy_year_first_period(const IndicatorSeries *s, int64 year, int fy_start_month)
{
	return month_to_period(fiscal_year_start(year, fy_start_month), s->frequency);
}

/* The fiscal year holding a period. */
static inline int64
fy_of_period(const IndicatorSeries *s, int64 period, int fy_start_month)
{
	return fiscal_year_of((int32) period_first_month(period, s->frequency), fy_start_month);
}

/* Periods from the start of the fiscal year through period, 1..per year. */
static inline int32
periods_into_year(const IndicatorSeries *s, int64 period, int fy_start_month)
{
	return (int32) (period - fy_year_first_period(s, fy_of_period(s, period, fy_start_month),
												  fy_start_month)) + 1;
}

/*
 * Year-to-date through month as a figure: its level (the sum, or for
 * 'last' the month's value), divided by the months so far for 'avg'.
 */
static Datum
ytd_numeric(const IndicatorSeries *s, Level level, AnnualMethod method, int64 period,
			int fy_start_month)
{
	if (method == ANNUAL_AVG)
		return level_avg_numeric(s, level, periods_into_year(s, period, fy_start_month));
	return level_numeric(s, level);
}

/*
 * The rows of series_rows; with last_year, also last year's value and
 * year-to-date; with estimated, also the estimated column (see the top of
 * the file).  Year-to-date by method: the running sum is kept per month
 * whatever the method ('avg' divides it only for output, 'last' needs the
 * months before to be present all the same), and its growth is that of the
 * sum, or of the month's value for 'last'.
 */
static Datum
series_rows_fill(FunctionCallInfo fcinfo, const IndicatorSeries *s, int fy,
				 AnnualMethod method, bool last_year, bool estimated)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Level	   *ytd;
	bool	   *ytd_ok;
	bool	   *flag = NULL;	/* with estimated: each period's flag */
	bool	   *ytd_flag = NULL;	/* and whether its year-to-date rests on one */
	MemoryContext row_context;
	MemoryContext old_context;
	int			per_year = periods_per_year(s->frequency);

	rows_init(fcinfo);

	ytd = palloc(sizeof(Level) * s->nmonths);
	ytd_ok = palloc(sizeof(bool) * s->nmonths);
	if (estimated)
	{
		flag = palloc(sizeof(bool) * s->nmonths);
		ytd_flag = palloc0(sizeof(bool) * s->nmonths);
		series_estimate_flags(s, flag);
	}
	row_context = AllocSetContextCreate(CurrentMemoryContext, "series_rows row",
										ALLOCSET_SMALL_SIZES);

	for (int32 i = 0; i < s->nmonths; i++)
	{
		int32		period = s->first + i;
		Datum		values[ROWS_COLUMNS];
		bool		nulls[ROWS_COLUMNS];
		Level		v = {0, 0};
		Level		other;
		bool		present = series_get(s, i, &v);
		bool		have_year_ago = i >= per_year && series_get(s, i - per_year, &other);
		double		pct;

		CHECK_FOR_INTERRUPTS();
		memset(nulls, true, sizeof(nulls));
		old_context = MemoryContextSwitchTo(row_context);

		values[ROWS_PERIOD] = DateADTGetDatum(period_to_date(period, s->frequency));
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

		/* ytd restarts at each fiscal year; one missing period voids the rest of the year */
		if (month_of_year((int32) period_first_month(period, s->frequency)) == fy)
		{
			ytd_ok[i] = present;
			ytd[i] = v;
			if (estimated)
				ytd_flag[i] = flag[i];
		}
		else if (i == 0)
			ytd_ok[i] = false;	/* the span starts inside a fiscal year */
		else
		{
			ytd_ok[i] = present && ytd_ok[i - 1];
			if (ytd_ok[i])
				level_add(s, ytd[i - 1], v, &ytd[i]);
			if (estimated)
				ytd_flag[i] = flag[i] || ytd_flag[i - 1];
		}
		if (ytd_ok[i])
		{
			values[ROWS_YTD] = method == ANNUAL_LAST ? values[ROWS_VALUE] :
				ytd_numeric(s, ytd[i], method, period, fy);
			nulls[ROWS_YTD] = false;
		}
		if (i >= per_year && ytd_ok[i - per_year])
		{
			/* last year's level: its ytd sum, or its period for 'last' */
			Level		previous = ytd[i - per_year];

			if (method == ANNUAL_LAST)
				(void) series_get(s, i - per_year, &previous);	/* present: ytd_ok says so */
			if (ytd_ok[i] &&
				level_growth_pct(s, method == ANNUAL_LAST ? v : ytd[i], previous, &pct))
			{
				values[ROWS_YTD_GROWTH_PCT] = Float8GetDatum(pct);
				nulls[ROWS_YTD_GROWTH_PCT] = false;
			}
			if (last_year)
			{
				values[ROWS_YTD_LAST_YEAR] = ytd_numeric(s, previous, method, period, fy);
				nulls[ROWS_YTD_LAST_YEAR] = false;
			}
		}
		if (estimated)
		{
			bool		e = false;

			/* each figure present, with the periods it rests on */
			e |= !nulls[ROWS_VALUE] && flag[i];
			e |= !nulls[ROWS_MOM_PCT] && flag[i - 1];
			e |= (!nulls[ROWS_YOY_PCT] || !nulls[ROWS_VALUE_LAST_YEAR]) && flag[i - per_year];
			e |= !nulls[ROWS_YTD] &&
				(method == ANNUAL_LAST ? flag[i] : ytd_flag[i]);
			e |= !nulls[ROWS_YTD_GROWTH_PCT] &&
				(method == ANNUAL_LAST ? flag[i] : ytd_flag[i]);
			e |= (!nulls[ROWS_YTD_GROWTH_PCT] || !nulls[ROWS_YTD_LAST_YEAR]) &&
				(method == ANNUAL_LAST ? flag[i - per_year] : ytd_flag[i - per_year]);
			values[ROWS_ESTIMATED] = BoolGetDatum(e);
			nulls[ROWS_ESTIMATED] = false;
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

	check_fy_frequency(fy, s->frequency);
	return series_rows_fill(fcinfo, s, fy, ANNUAL_SUM, false, false);
}

/* series_rows(s, fy_start_month, method) */
PG_FUNCTION_INFO_V1(series_rows_last_year);
Datum
series_rows_last_year(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int32		fy = PG_GETARG_INT32(1);
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(2), &annual_methods);

	check_fy_frequency(fy, s->frequency);
	return series_rows_fill(fcinfo, s, fy, method, true, false);
}

/* series_rows_estimated(s, fy_start_month, method) */
PG_FUNCTION_INFO_V1(series_rows_estimated);
Datum
series_rows_estimated(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int32		fy = PG_GETARG_INT32(1);
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(2), &annual_methods);

	check_fy_frequency(fy, s->frequency);
	return series_rows_fill(fcinfo, s, fy, method, true, true);
}

/*
 * annual_rows(s, method, fy_start_month): the fiscal years of the span,
 * each read once to count its months and once more, when complete, to sum
 * it; the year before is kept for growth.  A year's level is its sum ('sum'
 * and 'avg') or its last period ('last'), as annual_level() in accessors.c
 * takes it, and it exists only when every period of the year is present.
 */
static Datum
annual_rows_fill(FunctionCallInfo fcinfo, bool estimated)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(1), &annual_methods);
	int32		fy = PG_GETARG_INT32(2);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Level		previous = {0, 0};
	bool		have_previous = false;
	bool		previous_flagged = false;	/* last year's level rests on an estimate */
	int			per_year = periods_per_year(s->frequency);
	int64		first_year;
	int64		last_year;
	MemoryContext row_context;
	MemoryContext old_context;

	check_fy_frequency(fy, s->frequency);
	rows_init(fcinfo);
	row_context = AllocSetContextCreate(CurrentMemoryContext, "annual_rows row",
										ALLOCSET_SMALL_SIZES);
	first_year = fy_of_period(s, s->first, fy);
	last_year = fy_of_period(s, series_last(s), fy);

	for (int64 year = first_year; year <= last_year; year++)
	{
		int64		start = fy_year_first_period(s, year, fy);
		int64		end = start + per_year - 1;
		int64		from = Max(start, s->first);
		int64		to = Min(end, series_last(s));
		Level		level;
		int32		periods = 0;
		Datum		values[5];
		bool		nulls[5] = {false, true, true, false, false};
		double		pct;
		bool		flagged = false;	/* this year's level rests on an estimate */

		CHECK_FOR_INTERRUPTS();
		for (int64 period = from; period <= to; period++)
		{
			Level		v;

			periods += series_get(s, (int32) (period - s->first), &v);
			/* 'last' rests on the year's last period alone */
			if (estimated && (method != ANNUAL_LAST || period == end))
				flagged |= series_estimated_at(s, (int32) (period - s->first));
		}
		old_context = MemoryContextSwitchTo(row_context);
		values[0] = Int32GetDatum((int32) year);
		values[3] = Int32GetDatum(periods);
		/* a complete year is summed as annual() sums it: a partial one never is */
		if (periods == per_year)
		{
			(void) level_sum(s, start, end, &level);
			if (method == ANNUAL_LAST)
				(void) series_month(s, end, &level);
			values[1] = method == ANNUAL_AVG ? level_avg_numeric(s, level, per_year) :
				level_numeric(s, level);
			nulls[1] = false;
			if (have_previous && level_growth_pct(s, level, previous, &pct))
			{
				values[2] = Float8GetDatum(pct);
				nulls[2] = false;
			}
			previous = level;
		}
		have_previous = periods == per_year;
		/* a figure present, with the years it rests on */
		values[4] = BoolGetDatum((!nulls[1] && flagged) || (!nulls[2] && previous_flagged));
		previous_flagged = flagged;
		MemoryContextSwitchTo(old_context);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextReset(row_context);
	}
	return (Datum) 0;
}

/* annual_rows(s, method, fy_start_month) */
PG_FUNCTION_INFO_V1(series_annual_rows);
Datum
series_annual_rows(PG_FUNCTION_ARGS)
{
	return annual_rows_fill(fcinfo, false);
}

/* annual_rows_estimated(s, method, fy_start_month): annual_rows and "estimated" */
PG_FUNCTION_INFO_V1(series_annual_rows_estimated);
Datum
series_annual_rows_estimated(PG_FUNCTION_ARGS)
{
	return annual_rows_fill(fcinfo, true);
}
