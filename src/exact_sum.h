/*
 * exact_sum.h
 *	  Exact sums of doubles and of products of two doubles, rounded once.
 *
 * A double is an integer times a power of two, and so is the product of two
 * doubles (a 106-bit integer).  An accumulator is a fixed-point binary
 * integer in two's complement, "n" 64-bit limbs, the least significant
 * first, limb 0 weighing 2^(64 x lo): every such term lands in it exactly,
 * so a sum does not depend on the order of its terms, and rounding it once
 * (exact_round) gives the correctly rounded double of the true sum.  That
 * is what makes index_agg's result the same bits on every plan, serial,
 * parallel or distributed, whatever order its partial states combine in.
 *
 * The window [lo, lo + n) is the caller's: exact_fits says whether a term
 * lands in it with headroom (a limb above the term's top), and a caller
 * widens it (exact_widen, to exact_window_for's) before adding one that
 * does not.  With that
 * headroom the sum of fewer than 2^63 terms cannot overflow the top limb.
 * Windows stay within [EXACT_MIN_LIMB, EXACT_MAX_LIMB): the product of two
 * subnormals weighs at least 2^-2148 and of two finite doubles less than
 * 2^2048.
 */
#ifndef INDICATOR_EXACT_SUM_H
#define INDICATOR_EXACT_SUM_H

#include "postgres.h"
#include "pg_compat.h"

#include "lib/stringinfo.h"
#include "port/pg_bitutils.h"

#define EXACT_MIN_LIMB (-40)	/* the lowest limb: 2^-2560 */
#define EXACT_MAX_LIMB 42		/* above the highest limb: 2^2688 */
#define EXACT_MAX_LIMBS (EXACT_MAX_LIMB - EXACT_MIN_LIMB)

/* A number read from outside: limbs[n], limb 0 weighing 2^(64 x lo). */
typedef struct ExactNumber
{
	int32		lo;
	int32		n;
	uint64	   *limbs;
} ExactNumber;

/* floor(a / 64) for any sign of a. */
static inline int32
exact_limb_of(int32 bit)
{
	return bit >= 0 ? bit / 64 : -((-bit + 63) / 64);
}

/*
 * A finite double as |d| = mant x 2^exp with mant odd (or zero): trailing
 * zero bits removed, so that a round value needs few limbs below it.
 */
static inline void
exact_split(double d, uint64 *mant, int32 *exp, bool *neg)
{
	uint64		bits;
	uint64		m;
	int32		e;
	int			biased;

	memcpy(&bits, &d, sizeof(bits));
	*neg = (bits >> 63) != 0;
	biased = (int) ((bits >> 52) & 0x7ff);
	m = bits & ((UINT64CONST(1) << 52) - 1);
	if (biased == 0)
		e = -1074;
	else
	{
		m |= UINT64CONST(1) << 52;
		e = biased - 1075;
	}
	if (m != 0)
	{
		int			tz = pg_rightmost_one_pos64(m);

		m >>= tz;
		e += tz;
	}
	*mant = m;
	*exp = e;
}

/* The bits of mag > 0: its highest set bit + 1. */
static inline int
exact_bits(uint128 mag)
{
	uint64		hi = (uint64) (mag >> 64);

	return hi ? 65 + pg_leftmost_one_pos64(hi) : 1 + pg_leftmost_one_pos64((uint64) mag);
}

/*
 * Whether a term of "bits" bits (at most 106) times 2^exp lands in the
 * window [lo, lo + n) with a limb of headroom above its top.
 */
static inline bool
exact_fits(int32 lo, int32 n, int32 exp, int bits)
{
	int32		off = exp - lo * 64;

	return off >= 0 && off + bits + 64 <= n * 64;
}

/* The window [lo, hi) that a term of "bits" bits times 2^exp needs. */
static inline void
exact_window_for(int32 exp, int bits, int32 *lo, int32 *hi)
{
	*lo = exact_limb_of(exp);
	*hi = exact_limb_of(exp + bits + 64 + 63);
}

/*
 * acc += (neg ? -mag : mag) x 2^exp, mag < 2^106; exact_fits(lo, n, exp,
 * exact_bits(mag)) must hold.  The hot loop of index_agg: at most three
 * limbs and a carry that rarely travels.
 */
static inline void
exact_add_term(uint64 *acc, int32 lo, int32 n, uint128 mag, int32 exp, bool neg)
{
	int32		off = exp - lo * 64;
	int32		i = off >> 6;
	int			b = off & 63;
	uint128		shifted = mag << b;
	uint64		t[3];

	Assert(exact_fits(lo, n, exp, exact_bits(mag)));
	t[0] = (uint64) shifted;
	t[1] = (uint64) (shifted >> 64);
	t[2] = b ? (uint64) (mag >> (128 - b)) : 0;
	if (!neg)
	{
		uint64		carry = 0;

		for (int k = 0; k < 3 && i < n; k++, i++)
		{
			uint128		s = (uint128) acc[i] + t[k] + carry;

			acc[i] = (uint64) s;
			carry = (uint64) (s >> 64);
		}
		for (; carry && i < n; i++)
			carry = (++acc[i] == 0);
	}
	else
	{
		uint64		borrow = 0;

		for (int k = 0; k < 3 && i < n; k++, i++)
		{
			uint128		s = (uint128) acc[i] - t[k] - borrow;

			acc[i] = (uint64) s;
			borrow = (s >> 64) != 0;
		}
		for (; borrow && i < n; i++)
			borrow = (acc[i]-- == 0);
	}
}

extern void exact_from_double(double d, ExactNumber *out);
extern void exact_widen(const uint64 *src, int32 lo, int32 n,
						uint64 *dst, int32 dst_lo, int32 dst_n);
extern void exact_add(uint64 *acc, int32 lo, int32 n,
					  const uint64 *src, int32 src_lo, int32 src_n);
extern double exact_round(const uint64 *acc, int32 lo, int32 n);
extern void exact_trim(const uint64 *acc, int32 lo, int32 n, int32 *tlo, int32 *tn);
extern void exact_append_hex(StringInfo buf, const uint64 *acc, int32 lo, int32 n);
extern const char *exact_parse_hex(const char *p, ExactNumber *out);

#endif							/* INDICATOR_EXACT_SUM_H */
