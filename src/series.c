/*
 * series.c
 *	  The indicator_series type: allocation, checks shared by every builder
 *	  of a series, and the text and binary input/output functions.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/float.h"

#include "series.h"

INDICATOR_MODULE_MAGIC;

StaticAssertDecl(INDICATOR_MIN_YEAR == PARSE_MIN_YEAR && INDICATOR_MAX_YEAR == PARSE_MAX_YEAR,
				 "parser and type disagree on the years a series may cover");
StaticAssertDecl(FIXED_MAX_DIGITS == PARSE_MAX_DIGITS, "parser and type disagree on digits");
StaticAssertDecl(SERIES_HEADER_SIZE % MAXIMUM_ALIGNOF == 0, "values must start aligned");

/*
 * A series of "capacity" slots of slot_bytes, all missing, in the current
 * memory context, of the given frequency (first is a period number of it).
 * Builders start with series_first_slot(kind), and series_put_exact widens a
 * numeric series when a value needs it.
 */
IndicatorSeries *
series_alloc_freq(uint8 kind, uint8 slot_bytes, int16 scale, int32 first, int32 nperiods,
				  int32 capacity, uint8 frequency)
{
	Size		size = series_size(slot_bytes, capacity);
	IndicatorSeries *s = (IndicatorSeries *) palloc(size);

	Assert(nperiods >= 1 && nperiods <= capacity && capacity <= SERIES_MAX_MONTHS);
	Assert(slot_bytes == SERIES_SLOT_INT64 || kind == SERIES_KIND_NUMERIC);
	Assert(frequency <= SERIES_FREQ_YEAR);
	/* every byte is defined, padding included: it reaches disk, WAL and dumps */
	memset(s, 0, SERIES_HEADER_SIZE);
	SET_VARSIZE(s, size);
	s->version = SERIES_FORMAT_VERSION;
	s->kind = kind;
	s->scale = scale;
	s->first = first;
	s->nmonths = nperiods;
	s->npresent = 0;
	s->capacity = capacity;
	s->front = 0;
	s->slot_bytes = slot_bytes;
	s->frequency = frequency;
	series_set_missing(s, 0, capacity);
	return s;
}

/* A monthly series (see series_alloc_freq), as every builder of 1.0 made. */
IndicatorSeries *
series_alloc(uint8 kind, uint8 slot_bytes, int16 scale, int32 first, int32 nmonths,
			 int32 capacity)
{
	return series_alloc_freq(kind, slot_bytes, scale, first, nmonths, capacity,
							 SERIES_FREQ_MONTH);
}

/*
 * A copy of s (the same capacity and spare slots) with an estimate bitmap,
 * no slot flagged, in the current memory context: version 3.  Every other
 * builder copies the bitmap it is given, so a series gets one only here.
 */
IndicatorSeries *
series_add_bitmap(const IndicatorSeries *s)
{
	Size		values = series_size(s->slot_bytes, s->capacity);
	Size		size = values + series_bitmap_size(s->capacity);
	IndicatorSeries *copy = (IndicatorSeries *) palloc(size);

	Assert(!series_has_bitmap(s));
	memcpy(copy, s, values);
	memset((char *) copy + values, 0, size - values);
	SET_VARSIZE(copy, size);
	copy->version = SERIES_FORMAT_VERSION_ESTIMATES;
	copy->attrs = SERIES_ATTR_ESTIMATES;
	return copy;
}

/*
 * Flag in dst (which has the bitmap, its periods from dst_i unflagged) the
 * n periods from dst_i that are flagged in src from src_i.
 */
static void
series_copy_flags(IndicatorSeries *dst, int32 dst_i, const IndicatorSeries *src,
				  int32 src_i, int32 n)
{
	for (int32 i = 0; i < n; i++)
		if (series_flagged(src, src_i + i))
			series_set_flag(dst, dst_i + i, true);
}

/* Whether a present period of s is flagged: only then does a finished series keep its bitmap. */
static bool
series_any_flagged(const IndicatorSeries *s)
{
	if (!series_has_bitmap(s))
		return false;
	for (int32 i = 0; i < s->nmonths; i++)
	{
		Level		v;

		if (series_flagged(s, i) && series_get(s, i, &v))
			return true;
	}
	return false;
}

