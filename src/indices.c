/*
 * indices.c
 *	  Indices (the IIP): rebasing a series on a base year or month, the
 *	  aggregate index_agg (a weighted mean of series, month by month), each
 *	  component's contribution to an aggregate's growth (between two
 *	  periods, or year to date), and chain-linking an old index to a new one
 *	  through an overlap.
 *
 * Every index is a float8 series carried at full precision: no value is
 * rounded on the way, so a chained or aggregated index is computed from
 * unrounded levels.  A result takes its header from an input series
 * (index_result), and two series combined month by month are checked in one
 * place (check_same_periods).
 *
 * index_agg's state is a real SQL type, index_agg_state (see IndexAggState
 * below), for the reasons series_agg's state is an indicator_series:
 * Citus pushes partial aggregation to its workers only for a state type with
 * text input and output, and parallel query and postgres_fdw need a combine
 * function over a state that can travel.
 *
 * Estimates: a period of a rebased series is an estimate when its own value
 * or a value of the base (the base year's periods, or the base period) is
 * one; a chain-linked period after the link when its own value or a value
 * of the link (either index's link period, or link year's periods) is one;
 * a period of index_agg's result when any component's value in it is one
 * (the state marks each period that a flagged value with weight > 0 went
 * into).
 */
#include "postgres.h"
#include "pg_compat.h"

#include <ctype.h>

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/date.h"
#include "utils/float.h"

#include "accessors.h"
#include "estimates.h"
#include "exact_sum.h"
#include "indices.h"
#include "level.h"
#include "series.h"

/*
 * A float8 series of nmonths from "first" with room for "capacity", every
 * month missing, for a result derived from "like" (its periods are like's):
 * every series this file makes is made here.
 */
static IndicatorSeries *
index_series(const IndicatorSeries *like, int32 first, int32 nmonths, int32 capacity)
{
	return series_alloc_freq(SERIES_KIND_FLOAT8, SERIES_SLOT_INT64, 0, first, nmonths, capacity,
							 like->frequency);
}

/* A finished result: no spare room. */
IndicatorSeries *
index_result(const IndicatorSeries *like, int32 first, int32 nmonths)
{
	return index_series(like, first, nmonths, nmonths);
}

/*
 * Two series combined period by period must count the same periods: one
 * frequency (42804); a numeric and a float8 series may be combined (their
 * values are read as doubles).
 */
static void
check_same_periods(const IndicatorSeries *a, const IndicatorSeries *b)
{
	series_check_same_frequency(a, b, SERIES_COMBINE_OTHER);
}

/* Store an index value: finite, or 22003 naming the month. */
void
index_put(IndicatorSeries *r, int32 i, double v)
{
	if (isinf(v))
	{
		char		label[PERIOD_TEXT_LEN];

		period_to_text(r->first + i, r->frequency, label);
		switch (r->frequency)
		{
			case SERIES_FREQ_MONTH:
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("index for month %s is out of range", label),
						 errdetail("The value overflows double precision.")));
				break;
			case SERIES_FREQ_QUARTER:
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("index for quarter %s is out of range", label),
						 errdetail("The value overflows double precision.")));
				break;
			default:
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("index for year %s is out of range", label),
						 errdetail("The value overflows double precision.")));
				break;
		}
	}
	series_set_fp(r, i, v);
	r->npresent++;
}

/* Month "month" of s as a double: false when missing or outside the span. */
bool
month_double(const IndicatorSeries *s, int64 month, double *out)
{
	Level		v;

	if (!series_month(s, month, &v))
		return false;
	*out = level_double(s, v);
	return true;
}

/* The first period of fiscal year "year" (fy_start_month checked). */
int64
year_start_period(const IndicatorSeries *s, int64 year, int fy_start_month)
{
	return month_to_period(fiscal_year_start(year, fy_start_month), s->frequency);
}

/*
 * The average of the periods of fiscal year "year" (twelve months, four
 * quarters or one year): false when one is missing.
 */
bool
year_average(const IndicatorSeries *s, int64 year, int fy_start_month, double *avg)
{
	int64		start = year_start_period(s, year, fy_start_month);
	Level		sum;

	if (!level_sum(s, start, start + periods_per_year(s->frequency) - 1, &sum))
		return false;
	*avg = level_avg_double(s, sum, periods_per_year(s->frequency));
	return true;
}

/*
 * Every month of s x 100 / base, in one pass over the values; base is the
 * value of s's periods base_first..base_last (all in the span).
 */
static IndicatorSeries *
rebase_on(const IndicatorSeries *s, double base, int64 base_first, int64 base_last)
{
	IndicatorSeries *r = index_result(s, s->first, s->nmonths);
	double	   *v = series_fp_array(r);
	bool		overflow = false;

	series_doubles(s, v);
	for (int32 i = 0; i < s->nmonths; i++)
	{
		v[i] = v[i] * 100.0 / base; /* NaN (missing) stays NaN */
		r->npresent += !isnan(v[i]);
		overflow |= isinf(v[i]);
	}
	if (overflow)
		for (int32 i = 0; i < s->nmonths; i++)
			if (isinf(v[i]))
				index_put(r, i, v[i]);	/* the error, naming the month */
	if (series_has_estimates(s))
	{
		bool	   *flags = palloc(sizeof(bool) * s->nmonths);
		bool		base_estimated = false;

		series_estimate_flags(s, flags);
		for (int64 p = base_first; p <= base_last; p++)
			base_estimated |= flags[p - s->first];
		/* every value rests on the base */
		for (int32 i = 0; base_estimated && i < s->nmonths; i++)
			flags[i] = true;
		r = series_with_estimates(r, flags);
	}
	return r;
}

/* rebase(s, base_year int, fy_start_month int) returns indicator_series */
PG_FUNCTION_INFO_V1(rebase_year);
Datum
rebase_year(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int32		year = PG_GETARG_INT32(1);
	int32		fy_start_month = PG_GETARG_INT32(2);
	double		base;
	int64		start;

	check_year(year, "base_year");
	check_fy_frequency(fy_start_month, s->frequency);
	if (!year_average(s, year, fy_start_month, &base) || !(base > 0))
		PG_RETURN_NULL();
	start = year_start_period(s, year, fy_start_month);
	PG_RETURN_INDICATOR_SERIES_P(rebase_on(s, base, start,
										   start + periods_per_year(s->frequency) - 1));
}

/* rebase(s, base_period date) returns indicator_series */
PG_FUNCTION_INFO_V1(rebase_period);
Datum
rebase_period(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int64		month = date_to_period(PG_GETARG_DATEADT(1), s->frequency, "base_period");
	double		base;

	if (!month_double(s, month, &base) || !(base > 0))
		PG_RETURN_NULL();
	PG_RETURN_INDICATOR_SERIES_P(rebase_on(s, base, month, month));
}

/* A weight_share: finite (22023). */
static void
check_share(double share)
{
	if (isnan(share))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight_share cannot be NaN")));
	if (isinf(share))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight_share cannot be infinite")));
}

/*
 * share x (c_now - c_before) / |a_before| x 100, the difference exact for a
 * numeric component; NULL (false) when a_before is 0.
 */
