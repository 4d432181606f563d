/*
 * series_rollup.c
 *	  Combining stored series: the union of series over disjoint periods
 *	  (series_merge, and the combine function of series_agg), the
 *	  period-by-period total across series (series_sum), the partial total
 *	  of the series that have each period (series_sum_present) and how many
 *	  series have it (series_count); and the series store's arithmetic on
 *	  one stored series (series_store_apply: periods removed, then a union).
 *
 * Both are transition functions whose state is an indicator_series, and
 * each is its own combine function: union and total are associative and
 * commutative, so partial results from parallel workers, partitions or
 * Citus workers combine the same way rows do.
 *
 * A period of the result is an estimate when it rests on one: the union's
 * when its value is one, a total's when any value in it is one (series_count
 * counts presence, not values, and carries no estimates).
 *
 * series_sum never understates a total: a period is present in the result
 * only when every input series has it.  A period that some input lacks
 * (missing, or outside that input's span) is missing in the result, where
 * missing_months() shows it.  series_sum_present is the total of whatever
 * is there, and series_count says, period by period, how many inputs that
 * was: together they give the partial total and how partial it is.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/date.h"

#include "level.h"
#include "series.h"
#include "series_rollup.h"

typedef enum RollupOp
{
	ROLLUP_UNION,				/* disjoint periods; one period twice is an error */
	ROLLUP_SUM,					/* period by period; present only where all are */
	ROLLUP_SUM_PRESENT			/* period by period; present where any is */
} RollupOp;

/* Returns the state, which storing a wide value may have widened. */
static IndicatorSeries *
rollup_month(IndicatorSeries *state, const IndicatorSeries *other, int32 i,
			 RollupOp op, int scale_shift)
{
	int32		month = state->first + i;
	Level		mine;
	Level		theirs;
	bool		have_mine = series_get(state, i, &mine);
	bool		have_theirs = series_month(other, month, &theirs);

	if (have_theirs && state->kind == SERIES_KIND_NUMERIC &&
		!fixed_rescale(theirs.exact, scale_shift, &theirs.exact))
		series_period_scale_error(month, state->frequency, state->scale);

	if (op == ROLLUP_UNION)
	{
		if (!have_theirs)
			return state;
		if (have_mine)
			duplicate_period_error(month, state->frequency);
		mine = theirs;
		state->npresent++;
	}
	else if (op == ROLLUP_SUM_PRESENT)
	{
		if (!have_theirs)
			return state;
		if (have_mine)
			level_add(state, mine, theirs, &mine);
		else
		{
			mine = theirs;
			state->npresent++;
		}
	}
	else
	{
		if (!have_mine)
			return state;		/* an earlier input lacks this period */
		if (!have_theirs)
		{
			series_set_missing(state, i, 1);
			state->npresent--;
			return state;
		}
		level_add(state, mine, theirs, &mine);
	}

	if (state->kind == SERIES_KIND_NUMERIC)
		return series_put_exact(state, i, mine.exact);
	series_set_fp(state, i, mine.fp);
	return state;
}

/*
 * Copy other's present values into state, whose span holds other's and
 * whose slots have other's width: the union of two series with the same
 * slots and scale, in one tight loop.  A period present in both is an error.
 */
/* NOLINTBEGIN(bugprone-macro-parentheses): "type" names a type */
#define UNION_SLOTS(type, is_missing) \
	do { \
		const type *from = (const type *) (const void *) series_values(other); \
		type	   *to = (type *) (void *) (series_values(state) + (Size) offset * sizeof(type)); \
		\
		for (int32 i = 0; i < other->nmonths; i++) \
		{ \
			if (is_missing(from[i])) \
				continue; \
			if (!is_missing(to[i])) \
				duplicate_period_error(other->first + i, state->frequency); \
			to[i] = from[i]; \
			state->npresent++; \
		} \
	} while (0)
#define MISSING_INT32(v) ((v) == SERIES_MISSING_INT32)
#define MISSING_INT64(v) ((v) == SERIES_MISSING_INT64)
#define MISSING_INT128(v) ((v) == SERIES_MISSING_EXACT)
/* NOLINTEND(bugprone-macro-parentheses) */

static void
union_same_slots(IndicatorSeries *state, const IndicatorSeries *other)
{
	int32		offset = other->first - state->first;

	Assert(state->slot_bytes == other->slot_bytes && offset >= 0 &&
		   series_last(other) <= series_last(state));
	/* slots are aligned for their type: a MAXALIGN'd header, then whole slots */
	if (state->kind == SERIES_KIND_FLOAT8)
		UNION_SLOTS(double, isnan);
	else if (state->slot_bytes == SERIES_SLOT_INT32)
		UNION_SLOTS(int32, MISSING_INT32);
	else if (state->slot_bytes == SERIES_SLOT_INT64)
		UNION_SLOTS(int64, MISSING_INT64);
	else
		UNION_SLOTS(int128, MISSING_INT128);
}

