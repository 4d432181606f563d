/*
 * accessors.c
 *	  Functions that read an indicator_series: values, growth, year-to-date,
 *	  annual figures, plan attainment, projections, the span and the
 *	  frequency.
 *
 * Every accessor works in the series' own periods (months, quarters or
 * years; period.h): a date argument names the period holding it, the
 * previous period is p - 1, the same period a year earlier is
 * p - periods_per_year, and a fiscal year is periods_per_year whole periods
 * (so fy_start_month must fall on the start of a period).  Every comparison
 * is by calendar period, never by position, and every figure that needs a
 * period the series lacks is NULL.  Year-to-date and annual figures need
 * every period of their range.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"

#include "float_result.h"
#include "level.h"
#include "series.h"

typedef enum ProjectionMethod
{
	PROJECT_SEASONAL,
	PROJECT_RUN_RATE
} ProjectionMethod;

static const MethodNames projection_methods = {
	{"seasonal", "run_rate", NULL}, "Use 'seasonal' or 'run_rate'."
};

/* fy_start_month: 1..12, and on the start of one of the series' periods */
static int
fy_start_arg(FunctionCallInfo fcinfo, int argno, const IndicatorSeries *s)
{
	int32		fy_start_month = PG_GETARG_INT32(argno);

	if (s->frequency == SERIES_FREQ_MONTH)
		check_fy_start_month(fy_start_month);
	else
		check_fy_frequency(fy_start_month, s->frequency);
	return fy_start_month;
}

/* A year argument: 1..9999 (22008), so a swapped or mistyped one is no NULL. */
static int32
year_arg(FunctionCallInfo fcinfo, int argno)
{
	int32		year = PG_GETARG_INT32(argno);

	if (unlikely(year < INDICATOR_MIN_YEAR || year > INDICATOR_MAX_YEAR))
		check_year(year, "year");
	return year;
}

/* The first period of the fiscal year holding "period". */
static inline int64
fy_first_period(const IndicatorSeries *s, int64 period, int fy_start_month)
{
	int64		month;

	if (likely(s->frequency == SERIES_FREQ_MONTH))
		return fiscal_year_start(fiscal_year_of((int32) period, fy_start_month), fy_start_month);
	month = period_first_month(period, s->frequency);

	return month_to_period(fiscal_year_start(fiscal_year_of((int32) month, fy_start_month),
											 fy_start_month), s->frequency);
}

static void
target_nonfinite_error(const char *argname, bool is_nan)
{
	if (is_nan)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot be NaN", argname)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s cannot be infinite", argname)));
}

/* A target argument: finite, or an error naming it. */
static Numeric
target_arg(FunctionCallInfo fcinfo, int argno, const char *argname)
{
	Numeric		target = PG_GETARG_NUMERIC(argno);

	if (numeric_is_nan(target) || numeric_is_inf(target))
		target_nonfinite_error(argname, numeric_is_nan(target));
	return target;
}

/*
 * A target argument as a double, read where it lies: a numeric from a heap
 * tuple has a short header, which PG_GETARG_NUMERIC would copy to a new
 * value on every call.
 */
static double
target_double_arg(FunctionCallInfo fcinfo, int argno, const char *argname)
{
	const struct varlena *target = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(argno));
	int128		mantissa;
	int			scale;

	switch (numeric_to_fixed(target, &mantissa, &scale))
	{
		case FIXED_OK:
			return fixed_to_double(mantissa, scale);
		case FIXED_NAN:
			target_nonfinite_error(argname, true);
			break;
		case FIXED_INFINITE:
			target_nonfinite_error(argname, false);
			break;
		case FIXED_TOO_MANY_DIGITS:
		case FIXED_SCALE_TOO_LARGE:
			break;
	}
	return numeric_to_double(target);	/* finite, beyond a mantissa */
}

