/*
 * seasonal.c
 *	  Seasonal adjustment: STL (Cleveland, Cleveland, McRae and Terpenning,
 *	  "STL: A Seasonal-Trend Decomposition Procedure Based on Loess",
 *	  Journal of Official Statistics 6(1), 1990, 3-73) on evenly spaced
 *	  doubles, and the SQL functions over a monthly or quarterly series:
 *	  stl_rows (every component), seasonal_adjust (the series without its
 *	  seasonal component, additive or multiplicative) and trend.
 *
 * The algorithm is the paper's as its reference implementation (netlib's
 * stl.f) writes it, step for step, with degree 1 everywhere and no jumps
 * (every point fitted), so that it can be compared with any faithful
 * implementation (statsmodels' STL is one: test/oracle/stl_reference.py):
 *
 *	inner loop, from trend T = 0:
 *	  1. detrend: y - T
 *	  2. cycle-subseries smoothing: each of the np subseries (every January,
 *		 every February...) smoothed by loess of ns points, and extended by
 *		 one fitted point at each end: C, of n + 2 np points
 *	  3. low-pass filter of C: moving averages of np, np and 3 points, then
 *		 loess of nl points: L, of n points
 *	  4. seasonal S = C (its middle n points) - L
 *	  5. deseasonalize: y - S
 *	  6. trend T = loess of nt points of y - S
 *	outer loop (robust): the remainder R = y - T - S of the previous pass
 *	  gives each point the bisquare weight B(|R| / (6 median |R|)), which
 *	  the loess fits of steps 2 and 6 multiply their neighbourhood weights
 *	  by.
 *
 * Speed.  A loess fit at a point is a weighted sum of its window, and
 * without robustness weights those weights depend only on the length of
 * the series and the smoother, not on the data: a plan (StlPlan) holds them
 * for a length, and a query over many series of one length (the common
 * case: a store of series over the same years) computes them once (the
 * plans are kept in fn_extra).  Each inner iteration is then a few
 * weighted sums per point.  With robustness weights the fits of steps 2 and
 * 6 are recomputed at every pass, as their weights change.
 *
 * Memory.  A plan holds, for n points, weights of the windows (about
 * n x (ns + nl + nt) doubles) and the work space (a few n); it lives in its
 * own memory context under fn_mcxt, and at most STL_PLANS are kept; a
 * call's own arrays and result are in the caller's (per-row) context.
 */
#include "postgres.h"
#include "pg_compat.h"

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "seasonal.h"
#include "level.h"
#include "series.h"

/*
 * The smoothers' lengths (stl.f's recommendations): a trend smoother of the
 * smallest odd integer greater than 1.5 np / (1 - 1.5 / ns), computed
 * exactly as 3 np ns / (2 ns - 3); a low-pass filter of the smallest odd
 * integer greater than np.
 */
void
stl_params(int32 np, int32 ns, StlParams *p)
{
	int64		nt = (int64) 3 * np * ns / ((int64) 2 * ns - 3) + 1;
	int32		nl = np + 1;

	Assert(np >= 2 && ns >= 3 && ns % 2 == 1);
	nt += nt % 2 == 0;
	nl += nl % 2 == 0;
	p->np = np;
	p->ns = ns;
	p->nt = (int32) nt;			/* at most 3 np + 1 */
	p->nl = nl;
}

/*
 * The weights of the local-linear loess fit at xs over the points
 * nleft..nright of a series of n points, for a smoother of len points
 * (stl.f's stlest; positions are 1-based as there, xs may lie outside the
 * series): tricube weights of the distance scaled by the larger distance
 * to the window's ends, times the robustness weights rw (rw[0] for point
 * nleft) unless rw is NULL, normalized, then tilted so that the weighted
 * sum is the value at xs of the weighted least-squares line.  False when
 * every weight is zero: there is no fit.
 */
