/*
 * series_rows.c
 *	  series_rows(s, fy_start_month): one row per period of the span (the
 *	  series' own periods: months, quarters or years), with the period's
 *	  value, growth against the previous period and the same period of last
 *	  year, year-to-date and its growth.  This is the monthly
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
	int			per_year = periods_per_year(s->frequency);

	check_fy_frequency(fy, s->frequency);
	InitMaterializedSRF(fcinfo, 0);

	ytd = palloc(sizeof(Level) * s->nmonths);
	ytd_ok = palloc(sizeof(bool) * s->nmonths);
	row_context = AllocSetContextCreate(CurrentMemoryContext, "series_rows row",
										ALLOCSET_SMALL_SIZES);

	for (int32 i = 0; i < s->nmonths; i++)
	{
		int32		period = s->first + i;
		Datum		values[SERIES_ROWS_COLUMNS];
		bool		nulls[SERIES_ROWS_COLUMNS];
		Level		v = {0, 0};
		Level		other;
		bool		present = series_get(s, i, &v);
		double		pct;

		CHECK_FOR_INTERRUPTS();
		memset(nulls, true, sizeof(nulls));
		old_context = MemoryContextSwitchTo(row_context);

		values[0] = DateADTGetDatum(period_to_date(period, s->frequency));
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
		if (present && i >= per_year && series_get(s, i - per_year, &other) &&
			level_growth_pct(s, v, other, &pct))
		{
			values[3] = Float8GetDatum(pct);
			nulls[3] = false;
		}

		/* ytd restarts at each fiscal year; one missing period voids the rest of the year */
		if (month_of_year((int32) period_first_month(period, s->frequency)) == fy)
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
			if (i >= per_year && ytd_ok[i - per_year] &&
				level_growth_pct(s, ytd[i], ytd[i - per_year], &pct))
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
