/*
 * float_result.h
 *	  The one rule for results in double precision, shared by the scalar
 *	  functions and the accessors: a result that would be infinite although
 *	  every argument is finite is an error, never Infinity.
 *
 * The error is PostgreSQL's own for float8 arithmetic (SQLSTATE 22003,
 * "value out of range: overflow"), so a query sees the same error from
 * growth_pct(1e300, 1e-300), mom_pct over such a series and 1e300 * 1e300.
 * And a change whose difference alone overflows is computed, not an error.
 */
#ifndef INDICATOR_FLOAT_RESULT_H
#define INDICATOR_FLOAT_RESULT_H

#include "postgres.h"
#include "pg_compat.h"

#include <math.h>

#include "utils/float.h"

/* result itself when finite; an infinite result is 22003 */
static inline double
finite_result(double result)
{
	if (unlikely(isinf(result)))
		float_overflow_error();
	return result;
}

/*
 * value - base, the numerator of a change relative to *divisor.  Finite
 * value and base of opposite signs near the top of double's range can have
 * a difference that overflows although the ratio does not: then all three
 * are halved (exact there, and the ratio is kept).
 */
static inline double
float8_change(double value, double base, double *divisor)
{
	double		diff = value - base;

	if (likely(!isinf(diff)))
		return diff;
	*divisor /= 2;
	return value / 2 - base / 2;
}

#endif							/* INDICATOR_FLOAT_RESULT_H */
