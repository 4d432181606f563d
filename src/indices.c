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
 * (the sums carry the flags of every value added into them).
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
#include "indices.h"
#include "level.h"
#include "series.h"

/*
 * A float8 series of nmonths from "first" with room for "capacity", every
 * month missing, for a result derived from "like" (its periods are like's):
 * every series this file makes, index_agg's sums included, is made here.
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
 * The state, index_agg_state, is a varlena:
 *
 *	header		IndexAggState below: the sum of the weights so far, and flags
 *	sums		with INDEX_STATE_HAS_SUMS, an indicator_series (float8) of
 *				sum(weight x value) for every month of the union of the
 *				spans of the rows with weight > 0, with spare slots to grow
 *				into, as series_agg's state has
 *
 * A month that some row with weight > 0 lacks is missing: its sum is NaN,
 * the series' missing mark, and NaN stays NaN through every later addition,
 * so the transition is one branch-free loop over the row's months
 * (sum += weight x value, a missing value being NaN) plus the marking of the
 * state's months outside the row's span.  A row whose series is NULL lacks
 * every month, including months that later rows bring: it sets
 * INDEX_STATE_LACKS_ALL.  Rows with weight 0 change nothing.
 *
 * Like series_agg, the transition and combine functions update the state in
 * place when AggCheckCallContext says they are called as an aggregate, and
 * return the same pointer; when the sums need more slots, a larger state is
 * built in the per-call context, which nodeAgg copies once into the
 * aggregate context, freeing the old one (ExecAggTransReparent).  So the
 * combine function's copy of its second input, when the first is NULL, is
 * made in the per-call context too and reaches the aggregate context
 * through that same copy: it never returns the second input itself.
 *
 * Sums are float8 and their order of addition differs between a serial and
 * a parallel plan, so results can differ in the last bits between plans
 * (as sum(float8) does); with values and weights whose sums are exact in
 * float8 they are identical.
 *----------
 */
#define INDEX_STATE_FORMAT_VERSION 1

#define INDEX_STATE_HAS_SUMS	0x01	/* an indicator_series of sums follows */
#define INDEX_STATE_LACKS_ALL	0x02	/* a NULL series had weight > 0 */

typedef struct IndexAggState
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* INDEX_STATE_FORMAT_VERSION */
	uint8		flags;			/* INDEX_STATE_* */
	uint8		reserved[2];	/* zero */
	double		weight;			/* sum of the weights > 0 so far */
	/* with INDEX_STATE_HAS_SUMS, the sums follow (an IndicatorSeries) */
} IndexAggState;

#define INDEX_STATE_HEADER_SIZE MAXALIGN(sizeof(IndexAggState))

#define PG_GETARG_INDEX_AGG_STATE_P(n) ((IndexAggState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static inline IndicatorSeries *
state_sums(IndexAggState *st)
{
	Assert(st->flags & INDEX_STATE_HAS_SUMS);
	return (IndicatorSeries *) ((char *) st + INDEX_STATE_HEADER_SIZE);
}

/* A state with the header of "like" and a copy of "sums" (or none). */
static IndexAggState *
state_with_sums(const IndexAggState *like, const IndicatorSeries *sums)
{
	Size		size = INDEX_STATE_HEADER_SIZE + (sums ? VARSIZE(sums) : 0);
	IndexAggState *st = (IndexAggState *) palloc0(size);

	SET_VARSIZE(st, size);
	st->version = INDEX_STATE_FORMAT_VERSION;
	st->flags = like ? like->flags : 0;
	st->weight = like ? like->weight : 0;
	if (sums)
	{
		st->flags |= INDEX_STATE_HAS_SUMS;
		memcpy(state_sums(st), sums, VARSIZE(sums));
	}
	else
		st->flags &= ~INDEX_STATE_HAS_SUMS;
	return st;
}

/* A copy of st in the current memory context, without spare slots. */
static IndexAggState *
state_copy(IndexAggState *st)
{
	return state_with_sums(st, (st->flags & INDEX_STATE_HAS_SUMS) ?
						   series_compact(state_sums(st)) : NULL);
}

/*
 * The capacity of new sums for "needed" months: the most that fits in the
 * power-of-two chunk that the whole state is rounded up to (so 120 months
 * take a 1 kB chunk, as series_growth_capacity does for a series alone).
 */
static int32
sums_capacity(int32 needed)
{
	Size		size = 256;
	Size		fixed = INDEX_STATE_HEADER_SIZE + SERIES_HEADER_SIZE;

	while (size < fixed + (Size) needed * sizeof(double))
		size *= 2;
	return Min((int32) ((size - fixed) / sizeof(double)), SERIES_MAX_MONTHS);
}

/*
 * Add factor x x to the sums of the state, month by month (factor > 0);
 * returns the state, a new one when the sums had to grow.  A month of the
 * state that x lacks becomes missing.
 */