static bool
loess_weights(int32 n, int32 len, int32 xs, int32 nleft, int32 nright,
			  const double *rw, double *w)
{
	int32		width = nright - nleft + 1;
	int32		half = Max(xs - nleft, nright - xs);
	double		h;
	double		h9;
	double		h1;
	double		a = 0.0;

	/* a window wider than the series: as if it were centred (stl.f) */
	if (len > n)
		half += (len - n) / 2;
	h = half;
	h9 = 0.999 * h;
	h1 = 0.001 * h;
	for (int32 j = 0; j < width; j++)
	{
		double		r = fabs((double) (nleft + j - xs));
		double		wj = 0.0;

		if (r <= h9)
		{
			if (r <= h1)
				wj = 1.0;
			else
			{
				double		q = r / h;

				q = 1.0 - q * q * q;
				wj = q * q * q;
			}
			if (rw != NULL)
				wj *= rw[j];
			a += wj;
		}
		w[j] = wj;
	}
	if (a <= 0.0)
		return false;
	for (int32 j = 0; j < width; j++)
		w[j] /= a;
	if (h > 0.0)
	{
		double		b;
		double		c = 0.0;

		a = 0.0;
		for (int32 j = 0; j < width; j++)
			a += w[j] * (nleft + j);
		b = xs - a;
		for (int32 j = 0; j < width; j++)
			c += w[j] * (nleft + j - a) * (nleft + j - a);
		if (sqrt(c) > 0.001 * (n - 1.0))
		{
			b /= c;
			for (int32 j = 0; j < width; j++)
				w[j] *= b * (nleft + j - a) + 1.0;
		}
	}
	return true;
}

static void
smoother_alloc(StlSmoother *sm, int32 nout, int32 width)
{
	sm->nout = nout;
	sm->width = width;
	sm->left = palloc(sizeof(int32) * nout);
	sm->w = palloc(mul_size(sizeof(double), mul_size(nout, width)));
}

/* Row i of sm: the fit at xs over nleft..nright; false when there is none. */
static bool
smoother_fit(StlSmoother *sm, int32 i, int32 n, int32 len, int32 xs,
			 int32 nleft, int32 nright, const double *rw)
{
	Assert(nright - nleft + 1 == sm->width);
	sm->left[i] = nleft - 1;
	return loess_weights(n, len, xs, nleft, nright, rw ? rw + nleft - 1 : NULL,
						 sm->w + (Size) i * sm->width);
}

/*
 * Rows first .. first + n - 1 of sm: loess of len points at every point of
 * a series of n (stl.f's stless without jumps); where there is no fit, the
 * point's own value.
 */
static void
smoother_points(StlSmoother *sm, int32 first, int32 n, int32 len, const double *rw)
{
	int32		nsh = len / 2 + 1;	/* stl.f: (len + 2) / 2, without overflow */
	int32		nleft = 1;
	int32		nright = Min(len, n);

	for (int32 i = 0; i < n; i++)
	{
		if (len < n && i + 1 > nsh && nright != n)
		{
			nleft++;
			nright++;
		}
		if (!smoother_fit(sm, first + i, n, len, i + 1, nleft, nright, rw))
		{
			double	   *w = sm->w + (Size) (first + i) * sm->width;

			memset(w, 0, sizeof(double) * sm->width);
			w[i + 1 - nleft] = 1.0;
		}
	}
}

/* An n-point loess smoother of len points. */
static void
smoother_series(StlSmoother *sm, int32 n, int32 len, const double *rw)
{
	smoother_points(sm, 0, n, len, rw);
}

/*
 * The cycle-subseries smoother of a subseries of k points (stl.f's stlss):
 * k + 2 rows, the loess of ns points at each point and its extension one
 * point before the first and one after the last (where that has no fit,
 * the nearest point's fit).
 */
