#!/usr/bin/python3
"""Reference figures for sql/oracle_ranges.sql, computed independently of
indicator with pandas, by calendar period (never by row position).

Usage: ranges_reference.py GAS.csv DUTCH.csv OUTPUT.csv

GAS and DUTCH have the columns series,period,value of ../shared/data/real
(monthly: period is the first day of the month): Australian gas production
(a flow: quarters are sums) and the Dutch retail sales index (an index:
quarters are means, or the last month).  OUTPUT is long format
metric,period,value with floats in their shortest round-trip form; a metric
that cannot be computed (a month missing, outside the data) has no row.
The data is GPL, so neither it nor these tables are committed: the test
computes them at run time.

metrics (Q: a calendar quarter, Y: a year; every range needs all its months)
  gas_q_sum        sum of the three months of Q (period: Q's first day)
  gas_q_yoy_pct    growth of gas_q_sum on Q of Y-1
  gas_y_sum        sum of the twelve months of Y
  gas_janfeb       Jan + Feb of Y;     gas_janfeb_yoy_pct: growth on Y-1
  gas_h1           Jan .. Jun of Y;    gas_h1_yoy_pct
  gas_m9           Jan .. Sep of Y;    gas_m9_yoy_pct
  gas_h2           Jul .. Dec of Y;    gas_h2_yoy_pct
  gas_ttm          the twelve months ending with Q's last month
  dutch_q_avg      mean of the three months of Q
  dutch_q_last     the last month of Q
  dutch_y_avg      mean of the twelve months of Y
"""
import sys

import pandas as pd


def growth(cur, prev):
    if cur is None or prev is None or pd.isna(cur) or pd.isna(prev) or prev == 0:
        return None
    return (cur - prev) / abs(prev) * 100


def monthly(path):
    df = pd.read_csv(path, parse_dates=["period"])
    s = pd.Series(df["value"].values.astype(float),
                  index=pd.PeriodIndex(df["period"], freq="M"))
    assert s.index.is_unique
    return s


def span(s, first, last):
    """the months first..last (pd.Period), or None unless all are present"""
    months = pd.period_range(first, last, freq="M")
    vals = [s.get(m) for m in months]
    if any(v is None or pd.isna(v) for v in vals):
        return None
    return vals


def main(gas_path, dutch_path, dst):
    gas = monthly(gas_path)
    dutch = monthly(dutch_path)
    rows = []

    def put(metric, when, value):
        if value is not None and not pd.isna(value):
            rows.append((metric, when, repr(float(value))))

    def total(s, first, last):
        v = span(s, first, last)
        return None if v is None else sum(v)

    def mean(s, first, last):
        v = span(s, first, last)
        return None if v is None else sum(v) / len(v)

    def last_of(s, first, last):
        v = span(s, first, last)
        return None if v is None else v[-1]

    def month(y, m):
        return pd.Period(year=y, month=m, freq="M")

    # calendar quarters touching the data, by PeriodIndex arithmetic
    for s, prefix in ((gas, "gas"), (dutch, "dutch")):
        quarters = pd.period_range(s.index.min().asfreq("Q"), s.index.max().asfreq("Q"), freq="Q")
        for q in quarters:
            first = q.asfreq("M", how="start")
            last = q.asfreq("M", how="end")
            when = q.start_time.date()
            if prefix == "gas":
                put("gas_q_sum", when, total(s, first, last))
                put("gas_q_yoy_pct", when,
                    growth(total(s, first, last), total(s, first - 12, last - 12)))
                put("gas_ttm", when, total(s, last - 11, last))
            else:
                put("dutch_q_avg", when, mean(s, first, last))
                put("dutch_q_last", when, last_of(s, first, last))
        for y in range(s.index.min().year, s.index.max().year + 1):
            when = pd.Timestamp(year=y, month=1, day=1).date()
            if prefix == "gas":
                put("gas_y_sum", when, total(s, month(y, 1), month(y, 12)))
                for name, a, b in (("janfeb", 1, 2), ("h1", 1, 6), ("m9", 1, 9), ("h2", 7, 12)):
                    cur = total(s, month(y, a), month(y, b))
                    put("gas_" + name, when, cur)
                    put("gas_" + name + "_yoy_pct", when,
                        growth(cur, total(s, month(y - 1, a), month(y - 1, b))))
            else:
                put("dutch_y_avg", when, mean(s, month(y, 1), month(y, 12)))

    out = pd.DataFrame(rows, columns=["metric", "period", "value"])
    out.to_csv(dst, index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