/* target - level, computed exactly for a numeric series, as a double */
static double
target_minus_level(const IndicatorSeries *s, Numeric target, Level l)
{
	if (s->kind == SERIES_KIND_NUMERIC)
	{
		Datum		gap = DirectFunctionCall2(numeric_sub, NumericGetDatum(target),
											  level_numeric(s, l));

		return numeric_to_double((struct varlena *) DatumGetPointer(gap));
	}
	return finite_result(numeric_to_double((struct varlena *) target) - l.fp);
}

/*
 * a * b / c as numeric: for a numeric series the exact product, then
 * numeric division; for a float8 series in double, where a result beyond
 * double's range is an error (never numeric 'Infinity').
 */
static Datum
level_mul_div(const IndicatorSeries *s, Level a, Datum b, Datum c)
{
	if (s->kind == SERIES_KIND_FLOAT8)
	{
		double		bd = DatumGetFloat8(DirectFunctionCall1(numeric_float8, b));
		double		cd = DatumGetFloat8(DirectFunctionCall1(numeric_float8, c));
		double		r = a.fp * bd;

		/* divide first only when the product alone leaves double's range */
		r = isinf(r) ? a.fp / cd * bd : r / cd;
		return DirectFunctionCall1(float8_numeric, Float8GetDatum(finite_result(r)));
	}
	return DirectFunctionCall2(numeric_div,
							   DirectFunctionCall2(numeric_mul, level_numeric(s, a), b),
							   c);
}

static Datum
int_numeric(int64 v)
{
	return NumericGetDatum(int64_to_numeric(v));
}

/* Sum from the start of the fiscal year through "period". */
static bool
ytd_level(const IndicatorSeries *s, int64 period, int fy_start_month, Level *ytd)
{
	return level_sum(s, fy_first_period(s, period, fy_start_month), period, ytd);
}

/*
 * The fiscal year's level: its sum for 'sum' and 'avg' (growth and
 * attainment of an average are those of the sum over the year's periods),
 * its last period for 'last'.  False unless every period is present.
 */
static bool
annual_level(const IndicatorSeries *s, int64 year, int fy_start_month,
			 AnnualMethod method, Level *level)
{
	int64		start = month_to_period(fiscal_year_start(year, fy_start_month), s->frequency);
	int64		end = start + periods_per_year(s->frequency) - 1;
	Level		sum;

	if (!level_sum(s, start, end, &sum))
		return false;
	if (method == ANNUAL_LAST)
		return series_month(s, end, level);
	*level = sum;
	return true;
}

/*
 * The year-to-date level by method: the sum for 'sum' and 'avg' (as
 * annual_level), the as_of period's value for 'last'; false unless every
 * period from the start of the fiscal year is present.
 */
static bool
ytd_method_level(const IndicatorSeries *s, int64 period, int fy_start_month,
				 AnnualMethod method, Level *level)
{
	if (!ytd_level(s, period, fy_start_month, level))
		return false;
	if (method == ANNUAL_LAST)
		return series_month(s, period, level);
	return true;
}

#define RETURN_PCT_OR_NULL(ok, pct) \
	do { if (ok) PG_RETURN_FLOAT8(pct); PG_RETURN_NULL(); } while (0)

/* value_at(s, period) */
PG_FUNCTION_INFO_V1(series_value_at);
Datum
series_value_at(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	Level		v;

	if (!series_month(s, period_arg(fcinfo, 1, s, "period"), &v))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(level_numeric(s, v));
}

/* growth of a period against the period "lag" periods before it */
static Datum
growth_against(FunctionCallInfo fcinfo, const IndicatorSeries *s, int lag)
{
	int64		period = period_arg(fcinfo, 1, s, "period");
	Level		current;
	Level		previous;
	double		pct = 0;

	RETURN_PCT_OR_NULL(series_month(s, period, &current) &&
					   series_month(s, period - lag, &previous) &&
					   level_growth_pct(s, current, previous, &pct), pct);
}

/* mom_pct(s, period), pop_pct(s, period): against the previous period */
PG_FUNCTION_INFO_V1(series_mom_pct);
Datum
series_mom_pct(PG_FUNCTION_ARGS)
{
	return growth_against(fcinfo, PG_GETARG_INDICATOR_SERIES_P(0), 1);
}