static IndexAggState *
state_add(IndexAggState *st, const IndicatorSeries *x, double factor)
{
	IndicatorSeries *sums;
	double	   *acc;
	int32		lo;
	int32		hi;

	if (!(st->flags & INDEX_STATE_HAS_SUMS))
	{
		/* the first series: its span, all missing, then added to below */
		sums = index_series(x, x->first, x->nmonths,
							sums_capacity(Max(x->nmonths, SERIES_GROWTH_MIN_MONTHS)));
		for (int32 i = 0; i < x->nmonths; i++)
			series_set_fp(sums, i, 0.0);
		st = state_with_sums(st, sums);
	}
	else
	{
		sums = state_sums(st);
		check_same_periods(sums, x);
		if (x->first < sums->first || series_last(x) > series_last(sums))
		{
			/* the new months are missing: the earlier rows lack them */
			IndicatorSeries *grown = series_extend(sums, x->first, series_last(x), true);

			if (grown != sums)
				st = state_with_sums(st, grown);
		}
	}
	sums = state_sums(st);
	if (st->flags & INDEX_STATE_LACKS_ALL)
	{
		/* every month is missing, whatever x holds */
		series_set_missing(sums, 0, sums->nmonths);
		return st;
	}

	/* the state's months that x lacks */
	lo = x->first - sums->first;
	hi = series_last(x) - sums->first;
	series_set_missing(sums, 0, lo);
	series_set_missing(sums, hi + 1, sums->nmonths - hi - 1);

	/* the hot loop: NaN (missing) in either stays NaN */
	acc = series_fp_array(sums) + lo;
	if (x->kind == SERIES_KIND_FLOAT8)
	{
		const char *v = series_values(x);

		for (int32 k = 0; k < x->nmonths; k++)
		{
			double		d;

			memcpy(&d, v + (Size) k * sizeof(double), sizeof(double));
			acc[k] += factor * d;
		}
	}
	else
	{
		/* a numeric series (rarer: indices are float8) read as doubles first */
		double	   *v = palloc((Size) x->nmonths * sizeof(double));

		series_doubles(x, v);
		for (int32 k = 0; k < x->nmonths; k++)
			acc[k] += factor * v[k];
		pfree(v);
	}

	/* x's estimates flag the sums they went into (a copy for the first) */
	if (series_has_bitmap(x))
	{
		if (!series_has_bitmap(sums))
		{
			st = state_with_sums(st, series_add_bitmap(sums));
			sums = state_sums(st);
		}
		for (int32 k = 0; k < x->nmonths; k++)
			if (series_flagged(x, k))
				series_set_flag(sums, lo + k, true);
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

/* The sum of two states' weights: finite, or 22003. */
static void
add_weight(IndexAggState *st, double w)
{
	st->weight += w;
	if (isinf(st->weight))
		float_overflow_error();
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
		st = state_with_sums(NULL, NULL);
	else
	{
		st = PG_GETARG_INDEX_AGG_STATE_P(0);
		/* called as a plain function, the state is not ours to change */
		if (!in_agg)
			st = state_copy(st);
	}
	add_weight(st, w);
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
	add_weight(st, other->weight);
	st->flags |= other->flags & INDEX_STATE_LACKS_ALL;
	if (other->flags & INDEX_STATE_HAS_SUMS)
		st = state_add(st, state_sums(other), 1.0);
	PG_RETURN_POINTER(in_agg ? st : state_copy(st));
}

/*
 * index_agg_final(index_agg_state) returns indicator_series: the sums over
 * the weight; NULL when no row with weight > 0 had a series.
 */
PG_FUNCTION_INFO_V1(index_agg_final);
Datum
index_agg_final(PG_FUNCTION_ARGS)
{
	IndexAggState *st = PG_GETARG_INDEX_AGG_STATE_P(0);
	IndicatorSeries *sums;
	IndicatorSeries *r;

	if (!(st->flags & INDEX_STATE_HAS_SUMS) || !(st->weight > 0))
		PG_RETURN_NULL();
	sums = state_sums(st);
	r = index_result(sums, sums->first, sums->nmonths);
	if (!(st->flags & INDEX_STATE_LACKS_ALL))
	{
		const double *acc = series_fp_array(sums);

		for (int32 i = 0; i < sums->nmonths; i++)
			if (!isnan(acc[i]))
				index_put(r, i, acc[i] / st->weight);
	}
	if (series_has_bitmap(sums))
	{
		bool	   *flags = palloc(sizeof(bool) * sums->nmonths);

		series_estimate_flags(sums, flags);
		r = series_with_estimates(r, flags);
	}
	PG_RETURN_INDICATOR_SERIES_P(r);
}

/*
 * The text form of index_agg_state:
 *
 *		weight 3.5; sums float8 {2015-01: 350, 2015-02: NULL}
 *		weight 2; lacks every month; sums float8 {2015-01: NULL}
 *		weight 1; lacks every month
 *
 * the sum of the weights (> 0), whether a NULL series had weight > 0, and
 * the sums of weight x value (an indicator_series).
 */
static const char lacks_text[] = "; lacks every month";
static const char sums_text[] = "; sums ";

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
	if (!isfinite(st->weight) || !(st->weight > 0))
		fail(text, "The weight must be positive and finite.");
	if (!(st->flags & (INDEX_STATE_HAS_SUMS | INDEX_STATE_LACKS_ALL)))
		fail(text, "A state without sums lacks every month.");
	if ((st->flags & INDEX_STATE_HAS_SUMS) && state_sums(st)->kind != SERIES_KIND_FLOAT8)
		fail(text, "The sums are a float8 series.");
}

/* index_agg_state_in(cstring) */
PG_FUNCTION_INFO_V1(index_agg_state_in);
Datum
index_agg_state_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	const char *p = text;
	char	   *end;
	IndexAggState head;
	IndicatorSeries *sums = NULL;

	memset(&head, 0, sizeof(head));
	while (isspace((unsigned char) *p))
		p++;
	if (strncmp(p, "weight ", 7) != 0)
		state_text_error(text, "The form starts with \"weight\" and the sum of the weights.");
	p += 7;
	errno = 0;
	head.weight = strtod(p, &end);
	/* ERANGE for a subnormal weight is no error: out writes those (as float8in) */
	if (end == p || (errno != 0 && (head.weight == 0.0 || isinf(head.weight))))
		state_text_error(text, "The weight is not a number.");
	p = end;
	if (strncmp(p, lacks_text, strlen(lacks_text)) == 0)
	{
		head.flags |= INDEX_STATE_LACKS_ALL;
		p += strlen(lacks_text);
	}
	if (strncmp(p, sums_text, strlen(sums_text)) == 0)
	{
		p += strlen(sums_text);
		sums = DatumGetIndicatorSeriesP(DirectFunctionCall1(indicator_series_in,
															CStringGetDatum(p)));
		p += strlen(p);
	}
	while (isspace((unsigned char) *p))
		p++;
	if (*p != '\0')
		state_text_error(text, "Unexpected text after the weight.");
	{
		IndexAggState *st = state_with_sums(&head, sums);

		state_check(st, state_text_error, text);
		PG_RETURN_POINTER(st);
	}
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
	double_to_shortest_decimal_buf(st->weight, weight);
	appendStringInfo(&buf, "weight %s", weight);
	if (st->flags & INDEX_STATE_LACKS_ALL)
		appendStringInfoString(&buf, lacks_text);
	if (st->flags & INDEX_STATE_HAS_SUMS)
	{
		appendStringInfoString(&buf, sums_text);
		appendStringInfoString(&buf,
							   DatumGetCString(DirectFunctionCall1(indicator_series_out,
																   PointerGetDatum(state_sums(st)))));
	}
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Binary form: int8 version, int8 flags, float8 weight, then with sums the
 * binary form of an indicator_series.
 */
PG_FUNCTION_INFO_V1(index_agg_state_send);
Datum
index_agg_state_send(PG_FUNCTION_ARGS)
{
	IndexAggState *st = PG_GETARG_INDEX_AGG_STATE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, INDEX_STATE_FORMAT_VERSION);
	pq_sendbyte(&buf, st->flags);
	pq_sendfloat8(&buf, st->weight);
	if (st->flags & INDEX_STATE_HAS_SUMS)
	{
		bytea	   *sums = DatumGetByteaPP(DirectFunctionCall1(indicator_series_send,
															   PointerGetDatum(state_sums(st))));

		pq_sendbytes(&buf, VARDATA_ANY(sums), VARSIZE_ANY_EXHDR(sums));
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
state_binary_error(const char *unused, const char *detail)
{
	(void) unused;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary data for type index_agg_state"),
			 errdetail("%s", detail)));
}

