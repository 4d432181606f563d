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

#include <math.h>

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
 * NaN and infinities are reported, not converted.
 */
FixedStatus
numeric_to_fixed(Numeric num, int128 *mantissa, int *scale)
{
	const uint16 *words = (const uint16 *) VARDATA(num);
	uint16		header = words[0];
	const int16 *digits;
	int			ndigits;
	int			weight;
	int			dscale;
	bool		negative;
	int			exponent;
	int128		acc = 0;

	if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SPECIAL)
		return header == NUMERIC_NAN ? FIXED_NAN : FIXED_INFINITE;

	if (header & NUMERIC_SHORT)
	{
		negative = (header & NUMERIC_SHORT_SIGN_MASK) != 0;
		dscale = (header & NUMERIC_SHORT_DSCALE_MASK) >> NUMERIC_SHORT_DSCALE_SHIFT;
		weight = ((header & NUMERIC_SHORT_WEIGHT_SIGN_MASK) ? ~NUMERIC_SHORT_WEIGHT_MASK : 0) |
			(header & NUMERIC_SHORT_WEIGHT_MASK);
		digits = (const int16 *) (words + 1);
		ndigits = (VARSIZE(num) - VARHDRSZ - sizeof(uint16)) / sizeof(int16);
	}
	else
	{
		negative = (header & NUMERIC_SIGN_MASK) == NUMERIC_NEG;
		dscale = header & NUMERIC_DSCALE_MASK;
		weight = (int16) words[1];
		digits = (const int16 *) (words + 2);
		ndigits = (VARSIZE(num) - VARHDRSZ - 2 * sizeof(uint16)) / sizeof(int16);
	}

	if (dscale > FIXED_MAX_SCALE)
		return FIXED_SCALE_TOO_LARGE;

	/* value = sum(digits[i] * NBASE^(weight - i)); we want value * 10^dscale */
	for (int i = 0; i < ndigits; i++)
	{
		if (__builtin_mul_overflow(acc, (int128) NBASE, &acc) ||
			__builtin_add_overflow(acc, (int128) digits[i], &acc))
			return FIXED_TOO_MANY_DIGITS;
	}
	exponent = DEC_DIGITS * (weight - ndigits + 1) + dscale;
	if (ndigits == 0 || acc == 0)
		acc = 0;
	else if (exponent >= 0)
	{
		if (!fixed_rescale(acc, exponent, &acc))
			return FIXED_TOO_MANY_DIGITS;
	}
	else
	{
		/* digits past the display scale are zero in a valid numeric */
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

/* The base-NBASE digits of v, least significant first; returns how many. */
static int
nbase_digits(uint128 v, int16 *out)
{
	int			n = 0;

	while (v > 0)
		out[n++] = (int16) divmod_small(&v, NBASE);
	return n;
}

/* Exactly n base-NBASE digits of v, most significant first, into out. */
static void
nbase_digits_fixed(uint128 v, int16 *out, int n)
{
	int16		reversed[FIXED_MAX_DIGITS / DEC_DIGITS + 2];
	int			got = nbase_digits(v, reversed);

	for (int i = 0; i < n; i++)
		out[n - 1 - i] = i < got ? reversed[i] : 0;
}

/*
 * Build the numeric mantissa * 10^-scale, with display scale "scale", in
 * the same canonical form as numeric.c's make_result(): no leading or
 * trailing zero digits, the short header whenever it can hold the value.
 */
Numeric
fixed_to_numeric(int128 mantissa, int scale)
{
	int16		digits[2 * (FIXED_MAX_DIGITS / DEC_DIGITS + 2)];
	int16		int_digits[FIXED_MAX_DIGITS / DEC_DIGITS + 2];
	int			nint = 0;
	int			nfrac = (scale + DEC_DIGITS - 1) / DEC_DIGITS;
	int			pad = nfrac * DEC_DIGITS - scale;
	int			ndigits = 0;
	int			first;
	int			end;
	int			weight;
	bool		negative = mantissa < 0;
	uint128		magnitude = negative ? -(uint128) mantissa : (uint128) mantissa;
	uint128		int_part;
	uint128		frac_part;
	Numeric		result;
	uint16	   *words;
	Size		len;

	Assert(scale >= 0 && scale <= FIXED_MAX_SCALE);

	/* 64-bit division where the value allows: the common case, and far cheaper */
	if (magnitude <= PG_UINT64_MAX)
	{
		uint64		pow = scale <= 19 ? (uint64) fixed_pow10[scale] : 0;

		int_part = pow ? (uint64) magnitude / pow : 0;
		frac_part = pow ? (uint64) magnitude % pow : magnitude;
	}
	else
	{
		int_part = magnitude / (uint128) fixed_pow10[scale];
		frac_part = magnitude % (uint128) fixed_pow10[scale];
	}

	nint = nbase_digits(int_part, int_digits);
	for (int i = nint - 1; i >= 0; i--)
		digits[ndigits++] = int_digits[i];
	weight = nint - 1;

	/* fraction digits, least significant group first; the last is padded */
	if (nfrac > 0 && pad > 0)
	{
		int			kept = DEC_DIGITS - pad;

		digits[ndigits + nfrac - 1] = (int16) (divmod_small(&frac_part, (uint32) fixed_pow10[kept]) *
											   (uint32) fixed_pow10[pad]);
		nbase_digits_fixed(frac_part, digits + ndigits, nfrac - 1);
	}
	else
		nbase_digits_fixed(frac_part, digits + ndigits, nfrac);
	ndigits += nfrac;

	first = 0;
	while (first < ndigits && digits[first] == 0)
	{
		first++;
		weight--;
	}
	end = ndigits;
	while (end > first && digits[end - 1] == 0)
		end--;
	ndigits = end - first;
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
		SET_VARSIZE(result, len);
		words = (uint16 *) VARDATA(result);
		words[0] = NUMERIC_SHORT |
			(negative ? NUMERIC_SHORT_SIGN_MASK : 0) |
			(scale << NUMERIC_SHORT_DSCALE_SHIFT) |
			(weight < 0 ? NUMERIC_SHORT_WEIGHT_SIGN_MASK : 0) |
			(weight & NUMERIC_SHORT_WEIGHT_MASK);
		memcpy(words + 1, digits + first, ndigits * sizeof(int16));
	}
	else
	{
		len = VARHDRSZ + 2 * sizeof(uint16) + ndigits * sizeof(int16);
		result = (Numeric) palloc(len);
		SET_VARSIZE(result, len);
		words = (uint16 *) VARDATA(result);
		words[0] = (negative ? NUMERIC_NEG : NUMERIC_POS) | (scale & NUMERIC_DSCALE_MASK);
		words[1] = (uint16) (int16) weight;
		memcpy(words + 2, digits + first, ndigits * sizeof(int16));
	}
	return result;
}

/* The nearest double to mantissa * 10^-scale. */
double
fixed_to_double(int128 mantissa, int scale)
{
	return (double) mantissa / (double) fixed_pow10[scale];
}
