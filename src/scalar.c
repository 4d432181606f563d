/*
 * scalar.c
 *	  The scalar functions: growth, index, attainment of a plan (and of a
 *	  limit, where lower is better), excess over a plan, gap to a target,
 *	  required growth, compound annual growth, the base a reported growth
 *	  implies and real growth from nominal and price growth, each for
 *	  numeric and for double precision.
 *
 * Percentages come back as double precision in percent units, unrounded.
 * For numeric input every difference and product is exact, so the only
 * roundings are numeric's division (to at least 16 significant digits) and
 * the final conversion to double.  growth_pct, index_pct, attainment_pct
 * and exceed_pct get the same double from integer arithmetic where their
 * arguments fit 128-bit mantissas (fixed_args_pct), about five times
 * faster; sql/scalar.sql and make fuzz-pct compare the two.  Levels
 * (target_gap, implied_base) stay in the input's type.
 *
 * An undefined result (a zero base or target) is NULL.  A NaN or infinite
 * argument is an error naming the argument.  A result out of double's range
 * from finite arguments is the same error as in PostgreSQL's own float8
 * arithmetic ("value out of range: overflow" or "underflow"), never an
 * infinity or a silent zero.
 */
#include "postgres.h"
#include "pg_compat.h"

#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/numeric.h"

#include "fixed_numeric.h"
#include "float_result.h"
#include "scalar.h"

/*
 * Arguments
 */

/* The one place a NaN or infinite argument is reported. */
void
reject_non_finite(bool is_nan, bool is_inf, const char *argname)
{
	if (is_nan)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot be NaN", argname)));
	if (is_inf)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot be infinite", argname)));
}

/* Argument n as a finite numeric. */
static Numeric
numeric_arg(FunctionCallInfo fcinfo, int n, const char *argname)
{
	Numeric		num = PG_GETARG_NUMERIC(n);

	reject_non_finite(numeric_is_nan(num), numeric_is_inf(num), argname);
	return num;
}

/*
 * Argument n, a finite numeric, as a mantissa at its display scale, read in
 * place; false when it is too long for one (the caller then takes the
 * numeric path, which reads it again).
 */
static bool
fixed_arg(FunctionCallInfo fcinfo, int n, const char *argname, int128 *m, int *scale)
{
	switch (numeric_to_fixed(PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(n)), m, scale))
	{
		case FIXED_OK:
			return true;
		case FIXED_NAN:
		case FIXED_INFINITE:
			(void) numeric_arg(fcinfo, n, argname); /* the error */
			break;
		default:
			break;
	}
	return false;
}

/* Argument n as a finite double. */
static double
float8_arg(FunctionCallInfo fcinfo, int n, const char *argname)
{
	double		val = PG_GETARG_FLOAT8(n);

	reject_non_finite(isnan(val), isinf(val), argname);
	return val;
}

/*
 * Numeric arithmetic
 */

/* -1, 0 or 1 */
int
numeric_sign_of(Numeric num)
{
	Datum		zero = NumericGetDatum(int64_to_numeric(0));

	return DatumGetInt32(DirectFunctionCall2(numeric_cmp,
											 NumericGetDatum(num), zero));
}

/*
 * The double nearest num.  Leaving double's range is an error, as it is for
 * the numeric-to-float8 cast.
 */
static double
numeric_to_float8(Numeric num)
{
	double		result;

	result = finite_result(DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
															  NumericGetDatum(num))));
	if (unlikely(result == 0.0) && numeric_sign_of(num) != 0)
		float_underflow_error();
	return result;
}

/* part * 100 / whole, the product exact; whole must not be 0 */
static Numeric
numeric_hundredfold_div(Numeric part, Numeric whole)
{
	Numeric		scaled;

	scaled = numeric_mul_opt_error(part, int64_to_numeric(100), NULL);
	return numeric_div_opt_error(scaled, whole, NULL);
}

