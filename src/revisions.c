/*
 * revisions.c
 *	  Revisions between two publications of one series: revision_rows(later,
 *	  earlier, measure) period by period, and revision_stats(later, earlier,
 *	  first_period, last_period, measure), the revision statistics of the
 *	  OECD/Eurostat guidelines on revisions analysis: the mean revision, the
 *	  mean absolute revision and the relative mean absolute revision.
 *
 * The measure is what was revised: 'value' (the level: revision = later -
 * earlier, and its percentage of the earlier value), or each publication's
 * own growth in percent, 'yoy' (as yoy_pct computes it) or 'mom' (as
 * mom_pct: against the previous period of the series' frequency), revised
 * in percentage points.  A period counts when the measure is defined in
 * both publications: both values present, or both growths defined.
 *
 * For two numeric series the revision of a value is the exact difference
 * of the two levels, rounded once to the nearest double (101.3 - 100.5 is
 * 0.8, not double subtraction's 0.7999999999999972), and revision_pct is
 * growth_pct(later, earlier) of the two numeric values.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "level.h"
#include "revisions.h"
#include "scalar.h"
#include "series.h"

typedef enum RevisionMeasure
{
	MEASURE_VALUE,
	MEASURE_YOY,
	MEASURE_MOM
} RevisionMeasure;

static const char *const revision_measures[] = {"value", "yoy", "mom", NULL};

/* One period's figures in both publications. */
typedef struct Revision
{
	double		earlier;
	double		later;
	double		revision;
	double		revision_pct;
	bool		has_pct;
} Revision;

static RevisionMeasure
measure_arg(text *measure)
{
	const char *given = VARDATA_ANY(measure);
	Size		len = VARSIZE_ANY_EXHDR(measure);

	for (int i = 0; revision_measures[i] != NULL; i++)
		if (strlen(revision_measures[i]) == len && memcmp(given, revision_measures[i], len) == 0)
			return (RevisionMeasure) i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown measure \"%s\"", text_to_cstring(measure)),
			 errhint("Use 'value' (the level), 'yoy' (growth on the same period a year earlier) or 'mom' (growth on the previous period).")));
	return MEASURE_VALUE;		/* keep the compiler quiet */
}

/*
 * The revision of a value, later - earlier, and revision_pct, which is
 * growth_pct(later, earlier) itself: for two numeric series the difference
 * is exact (at the larger scale) and the percentage growth_pct's numeric
 * one; otherwise both in double precision.
 */
static void
value_revision(const IndicatorSeries *later, Level l, const IndicatorSeries *earlier, Level e,
			   Revision *r)
{
	r->later = level_double(later, l);
	r->earlier = level_double(earlier, e);
	if (later->kind == SERIES_KIND_NUMERIC && earlier->kind == SERIES_KIND_NUMERIC)
	{
		int			scale = Max(later->scale, earlier->scale);
		int128		ml;
		int128		me;
		int128		diff;

		/* both below 10^38 at the larger scale: else the doubles' difference */
		if (fixed_rescale(l.exact, scale - later->scale, &ml) &&
			fixed_rescale(e.exact, scale - earlier->scale, &me) &&
			fixed_add(ml, -me, &diff))
			r->revision = fixed_to_double(diff, scale);
		else
			r->revision = finite_result(r->later - r->earlier);
		r->has_pct = e.exact != 0;
		if (r->has_pct)
			r->revision_pct = DatumGetFloat8(DirectFunctionCall2(growth_pct_numeric,
																 level_numeric(later, l),
																 level_numeric(earlier, e)));
		return;
	}
	r->revision = finite_result(r->later - r->earlier);
	r->has_pct = r->earlier != 0;
	if (r->has_pct)
		r->revision_pct = DatumGetFloat8(DirectFunctionCall2(growth_pct_float8,
															 Float8GetDatum(r->later),
															 Float8GetDatum(r->earlier)));
}

/* A series' own growth at period against period - lag, as yoy_pct/mom_pct. */
static bool
own_growth(const IndicatorSeries *s, int64 period, int lag, double *pct)
{
	Level		current;
	Level		previous;

	return series_month(s, period, &current) &&
		series_month(s, period - lag, &previous) &&
		level_growth_pct(s, current, previous, pct);
}