static bool
contribution(const IndicatorSeries *c, double share, Level c_now, Level c_before,
			 double a_before, double *pp)
{
	Level		diff;

	if (a_before == 0)
		return false;
	level_sub(c, c_now, c_before, &diff);
	*pp = finite_result(share * level_double(c, diff) / fabs(a_before) * 100.0);
	return true;
}

/*
 * contribution_pp(component, weight_share, aggregate, period, lag_months)
 * returns double precision: weight_share x (c(t) - c(t - lag)) /
 * |a(t - lag)| x 100, NULL when a month is missing or a(t - lag) is 0.
 * The difference of a numeric component is exact before it becomes a
 * double.
 */
PG_FUNCTION_INFO_V1(contribution_pp);
Datum
contribution_pp(PG_FUNCTION_ARGS)
{
	IndicatorSeries *c = PG_GETARG_INDICATOR_SERIES_P(0);
	double		share = PG_GETARG_FLOAT8(1);
	IndicatorSeries *a = PG_GETARG_INDICATOR_SERIES_P(2);
	int64		month = date_to_period(PG_GETARG_DATEADT(3), c->frequency, "period");
	int32		lag = PG_GETARG_INT32(4);
	Level		now;
	Level		before;
	double		base;
	double		pp;

	check_share(share);
	lag = lag_months_periods(lag, c->frequency);
	check_same_periods(c, a);

	if (!series_month(c, month, &now) || !series_month(c, (int64) month - lag, &before) ||
		!month_double(a, (int64) month - lag, &base) ||
		!contribution(c, share, now, before, base, &pp))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(pp);
}

/*
 * ytd_contribution_pp(component, weight_share, aggregate, as_of,
 * fy_start_month, method) returns double precision: the component's
 * contribution to the aggregate's year-to-date growth, weight_share x
 * (ytd(c, as_of) - ytd(c, as_of - 1 year)) / |ytd(a, as_of - 1 year)| x 100,
 * each ytd by method.  'avg' divides both years by the same number of
 * periods, so it contributes as 'sum' does (as ytd_growth_pct grows);
 * 'last' is the as_of period against the same period a year earlier.  NULL
 * when a period of either year-to-date is missing or a's is 0.
 */
PG_FUNCTION_INFO_V1(ytd_contribution_pp);
Datum
ytd_contribution_pp(PG_FUNCTION_ARGS)
{
	IndicatorSeries *c = PG_GETARG_INDICATOR_SERIES_P(0);
	double		share = PG_GETARG_FLOAT8(1);
	IndicatorSeries *a = PG_GETARG_INDICATOR_SERIES_P(2);
	int64		period = period_arg(fcinfo, 3, c, "as_of");
	int			fy;
	AnnualMethod method = method_arg(PG_GETARG_TEXT_PP(5), &annual_methods);
	int64		year_before;
	Level		now;
	Level		before;
	Level		a_before;
	double		pp;

	check_share(share);
	check_same_periods(c, a);
	fy = fy_start_arg(fcinfo, 4, c);
	year_before = period - periods_per_year(c->frequency);
	if (!ytd_method_level(c, period, fy, method, &now) ||
		!ytd_method_level(c, year_before, fy, method, &before) ||
		!ytd_method_level(a, year_before, fy, method, &a_before) ||
		!contribution(c, share, now, before, level_double(a, a_before), &pp))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(pp);
}

/* Whether s flags a period of first..last (which may leave its span). */
static bool
estimated_within(const IndicatorSeries *s, int64 first, int64 last)
{
	for (int64 p = Max(first, s->first); p <= Min(last, series_last(s)); p++)
		if (series_estimated_at(s, (int32) (p - s->first)))
			return true;
	return false;
}

/*
 * old through month "through"; after it, new x old_level / new_level, up
 * to the later of new's last month and "through".  The levels are old's and
 * new's over link_first..through: a linked value is an estimate when its
 * own value or one of theirs is.
 */
static IndicatorSeries *
chain(const IndicatorSeries *old, const IndicatorSeries *new, int32 link_first, int32 through,
	  double old_level, double new_level)
{
	int32		last = Max(series_last(new), through);
	IndicatorSeries *r;

	Assert(old->first <= through);
	/* old's start and new's end may lie further apart than a series may span */
	series_check_period_span(old->first, last, old->frequency);
	r = index_result(old, old->first, last - old->first + 1);
	for (int32 month = old->first; month <= last; month++)
	{
		double		v;

		CHECK_FOR_INTERRUPTS();
		if (month <= through ? month_double(old, month, &v) : month_double(new, month, &v))
			index_put(r, month - r->first, month <= through ? v : v * old_level / new_level);
	}
	if (series_has_bitmap(old) || series_has_bitmap(new))
	{
		bool	   *flags = palloc(sizeof(bool) * r->nmonths);
		bool		link_estimated = estimated_within(old, link_first, through) ||
			estimated_within(new, link_first, through);

		for (int32 month = r->first; month <= last; month++)
			flags[month - r->first] = month <= through ?
				estimated_within(old, month, month) :
				link_estimated || estimated_within(new, month, month);
		r = series_with_estimates(r, flags);
	}
	return r;
}

/* chain_link(old, new, link_period date) returns indicator_series */
PG_FUNCTION_INFO_V1(chain_link_period);
Datum
chain_link_period(PG_FUNCTION_ARGS)
{
	IndicatorSeries *old = PG_GETARG_INDICATOR_SERIES_P(0);
	IndicatorSeries *new = PG_GETARG_INDICATOR_SERIES_P(1);
	int32		link = (int32) date_to_period(PG_GETARG_DATEADT(2), old->frequency, "link_period");
	double		old_level;
	double		new_level;

	check_same_periods(old, new);
	if (!month_double(old, link, &old_level) || !month_double(new, link, &new_level) ||
		new_level == 0)
		PG_RETURN_NULL();
	PG_RETURN_INDICATOR_SERIES_P(chain(old, new, link, link, old_level, new_level));
}

/* chain_link(old, new, link_year int, fy_start_month int) returns indicator_series */
PG_FUNCTION_INFO_V1(chain_link_year);
Datum
chain_link_year(PG_FUNCTION_ARGS)
{
	IndicatorSeries *old = PG_GETARG_INDICATOR_SERIES_P(0);
	IndicatorSeries *new = PG_GETARG_INDICATOR_SERIES_P(1);
	int32		year = PG_GETARG_INT32(2);
	int32		fy_start_month = PG_GETARG_INT32(3);
	double		old_level;
	double		new_level;
	int64		start;

	check_year(year, "link_year");
	check_same_periods(old, new);
	check_fy_frequency(fy_start_month, old->frequency);
	if (!year_average(old, year, fy_start_month, &old_level) ||
		!year_average(new, year, fy_start_month, &new_level) || new_level == 0)
		PG_RETURN_NULL();
	start = year_start_period(old, year, fy_start_month);
	PG_RETURN_INDICATOR_SERIES_P(chain(old, new, (int32) start,
									   (int32) (start + periods_per_year(old->frequency) - 1),
									   old_level, new_level));
}