/* A stored value of a format version this code cannot read. */
void
series_format_error(const IndicatorSeries *s)
{
	if (s->version < SERIES_FORMAT_VERSION_MIN || s->version > SERIES_FORMAT_VERSION_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("indicator_series format version %d is not supported", s->version),
				 errdetail("This version of indicator reads format versions %d to %d.",
						   SERIES_FORMAT_VERSION_MIN, SERIES_FORMAT_VERSION_MAX),
				 errhint("The value was written by a later release of indicator, or is corrupt.")));
	if (s->frequency <= SERIES_FREQ_YEAR)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("indicator_series attributes %d do not match format version %d",
						s->attrs, s->version),
				 errhint("The value is corrupt.")));
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("indicator_series frequency %d is not supported", s->frequency),
			 errhint("The value was written by a later release of indicator, or is corrupt.")));
}

/*
 * Two series combined period by period must have one frequency (42804);
 * "what" says how they are combined.  The frequencies are named as
 * frequency() returns them, as values.
 */
void
series_check_same_frequency(const IndicatorSeries *a, const IndicatorSeries *b,
							SeriesCombination what)
{
	if (a->frequency == b->frequency)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 what == SERIES_COMBINE_COMPARE ?
			 errmsg("cannot compare series of different frequencies") :
			 what == SERIES_COMBINE_MERGE ?
			 errmsg("cannot merge series of different frequencies") :
			 what == SERIES_COMBINE_ADD ?
			 errmsg("cannot add series of different frequencies") :
			 errmsg("cannot combine series of different frequencies"),
			 errdetail("The frequencies are \"%s\" and \"%s\".",
					   frequency_name(a->frequency), frequency_name(b->frequency)),
			 errhint("Build every series with the same frequency, or convert one with to_frequency().")));
}

/*
 * A copy of s in the current memory context with slots of slot_bytes (the
 * same capacity and spare slots), every mantissa fitting them.
 */
static IndicatorSeries *
series_with_slots(const IndicatorSeries *s, uint8 slot_bytes)
{
	IndicatorSeries *copy = series_alloc_freq(s->kind, slot_bytes, s->scale, s->first,
											  s->nmonths, s->capacity, s->frequency);

	copy->flags = s->flags;
	copy->front = s->front;
	copy->npresent = s->npresent;
	for (int32 i = 0; i < s->nmonths; i++)
	{
		Level		v;

		if (series_get(s, i, &v))
			series_set_exact(copy, i, v.exact);
	}
	if (series_has_bitmap(s))
	{
		IndicatorSeries *flagged = series_add_bitmap(copy);

		/* the same capacity and front: the same bits */
		memcpy(series_bitmap(flagged), series_bitmap(s), series_bitmap_size(s->capacity));
		pfree(copy);
		copy = flagged;
	}
	return copy;
}

/*
 * Store mantissa m in month i of a numeric series, widening the series
 * first (a copy in the current memory context) when its slots cannot hold
 * m.  Returns the series that holds it.
 */
IndicatorSeries *
series_put_exact(IndicatorSeries *s, int32 i, int128 m)
{
	uint8		slot_bytes = series_slot_for(m);

	Assert(s->kind == SERIES_KIND_NUMERIC);
	if (slot_bytes > s->slot_bytes)
		s = series_with_slots(s, slot_bytes);
	series_set_exact(s, i, m);
	return s;
}

/* Mark slots from..from+count-1 missing (and not estimates). */
void
series_set_missing(IndicatorSeries *s, int32 from, int32 count)
{
	for (int32 i = from; i < from + count; i++)
	{
		if (s->kind == SERIES_KIND_NUMERIC)
			series_set_exact(s, i, SERIES_MISSING_EXACT);
		else
			series_set_fp(s, i, get_float8_nan());
		if (series_has_bitmap(s))
			series_set_flag(s, i, false);
	}
}

/* A period (of a frequency) a series may hold: years 1 to 9999. */
void
series_check_period(int32 period, uint8 frequency)
{
	if (likely(frequency == SERIES_FREQ_MONTH &&
			   period >= INDICATOR_MIN_MONTH && period <= INDICATOR_MAX_MONTH))
		return;
	if (period < period_min(frequency) || period > period_max(frequency))
	{
		char		label[PERIOD_TEXT_LEN];

		period_to_text(period, frequency, label);
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("period %s is out of range for indicator_series", label),
				 errdetail("A series holds periods of the years %d to %d.",
						   INDICATOR_MIN_YEAR, INDICATOR_MAX_YEAR)));
	}
}

