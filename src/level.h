/*
 * level.h
 *	  Arithmetic on levels (one period's value, or a sum of periods) of a
 *	  series: level.c's functions, and the operations of every row of
 *	  series_rows inline (as calls across files they took a quarter of
 *	  series_rows' own time).  The Level type itself is in series.h.
 */
#ifndef INDICATOR_LEVEL_H
#define INDICATOR_LEVEL_H

#include "postgres.h"

#include <math.h>

#include "fmgr.h"

#include "fixed_numeric.h"
#include "float_result.h"
#include "series.h"

/* How a range of periods becomes one figure: annual_methods[] names them. */
typedef enum AnnualMethod
{
	ANNUAL_SUM,
	ANNUAL_AVG,
	ANNUAL_LAST
} AnnualMethod;

extern void level_overflow_error(void) pg_attribute_noreturn();
extern bool level_sum(const IndicatorSeries *s, int64 from, int64 to, Level *sum);
extern Datum level_numeric(const IndicatorSeries *s, Level l);
extern double level_double(const IndicatorSeries *s, Level l);
/*
 * The names a method argument may take (NULL-terminated), and the hint that
 * lists them, a whole sentence, for an unknown one (method_arg).
 */
typedef struct MethodNames
{
	const char *const names[4];
	const char *hint;
} MethodNames;

extern const MethodNames annual_methods;

/*
 * The arithmetic of every row of series_rows, inline: a numeric level is
 * an exact mantissa, so sums and differences are exact integer operations.
 */
static inline void
level_add(const IndicatorSeries *s, Level a, Level b, Level *sum)
{
	if (s->kind == SERIES_KIND_NUMERIC)
	{
		if (!fixed_add(a.exact, b.exact, &sum->exact))
			level_overflow_error();
		sum->fp = 0;
	}
	else
	{
		sum->fp = finite_result(a.fp + b.fp);
		sum->exact = 0;
	}
}

static inline void
level_sub(const IndicatorSeries *s, Level a, Level b, Level *diff)
{
	if (s->kind == SERIES_KIND_NUMERIC)
	{
		if (!fixed_add(a.exact, -b.exact, &diff->exact))
			level_overflow_error();
		diff->fp = 0;
	}
	else
	{
		diff->fp = finite_result(a.fp - b.fp);
		diff->exact = 0;
	}
}

static inline bool
level_is_zero(const IndicatorSeries *s, Level l)
{
	return s->kind == SERIES_KIND_NUMERIC ? l.exact == 0 : l.fp == 0;
}

/* The nearest double, converting through int64 where it fits (one instruction). */
static inline double
int128_to_double(int128 v)
{
	return v == (int64) v ? (double) (int64) v : (double) v;
}

/*
 * (current - previous) / |previous| * 100, from the exact difference;
 * false when previous is 0.
 */
static inline bool
level_growth_pct(const IndicatorSeries *s, Level current, Level previous, double *pct)
{
	if (level_is_zero(s, previous))
		return false;
	if (s->kind == SERIES_KIND_NUMERIC)
	{
		Level		diff;

		/* a numeric ratio is below 2 * 10^38 * 100: always finite */
		level_sub(s, current, previous, &diff);
		*pct = int128_to_double(diff.exact) / fabs(int128_to_double(previous.exact)) * 100.0;
	}
	else
	{
		/* as growth_pct: a difference that alone overflows is no error */
		double		divisor = fabs(previous.fp);
		double		diff = float8_change(current.fp, previous.fp, &divisor);

		*pct = finite_result(diff / divisor * 100.0);
	}
	return true;
}
extern int	method_arg(text *method, const MethodNames *methods);
extern Datum level_avg_numeric(const IndicatorSeries *s, Level sum, int64 n);
extern double level_avg_double(const IndicatorSeries *s, Level sum, int64 n);
extern void series_doubles(const IndicatorSeries *s, double *out);
extern int16 level_inexact_scale(const IndicatorSeries *s);
extern bool level_div_inexact(const IndicatorSeries *s, int128 num, int64 den,
							  int128 *quotient);

#endif							/* INDICATOR_LEVEL_H */