static void
smoother_cycle(StlSmoother *sm, int32 k, int32 ns, const double *rw)
{
	smoother_points(sm, 1, k, ns, rw);
	if (!smoother_fit(sm, 0, k, ns, 0, 1, Min(ns, k), rw))
	{
		sm->left[0] = sm->left[1];
		memcpy(sm->w, sm->w + sm->width, sizeof(double) * sm->width);
	}
	if (!smoother_fit(sm, k + 1, k, ns, k + 1, Max(1, k - ns + 1), k, rw))
	{
		sm->left[k + 1] = sm->left[k];
		memcpy(sm->w + (Size) (k + 1) * sm->width, sm->w + (Size) k * sm->width,
			   sizeof(double) * sm->width);
	}
}

/*
 * out[i] = the weighted sum of row i's window of in, for every row; in and
 * out hold b columns (b series side by side, row-major), usually one.
 */
static void
smoother_apply(const StlSmoother *sm, const double *in, double *out, int32 b)
{
	int32		width = sm->width;

	for (int32 i = 0; i < sm->nout; i++)
	{
		const double *w = sm->w + (Size) i * width;

		if (b == 1)
		{
			const double *x = in + sm->left[i];
			double		s0 = 0.0;
			double		s1 = 0.0;
			double		s2 = 0.0;
			double		s3 = 0.0;
			int32		j = 0;

			/* four independent sums: the additions need not wait on each other */
			for (; j + 4 <= width; j += 4)
			{
				s0 += w[j] * x[j];
				s1 += w[j + 1] * x[j + 1];
				s2 += w[j + 2] * x[j + 2];
				s3 += w[j + 3] * x[j + 3];
			}
			for (; j < width; j++)
				s0 += w[j] * x[j];
			out[i] = (s0 + s1) + (s2 + s3);
		}
		else
		{
			double	   *o = out + (Size) i * b;
			const double *x = in + (Size) sm->left[i] * b;

			memset(o, 0, sizeof(double) * b);
			for (int32 j = 0; j < width; j++)
				for (int32 c = 0; c < b; c++)
					o[c] += w[j] * x[(Size) j * b + c];
		}
	}
}

/*
 * Moving average of len points of n: n - len + 1 values (stl.f's stlma),
 * of b columns; sum: b doubles of room.
 */
static void
moving_average(const double *x, int32 n, int32 len, double *ave, int32 b, double *sum)
{
	memset(sum, 0, sizeof(double) * b);
	for (int32 i = 0; i < len; i++)
		for (int32 c = 0; c < b; c++)
			sum[c] += x[(Size) i * b + c];
	for (int32 c = 0; c < b; c++)
		ave[c] = sum[c] / len;
	for (int32 j = 1; j < n - len + 1; j++)
		for (int32 c = 0; c < b; c++)
		{
			sum[c] += x[(Size) (len + j - 1) * b + c] - x[(Size) (j - 1) * b + c];
			ave[(Size) j * b + c] = sum[c] / len;
		}
}

/* Subseries j of a series of n points with period np has this many. */
static inline int32
subseries_length(int32 n, int32 np, int32 j)
{
	return (n - j - 1) / np + 1;
}

/* The subseries of the plan's first cycle smoother are the longest. */
static inline int
subseries_smoother(const StlPlan *plan, int32 k)
{
	return k == plan->cycle[0].nout - 2 ? 0 : 1;
}

/*
 * The work space of the iterations, in doubles, for b columns: C and two
 * more arrays of n + 2 np rows (the low-pass filter's moving averages),
 * four of n (detrended, low-passed, robustness weights and their sort), a
 * subseries in and out (k + 2 each), and a row of sums; every array is
 * given n + 2 np rows (simpler, and at most 3 n).
 */
enum
{
	WORK_C,
	WORK_MA1,
	WORK_MA2,
	WORK_DETRENDED,
	WORK_LOW,
	WORK_RW,
	WORK_SORT,
	WORK_SUB_IN,
	WORK_SUB_OUT,
	WORK_SUB_RW,
	WORK_SUM,
	WORK_TREND,					/* the trend when the caller needs none */
	WORK_SEASON,				/* the same for the seasonal component */
	WORK_ARRAYS
};

static inline Size
work_size(const StlPlan *plan, int32 b)
{
	return mul_size(sizeof(double), mul_size(WORK_ARRAYS, mul_size(plan->n + 2 * plan->p.np, b)));
}

