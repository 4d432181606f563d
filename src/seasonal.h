/*
 * seasonal.h
 *	  STL, the seasonal-trend decomposition by loess of Cleveland,
 *	  Cleveland, McRae and Terpenning (1990), on an array of evenly spaced
 *	  doubles; seasonal.c also holds the SQL functions stl_rows,
 *	  seasonal_adjust and trend built on it.
 *
 * The parameters are the paper's and its reference implementation's
 * (netlib's stl.f, which statsmodels' STL follows): for a period np and a
 * seasonal smoother of ns points (odd, >= 3), a trend smoother of the
 * smallest odd integer > 1.5 np / (1 - 1.5 / ns), a low-pass filter of the
 * smallest odd integer > np, local-linear loess everywhere, every point
 * fitted (no jumps); 5 inner iterations without robustness, or with
 * "robust" one pass of 2 inner iterations followed by 15 more with bisquare
 * robustness weights.
 */
#ifndef INDICATOR_SEASONAL_H
#define INDICATOR_SEASONAL_H

#include "postgres.h"
#include "pg_compat.h"

#include "utils/memutils.h"

/* The smoothers' lengths for a period and a seasonal smoother. */
typedef struct StlParams
{
	int32		np;				/* period: 12 or 4 */
	int32		ns;				/* seasonal smoother, odd, >= 3 */
	int32		nt;				/* trend smoother */
	int32		nl;				/* low-pass filter */
} StlParams;

/*
 * A loess smoother read as weights: output i is the sum over j < width of
 * w[i * width + j] x input[left[i] + j].  Every window of one smoother has
 * the same width.
 */
typedef struct StlSmoother
{
	int32		nout;			/* outputs */
	int32		width;			/* points in each window */
	int32	   *left;			/* first input point of each window, 0-based */
	double	   *w;				/* nout x width weights */
} StlSmoother;

/*
 * What decomposing a series of n points needs: the smoothers without
 * robustness weights (they depend only on n and the parameters, so a query
 * over many series of one length builds them once) and the work space.
 */
typedef struct StlPlan
{
	MemoryContext cxt;			/* the plan's own, holding all of it */
	int32		n;
	StlParams	p;
	StlSmoother low;			/* low-pass loess over n points */
	StlSmoother trend;			/* trend loess over n points */
	StlSmoother cycle[2];		/* cycle-subseries loess, for both lengths */
	/* with robustness weights, rebuilt at every pass (allocated at the first) */
	StlSmoother *rw_cycle;		/* one per subseries */
	StlSmoother rw_trend;
	/* n <= STL_MATRIX_MAX_N: the decomposition as two n x n matrices */
	bool		matrices;		/* built */
	StlSmoother season_matrix;
	StlSmoother trend_matrix;
	double	   *work;			/* the work space of stl_decompose */
} StlPlan;

/*
 * Without robustness weights, STL is linear in the data: the seasonal and
 * trend components are two n x n matrices times the series.  For series of
 * up to this many periods (20 years of months, 60 of quarters) they are
 * built with the plan, by decomposing the n unit vectors, and every
 * decomposition is then two matrix-vector products: about 10 times faster
 * than the iterations from the tenth series on, and always used for such
 * lengths (so a result never depends on which other series a query
 * decomposed).  Building costs n decompositions (7 ms for 120 months) and
 * 16 n^2 bytes (230 kB for 120 months, 0.9 MB for 240).
 */
#define STL_MATRIX_MAX_N 240

extern void stl_params(int32 np, int32 ns, StlParams *p);
extern StlPlan *stl_plan(int32 n, const StlParams *p);
extern void stl_decompose(StlPlan *plan, const double *y, bool robust,
						  double *trend, double *season);

#endif							/* INDICATOR_SEASONAL_H */
