/*
 * working_days.c
 *	  Working days: working_days(first_day, last_day, holidays, weekend),
 *	  the days of a range that are neither weekend days nor holidays, and
 *	  per_working_day(s, holidays, weekend), each period's value divided by
 *	  its working days (output per working day removes the effect of the
 *	  calendar: a February of 20 working days against a March of 23, or the
 *	  month that holds Tet).
 *
 * Counting is arithmetic, not a walk over the days: whole weeks have
 * 7 - (weekend days) working days each, the days left over are looked at
 * one by one (at most six), and the holidays inside the range that do not
 * fall on a weekend day are subtracted (each once: the list is sorted and
 * made distinct first).  So a range costs the same whatever its length,
 * and a series' periods cost one binary search of the holidays each.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"

#include "level.h"
#include "series.h"
#include "working_days.h"

/* ISO day of the week of a date: 1 = Monday .. 7 = Sunday (2000-01-01, day 0, was a Saturday). */
static inline int
iso_dow(DateADT d)
{
	return (int) ((((int64) d + 5) % 7 + 7) % 7) + 1;
}

static void
check_finite_date(DateADT d, const char *argname)
{
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s cannot be infinite", argname)));
}

static int
holiday_cmp(const void *a, const void *b)
{
	DateADT		x = *(const DateADT *) a;
	DateADT		y = *(const DateADT *) b;

	return x < y ? -1 : x > y;
}

/*
 * The calendar of the arguments: weekend days 1..7 (else 22023), no NULL
 * element (22004), no infinite holiday (22008).
 */
void
work_calendar(ArrayType *holidays, ArrayType *weekend, WorkCalendar *cal)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			kept = 0;

	memset(cal, 0, sizeof(*cal));
	if (ARR_NDIM(weekend) > 1 || ARR_NDIM(holidays) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("holidays and weekend must be one-dimensional arrays")));

	deconstruct_array(weekend, INT4OID, sizeof(int32), true, TYPALIGN_INT, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		int32		d;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("weekend cannot contain NULL")));
		d = DatumGetInt32(elems[i]);
		if (d < 1 || d > 7)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("weekend day %d is not an ISO day of the week", d),
					 errhint("Use 1 for Monday through 7 for Sunday: '{6,7}' is Saturday and Sunday.")));
		if (!cal->weekend[d])
			cal->weekend_days++;
		cal->weekend[d] = true;
	}

	deconstruct_array(holidays, DATEOID, sizeof(DateADT), true, TYPALIGN_INT, &elems, &nulls, &n);
	cal->holidays = palloc(sizeof(DateADT) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		DateADT		d;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("holidays cannot contain NULL")));
		d = DatumGetDateADT(elems[i]);
		if (DATE_NOT_FINITE(d))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("a holiday cannot be infinite")));
		/* a holiday on a weekend day takes no working day away */
		if (!cal->weekend[iso_dow(d)])
			cal->holidays[kept++] = d;
	}
	qsort(cal->holidays, kept, sizeof(DateADT), holiday_cmp);
	cal->nholidays = 0;
	for (int i = 0; i < kept; i++)
		if (i == 0 || cal->holidays[i] != cal->holidays[i - 1])
			cal->holidays[cal->nholidays++] = cal->holidays[i];
}

/* The first holiday at or after d (an index, nholidays when none). */
static int
holidays_from(const WorkCalendar *cal, DateADT d)
{
	int			lo = 0;
	int			hi = cal->nholidays;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (cal->holidays[mid] < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The working days from first through last (0 when last is before first). */
int64
working_days_between(const WorkCalendar *cal, DateADT first, DateADT last)
{
	int64		days;
	int64		count;
	int			dow;

	if (last < first)
		return 0;
	days = (int64) last - first + 1;
	count = days / 7 * (7 - cal->weekend_days);
	dow = iso_dow(first);
	for (int64 i = 0; i < days % 7; i++)
	{
		count += !cal->weekend[dow];
		dow = dow == 7 ? 1 : dow + 1;
	}
	for (int h = holidays_from(cal, first); h < cal->nholidays && cal->holidays[h] <= last; h++)
		count--;
	return count;
}

/* working_days(first_day date, last_day date, holidays date[], weekend int[]) returns integer */
PG_FUNCTION_INFO_V1(working_days);
Datum
working_days(PG_FUNCTION_ARGS)
{
	DateADT		first = PG_GETARG_DATEADT(0);
	DateADT		last = PG_GETARG_DATEADT(1);
	WorkCalendar cal;

	check_finite_date(first, "first_day");
	check_finite_date(last, "last_day");
	work_calendar(PG_GETARG_ARRAYTYPE_P(2), PG_GETARG_ARRAYTYPE_P(3), &cal);
	/* at most the days between the first and last finite dates: an int */
	PG_RETURN_INT32((int32) working_days_between(&cal, first, last));
}

/*
 * per_working_day(s, holidays date[], weekend int[]) returns
 * indicator_series: a float8 series, each period's value / its working
 * days; missing where the value is missing or the period has none.
 */
PG_FUNCTION_INFO_V1(per_working_day);
Datum
per_working_day(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	WorkCalendar cal;
	IndicatorSeries *r;
	double	   *v;

	work_calendar(PG_GETARG_ARRAYTYPE_P(1), PG_GETARG_ARRAYTYPE_P(2), &cal);
	r = series_alloc_freq(SERIES_KIND_FLOAT8, SERIES_SLOT_INT64, 0, s->first, s->nmonths,
						  s->nmonths, s->frequency);
	v = series_fp_array(r);
	series_doubles(s, v);
	for (int32 i = 0; i < s->nmonths; i++)
	{
		int64		period = (int64) s->first + i;
		DateADT		start = period_to_date(period, s->frequency);
		DateADT		end = period_to_date(period + 1, s->frequency) - 1;
		int64		days = working_days_between(&cal, start, end);

		if (isnan(v[i]))
			continue;
		if (days == 0)
		{
			v[i] = get_float8_nan();	/* no working day: missing */
			continue;
		}
		v[i] /= days;
		r->npresent++;
	}
	PG_RETURN_INDICATOR_SERIES_P(r);
}
