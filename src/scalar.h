/*
 * scalar.h
 *	  Argument checks and numeric helpers of scalar.c that other files share.
 */
#ifndef INDICATOR_SCALAR_H
#define INDICATOR_SCALAR_H

#include "postgres.h"
#include "pg_compat.h"

#include "fmgr.h"
#include "utils/numeric.h"

extern void reject_non_finite(bool is_nan, bool is_inf, const char *argname);
extern int	numeric_sign_of(Numeric num);

/* growth_pct(current, previous) for numeric and float8 (NULL when previous = 0) */
extern Datum growth_pct_numeric(PG_FUNCTION_ARGS);
extern Datum growth_pct_float8(PG_FUNCTION_ARGS);

#endif							/* INDICATOR_SCALAR_H */