/*
 * part * 10^-part_scale / whole * 10^-whole_scale * 100 as a double, by
 * integer arithmetic: the same double as numeric_hundredfold_div() followed
 * by numeric_to_float8() (numeric's division to its scale, rounded half away
 * from zero, then the nearest double), bit for bit, at a fraction of the
 * cost.  False when the operands are too long for it; whole != 0.
 */
static bool
fixed_pct(int128 part, int part_scale, int128 whole, int whole_scale, double *result)
{
	int128		hundredfold;
	int128		quotient;
	int			quotient_scale;

	if (__builtin_mul_overflow(part, (int128) 100, &hundredfold))
		return false;
	return fixed_div_as_numeric(hundredfold, part_scale, whole, whole_scale,
								&quotient, &quotient_scale) &&
		fixed_nearest_double(quotient, quotient_scale, result);
}

/* part / whole * 100 as a double; whole must not be 0 */
static double
numeric_pct(Numeric part, Numeric whole)
{
	return numeric_to_float8(numeric_hundredfold_div(part, whole));
}

/* (value - base) / divisor * 100 as fixed_pct() computes it */
static bool
fixed_change_pct(int128 value, int value_scale, int128 base, int base_scale,
				 int128 divisor, int divisor_scale, double *result)
{
	int128		diff;

	/* the difference at the larger scale, as numeric_sub() makes it */
	return fixed_rescale(value, Max(base_scale - value_scale, 0), &value) &&
		fixed_rescale(base, Max(value_scale - base_scale, 0), &base) &&
		fixed_add(value, -base, &diff) &&
		fixed_pct(diff, Max(value_scale, base_scale), divisor, divisor_scale, result);
}

/* What a percentage of two arguments divides (fixed_args_pct) */
typedef enum PctOf
{
	PCT_OF_WHOLE,				/* arg0 / arg1 * 100: index_pct, attainment_pct */
	PCT_CHANGE_OF_BASE,			/* (arg0 - arg1) / arg1 * 100: exceed_pct */
	PCT_CHANGE_OF_ABS_BASE		/* (arg0 - arg1) / |arg1| * 100: growth_pct */
} PctOf;

/*
 * The percentage of the numeric arguments 0 and 1, read in place and
 * computed in 128-bit integers: the double the numeric path below gives,
 * about five times faster.  False when an argument or the arithmetic is too
 * long for it, and the caller takes the numeric path; otherwise *sign is
 * arg1's sign (where the caller's NULLs are) and, when arg1 != 0, *result
 * the percentage.  A NaN or infinite argument is the numeric path's error.
 */
static bool
fixed_args_pct(FunctionCallInfo fcinfo, const char *name0, const char *name1, PctOf of,
			   int *sign, double *result)
{
	int128		a,
				b;
	int			a_scale,
				b_scale;

	if (!fixed_arg(fcinfo, 0, name0, &a, &a_scale) || !fixed_arg(fcinfo, 1, name1, &b, &b_scale))
		return false;
	*sign = (b > 0) - (b < 0);
	if (b == 0)
		return true;
	if (of == PCT_OF_WHOLE)
		return fixed_pct(a, a_scale, b, b_scale, result);
	return fixed_change_pct(a, a_scale, b, b_scale,
							of == PCT_CHANGE_OF_ABS_BASE && b < 0 ? -b : b, b_scale, result);
}

/* (value - base) / divisor * 100, the difference exact */
static double
numeric_change_pct(Numeric value, Numeric base, Numeric divisor)
{
	return numeric_pct(numeric_sub_opt_error(value, base, NULL), divisor);
}

/* growth_pct(current, previous); false when it is undefined (previous = 0) */
static bool
numeric_growth_pct(Numeric current, Numeric previous, double *result)
{
	Numeric		abs_previous;

	if (numeric_sign_of(previous) == 0)
		return false;
	abs_previous = DatumGetNumeric(DirectFunctionCall1(numeric_abs,
												NumericGetDatum(previous)));
	*result = numeric_change_pct(current, previous, abs_previous);
	return true;
}