/* A span a series may cover: at most SERIES_MAX_MONTHS periods. */
void
series_check_period_span(int32 first, int32 last, uint8 frequency)
{
	if ((int64) last - first + 1 > SERIES_MAX_MONTHS)
	{
		char		from[PERIOD_TEXT_LEN];
		char		to[PERIOD_TEXT_LEN];

		period_to_text(first, frequency, from);
		period_to_text(last, frequency, to);
		if (frequency == SERIES_FREQ_MONTH)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("series from %s to %s spans more than %d months", from, to,
							SERIES_MAX_MONTHS),
					 errdetail("A series spans at most %d months (%d years).",
							   SERIES_MAX_MONTHS, SERIES_MAX_MONTHS / 12),
					 errhint("Check the periods for a mistyped year.")));
		if (frequency == SERIES_FREQ_QUARTER)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("series from %s to %s spans more than %d quarters", from, to,
							SERIES_MAX_MONTHS),
					 errdetail("A series spans at most %d periods.", SERIES_MAX_MONTHS),
					 errhint("Check the periods for a mistyped year.")));
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("series from %s to %s spans more than %d years", from, to,
						SERIES_MAX_MONTHS),
				 errdetail("A series spans at most %d periods.", SERIES_MAX_MONTHS),
				 errhint("Check the periods for a mistyped year.")));
	}
}

/* Two values for one period, named in the series' own form. */
void
duplicate_period_error(int32 period, uint8 frequency)
{
	char		label[PERIOD_TEXT_LEN];

	period_to_text(period, frequency, label);
	if (frequency == SERIES_FREQ_MONTH)
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("more than one value for month %s", label),
				 errdetail("A series holds one value per month."),
				 errhint("Group by every column that identifies a series, or sum the rows of a month first.")));
	if (frequency == SERIES_FREQ_QUARTER)
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("more than one value for quarter %s", label),
				 errdetail("A series holds one value per quarter."),
				 errhint("Group by every column that identifies a series, or sum the rows of a quarter first.")));
	ereport(ERROR,
			(errcode(ERRCODE_CARDINALITY_VIOLATION),
			 errmsg("more than one value for year %s", label),
			 errdetail("A series holds one value per year."),
			 errhint("Group by every column that identifies a series, or sum the rows of a year first.")));
}

/* A value that needs more than FIXED_MAX_DIGITS digits at the series' scale. */
void
series_period_scale_error(int32 period, uint8 frequency, int scale)
{
	char		label[PERIOD_TEXT_LEN];

	period_to_text(period, frequency, label);
	if (frequency == SERIES_FREQ_MONTH)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value for month %s cannot be held exactly at %d decimals", label, scale),
				 errdetail("indicator_series holds numeric values of at most %d digits, all at the scale of the value with most decimals.",
						   FIXED_MAX_DIGITS)));
	if (frequency == SERIES_FREQ_QUARTER)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value for quarter %s cannot be held exactly at %d decimals", label, scale),
				 errdetail("indicator_series holds numeric values of at most %d digits, all at the scale of the value with most decimals.",
						   FIXED_MAX_DIGITS)));
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value for year %s cannot be held exactly at %d decimals", label, scale),
			 errdetail("indicator_series holds numeric values of at most %d digits, all at the scale of the value with most decimals.",
					   FIXED_MAX_DIGITS)));
}

/*
 * Bring every value of a numeric series, in place, to a larger scale
 * (widening it, into a copy, if a value then needs it).  Returns the series.
 */
IndicatorSeries *
series_rescale(IndicatorSeries *s, int16 scale)
{
	int			k = scale - s->scale;

	Assert(s->kind == SERIES_KIND_NUMERIC && k >= 0);
	for (int32 i = 0; k > 0 && i < s->nmonths; i++)
	{
		Level		v;

		if (!series_get(s, i, &v))
			continue;
		if (!fixed_rescale(v.exact, k, &v.exact))
			series_period_scale_error(s->first + i, s->frequency, scale);
		s = series_put_exact(s, i, v.exact);
	}
	s->scale = scale;
	return s;
}

/*
 * The capacity to allocate for at least "needed" months when a series is
 * growing: the most that fits in the power-of-two size that memory
 * contexts round the allocation up to anyway (AllocSet does so for chunks
 * up to 8 kB), so that a state of 120 months in 4-byte slots takes a
 * 512-byte chunk, not 1 kB.
 */