/*----------
 * index_agg(s, weight): sum(weight x s) / sum(weight), month by month.
 *
 * The sums are exact.  A weight and a value are doubles, and their product
 * is an integer of at most 106 bits times a power of two: it is added,
 * without rounding, to a fixed-point accumulator (exact_sum.h), and so is
 * each weight.  The final function rounds each month's sum and the sum of
 * the weights once, to the nearest double, and divides.  So the result
 * depends on the rows and not on their order: a serial plan, a parallel one
 * and Citus's partial aggregation, whatever order the partial states are
 * combined in, give the same bits (sum(float8) does not).  A numeric series
 * is read as doubles first (indices are float8), as it always was.
 *
 * The state, index_agg_state, is a varlena:
 *
 *	header		IndexAggState below
 *	weight		nlimbs limbs: the sum of the weights > 0
 *	sums		with INDEX_STATE_HAS_SUMS, capacity x nlimbs limbs: the sum
 *				of weight x value of each period of the union of the spans
 *				of the rows with weight > 0 (nmonths of them in use)
 *	missing		capacity bytes: 1 where some row with weight > 0 lacks the
 *				period
 *	estimated	capacity bytes: 1 where some row with weight > 0 has the
 *				period flagged as an estimate (estimates.h); read only where
 *				the period is present, and OR-ed by the combine function, so
 *				the result's flags, like its sums, do not depend on the plan
 *
 * Every accumulator of a state shares one window of limbs [lo, lo +
 * nlimbs), widened (a copy) when a term lands outside it.  For an index
 * (values near 100 with full 53-bit mantissas, integer weights up to a few
 * millions) it is 3 limbs: 26 bytes a period against the 8 of a float8 sum.
 *
 * A row whose series is NULL lacks every month, including months that
 * later rows bring: it sets INDEX_STATE_LACKS_ALL.  Rows with weight 0
 * change nothing.
 *
 * Like series_agg, the transition and combine functions update the state in
 * place when AggCheckCallContext says they are called as an aggregate, and
 * return the same pointer; when the state must grow (more periods, a wider
 * window), a larger one is built in the per-call context, which nodeAgg
 * copies once into the aggregate context, freeing the old one
 * (ExecAggTransReparent).  So the combine function's copy of its second
 * input, when the first is NULL, is made in the per-call context too and
 * reaches the aggregate context through that same copy: it never returns
 * the second input itself.
 *
 * Format version 1 (release 1.1) kept float8 sums, rounded at every
 * addition; its stored values and its text and binary forms are still
 * read, their doubles taken as exact, and the estimate flags of its sums
 * series (a 1.2 series format version 3) as the periods' marks
 * (state_detoast).  Format version 2 is version 3 without the estimate
 * marks: a stored one is read with no period flagged.  The binary form
 * is written as version 2 when no present period is flagged, version 3
 * (version 2 with a third per-period mark) when one is.
 *----------
 */
#define INDEX_STATE_FORMAT_VERSION 3	/* written; 1 and 2 are read */
#define INDEX_STATE_FORMAT_EXACT 2	/* exact sums, no estimate marks */
#define INDEX_STATE_FORMAT_FLOAT8 1 /* release 1.1: float8 sums */

#define INDEX_STATE_HAS_SUMS	0x01	/* periods and their sums follow */
#define INDEX_STATE_LACKS_ALL	0x02	/* a NULL series had weight > 0 */

typedef struct IndexAggState
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* INDEX_STATE_FORMAT_VERSION */
	uint8		flags;			/* INDEX_STATE_* */
	uint8		frequency;		/* SERIES_FREQ_* of the periods */
	uint8		reserved;		/* zero */
	int32		first;			/* the first period, with sums */
	int32		nmonths;		/* periods, with sums; else 0 */
	int32		capacity;		/* period slots allocated */
	int32		lo;				/* limb 0 weighs 2^(64 x lo) */
	int32		nlimbs;			/* limbs of every accumulator, >= 1 */
	int32		reserved2;		/* zero */
	/* the weight, the sums and the missing marks follow */
} IndexAggState;

#define INDEX_STATE_HEADER_SIZE MAXALIGN(sizeof(IndexAggState))

/*
 * Release 1.1's state (format version 1), as a value stored by it is laid
 * out: this header, then with INDEX_STATE_HAS_SUMS an indicator_series of
 * float8 sums (NaN where missing).
 */
typedef struct IndexAggStateFloat8
{
	int32		vl_len_;
	uint8		version;		/* INDEX_STATE_FORMAT_FLOAT8 */
	uint8		flags;
	uint8		reserved[2];
	double		weight;
} IndexAggStateFloat8;

static IndexAggState *state_from_doubles(uint8 flags, double weight, const IndicatorSeries *sums);
static IndexAggState *state_from_exact(IndexAggState *old);

/*
 * Every state is read through here: a stored state of release 1.1 is
 * converted (its doubles taken as exact), a version this code does not know
 * is an error, never misread.
 */
static IndexAggState *
state_detoast(Datum d)
{
	IndexAggState *st = (IndexAggState *) PG_DETOAST_DATUM(d);

	if (likely(st->version == INDEX_STATE_FORMAT_VERSION))
		return st;
	if (st->version == INDEX_STATE_FORMAT_EXACT)
		return state_from_exact(st);
	if (st->version == INDEX_STATE_FORMAT_FLOAT8)
	{
		IndexAggStateFloat8 *old = (IndexAggStateFloat8 *) st;
		IndicatorSeries *sums = NULL;

		if (old->flags & INDEX_STATE_HAS_SUMS)
			sums = series_check_format((IndicatorSeries *)
									   ((char *) old + MAXALIGN(sizeof(IndexAggStateFloat8))));
		return state_from_doubles(old->flags & INDEX_STATE_LACKS_ALL, old->weight, sums);
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("index_agg_state format version %d is not supported", st->version),
			 errdetail("This version of indicator reads format versions %d, %d and %d.",
					   INDEX_STATE_FORMAT_FLOAT8, INDEX_STATE_FORMAT_EXACT,
					   INDEX_STATE_FORMAT_VERSION),
			 errhint("The value was written by a later release of indicator, or is corrupt.")));
}

#define PG_GETARG_INDEX_AGG_STATE_P(n) state_detoast(PG_GETARG_DATUM(n))

static inline uint64 *
state_weight(IndexAggState *st)
{
	return (uint64 *) ((char *) st + INDEX_STATE_HEADER_SIZE);
}

static inline uint64 *
state_sum(IndexAggState *st, int32 i)
{
	return state_weight(st) + (Size) (1 + i) * st->nlimbs;
}

static inline uint8 *
state_missing(IndexAggState *st)
{
	return (uint8 *) (state_weight(st) + (Size) (1 + st->capacity) * st->nlimbs);
}

static inline uint8 *
state_estimated(IndexAggState *st)
{
	return state_missing(st) + st->capacity;
}

/* Whether period i of st is present and flagged as an estimate. */
static inline bool
state_flagged(IndexAggState *st, int32 i)
{
	return !state_missing(st)[i] && state_estimated(st)[i];
}