static inline double *
work_array(const StlPlan *plan, double *work, int32 b, int which)
{
	return work + (Size) which * (plan->n + 2 * plan->p.np) * b;
}

/* The plan's own work space (one column). */
static inline double *
plan_work(StlPlan *plan, int which)
{
	return work_array(plan, plan->work, 1, which);
}

/*
 * A plan for series of n points (n >= 2 np): the smoothers without
 * robustness weights and the work space, in a memory context of its own
 * under the current one.
 */
StlPlan *
stl_plan(int32 n, const StlParams *p)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "STL plan",
											  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	StlPlan    *plan = palloc0(sizeof(StlPlan));
	int32		kmax = subseries_length(n, p->np, 0);
	int32		kmin = subseries_length(n, p->np, p->np - 1);

	Assert(n >= 2 * p->np);
	plan->cxt = cxt;
	plan->n = n;
	plan->p = *p;
	smoother_alloc(&plan->low, n, Min(p->nl, n));
	smoother_series(&plan->low, n, p->nl, NULL);
	smoother_alloc(&plan->trend, n, Min(p->nt, n));
	smoother_series(&plan->trend, n, p->nt, NULL);
	smoother_alloc(&plan->cycle[0], kmax + 2, Min(p->ns, kmax));
	smoother_cycle(&plan->cycle[0], kmax, p->ns, NULL);
	if (kmin != kmax)
	{
		smoother_alloc(&plan->cycle[1], kmin + 2, Min(p->ns, kmin));
		smoother_cycle(&plan->cycle[1], kmin, p->ns, NULL);
	}
	plan->work = palloc(work_size(plan, 1));
	MemoryContextSwitchTo(old);
	return plan;
}

/*
 * The smoothers of a robust pass, with the pass's weights: allocated once
 * per plan (the first robust decomposition), rebuilt at every pass.
 */
static void
plan_robust_smoothers(StlPlan *plan, const double *rw)
{
	int32		n = plan->n;
	int32		np = plan->p.np;
	int32		ns = plan->p.ns;
	double	   *sub_rw = plan_work(plan, WORK_SUB_RW);

	if (plan->rw_cycle == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(plan->cxt);

		plan->rw_cycle = palloc(sizeof(StlSmoother) * np);
		for (int32 j = 0; j < np; j++)
		{
			int32		k = subseries_length(n, np, j);

			smoother_alloc(&plan->rw_cycle[j], k + 2, Min(ns, k));
		}
		smoother_alloc(&plan->rw_trend, n, Min(plan->p.nt, n));
		MemoryContextSwitchTo(old);
	}
	for (int32 j = 0; j < np; j++)
	{
		int32		k = subseries_length(n, np, j);

		for (int32 i = 0; i < k; i++)
			sub_rw[i] = rw[i * np + j];
		smoother_cycle(&plan->rw_cycle[j], k, ns, sub_rw);
	}
	smoother_series(&plan->rw_trend, n, plan->p.nt, rw);
}

static int
double_cmp(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return x < y ? -1 : x > y;
}

/*
 * Robustness weights from the remainder y - (T + S) (stl.f's stlrwt, with
 * the median of |R| from a full sort): B(|R| / h), h = 6 median |R|, with
 * B(u) = (1 - u^2)^2 below 1 and 0 above; every weight 1 when h is 0.
 */
static void
robustness_weights(StlPlan *plan, const double *y, const double *trend,
				   const double *season, double *rw)
{
	int32		n = plan->n;
	double	   *sorted = plan_work(plan, WORK_SORT);
	double		cmad;

	for (int32 i = 0; i < n; i++)
		rw[i] = fabs(y[i] - (trend[i] + season[i]));
	memcpy(sorted, rw, sizeof(double) * n);
	qsort(sorted, n, sizeof(double), double_cmp);
	cmad = 3.0 * (sorted[n / 2] + sorted[n - n / 2 - 1]);
	for (int32 i = 0; i < n; i++)
	{
		if (cmad == 0.0 || rw[i] <= 0.001 * cmad)
			rw[i] = 1.0;
		else if (rw[i] <= 0.999 * cmad)
		{
			double		u = rw[i] / cmad;

			rw[i] = (1.0 - u * u) * (1.0 - u * u);
		}
		else
			rw[i] = 0.0;
	}
}

