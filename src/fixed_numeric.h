/*
 * fixed_numeric.h
 *	  Exact fixed-point levels: a 128-bit integer mantissa at a decimal scale,
 *	  and fast conversion between it and PostgreSQL's numeric.
 *
 * A numeric series keeps every month as mantissa * 10^-scale with one scale
 * for the whole series.  Sums are then integer additions, exact and far
 * cheaper than numeric_add, while the results equal sum(numeric) over the
 * same rows.  Mantissas are kept below 10^38 in magnitude; anything larger
 * is an out-of-range error, never a rounded value.
 */
#ifndef INDICATOR_FIXED_NUMERIC_H
#define INDICATOR_FIXED_NUMERIC_H

#include "postgres.h"
#include "pg_compat.h"

#include "utils/numeric.h"

#ifndef HAVE_INT128
#error "indicator needs a compiler with 128-bit integers"
#endif

/* Largest number of decimal digits a mantissa may have, and largest scale. */
#define FIXED_MAX_DIGITS 38
#define FIXED_MAX_SCALE 38

typedef enum FixedStatus
{
	FIXED_OK,
	FIXED_NAN,
	FIXED_INFINITE,
	FIXED_TOO_MANY_DIGITS,		/* needs more than FIXED_MAX_DIGITS digits */
	FIXED_SCALE_TOO_LARGE		/* more than FIXED_MAX_SCALE decimals */
} FixedStatus;

extern const int128 fixed_pow10[FIXED_MAX_DIGITS + 1];

/* |m| < 10^38 */
static inline bool
fixed_in_range(int128 m)
{
	return m < fixed_pow10[FIXED_MAX_DIGITS] && m > -fixed_pow10[FIXED_MAX_DIGITS];
}

/* a + b, false when the result leaves the range */
static inline bool
fixed_add(int128 a, int128 b, int128 *result)
{
	if (__builtin_add_overflow(a, b, result))
		return false;
	return fixed_in_range(*result);
}

/* m * 10^k, false when the result leaves the range */
static inline bool
fixed_rescale(int128 m, int k, int128 *result)
{
	if (k > FIXED_MAX_DIGITS)
		return m == 0 ? (*result = 0, true) : false;
	if (__builtin_mul_overflow(m, fixed_pow10[k], result))
		return false;
	return fixed_in_range(*result);
}

extern FixedStatus numeric_to_fixed(const struct varlena *num, int128 *mantissa, int *scale);
extern Numeric fixed_to_numeric(int128 mantissa, int scale);
extern double fixed_to_double(int128 mantissa, int scale);
extern double numeric_to_double(const struct varlena *num);
extern bool fixed_div_as_numeric(int128 n, int nscale, int128 d, int dscale,
								 int128 *q, int *qscale);
extern bool fixed_nearest_double(int128 m, int scale, double *result);

#endif							/* INDICATOR_FIXED_NUMERIC_H */
