/*
 * series.h
 *	  The indicator_series type: one indicator's values over a span of
 *	  consecutive periods (months, quarters or years: its "frequency"), with
 *	  missing periods known as missing.
 *
 * Periods.  A series holds one slot per period of its own frequency, and
 * "first" is a period number of that frequency (period.h): a month number
 * (year * 12 + month - 1) for a monthly series, year * 4 + quarter - 1 for a
 * quarterly one, the year for a yearly one.  Every accessor maps dates to
 * periods and back with period.h's helpers (date_to_period, period_to_date,
 * periods_per_year), so a lag of a year is periods_per_year(s->frequency)
 * slots.  The fields and helpers named "month" below (nmonths,
 * series_month...) predate frequencies and count periods.
 *
 * Format versions.  Version 1 (release 1.0) had no frequency: its reserved
 * bytes were zero, which reads as SERIES_FREQ_MONTH, so a stored 1.0 value
 * is a monthly series.  Version 2 (release 1.1) has the frequency byte.
 * Version 3 (release 1.2) is a series with estimates: its "attrs" byte
 * (zero in versions 1 and 2, where it was reserved) has SERIES_ATTR_ESTIMATES,
 * and a bitmap follows the value slots (see "Layout").  Every stored value
 * is read through DatumGetIndicatorSeriesP, which rejects an unknown
 * version (series_check_format).  Builders write SERIES_FORMAT_VERSION, and
 * a series gets version 3 only with its bitmap (series_add_bitmap), so a
 * series without estimates keeps 1.1's image byte for byte, and 1.1 rejects
 * one with estimates rather than misreading it.  Equality and hashing must
 * ignore "version" and "flags" (a version-1 and a version-2 image of one
 * series are equal) but not the estimates.
 *
 * A derived series (one built from another: rebase, to_frequency, a
 * combination of two series) must carry its input's frequency: allocate it
 * with series_alloc_freq(..., input->frequency), or series_alloc() followed
 * by series_set_frequency(result, input->frequency).  series_alloc() alone
 * makes a monthly series, as in 1.0.  Functions combining two series must
 * reject different frequencies with series_check_same_frequency() (42804).
 *
 * Layout (a varlena, 8-byte aligned):
 *
 *	header		IndicatorSeries below
 *	values		capacity slots of slot_bytes each; the period "first" is slot
 *				"front":
 *				  numeric kind: mantissas at the series' scale, in the
 *				  smallest of int32, int64 and int128 (4, 8 or 16 bytes)
 *				  that holds every value of the series
 *				  float8 kind:  doubles, 8 bytes
 *
 *	estimates	only with SERIES_ATTR_ESTIMATES: ceil(capacity / 8) bytes,
 *				bit k (byte k / 8, bit k % 8) set when the value in slot k is
 *				an estimate, so a flag travels with its value when the span
 *				moves within the slots.  A finished series has this bitmap
 *				only when a present period is flagged, and no bit set for a
 *				missing period or beyond the span (series_compact sees to
 *				it), so equal series have equal images.
 *
 * A missing period holds a sentinel that no real value can take: the most
 * negative integer of the slot (no value in that slot may take it; int128
 * mantissas stay within +-10^38), or NaN (NaN input is an error).  So a period
 * costs its value's bytes and nothing else: 4 bytes for a period of up to 9
 * digits (2,147,483.647 at three decimals), 8 for up to 18, 16 beyond.
 *
 * A numeric series starts with int32 slots and is widened (copied to larger
 * slots) when a value needs it; compaction narrows it again when every value
 * fits, so a finished series has the smallest slots that hold its values,
 * and equal series have equal images.
 *
 * "capacity" exceeds "nmonths", and "front" is above zero, only in an
 * aggregate's state, which grows geometrically at either end and is updated
 * in place; the final functions, the text and binary forms and every stored
 * value have front == 0 and capacity == nmonths.
 */
#ifndef INDICATOR_SERIES_H
#define INDICATOR_SERIES_H

#include "postgres.h"
#include "pg_compat.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"

#include "fixed_numeric.h"
#include "float_result.h"
#include "period.h"
#include "series_parse.h"

#define SERIES_FORMAT_VERSION 2	/* written without estimates */
#define SERIES_FORMAT_VERSION_ESTIMATES 3	/* written with them */
#define SERIES_FORMAT_VERSION_MIN 1
#define SERIES_FORMAT_VERSION_MAX 3	/* 1 to 3 are read */

/* attrs: what the image holds beyond the values (zero before version 3) */
#define SERIES_ATTR_ESTIMATES 0x01	/* the estimate bitmap follows them */

/* Frequencies: zero (a 1.0 value's reserved byte) is the month. */
#define SERIES_FREQ_MONTH	PERIOD_FREQ_MONTH
#define SERIES_FREQ_QUARTER PERIOD_FREQ_QUARTER
#define SERIES_FREQ_YEAR	PERIOD_FREQ_YEAR