/*
 * The estimates of other carried into the state, which op has combined with
 * it: a period of the result is an estimate when it rests on an estimate
 * (the union's value came from other; a total includes other's value).
 * Only present periods are flagged: a total that other's missing period
 * made missing has lost its flag with its value (series_set_missing).
 * Returns the state, which gets its bitmap (a copy) with its first flag.
 */
static IndicatorSeries *
rollup_estimates(IndicatorSeries *state, const IndicatorSeries *other)
{
	int32		offset = other->first - state->first;

	Assert(offset >= 0 && series_last(other) <= series_last(state));
	for (int32 i = 0; i < other->nmonths; i++)
	{
		Level		v;

		if (!series_flagged(other, i) || !series_get(state, offset + i, &v))
			continue;
		if (!series_has_bitmap(state))
			state = series_add_bitmap(state);
		series_set_flag(state, offset + i, true);
	}
	return state;
}

/*
 * The state combined with other by op; other may be a temporary of the
 * caller's.  Returns the state, which may have been moved.
 */
static IndicatorSeries *
rollup(IndicatorSeries *state, const IndicatorSeries *other, RollupOp op, bool in_agg)
{
	if (state->kind != other->kind && op == ROLLUP_UNION)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot merge a numeric series and a float8 series"),
				 errhint("Build every series from the same value type.")));
	if (state->kind != other->kind)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot add a numeric series and a float8 series"),
				 errhint("Build every series from the same value type.")));
	series_check_same_frequency(state, other,
								op == ROLLUP_UNION ? SERIES_COMBINE_MERGE : SERIES_COMBINE_ADD);

	/* outside an aggregate the first input is not ours to change either */
	state = series_extend(state, other->first, series_last(other), in_agg);
	if (state->kind == SERIES_KIND_NUMERIC && other->scale > state->scale)
		state = series_rescale(state, other->scale);

	/* the combine step of a parallel series_agg: partial states alike */
	if (op == ROLLUP_UNION && state->slot_bytes == other->slot_bytes &&
		state->scale == other->scale)
		union_same_slots(state, other);
	else
	{
		for (int32 i = 0; i < state->nmonths; i++)
		{
			CHECK_FOR_INTERRUPTS();
			state = rollup_month(state, other, i, op, state->scale - other->scale);
		}
	}
	if (series_has_bitmap(other))
		state = rollup_estimates(state, other);
	return state;
}

static Datum
series_rollup(FunctionCallInfo fcinfo, RollupOp op)
{
	IndicatorSeries *state;
	IndicatorSeries *other;
	bool		in_agg = AggCheckCallContext(fcinfo, NULL) != 0;

	/* a NULL series adds nothing, as sum() skips NULL rows */
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	other = PG_GETARG_INDICATOR_SERIES_P(1);

	/*
	 * The first input becomes the state, as a copy (the input is not ours
	 * to return).  In an aggregate, a copy with room from the start of its
	 * first year: the other partial states of a parallel series_agg are
	 * then merged into it in place.  A plain call's result may be stored:
	 * compacted.
	 */
	if (PG_ARGISNULL(0))
		PG_RETURN_INDICATOR_SERIES_P(in_agg ? series_copy_year_room(other) : series_compact(other));

	state = rollup(PG_GETARG_INDICATOR_SERIES_P(0), other, op, in_agg);
	/* a plain call's result may be stored: in its smallest form */
	PG_RETURN_INDICATOR_SERIES_P(in_agg ? state : series_compact(state));
}

/*
 * series_agg_combine(indicator_series, indicator_series): the union of two
 * series over disjoint periods.  The combine function of series_agg, and the
 * transition and combine function of series_merge.
 */
PG_FUNCTION_INFO_V1(series_agg_combine);
Datum
series_agg_combine(PG_FUNCTION_ARGS)
{
	return series_rollup(fcinfo, ROLLUP_UNION);
}

/*
 * series_sum_transfn(indicator_series, indicator_series): the period-by-period
 * total; the transition and combine function of series_sum.
 */
PG_FUNCTION_INFO_V1(series_sum_transfn);
Datum
series_sum_transfn(PG_FUNCTION_ARGS)
{
	return series_rollup(fcinfo, ROLLUP_SUM);
}

/*
 * series_sum_present_transfn(indicator_series, indicator_series): the
 * period-by-period total of the series that have the period; the transition
 * and combine function of series_sum_present, and the combine function of
 * series_count (whose states are counts to add).
 */
PG_FUNCTION_INFO_V1(series_sum_present_transfn);
Datum
series_sum_present_transfn(PG_FUNCTION_ARGS)
{
	return series_rollup(fcinfo, ROLLUP_SUM_PRESENT);
}