/*
 * Whether a present period of st is flagged (with INDEX_STATE_LACKS_ALL
 * too: the text and binary forms write such a state's sums and marks as
 * they are, and the final function finds every period missing).
 */
static bool
state_has_estimates(IndexAggState *st)
{
	if (!(st->flags & INDEX_STATE_HAS_SUMS))
		return false;
	for (int32 i = 0; i < st->nmonths; i++)
		if (state_flagged(st, i))
			return true;
	return false;
}

/* A zeroed state: weight 0, every period present with sum 0. */
static IndexAggState *
state_alloc(uint8 flags, uint8 frequency, int32 first, int32 nmonths, int32 capacity,
			int32 lo, int32 nlimbs)
{
	Size		size = INDEX_STATE_HEADER_SIZE +
		(Size) (1 + capacity) * nlimbs * sizeof(uint64) + (Size) 2 * capacity;
	IndexAggState *st = (IndexAggState *) palloc0(size);

	Assert(nlimbs >= 1 && nlimbs <= EXACT_MAX_LIMBS && nmonths <= capacity);
	SET_VARSIZE(st, size);
	st->version = INDEX_STATE_FORMAT_VERSION;
	st->flags = flags;
	st->frequency = frequency;
	st->first = first;
	st->nmonths = nmonths;
	st->capacity = capacity;
	st->lo = lo;
	st->nlimbs = nlimbs;
	return st;
}

/*
 * A copy of st in the current memory context with the periods [first,
 * first + nmonths) (which hold st's), room for "capacity", and the window
 * [lo, lo + nlimbs) (which holds st's); the new periods are missing.
 */
static IndexAggState *
state_reshape(IndexAggState *st, int32 first, int32 nmonths, int32 capacity,
			  int32 lo, int32 nlimbs)
{
	IndexAggState *r = state_alloc(st->flags, st->frequency, first, nmonths, capacity, lo, nlimbs);
	uint8	   *missing = state_missing(r);
	uint8	   *estimated = state_estimated(r);
	int32		shift = st->first - first;

	exact_widen(state_weight(st), st->lo, st->nlimbs, state_weight(r), lo, nlimbs);
	if (st->flags & INDEX_STATE_HAS_SUMS)
	{
		Assert(shift >= 0 && shift + st->nmonths <= nmonths);
		memset(missing, 1, nmonths);
		for (int32 i = 0; i < st->nmonths; i++)
		{
			exact_widen(state_sum(st, i), st->lo, st->nlimbs, state_sum(r, shift + i), lo, nlimbs);
			missing[shift + i] = state_missing(st)[i];
			estimated[shift + i] = state_estimated(st)[i];
		}
	}
	return r;
}

/* A copy of st in the current memory context, without spare room. */
static IndexAggState *
state_copy(IndexAggState *st)
{
	return state_reshape(st, st->first, st->nmonths, st->nmonths, st->lo, st->nlimbs);
}

/*
 * A stored state of format version 2, as version 3: the same header,
 * weight, sums and missing marks, and no period flagged.
 */
static IndexAggState *
state_from_exact(IndexAggState *old)
{
	IndexAggState *st;
	Size		body = 0;

	if (old->capacity >= 0 && old->capacity <= SERIES_MAX_MONTHS &&
		old->nlimbs >= 1 && old->nlimbs <= EXACT_MAX_LIMBS)
		body = (Size) (1 + old->capacity) * old->nlimbs * sizeof(uint64) + old->capacity;
	if (body == 0 || VARSIZE(old) != INDEX_STATE_HEADER_SIZE + body)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("stored index_agg_state of format version %d is corrupt", old->version),
				 errdetail("Its size, %u bytes, does not match its header.",
						   (unsigned int) VARSIZE(old))));
	st = state_alloc(old->flags, old->frequency, old->first, old->nmonths, old->capacity,
					 old->lo, old->nlimbs);
	memcpy(state_weight(st), state_weight(old), body);
	return st;
}

/* st, or a copy, whose window holds [lo, lo + nlimbs). */
static IndexAggState *
state_widen(IndexAggState *st, int32 lo, int32 nlimbs)
{
	int32		new_lo = Min(st->lo, lo);
	int32		new_hi = Max(st->lo + st->nlimbs, lo + nlimbs);

	if (new_lo == st->lo && new_hi == st->lo + st->nlimbs)
		return st;
	Assert(new_lo >= EXACT_MIN_LIMB && new_hi <= EXACT_MAX_LIMB);
	return state_reshape(st, st->first, st->nmonths, st->capacity, new_lo, new_hi - new_lo);
}

/* st, or a copy, in which a term of "bits" bits times 2^exp fits. */
static IndexAggState *
state_widen_for(IndexAggState *st, int32 exp, int bits)
{
	int32		lo;
	int32		hi;

	exact_window_for(exp, bits, &lo, &hi);
	return state_widen(st, lo, hi - lo);
}

/*
 * st, or a copy, holding the periods [first, last] of "frequency": a state
 * without sums gets them, each with sum 0; a state with sums grows to the
 * union of both spans, the periods it lacked missing (earlier rows lacked
 * them).  Different frequencies are 42804.
 */
static IndexAggState *
state_cover(IndexAggState *st, int32 first, int32 last, uint8 frequency)
{
	int32		new_first;
	int32		new_last;
	int32		nmonths;

	if (!(st->flags & INDEX_STATE_HAS_SUMS))
	{
		IndexAggState *r = state_alloc(st->flags | INDEX_STATE_HAS_SUMS, frequency, first,
									   last - first + 1, last - first + 1, st->lo, st->nlimbs);

		memcpy(state_weight(r), state_weight(st), (Size) st->nlimbs * sizeof(uint64));
		return r;
	}
	if (st->frequency != frequency)
	{
		/* series_check_same_frequency reads the frequencies alone */
		IndicatorSeries a;
		IndicatorSeries b;

		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		a.frequency = st->frequency;
		b.frequency = frequency;
		series_check_same_frequency(&a, &b, SERIES_COMBINE_OTHER);
	}
	if (first >= st->first && last <= st->first + st->nmonths - 1)
		return st;
	new_first = Min(first, st->first);
	new_last = Max(last, st->first + st->nmonths - 1);
	series_check_period_span(new_first, new_last, st->frequency);
	nmonths = new_last - new_first + 1;
	if (new_first == st->first && nmonths <= st->capacity)
	{
		/* later periods, in the spare room */
		memset(state_missing(st) + st->nmonths, 1, nmonths - st->nmonths);
		memset(state_estimated(st) + st->nmonths, 0, nmonths - st->nmonths);
		memset(state_sum(st, st->nmonths), 0,
			   (Size) (nmonths - st->nmonths) * st->nlimbs * sizeof(uint64));
		st->nmonths = nmonths;
		return st;
	}
	return state_reshape(st, new_first, nmonths,
						 Min(Max(nmonths, 2 * st->nmonths), Max(nmonths, SERIES_MAX_MONTHS)),
						 st->lo, st->nlimbs);
}

