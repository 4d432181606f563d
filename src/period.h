/*
 * period.h
 *	  Months and fiscal years: the calendar arithmetic every part of
 *	  indicator shares.
 *
 * A month is held as a "month number": year * 12 + (month - 1), so that
 * January 2021 is 24252 and the month before it is 24251.  Comparisons by
 * calendar month are then comparisons of integers, never of row positions.
 */
#ifndef INDICATOR_PERIOD_H
#define INDICATOR_PERIOD_H

#include "postgres.h"

#include "utils/date.h"

/* Years a stored series may cover: four-digit years keep the text form fixed. */
#define INDICATOR_MIN_YEAR	1
#define INDICATOR_MAX_YEAR	9999
#define INDICATOR_MIN_MONTH ((int32) INDICATOR_MIN_YEAR * 12)
#define INDICATOR_MAX_MONTH ((int32) INDICATOR_MAX_YEAR * 12 + 11)

/* Room for "YYYY-MM" and a terminator, and for a signed year outside 1..9999. */
#define MONTH_TEXT_LEN 24

/* Floor division, for month numbers of years before year 0. */
static inline int64
floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static inline int32
month_year(int32 month)
{
	return (int32) floor_div(month, 12);
}

/* 1..12 */
static inline int
month_of_year(int32 month)
{
	return (int) (month - month_year(month) * 12) + 1;
}

extern int32 date_to_month(DateADT date, const char *argname);
extern DateADT month_to_date(int32 month);
extern void month_to_text(int32 month, char *buf);
extern void check_fy_start_month(int32 fy_start_month);

/*
 * Fiscal years are named by the calendar year in which they end: with
 * fy_start_month = 7, July 2021 .. June 2022 is fiscal year 2022 (as in
 * Australia); with 10, October 2022 .. September 2023 is 2023 (as for the
 * US federal government); with 1 the fiscal year is the calendar year.
 */
static inline int64
fiscal_year_of(int32 month, int fy_start_month)
{
	return floor_div((int64) month - (fy_start_month - 1), 12) +
		(fy_start_month > 1 ? 1 : 0);
}

/* Month number of the first month of a fiscal year (int64: year is any int). */
static inline int64
fiscal_year_start(int64 fiscal_year, int fy_start_month)
{
	return (fiscal_year - (fy_start_month > 1 ? 1 : 0)) * 12 + (fy_start_month - 1);
}

#endif							/* INDICATOR_PERIOD_H */