/* The figures of one period: false when the measure is missing in either. */
static bool
revision_at(const IndicatorSeries *later, const IndicatorSeries *earlier, int64 period,
			RevisionMeasure measure, Revision *r)
{
	memset(r, 0, sizeof(*r));
	if (measure == MEASURE_VALUE)
	{
		Level		l;
		Level		e;

		if (!series_month(later, period, &l) || !series_month(earlier, period, &e))
			return false;
		value_revision(later, l, earlier, e, r);
	}
	else
	{
		int			lag = measure == MEASURE_YOY ? periods_per_year(later->frequency) : 1;

		if (!own_growth(later, period, lag, &r->later) ||
			!own_growth(earlier, period, lag, &r->earlier))
			return false;
		r->revision = finite_result(r->later - r->earlier);
	}
	return true;
}

/* The periods both series' spans cover (empty when *first > *last). */
static void
common_span(const IndicatorSeries *a, const IndicatorSeries *b, int64 *first, int64 *last)
{
	*first = Max(a->first, b->first);
	*last = Min(series_last(a), series_last(b));
}

/*
 * revision_rows(later indicator_series, earlier indicator_series,
 * measure text DEFAULT 'value') returns setof (period date, earlier,
 * later, revision, revision_pct double precision)
 */
PG_FUNCTION_INFO_V1(revision_rows);
Datum
revision_rows(PG_FUNCTION_ARGS)
{
	IndicatorSeries *later = PG_GETARG_INDICATOR_SERIES_P(0);
	IndicatorSeries *earlier = PG_GETARG_INDICATOR_SERIES_P(1);
	RevisionMeasure measure = measure_arg(PG_GETARG_TEXT_PP(2));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		first;
	int64		last;

	series_check_same_frequency(later, earlier, SERIES_COMBINE_COMPARE);
	InitMaterializedSRF(fcinfo, 0);
	common_span(later, earlier, &first, &last);
	for (int64 p = first; p <= last; p++)
	{
		Revision	r;
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		if (!revision_at(later, earlier, p, measure, &r))
			continue;
		values[0] = DateADTGetDatum(period_to_date(p, later->frequency));
		values[1] = Float8GetDatum(r.earlier);
		values[2] = Float8GetDatum(r.later);
		values[3] = Float8GetDatum(r.revision);
		values[4] = Float8GetDatum(r.revision_pct);
		nulls[4] = !r.has_pct;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * revision_stats(later indicator_series, earlier indicator_series,
 * first_period date, last_period date, measure text DEFAULT 'value')
 * returns (n int, mean_revision, mean_abs_revision, rmar double precision)
 */
PG_FUNCTION_INFO_V1(revision_stats);
Datum
revision_stats(PG_FUNCTION_ARGS)
{
	IndicatorSeries *later = PG_GETARG_INDICATOR_SERIES_P(0);
	IndicatorSeries *earlier = PG_GETARG_INDICATOR_SERIES_P(1);
	RevisionMeasure measure = measure_arg(PG_GETARG_TEXT_PP(4));
	int64		range_first;
	int64		range_last;
	int64		first;
	int64		last;
	int32		n = 0;
	double		sum = 0;
	double		sum_abs = 0;
	double		sum_abs_later = 0;
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	series_check_same_frequency(later, earlier, SERIES_COMBINE_COMPARE);
	period_range_args(fcinfo, 2, later, &range_first, &range_last);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "revision_stats must return a composite type");
	desc = BlessTupleDesc(desc);

	common_span(later, earlier, &first, &last);
	first = Max(first, range_first);
	last = Min(last, range_last);
	for (int64 p = first; p <= last; p++)
	{
		Revision	r;

		if (!revision_at(later, earlier, p, measure, &r))
			continue;
		n++;
		sum += r.revision;
		sum_abs += fabs(r.revision);
		sum_abs_later += fabs(r.later);
	}
	values[0] = Int32GetDatum(n);
	values[1] = Float8GetDatum(n > 0 ? finite_result(sum) / n : 0);
	values[2] = Float8GetDatum(n > 0 ? finite_result(sum_abs) / n : 0);
	values[3] = Float8GetDatum(sum_abs_later > 0 ? finite_result(sum_abs) / finite_result(sum_abs_later) : 0);
	nulls[1] = nulls[2] = n == 0;
	nulls[3] = n == 0 || !(sum_abs_later > 0);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
