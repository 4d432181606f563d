/*
 * exact_sum.c
 *	  Exact sums of doubles and of products of doubles: fixed-point
 *	  accumulators in two's complement, their correctly rounded double, and
 *	  their text form (see exact_sum.h for the representation).
 *
 * The text form of an accumulator is an integer in hexadecimal times a
 * power of two, as C99's hexadecimal floating-point constants write it but
 * with as many digits as the value needs: 0x15ep-2 is 350 / 4 = 87.5, -0x3p+4
 * is -48, and zero is 0.  The digits are the value's from its highest to its
 * lowest set bit, so equal values have equal texts.
 */
#include "postgres.h"
#include "pg_compat.h"

#include <ctype.h>
#include <math.h>

#include "exact_sum.h"

/* The sign limb of an accumulator: all zeros or all ones. */
static inline uint64
sign_limb(const uint64 *acc, int32 n)
{
	return (acc[n - 1] >> 63) ? ~UINT64CONST(0) : 0;
}

/*
 * dst = src, in the window [dst_lo, dst_lo + dst_n), which holds the window
 * of src: zeros below it, the sign above it.
 */
void
exact_widen(const uint64 *src, int32 lo, int32 n, uint64 *dst, int32 dst_lo, int32 dst_n)
{
	int32		off = lo - dst_lo;
	uint64		ext = sign_limb(src, n);

	Assert(off >= 0 && off + n <= dst_n);
	for (int32 i = 0; i < dst_n; i++)
		dst[i] = i < off ? 0 : i < off + n ? src[i - off] : ext;
}

/* acc += src; the window of acc holds the window of src. */
void
exact_add(uint64 *acc, int32 lo, int32 n, const uint64 *src, int32 src_lo, int32 src_n)
{
	int32		off = src_lo - lo;
	uint64		ext = sign_limb(src, src_n);
	uint64		carry = 0;

	Assert(off >= 0 && off + src_n <= n);
	for (int32 i = off; i < n; i++)
	{
		uint64		x = i < off + src_n ? src[i - off] : ext;
		uint128		s;

		if (i >= off + src_n && x == 0 && carry == 0)
			break;
		s = (uint128) acc[i] + x + carry;
		acc[i] = (uint64) s;
		carry = (uint64) (s >> 64);
	}
}

/* acc = -acc, in two's complement over n limbs. */
static void
negate(uint64 *acc, int32 n)
{
	uint64		carry = 1;

	for (int32 i = 0; i < n; i++)
	{
		acc[i] = ~acc[i] + carry;
		carry = carry && acc[i] == 0;
	}
}

/* A finite double as an exact number (palloc'd limbs). */
void
exact_from_double(double d, ExactNumber *out)
{
	uint64		m;
	int32		e;
	bool		neg;
	uint128		shifted;

	exact_split(d, &m, &e, &neg);
	/* m < 2^53 shifted by less than 64: two limbs, and the sign's */
	out->lo = exact_limb_of(e);
	out->n = 3;
	out->limbs = palloc0(3 * sizeof(uint64));
	shifted = (uint128) m << (e - out->lo * 64);
	out->limbs[0] = (uint64) shifted;
	out->limbs[1] = (uint64) (shifted >> 64);
	if (neg)
		negate(out->limbs, 3);
}

/* |acc| into mag (n limbs); returns whether acc is negative. */
static bool
magnitude(const uint64 *acc, int32 n, uint64 *mag)
{
	bool		neg = (acc[n - 1] >> 63) != 0;

	memcpy(mag, acc, (Size) n * sizeof(uint64));
	if (neg)
		negate(mag, n);
	return neg;
}

/* Bit "bit" (absolute: weighing 2^bit) of a magnitude. */
static inline int
bit_at(const uint64 *mag, int32 lo, int32 n, int32 bit)
{
	int32		idx = bit - lo * 64;

	if (idx < 0 || idx >= n * 64)
		return 0;
	return (int) ((mag[idx >> 6] >> (idx & 63)) & 1);
}

/* Whether a magnitude has a set bit below "bit" (absolute). */
static bool
any_below(const uint64 *mag, int32 lo, int32 n, int32 bit)
{
	int32		idx = bit - lo * 64;

	if (idx <= 0)
		return false;
	if (idx >= n * 64)
		idx = n * 64;
	for (int32 i = 0; i < idx >> 6; i++)
		if (mag[i] != 0)
			return true;
	if ((idx & 63) && (mag[idx >> 6] & ((UINT64CONST(1) << (idx & 63)) - 1)))
		return true;
	return false;
}

/* The highest set bit of a magnitude (absolute), or false when it is zero. */
static bool
top_bit(const uint64 *mag, int32 lo, int32 n, int32 *bit)
{
	for (int32 i = n - 1; i >= 0; i--)
		if (mag[i] != 0)
		{
			*bit = (lo + i) * 64 + pg_leftmost_one_pos64(mag[i]);
			return true;
		}
	return false;
}

/*
 * The double nearest to acc, ties to even (as IEEE 754 rounds a sum),
 * subnormals included; +-infinity beyond the largest double.
 */
