/*
 * vintage.c
 *	  The aggregates vintage_agg and first_release_agg over a publication
 *	  history (period, value, vintage [, frequency, estimated]): for each
 *	  period, the row of the latest (first_release_agg: the earliest)
 *	  vintage, as an indicator_series; their state type vintage_state (see
 *	  vintage.h), its text form, and the combine and final functions.
 *
 * The result is the series series_agg builds from the rows that
 * DISTINCT ON (period) ... ORDER BY period, vintage DESC picks (ASC for
 * first_release_agg): a NULL value on the kept row withdraws the period
 * (missing), and the span covers every period that has a row.
 *
 * Transition functions update the state in place when called as an
 * aggregate, as series_agg's do (see series_agg.c on ExecAggTransReparent);
 * growth is geometric, and widening a slot or moving the room is one copy.
 */
#include "postgres.h"
#include "pg_compat.h"

#include <errno.h>
#include <limits.h>

#include "datatype/timestamp.h"
#include "libpq/pqformat.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

#include "estimates.h"
#include "series_agg.h"
#include "series.h"
#include "vintage.h"

/* One row, or one kept row of another state, to put in a state. */
typedef struct VintageRow
{
	int32		period;
	int64		vintage;
	uint8		marks;			/* scale + 1, VINTAGE_ESTIMATED, VINTAGE_DUPLICATE */
	bool		isnull;			/* withdrawn */
	int128		exact;			/* numeric kind, at the row's scale */
	double		fp;				/* float8 kind */
} VintageRow;


pg_noreturn static void vintage_state_format_error(void);

static void
vintage_state_format_error(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("vintage_state value has an unknown format"),
			 errdetail("The value was written by another release of indicator, or is corrupt.")));
}

/* Every state read from a datum comes through here. */
VintageState *
vintage_state_check(VintageState *s)
{
	if (unlikely(s->version != VINTAGE_STATE_VERSION ||
				 (s->pick != VINTAGE_PICK_LATEST && s->pick != VINTAGE_PICK_FIRST) ||
				 (s->kind != SERIES_KIND_NUMERIC && s->kind != SERIES_KIND_FLOAT8) ||
				 s->frequency > SERIES_FREQ_YEAR ||
				 (s->kind == SERIES_KIND_FLOAT8 ? s->slot_bytes != SERIES_SLOT_INT64 :
				  (s->slot_bytes != SERIES_SLOT_INT32 && s->slot_bytes != SERIES_SLOT_INT64 &&
				   s->slot_bytes != SERIES_SLOT_INT128)) ||
				 s->capacity < 1 || s->capacity > SERIES_MAX_MONTHS ||
				 s->first < s->base || s->last < s->first ||
				 s->last - s->base >= s->capacity ||
				 VARSIZE(s) != vintage_state_size(s->slot_bytes, s->capacity)))
		vintage_state_format_error();
	return s;
}

static const char *
pick_aggregate(uint8 pick)
{
	return pick == VINTAGE_PICK_LATEST ? "vintage_agg" : "first_release_agg";
}

/* A new state with no row, room for "capacity" periods from "base". */
static VintageState *
vintage_alloc(uint8 pick, uint8 kind, uint8 slot_bytes, uint8 frequency,
			  int32 base, int32 capacity)
{
	Size		size = vintage_state_size(slot_bytes, capacity);
	VintageState *s = (VintageState *) palloc0(size);

	SET_VARSIZE(s, size);
	s->version = VINTAGE_STATE_VERSION;
	s->pick = pick;
	s->kind = kind;
	s->slot_bytes = slot_bytes;
	s->frequency = frequency;
	s->base = base;
	s->capacity = capacity;
	s->first = PG_INT32_MAX;	/* no row yet */
	s->last = PG_INT32_MIN;
	return s;
}

static inline bool
vintage_has_rows(const VintageState *s)
{
	return s->first <= s->last;
}

/* Slot i's value: false when the period is withdrawn. */
static inline bool
vintage_get(const VintageState *s, int32 i, int128 *exact, double *fp)
{
	char	   *p = vintage_values(s) + (Size) i * s->slot_bytes;

	*exact = 0;
	*fp = 0;
	if (s->kind == SERIES_KIND_FLOAT8)
	{
		memcpy(fp, p, sizeof(double));
		return !isnan(*fp);
	}
	if (s->slot_bytes == SERIES_SLOT_INT32)
	{
		int32		m;

		memcpy(&m, p, sizeof(m));
		*exact = m;
		return m != SERIES_MISSING_INT32;
	}
	if (s->slot_bytes == SERIES_SLOT_INT64)
	{
		int64		m;

		memcpy(&m, p, sizeof(m));
		*exact = m;
		return m != SERIES_MISSING_INT64;
	}
	memcpy(exact, p, sizeof(int128));
	return *exact != SERIES_MISSING_EXACT;
}