/* yoy_pct(s, period): against the same period a year earlier */
PG_FUNCTION_INFO_V1(series_yoy_pct);
Datum
series_yoy_pct(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);

	return growth_against(fcinfo, s, periods_per_year(s->frequency));
}

/* ytd(s, as_of, fy_start_month [, method]) */
PG_FUNCTION_INFO_V1(series_ytd);
Datum
series_ytd(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int64		period = period_arg(fcinfo, 1, s, "as_of");
	int			fy = fy_start_arg(fcinfo, 2, s);
	AnnualMethod method = PG_NARGS() > 3 ?
		method_arg(PG_GETARG_TEXT_PP(3), &annual_methods) : ANNUAL_SUM;
	Level		ytd;

	if (!ytd_method_level(s, period, fy, method, &ytd))
		PG_RETURN_NULL();
	if (method == ANNUAL_AVG)
		PG_RETURN_DATUM(level_avg_numeric(s, ytd, period - fy_first_period(s, period, fy) + 1));
	PG_RETURN_DATUM(level_numeric(s, ytd));
}

/* ytd_growth_pct(s, as_of, fy_start_month [, method]) */
PG_FUNCTION_INFO_V1(series_ytd_growth_pct);
Datum
series_ytd_growth_pct(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int64		period = period_arg(fcinfo, 1, s, "as_of");
	int			fy = fy_start_arg(fcinfo, 2, s);
	AnnualMethod method = PG_NARGS() > 3 ?
		method_arg(PG_GETARG_TEXT_PP(3), &annual_methods) : ANNUAL_SUM;
	Level		ytd;
	Level		ytd_prev;
	double		pct = 0;

	/* an average over the same number of periods grows as their sum */
	RETURN_PCT_OR_NULL(ytd_method_level(s, period, fy, method, &ytd) &&
					   ytd_method_level(s, period - periods_per_year(s->frequency), fy,
										method, &ytd_prev) &&
					   level_growth_pct(s, ytd, ytd_prev, &pct), pct);
}

/* annual(s, year, method, fy_start_month) */
PG_FUNCTION_INFO_V1(series_annual);
Datum
series_annual(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int32		year = year_arg(fcinfo, 1);
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(2), &annual_methods);
	int			fy = fy_start_arg(fcinfo, 3, s);
	Level		level;

	if (!annual_level(s, year, fy, method, &level))
		PG_RETURN_NULL();
	if (method == ANNUAL_AVG)
		PG_RETURN_DATUM(level_avg_numeric(s, level, periods_per_year(s->frequency)));
	PG_RETURN_DATUM(level_numeric(s, level));
}

/* annual_growth_pct(s, year, method, fy_start_month) */
PG_FUNCTION_INFO_V1(series_annual_growth_pct);
Datum
series_annual_growth_pct(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int32		year = year_arg(fcinfo, 1);
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(2), &annual_methods);
	int			fy = fy_start_arg(fcinfo, 3, s);
	Level		current;
	Level		previous;
	double		pct = 0;

	RETURN_PCT_OR_NULL(annual_level(s, year, fy, method, &current) &&
					   annual_level(s, (int64) year - 1, fy, method, &previous) &&
					   level_growth_pct(s, current, previous, &pct), pct);
}

/* attainment_pct(s, year, target, method, fy_start_month) */
PG_FUNCTION_INFO_V1(series_attainment_pct);
Datum
series_attainment_pct(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int32		year = year_arg(fcinfo, 1);
	double		target = target_double_arg(fcinfo, 2, "target");
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(3), &annual_methods);
	int			fy = fy_start_arg(fcinfo, 4, s);
	Level		level;
	double		actual;

	if (target == 0 || !annual_level(s, year, fy, method, &level))
		PG_RETURN_NULL();
	actual = method == ANNUAL_AVG ?
		level_avg_double(s, level, periods_per_year(s->frequency)) : level_double(s, level);
	PG_RETURN_FLOAT8(finite_result(actual / target * 100.0));
}