/*
 * The inner loop (stl.f's stlstp), "iterations" times, from the trend
 * given, on b series side by side (y, trend and season: n rows of b
 * columns) in the work space "work"; weighted (one column only): with the
 * robustness weights of plan_robust_smoothers.
 */
static void
stl_inner(StlPlan *plan, double *work, int32 b, const double *y, int iterations,
		  bool weighted, double *trend, double *season)
{
	int32		n = plan->n;
	int32		np = plan->p.np;
	Size		nb = (Size) n * b;
	double	   *c = work_array(plan, work, b, WORK_C);
	double	   *ma1 = work_array(plan, work, b, WORK_MA1);
	double	   *ma2 = work_array(plan, work, b, WORK_MA2);
	double	   *detrended = work_array(plan, work, b, WORK_DETRENDED);
	double	   *low = work_array(plan, work, b, WORK_LOW);
	double	   *sub_in = work_array(plan, work, b, WORK_SUB_IN);
	double	   *sub_out = work_array(plan, work, b, WORK_SUB_OUT);
	double	   *sum = work_array(plan, work, b, WORK_SUM);

	Assert(!weighted || b == 1);
	for (int it = 0; it < iterations; it++)
	{
		CHECK_FOR_INTERRUPTS();
		/* 1, 2: the cycle-subseries of y - T, smoothed and extended */
		for (Size i = 0; i < nb; i++)
			detrended[i] = y[i] - trend[i];
		for (int32 j = 0; j < np; j++)
		{
			int32		k = subseries_length(n, np, j);
			const StlSmoother *sm = weighted ? &plan->rw_cycle[j] :
				&plan->cycle[subseries_smoother(plan, k)];

			for (int32 i = 0; i < k; i++)
				memcpy(sub_in + (Size) i * b, detrended + (Size) (i * np + j) * b,
					   sizeof(double) * b);
			smoother_apply(sm, sub_in, sub_out, b);
			for (int32 m = 0; m < k + 2; m++)
				memcpy(c + (Size) (m * np + j) * b, sub_out + (Size) m * b, sizeof(double) * b);
		}
		/* 3: low-pass filter of C */
		moving_average(c, n + 2 * np, np, ma1, b, sum);
		moving_average(ma1, n + np + 1, np, ma2, b, sum);
		moving_average(ma2, n + 2, 3, ma1, b, sum);
		smoother_apply(&plan->low, ma1, low, b);
		/* 4, 5, 6 */
		for (Size i = 0; i < nb; i++)
		{
			season[i] = c[(Size) np * b + i] - low[i];
			detrended[i] = y[i] - season[i];
		}
		smoother_apply(weighted ? &plan->rw_trend : &plan->trend, detrended, trend, b);
	}
}

/* STL by the iterations: trend and season of the plan's n points y. */
static void
stl_iterate(StlPlan *plan, const double *y, bool robust, double *trend, double *season)
{
	double	   *rw = plan_work(plan, WORK_RW);

	memset(trend, 0, sizeof(double) * plan->n);
	if (!robust)
	{
		stl_inner(plan, plan->work, 1, y, 5, false, trend, season);
		return;
	}
	stl_inner(plan, plan->work, 1, y, 2, false, trend, season);
	for (int pass = 0; pass < 15; pass++)
	{
		robustness_weights(plan, y, trend, season, rw);
		plan_robust_smoothers(plan, rw);
		stl_inner(plan, plan->work, 1, y, 2, true, trend, season);
	}
}

/*
 * The two matrices of a plan (see STL_MATRIX_MAX_N): column j is the
 * decomposition of the unit vector e_j, and the n unit vectors, the
 * columns of the identity, are decomposed side by side (so each smoother's
 * weight multiplies a row of n values, not one).
 */
