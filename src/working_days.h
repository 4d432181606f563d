/*
 * working_days.h
 *	  Working days: the days of a range that are neither a weekend day nor a
 *	  holiday, for working_days() and per_working_day() (working_days.c).
 *
 * A calendar is the weekend (ISO days of the week, 1 = Monday .. 7 =
 * Sunday) and the holidays (dates the user keeps: no calendar is built in,
 * since holidays such as Tet move and are decreed year by year).
 */
#ifndef INDICATOR_WORKING_DAYS_H
#define INDICATOR_WORKING_DAYS_H

#include "postgres.h"
#include "pg_compat.h"

#include "utils/array.h"
#include "utils/date.h"

typedef struct WorkCalendar
{
	bool		weekend[8];		/* [1..7]: the ISO day of the week is a weekend day */
	int			weekend_days;	/* how many are */
	DateADT    *holidays;		/* ascending, distinct, none on a weekend day */
	int			nholidays;
} WorkCalendar;

extern void work_calendar(ArrayType *holidays, ArrayType *weekend, WorkCalendar *cal);
extern int64 working_days_between(const WorkCalendar *cal, DateADT first, DateADT last);

#endif							/* INDICATOR_WORKING_DAYS_H */