/* Store a value (or the withdrawn mark) in a slot that can hold it. */
static inline void
vintage_set(VintageState *s, int32 i, bool isnull, int128 exact, double fp)
{
	char	   *p = vintage_values(s) + (Size) i * s->slot_bytes;

	if (s->kind == SERIES_KIND_FLOAT8)
	{
		double		d = isnull ? get_float8_nan() : fp;

		memcpy(p, &d, sizeof(d));
	}
	else if (s->slot_bytes == SERIES_SLOT_INT32)
	{
		int32		m = isnull ? SERIES_MISSING_INT32 : (int32) exact;

		memcpy(p, &m, sizeof(m));
	}
	else if (s->slot_bytes == SERIES_SLOT_INT64)
	{
		int64		m = isnull ? SERIES_MISSING_INT64 : (int64) exact;

		memcpy(p, &m, sizeof(m));
	}
	else
	{
		int128		m = isnull ? SERIES_MISSING_EXACT : exact;

		memcpy(p, &m, sizeof(m));
	}
}

/*
 * A copy of s with room for the periods lo..hi besides its rows, in slots
 * of at least slot_bytes.  Growth is geometric (at least twice the old
 * room), and the new room lies on the side that grew, so that rows arriving
 * in either order of periods copy the state a logarithmic number of times.
 */
static VintageState *
vintage_reshape(const VintageState *s, int32 lo, int32 hi, uint8 slot_bytes)
{
	int32		from = lo;
	int32		to = hi;
	int32		capacity;
	int32		base;
	VintageState *r;

	if (vintage_has_rows(s))
	{
		from = Min(from, s->first);
		to = Max(to, s->last);
	}
	if (lo >= s->base && hi - s->base < s->capacity)
	{
		/* only wider slots: the same room */
		base = s->base;
		capacity = s->capacity;
	}
	else
	{
		series_check_period_span(from, to, s->frequency);
		capacity = Max(to - from + 1, Min(2 * s->capacity, SERIES_MAX_MONTHS));
		/* grown downwards: the spare room before the rows */
		base = vintage_has_rows(s) && lo < s->first ? to - capacity + 1 : from;
	}
	r = vintage_alloc(s->pick, s->kind, Max(slot_bytes, s->slot_bytes), s->frequency,
					  base, capacity);
	if (vintage_has_rows(s))
	{
		int64	   *sv = vintage_vintages(s);
		int64	   *rv = vintage_vintages(r);
		uint8	   *sm = vintage_marks(s);
		uint8	   *rm = vintage_marks(r);

		for (int32 p = s->first; p <= s->last; p++)
		{
			int32		i = p - s->base;
			int32		j = p - r->base;
			int128		exact;
			double		fp;
			bool		present;

			if (sm[i] == 0)
				continue;
			present = vintage_get(s, i, &exact, &fp);
			vintage_set(r, j, !present, exact, fp);
			rv[j] = sv[i];
			rm[j] = sm[i];
		}
		r->first = s->first;
		r->last = s->last;
	}
	return r;
}

static VintageState *
vintage_copy(const VintageState *s)
{
	VintageState *r = (VintageState *) palloc(VARSIZE(s));

	memcpy(r, s, VARSIZE(s));
	return r;
}

/*
 * Put one row in the state: it replaces the kept row of its period when
 * its vintage is later (first_release_agg: earlier), marks the period when
 * the vintages are equal, and is dropped otherwise.  Returns the state,
 * which room or a wider value may have replaced.
 */
static VintageState *
vintage_put(VintageState *s, const VintageRow *row)
{
	int32		i;
	uint8	   *marks;
	int64	   *vintages;

	if (row->period < s->base || row->period - s->base >= s->capacity)
		s = vintage_reshape(s, row->period, row->period, s->slot_bytes);
	i = row->period - s->base;
	marks = vintage_marks(s);
	vintages = vintage_vintages(s);
	if (marks[i] != 0)
	{
		int64		kept = vintages[i];

		if (row->vintage == kept)
		{
			marks[i] |= VINTAGE_DUPLICATE;
			return s;
		}
		if (s->pick == VINTAGE_PICK_LATEST ? row->vintage < kept : row->vintage > kept)
			return s;
	}
	if (!row->isnull && s->kind == SERIES_KIND_NUMERIC &&
		series_slot_for(row->exact) > s->slot_bytes)
	{
		s = vintage_reshape(s, row->period, row->period, series_slot_for(row->exact));
		i = row->period - s->base;
		marks = vintage_marks(s);
		vintages = vintage_vintages(s);
	}
	vintage_set(s, i, row->isnull, row->exact, row->fp);
	vintages[i] = row->vintage;
	marks[i] = row->marks;
	s->first = Min(s->first, row->period);
	s->last = Max(s->last, row->period);
	return s;
}

/*
 * The first state of a group: room for ten years of its frequency from the
 * start of the first row's year, so that most series never grow.
 */
