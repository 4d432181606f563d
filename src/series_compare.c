/*
 * series_compare.c
 *	  Equality, order and hashing of indicator_series: the functions behind
 *	  =, <>, <, <=, >, >= and the btree and hash operator classes, so that a
 *	  series can be a DISTINCT, GROUP BY, count(DISTINCT ...), PARTITION BY
 *	  or join key.
 *
 * Two series are equal when they hold the same kind, frequency, span and
 * values: the same numbers at any scale and in any slot width
 * (numeric {2021-01: 1.0} equals numeric {2021-01: 1.00} and
 * numeric {2021-01: 1}), missing months in the same places, and the same
 * periods flagged as estimates (a series with none flagged has no flags).
 * A numeric and a float8 series are never equal; in a float8 series -0
 * equals 0, as in float8 (NaN is never stored: it marks a missing month).
 * So values are compared through series_get, never as images, which
 * differ with the scale and the slot width.
 *
 * The order is a total order consistent with =: by the header key (kind,
 * frequency, then first period), then month by month (by value; a missing month after
 * any value, as NULL elements in arrays; of equal values, the estimate
 * after the other), then the shorter span first.
 *
 * The hash agrees with =: it covers the header key, the span and each
 * month's value in a form that does not depend on the scale or the slot
 * width (the mantissa without trailing decimal zeros, and the scale left),
 * missing months hashed as such, and a mark for each estimate (none
 * without estimates, so the hash of a series without them is 1.1's).
 */
#include "postgres.h"

#include "common/hashfn.h"

#include "series.h"
#include "series_compare.h"

/*
 * What must be equal before any value is compared, in the order of the
 * sort: a series' kind, its frequency and its first period (a period
 * number, which means a different date in each frequency).  Returns the
 * number of key fields, at most SERIES_KEY_MAX; a new header field that
 * takes part in equality is one more line here.
 */
#define SERIES_KEY_MAX 4

static int
series_key(const IndicatorSeries *s, int32 key[SERIES_KEY_MAX])
{
	int			n = 0;

	key[n++] = s->kind;
	key[n++] = s->frequency;
	key[n++] = s->first;
	Assert(n <= SERIES_KEY_MAX);
	return n;
}

/* a <=> b for two present values of one kind */
static int
value_cmp(const IndicatorSeries *a, Level va, const IndicatorSeries *b, Level vb)
{
	int128		ma = va.exact;
	int128		mb = vb.exact;

	if (a->kind == SERIES_KIND_FLOAT8)
		return va.fp < vb.fp ? -1 : va.fp > vb.fp ? 1 : 0;

	/*
	 * Bring the mantissa of the smaller scale to the larger one.  When that
	 * leaves the range of mantissas, its magnitude exceeds any mantissa of
	 * the other series, so its sign decides.
	 */
	if (a->scale < b->scale && !fixed_rescale(va.exact, b->scale - a->scale, &ma))
		return va.exact < 0 ? -1 : 1;
	if (b->scale < a->scale && !fixed_rescale(vb.exact, a->scale - b->scale, &mb))
		return vb.exact < 0 ? 1 : -1;
	return ma < mb ? -1 : ma > mb ? 1 : 0;
}

/* a <=> b, the order of the btree operator class */
static int
series_cmp(const IndicatorSeries *a, const IndicatorSeries *b)
{
	int32		ka[SERIES_KEY_MAX];
	int32		kb[SERIES_KEY_MAX];
	int			nkey = series_key(a, ka);
	int32		common = Min(a->nmonths, b->nmonths);

	series_key(b, kb);
	for (int i = 0; i < nkey; i++)
		if (ka[i] != kb[i])
			return ka[i] < kb[i] ? -1 : 1;

	for (int32 i = 0; i < common; i++)
	{
		Level		va;
		Level		vb;
		bool		has_a = series_get(a, i, &va);
		bool		has_b = series_get(b, i, &vb);
		int			c;

		if (has_a != has_b)
			return has_a ? -1 : 1;
		if (has_a && (c = value_cmp(a, va, b, vb)) != 0)
			return c;
		if (has_a && series_flagged(a, i) != series_flagged(b, i))
			return series_flagged(a, i) ? 1 : -1;
	}
	return a->nmonths < b->nmonths ? -1 : a->nmonths > b->nmonths ? 1 : 0;
}

/* a = b: also for C callers (series_store_check compares through it) */
bool
series_eq(const IndicatorSeries *a, const IndicatorSeries *b)
{
	/* a cheap test first: equal series have as many months */
	if (a->nmonths != b->nmonths)
		return false;
	return series_cmp(a, b) == 0;
}

/*
 * series_cmp of the two arguments, or with equality_only, 0 when they are
 * equal and 1 when not (cheaper).  They are freed when they were detoasted:
 * a sort compares the same values many times in one memory context.
 */
static int
compare_args(FunctionCallInfo fcinfo, bool equality_only)
{
	IndicatorSeries *a = PG_GETARG_INDICATOR_SERIES_P(0);
	IndicatorSeries *b = PG_GETARG_INDICATOR_SERIES_P(1);
	int			result = equality_only ? !series_eq(a, b) : series_cmp(a, b);

	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	return result;
}