/*
 * flags: transient marks of an aggregate's state, cleared by the final
 * function, so zero in every finished or stored value.
 */
#define SERIES_FLAG_CHECK_QUARTERLY 0x01	/* series_agg without a frequency */

#define SERIES_KIND_NUMERIC 1	/* exact: numeric, integer or bigint input */
#define SERIES_KIND_FLOAT8	2	/* double precision input */

/*
 * An aggregate's state is allocated with room for at least ten years (512
 * bytes in 4-byte slots), and when it outgrows that, it grows to at least
 * twice its span: each growth is a copy, and the chunks it leaves behind
 * are not always reused.  Measured on 5,000 series x 120 months
 * arriving month by month: 1,720 bytes of aggregation memory per series
 * when the state started at 256 bytes and grew once, 882 bytes now.
 */
#define SERIES_GROWTH_MIN_MONTHS 120

/* Ten years of a frequency's periods: 120 months, 40 quarters, 10 years. */
static inline int32
series_growth_min(int frequency)
{
	return SERIES_GROWTH_MIN_MONTHS / months_per_period(frequency);
}

/* The longest span a series may cover: 1,000 years of months (periods). */
#define SERIES_MAX_MONTHS PARSE_MAX_MONTHS

typedef struct IndicatorSeries
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SERIES_FORMAT_VERSION */
	uint8		kind;			/* SERIES_KIND_* */
	int16		scale;			/* numeric kind: decimal scale of every value */
	int32		first;			/* period number of the first period of the span */
	int32		nmonths;		/* periods in the span, >= 1 */
	int32		npresent;		/* periods in the span that hold a value */
	int32		capacity;		/* value slots allocated, >= front + nmonths */
	int32		front;			/* spare slots before the first period */
	uint8		slot_bytes;		/* SERIES_SLOT_* */
	uint8		frequency;		/* SERIES_FREQ_* (version 1: zero, month) */
	uint8		flags;			/* SERIES_FLAG_*: zero once finished */
	uint8		attrs;			/* SERIES_ATTR_*: zero before version 3 */
	/* values follow */
} IndicatorSeries;

#define SERIES_HEADER_SIZE MAXALIGN(sizeof(IndicatorSeries))

/* Bytes per value slot. */
#define SERIES_SLOT_INT32 4		/* int32 mantissas (numeric kind only) */
#define SERIES_SLOT_INT64 8		/* int64 mantissas, or doubles */
#define SERIES_SLOT_INT128 16	/* int128 mantissas (numeric kind only) */

/* The slots a builder starts a series with. */
static inline uint8
series_first_slot(uint8 kind)
{
	return kind == SERIES_KIND_NUMERIC ? SERIES_SLOT_INT32 : SERIES_SLOT_INT64;
}

pg_noreturn extern void series_format_error(const IndicatorSeries *s);

/*
 * Every stored value is read through here: a version this code does not
 * know (a later release's, or a corrupt value) is an error, never misread.
 */
static inline IndicatorSeries *
series_check_format(IndicatorSeries *s)
{
	if (unlikely(s->version < SERIES_FORMAT_VERSION_MIN ||
				 s->version > SERIES_FORMAT_VERSION_MAX ||
				 s->frequency > SERIES_FREQ_YEAR ||
				 s->attrs != (s->version == SERIES_FORMAT_VERSION_ESTIMATES ?
							  SERIES_ATTR_ESTIMATES : 0)))
		series_format_error(s);
	return s;
}

#define DatumGetIndicatorSeriesP(d) series_check_format((IndicatorSeries *) PG_DETOAST_DATUM(d))
#define PG_GETARG_INDICATOR_SERIES_P(n) DatumGetIndicatorSeriesP(PG_GETARG_DATUM(n))
#define PG_RETURN_INDICATOR_SERIES_P(x) PG_RETURN_POINTER(x)

static inline Size
series_size(uint8 slot_bytes, int32 capacity)
{
	return SERIES_HEADER_SIZE + (Size) capacity * slot_bytes;
}

/* Bytes of the estimate bitmap of "capacity" slots. */
static inline Size
series_bitmap_size(int32 capacity)
{
	return ((Size) capacity + 7) / 8;
}

/* Whether s carries the estimate bitmap (an aggregate's state may have none set). */
static inline bool
series_has_bitmap(const IndicatorSeries *s)
{
	return (s->attrs & SERIES_ATTR_ESTIMATES) != 0;
}

/* The estimate bitmap of s, which must have one: bit k for slot k. */
static inline uint8 *
series_bitmap(const IndicatorSeries *s)
{
	Assert(series_has_bitmap(s));
	return (uint8 *) s + series_size(s->slot_bytes, s->capacity);
}