static VintageState *
vintage_new(uint8 pick, uint8 kind, uint8 frequency, int32 period)
{
	int			ppy = periods_per_year(frequency);
	int32		base = (int32) (floor_div(period, ppy) * ppy);

	return vintage_alloc(pick, kind, series_first_slot(kind), frequency, base,
						 series_growth_min(frequency));
}

/*
 * The period, vintage and estimate mark of the row being added: argument 1
 * the period (date), 3 the vintage, and in the five-argument forms 4 the
 * frequency and 5 the estimated flag (NULL: not an estimate).
 */
static void
vintage_row_keys(FunctionCallInfo fcinfo, uint8 pick, VintageRow *row, uint8 *frequency)
{
	int32		month;
	int64		period;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("period cannot be NULL"),
				 errhint("Every row passed to %s needs the period it belongs to.",
						 pick_aggregate(pick))));
	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("vintage cannot be NULL"),
				 errhint("Every row passed to %s needs the time it was published.",
						 pick_aggregate(pick))));
	month = date_to_month(PG_GETARG_DATEADT(1), "period");
	*frequency = PG_NARGS() > 4 ? series_frequency_arg(fcinfo, 4) : SERIES_FREQ_MONTH;
	period = month_to_period(month, *frequency);
	series_check_period((int32) Max(Min(period, PG_INT32_MAX), PG_INT32_MIN), *frequency);
	row->period = (int32) period;
	row->vintage = PG_GETARG_TIMESTAMPTZ(3);
	row->marks = 1;				/* scale 0 */
	if (PG_NARGS() > 5 && !PG_ARGISNULL(5) && PG_GETARG_BOOL(5))
		row->marks |= VINTAGE_ESTIMATED;
	row->isnull = PG_ARGISNULL(2);
	row->exact = 0;
	row->fp = 0;
}

/* A numeric value as a mantissa at its display scale, or the error why not. */
static void
vintage_read_numeric(Datum value, VintageRow *row, uint8 frequency)
{
	int			scale = 0;

	switch (numeric_to_fixed(PG_DETOAST_DATUM_PACKED(value), &row->exact, &scale))
	{
		case FIXED_OK:
			break;
		case FIXED_NAN:
			series_nonfinite_value_error(row->period, frequency, true);
			break;
		case FIXED_INFINITE:
			series_nonfinite_value_error(row->period, frequency, false);
			break;
		case FIXED_TOO_MANY_DIGITS:
		case FIXED_SCALE_TOO_LARGE:
			{
				char		label[PERIOD_TEXT_LEN];

				period_to_text(row->period, frequency, label);
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("value for %s %s cannot be held exactly",
								frequency_name(frequency), label),
						 errdetail("indicator_series holds numeric values of at most %d digits and %d decimals.",
								   FIXED_MAX_DIGITS, FIXED_MAX_SCALE)));
			}
	}
	row->marks = (uint8) ((row->marks & ~VINTAGE_SCALE_MASK) | (scale + 1));
}

/*
 * Add the row of the arguments to the state (argument 0), creating it on
 * the first row.  The value (argument 2) is read by the caller into row.
 */
static Datum
vintage_accum(FunctionCallInfo fcinfo, uint8 pick, uint8 kind, const VintageRow *row,
			  uint8 frequency)
{
	bool		in_agg = AggCheckCallContext(fcinfo, NULL) != 0;
	VintageState *state;

	/*
	 * As an aggregate, the state is the one this function returned for the
	 * group (the aggregates have no initial value): read in place, unchecked.
	 */
	if (PG_ARGISNULL(0))
		state = NULL;
	else if (in_agg)
		state = (VintageState *) PG_GETARG_POINTER(0);
	else
		state = PG_GETARG_VINTAGE_STATE_P(0);

	if (state == NULL)
		state = vintage_new(pick, kind, frequency, row->period);
	else
	{
		/* called as a plain function, the state is not ours to change */
		if (!in_agg)
			state = vintage_copy(state);
		if (state->pick != pick)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot add a row for %s to a state of %s", pick_aggregate(pick),
							pick_aggregate(state->pick))));
		if (state->kind != kind)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("cannot add a %s value to a %s series",
							kind == SERIES_KIND_NUMERIC ? "numeric" : "float8",
							state->kind == SERIES_KIND_NUMERIC ? "numeric" : "float8")));
		if (state->frequency != frequency)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot add a %s to a %sly series",
							frequency_name(frequency), frequency_name(state->frequency)),
					 errhint("Pass one frequency for every row of a series.")));
	}
	PG_RETURN_POINTER(vintage_put(state, row));
}

static Datum
vintage_numeric_transfn(FunctionCallInfo fcinfo, uint8 pick)
{
	VintageRow	row;
	uint8		frequency;

	vintage_row_keys(fcinfo, pick, &row, &frequency);
	if (!row.isnull)
		vintage_read_numeric(PG_GETARG_DATUM(2), &row, frequency);
	return vintage_accum(fcinfo, pick, SERIES_KIND_NUMERIC, &row, frequency);
}