/* indicator_series_eq(indicator_series, indicator_series) */
PG_FUNCTION_INFO_V1(indicator_series_eq);
Datum
indicator_series_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo, true) == 0);
}

/* indicator_series_ne(indicator_series, indicator_series) */
PG_FUNCTION_INFO_V1(indicator_series_ne);
Datum
indicator_series_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo, true) != 0);
}

/* indicator_series_lt(indicator_series, indicator_series) */
PG_FUNCTION_INFO_V1(indicator_series_lt);
Datum
indicator_series_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo, false) < 0);
}

/* indicator_series_le(indicator_series, indicator_series) */
PG_FUNCTION_INFO_V1(indicator_series_le);
Datum
indicator_series_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo, false) <= 0);
}

/* indicator_series_gt(indicator_series, indicator_series) */
PG_FUNCTION_INFO_V1(indicator_series_gt);
Datum
indicator_series_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo, false) > 0);
}

/* indicator_series_ge(indicator_series, indicator_series) */
PG_FUNCTION_INFO_V1(indicator_series_ge);
Datum
indicator_series_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo, false) >= 0);
}

/* indicator_series_cmp(indicator_series, indicator_series): btree support */
PG_FUNCTION_INFO_V1(indicator_series_cmp);
Datum
indicator_series_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(compare_args(fcinfo, false));
}

/*
 * Hashing
 */

/* The 64-bit finalizer of splitmix64: every input bit reaches every output bit. */
static inline uint64
mix64(uint64 x)
{
	x ^= x >> 30;
	x *= UINT64CONST(0xbf58476d1ce4e5b9);
	x ^= x >> 27;
	x *= UINT64CONST(0x94d049bb133111eb);
	x ^= x >> 31;
	return x;
}

/* What a missing month adds to the hash (any constant) */
#define HASH_MISSING UINT64CONST(0x9e3779b97f4a7c15)
/* What an estimate adds beside its value (another constant) */
#define HASH_ESTIMATE UINT64CONST(0xd6e8feb86659fd93)

/*
 * A numeric value m * 10^-scale hashed so that the scale does not matter:
 * the mantissa without trailing decimal zeros, and the scale that is left.
 */
static uint64
hash_exact(int128 m, int scale)
{
	/* strip zeros in 128 bits only while the mantissa needs them */
	while ((m < PG_INT64_MIN || m > PG_INT64_MAX) && scale > 0 && m % 10 == 0)
	{
		m /= 10;
		scale--;
	}
	if (m >= PG_INT64_MIN && m <= PG_INT64_MAX)
	{
		/* most mantissas fit 64 bits, where division by 10 is cheap */
		int64		m64 = (int64) m;

		while (scale > 0 && m64 % 10 == 0)
		{
			m64 /= 10;
			scale--;
		}
		if (m64 == 0)
			scale = 0;
		return mix64((uint64) m64 ^ mix64((uint64) scale));
	}

	/*
	 * Beyond 64 bits without trailing zeros: equal to no value whose
	 * mantissa ends up within 64 bits, so any hash of both halves will do.
	 */
	return mix64((uint64) m ^ mix64((uint64) (m >> 64) + (uint64) scale));
}

/*
 * The hash of s with a seed: the header key, the span, and each month's value
 * in a form that does not depend on the scale or the slot width (-0 as 0),
 * or a mark for a missing month.
 */
static uint64
series_hash(const IndicatorSeries *s, uint64 seed)
{
	int32		key[SERIES_KEY_MAX];
	int			nkey = series_key(s, key);
	uint64		h = hash_bytes_uint32_extended((uint32) s->nmonths, seed);

	for (int i = 0; i < nkey; i++)
		h = hash_combine64(h, mix64((uint64) (uint32) key[i]));
	for (int32 i = 0; i < s->nmonths; i++)
	{
		Level		v;
		uint64		bits;

		if (!series_get(s, i, &v))
			h = hash_combine64(h, HASH_MISSING);
		else if (s->kind == SERIES_KIND_NUMERIC)
			h = hash_combine64(h, hash_exact(v.exact, s->scale));
		else
		{
			double		d = v.fp + 0.0; /* -0 is 0 */

			memcpy(&bits, &d, sizeof(bits));
			h = hash_combine64(h, mix64(bits));
		}
		/* as =, the flag of a present period only */
		if (series_flagged(s, i) && series_get(s, i, &v))
			h = hash_combine64(h, HASH_ESTIMATE);
	}
	return mix64(h);
}

/* indicator_series_hash(indicator_series): hash support */
PG_FUNCTION_INFO_V1(indicator_series_hash);
Datum
indicator_series_hash(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);

	/* the low 32 bits of the extended hash with seed 0, as hash AMs require */
	uint32		result = (uint32) series_hash(s, 0);

	PG_FREE_IF_COPY(s, 0);
	PG_RETURN_UINT32(result);
}

/* indicator_series_hash_extended(indicator_series, bigint): hash support */
PG_FUNCTION_INFO_V1(indicator_series_hash_extended);
Datum
indicator_series_hash_extended(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	uint64		result = series_hash(s, (uint64) PG_GETARG_INT64(1));

	PG_FREE_IF_COPY(s, 0);
	PG_RETURN_UINT64(result);
}
