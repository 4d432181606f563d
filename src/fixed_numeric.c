/*
 * fixed_numeric.c
 *	  Conversion between PostgreSQL's numeric and exact 128-bit fixed point.
 *
 * The aggregate converts one numeric per input row, so going through
 * numeric's SQL-callable functions (which allocate and work digit by digit)
 * would dominate its cost.  Instead this file reads and writes numeric's
 * on-disk format directly.  That format is stable across major versions
 * (pg_upgrade keeps numeric columns as they are): a 2-byte header, short
 * (sign, display scale, weight) or long (sign and display scale, then a
 * 2-byte weight), followed by base-10000 digits, most significant first.
 * The layout below mirrors the definitions in numeric.c; the regression
 * tests compare every conversion with numeric's own arithmetic.
 */
#include "postgres.h"
#include "pg_compat.h"

#include <math.h>

#include "utils/fmgrprotos.h"

#include "fixed_numeric.h"

/* numeric.c's on-disk header bits */
#define NUMERIC_SIGN_MASK		0xC000
#define NUMERIC_POS				0x0000
#define NUMERIC_NEG				0x4000
#define NUMERIC_SHORT			0x8000
#define NUMERIC_SPECIAL			0xC000
#define NUMERIC_NAN				0xC000
#define NUMERIC_DSCALE_MASK		0x3FFF
#define NUMERIC_SHORT_SIGN_MASK 0x2000
#define NUMERIC_SHORT_DSCALE_MASK 0x1F80
#define NUMERIC_SHORT_DSCALE_SHIFT 7
#define NUMERIC_SHORT_DSCALE_MAX (NUMERIC_SHORT_DSCALE_MASK >> NUMERIC_SHORT_DSCALE_SHIFT)
#define NUMERIC_SHORT_WEIGHT_SIGN_MASK 0x0040
#define NUMERIC_SHORT_WEIGHT_MASK 0x003F
#define NUMERIC_SHORT_WEIGHT_MAX NUMERIC_SHORT_WEIGHT_MASK
#define NUMERIC_SHORT_WEIGHT_MIN (-(NUMERIC_SHORT_WEIGHT_MASK + 1))
#define NBASE					10000
#define DEC_DIGITS				4

#define P19 ((int128) 10000000000000000000ULL)

const int128 fixed_pow10[FIXED_MAX_DIGITS + 1] = {
	(int128) 1ULL,
	(int128) 10ULL,
	(int128) 100ULL,
	(int128) 1000ULL,
	(int128) 10000ULL,
	(int128) 100000ULL,
	(int128) 1000000ULL,
	(int128) 10000000ULL,
	(int128) 100000000ULL,
	(int128) 1000000000ULL,
	(int128) 10000000000ULL,
	(int128) 100000000000ULL,
	(int128) 1000000000000ULL,
	(int128) 10000000000000ULL,
	(int128) 100000000000000ULL,
	(int128) 1000000000000000ULL,
	(int128) 10000000000000000ULL,
	(int128) 100000000000000000ULL,
	(int128) 1000000000000000000ULL,
	(int128) 10000000000000000000ULL,
	P19 * (int128) 10ULL,
	P19 * (int128) 100ULL,
	P19 * (int128) 1000ULL,
	P19 * (int128) 10000ULL,
	P19 * (int128) 100000ULL,
	P19 * (int128) 1000000ULL,
	P19 * (int128) 10000000ULL,
	P19 * (int128) 100000000ULL,
	P19 * (int128) 1000000000ULL,
	P19 * (int128) 10000000000ULL,
	P19 * (int128) 100000000000ULL,
	P19 * (int128) 1000000000000ULL,
	P19 * (int128) 10000000000000ULL,
	P19 * (int128) 100000000000000ULL,
	P19 * (int128) 1000000000000000ULL,
	P19 * (int128) 10000000000000000ULL,
	P19 * (int128) 100000000000000000ULL,
	P19 * (int128) 1000000000000000000ULL,
	P19 * (int128) 10000000000000000000ULL,
};

/*
 * Read a numeric as mantissa * 10^-scale, with scale its display scale.
 * NaN and infinities are reported, not converted.  The numeric may have a
 * short (1-byte) varlena header, as in a heap tuple, so that the aggregate
 * need not copy every row's value to unpack it; it is read with memcpy, as
 * such a value is not aligned.
 */