static void
plan_matrices(StlPlan *plan)
{
	int32		n = plan->n;
	MemoryContext old = MemoryContextSwitchTo(plan->cxt);
	double	   *identity = palloc0(sizeof(double) * n * n);
	double	   *work = palloc(work_size(plan, n));

	for (int32 i = 0; i < n; i++)
		identity[(Size) i * n + i] = 1.0;
	smoother_alloc(&plan->season_matrix, n, n);
	smoother_alloc(&plan->trend_matrix, n, n);
	for (int32 i = 0; i < n; i++)
		plan->season_matrix.left[i] = plan->trend_matrix.left[i] = 0;
	memset(plan->trend_matrix.w, 0, sizeof(double) * n * n);
	stl_inner(plan, work, n, identity, 5, false, plan->trend_matrix.w, plan->season_matrix.w);
	pfree(work);
	pfree(identity);
	MemoryContextSwitchTo(old);
	plan->matrices = true;
}

/*
 * STL of the plan's n points y: the trend component in trend and the
 * seasonal component in season, either of which may be NULL when the caller
 * does not need it; the remainder is y - trend - season.
 */
void
stl_decompose(StlPlan *plan, const double *y, bool robust, double *trend, double *season)
{
	if (!robust && plan->n <= STL_MATRIX_MAX_N)
	{
		if (!plan->matrices)
			plan_matrices(plan);
		if (season != NULL)
			smoother_apply(&plan->season_matrix, y, season, 1);
		if (trend != NULL)
			smoother_apply(&plan->trend_matrix, y, trend, 1);
		return;
	}
	stl_iterate(plan, y, robust, trend != NULL ? trend : plan_work(plan, WORK_TREND),
				season != NULL ? season : plan_work(plan, WORK_SEASON));
}

/*
 * The SQL functions.
 */

/* How many plans a query keeps (series of as many lengths). */
#define STL_PLANS 4

typedef struct StlCache
{
	StlPlan    *plans[STL_PLANS];
	int			next;			/* the plan to replace next */
} StlCache;

/* The plan for n points with parameters p, from fn_extra or new there. */
static StlPlan *
cached_plan(FunctionCallInfo fcinfo, int32 n, const StlParams *p)
{
	StlCache   *cache = (StlCache *) fcinfo->flinfo->fn_extra;
	MemoryContext old;
	StlPlan    *plan;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(StlCache));
		fcinfo->flinfo->fn_extra = cache;
	}
	for (int i = 0; i < STL_PLANS; i++)
	{
		plan = cache->plans[i];
		if (plan != NULL && plan->n == n && plan->p.np == p->np && plan->p.ns == p->ns)
			return plan;
	}
	if (cache->plans[cache->next] != NULL)
		MemoryContextDelete(cache->plans[cache->next]->cxt);
	cache->plans[cache->next] = NULL;
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	plan = stl_plan(n, p);
	MemoryContextSwitchTo(old);
	cache->plans[cache->next] = plan;
	cache->next = (cache->next + 1) % STL_PLANS;
	return plan;
}

/* A series' values ready for STL: the span between the missing ends. */
typedef struct StlInput
{
	const IndicatorSeries *s;
	int32		lo;				/* the first present period's slot */
	int32		n;				/* periods lo .. lo + n - 1, all present */
	double	   *y;				/* their values (or their logarithms) */
	double	   *trend;
	double	   *season;
} StlInput;

/* The label of slot i of s for a message: "month 2021-03". */
static void
slot_label(const IndicatorSeries *s, int32 i, char *buf)
{
	period_to_text((int64) s->first + i, s->frequency, buf);
}

/*
 * Decompose s (with logarithm: its natural logarithm) with a seasonal smoother of
 * "seasonal" points, the trend only if need_trend and the seasonal
 * component only if need_season; every check on the
 * arguments is here.
 */