PG_FUNCTION_INFO_V1(index_agg_state_recv);
Datum
index_agg_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	IndexAggState head;
	IndicatorSeries *sums = NULL;
	IndexAggState *st;

	/* truncated input is 22P03 here, not pq_getmsg*'s protocol violation */
	if (buf->len - buf->cursor < 1)
		state_binary_error(NULL, "The data ends early.");
	version = pq_getmsgbyte(buf);
	if (version != INDEX_STATE_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported index_agg_state binary format version %d", version),
				 errdetail("This version of indicator reads format version %d.",
						   INDEX_STATE_FORMAT_VERSION)));
	if (buf->len - buf->cursor < 1 + (int) sizeof(double))
		state_binary_error(NULL, "The data ends early.");
	memset(&head, 0, sizeof(head));
	head.flags = (uint8) pq_getmsgbyte(buf);
	if (head.flags & ~(INDEX_STATE_HAS_SUMS | INDEX_STATE_LACKS_ALL))
		state_binary_error(NULL, "Unknown flags are set.");
	head.weight = pq_getmsgfloat8(buf);
	if (head.flags & INDEX_STATE_HAS_SUMS)
		sums = DatumGetIndicatorSeriesP(DirectFunctionCall1(indicator_series_recv,
															PointerGetDatum(buf)));
	else if (buf->cursor != buf->len)
		state_binary_error(NULL, "Data follows a state without sums.");
	st = state_with_sums(&head, sums);
	state_check(st, state_binary_error, NULL);
	PG_RETURN_POINTER(st);
}