/*
 * Double precision arithmetic
 */

/* part / whole * 100; whole must not be 0 */
static double
float8_pct(double part, double whole)
{
	double		scaled = part * 100.0;
	double		result;

	/*
	 * Scaling first is exact for integers below 2^53 / 100 and saves a
	 * rounding: index_pct(1, 3) is then the double nearest 100/3.  Only a
	 * part too large to scale is divided first.
	 */
	if (likely(!isinf(scaled)))
		result = float8_div(scaled, whole);
	else
		result = float8_mul(float8_div(part, whole), 100.0);

	/* 0 / -5 is -0 in IEEE arithmetic; show it as 0, as numeric does */
	return result + 0.0;
}

/* (value - base) / divisor * 100 */
static double
float8_change_pct(double value, double base, double divisor)
{
	double		diff = float8_change(value, base, &divisor);

	return float8_pct(diff, divisor);
}

/* growth_pct(current, previous); false when it is undefined (previous = 0) */
static bool
float8_growth_pct(double current, double previous, double *result)
{
	if (previous == 0.0)
		return false;
	*result = float8_change_pct(current, previous, fabs(previous));
	return true;
}

/*
 * Compound annual growth in percent, from the growth in percent over the
 * whole span: ((1 + growth / 100) ^ (1 / years) - 1) * 100.  log1p and expm1
 * keep the precision of small rates, where pow() - 1 would cancel.
 * growth >= -100 and years > 0.
 */
static double
cagr_from_growth_pct(double growth_pct, double years)
{
	return finite_result(expm1(log1p(growth_pct / 100.0) / years) * 100.0);
}

/*
 * SQL-callable functions, numeric then double precision for each
 */

