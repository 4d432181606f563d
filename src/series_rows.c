/*
 * series_rows.c
 *	  series_rows(s, fy_start_month): one row per month of the span, with
 *	  the month's value, growth against the previous month and the same
 *	  month of last year, year-to-date and its growth.  This is the monthly
 *	  report in one pass: year-to-date sums run along the span and are kept
 *	  per month, so each row costs a few additions, not a rescan.
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/date.h"
#include "utils/tuplestore.h"

#include "series.h"

#define SERIES_ROWS_COLUMNS 6

/* series_rows(s, fy_start_month) */
PG_FUNCTION_INFO_V1(series_rows);
Datum
series_rows(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int32		fy = PG_GETARG_INT32(1);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Level	   *ytd;
	bool	   *ytd_ok;
	MemoryContext row_context;
	MemoryContext old_context;

	check_fy_start_month(fy);
	InitMaterializedSRF(fcinfo, 0);

	ytd = palloc(sizeof(Level) * s->nmonths);
	ytd_ok = palloc(sizeof(bool) * s->nmonths);
	row_context = AllocSetContextCreate(CurrentMemoryContext, "series_rows row",
										ALLOCSET_SMALL_SIZES);

	for (int32 i = 0; i < s->nmonths; i++)
	{
		int32		month = s->first + i;
		Datum		values[SERIES_ROWS_COLUMNS];
		bool		nulls[SERIES_ROWS_COLUMNS];
		Level		v = {0, 0};
		Level		other;
		bool		present = series_get(s, i, &v);
		double		pct;

		CHECK_FOR_INTERRUPTS();
		memset(nulls, true, sizeof(nulls));
		old_context = MemoryContextSwitchTo(row_context);

		values[0] = DateADTGetDatum(month_to_date(month));
		nulls[0] = false;
		if (present)
		{
			values[1] = level_numeric(s, v);
			nulls[1] = false;
		}

		/* mom_pct and yoy_pct */
		if (present && i >= 1 && series_get(s, i - 1, &other) &&
			level_growth_pct(s, v, other, &pct))
		{
			values[2] = Float8GetDatum(pct);
			nulls[2] = false;
		}
		if (present && i >= 12 && series_get(s, i - 12, &other) &&
			level_growth_pct(s, v, other, &pct))
		{
			values[3] = Float8GetDatum(pct);
			nulls[3] = false;
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
			values[4] = level_numeric(s, ytd[i]);
			nulls[4] = false;
			if (i >= 12 && ytd_ok[i - 12] && level_growth_pct(s, ytd[i], ytd[i - 12], &pct))
			{
				values[5] = Float8GetDatum(pct);
				nulls[5] = false;
			}
		}

		MemoryContextSwitchTo(old_context);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextReset(row_context);
	}
	return (Datum) 0;
}
