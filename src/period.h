/*
 * period.h
 *	  Months, quarters, years and fiscal years: the calendar arithmetic every
 *	  part of indicator shares.
 *
 * A month is held as a "month number": year * 12 + (month - 1), so that
 * January 2021 is 24252 and the month before it is 24251.  Comparisons by
 * calendar month are then comparisons of integers, never of row positions.
 *
 * A period of another frequency is numbered the same way: a quarter is
 * year * 4 + (quarter - 1) (2021-Q1 is 8084), a year is the year itself.
 * So the period before p is p - 1, the same period a year earlier is
 * p - periods_per_year(frequency), and month_to_period / period_first_month
 * convert between a month number and the period holding it.  For the month
 * every conversion is the identity.
 */
#ifndef INDICATOR_PERIOD_H
#define INDICATOR_PERIOD_H

#include "postgres.h"
#include "pg_compat.h"

#include "utils/date.h"

/* Years a stored series may cover: four-digit years keep the text form fixed. */
#define INDICATOR_MIN_YEAR	1
#define INDICATOR_MAX_YEAR	9999
#define INDICATOR_MIN_MONTH ((int32) INDICATOR_MIN_YEAR * 12)
#define INDICATOR_MAX_MONTH ((int32) INDICATOR_MAX_YEAR * 12 + 11)

/* Room for "YYYY-MM" and a terminator, and for a signed year outside 1..9999. */
#define MONTH_TEXT_LEN 24
#define PERIOD_TEXT_LEN MONTH_TEXT_LEN

/* Frequencies (the values are stored: zero is the month, as in format 1). */
#define PERIOD_FREQ_MONTH	0
#define PERIOD_FREQ_QUARTER 1
#define PERIOD_FREQ_YEAR	2

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

/* Months in one period: 1, 3 or 12. */
static inline int
months_per_period(int frequency)
{
	return frequency == PERIOD_FREQ_MONTH ? 1 : frequency == PERIOD_FREQ_QUARTER ? 3 : 12;
}

/* Periods in a year: 12, 4 or 1 (no division: this is on hot paths). */
static inline int
periods_per_year(int frequency)
{
	return frequency == PERIOD_FREQ_MONTH ? 12 : frequency == PERIOD_FREQ_QUARTER ? 4 : 1;
}

/* The period (of the frequency) holding a month. */
static inline int64
month_to_period(int64 month, int frequency)
{
	if (frequency == PERIOD_FREQ_MONTH)
		return month;
	return floor_div(month, months_per_period(frequency));
}

/* The first month of a period. */
static inline int64
period_first_month(int64 period, int frequency)
{
	return period * months_per_period(frequency);
}

/* The period numbers of years INDICATOR_MIN_YEAR..INDICATOR_MAX_YEAR. */
static inline int32
period_min(int frequency)
{
	return INDICATOR_MIN_YEAR * periods_per_year(frequency);
}

static inline int32
period_max(int frequency)
{
	return INDICATOR_MAX_YEAR * periods_per_year(frequency) + periods_per_year(frequency) - 1;
}

extern int32 date_to_month(DateADT date, const char *argname);
extern DateADT month_to_date(int32 month);
extern void month_to_text(int32 month, char *buf);
extern void check_fy_start_month(int32 fy_start_month);
extern void check_fy_frequency(int32 fy_start_month, int frequency);
extern void check_year(int64 year, const char *argname);
extern int32 lag_months_periods(int32 lag_months, int frequency);

extern int64 date_to_period(DateADT date, int frequency, const char *argname);
extern DateADT period_to_date(int64 period, int frequency);
extern void period_to_text(int64 period, int frequency, char *buf);
extern const char *frequency_name(int frequency);
extern int	frequency_from_name(const char *name, size_t len);

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
