/*
 * accessors.h
 *	  The argument reading and year-to-date arithmetic of accessors.c that
 *	  other files share (indices.c's ytd_contribution_pp).
 */
#ifndef INDICATOR_ACCESSORS_H
#define INDICATOR_ACCESSORS_H

#include "fmgr.h"

#include "level.h"
#include "series.h"

extern int	fy_start_arg(FunctionCallInfo fcinfo, int argno, const IndicatorSeries *s);
extern bool ytd_method_level(const IndicatorSeries *s, int64 period, int fy_start_month,
							 AnnualMethod method, Level *level);

#endif							/* INDICATOR_ACCESSORS_H */
