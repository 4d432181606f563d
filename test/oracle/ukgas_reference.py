#!/usr/bin/python3
"""Reference figures for sql/oracle_quarterly.sql, computed independently of
indicator with pandas, by calendar period (never by row position).

Usage: ukgas_reference.py INPUT.csv OUTPUT.csv

INPUT has the columns series,period,value of ../shared/data/real (quarterly:
period is the first day of the quarter).  OUTPUT is long format
metric,period,value with floats in their shortest round-trip form; a metric
that cannot be computed has no row.  The data is GPL (R's UKgas), so neither
it nor these derived tables are committed: the test computes them at run time.

metrics (Q: a quarter, Y: a year)
  qoq_pct       (v(Q) - v(Q-1)) / |v(Q-1)| * 100, both present, v(Q-1) != 0
  yoy_pct       (v(Q) - v(Q of Y-1)) / |v(Q of Y-1)| * 100, same conditions
  annual_total  sum of the four quarters of Y, all four present
  annual_avg    annual_total / 4
  annual_yoy_pct (T(Y) - T(Y-1)) / |T(Y-1)| * 100, both complete
  h1_total      Q1 + Q2 of Y (year-to-date through June), both present
  h1_yoy_pct    growth of h1_total on Y-1
  fy7_total     fiscal year from July named by the year it ends in:
                Q3 + Q4 of Y-1 and Q1 + Q2 of Y, all present (period Y-01-01)
"""
import sys

import pandas as pd


def growth(cur, prev):
    if pd.isna(cur) or pd.isna(prev) or prev == 0:
        return None
    return (cur - prev) / abs(prev) * 100


def main(src, dst):
    df = pd.read_csv(src, parse_dates=["period"])
    # index by calendar quarter, so a lag is a calendar lag, not a row shift
    s = pd.Series(df["value"].values, index=pd.PeriodIndex(df["period"], freq="Q"))
    assert s.index.is_unique
    rows = []

    def put(metric, when, value):
        if value is not None and not pd.isna(value):
            rows.append((metric, when, repr(float(value))))

    for q, v in s.items():
        put("qoq_pct", q.start_time.date(), growth(v, s.get(q - 1)))
        put("yoy_pct", q.start_time.date(), growth(v, s.get(q - 4)))

    years = range(s.index.min().year, s.index.max().year + 1)

    def year_total(y):
        qs = [s.get(pd.Period(year=y, quarter=k, freq="Q")) for k in range(1, 5)]
        return None if any(x is None or pd.isna(x) for x in qs) else sum(qs)

    def h1_total(y):
        qs = [s.get(pd.Period(year=y, quarter=k, freq="Q")) for k in (1, 2)]
        return None if any(x is None or pd.isna(x) for x in qs) else sum(qs)

    def fy7_total(y):
        qs = [s.get(pd.Period(year=y - 1, quarter=k, freq="Q")) for k in (3, 4)] + \
             [s.get(pd.Period(year=y, quarter=k, freq="Q")) for k in (1, 2)]
        return None if any(x is None or pd.isna(x) for x in qs) else sum(qs)

    for y in years:
        when = pd.Timestamp(year=y, month=1, day=1).date()
        t = year_total(y)
        put("annual_total", when, t)
        put("annual_avg", when, None if t is None else t / 4)
        put("annual_yoy_pct", when, None if t is None else growth(t, year_total(y - 1)))
        h = h1_total(y)
        put("h1_total", when, h)
        put("h1_yoy_pct", when, None if h is None else growth(h, h1_total(y - 1)))
        put("fy7_total", when, fy7_total(y))

    out = pd.DataFrame(rows, columns=["metric", "period", "value"])
    out.to_csv(dst, index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