double
exact_round(const uint64 *acc, int32 lo, int32 n)
{
	uint64		mag[EXACT_MAX_LIMBS];
	bool		neg;
	int32		msb;
	int32		lsb;
	uint64		mant = 0;
	double		r;

	if (n < 1 || n > EXACT_MAX_LIMBS)
		elog(ERROR, "exact sum of %d limbs", (int) n);
	neg = magnitude(acc, n, mag);
	if (!top_bit(mag, lo, n, &msb))
		return 0.0;
	/* 53 bits from the top, fewer in the subnormal range */
	lsb = Max(msb - 52, -1074);
	for (int32 b = msb; b >= lsb; b--)
		mant = (mant << 1) | (uint64) bit_at(mag, lo, n, b);
	if (bit_at(mag, lo, n, lsb - 1) && ((mant & 1) || any_below(mag, lo, n, lsb - 1)))
		mant++;
	/* mant <= 2^53 x 2^lsb is exact unless it overflows (then infinity) */
	r = ldexp((double) mant, lsb);
	return neg ? -r : r;
}

/*
 * The smallest window [*tlo, *tlo + *tn) that holds acc: no zero limb below
 * and no limb above that only repeats the sign.  Zero has *tlo = *tn = 0
 * (one form, whatever the window: a binary form is the same bytes for
 * equal states).
 */
void
exact_trim(const uint64 *acc, int32 lo, int32 n, int32 *tlo, int32 *tn)
{
	int32		bottom = 0;
	int32		top = n;

	while (bottom < n && acc[bottom] == 0)
		bottom++;
	if (bottom == n)
	{
		*tlo = 0;
		*tn = 0;
		return;
	}
	while (top - bottom >= 2 &&
		   ((acc[top - 1] == 0 && !(acc[top - 2] >> 63)) ||
			(acc[top - 1] == ~UINT64CONST(0) && (acc[top - 2] >> 63))))
		top--;
	*tlo = lo + bottom;
	*tn = top - bottom;
}

/* Append the text form of acc: [-]0xHEXpEXP, or 0. */
void
exact_append_hex(StringInfo buf, const uint64 *acc, int32 lo, int32 n)
{
	static const char hex[] = "0123456789abcdef";
	uint64		mag[EXACT_MAX_LIMBS];
	bool		neg;
	int32		msb;
	int32		lsb;

	if (n < 1 || n > EXACT_MAX_LIMBS)
		elog(ERROR, "exact sum of %d limbs", (int) n);
	neg = magnitude(acc, n, mag);
	if (!top_bit(mag, lo, n, &msb))
	{
		appendStringInfoChar(buf, '0');
		return;
	}
	lsb = lo * 64;
	while (!bit_at(mag, lo, n, lsb))
		lsb++;
	appendStringInfoString(buf, neg ? "-0x" : "0x");
	/* digits of 4 bits from lsb up: the highest may be partial */
	for (int32 d = (msb - lsb) / 4; d >= 0; d--)
	{
		int			v = 0;

		for (int k = 3; k >= 0; k--)
			v = (v << 1) | bit_at(mag, lo, n, lsb + 4 * d + k);
		appendStringInfoChar(buf, hex[v]);
	}
	appendStringInfo(buf, "p%+d", lsb);
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char) tolower((unsigned char) c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Read the text form of a number at p into *out (limbs palloc'd): returns
 * the end of it, or NULL when it is malformed or does not fit the window
 * [EXACT_MIN_LIMB, EXACT_MAX_LIMB - 1) (a limb is kept for headroom).
 */
const char *
exact_parse_hex(const char *p, ExactNumber *out)
{
	bool		neg = false;
	const char *digits;
	int32		ndigits = 0;
	int32		exp = 0;
	bool		exp_neg = false;
	int			expdigits = 0;
	int32		top;

	if (*p == '0' && hex_value(p[1]) < 0 && p[1] != 'x' && p[1] != 'X')
	{
		out->lo = 0;
		out->n = 1;
		out->limbs = palloc0(sizeof(uint64));
		return p + 1;
	}
	if (*p == '-')
	{
		neg = true;
		p++;
	}
	if (p[0] != '0' || (p[1] != 'x' && p[1] != 'X'))
		return NULL;
	p += 2;
	digits = p;
	while (hex_value(*p) >= 0)
	{
		/* 600 digits are 2,400 bits: more than any window */
		if (++ndigits > 600)
			return NULL;
		p++;
	}
	if (ndigits == 0 || (*p != 'p' && *p != 'P'))
		return NULL;
	p++;
	if (*p == '+' || *p == '-')
		exp_neg = (*p++ == '-');
	while (isdigit((unsigned char) *p))
	{
		if (++expdigits > 5)
			return NULL;
		exp = exp * 10 + (*p++ - '0');
	}
	if (expdigits == 0)
		return NULL;
	if (exp_neg)
		exp = -exp;

	/* bits [exp, exp + 4 x ndigits), and a sign bit above them */
	top = exp + 4 * ndigits;
	out->lo = exact_limb_of(exp);
	out->n = exact_limb_of(top) - out->lo + 1;
	if (out->lo < EXACT_MIN_LIMB || out->lo + out->n > EXACT_MAX_LIMB - 1)
		return NULL;
	out->limbs = palloc0(sizeof(uint64) * out->n);
	for (int32 d = 0; d < ndigits; d++)
	{
		uint64		v = (uint64) hex_value(digits[ndigits - 1 - d]);
		int32		idx = exp + 4 * d - out->lo * 64;

		out->limbs[idx >> 6] |= v << (idx & 63);
		if ((idx & 63) > 60)
			out->limbs[(idx >> 6) + 1] |= v >> (64 - (idx & 63));
	}
	if (neg)
		negate(out->limbs, out->n);
	return p;
}