/* ytd_attainment_pct(s, as_of, annual_target, fy_start_month) */
PG_FUNCTION_INFO_V1(series_ytd_attainment_pct);
Datum
series_ytd_attainment_pct(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int64		period = period_arg(fcinfo, 1, s, "as_of");
	double		target = target_double_arg(fcinfo, 2, "annual_target");
	int			fy = fy_start_arg(fcinfo, 3, s);
	Level		ytd;

	if (target == 0 || !ytd_level(s, period, fy, &ytd))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(finite_result(level_double(s, ytd) / target * 100.0));
}

/*
 * ytd_plan_attainment_pct(s, as_of, plan, fy_start_month): the year-to-date
 * against the plan's year-to-date, the plan a series of the same frequency
 * (of either kind); NULL unless both are complete, or when the plan's is 0.
 */
PG_FUNCTION_INFO_V1(series_ytd_plan_attainment_pct);
Datum
series_ytd_plan_attainment_pct(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int64		period = period_arg(fcinfo, 1, s, "as_of");
	IndicatorSeries *plan = PG_GETARG_INDICATOR_SERIES_P(2);
	int			fy;
	Level		ytd;
	Level		plan_ytd;

	series_check_same_frequency(s, plan, SERIES_COMBINE_COMPARE);
	fy = fy_start_arg(fcinfo, 3, s);
	if (!ytd_level(s, period, fy, &ytd) || !ytd_level(plan, period, fy, &plan_ytd) ||
		level_is_zero(plan, plan_ytd))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(finite_result(level_double(s, ytd) / level_double(plan, plan_ytd) * 100.0));
}

/* expected_ytd_share_pct(s, as_of, fy_start_month) */
PG_FUNCTION_INFO_V1(series_expected_ytd_share_pct);
Datum
series_expected_ytd_share_pct(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int64		period = period_arg(fcinfo, 1, s, "as_of");
	int			fy = fy_start_arg(fcinfo, 2, s);
	int64		prev = period - periods_per_year(s->frequency);
	Level		ytd_prev;
	Level		annual_prev;

	if (!ytd_level(s, prev, fy, &ytd_prev) ||
		!annual_level(s, fiscal_year_of((int32) period_first_month(prev, s->frequency), fy),
					  fy, ANNUAL_SUM, &annual_prev) ||
		level_is_zero(s, annual_prev))
		PG_RETURN_NULL();
	/* a float8 year whose months nearly cancel can make the share infinite */
	PG_RETURN_FLOAT8(finite_result(level_double(s, ytd_prev) / level_double(s, annual_prev) * 100.0));
}

/* projected_annual(s, as_of, method, fy_start_month) */
PG_FUNCTION_INFO_V1(series_projected_annual);
Datum
series_projected_annual(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int64		period = period_arg(fcinfo, 1, s, "as_of");
	ProjectionMethod method = method_arg(PG_GETARG_TEXT_PP(2), &projection_methods);
	int			fy = fy_start_arg(fcinfo, 3, s);
	int			per_year = periods_per_year(s->frequency);
	int64		year = fiscal_year_of((int32) period_first_month(period, s->frequency), fy);
	Level		ytd;
	Level		ytd_prev;
	Level		annual_prev;

	if (!ytd_level(s, period, fy, &ytd))
		PG_RETURN_NULL();
	if (method == PROJECT_RUN_RATE)
		PG_RETURN_DATUM(level_mul_div(s, ytd, int_numeric(per_year),
									  int_numeric(period - fy_first_period(s, period, fy) + 1)));

	/* seasonal: this year's ytd scaled by last year's total over its ytd */
	if (!ytd_level(s, period - per_year, fy, &ytd_prev) ||
		!annual_level(s, year - 1, fy, ANNUAL_SUM, &annual_prev) ||
		level_is_zero(s, ytd_prev))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(level_mul_div(s, ytd, level_numeric(s, annual_prev),
								  level_numeric(s, ytd_prev)));
}

