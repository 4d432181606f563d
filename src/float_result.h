/*
 * float_result.h
 *	  The one rule for results in double precision, shared by the scalar
 *	  functions and the accessors: a result that would be infinite although
 *	  every argument is finite is an error, never Infinity.
 *
 * The error is PostgreSQL's own for float8 arithmetic (SQLSTATE 22003,
 * "value out of range: overflow"), so a query sees the same error from
 * growth_pct(1e300, 1e-300), mom_pct over such a series and 1e300 * 1e300.
 */
#ifndef INDICATOR_FLOAT_RESULT_H
#define INDICATOR_FLOAT_RESULT_H

#include "postgres.h"

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

#endif							/* INDICATOR_FLOAT_RESULT_H */
