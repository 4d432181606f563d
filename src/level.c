/*
 * level.c
 *	  Arithmetic on levels (one month's value, or a sum of months) of a
 *	  series, shared by the accessors and series_rows.
 *
 * A level of a numeric series is an exact mantissa at the series' scale, so
 * sums and differences are exact integer operations; a level of a float8
 * series is a double.  Percentages are computed from exact differences and
 * returned as doubles.
 *
 * A range of months (a fiscal year, a year-to-date) becomes one figure by a
 * method: 'sum' (flows), 'avg' (indices, rates) or 'last' (stocks); the
 * accessors, annual_rows and series_rows share the names and the arithmetic.
 *
 * The operations of every row (level_add, level_sub, level_growth_pct) are
 * inline in level.h: as calls across files they took a quarter of
 * series_rows' own time.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"

#include "float_result.h"
#include "level.h"
#include "series.h"

/* A numeric level beyond 38 digits (a float8 one beyond double: finite_result) */
void
level_overflow_error(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value out of range: overflow"),
			 errdetail("A sum of indicator_series values needs more than %d digits.",
					   FIXED_MAX_DIGITS)));
}

/*
 * Sum of slots first..last of int32 or int64 mantissas (slot_bytes, a
 * constant where it is inlined): false at a missing month.
 */
static inline bool
sum_slots(const char *values, int64 first, int64 last, uint8 slot_bytes, Level *sum)
{
	int128		acc = 0;

	for (const char *slot = values + first * slot_bytes;
		 slot <= values + last * slot_bytes; slot += slot_bytes)
	{
		int64		m;

		if (slot_bytes == SERIES_SLOT_INT32)
		{
			int32		m32;

			memcpy(&m32, slot, sizeof(int32));
			if (m32 == SERIES_MISSING_INT32)
				return false;
			m = m32;
		}
		else
		{
			memcpy(&m, slot, sizeof(int64));
			if (m == SERIES_MISSING_INT64)
				return false;
		}
		acc += m;				/* < SERIES_MAX_MONTHS terms below 2^63: no overflow */
	}
	if (!fixed_in_range(acc))
		level_overflow_error();
	sum->exact = acc;
	sum->fp = 0;
	return true;
}

/*
 * Sum of the calendar months from..to (inclusive): false when the range is
 * empty, leaves the span, or holds a missing month.
 */
bool
level_sum(const IndicatorSeries *s, int64 from, int64 to, Level *sum)
{
	Level		acc = {0, 0};
	bool		overflow = false;

	if (from > to || from < s->first || to > series_last(s))
		return false;
	/* the common cases, in tight loops over int32 or int64 mantissas */
	if (s->kind == SERIES_KIND_NUMERIC && s->slot_bytes == SERIES_SLOT_INT32)
		return sum_slots(series_values(s), from - s->first, to - s->first, SERIES_SLOT_INT32, sum);
	if (s->kind == SERIES_KIND_NUMERIC && s->slot_bytes == SERIES_SLOT_INT64)
		return sum_slots(series_values(s), from - s->first, to - s->first, SERIES_SLOT_INT64, sum);
	for (int32 i = (int32) (from - s->first); i <= (int32) (to - s->first); i++)
	{
		Level		v;

		if (!series_get(s, i, &v))
			return false;
		/* range checked once at the end: int128 holds far more than 10^38 */
		if (s->kind == SERIES_KIND_NUMERIC)
			overflow |= __builtin_add_overflow(acc.exact, v.exact, &acc.exact);
		else
			acc.fp += v.fp;
	}
	if (s->kind == SERIES_KIND_NUMERIC && (overflow || !fixed_in_range(acc.exact)))
		level_overflow_error();
	acc.fp = finite_result(acc.fp);
	*sum = acc;
	return true;
}

Datum
level_numeric(const IndicatorSeries *s, Level l)
{
	if (s->kind == SERIES_KIND_NUMERIC)
		return NumericGetDatum(fixed_to_numeric(l.exact, s->scale));
	return DirectFunctionCall1(float8_numeric, Float8GetDatum(l.fp));
}

double
level_double(const IndicatorSeries *s, Level l)
{
	return s->kind == SERIES_KIND_NUMERIC ? fixed_to_double(l.exact, s->scale) : l.fp;
}

