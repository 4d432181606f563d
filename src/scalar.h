/*
 * scalar.h
 *	  Argument checks and numeric helpers of scalar.c that other files share.
 */
#ifndef INDICATOR_SCALAR_H
#define INDICATOR_SCALAR_H

#include "postgres.h"
#include "pg_compat.h"

#include "utils/numeric.h"

extern void reject_non_finite(bool is_nan, bool is_inf, const char *argname);
extern int	numeric_sign_of(Numeric num);

#endif							/* INDICATOR_SCALAR_H */