static Datum
vintage_int8_transfn(FunctionCallInfo fcinfo, uint8 pick)
{
	VintageRow	row;
	uint8		frequency;

	vintage_row_keys(fcinfo, pick, &row, &frequency);
	if (!row.isnull)
		row.exact = PG_GETARG_INT64(2);
	return vintage_accum(fcinfo, pick, SERIES_KIND_NUMERIC, &row, frequency);
}

static Datum
vintage_int4_transfn(FunctionCallInfo fcinfo, uint8 pick)
{
	VintageRow	row;
	uint8		frequency;

	vintage_row_keys(fcinfo, pick, &row, &frequency);
	if (!row.isnull)
		row.exact = PG_GETARG_INT32(2);
	return vintage_accum(fcinfo, pick, SERIES_KIND_NUMERIC, &row, frequency);
}

static Datum
vintage_float8_transfn(FunctionCallInfo fcinfo, uint8 pick)
{
	VintageRow	row;
	uint8		frequency;

	vintage_row_keys(fcinfo, pick, &row, &frequency);
	if (!row.isnull)
	{
		row.fp = PG_GETARG_FLOAT8(2);
		if (!isfinite(row.fp))
			series_nonfinite_value_error(row.period, frequency, isnan(row.fp));
	}
	return vintage_accum(fcinfo, pick, SERIES_KIND_FLOAT8, &row, frequency);
}

/* vintage_agg_transfn(vintage_state, date, numeric, timestamptz [, text, boolean]) */
PG_FUNCTION_INFO_V1(vintage_agg_numeric_transfn);
Datum
vintage_agg_numeric_transfn(PG_FUNCTION_ARGS)
{
	return vintage_numeric_transfn(fcinfo, VINTAGE_PICK_LATEST);
}

/* vintage_agg_transfn(vintage_state, date, bigint, timestamptz [, text, boolean]) */
PG_FUNCTION_INFO_V1(vintage_agg_int8_transfn);
Datum
vintage_agg_int8_transfn(PG_FUNCTION_ARGS)
{
	return vintage_int8_transfn(fcinfo, VINTAGE_PICK_LATEST);
}

/* vintage_agg_transfn(vintage_state, date, integer, timestamptz [, text, boolean]) */
PG_FUNCTION_INFO_V1(vintage_agg_int4_transfn);
Datum
vintage_agg_int4_transfn(PG_FUNCTION_ARGS)
{
	return vintage_int4_transfn(fcinfo, VINTAGE_PICK_LATEST);
}

/* vintage_agg_transfn(vintage_state, date, double precision, timestamptz [, text, boolean]) */
PG_FUNCTION_INFO_V1(vintage_agg_float8_transfn);
Datum
vintage_agg_float8_transfn(PG_FUNCTION_ARGS)
{
	return vintage_float8_transfn(fcinfo, VINTAGE_PICK_LATEST);
}

/* first_release_agg_transfn(vintage_state, date, numeric, timestamptz [, text, boolean]) */
PG_FUNCTION_INFO_V1(first_release_agg_numeric_transfn);
Datum
first_release_agg_numeric_transfn(PG_FUNCTION_ARGS)
{
	return vintage_numeric_transfn(fcinfo, VINTAGE_PICK_FIRST);
}

/* first_release_agg_transfn(vintage_state, date, bigint, timestamptz [, text, boolean]) */
PG_FUNCTION_INFO_V1(first_release_agg_int8_transfn);
Datum
first_release_agg_int8_transfn(PG_FUNCTION_ARGS)
{
	return vintage_int8_transfn(fcinfo, VINTAGE_PICK_FIRST);
}

/* first_release_agg_transfn(vintage_state, date, integer, timestamptz [, text, boolean]) */
PG_FUNCTION_INFO_V1(first_release_agg_int4_transfn);
Datum
first_release_agg_int4_transfn(PG_FUNCTION_ARGS)
{
	return vintage_int4_transfn(fcinfo, VINTAGE_PICK_FIRST);
}

/* first_release_agg_transfn(vintage_state, date, double precision, timestamptz [, text, boolean]) */
PG_FUNCTION_INFO_V1(first_release_agg_float8_transfn);
Datum
first_release_agg_float8_transfn(PG_FUNCTION_ARGS)
{
	return vintage_float8_transfn(fcinfo, VINTAGE_PICK_FIRST);
}

/*
 * vintage_state_combine(vintage_state, vintage_state): the kept rows of
 * both partial states, the later (or earlier) vintage of each period; equal
 * vintages mark the period, as two rows in one state do.  STRICT: nodeAgg
 * copies the first partial state into the aggregate context itself.
 */