/* growth_pct(current numeric, previous numeric) returns double precision */
PG_FUNCTION_INFO_V1(growth_pct_numeric);
Datum
growth_pct_numeric(PG_FUNCTION_ARGS)
{
	Numeric		current;
	Numeric		previous;
	int			sign;
	double		result;

	if (fixed_args_pct(fcinfo, "current", "previous", PCT_CHANGE_OF_ABS_BASE, &sign, &result))
	{
		if (sign == 0)
			PG_RETURN_NULL();
		PG_RETURN_FLOAT8(result);
	}
	current = numeric_arg(fcinfo, 0, "current");
	previous = numeric_arg(fcinfo, 1, "previous");
	if (!numeric_growth_pct(current, previous, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

/* growth_pct(current float8, previous float8) returns double precision */
PG_FUNCTION_INFO_V1(growth_pct_float8);
Datum
growth_pct_float8(PG_FUNCTION_ARGS)
{
	double		current = float8_arg(fcinfo, 0, "current");
	double		previous = float8_arg(fcinfo, 1, "previous");
	double		result;

	if (!float8_growth_pct(current, previous, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

/* index_pct(current numeric, previous numeric) returns double precision */
PG_FUNCTION_INFO_V1(index_pct_numeric);
Datum
index_pct_numeric(PG_FUNCTION_ARGS)
{
	Numeric		current;
	Numeric		previous;
	int			sign;
	double		result;

	if (fixed_args_pct(fcinfo, "current", "previous", PCT_OF_WHOLE, &sign, &result))
	{
		if (sign <= 0)
			PG_RETURN_NULL();
		PG_RETURN_FLOAT8(result);
	}
	current = numeric_arg(fcinfo, 0, "current");
	previous = numeric_arg(fcinfo, 1, "previous");
	if (numeric_sign_of(previous) <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(numeric_pct(current, previous));
}

/* index_pct(current float8, previous float8) returns double precision */
PG_FUNCTION_INFO_V1(index_pct_float8);
Datum
index_pct_float8(PG_FUNCTION_ARGS)
{
	double		current = float8_arg(fcinfo, 0, "current");
	double		previous = float8_arg(fcinfo, 1, "previous");

	if (previous <= 0.0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(float8_pct(current, previous));
}

/* attainment_pct(actual numeric, target numeric) returns double precision */
PG_FUNCTION_INFO_V1(attainment_pct_numeric);
Datum
attainment_pct_numeric(PG_FUNCTION_ARGS)
{
	Numeric		actual;
	Numeric		target;
	int			sign;
	double		result;

	if (fixed_args_pct(fcinfo, "actual", "target", PCT_OF_WHOLE, &sign, &result))
	{
		if (sign == 0)
			PG_RETURN_NULL();
		PG_RETURN_FLOAT8(result);
	}
	actual = numeric_arg(fcinfo, 0, "actual");
	target = numeric_arg(fcinfo, 1, "target");
	if (numeric_sign_of(target) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(numeric_pct(actual, target));
}

/* attainment_pct(actual float8, target float8) returns double precision */
PG_FUNCTION_INFO_V1(attainment_pct_float8);
Datum
attainment_pct_float8(PG_FUNCTION_ARGS)
{
	double		actual = float8_arg(fcinfo, 0, "actual");
	double		target = float8_arg(fcinfo, 1, "target");

	if (target == 0.0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(float8_pct(actual, target));
}

/*
 * attainment_lower_pct(actual numeric, target numeric) returns double
 * precision: target / actual x 100, attainment where lower is better; NULL
 * unless both are positive.
 */
PG_FUNCTION_INFO_V1(attainment_lower_pct_numeric);
Datum
attainment_lower_pct_numeric(PG_FUNCTION_ARGS)
{
	int128		a,
				t;
	int			a_scale,
				t_scale;
	double		result;
	Numeric		actual;
	Numeric		target;

	if (fixed_arg(fcinfo, 0, "actual", &a, &a_scale) &&
		fixed_arg(fcinfo, 1, "target", &t, &t_scale))
	{
		if (a <= 0 || t <= 0)
			PG_RETURN_NULL();
		if (fixed_pct(t, t_scale, a, a_scale, &result))
			PG_RETURN_FLOAT8(result);
	}
	actual = numeric_arg(fcinfo, 0, "actual");
	target = numeric_arg(fcinfo, 1, "target");
	if (numeric_sign_of(actual) <= 0 || numeric_sign_of(target) <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(numeric_pct(target, actual));
}

/* attainment_lower_pct(actual float8, target float8) returns double precision */
PG_FUNCTION_INFO_V1(attainment_lower_pct_float8);
Datum
attainment_lower_pct_float8(PG_FUNCTION_ARGS)
{
	double		actual = float8_arg(fcinfo, 0, "actual");
	double		target = float8_arg(fcinfo, 1, "target");

	if (!(actual > 0.0) || !(target > 0.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(float8_pct(target, actual));
}

/* exceed_pct(actual numeric, target numeric) returns double precision */
PG_FUNCTION_INFO_V1(exceed_pct_numeric);
Datum
exceed_pct_numeric(PG_FUNCTION_ARGS)
{
	Numeric		actual;
	Numeric		target;
	int			sign;
	double		result;

	/* attainment_pct - 100, without losing digits to the subtraction */
	if (fixed_args_pct(fcinfo, "actual", "target", PCT_CHANGE_OF_BASE, &sign, &result))
	{
		if (sign == 0)
			PG_RETURN_NULL();
		PG_RETURN_FLOAT8(result);
	}
	actual = numeric_arg(fcinfo, 0, "actual");
	target = numeric_arg(fcinfo, 1, "target");
	if (numeric_sign_of(target) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(numeric_change_pct(actual, target, target));
}

/* exceed_pct(actual float8, target float8) returns double precision */
PG_FUNCTION_INFO_V1(exceed_pct_float8);
Datum
exceed_pct_float8(PG_FUNCTION_ARGS)
{
	double		actual = float8_arg(fcinfo, 0, "actual");
	double		target = float8_arg(fcinfo, 1, "target");

	if (target == 0.0)
		PG_RETURN_NULL();
	/* attainment_pct - 100, without losing digits to the subtraction */
	PG_RETURN_FLOAT8(float8_change_pct(actual, target, target));
}

/* target_gap(actual numeric, target numeric) returns numeric, exact */
PG_FUNCTION_INFO_V1(target_gap_numeric);
Datum
target_gap_numeric(PG_FUNCTION_ARGS)
{
	Numeric		actual = numeric_arg(fcinfo, 0, "actual");
	Numeric		target = numeric_arg(fcinfo, 1, "target");

	PG_RETURN_NUMERIC(numeric_sub_opt_error(target, actual, NULL));
}

/* target_gap(actual float8, target float8) returns double precision */
PG_FUNCTION_INFO_V1(target_gap_float8);
Datum
target_gap_float8(PG_FUNCTION_ARGS)
{
	double		actual = float8_arg(fcinfo, 0, "actual");
	double		target = float8_arg(fcinfo, 1, "target");

	PG_RETURN_FLOAT8(float8_mi(target, actual));
}

/* required_growth_pct(base, target numeric) returns double precision */
PG_FUNCTION_INFO_V1(required_growth_pct_numeric);
Datum
required_growth_pct_numeric(PG_FUNCTION_ARGS)
{
	Numeric		base = numeric_arg(fcinfo, 0, "base");
	Numeric		target = numeric_arg(fcinfo, 1, "target");
	double		result;

	if (!numeric_growth_pct(target, base, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

/* required_growth_pct(base, target float8) returns double precision */
PG_FUNCTION_INFO_V1(required_growth_pct_float8);
Datum
required_growth_pct_float8(PG_FUNCTION_ARGS)
{
	double		base = float8_arg(fcinfo, 0, "base");
	double		target = float8_arg(fcinfo, 1, "target");
	double		result;

	if (!float8_growth_pct(target, base, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result);
}

/* cagr_pct(first, last, years numeric) returns double precision */
PG_FUNCTION_INFO_V1(cagr_pct_numeric);
Datum
cagr_pct_numeric(PG_FUNCTION_ARGS)
{
	Numeric		first = numeric_arg(fcinfo, 0, "first");
	Numeric		last = numeric_arg(fcinfo, 1, "last");
	Numeric		years = numeric_arg(fcinfo, 2, "years");
	double		growth;

	if (numeric_sign_of(first) <= 0 || numeric_sign_of(last) < 0 ||
		numeric_sign_of(years) <= 0)
		PG_RETURN_NULL();
	/* growth_pct(last, first) as first > 0; only the root is in double */
	growth = numeric_change_pct(last, first, first);
	PG_RETURN_FLOAT8(cagr_from_growth_pct(growth, numeric_to_float8(years)));
}

/* cagr_pct(first, last, years float8) returns double precision */
PG_FUNCTION_INFO_V1(cagr_pct_float8);
Datum
cagr_pct_float8(PG_FUNCTION_ARGS)
{
	double		first = float8_arg(fcinfo, 0, "first");
	double		last = float8_arg(fcinfo, 1, "last");
	double		years = float8_arg(fcinfo, 2, "years");
	double		growth;

	if (first <= 0.0 || last < 0.0 || years <= 0.0)
		PG_RETURN_NULL();
	/* growth_pct(last, first) as first > 0 */
	growth = float8_change_pct(last, first, first);
	PG_RETURN_FLOAT8(cagr_from_growth_pct(growth, years));
}

/* implied_base(current numeric, growth_pct numeric) returns numeric */
PG_FUNCTION_INFO_V1(implied_base_numeric);
Datum
implied_base_numeric(PG_FUNCTION_ARGS)
{
	Numeric		current = numeric_arg(fcinfo, 0, "current");
	Numeric		growth = numeric_arg(fcinfo, 1, "growth_pct");
	Numeric		hundred = int64_to_numeric(100);
	Numeric		factor;
	Numeric		base;

	/*
	 * Growth is over |base|: a positive base is current * 100 / (100 + g), a
	 * negative one current * 100 / (100 - g).  Prefer the positive base (the
	 * usual level); take the negative one when only it fits; NULL when
	 * neither does (as for current = 0, or g = -100).
	 */
	factor = numeric_add_opt_error(hundred, growth, NULL);
	if (numeric_sign_of(factor) != 0)
	{
		base = numeric_hundredfold_div(current, factor);
		if (numeric_sign_of(base) > 0)
			PG_RETURN_NUMERIC(base);
	}
	factor = numeric_sub_opt_error(hundred, growth, NULL);
	if (numeric_sign_of(factor) != 0)
	{
		base = numeric_hundredfold_div(current, factor);
		if (numeric_sign_of(base) < 0)
			PG_RETURN_NUMERIC(base);
	}
	PG_RETURN_NULL();
}

/* implied_base(current float8, growth_pct float8) returns double precision */
PG_FUNCTION_INFO_V1(implied_base_float8);
Datum
implied_base_float8(PG_FUNCTION_ARGS)
{
	double		current = float8_arg(fcinfo, 0, "current");
	double		growth = float8_arg(fcinfo, 1, "growth_pct");
	double		base;

	/* as for numeric: the positive base if it fits, else the negative one */
	if (100.0 + growth != 0.0)
	{
		base = float8_pct(current, 100.0 + growth);
		if (base > 0)
			PG_RETURN_FLOAT8(base);
	}
	if (100.0 - growth != 0.0)
	{
		base = float8_pct(current, 100.0 - growth);
		if (base < 0)
			PG_RETURN_FLOAT8(base);
	}
	PG_RETURN_NULL();
}

/*
 * real_growth_pct(nominal_pct numeric, price_pct numeric) returns double
 * precision: ((1 + nominal / 100) / (1 + price / 100) - 1) x 100, computed
 * as (nominal - price) / (100 + price) x 100 (the same quotient, with the
 * difference exact); NULL when price_pct is -100 or less.
 */
PG_FUNCTION_INFO_V1(real_growth_pct_numeric);
Datum
real_growth_pct_numeric(PG_FUNCTION_ARGS)
{
	int128		n,
				p,
				divisor;
	int			n_scale,
				p_scale;
	double		result;
	Numeric		nominal;
	Numeric		price;
	Numeric		price_factor;

	if (fixed_arg(fcinfo, 0, "nominal_pct", &n, &n_scale) &&
		fixed_arg(fcinfo, 1, "price_pct", &p, &p_scale) &&
		fixed_rescale(100, p_scale, &divisor) && fixed_add(p, divisor, &divisor))
	{
		if (divisor <= 0)
			PG_RETURN_NULL();
		if (fixed_change_pct(n, n_scale, p, p_scale, divisor, p_scale, &result))
			PG_RETURN_FLOAT8(result);
	}
	nominal = numeric_arg(fcinfo, 0, "nominal_pct");
	price = numeric_arg(fcinfo, 1, "price_pct");
	price_factor = numeric_add_opt_error(int64_to_numeric(100), price, NULL);
	if (numeric_sign_of(price_factor) <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(numeric_change_pct(nominal, price, price_factor));
}

/* real_growth_pct(nominal_pct float8, price_pct float8) returns double precision */
PG_FUNCTION_INFO_V1(real_growth_pct_float8);
Datum
real_growth_pct_float8(PG_FUNCTION_ARGS)
{
	double		nominal = float8_arg(fcinfo, 0, "nominal_pct");
	double		price = float8_arg(fcinfo, 1, "price_pct");

	/* 100 + price is exact near -100 (Sterbenz), so positive above it */
	if (!(price > -100.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(float8_change_pct(nominal, price, 100.0 + price));
}