static void
stl_series(FunctionCallInfo fcinfo, const IndicatorSeries *s, int32 seasonal, bool robust,
		   bool logarithm, bool need_trend, bool need_season, StlInput *in)
{
	int32		np = periods_per_year(s->frequency);
	int32		hi;
	double	   *all;
	StlParams	p;
	char		label[PERIOD_TEXT_LEN];
	char		last[PERIOD_TEXT_LEN];

	if (s->frequency == SERIES_FREQ_YEAR)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot seasonally adjust a yearly series"),
				 errdetail("A yearly series has no season: STL needs monthly or quarterly periods.")));
	if (seasonal < 3 || seasonal % 2 == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("seasonal must be an odd integer of at least 3, not %d", seasonal),
				 errhint("Use 7 (the default), or a larger odd number for a steadier seasonal pattern.")));

	all = palloc(sizeof(double) * s->nmonths);
	series_doubles(s, all);
	in->s = s;
	for (in->lo = 0; in->lo < s->nmonths && isnan(all[in->lo]); in->lo++)
		;
	for (hi = s->nmonths - 1; hi >= in->lo && isnan(all[hi]); hi--)
		;
	in->n = hi - in->lo + 1;
	if (in->n < 2 * np)
	{
		if (in->n == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot seasonally adjust a series with no value"),
					 s->frequency == SERIES_FREQ_QUARTER ?
					 errdetail("STL needs at least two full years of consecutive quarters.") :
					 errdetail("STL needs at least two full years of consecutive months.")));
		slot_label(s, in->lo, label);
		slot_label(s, hi, last);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot seasonally adjust a series of fewer than two full years"),
				 s->frequency == SERIES_FREQ_QUARTER ?
				 errdetail("STL needs at least %d consecutive quarters; the series has %d, from %s through %s.",
						   2 * np, in->n, label, last) :
				 errdetail("STL needs at least %d consecutive months; the series has %d, from %s through %s.",
						   2 * np, in->n, label, last)));
	}
	in->y = all + in->lo;
	for (int32 i = 0; i < in->n; i++)
	{
		if (isnan(in->y[i]))
		{
			slot_label(s, in->lo + i, label);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot seasonally adjust a series with a missing period inside its span"),
					 errdetail("Period %s is missing.", label),
					 errhint("Fill the missing periods explicitly first: fill_missing(s, 'linear'), 'locf' or 'zero'.")));
		}
		if (logarithm)
		{
			if (!(in->y[i] > 0))
			{
				slot_label(s, in->lo + i, label);
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("the multiplicative model cannot decompose a value that is not positive"),
						 errdetail("The value of period %s is %s.", label,
								   float8out_internal(in->y[i])),
						 errhint("Use model => 'additive' for a series that can be zero or negative.")));
			}
			in->y[i] = log(in->y[i]);
		}
	}

	stl_params(np, seasonal, &p);
	in->trend = need_trend ? palloc(sizeof(double) * in->n) : NULL;
	in->season = need_season ? palloc(sizeof(double) * in->n) : NULL;
	stl_decompose(cached_plan(fcinfo, in->n, &p), in->y, robust, in->trend, in->season);
}

/*
 * A component's value: finite, else 22003 (values near the top of double's
 * range can overflow in the weighted sums; a NaN would read as missing).
 */
static inline double
component_value(double v)
{
	if (unlikely(!isfinite(v)))
		float_overflow_error();
	return v;
}

/* A component as a float8 series over the span of the input. */
static IndicatorSeries *
component_series(const StlInput *in, const double *values)
{
	const IndicatorSeries *s = in->s;
	IndicatorSeries *r = series_alloc_freq(SERIES_KIND_FLOAT8, SERIES_SLOT_INT64, 0,
										   s->first, s->nmonths, s->nmonths, s->frequency);
	double	   *out = series_fp_array(r);

	for (int32 i = 0; i < in->n; i++)
		out[in->lo + i] = component_value(values[i]);
	r->npresent = in->n;
	return r;
}