int32
series_growth_capacity(uint8 slot_bytes, int32 needed)
{
	Size		size = 256;

	while (size < series_size(slot_bytes, needed))
		size *= 2;
	return Min((int32) ((size - SERIES_HEADER_SIZE) / slot_bytes), SERIES_MAX_MONTHS);
}

/*
 * The series extended to cover first..last as well as its own span, with
 * the new months missing.  With in_place (the caller owns s, as an
 * aggregate owns its state) it is changed in place when its spare slots
 * allow; otherwise the result is a new series in the current memory
 * context.  When in_place, a new series gets room to grow on the side it
 * grew (its capacity at least twice the old span), so that months arriving
 * in ascending or descending order cost amortized constant time, and the
 * capacity stays within a small multiple of the span whatever the order.
 */
IndicatorSeries *
series_extend(IndicatorSeries *s, int32 first, int32 last, bool in_place)
{
	int32		new_first = Min(s->first, first);
	int32		new_last = Max(series_last(s), last);
	int32		slot0 = s->first - s->front;	/* the month of slot 0 */
	int32		needed;
	int32		capacity;
	IndicatorSeries *grown;

	if (in_place && new_first >= slot0 && new_last < slot0 + s->capacity)
	{
		s->front -= s->first - new_first;
		s->first = new_first;
		s->nmonths = new_last - new_first + 1;
		return s;
	}

	series_check_period_span(new_first, new_last, s->frequency);
	needed = new_last - new_first + 1;
	capacity = needed;
	if (in_place)
		capacity = series_growth_capacity(s->slot_bytes, Max(Max(needed, 2 * s->nmonths),
																 series_growth_min(s->frequency)));

	grown = series_alloc_freq(s->kind, s->slot_bytes, s->scale, new_first, needed, capacity,
							  s->frequency);
	grown->flags = s->flags;
	if (in_place && new_first < s->first)
		grown->front = capacity - needed;	/* growing downwards: room in front */
	grown->npresent = s->npresent;
	memcpy(series_values(grown) + (Size) (s->first - new_first) * s->slot_bytes,
		   series_values(s),
		   (Size) s->nmonths * s->slot_bytes);
	if (series_has_bitmap(s))
	{
		IndicatorSeries *flagged = series_add_bitmap(grown);

		pfree(grown);
		grown = flagged;
		series_copy_flags(grown, s->first - new_first, s, 0, s->nmonths);
	}
	return grown;
}

/* The smallest slots that hold every value of a numeric series. */
static uint8
series_needed_slot(const IndicatorSeries *s)
{
	uint8		needed = SERIES_SLOT_INT32;

	for (int32 i = 0; i < s->nmonths && needed < s->slot_bytes; i++)
	{
		Level		v;

		if (series_get(s, i, &v))
			needed = Max(needed, series_slot_for(v.exact));
	}
	return needed;
}

/*
 * A copy whose capacity is its span, in the smallest slots that hold its
 * values, with an estimate bitmap only when a present period is flagged
 * (and then no bit set for a missing period): the form every finished
 * series has.
 */
IndicatorSeries *
series_compact(const IndicatorSeries *s)
{
	uint8		slot_bytes = s->kind == SERIES_KIND_NUMERIC ? series_needed_slot(s) : s->slot_bytes;
	bool		flagged = series_any_flagged(s);
	Size		size;
	IndicatorSeries *copy;

	if (slot_bytes < s->slot_bytes)
	{
		copy = series_with_slots(s, slot_bytes);
		if (copy->capacity == copy->nmonths && !series_has_bitmap(copy))
			return copy;
		s = copy;
	}
	size = series_size(s->slot_bytes, s->nmonths) +
		(flagged ? series_bitmap_size(s->nmonths) : 0);
	copy = (IndicatorSeries *) palloc(size);
	memcpy(copy, s, SERIES_HEADER_SIZE);
	SET_VARSIZE(copy, size);
	copy->capacity = s->nmonths;
	copy->front = 0;
	memcpy(series_values(copy), series_values(s), (Size) s->nmonths * s->slot_bytes);
	if (!flagged)
	{
		if (series_has_bitmap(s))
			copy->version = SERIES_FORMAT_VERSION;
		copy->attrs = 0;
		return copy;
	}
	copy->version = SERIES_FORMAT_VERSION_ESTIMATES;
	copy->attrs = SERIES_ATTR_ESTIMATES;
	memset(series_bitmap(copy), 0, series_bitmap_size(copy->capacity));
	for (int32 i = 0; i < s->nmonths; i++)
	{
		Level		v;

		if (series_flagged(s, i) && series_get(s, i, &v))
			series_set_flag(copy, i, true);
	}
	return copy;
}