FixedStatus
numeric_to_fixed(const struct varlena *num, int128 *mantissa, int *scale)
{
	const char *data = VARDATA_ANY(num);
	Size		len = VARSIZE_ANY_EXHDR(num);
	uint16		header;
	const char *digits;
	int			ndigits;
	int			weight;
	int			dscale;
	bool		negative;
	int			exponent;
	uint64		acc64 = 0;
	int128		acc = 0;

	memcpy(&header, data, sizeof(uint16));
	if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SPECIAL)
		return header == NUMERIC_NAN ? FIXED_NAN : FIXED_INFINITE;

	if (header & NUMERIC_SHORT)
	{
		negative = (header & NUMERIC_SHORT_SIGN_MASK) != 0;
		dscale = (header & NUMERIC_SHORT_DSCALE_MASK) >> NUMERIC_SHORT_DSCALE_SHIFT;
		weight = ((header & NUMERIC_SHORT_WEIGHT_SIGN_MASK) ? ~NUMERIC_SHORT_WEIGHT_MASK : 0) |
			(header & NUMERIC_SHORT_WEIGHT_MASK);
		digits = data + sizeof(uint16);
		ndigits = (int) ((len - sizeof(uint16)) / sizeof(int16));
	}
	else
	{
		int16		long_weight;

		memcpy(&long_weight, data + sizeof(uint16), sizeof(int16));
		negative = (header & NUMERIC_SIGN_MASK) == NUMERIC_NEG;
		dscale = header & NUMERIC_DSCALE_MASK;
		weight = long_weight;
		digits = data + 2 * sizeof(uint16);
		ndigits = (int) ((len - 2 * sizeof(uint16)) / sizeof(int16));
	}

	if (dscale > FIXED_MAX_SCALE)
		return FIXED_SCALE_TOO_LARGE;

	/*
	 * value = sum(digits[i] * NBASE^(weight - i)); we want value * 10^dscale.
	 * The last group may reach up to 3 decimals past dscale, which are zero
	 * in a valid numeric: drop them before adding it, so that a value that
	 * fits is never lost to an overflow of its padding.
	 */
	exponent = DEC_DIGITS * (weight - ndigits + 1) + dscale;
	for (int i = 0; i < ndigits; i++)
	{
		int16		digit;
		uint32		group;
		uint32		base = NBASE;

		memcpy(&digit, digits + i * sizeof(int16), sizeof(int16));
		group = (uint32) digit;
		if (i == ndigits - 1 && exponent < 0 && exponent > -DEC_DIGITS)
		{
			group /= (uint32) fixed_pow10[-exponent];
			base = (uint32) fixed_pow10[DEC_DIGITS + exponent];
			exponent = 0;
		}
		/* the first four groups (16 digits) cannot overflow 64 bits */
		if (i < 4)
		{
			acc64 = acc64 * base + group;
			acc = (int128) acc64;
		}
		else if (__builtin_mul_overflow(acc, (int128) base, &acc) ||
				 __builtin_add_overflow(acc, (int128) group, &acc))
			return FIXED_TOO_MANY_DIGITS;
	}
	if (ndigits == 0 || acc == 0)
		acc = 0;
	else if (exponent >= 0)
	{
		if (!fixed_rescale(acc, exponent, &acc))
			return FIXED_TOO_MANY_DIGITS;
	}
	else
	{
		/* whole zero groups past the display scale: not made by numeric.c */
		if (-exponent > FIXED_MAX_DIGITS)
			acc = 0;
		else
			acc /= fixed_pow10[-exponent];
	}
	if (!fixed_in_range(acc))
		return FIXED_TOO_MANY_DIGITS;

	*mantissa = negative ? -acc : acc;
	*scale = dscale;
	return FIXED_OK;
}

/* Divide *v by d and return the remainder, in 64 bits whenever *v allows. */
static inline uint32
divmod_small(uint128 *v, uint32 d)
{
	uint32		r;

	if (*v <= PG_UINT64_MAX)
	{
		uint64		w = (uint64) *v;

		r = (uint32) (w % d);
		*v = w / d;
	}
	else
	{
		r = (uint32) (*v % d);
		*v /= d;
	}
	return r;
}

/*
 * Build the numeric mantissa * 10^-scale, with display scale "scale", in
 * the same canonical form as numeric.c's make_result(): no leading or
 * trailing zero digits, the short header whenever it can hold the value.
 */