/*
 * The sum of the weights as a double: finite, or 22003 (as sum(float8)
 * overflows).  Below 2^960 no rounding is needed to know.
 */
static double
state_weight_double(IndexAggState *st)
{
	const uint64 *w = state_weight(st);
	int32		top = st->nlimbs - 1;

	while (top > 0 && w[top] == 0)
		top--;
	if (st->lo + top < 15)
		return exact_round(w, st->lo, st->nlimbs);
	else
	{
		double		d = exact_round(w, st->lo, st->nlimbs);

		if (isinf(d))
			float_overflow_error();
		return d;
	}
}

/* Add the weight w > 0 to the state. */
static IndexAggState *
state_add_weight(IndexAggState *st, double w)
{
	uint64		m;
	int32		e;
	bool		neg;

	exact_split(w, &m, &e, &neg);
	if (unlikely(!exact_fits(st->lo, st->nlimbs, e, exact_bits(m))))
		st = state_widen_for(st, e, exact_bits(m));
	exact_add_term(state_weight(st), st->lo, st->nlimbs, (uint128) m, e, neg);
	(void) state_weight_double(st);
	return st;
}

/*
 * Add w x x to the sums of the state, month by month (w > 0); returns the
 * state, a new one when it had to grow.  A period of the state that x lacks
 * becomes missing; a period that x flags as an estimate is flagged.
 */
static IndexAggState *
state_add(IndexAggState *st, const IndicatorSeries *x, double w)
{
	uint8	   *missing;
	int32		lo;
	int32		hi;
	uint64		wm;
	int32		we;
	bool		wneg;
	double	   *numeric_values = NULL;
	const char *v;

	st = state_cover(st, x->first, series_last(x), x->frequency);
	missing = state_missing(st);
	if (st->flags & INDEX_STATE_LACKS_ALL)
	{
		/* every period is missing, whatever x holds */
		memset(missing, 1, st->nmonths);
		return st;
	}

	/* the state's periods that x lacks */
	lo = x->first - st->first;
	hi = lo + x->nmonths;
	memset(missing, 1, lo);
	memset(missing + hi, 1, st->nmonths - hi);

	if (x->kind != SERIES_KIND_FLOAT8)
	{
		/* a numeric series (rarer: indices are float8) read as doubles first */
		numeric_values = palloc((Size) x->nmonths * sizeof(double));
		series_doubles(x, numeric_values);
		v = (const char *) numeric_values;
	}
	else
		v = series_values(x);

	/* the hot loop: one exact product a present value */
	exact_split(w, &wm, &we, &wneg);
	for (int32 k = 0; k < x->nmonths; k++)
	{
		double		d;
		uint64		m;
		int32		e;
		bool		neg;
		uint128		mag;
		int			bits;

		memcpy(&d, v + (Size) k * sizeof(double), sizeof(double));
		if (isnan(d))
		{
			missing[lo + k] = 1;
			continue;
		}
		if (missing[lo + k] || d == 0)
			continue;
		exact_split(d, &m, &e, &neg);
		e += we;
		mag = (uint128) wm * m;
		bits = exact_bits(mag);
		if (unlikely(!exact_fits(st->lo, st->nlimbs, e, bits)))
		{
			st = state_widen_for(st, e, bits);
			missing = state_missing(st);
		}
		exact_add_term(state_sum(st, lo + k), st->lo, st->nlimbs, mag, e, neg);
	}
	if (numeric_values)
		pfree(numeric_values);

	/* x's estimates flag the periods they went into */
	if (series_has_bitmap(x))
	{
		uint8	   *estimated = state_estimated(st);

		for (int32 k = 0; k < x->nmonths; k++)
			if (series_flagged(x, k))
				estimated[lo + k] = 1;
	}
	return st;
}

/* A weight: not NULL (22004), finite and not negative (22023). */
static double
weight_arg(FunctionCallInfo fcinfo, int argno)
{
	double		w;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("weight cannot be NULL"),
				 errhint("Give weight 0 to a component that should not count.")));
	w = PG_GETARG_FLOAT8(argno);
	if (isnan(w))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight cannot be NaN"),
				 errdetail("A weight is a component's share of the base period's output or value added.")));
	if (isinf(w))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight cannot be infinite"),
				 errdetail("A weight is a component's share of the base period's output or value added.")));
	if (w < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight cannot be negative"),
				 errdetail("A weight is a component's share of the base period's output or value added.")));
	return w;
}

/* index_agg_transfn(index_agg_state, indicator_series, double precision) */
PG_FUNCTION_INFO_V1(index_agg_transfn);
Datum
index_agg_transfn(PG_FUNCTION_ARGS)
{
	bool		in_agg = AggCheckCallContext(fcinfo, NULL) != 0;
	double		w = weight_arg(fcinfo, 2);
	IndexAggState *st;

	if (w == 0)
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(0))
		st = state_alloc(0, SERIES_FREQ_MONTH, 0, 0, 0, 0, 1);
	else
	{
		st = PG_GETARG_INDEX_AGG_STATE_P(0);
		/* called as a plain function, the state is not ours to change */
		if (!in_agg)
			st = state_copy(st);
	}
	st = state_add_weight(st, w);
	if (PG_ARGISNULL(1))
		st->flags |= INDEX_STATE_LACKS_ALL;
	else
		st = state_add(st, PG_GETARG_INDICATOR_SERIES_P(1), w);
	PG_RETURN_POINTER(in_agg ? st : state_copy(st));
}

/* index_agg_combine(index_agg_state, index_agg_state) */
PG_FUNCTION_INFO_V1(index_agg_combine);
Datum
index_agg_combine(PG_FUNCTION_ARGS)
{
	bool		in_agg = AggCheckCallContext(fcinfo, NULL) != 0;
	IndexAggState *st;
	IndexAggState *other;
	uint8	   *missing;
	uint8	   *estimated;
	const uint8 *other_missing;
	const uint8 *other_estimated;
	int32		lo;
	int32		hi;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	other = PG_GETARG_INDEX_AGG_STATE_P(1);
	/* never return the second input itself: it is not ours to keep */
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(state_copy(other));

	st = PG_GETARG_INDEX_AGG_STATE_P(0);
	if (!in_agg)
		st = state_copy(st);
	st = state_widen(st, other->lo, other->nlimbs);
	exact_add(state_weight(st), st->lo, st->nlimbs, state_weight(other), other->lo, other->nlimbs);
	(void) state_weight_double(st);
	st->flags |= other->flags & INDEX_STATE_LACKS_ALL;
	if (other->flags & INDEX_STATE_HAS_SUMS)
	{
		st = state_cover(st, other->first, other->first + other->nmonths - 1, other->frequency);
		missing = state_missing(st);
		if (st->flags & INDEX_STATE_LACKS_ALL)
			memset(missing, 1, st->nmonths);
		else
		{
			/* the state's periods that the other lacks */
			lo = other->first - st->first;
			hi = lo + other->nmonths;
			memset(missing, 1, lo);
			memset(missing + hi, 1, st->nmonths - hi);
			other_missing = state_missing(other);
			estimated = state_estimated(st);
			other_estimated = state_estimated(other);
			for (int32 k = 0; k < other->nmonths; k++)
			{
				if (other_missing[k])
					missing[lo + k] = 1;
				else if (!missing[lo + k])
				{
					exact_add(state_sum(st, lo + k), st->lo, st->nlimbs,
							  state_sum(other, k), other->lo, other->nlimbs);
					estimated[lo + k] |= other_estimated[k];
				}
			}
		}
	}
	PG_RETURN_POINTER(in_agg ? st : state_copy(st));
}