/*
 * A copy with s's room (its capacity), its periods placed so that the room
 * starts at the first period of their first year where the room allows:
 * what a combine function keeps of a parallel aggregate's first partial
 * state.  The other processes' partial states of the series start at other
 * periods of that year (each where its first block of the series happened
 * to be), and then fit in the room and are merged in place, where a state
 * that started later than they do would have to grow (a copy) to take them.
 */
IndicatorSeries *
series_copy_year_room(const IndicatorSeries *s)
{
	int32		front = Min(s->first % periods_per_year(s->frequency), s->capacity - s->nmonths);
	IndicatorSeries *copy = (IndicatorSeries *) palloc(series_total_size(s));

	memcpy(copy, s, SERIES_HEADER_SIZE);
	if (series_has_bitmap(copy))
		memset(series_bitmap(copy), 0, series_bitmap_size(copy->capacity));
	copy->front = 0;
	series_set_missing(copy, 0, copy->capacity);
	copy->front = front;
	memcpy(series_values(copy), series_values(s), (Size) s->nmonths * s->slot_bytes);
	series_copy_flags(copy, 0, s, 0, s->nmonths);
	return copy;
}

/* The parser's arrays hold int128, which the compiler may access as 16-byte aligned. */
static void *
parse_palloc(size_t size)
{
	return (void *) TYPEALIGN(16, palloc(size + 16));
}

/* indicator_series_in(cstring): the text form, see series_parse.h */
PG_FUNCTION_INFO_V1(indicator_series_in);
Datum
indicator_series_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	ParsedSeries parsed;
	char		err[256];
	uint8		kind;
	IndicatorSeries *s;

	if (series_parse(text, &parsed, parse_palloc, err, sizeof(err)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type indicator_series: \"%.60s%s\"",
						text, strlen(text) > 60 ? "..." : ""),
				 errdetail("%s", err)));

	kind = parsed.kind == PARSE_KIND_NUMERIC ? SERIES_KIND_NUMERIC : SERIES_KIND_FLOAT8;
	StaticAssertStmt(PARSE_FREQ_MONTH == SERIES_FREQ_MONTH &&
					 PARSE_FREQ_QUARTER == SERIES_FREQ_QUARTER &&
					 PARSE_FREQ_YEAR == SERIES_FREQ_YEAR, "parser and type disagree on frequencies");
	s = series_alloc_freq(kind, series_first_slot(kind), (int16) parsed.scale, parsed.first,
						  parsed.nmonths, parsed.nmonths, (uint8) parsed.frequency);
	for (int32 i = 0; i < parsed.nmonths; i++)
	{
		if (s->kind == SERIES_KIND_NUMERIC)
		{
			if (parsed.exact[i] == SERIES_MISSING_EXACT)
				continue;
			s = series_put_exact(s, i, parsed.exact[i]);
			s->npresent++;
		}
		else
		{
			series_set_fp(s, i, parsed.fp[i]);
			s->npresent += !isnan(parsed.fp[i]);
		}
	}
	if (parsed.nestimated > 0)
	{
		/* the parser marks present values only */
		s = series_add_bitmap(s);
		for (int32 i = 0; i < parsed.nmonths; i++)
			if (parsed.estimated[i])
				series_set_flag(s, i, true);
	}
	PG_RETURN_INDICATOR_SERIES_P(s);
}