PG_FUNCTION_INFO_V1(vintage_state_combine);
Datum
vintage_state_combine(PG_FUNCTION_ARGS)
{
	VintageState *state = PG_GETARG_VINTAGE_STATE_P(0);
	VintageState *other = PG_GETARG_VINTAGE_STATE_P(1);
	bool		in_agg = AggCheckCallContext(fcinfo, NULL) != 0;
	int64	   *ov = vintage_vintages(other);
	uint8	   *om = vintage_marks(other);

	if (state->pick != other->pick || state->kind != other->kind ||
		state->frequency != other->frequency)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine states of different aggregates, kinds or frequencies"),
				 errdetail("One is a %s state of a %s %sly series, the other a %s state of a %s %sly series.",
						   pick_aggregate(state->pick),
						   state->kind == SERIES_KIND_NUMERIC ? "numeric" : "float8",
						   frequency_name(state->frequency),
						   pick_aggregate(other->pick),
						   other->kind == SERIES_KIND_NUMERIC ? "numeric" : "float8",
						   frequency_name(other->frequency))));
	if (!vintage_has_rows(other))
		PG_RETURN_POINTER(in_agg ? state : vintage_copy(state));

	/* one copy at most: room for the other's periods, and its slot width */
	if (other->first < state->base || other->last - state->base >= state->capacity ||
		other->slot_bytes > state->slot_bytes)
		state = vintage_reshape(state, other->first, other->last, other->slot_bytes);
	else if (!in_agg)
		state = vintage_copy(state);

	for (int32 p = other->first; p <= other->last; p++)
	{
		int32		i = p - other->base;
		VintageRow	row;

		if (om[i] == 0)
			continue;
		row.period = p;
		row.vintage = ov[i];
		row.marks = om[i];
		row.isnull = !vintage_get(other, i, &row.exact, &row.fp);
		state = vintage_put(state, &row);
	}
	PG_RETURN_POINTER(state);
}

/* The error of two kept rows with one vintage: raised by the final function. */
static void
vintage_duplicate_error(const VintageState *s, int32 period, int64 vintage)
{
	char		label[PERIOD_TEXT_LEN];
	char	   *when = DatumGetCString(DirectFunctionCall1(timestamptz_out,
														   TimestampTzGetDatum(vintage)));

	period_to_text(period, s->frequency, label);
	if (s->pick == VINTAGE_PICK_LATEST)
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("more than one row for %s %s has the vintage %s",
						frequency_name(s->frequency), label, when),
				 errdetail("vintage_agg keeps the row of the latest vintage of each period, so that vintage must be on one row only."),
				 errhint("Give each publication of a period its own vintage, or remove the duplicate row.")));
	ereport(ERROR,
			(errcode(ERRCODE_CARDINALITY_VIOLATION),
			 errmsg("more than one row for %s %s has the vintage %s",
					frequency_name(s->frequency), label, when),
			 errdetail("first_release_agg keeps the row of the earliest vintage of each period, so that vintage must be on one row only."),
			 errhint("Give each publication of a period its own vintage, or remove the duplicate row.")));
}

/*
 * vintage_agg_final(vintage_state) returns indicator_series: the kept rows
 * as series_agg would build them; a NULL value (withdrawn) and a period
 * without a row inside the span are missing.  Periods kept from estimated
 * rows are flagged.
 */
PG_FUNCTION_INFO_V1(vintage_agg_final);
Datum
vintage_agg_final(PG_FUNCTION_ARGS)
{
	VintageState *s = PG_GETARG_VINTAGE_STATE_P(0);
	int64	   *vintages = vintage_vintages(s);
	uint8	   *marks = vintage_marks(s);
	int32		n;
	int			scale = 0;
	bool		any_estimated = false;
	bool	   *estimated;
	IndicatorSeries *result;

	if (!vintage_has_rows(s))
		PG_RETURN_NULL();
	n = s->last - s->first + 1;
	for (int32 p = s->first; p <= s->last; p++)
	{
		int32		i = p - s->base;
		int128		exact;
		double		fp;

		if (marks[i] & VINTAGE_DUPLICATE)
			vintage_duplicate_error(s, p, vintages[i]);
		if (marks[i] != 0 && vintage_get(s, i, &exact, &fp))
		{
			scale = Max(scale, (marks[i] & VINTAGE_SCALE_MASK) - 1);
			any_estimated |= (marks[i] & VINTAGE_ESTIMATED) != 0;
		}
	}

	result = series_alloc_freq(s->kind, series_first_slot(s->kind), (int16) scale,
							   s->first, n, n, s->frequency);
	estimated = any_estimated ? palloc0(sizeof(bool) * n) : NULL;
	for (int32 k = 0; k < n; k++)
	{
		int32		i = s->first + k - s->base;
		int128		exact;
		double		fp;

		if (marks[i] == 0 || !vintage_get(s, i, &exact, &fp))
			continue;
		if (s->kind == SERIES_KIND_NUMERIC)
		{
			if (!fixed_rescale(exact, scale - ((marks[i] & VINTAGE_SCALE_MASK) - 1), &exact))
				series_period_scale_error(s->first + k, s->frequency, scale);
			result = series_put_exact(result, k, exact);
		}
		else
			series_set_fp(result, k, fp);
		result->npresent++;
		if (estimated != NULL)
			estimated[k] = (marks[i] & VINTAGE_ESTIMATED) != 0;
	}
	if (estimated != NULL)
		result = series_with_estimates(result, estimated);
	PG_RETURN_INDICATOR_SERIES_P(result);
}

