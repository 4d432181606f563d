#!/usr/bin/python3
"""Reference STL decompositions for sql/seasonal_realdata.sql, computed
independently of indicator by statsmodels' STL (Debian's
python3-statsmodels), with the parameters indicator's stl_rows,
seasonal_adjust and trend use.

Usage: stl_reference.py OUTPUT.csv INPUT.csv [INPUT.csv ...]

Each INPUT has the columns series,period,value of ../shared/data/real: one
or more series, monthly, or quarterly (period the first day of the quarter;
told by every period's month being 1, 4, 7 or 10 and no two periods closer
than three months).  The data is GPL in part (R's and its packages'
datasets), so neither it nor these derived tables are committed: the test
computes them at run time.

For every series and every configuration below, OUTPUT (long format)
has one row per period:
  series,config,period,observed,trend,seasonal,remainder,adjusted
with floats in their shortest round-trip form.  adjusted is
observed - seasonal (additive), or exp(log(observed) - seasonal) for the
multiplicative configurations, whose trend, seasonal and remainder are
those of log(observed); a multiplicative configuration is left out for a
series with a value that is not positive.

The parameters (the extension's, after the 1990 paper):
  period     12 (monthly) or 4 (quarterly)
  seasonal   ns, odd (7 or 13 below)
  trend      the smallest odd integer > 1.5 period / (1 - 1.5 / ns),
             computed exactly: floor(3 period ns / (2 ns - 3)) + 1, made odd
             (statsmodels' own default differs: it is not a function of ns)
  low_pass   the smallest odd integer > period (statsmodels' default)
  degrees 1 and jumps 1 everywhere (passed explicitly)
  robust     False: fit() with inner_iter=5, outer_iter=0; True: fit() with
             inner_iter=2, outer_iter=15 (statsmodels' defaults for each,
             passed explicitly all the same)
"""
import csv
import math
import sys

import numpy as np
import pandas as pd
from statsmodels.tsa.seasonal import STL

CONFIGS = [
    # name, seasonal, robust, multiplicative
    ("ns7", 7, False, False),
    ("ns7_robust", 7, True, False),
    ("ns13", 13, False, False),
    ("ns7_mult", 7, False, True),
    ("ns7_mult_robust", 7, True, True),
]


def trend_length(period, ns):
    nt = 3 * period * ns // (2 * ns - 3) + 1
    return nt + (nt % 2 == 0)


def low_pass_length(period):
    nl = period + 1
    return nl + (nl % 2 == 0)


def stl(y, period, ns, robust):
    res = STL(y, period=period, seasonal=ns, trend=trend_length(period, ns),
              low_pass=low_pass_length(period), seasonal_deg=1, trend_deg=1,
              low_pass_deg=1, robust=robust, seasonal_jump=1, trend_jump=1,
              low_pass_jump=1).fit(inner_iter=2 if robust else 5,
                                   outer_iter=15 if robust else 0)
    return np.asarray(res.trend), np.asarray(res.seasonal), np.asarray(res.resid)


def main(dst, sources):
    rows = []
    for src in sources:
        df = pd.read_csv(src, parse_dates=["period"])
        for name, g in df.groupby("series", sort=True):
            g = g.sort_values("period")
            months = g["period"].dt.year * 12 + g["period"].dt.month - 1
            steps = set(np.diff(months.values))
            quarterly = steps == {3} and set(g["period"].dt.month) <= {1, 4, 7, 10}
            assert steps == ({3} if quarterly else {1}), f"{name}: not consecutive periods"
            assert g["value"].notna().all(), f"{name}: a value is missing"
            period = 4 if quarterly else 12
            y = g["value"].values.astype(float)
            for config, ns, robust, multiplicative in CONFIGS:
                if multiplicative and not (y > 0).all():
                    continue
                x = np.log(y) if multiplicative else y
                trend, seasonal, remainder = stl(x, period, ns, robust)
                adjusted = np.exp(x - seasonal) if multiplicative else x - seasonal
                for i, when in enumerate(g["period"].dt.date):
                    rows.append((name, config, when.isoformat(), repr(float(x[i])),
                                 repr(float(trend[i])), repr(float(seasonal[i])),
                                 repr(float(remainder[i])), repr(float(adjusted[i]))))
    with open(dst, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["series", "config", "period", "observed", "trend", "seasonal",
                    "remainder", "adjusted"])
        w.writerows(rows)
    assert all(math.isfinite(float(v)) for r in rows for v in r[3:])


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