/* indicator_series_out(indicator_series): the canonical text form */
PG_FUNCTION_INFO_V1(indicator_series_out);
Datum
indicator_series_out(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, s->kind == SERIES_KIND_NUMERIC ? "numeric {" : "float8 {");
	for (int32 i = 0; i < s->nmonths; i++)
	{
		char		label[PERIOD_TEXT_LEN];
		char		value[Max(48, DOUBLE_SHORTEST_DECIMAL_LEN)];
		Level		v;

		period_to_text(s->first + i, s->frequency, label);
		if (!series_get(s, i, &v))
			strcpy(value, "NULL");
		else if (s->kind == SERIES_KIND_NUMERIC)
			format_fixed(v.exact, s->scale, value);
		else
			double_to_shortest_decimal_buf(v.fp, value);
		/* an aggregate's state may flag a period that became missing: not shown */
		appendStringInfo(&buf, "%s%s: %s%s", i > 0 ? ", " : "", label, value,
						 series_flagged(s, i) && strcmp(value, "NULL") != 0 ? "*" : "");
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Binary form, in network byte order:
 *	int8 version, int8 kind, [versions 2 and 3: int8 frequency (1 quarter,
 *	2 year)], int16 scale, int32 first period, int32 periods, then per
 *	period an int8 flag (0 = missing, 1 = present, version 3 also 2 =
 *	present and an estimate) and, when present, the value: numeric kind two
 *	int64 (high, low halves of the mantissa), float8 kind a float8.
 * A monthly series without estimates is sent as version 1, byte for byte as
 * release 1.0 sent it (so 1.0 and every client that reads 1.0's form still
 * read it); a quarterly or yearly one as version 2, which 1.0 rejects
 * rather than misreads, byte for byte as 1.1 sent it; a series with
 * estimates as version 3, which 1.0 and 1.1 reject.  All three are read.
 */
PG_FUNCTION_INFO_V1(indicator_series_send);
Datum
indicator_series_send(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	StringInfoData buf;

	bool		estimates = series_has_bitmap(s);
	int			version = estimates ? 3 : s->frequency == SERIES_FREQ_MONTH ? 1 : 2;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, version);
	pq_sendbyte(&buf, s->kind);
	if (version >= 2)
		pq_sendbyte(&buf, s->frequency);
	pq_sendint16(&buf, s->scale);
	pq_sendint32(&buf, s->first);
	pq_sendint32(&buf, s->nmonths);
	for (int32 i = 0; i < s->nmonths; i++)
	{
		Level		v;
		bool		present = series_get(s, i, &v);

		pq_sendbyte(&buf, !present ? 0 : estimates && series_flagged(s, i) ? 2 : 1);
		if (!present)
			continue;
		if (s->kind == SERIES_KIND_NUMERIC)
			binary_send_mantissa(&buf, v.exact);
		else
			pq_sendfloat8(&buf, v.fp);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

void
binary_input_error(const char *type_name, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary data for type %s", type_name),
			 errdetail("%s", detail)));
}

void
binary_input_need(StringInfo buf, int bytes, const char *type_name)
{
	if (buf->len - buf->cursor < bytes)
		binary_input_error(type_name, "The data ends early.");
}

void
binary_send_mantissa(StringInfo buf, int128 m)
{
	pq_sendint64(buf, (int64) (m >> 64));
	pq_sendint64(buf, (int64) (uint64) m);
}

int128
binary_recv_mantissa(StringInfo buf, const char *type_name)
{
	int128		hi;
	uint64		lo;
	int128		m;

	binary_input_need(buf, 16, type_name);
	hi = (int128) (int64) pq_getmsgint64(buf);
	lo = (uint64) pq_getmsgint64(buf);
	m = (int128) (((uint128) hi << 64) | lo);
	if (!fixed_in_range(m))
		binary_input_error(type_name, "A value has more than 38 digits.");
	return m;
}

static void
recv_error(const char *detail)
{
	binary_input_error("indicator_series", detail);
}

static void
recv_need(StringInfo buf, int bytes)
{
	binary_input_need(buf, bytes, "indicator_series");
}