/*
 * The text form of a state:
 *
 *		latest numeric month {2021-01: 1.50 @662774400000000, 2021-02: NULL @662774400000000 estimated}
 *
 * which row it keeps (latest or first), the kind and frequency, then every
 * period with a row: the kept value (NULL: withdrawn), its vintage in
 * microseconds since 2000-01-01 00:00 UTC (timestamptz's own count, exact
 * and independent of the session's time zone), and the words estimated
 * and duplicate for the marks.  The input reads the rows back through the
 * same rule as the transition function.
 */
PG_FUNCTION_INFO_V1(vintage_state_out);
Datum
vintage_state_out(PG_FUNCTION_ARGS)
{
	VintageState *s = PG_GETARG_VINTAGE_STATE_P(0);
	int64	   *vintages = vintage_vintages(s);
	uint8	   *marks = vintage_marks(s);
	StringInfoData buf;
	bool		firstrow = true;

	initStringInfo(&buf);
	appendStringInfo(&buf, "%s %s %s {",
					 s->pick == VINTAGE_PICK_LATEST ? "latest" : "first",
					 s->kind == SERIES_KIND_NUMERIC ? "numeric" : "float8",
					 frequency_name(s->frequency));
	for (int32 p = s->first; vintage_has_rows(s) && p <= s->last; p++)
	{
		int32		i = p - s->base;
		char		label[PERIOD_TEXT_LEN];
		int128		exact;
		double		fp;

		if (marks[i] == 0)
			continue;
		period_to_text(p, s->frequency, label);
		appendStringInfo(&buf, "%s%s: ", firstrow ? "" : ", ", label);
		firstrow = false;
		if (!vintage_get(s, i, &exact, &fp))
			appendStringInfoString(&buf, "NULL");
		else if (s->kind == SERIES_KIND_NUMERIC)
		{
			char		digits[48];

			format_fixed(exact, (marks[i] & VINTAGE_SCALE_MASK) - 1, digits);
			appendStringInfoString(&buf, digits);
		}
		else
			appendStringInfoString(&buf, DatumGetCString(DirectFunctionCall1(float8out,
																			 Float8GetDatum(fp))));
		appendStringInfo(&buf, " @" INT64_FORMAT, vintages[i]);
		if (marks[i] & VINTAGE_ESTIMATED)
			appendStringInfoString(&buf, " estimated");
		if (marks[i] & VINTAGE_DUPLICATE)
			appendStringInfoString(&buf, " duplicate");
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

pg_noreturn static void
vintage_syntax_error(const char *input, const char *why);

static void
vintage_syntax_error(const char *input, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type vintage_state: \"%s\"", input),
			 errdetail("%s", why)));
}

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* A word of letters and digits at p: its length. */
static size_t
word_length(const char *p)
{
	size_t		n = 0;

	while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') ||
		   (p[n] >= '0' && p[n] <= '9') || p[n] == '.' || p[n] == '-' || p[n] == '+')
		n++;
	return n;
}

static bool
word_is(const char *p, size_t n, const char *word)
{
	return strlen(word) == n && strncmp(p, word, n) == 0;
}

/* A period label of the frequency (YYYY-MM, YYYY-Qn or YYYY): false if not one. */
static bool
parse_period(const char *p, size_t n, uint8 frequency, int32 *period)
{
	int			year = 0;
	int			month;
	size_t		k = 0;

	while (k < n && k < 4 && p[k] >= '0' && p[k] <= '9')
		year = year * 10 + (p[k++] - '0');
	if (k != 4 || year < INDICATOR_MIN_YEAR)
		return false;
	if (frequency == SERIES_FREQ_YEAR)
	{
		*period = year;
		return n == 4;
	}
	if (frequency == SERIES_FREQ_QUARTER)
	{
		if (n != 7 || p[4] != '-' || p[5] != 'Q' || p[6] < '1' || p[6] > '4')
			return false;
		*period = year * 4 + (p[6] - '1');
		return true;
	}
	if (n != 7 || p[4] != '-' || p[5] < '0' || p[5] > '1' || p[6] < '0' || p[6] > '9')
		return false;
	month = (p[5] - '0') * 10 + (p[6] - '0');
	if (month < 1 || month > 12)
		return false;
	*period = year * 12 + month - 1;
	return true;
}