Numeric
fixed_to_numeric(int128 mantissa, int scale)
{
	/* base-NBASE digits, least significant first */
	int16		groups[FIXED_MAX_DIGITS / DEC_DIGITS + 3];
	int			ngroups = 0;
	int			skip = 0;
	int			ndigits;
	int			weight;
	int			pad = (DEC_DIGITS - scale % DEC_DIGITS) % DEC_DIGITS;
	bool		negative = mantissa < 0;
	uint128		v = negative ? -(uint128) mantissa : (uint128) mantissa;
	Numeric		result;
	uint16	   *words;
	int16	   *out;
	Size		len;

	Assert(scale >= 0 && scale <= FIXED_MAX_SCALE);

	/*
	 * Digit groups align with the decimal point, so the lowest group holds
	 * the last DEC_DIGITS - pad decimals of the mantissa, padded with zeros.
	 */
	if (pad > 0)
		groups[ngroups++] = (int16) (divmod_small(&v, (uint32) fixed_pow10[DEC_DIGITS - pad]) *
									 (uint32) fixed_pow10[pad]);
	while (v > 0)
		groups[ngroups++] = (int16) divmod_small(&v, NBASE);

	/* no leading or trailing zero groups; zero has no digits at all */
	while (ngroups > 0 && groups[ngroups - 1] == 0)
		ngroups--;
	while (skip < ngroups && groups[skip] == 0)
		skip++;
	ndigits = ngroups - skip;
	weight = ngroups - 1 - (scale + pad) / DEC_DIGITS;
	if (ndigits == 0)
	{
		weight = 0;
		negative = false;
	}

	if (scale <= NUMERIC_SHORT_DSCALE_MAX &&
		weight <= NUMERIC_SHORT_WEIGHT_MAX && weight >= NUMERIC_SHORT_WEIGHT_MIN)
	{
		len = VARHDRSZ + sizeof(uint16) + ndigits * sizeof(int16);
		result = (Numeric) palloc(len);
		words = (uint16 *) VARDATA(result);
		words[0] = NUMERIC_SHORT |
			(negative ? NUMERIC_SHORT_SIGN_MASK : 0) |
			(scale << NUMERIC_SHORT_DSCALE_SHIFT) |
			(weight < 0 ? NUMERIC_SHORT_WEIGHT_SIGN_MASK : 0) |
			(weight & NUMERIC_SHORT_WEIGHT_MASK);
		out = (int16 *) (words + 1);
	}
	else
	{
		len = VARHDRSZ + 2 * sizeof(uint16) + ndigits * sizeof(int16);
		result = (Numeric) palloc(len);
		words = (uint16 *) VARDATA(result);
		words[0] = (negative ? NUMERIC_NEG : NUMERIC_POS) | (scale & NUMERIC_DSCALE_MASK);
		words[1] = (uint16) (int16) weight;
		out = (int16 *) (words + 2);
	}
	SET_VARSIZE(result, len);
	for (int i = 0; i < ndigits; i++)
		out[i] = groups[ngroups - 1 - i];
	return result;
}

/*
 * A finite numeric as a double, without numeric_float8's trip through text
 * where the value fits a mantissa (within a few units in the last place of
 * the nearest double: enough for the ratios it serves).  num may have a
 * short header, as a value straight from a heap tuple has.
 */
double
numeric_to_double(const struct varlena *num)
{
	int128		mantissa;
	int			scale;

	if (numeric_to_fixed(num, &mantissa, &scale) == FIXED_OK)
		return fixed_to_double(mantissa, scale);
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, PointerGetDatum(num)));
}

/* The nearest double to mantissa * 10^-scale. */
double
fixed_to_double(int128 mantissa, int scale)
{
	return (double) mantissa / (double) fixed_pow10[scale];
}

/* The number of decimal digits of v, 0 < v < 10^38. */
static int
fixed_decimal_digits(uint128 v)
{
	uint64		high = (uint64) (v >> 64);
	int			bits = high != 0 ? 128 - __builtin_clzll(high) : 64 - __builtin_clzll((uint64) v);
	int			estimate = (bits * 1233) >> 12;	/* bits * log10(2), at most one short */

	return estimate + 1 - (v < (uint128) fixed_pow10[estimate]);
}

/*
 * The position (weight) and value of the first nonzero base-10000 digit of
 * |m| * 10^-scale, m != 0 and |m| < 10^38: what numeric.c's
 * select_div_scale() reads of a division's operands.
 */
static void
fixed_first_group(int128 m, int scale, int *weight, int *group)
{
	uint128		v = m < 0 ? -(uint128) m : (uint128) m;
	int			exponent = fixed_decimal_digits(v) - 1 - scale; /* of the leading digit */
	int			w = exponent >= 0 ? exponent / DEC_DIGITS :
		-((-exponent + DEC_DIGITS - 1) / DEC_DIGITS);
	int			shift = -scale - DEC_DIGITS * w;	/* group = v * 10^shift */

	/* 4w > exponent - 4, so shift < 4 - digits: at most 3, at least -37 */
	*weight = w;
	*group = (int) (shift >= 0 ? v * (uint128) fixed_pow10[shift] : v / (uint128) fixed_pow10[-shift]);
}

/*
 * n * 10^-nscale divided by d * 10^-dscale exactly as numeric_div() divides
 * two numerics of those display scales: to the scale numeric.c's
 * select_div_scale() picks (at least 16 significant digits, and no fewer
 * decimals than either operand shows), rounded half away from zero.  The
 * quotient is *q * 10^-*qscale.  False (and the caller divides numerics)
 * when an operand or the scaled dividend leaves 10^38.  d != 0.
 */
