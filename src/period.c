/*
 * period.c
 *	  Conversions between dates, month numbers and period numbers of each
 *	  frequency, their labels, fiscal-year and year checks, and the SQL
 *	  function fiscal_year().
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

/*
 * A fiscal year must start on the first month of a period: on a quarterly
 * series in January, April, July or October; a yearly series holds calendar
 * (or already fiscal, as labelled) years, so only 1.
 */
void
check_fy_frequency(int32 fy_start_month, int frequency)
{
	check_fy_start_month(fy_start_month);
	if ((fy_start_month - 1) % months_per_period(frequency) == 0)
		return;
	if (frequency == PERIOD_FREQ_QUARTER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fy_start_month %d does not fall on the start of a quarter",
						fy_start_month),
				 errdetail("A quarterly series' fiscal years are made of whole quarters."),
				 errhint("Use 1, 4, 7 or 10 on a quarterly series.")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("fy_start_month %d does not fall on the start of a year", fy_start_month),
			 errdetail("A yearly series' fiscal years are made of whole years."),
			 errhint("Use 1 on a yearly series: its periods are the years as labelled.")));
}

/*
 * A lag_months argument as a number of periods of a frequency: it must be
 * positive and whole periods (22023), as growth on any lag needs.
 */
int32
lag_months_periods(int32 lag_months, int frequency)
{
	int			per = months_per_period(frequency);

	if (lag_months < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lag_months must be positive, not %d", lag_months),
				 errhint("Use 12 for growth on the same month of last year, 1 for growth on the month.")));
	if (lag_months % per != 0 && frequency == PERIOD_FREQ_QUARTER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lag_months %d does not fall on the quarters of the series", lag_months),
				 errhint("Use a multiple of 3 months on a quarterly series.")));
	if (lag_months % per != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lag_months %d does not fall on the years of the series", lag_months),
				 errhint("Use a multiple of 12 months on a yearly series.")));
	return lag_months / per;
}

/* A year argument: 1..9999, as a series' periods; 22008 otherwise. */
void
check_year(int64 year, const char *argname)
{
	if (year < INDICATOR_MIN_YEAR || year > INDICATOR_MAX_YEAR)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("%s %lld is out of range", argname, (long long) year),
				 errdetail("Years run from %d to %d.", INDICATOR_MIN_YEAR, INDICATOR_MAX_YEAR),
				 errhint("Check the order of the arguments; a year taken from extract() needs ::int.")));
}

/* The period of a frequency holding a date. */
int64
date_to_period(DateADT date, int frequency, const char *argname)
{
	return month_to_period(date_to_month(date, argname), frequency);
}

/* The first day of a period. */
DateADT
period_to_date(int64 period, int frequency)
{
	return month_to_date((int32) period_first_month(period, frequency));
}

/*
 * "YYYY-MM", "YYYY-Qn" or "YYYY" (with " BC" before year 1, as PostgreSQL
 * writes dates): the labels of the text form.
 */
void
period_to_text(int64 period, int frequency, char *buf)
{
	int64		year;
	const char *bc;

	if (frequency == PERIOD_FREQ_MONTH)
	{
		month_to_text((int32) period, buf);
		return;
	}
	year = floor_div(period, periods_per_year(frequency));
	bc = year > 0 ? "" : " BC";
	if (year <= 0)
		year = 1 - year;
	if (frequency == PERIOD_FREQ_QUARTER)
		snprintf(buf, PERIOD_TEXT_LEN, "%04lld-Q%d%s", (long long) year,
				 (int) (period - floor_div(period, 4) * 4) + 1, bc);
	else
		snprintf(buf, PERIOD_TEXT_LEN, "%04lld%s", (long long) year, bc);
}

static const char *const frequency_names[] = {"month", "quarter", "year"};

const char *
frequency_name(int frequency)
{
	/* series_check_format lets no other frequency through */
	if (frequency < 0 || frequency >= (int) lengthof(frequency_names))
		elog(ERROR, "unknown series frequency %d", frequency);
	return frequency_names[frequency];
}

/* 'month', 'quarter' or 'year'; anything else is 22023. */
int
frequency_from_name(const char *name, size_t len)
{
	for (int f = PERIOD_FREQ_MONTH; f <= PERIOD_FREQ_YEAR; f++)
		if (strlen(frequency_names[f]) == len && memcmp(name, frequency_names[f], len) == 0)
			return f;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown frequency \"%.*s\"", (int) Min(len, 64), name),
			 errhint("Use 'month', 'quarter' or 'year'.")));
	return -1;					/* keep the compiler quiet */
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