PG_FUNCTION_INFO_V1(vintage_state_in);
Datum
vintage_state_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	const char *p = skip_space(input);
	size_t		n;
	uint8		pick;
	uint8		kind;
	uint8		frequency;
	VintageState *s = NULL;

	n = word_length(p);
	if (word_is(p, n, "latest"))
		pick = VINTAGE_PICK_LATEST;
	else if (word_is(p, n, "first"))
		pick = VINTAGE_PICK_FIRST;
	else
		vintage_syntax_error(input, "A state begins with latest or first.");
	p = skip_space(p + n);
	n = word_length(p);
	if (word_is(p, n, "numeric"))
		kind = SERIES_KIND_NUMERIC;
	else if (word_is(p, n, "float8"))
		kind = SERIES_KIND_FLOAT8;
	else
		vintage_syntax_error(input, "The kind after latest or first is numeric or float8.");
	p = skip_space(p + n);
	n = word_length(p);
	frequency = (uint8) frequency_from_name(p, n);
	p = skip_space(p + n);
	if (*p != '{')
		vintage_syntax_error(input, "The rows are written between { and }.");
	p = skip_space(p + 1);
	while (*p != '}')
	{
		VintageRow	row;
		char	   *end;
		char	   *token;

		memset(&row, 0, sizeof(row));
		n = word_length(p);
		if (!parse_period(p, n, frequency, &row.period))
			vintage_syntax_error(input, "Each row begins with a period of the state's frequency (YYYY-MM, YYYY-Qn or YYYY).");
		series_check_period(row.period, frequency);
		p = skip_space(p + n);
		if (*p != ':')
			vintage_syntax_error(input, "A colon follows each period.");
		p = skip_space(p + 1);
		n = word_length(p);
		if (n == 0)
			vintage_syntax_error(input, "Each period has a value or NULL.");
		token = pnstrdup(p, n);
		row.marks = 1;
		if (strcmp(token, "NULL") == 0)
			row.isnull = true;
		else if (kind == SERIES_KIND_NUMERIC)
			vintage_read_numeric(DirectFunctionCall3(numeric_in, CStringGetDatum(token),
													 ObjectIdGetDatum(InvalidOid),
													 Int32GetDatum(-1)),
								 &row, frequency);
		else
		{
			row.fp = DatumGetFloat8(DirectFunctionCall1(float8in, CStringGetDatum(token)));
			if (!isfinite(row.fp))
				series_nonfinite_value_error(row.period, frequency, isnan(row.fp));
		}
		p = skip_space(p + n);
		if (*p != '@')
			vintage_syntax_error(input, "The vintage follows each value after @.");
		p++;
		errno = 0;
		row.vintage = strtoll(p, &end, 10);
		if (end == p || errno != 0 ||
			(!IS_VALID_TIMESTAMP(row.vintage) && !TIMESTAMP_NOT_FINITE(row.vintage)))
			vintage_syntax_error(input, "A vintage is a timestamptz in microseconds since 2000-01-01 00:00 UTC.");
		p = skip_space(end);
		for (;;)
		{
			n = word_length(p);
			if (word_is(p, n, "estimated"))
				row.marks |= VINTAGE_ESTIMATED;
			else if (word_is(p, n, "duplicate"))
				row.marks |= VINTAGE_DUPLICATE;
			else
				break;
			p = skip_space(p + n);
		}
		if (s == NULL)
			s = vintage_new(pick, kind, frequency, row.period);
		s = vintage_put(s, &row);
		if (*p == ',')
			p = skip_space(p + 1);
		else if (*p != '}')
			vintage_syntax_error(input, "Rows are separated by commas and end with }.");
	}
	if (*skip_space(p + 1) != '\0')
		vintage_syntax_error(input, "Nothing may follow the closing }.");
	if (s == NULL)
		vintage_syntax_error(input, "A state holds at least one row.");
	PG_RETURN_POINTER(s);
}

/*
 * The binary form of a state (COPY ... (FORMAT binary), binary protocol
 * clients): the byte VINTAGE_STATE_VERSION, which row it keeps (1 latest,
 * 2 first), the kind (1 numeric, 2 float8) and the frequency (0 month,
 * 1 quarter, 2 year); an int32 count of rows; then, for each period with
 * a row, in increasing order: the period (int32, as indicator_series
 * counts them), the vintage (int64, timestamptz's microseconds since
 * 2000-01-01 00:00 UTC), the marks byte (the value's scale + 1, 0x40
 * estimated, 0x80 duplicate), a byte 1 when the value is withdrawn (NULL)
 * and 0 when not, and then the value: numeric, its 128-bit mantissa at
 * that scale as two int64 (high, low); float8, a float8.  The input reads
 * the rows back through the same rule as the transition function.
 */