/* periods of the fiscal year after "period" */
static int64
periods_left(const IndicatorSeries *s, int64 period, int fy_start_month)
{
	return fy_first_period(s, period, fy_start_month) + periods_per_year(s->frequency) - 1 - period;
}

/* required_monthly(s, as_of, annual_target, fy_start_month): per remaining period */
PG_FUNCTION_INFO_V1(series_required_monthly);
Datum
series_required_monthly(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int64		period = period_arg(fcinfo, 1, s, "as_of");
	Numeric		target = target_arg(fcinfo, 2, "annual_target");
	int			fy = fy_start_arg(fcinfo, 3, s);
	int64		left = periods_left(s, period, fy);
	Level		ytd;

	if (left == 0 || !ytd_level(s, period, fy, &ytd))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_div,
										DirectFunctionCall2(numeric_sub, NumericGetDatum(target),
															level_numeric(s, ytd)),
										int_numeric(left)));
}

/* required_growth_rest_pct(s, as_of, annual_target, fy_start_month) */
PG_FUNCTION_INFO_V1(series_required_growth_rest_pct);
Datum
series_required_growth_rest_pct(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int64		period = period_arg(fcinfo, 1, s, "as_of");
	Numeric		target = target_arg(fcinfo, 2, "annual_target");
	int			fy = fy_start_arg(fcinfo, 3, s);
	int64		left = periods_left(s, period, fy);
	int			per_year = periods_per_year(s->frequency);
	Level		ytd;
	Level		rest_prev;
	Level		reached;

	/* the remaining periods need target - ytd; last year they brought rest_prev */
	if (left == 0 ||
		!ytd_level(s, period, fy, &ytd) ||
		!level_sum(s, period - per_year + 1, period - per_year + left, &rest_prev) ||
		level_is_zero(s, rest_prev))
		PG_RETURN_NULL();
	/* growth = ((target - ytd) - rest_prev) / |rest_prev| * 100 */
	level_add(s, ytd, rest_prev, &reached);
	PG_RETURN_FLOAT8(finite_result(target_minus_level(s, target, reached) /
								   fabs(level_double(s, rest_prev)) * 100.0));
}

/* first_month(s): the first day of the first period */
PG_FUNCTION_INFO_V1(series_first_month);
Datum
series_first_month(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);

	PG_RETURN_DATEADT(period_to_date(s->first, s->frequency));
}

/* last_month(s): the first day of the last period */
PG_FUNCTION_INFO_V1(series_last_month);
Datum
series_last_month(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);

	PG_RETURN_DATEADT(period_to_date(series_last(s), s->frequency));
}

/* month_count(s): periods holding a value */
PG_FUNCTION_INFO_V1(series_month_count);
Datum
series_month_count(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);

	PG_RETURN_INT32(s->npresent);
}

/* missing_months(s): the first days of the missing periods */
PG_FUNCTION_INFO_V1(series_missing_months);
Datum
series_missing_months(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	Datum	   *months = palloc(sizeof(Datum) * (s->nmonths - s->npresent + 1));
	int			n = 0;

	for (int32 i = 0; i < s->nmonths; i++)
	{
		Level		v;

		if (!series_get(s, i, &v))
			months[n++] = DateADTGetDatum(period_to_date(s->first + i, s->frequency));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(months, n, DATEOID, sizeof(DateADT), true, TYPALIGN_INT));
}

/* frequency(s): 'month', 'quarter' or 'year' */
PG_FUNCTION_INFO_V1(series_frequency);
Datum
series_frequency(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);

	PG_RETURN_TEXT_P(cstring_to_text(frequency_name(s->frequency)));
}

/* series_trim(s): without the missing periods at its ends; NULL when all are */
PG_FUNCTION_INFO_V1(series_trim);
Datum
series_trim(PG_FUNCTION_ARGS)
{
	IndicatorSeries *trimmed = series_trim_copy(PG_GETARG_INDICATOR_SERIES_P(0));

	if (trimmed == NULL)
		PG_RETURN_NULL();
	PG_RETURN_INDICATOR_SERIES_P(trimmed);
}