/*
 * index_agg_final(index_agg_state) returns indicator_series: each period's
 * sum over the sum of the weights, both rounded once, flagged as an
 * estimate when the state's period is; NULL when no row with weight > 0
 * had a series.
 */
PG_FUNCTION_INFO_V1(index_agg_final);
Datum
index_agg_final(PG_FUNCTION_ARGS)
{
	IndexAggState *st = PG_GETARG_INDEX_AGG_STATE_P(0);
	IndicatorSeries *r;
	double		weight;

	if (!(st->flags & INDEX_STATE_HAS_SUMS))
		PG_RETURN_NULL();
	weight = state_weight_double(st);
	if (!(weight > 0))
		PG_RETURN_NULL();
	r = series_alloc_freq(SERIES_KIND_FLOAT8, SERIES_SLOT_INT64, 0, st->first, st->nmonths,
						  st->nmonths, st->frequency);
	if (!(st->flags & INDEX_STATE_LACKS_ALL))
	{
		const uint8 *missing = state_missing(st);

		for (int32 i = 0; i < st->nmonths; i++)
			if (!missing[i])
				index_put(r, i, exact_round(state_sum(st, i), st->lo, st->nlimbs) / weight);
	}
	if (state_has_estimates(st))
	{
		bool	   *flags = palloc(sizeof(bool) * st->nmonths);

		for (int32 i = 0; i < st->nmonths; i++)
			flags[i] = state_flagged(st, i);
		r = series_with_estimates(r, flags);
	}
	PG_RETURN_INDICATOR_SERIES_P(r);
}

/*
 * A state from numbers read from outside: the weight, and with sums
 * (frequency, first, nmonths) each present period's sum and, when
 * "estimated" is not NULL, whether it is flagged as an estimate.  The
 * window holds every number and a limb of headroom above.
 */
static IndexAggState *
state_from_numbers(uint8 flags, const ExactNumber *weight, uint8 frequency, int32 first,
				   int32 nmonths, const ExactNumber *sums, const bool *present,
				   const bool *estimated)
{
	int32		lo = weight->n > 0 ? weight->lo : EXACT_MAX_LIMB;
	int32		hi = weight->n > 0 ? weight->lo + weight->n : EXACT_MIN_LIMB;
	IndexAggState *st;

	for (int32 i = 0; i < nmonths; i++)
		if (present[i] && sums[i].n > 0)
		{
			lo = Min(lo, sums[i].lo);
			hi = Max(hi, sums[i].lo + sums[i].n);
		}
	if (lo > hi)
		lo = hi = 0;
	hi++;
	Assert(lo >= EXACT_MIN_LIMB && hi <= EXACT_MAX_LIMB);
	st = state_alloc(flags, frequency, first, nmonths, nmonths, lo, hi - lo);
	if (weight->n > 0)
		exact_widen(weight->limbs, weight->lo, weight->n, state_weight(st), lo, hi - lo);
	for (int32 i = 0; i < nmonths; i++)
	{
		if (!present[i])
			state_missing(st)[i] = 1;
		else
		{
			if (sums[i].n > 0)
				exact_widen(sums[i].limbs, sums[i].lo, sums[i].n, state_sum(st, i), lo, hi - lo);
			if (estimated && estimated[i])
				state_estimated(st)[i] = 1;
		}
	}
	return st;
}

/*
 * A state of format version 1: the sum of the weights and float8 sums (NaN
 * where missing), each double taken as exact, and the sums' estimate flags
 * (a 1.2 series) as the periods' marks.
 */
static IndexAggState *
state_from_doubles(uint8 flags, double weight, const IndicatorSeries *sums)
{
	ExactNumber w;
	ExactNumber *values = NULL;
	bool	   *present = NULL;
	bool	   *estimated = NULL;

	exact_from_double(weight, &w);
	if (!sums)
		return state_from_numbers(flags, &w, SERIES_FREQ_MONTH, 0, 0, NULL, NULL, NULL);
	values = palloc0((Size) sums->nmonths * sizeof(ExactNumber));
	present = palloc0((Size) sums->nmonths * sizeof(bool));
	estimated = palloc0((Size) sums->nmonths * sizeof(bool));
	series_estimate_flags(sums, estimated);
	for (int32 i = 0; i < sums->nmonths; i++)
	{
		double		d = series_fp_array(sums)[i];

		/* an infinite sum (a release 1.1 state past overflow) is missing */
		present[i] = isfinite(d);
		if (present[i])
			exact_from_double(d, &values[i]);
	}
	return state_from_numbers(flags | INDEX_STATE_HAS_SUMS, &w, sums->frequency, sums->first,
							  sums->nmonths, values, present, estimated);
}

/*
 * The text form of index_agg_state:
 *
 *		weight 3.5; sums float8 {2015-01: 350, 2015-02: NULL}; exact weight 0x7p-1, sums 0x15ep+0, NULL
 *		weight 2; sums float8 {2015-01: 200*, 2015-02: 100}; exact weight 0x1p+1, sums 0x19p+3*, 0x19p+2
 *		weight 2; lacks every month; sums float8 {2015-01: NULL}; exact weight 0x1p+1, sums NULL
 *		weight 1; lacks every month; exact weight 0x1p+0
 *
 * the sum of the weights (> 0), whether a NULL series had weight > 0, the
 * sums of weight x value (an indicator_series), each rounded to the nearest
 * double for the reader (a sum beyond double precision shows as NULL), and
 * after "exact" the same numbers exactly (exact_sum.c's text form), one for
 * every period of the series, NULL where it is missing, followed by "*"
 * where the period is flagged as an estimate: these are the state (the
 * rounded sums show the same flags, for the reader; only their periods are
 * read).  Release 1.1's form, without "exact", is still read: its doubles
 * are the state's numbers, and its sums' flags ("200*", as 1.2 writes a
 * series) the estimate marks.
 */
static const char lacks_text[] = "; lacks every month";
static const char sums_text[] = "; sums ";
static const char exact_text[] = "; exact weight ";
static const char exact_sums_text[] = ", sums ";

static void
state_text_error(const char *text, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type index_agg_state: \"%.60s%s\"",
					text, strlen(text) > 60 ? "..." : ""),
			 errdetail("%s", detail)));
}

/* Checks that hold for every state read from outside. */
static void
state_check(IndexAggState *st, void (*fail) (const char *, const char *), const char *text)
{
	double		weight = exact_round(state_weight(st), st->lo, st->nlimbs);

	if (!isfinite(weight) || !(weight > 0))
		fail(text, "The weight must be positive and finite.");
	if (!(st->flags & (INDEX_STATE_HAS_SUMS | INDEX_STATE_LACKS_ALL)))
		fail(text, "A state without sums lacks every month.");
}