/* indicator_series_recv(internal): format versions 1 (months), 2 and 3 (estimates) */
PG_FUNCTION_INFO_V1(indicator_series_recv);
Datum
indicator_series_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int			kind;
	int			frequency = SERIES_FREQ_MONTH;
	int			scale;
	int32		first;
	int32		nmonths;
	IndicatorSeries *s;
	bool	   *estimated = NULL;
	bool		any_estimated = false;

	recv_need(buf, 1);
	version = pq_getmsgbyte(buf);
	if (version < SERIES_FORMAT_VERSION_MIN || version > SERIES_FORMAT_VERSION_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported indicator_series binary format version %d", version),
				 errdetail("This version of indicator reads format versions %d to %d.",
						   SERIES_FORMAT_VERSION_MIN, SERIES_FORMAT_VERSION_MAX)));
	recv_need(buf, version == 1 ? 11 : 12);
	kind = pq_getmsgbyte(buf);
	if (kind != SERIES_KIND_NUMERIC && kind != SERIES_KIND_FLOAT8)
		recv_error("The kind is neither numeric nor float8.");
	if (version >= 2)
	{
		frequency = pq_getmsgbyte(buf);
		if (frequency > SERIES_FREQ_YEAR)
			recv_error("The frequency is neither month, quarter nor year.");
	}
	scale = (int16) pq_getmsgint(buf, 2);
	if (scale < 0 || scale > FIXED_MAX_SCALE || (kind == SERIES_KIND_FLOAT8 && scale != 0))
		recv_error("The scale is out of range.");
	first = pq_getmsgint(buf, 4);
	nmonths = pq_getmsgint(buf, 4);
	if (nmonths < 1 || nmonths > SERIES_MAX_MONTHS)
		recv_error("The number of periods is out of range.");
	if (first < period_min(frequency) || first > period_max(frequency) - nmonths + 1)
		recv_error("The periods are out of range.");

	s = series_alloc_freq((uint8) kind, series_first_slot((uint8) kind), (int16) scale, first,
						  nmonths, nmonths, (uint8) frequency);
	if (version == SERIES_FORMAT_VERSION_ESTIMATES)
		estimated = palloc0(sizeof(bool) * nmonths);
	for (int32 i = 0; i < nmonths; i++)
	{
		int			flag;

		recv_need(buf, 1);
		flag = pq_getmsgbyte(buf);
		if (flag == 0)
			continue;
		if (flag == 2 && estimated != NULL)
			estimated[i] = any_estimated = true;
		else if (flag != 1)
		{
			if (estimated != NULL)
				recv_error("A period's flag is neither 0, 1 nor 2.");
			else
				recv_error("A period's presence flag is neither 0 nor 1.");
		}
		if (kind == SERIES_KIND_NUMERIC)
			s = series_put_exact(s, i, binary_recv_mantissa(buf, "indicator_series"));
		else
		{
			double		d;

			recv_need(buf, 8);
			d = pq_getmsgfloat8(buf);

			if (!isfinite(d))
				recv_error("A value is NaN or infinite.");
			series_set_fp(s, i, d);
		}
		s->npresent++;
	}
	if (buf->cursor != buf->len)
		recv_error("The data goes on after the last period.");
	/* version 3 with no period flagged is a series without estimates */
	if (any_estimated)
	{
		s = series_add_bitmap(s);
		for (int32 i = 0; i < nmonths; i++)
			if (estimated[i])
				series_set_flag(s, i, true);
	}
	PG_RETURN_INDICATOR_SERIES_P(s);
}

/*
 * A copy of s without the missing periods at the ends of its span, in its
 * smallest form; NULL when every period is missing.
 */
IndicatorSeries *
series_trim_copy(const IndicatorSeries *s)
{
	int32		lo = 0;
	int32		hi = s->nmonths - 1;
	Level		v;
	IndicatorSeries *trimmed;

	if (s->npresent == 0)
		return NULL;
	while (!series_get(s, lo, &v))
		lo++;
	while (!series_get(s, hi, &v))
		hi--;
	trimmed = series_alloc_freq(s->kind, s->slot_bytes, s->scale, s->first + lo,
								hi - lo + 1, hi - lo + 1, s->frequency);
	trimmed->npresent = s->npresent;
	memcpy(series_values(trimmed), series_values(s) + (Size) lo * s->slot_bytes,
		   (Size) (hi - lo + 1) * s->slot_bytes);
	if (series_has_bitmap(s))
	{
		trimmed = series_add_bitmap(trimmed);
		series_copy_flags(trimmed, 0, s, lo, hi - lo + 1);
	}
	return series_compact(trimmed);
}

void
period_range_args(FunctionCallInfo fcinfo, int argno, const IndicatorSeries *s,
				  int64 *first, int64 *last)
{
	*first = period_arg(fcinfo, argno, s, "first_period");
	*last = period_arg(fcinfo, argno + 1, s, "last_period");
	if (*first > *last)
	{
		char		a[PERIOD_TEXT_LEN];
		char		b[PERIOD_TEXT_LEN];

		period_to_text(*first, s->frequency, a);
		period_to_text(*last, s->frequency, b);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("first_period %s is after last_period %s", a, b),
				 errhint("Pass the earlier period first: a range runs from first_period through last_period.")));
	}
}