const MethodNames annual_methods = {
	{"sum", "avg", "last", NULL}, "Use 'sum', 'avg' or 'last'."
};

/* Position of a method name in names; an unknown name is an error. */
int
method_arg(text *method, const MethodNames *methods)
{
	const char *given = VARDATA_ANY(method);
	Size		len = VARSIZE_ANY_EXHDR(method);

	for (int i = 0; methods->names[i] != NULL; i++)
		if (strlen(methods->names[i]) == len && memcmp(given, methods->names[i], len) == 0)
			return i;

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown method \"%s\"", text_to_cstring(method)),
			 errhint("%s", methods->hint)));
	return -1;					/* keep the compiler quiet */
}

/*
 * The mean of n periods whose sum is "sum", as numeric: for a numeric
 * series by numeric division (so equal to avg(numeric) over the same rows),
 * for a float8 series the double quotient.  The one rule for every 'avg'
 * an accessor returns (annual, ytd).
 */
Datum
level_avg_numeric(const IndicatorSeries *s, Level sum, int64 n)
{
	Assert(n > 0);
	if (s->kind == SERIES_KIND_FLOAT8)
		return DirectFunctionCall1(float8_numeric, Float8GetDatum(sum.fp / (double) n));
	return DirectFunctionCall2(numeric_div, level_numeric(s, sum),
							   NumericGetDatum(int64_to_numeric(n)));
}

/* The mean of n periods whose sum is "sum", as a double. */
double
level_avg_double(const IndicatorSeries *s, Level sum, int64 n)
{
	Assert(n > 0);
	return level_double(s, sum) / (double) n;
}

/*
 * Every month of the span as a double, NaN where missing, into out[0 ..
 * nmonths - 1]: the value level_double gives, in tight loops over the
 * common slots.
 */
void
series_doubles(const IndicatorSeries *s, double *out)
{
	const char *values = series_values(s);
	double		pow10 = (double) fixed_pow10[s->scale];

	if (s->kind == SERIES_KIND_FLOAT8)
		memcpy(out, values, (Size) s->nmonths * sizeof(double));
	else if (s->slot_bytes == SERIES_SLOT_INT32)
		for (int32 i = 0; i < s->nmonths; i++)
		{
			int32		m;

			memcpy(&m, values + (Size) i * sizeof(int32), sizeof(int32));
			out[i] = m == SERIES_MISSING_INT32 ? get_float8_nan() : (double) m / pow10;
		}
	else if (s->slot_bytes == SERIES_SLOT_INT64)
		for (int32 i = 0; i < s->nmonths; i++)
		{
			int64		m;

			memcpy(&m, values + (Size) i * sizeof(int64), sizeof(int64));
			out[i] = m == SERIES_MISSING_INT64 ? get_float8_nan() : (double) m / pow10;
		}
	else
		for (int32 i = 0; i < s->nmonths; i++)
		{
			Level		v;

			out[i] = series_get(s, i, &v) ? level_double(s, v) : get_float8_nan();
		}
}

/*
 * The scale of a numeric value that is not exact (a mean of periods, a
 * value interpolated between two) when it is stored in a series: the
 * series' scale plus 6 decimals, at most FIXED_MAX_SCALE.  The one rule for
 * every derived series (to_frequency's 'avg', fill_missing's 'linear').
 */
int16
level_inexact_scale(const IndicatorSeries *s)
{
	return (int16) Min(s->scale + 6, FIXED_MAX_SCALE);
}

/*
 * num / den, num a mantissa at the series' scale, as a mantissa at
 * level_inexact_scale(s), rounded half away from zero (as numeric rounds);
 * false when it needs more than FIXED_MAX_DIGITS digits.
 */
bool
level_div_inexact(const IndicatorSeries *s, int128 num, int64 den, int128 *quotient)
{
	int128		scaled;
	int128		q;
	int128		r;

	Assert(den != 0);
	if (!fixed_rescale(num, level_inexact_scale(s) - s->scale, &scaled))
		return false;
	q = scaled / den;
	r = scaled % den;
	/* |r| < |den| <= 2^63, so 2 * |r| cannot overflow */
	if (2 * (r < 0 ? -r : r) >= (int128) (den < 0 ? -(int128) den : den))
		q += ((scaled < 0) != (den < 0)) ? -1 : 1;
	*quotient = q;
	return fixed_in_range(q);
}