/* The whole image's size: the slots and, if any, the bitmap. */
static inline Size
series_total_size(const IndicatorSeries *s)
{
	return series_size(s->slot_bytes, s->capacity) +
		(series_has_bitmap(s) ? series_bitmap_size(s->capacity) : 0);
}

/* Whether month i of the span (0-based) is flagged as an estimate. */
static inline bool
series_flagged(const IndicatorSeries *s, int32 i)
{
	int32		k = s->front + i;

	return series_has_bitmap(s) && (series_bitmap(s)[k / 8] >> (k % 8)) & 1;
}

/* Flag or unflag month i of a series that has the bitmap. */
static inline void
series_set_flag(IndicatorSeries *s, int32 i, bool estimated)
{
	int32		k = s->front + i;
	uint8	   *byte = series_bitmap(s) + k / 8;

	if (estimated)
		*byte |= (uint8) (1 << (k % 8));
	else
		*byte &= (uint8) ~(1 << (k % 8));
}

/* The value of the first period of the span. */
static inline char *
series_values(const IndicatorSeries *s)
{
	return (char *) s + SERIES_HEADER_SIZE + (Size) s->front * s->slot_bytes;
}

/*
 * The values of a float8-kind series as an array of doubles, for loops over
 * every period.  The slots hold doubles in native representation (what
 * series_get_fp/series_set_fp memcpy) and are aligned for them: the header
 * size is MAXALIGN'd, the slots are 8 bytes, and a series is palloc'd (or,
 * as a datum of ALIGNMENT = double, stored aligned).
 */
static inline double *
series_fp_array(const IndicatorSeries *s)
{
	char	   *v = series_values(s);

	Assert(s->kind == SERIES_KIND_FLOAT8 && s->slot_bytes == sizeof(double));
	Assert((uintptr_t) v % sizeof(double) == 0);
	return (double *) (void *) v;
}

static inline int32
series_last(const IndicatorSeries *s)
{
	return s->first + s->nmonths - 1;
}

/*
 * A level: one period's value or a sum of periods, exact (mantissa at the
 * series' scale) for the numeric kind, a double for the float8 kind.
 */
typedef struct Level
{
	int128		exact;
	double		fp;
} Level;

#define SERIES_MISSING_EXACT ((int128) (((uint128) 1) << 127))
#define SERIES_MISSING_INT32 PG_INT32_MIN
#define SERIES_MISSING_INT64 PG_INT64_MIN

/* The smallest numeric slot that holds mantissa m. */
static inline uint8
series_slot_for(int128 m)
{
	if (m > PG_INT32_MIN && m <= PG_INT32_MAX)
		return SERIES_SLOT_INT32;
	if (m > PG_INT64_MIN && m <= PG_INT64_MAX)
		return SERIES_SLOT_INT64;
	return SERIES_SLOT_INT128;
}

/* Period i of the span (0-based): false when it is missing. */
static inline bool
series_get(const IndicatorSeries *s, int32 i, Level *out)
{
	if (s->kind == SERIES_KIND_NUMERIC && s->slot_bytes == SERIES_SLOT_INT32)
	{
		int32		m;

		memcpy(&m, series_values(s) + (Size) i * sizeof(int32), sizeof(int32));
		out->exact = m;
		out->fp = 0;
		return m != SERIES_MISSING_INT32;
	}
	else if (s->kind == SERIES_KIND_NUMERIC && s->slot_bytes == SERIES_SLOT_INT64)
	{
		int64		m;

		memcpy(&m, series_values(s) + (Size) i * sizeof(int64), sizeof(int64));
		out->exact = m;
		out->fp = 0;
		return m != SERIES_MISSING_INT64;
	}
	else if (s->kind == SERIES_KIND_NUMERIC)
	{
		int128		m;

		memcpy(&m, series_values(s) + (Size) i * sizeof(int128), sizeof(int128));
		out->exact = m;
		out->fp = 0;
		return m != SERIES_MISSING_EXACT;
	}
	else
	{
		double		d;

		memcpy(&d, series_values(s) + (Size) i * sizeof(double), sizeof(double));
		out->fp = d;
		out->exact = 0;
		return !isnan(d);
	}
}

/*
 * Store a mantissa, or the missing mark SERIES_MISSING_EXACT, in a slot that
 * can hold it (see series_put_exact for one that may not).
 */
static inline void
series_set_exact(IndicatorSeries *s, int32 i, int128 m)
{
	Assert(m == SERIES_MISSING_EXACT || series_slot_for(m) <= s->slot_bytes);
	if (s->slot_bytes == SERIES_SLOT_INT32)
	{
		int32		m32 = m == SERIES_MISSING_EXACT ? SERIES_MISSING_INT32 : (int32) m;

		memcpy(series_values(s) + (Size) i * sizeof(int32), &m32, sizeof(int32));
	}
	else if (s->slot_bytes == SERIES_SLOT_INT64)
	{
		int64		m64 = m == SERIES_MISSING_EXACT ? SERIES_MISSING_INT64 : (int64) m;

		memcpy(series_values(s) + (Size) i * sizeof(int64), &m64, sizeof(int64));
	}
	else
		memcpy(series_values(s) + (Size) i * sizeof(int128), &m, sizeof(int128));
}