/* The exact part of the text form, from p: the state, or an error. */
static IndexAggState *
state_exact_in(const char *text, const char *p, uint8 flags, const IndicatorSeries *sums)
{
	ExactNumber weight;
	ExactNumber *values = NULL;
	bool	   *present = NULL;
	bool	   *estimated = NULL;
	int32		nmonths = sums ? sums->nmonths : 0;

	p = exact_parse_hex(p, &weight);
	if (!p)
		state_text_error(text, "The exact weight is malformed or out of range.");
	if (sums)
	{
		if (strncmp(p, exact_sums_text, strlen(exact_sums_text)) != 0)
			state_text_error(text, "The exact sums are missing.");
		p += strlen(exact_sums_text);
		values = palloc0((Size) nmonths * sizeof(ExactNumber));
		present = palloc0((Size) nmonths * sizeof(bool));
		estimated = palloc0((Size) nmonths * sizeof(bool));
		for (int32 i = 0; i < nmonths; i++)
		{
			if (i > 0)
			{
				if (strncmp(p, ", ", 2) != 0)
					state_text_error(text, "The exact sums do not match the periods.");
				p += 2;
			}
			if (strncmp(p, "NULL", 4) == 0)
			{
				p += 4;
				if (*p == '*')
					state_text_error(text, "A missing period cannot be flagged as an estimate.");
				continue;
			}
			p = exact_parse_hex(p, &values[i]);
			if (p == NULL)
				state_text_error(text, "An exact sum is malformed or out of range.");
			else
			{
				present[i] = true;
				if (*p == '*')
				{
					estimated[i] = true;
					p++;
				}
			}
		}
	}
	while (isspace((unsigned char) *p))
		p++;
	if (*p != '\0')
		state_text_error(text, "The exact sums do not match the periods.");
	return state_from_numbers(flags | (sums ? INDEX_STATE_HAS_SUMS : 0), &weight,
							  sums ? sums->frequency : SERIES_FREQ_MONTH,
							  sums ? sums->first : 0, nmonths, values, present, estimated);
}

/* index_agg_state_in(cstring) */
PG_FUNCTION_INFO_V1(index_agg_state_in);
Datum
index_agg_state_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	const char *p = text;
	char	   *end;
	const char *exact;
	uint8		flags = 0;
	double		weight;
	IndicatorSeries *sums = NULL;
	IndexAggState *st;

	while (isspace((unsigned char) *p))
		p++;
	if (strncmp(p, "weight ", 7) != 0)
		state_text_error(text, "The form starts with \"weight\" and the sum of the weights.");
	p += 7;
	errno = 0;
	weight = strtod(p, &end);
	/* ERANGE for a subnormal weight is no error: out writes those (as float8in) */
	if (end == p || (errno != 0 && (weight == 0.0 || isinf(weight))))
		state_text_error(text, "The weight is not a number.");
	p = end;
	if (strncmp(p, lacks_text, strlen(lacks_text)) == 0)
	{
		flags |= INDEX_STATE_LACKS_ALL;
		p += strlen(lacks_text);
	}
	exact = strstr(p, exact_text);
	if (strncmp(p, sums_text, strlen(sums_text)) == 0)
	{
		char	   *series_text;

		p += strlen(sums_text);
		series_text = exact ? pnstrdup(p, exact - p) : pstrdup(p);
		sums = DatumGetIndicatorSeriesP(DirectFunctionCall1(indicator_series_in,
															CStringGetDatum(series_text)));
		if (sums->kind != SERIES_KIND_FLOAT8)
			state_text_error(text, "The sums are a float8 series.");
		p = exact ? exact : p + strlen(p);
	}
	if (exact && p == exact)
		st = state_exact_in(text, p + strlen(exact_text), flags, sums);
	else
	{
		while (isspace((unsigned char) *p))
			p++;
		if (*p != '\0')
			state_text_error(text, "Unexpected text after the weight.");
		/* release 1.1's form */
		if (!isfinite(weight) || !(weight > 0))
			state_text_error(text, "The weight must be positive and finite.");
		st = state_from_doubles(flags, weight, sums);
	}
	state_check(st, state_text_error, text);
	PG_RETURN_POINTER(st);
}

/* index_agg_state_out(index_agg_state) */
PG_FUNCTION_INFO_V1(index_agg_state_out);
Datum
index_agg_state_out(PG_FUNCTION_ARGS)
{
	IndexAggState *st = PG_GETARG_INDEX_AGG_STATE_P(0);
	StringInfoData buf;
	char		weight[DOUBLE_SHORTEST_DECIMAL_LEN];

	initStringInfo(&buf);
	double_to_shortest_decimal_buf(exact_round(state_weight(st), st->lo, st->nlimbs), weight);
	appendStringInfo(&buf, "weight %s", weight);
	if (st->flags & INDEX_STATE_LACKS_ALL)
		appendStringInfoString(&buf, lacks_text);
	if (st->flags & INDEX_STATE_HAS_SUMS)
	{
		IndicatorSeries *rounded = series_alloc_freq(SERIES_KIND_FLOAT8, SERIES_SLOT_INT64, 0,
													 st->first, st->nmonths, st->nmonths,
													 st->frequency);

		for (int32 i = 0; i < st->nmonths; i++)
			if (!state_missing(st)[i])
			{
				double		d = exact_round(state_sum(st, i), st->lo, st->nlimbs);

				if (isfinite(d))
				{
					series_set_fp(rounded, i, d);
					rounded->npresent++;
				}
			}
		if (state_has_estimates(st))
		{
			bool	   *flags = palloc(sizeof(bool) * st->nmonths);

			for (int32 i = 0; i < st->nmonths; i++)
				flags[i] = state_flagged(st, i);
			rounded = series_with_estimates(rounded, flags);
		}
		appendStringInfoString(&buf, sums_text);
		appendStringInfoString(&buf,
							   DatumGetCString(DirectFunctionCall1(indicator_series_out,
																   PointerGetDatum(rounded))));
	}
	appendStringInfoString(&buf, exact_text);
	exact_append_hex(&buf, state_weight(st), st->lo, st->nlimbs);
	if (st->flags & INDEX_STATE_HAS_SUMS)
	{
		appendStringInfoString(&buf, exact_sums_text);
		for (int32 i = 0; i < st->nmonths; i++)
		{
			if (i > 0)
				appendStringInfoString(&buf, ", ");
			if (state_missing(st)[i])
				appendStringInfoString(&buf, "NULL");
			else
			{
				exact_append_hex(&buf, state_sum(st, i), st->lo, st->nlimbs);
				if (state_flagged(st, i))
					appendStringInfoChar(&buf, '*');
			}
		}
	}
	PG_RETURN_CSTRING(buf.data);
}

