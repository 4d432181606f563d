/*
 * period.c
 *	  Conversions between dates and month numbers, fiscal-year checks, and
 *	  the SQL function fiscal_year().
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/datetime.h"

#include "period.h"

/* The days of the month date_to_month() converted last (empty at first). */
static DateADT cached_first_day = 1;
static DateADT cached_last_day = 0;
static int32 cached_month = 0;

/*
 * The month a date falls in.  Any finite date works; 'infinity' names no
 * month and is an error naming the argument.
 */
int32
date_to_month(DateADT date, const char *argname)
{
	int			year;
	int			month;
	int			day;

	if (DATE_NOT_FINITE(date))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s cannot be infinite", argname),
				 errhint("Pass a date inside the month you mean.")));

	/* rows tend to come a month at a time: the last month's days answer at once */
	if (date >= cached_first_day && date <= cached_last_day)
		return cached_month;

	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	cached_first_day = date - (day - 1);
	cached_last_day = (month == 12 ? date2j(year + 1, 1, 1) : date2j(year, month + 1, 1))
		- POSTGRES_EPOCH_JDATE - 1;
	cached_month = year * 12 + (month - 1);
	return cached_month;
}

/* The first day of a month, as a date. */
DateADT
month_to_date(int32 month)
{
	return date2j(month_year(month), month_of_year(month), 1) - POSTGRES_EPOCH_JDATE;
}

/* "YYYY-MM", and "YYYY-MM BC" before year 1, as PostgreSQL writes dates. */
void
month_to_text(int32 month, char *buf)
{
	int32		year = month_year(month);

	if (year > 0)
		snprintf(buf, MONTH_TEXT_LEN, "%04d-%02d", year, month_of_year(month));
	else
		snprintf(buf, MONTH_TEXT_LEN, "%04d-%02d BC", 1 - year, month_of_year(month));
}

void
check_fy_start_month(int32 fy_start_month)
{
	if (fy_start_month < 1 || fy_start_month > 12)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fy_start_month must be between 1 and 12, not %d",
						fy_start_month),
				 errhint("Use 1 for calendar years, 7 for years starting in July, 10 for October.")));
}

/* fiscal_year(period date, fy_start_month int DEFAULT 1) returns int */
PG_FUNCTION_INFO_V1(fiscal_year);
Datum
fiscal_year(PG_FUNCTION_ARGS)
{
	int32		month = date_to_month(PG_GETARG_DATEADT(0), "period");
	int32		fy_start_month = PG_GETARG_INT32(1);

	check_fy_start_month(fy_start_month);
	PG_RETURN_INT32((int32) fiscal_year_of(month, fy_start_month));
}