/* 'additive' (false) or 'multiplicative' (true); anything else is 22023. */
static bool
model_arg(text *model)
{
	const char *given = VARDATA_ANY(model);
	Size		len = VARSIZE_ANY_EXHDR(model);

	if (len == strlen("additive") && memcmp(given, "additive", len) == 0)
		return false;
	if (len == strlen("multiplicative") && memcmp(given, "multiplicative", len) == 0)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown model \"%s\"", text_to_cstring(model)),
			 errhint("Use 'additive' or 'multiplicative'.")));
	return false;				/* keep the compiler quiet */
}

/* seasonal_adjust(s, seasonal int, robust boolean, model text) returns indicator_series */
PG_FUNCTION_INFO_V1(seasonal_adjust);
Datum
seasonal_adjust(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	int32		seasonal = PG_GETARG_INT32(1);
	bool		robust = PG_GETARG_BOOL(2);
	text	   *model = PG_GETARG_TEXT_PP(3);
	bool		multiplicative;
	StlInput	in;

	multiplicative = model_arg(model);
	stl_series(fcinfo, s, seasonal, robust, multiplicative, false, true, &in);
	for (int32 i = 0; i < in.n; i++)
		in.season[i] = multiplicative ? exp(in.y[i] - in.season[i]) : in.y[i] - in.season[i];
	PG_RETURN_INDICATOR_SERIES_P(component_series(&in, in.season));
}

/* trend(s, seasonal int, robust boolean) returns indicator_series */
PG_FUNCTION_INFO_V1(seasonal_trend);
Datum
seasonal_trend(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	StlInput	in;

	stl_series(fcinfo, s, PG_GETARG_INT32(1), PG_GETARG_BOOL(2), false, true, false, &in);
	PG_RETURN_INDICATOR_SERIES_P(component_series(&in, in.trend));
}

/* stl_rows's columns */
enum
{
	STL_PERIOD,
	STL_OBSERVED,
	STL_TREND,
	STL_SEASONAL,
	STL_REMAINDER,
	STL_COLUMNS
};

/*
 * A materialized result set, with the executor's descriptor of the result
 * where it gives one (as series_rows does: cheaper than the catalog's).
 */
static void
stl_rows_init(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bool		expected = rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) &&
		rsinfo->expectedDesc != NULL;

	InitMaterializedSRF(fcinfo, expected ? MAT_SRF_USE_EXPECTED_DESC : 0);
}

/*
 * stl_rows(s, seasonal int, robust boolean) returns setof (period date,
 * observed, trend, seasonal, remainder double precision): one row per
 * period of the span; a missing period at either end has only its period.
 */
PG_FUNCTION_INFO_V1(stl_rows);
Datum
stl_rows(PG_FUNCTION_ARGS)
{
	IndicatorSeries *s = PG_GETARG_INDICATOR_SERIES_P(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	StlInput	in;

	stl_series(fcinfo, s, PG_GETARG_INT32(1), PG_GETARG_BOOL(2), false, true, true, &in);
	stl_rows_init(fcinfo);
	for (int32 i = 0; i < s->nmonths; i++)
	{
		Datum		values[STL_COLUMNS];
		bool		nulls[STL_COLUMNS];
		int32		t = i - in.lo;

		memset(nulls, true, sizeof(nulls));
		values[STL_PERIOD] = DateADTGetDatum(period_to_date((int64) s->first + i, s->frequency));
		nulls[STL_PERIOD] = false;
		if (t >= 0 && t < in.n)
		{
			values[STL_OBSERVED] = Float8GetDatum(in.y[t]);
			values[STL_TREND] = Float8GetDatum(component_value(in.trend[t]));
			values[STL_SEASONAL] = Float8GetDatum(component_value(in.season[t]));
			values[STL_REMAINDER] = Float8GetDatum(component_value(in.y[t] - in.trend[t] - in.season[t]));
			memset(nulls + STL_OBSERVED, false, sizeof(bool) * (STL_COLUMNS - STL_OBSERVED));
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