PG_FUNCTION_INFO_V1(vintage_state_send);
Datum
vintage_state_send(PG_FUNCTION_ARGS)
{
	VintageState *s = PG_GETARG_VINTAGE_STATE_P(0);
	int64	   *vintages = vintage_vintages(s);
	uint8	   *marks = vintage_marks(s);
	int32		nrows = 0;
	StringInfoData buf;

	for (int32 p = s->first; vintage_has_rows(s) && p <= s->last; p++)
		nrows += marks[p - s->base] != 0;
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, VINTAGE_STATE_VERSION);
	pq_sendbyte(&buf, s->pick);
	pq_sendbyte(&buf, s->kind);
	pq_sendbyte(&buf, s->frequency);
	pq_sendint32(&buf, nrows);
	for (int32 p = s->first; vintage_has_rows(s) && p <= s->last; p++)
	{
		int32		i = p - s->base;
		int128		exact;
		double		fp;
		bool		present;

		if (marks[i] == 0)
			continue;
		present = vintage_get(s, i, &exact, &fp);
		pq_sendint32(&buf, p);
		pq_sendint64(&buf, vintages[i]);
		pq_sendbyte(&buf, marks[i]);
		pq_sendbyte(&buf, !present);
		if (!present)
			continue;
		if (s->kind == SERIES_KIND_NUMERIC)
			binary_send_mantissa(&buf, exact);
		else
			pq_sendfloat8(&buf, fp);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
vintage_recv_error(const char *detail)
{
	binary_input_error("vintage_state", detail);
}

static void
vintage_recv_need(StringInfo buf, int bytes)
{
	binary_input_need(buf, bytes, "vintage_state");
}

PG_FUNCTION_INFO_V1(vintage_state_recv);
Datum
vintage_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int			pick;
	int			kind;
	int			frequency;
	int32		nrows;
	int32		previous = PG_INT32_MIN;
	VintageState *s = NULL;

	vintage_recv_need(buf, 8);
	version = pq_getmsgbyte(buf);
	if (version != VINTAGE_STATE_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported vintage_state binary format version %d", version),
				 errdetail("This version of indicator reads format version %d.",
						   VINTAGE_STATE_VERSION)));
	pick = pq_getmsgbyte(buf);
	if (pick != VINTAGE_PICK_LATEST && pick != VINTAGE_PICK_FIRST)
		vintage_recv_error("The row kept is neither the latest (1) nor the first (2).");
	kind = pq_getmsgbyte(buf);
	if (kind != SERIES_KIND_NUMERIC && kind != SERIES_KIND_FLOAT8)
		vintage_recv_error("The kind is neither numeric nor float8.");
	frequency = pq_getmsgbyte(buf);
	if (frequency > SERIES_FREQ_YEAR)
		vintage_recv_error("The frequency is neither month, quarter nor year.");
	nrows = pq_getmsgint(buf, 4);
	if (nrows < 1 || nrows > SERIES_MAX_MONTHS)
		vintage_recv_error("The number of rows is out of range.");
	for (int32 r = 0; r < nrows; r++)
	{
		VintageRow	row;
		int			scale;
		int			withdrawn;

		memset(&row, 0, sizeof(row));
		vintage_recv_need(buf, 14);
		row.period = pq_getmsgint(buf, 4);
		if (row.period < period_min((uint8) frequency) || row.period > period_max((uint8) frequency))
			vintage_recv_error("A period is out of range.");
		if (row.period <= previous)
			vintage_recv_error("The periods are not in increasing order.");
		if (s != NULL && row.period - s->first >= SERIES_MAX_MONTHS)
			vintage_recv_error("The rows span more periods than a series may hold.");
		previous = row.period;
		row.vintage = pq_getmsgint64(buf);
		if (!IS_VALID_TIMESTAMP(row.vintage) && !TIMESTAMP_NOT_FINITE(row.vintage))
			vintage_recv_error("A vintage is out of timestamptz's range.");
		row.marks = (uint8) pq_getmsgbyte(buf);
		scale = (row.marks & VINTAGE_SCALE_MASK) - 1;
		if (scale < 0 || scale > FIXED_MAX_SCALE || (kind == SERIES_KIND_FLOAT8 && scale != 0))
			vintage_recv_error("A row's scale is out of range.");
		withdrawn = pq_getmsgbyte(buf);
		if (withdrawn != 0 && withdrawn != 1)
			vintage_recv_error("A row's withdrawn byte is neither 0 nor 1.");
		row.isnull = withdrawn == 1;
		if (!row.isnull && kind == SERIES_KIND_NUMERIC)
			row.exact = binary_recv_mantissa(buf, "vintage_state");
		else if (!row.isnull)
		{
			vintage_recv_need(buf, 8);
			row.fp = pq_getmsgfloat8(buf);
			if (!isfinite(row.fp))
				vintage_recv_error("A value is NaN or infinite.");
		}
		if (s == NULL)
			s = vintage_new((uint8) pick, (uint8) kind, (uint8) frequency, row.period);
		s = vintage_put(s, &row);
	}
	if (buf->cursor != buf->len)
		vintage_recv_error("The data goes on after the last row.");
	PG_RETURN_POINTER(s);
}