/* A count series over s's span (and periods): 1 where s has the period, 0 where it lacks it. */
static IndicatorSeries *
series_presence(const IndicatorSeries *s)
{
	IndicatorSeries *ones = series_alloc(SERIES_KIND_NUMERIC, SERIES_SLOT_INT32, 0,
										 s->first, s->nmonths, s->nmonths);

	series_set_frequency(ones, s->frequency);

	for (int32 i = 0; i < s->nmonths; i++)
	{
		Level		v;

		series_set_exact(ones, i, series_get(s, i, &v) ? 1 : 0);
	}
	ones->npresent = s->nmonths;
	return ones;
}

/*
 * series_count_transfn(indicator_series, indicator_series): the state
 * counts, period by period, the input series that have the period; a period
 * that no input's span covers is missing until series_count_final.
 */
PG_FUNCTION_INFO_V1(series_count_transfn);
Datum
series_count_transfn(PG_FUNCTION_ARGS)
{
	IndicatorSeries *presence;
	IndicatorSeries *state;
	bool		in_agg = AggCheckCallContext(fcinfo, NULL) != 0;

	/* a NULL series is no input, as count(x) skips NULL rows */
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	presence = series_presence(PG_GETARG_INDICATOR_SERIES_P(1));
	if (PG_ARGISNULL(0))
		PG_RETURN_INDICATOR_SERIES_P(presence);
	state = rollup(PG_GETARG_INDICATOR_SERIES_P(0), presence, ROLLUP_SUM_PRESENT, in_agg);
	PG_RETURN_INDICATOR_SERIES_P(in_agg ? state : series_compact(state));
}

/*
 * series_count_final(indicator_series): the counts, 0 in the periods between
 * the inputs' spans that none of them covers.
 */
PG_FUNCTION_INFO_V1(series_count_final);
Datum
series_count_final(PG_FUNCTION_ARGS)
{
	IndicatorSeries *counts = series_compact(PG_GETARG_INDICATOR_SERIES_P(0));

	for (int32 i = 0; i < counts->nmonths; i++)
	{
		Level		v;

		if (!series_get(counts, i, &v))
			series_set_exact(counts, i, 0);
	}
	counts->npresent = counts->nmonths;
	PG_RETURN_INDICATOR_SERIES_P(counts);
}

/*
 * ---------------------------------------------------------------------------
 * The store's arithmetic: applying a statement's changes to a stored series
 * ---------------------------------------------------------------------------
 */

/*
 * s without the missing periods at the ends of its span, in its smallest
 * form (s itself when it is compact and trimmed); NULL when no period holds
 * a value.  What a series store holds.
 */
IndicatorSeries *
series_store_trim(const IndicatorSeries *s)
{
	Level		v;

	if (s->npresent > 0 && s->capacity == s->nmonths &&
		series_get(s, 0, &v) && series_get(s, s->nmonths - 1, &v))
		return (IndicatorSeries *) s;	/* trimmed and compact already */
	return series_trim_copy(s);
}

/*
 * series_store_apply(s indicator_series, removed date[], added
 * indicator_series): s without the periods that hold the dates of
 * "removed", then with the periods of "added" (a period that s still holds
 * is 21000, as series_agg raises for two rows of one period), trimmed;
 * NULL when no period is left.  The store triggers' update of one stored
 * series.
 */
PG_FUNCTION_INFO_V1(series_store_apply);
Datum
series_store_apply(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_ARGISNULL(0) ? NULL : PG_GETARG_INDICATOR_SERIES_P(0);

	if (s != NULL && !PG_ARGISNULL(1))
	{
		ArrayType  *removed = PG_GETARG_ARRAYTYPE_P(1);
		Datum	   *dates;
		bool	   *nulls;
		int			n;

		deconstruct_array(removed, DATEOID, sizeof(DateADT), true, TYPALIGN_INT,
						  &dates, &nulls, &n);
		s = series_compact(s);	/* ours to change */
		for (int i = 0; i < n; i++)
		{
			int64		period;
			Level		v;

			if (nulls[i])
				continue;
			period = month_to_period(date_to_month(DatumGetDateADT(dates[i]), "period"),
									 s->frequency);
			if (series_month(s, period, &v))
			{
				series_set_missing(s, (int32) (period - s->first), 1);
				s->npresent--;
			}
		}
	}
	if (s != NULL && !PG_ARGISNULL(1) && PG_ARGISNULL(2))
		s = series_compact(s);	/* a wide value removed: narrower slots may do */
	if (!PG_ARGISNULL(2))
	{
		Datum		added = PG_GETARG_DATUM(2);

		/* the union of series_agg's combine function: one period twice is 21000 */
		if (s == NULL || s->npresent == 0)
			s = DatumGetIndicatorSeriesP(added);
		else
			s = DatumGetIndicatorSeriesP(DirectFunctionCall2(series_agg_combine,
															 PointerGetDatum(s), added));
	}
	if (s == NULL || (s = series_store_trim(s)) == NULL)
		PG_RETURN_NULL();
	PG_RETURN_INDICATOR_SERIES_P(s);
}