static inline void
series_set_fp(IndicatorSeries *s, int32 i, double d)
{
	memcpy(series_values(s) + (Size) i * sizeof(double), &d, sizeof(double));
}

/*
 * The value of a period (of the series' frequency; a calendar month for a
 * monthly series): false when outside the span or missing.
 */
static inline bool
series_month(const IndicatorSeries *s, int64 month, Level *out)
{
	if (month < s->first || month > series_last(s))
		return false;
	return series_get(s, (int32) (month - s->first), out);
}

static inline void
series_set_frequency(IndicatorSeries *s, uint8 frequency)
{
	Assert(frequency <= SERIES_FREQ_YEAR);
	s->frequency = frequency;
}

/* How two series are combined, for series_check_same_frequency's message. */
typedef enum SeriesCombination
{
	SERIES_COMBINE_COMPARE,		/* attainment and gap: a series against a plan */
	SERIES_COMBINE_MERGE,		/* series_merge, series_agg's combine function */
	SERIES_COMBINE_ADD,			/* series_sum, series_sum_present, series_count */
	SERIES_COMBINE_OTHER		/* indices.c: components, contributions */
} SeriesCombination;

/* series.c */
extern IndicatorSeries *series_alloc(uint8 kind, uint8 slot_bytes, int16 scale,
									 int32 first, int32 nmonths, int32 capacity);
extern IndicatorSeries *series_alloc_freq(uint8 kind, uint8 slot_bytes, int16 scale,
										  int32 first, int32 nperiods, int32 capacity,
										  uint8 frequency);
extern void series_check_same_frequency(const IndicatorSeries *a,
										const IndicatorSeries *b, SeriesCombination what);
extern void series_check_period(int32 period, uint8 frequency);
extern void series_check_period_span(int32 first, int32 last, uint8 frequency);
extern void duplicate_period_error(int32 period, uint8 frequency);
extern IndicatorSeries *series_trim_copy(const IndicatorSeries *s);
extern IndicatorSeries *series_put_exact(IndicatorSeries *s, int32 i, int128 m);
extern void series_set_missing(IndicatorSeries *s, int32 from, int32 count);
extern void series_period_scale_error(int32 period, uint8 frequency, int scale);
extern IndicatorSeries *series_rescale(IndicatorSeries *s, int16 scale);
extern int32 series_growth_capacity(uint8 slot_bytes, int32 needed);
extern IndicatorSeries *series_compact(const IndicatorSeries *s);
extern IndicatorSeries *series_copy_year_room(const IndicatorSeries *s);
extern IndicatorSeries *series_add_bitmap(const IndicatorSeries *s);
extern IndicatorSeries *series_extend(IndicatorSeries *s, int32 first, int32 last,
									  bool in_place);
extern Datum indicator_series_in(PG_FUNCTION_ARGS);
extern Datum indicator_series_out(PG_FUNCTION_ARGS);
extern Datum indicator_series_send(PG_FUNCTION_ARGS);
extern Datum indicator_series_recv(PG_FUNCTION_ARGS);

/*
 * The binary input functions' errors (indicator_series, index_agg_state,
 * vintage_state): 22P03 "invalid binary data for type <type_name>" with
 * the detail; binary_input_need raises "The data ends early." when fewer
 * than "bytes" remain (not pq_getmsg*'s protocol violation).  A numeric
 * value's 128-bit mantissa is sent as two int64, high first;
 * binary_recv_mantissa refuses one of more than 38 digits.
 */
pg_noreturn extern void binary_input_error(const char *type_name, const char *detail);
extern void binary_input_need(StringInfo buf, int bytes, const char *type_name);
extern void binary_send_mantissa(StringInfo buf, int128 m);
extern int128 binary_recv_mantissa(StringInfo buf, const char *type_name);

/* The period of s that holds a date argument (accessors.c, ranges.c). */
static inline int64
period_arg(FunctionCallInfo fcinfo, int argno, const IndicatorSeries *s, const char *argname)
{
	return month_to_period(date_to_month(PG_GETARG_DATEADT(argno), argname), s->frequency);
}

/*
 * The periods of s named by first_period and last_period (arguments argno
 * and argno + 1), or the error that the range runs backwards (series.c).
 */
extern void period_range_args(FunctionCallInfo fcinfo, int argno, const IndicatorSeries *s,
							  int64 *first, int64 *last);

#endif							/* INDICATOR_SERIES_H */