/* A number in the binary form: int32 lo, int32 n, n limbs (int8 each). */
static void
send_number(StringInfo buf, const uint64 *acc, int32 lo, int32 n)
{
	int32		tlo;
	int32		tn;

	exact_trim(acc, lo, n, &tlo, &tn);
	pq_sendint32(buf, tlo);
	pq_sendint32(buf, tn);
	for (int32 i = 0; i < tn; i++)
		pq_sendint64(buf, acc[tlo - lo + i]);
}

/*
 * Binary form (version 2): int1 version, int1 flags, the weight, then with
 * sums int1 frequency, int4 first period, int4 periods, and for each period
 * int1 present (0 or 1) followed, when present, by its sum.  Version 3 is
 * version 2 in which a period's mark may also be 2 (present and flagged as
 * an estimate); it is written only when a present period is flagged, so a
 * state without estimates sends version 2's bytes and a reader of version 2
 * alone rejects a state with them rather than drop its flags.  Version 1
 * (release 1.1): int1 version, int1 flags, float8 weight, then with sums the
 * binary form of an indicator_series (whose estimate flags, from a 1.2
 * series, are read as the periods' marks).
 */
PG_FUNCTION_INFO_V1(index_agg_state_send);
Datum
index_agg_state_send(PG_FUNCTION_ARGS)
{
	IndexAggState *st = PG_GETARG_INDEX_AGG_STATE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, state_has_estimates(st) ? INDEX_STATE_FORMAT_VERSION : INDEX_STATE_FORMAT_EXACT);
	pq_sendbyte(&buf, st->flags);
	send_number(&buf, state_weight(st), st->lo, st->nlimbs);
	if (st->flags & INDEX_STATE_HAS_SUMS)
	{
		pq_sendbyte(&buf, st->frequency);
		pq_sendint32(&buf, st->first);
		pq_sendint32(&buf, st->nmonths);
		for (int32 i = 0; i < st->nmonths; i++)
		{
			bool		present = !state_missing(st)[i];

			pq_sendbyte(&buf, !present ? 0 : state_flagged(st, i) ? 2 : 1);
			if (present)
				send_number(&buf, state_sum(st, i), st->lo, st->nlimbs);
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
state_binary_error(const char *unused, const char *detail)
{
	(void) unused;
	binary_input_error("index_agg_state", detail);
}

static void
need_bytes(StringInfo buf, int n)
{
	binary_input_need(buf, n, "index_agg_state");
}

static void
recv_number(StringInfo buf, ExactNumber *out)
{
	need_bytes(buf, 8);
	out->lo = (int32) pq_getmsgint(buf, 4);
	out->n = (int32) pq_getmsgint(buf, 4);
	if (out->n < 0 || out->n > EXACT_MAX_LIMBS || out->lo < EXACT_MIN_LIMB ||
		out->lo > EXACT_MAX_LIMB - 1 - out->n)
		state_binary_error(NULL, "A number is out of range.");
	need_bytes(buf, out->n * 8);
	out->limbs = palloc((Size) Max(out->n, 1) * sizeof(uint64));
	for (int32 i = 0; i < out->n; i++)
		out->limbs[i] = (uint64) pq_getmsgint64(buf);
}

/* Release 1.1's binary form, after its version byte. */
static IndexAggState *
state_recv_float8(StringInfo buf)
{
	uint8		flags;
	double		weight;
	IndicatorSeries *sums = NULL;

	need_bytes(buf, 1 + (int) sizeof(double));
	flags = (uint8) pq_getmsgbyte(buf);
	if (flags & ~(INDEX_STATE_HAS_SUMS | INDEX_STATE_LACKS_ALL))
		state_binary_error(NULL, "Unknown flags are set.");
	weight = pq_getmsgfloat8(buf);
	if (!isfinite(weight) || !(weight > 0))
		state_binary_error(NULL, "The weight must be positive and finite.");
	if (flags & INDEX_STATE_HAS_SUMS)
	{
		sums = DatumGetIndicatorSeriesP(DirectFunctionCall1(indicator_series_recv,
															PointerGetDatum(buf)));
		if (sums->kind != SERIES_KIND_FLOAT8)
			state_binary_error(NULL, "The sums are a float8 series.");
	}
	else if (buf->cursor != buf->len)
		state_binary_error(NULL, "Data follows a state without sums.");
	return state_from_doubles(flags & ~INDEX_STATE_HAS_SUMS, weight, sums);
}

PG_FUNCTION_INFO_V1(index_agg_state_recv);
Datum
index_agg_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	uint8		flags;
	ExactNumber weight;
	uint8		frequency = SERIES_FREQ_MONTH;
	int32		first = 0;
	int32		nmonths = 0;
	ExactNumber *sums = NULL;
	bool	   *present = NULL;
	bool	   *estimated = NULL;
	IndexAggState *st;

	need_bytes(buf, 1);
	version = pq_getmsgbyte(buf);
	if (version == INDEX_STATE_FORMAT_FLOAT8)
		st = state_recv_float8(buf);
	else if (version != INDEX_STATE_FORMAT_EXACT && version != INDEX_STATE_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported index_agg_state binary format version %d", version),
				 errdetail("This version of indicator reads format versions %d, %d and %d.",
						   INDEX_STATE_FORMAT_FLOAT8, INDEX_STATE_FORMAT_EXACT,
						   INDEX_STATE_FORMAT_VERSION)));
	else
	{
		need_bytes(buf, 1);
		flags = (uint8) pq_getmsgbyte(buf);
		if (flags & ~(INDEX_STATE_HAS_SUMS | INDEX_STATE_LACKS_ALL))
			state_binary_error(NULL, "Unknown flags are set.");
		recv_number(buf, &weight);
		if (flags & INDEX_STATE_HAS_SUMS)
		{
			need_bytes(buf, 9);
			frequency = (uint8) pq_getmsgbyte(buf);
			first = (int32) pq_getmsgint(buf, 4);
			nmonths = (int32) pq_getmsgint(buf, 4);
			if (frequency > SERIES_FREQ_YEAR || nmonths < 1 || nmonths > SERIES_MAX_MONTHS ||
				first < period_min(frequency) || first > period_max(frequency) - (nmonths - 1))
				state_binary_error(NULL, "The periods are out of range.");
			sums = palloc0((Size) nmonths * sizeof(ExactNumber));
			present = palloc0((Size) nmonths * sizeof(bool));
			estimated = palloc0((Size) nmonths * sizeof(bool));
			for (int32 i = 0; i < nmonths; i++)
			{
				int			mark;

				need_bytes(buf, 1);
				mark = pq_getmsgbyte(buf);
				if (mark != 0 && mark != 1 && (mark != 2 || version != INDEX_STATE_FORMAT_VERSION))
					state_binary_error(NULL, "A period is neither present nor missing.");
				present[i] = mark != 0;
				estimated[i] = mark == 2;
				if (present[i])
					recv_number(buf, &sums[i]);
			}
		}
		if (buf->cursor != buf->len)
			state_binary_error(NULL, "Data follows the state.");
		st = state_from_numbers(flags, &weight, frequency, first, nmonths, sums, present,
								estimated);
	}
	state_check(st, state_binary_error, NULL);
	PG_RETURN_POINTER(st);
}
