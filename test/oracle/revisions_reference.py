#!/usr/bin/python3
"""A publication history built from a real series, and reference revision
statistics for sql/revisions_realdata.sql, computed independently of
indicator with pandas.

Usage: revisions_reference.py UNEMPLOYMENT.csv HISTORY.csv STATS.csv

UNEMPLOYMENT has the columns series,period,value of ../shared/data/real
(vega_unemployment_across_industries.csv: 14 industries, monthly).  The
history HISTORY (series,period,value,vintage,estimated) publishes every
month three times:

  first release   the real value x (1 + d / 1000), d = (m * 7 + i * 13) mod 21 - 10
                  (m: year * 12 + month - 1, i: the industry's rank by name),
                  rounded half away from zero to 1 decimal, an estimate,
                  published on the 5th of the next month;
  a revision      (every fourth month, m mod 4 = 0) the real value + 1,
                  on the 20th of the next month;
  final           the real value, on the 5th of the month after next.

STATS (series,measure,n,mean_revision,mean_abs_revision,rmar) holds, for
every industry and measure ('value', 'yoy', 'mom'), the revision
statistics of the final values against the first releases over 2001-01 ..
2009-12, by calendar month: n periods where the measure is defined in both,
the mean revision, the mean absolute revision and sum(|revision|) /
sum(|final|).  Growth is (v(t) - v(t - lag)) / |v(t - lag)| * 100.  Floats
in their shortest round-trip form.  The data's licence keeps it out of the
repository, so the test computes these tables at run time.
"""
import sys
from decimal import Decimal, ROUND_HALF_UP

import pandas as pd

src, history_out, stats_out = sys.argv[1:4]
raw = pd.read_csv(src, dtype={"series": str, "period": str, "value": str})
names = sorted(raw["series"].unique())
rank = {name: i for i, name in enumerate(names)}

rows = []
final = {}
first = {}
for r in raw.itertuples(index=False):
    y, mo = int(r.period[0:4]), int(r.period[5:7])
    m = y * 12 + mo - 1
    v = Decimal(r.value)
    d = (m * 7 + rank[r.series] * 13) % 21 - 10
    est = (v * (1 + Decimal(d) / 1000)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    nxt = m + 1
    after = m + 2
    day = lambda mm, dd: "%04d-%02d-%02d 09:00:00+00" % (mm // 12, mm % 12 + 1, dd)
    rows.append((r.series, r.period, str(est), day(nxt, 5), "true"))
    if m % 4 == 0:
        rows.append((r.series, r.period, str(v + 1), day(nxt, 20), "false"))
    rows.append((r.series, r.period, str(v), day(after, 5), "false"))
    final[(r.series, m)] = v
    first[(r.series, m)] = est

pd.DataFrame(rows, columns=["series", "period", "value", "vintage", "estimated"]) \
    .to_csv(history_out, index=False)

lo, hi = 2001 * 12, 2009 * 12 + 11
out = []
for name in names:
    months = range(lo - 12, hi + 1)
    f = pd.Series({m: final.get((name, m)) for m in months}, dtype=object)
    e = pd.Series({m: first.get((name, m)) for m in months}, dtype=object)
    for measure in ("value", "yoy", "mom"):
        later, earlier = [], []
        for m in range(lo, hi + 1):
            if measure == "value":
                a, b = f[m], e[m]
                if a is None or b is None:
                    continue
                later.append(float(a))
                earlier.append((float(a), float(a - b)))
            else:
                lag = 12 if measure == "yoy" else 1
                def growth(s):
                    cur, prev = s.get(m), s.get(m - lag)
                    if cur is None or prev is None or prev == 0:
                        return None
                    return float(cur - prev) / abs(float(prev)) * 100
                gl, ge = growth(f), growth(e)
                if gl is None or ge is None:
                    continue
                later.append(gl)
                earlier.append((gl, gl - ge))
        revs = pd.Series([rev for _, rev in earlier], dtype=float)
        lat = pd.Series(later, dtype=float)
        n = len(revs)
        out.append((name, measure, n,
                    repr(revs.mean()) if n else "",
                    repr(revs.abs().mean()) if n else "",
                    repr(revs.abs().sum() / lat.abs().sum()) if n and lat.abs().sum() > 0 else ""))

pd.DataFrame(out, columns=["series", "measure", "n", "mean_revision", "mean_abs_revision", "rmar"]) \
    .to_csv(stats_out, index=False)