bool
fixed_div_as_numeric(int128 n, int nscale, int128 d, int dscale, int128 *q, int *qscale)
{
	int			nweight = 0,
				ngroup = 0,
				dweight,
				dgroup,
				qweight,
				rscale;
	int128		dividend,
				remainder;
	uint128		abs_rem,
				abs_d;

	Assert(d != 0);
	if (!fixed_in_range(n) || !fixed_in_range(d))
		return false;
	if (n != 0)
		fixed_first_group(n, nscale, &nweight, &ngroup);
	fixed_first_group(d, dscale, &dweight, &dgroup);

	/* select_div_scale(), with NUMERIC_MIN_SIG_DIGITS = 16 */
	qweight = nweight - dweight;
	if (ngroup <= dgroup)
		qweight--;
	rscale = 16 - qweight * DEC_DIGITS;
	rscale = Max(rscale, nscale);
	rscale = Max(rscale, dscale);
	rscale = Max(rscale, 0);
	if (rscale > FIXED_MAX_SCALE)
		return false;

	/* q = n / d * 10^(rscale + dscale - nscale), and rscale >= nscale */
	if (!fixed_rescale(n, rscale + dscale - nscale, &dividend))
		return false;
	*q = dividend / d;
	remainder = dividend % d;
	abs_rem = remainder < 0 ? -(uint128) remainder : (uint128) remainder;
	abs_d = d < 0 ? -(uint128) d : (uint128) d;
	if (abs_rem >= abs_d - abs_rem)		/* at least half: away from zero */
		*q += (dividend < 0) != (d < 0) ? -1 : 1;
	*qscale = rscale;
	return true;
}

/*
 * The sign of v * 10^-scale - mant * 2^exp (mant > 0), computed exactly in
 * 128 bits; false when they do not hold it.
 */
static bool
fixed_compare_binary(uint128 v, int scale, uint128 mant, int exp, int *cmp)
{
	uint128		left = v;
	uint128		right;

	if (__builtin_mul_overflow(mant, (uint128) fixed_pow10[scale], &right))
		return false;
	if (exp < 0)
	{
		if (-exp >= 127 || (left >> (127 + exp)) != 0)
			return false;
		left <<= -exp;
	}
	else if (exp > 0)
	{
		if (exp >= 127 || (right >> (127 - exp)) != 0)
			return false;
		right <<= exp;
	}
	*cmp = (left > right) - (left < right);
	return true;
}

/*
 * The double nearest m * 10^-scale, ties to even: exactly what strtod()
 * makes of its decimal text, as numeric_float8() does, without the text.
 * False when it cannot be decided in 128 bits (scale above 22), and the
 * caller converts through numeric.
 */
bool
fixed_nearest_double(int128 m, int scale, double *result)
{
	static const double exact_pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
	};
	uint128		v = m < 0 ? -(uint128) m : (uint128) m;
	double		d;

	if (scale < 0 || scale > 22)
		return false;
	if (v <= ((uint128) 1 << 53))
		d = (double) (uint64) v / exact_pow10[scale];	/* both exact: one rounding */
	else
	{
		/*
		 * An estimate within a few units in the last place, then corrected:
		 * bits is d's image, and for a positive double bits + 1 is the next
		 * one up and bits - 1 the next one down.
		 */
		uint64		bits;

		d = (double) v / exact_pow10[scale];
		memcpy(&bits, &d, sizeof(bits));
		for (int tries = 0;; tries++)
		{
			int			biased = (int) (bits >> 52);
			uint64		mant = (bits & ((UINT64CONST(1) << 52) - 1)) | (UINT64CONST(1) << 52);
			int			exp = biased - 1075;	/* d = mant * 2^exp */
			int			cmp;

			if (tries == 4 || biased == 0 || biased >= 0x7ff)
				return false;
			if (!fixed_compare_binary(v, scale, mant, exp, &cmp))
				return false;
			if (cmp < 0)
			{
				bits--;
				continue;
			}
			if (!fixed_compare_binary(v, scale, (uint128) mant + 1, exp, &cmp))
				return false;
			if (cmp >= 0)
			{
				bits++;
				continue;
			}
			/* d <= value < the next double: which is nearer? */
			if (!fixed_compare_binary(v, scale, 2 * (uint128) mant + 1, exp - 1, &cmp))
				return false;
			if (cmp > 0 || (cmp == 0 && (mant & 1) != 0))
				bits++;
			break;
		}
		memcpy(&d, &bits, sizeof(d));
	}
	*result = m < 0 ? -d : d;
	return true;
}
