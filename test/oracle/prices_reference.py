#!/usr/bin/python3
"""Reference figures for sql/prices_realdata.sql, computed independently of
indicator with pandas, by calendar month (never by row position).

Usage: prices_reference.py GAS.csv DUTCH.csv VEGA.csv WEIGHTS.csv OUTPUT.csv

GAS, DUTCH and VEGA have the columns series,period,value of
../shared/data/real (monthly: period is the first day of the month).
There is no price index among them, so the Dutch retail sales index (DUTCH)
stands in for one: ILLUSTRATIVE, it is a volume index, not a price.  The
value deflated by it is Australian gas production (GAS).  VEGA's 14 series
(US unemployment by industry) stand in for the products of an index of
industrial production; WEIGHTS (product,industry,output_value,value_added)
groups them into industries with illustrative weights, as the test defines
them.  The data is GPL, so neither it nor these tables are committed: the
test computes them at run time.

OUTPUT is long format metric,key,period,value with floats in their shortest
round-trip form; a figure that cannot be computed has no row.

metrics (key is empty unless said)
  defl_y1980       gas x mean(price over 1980) / price, every month both have
  defl_fy1981_jul  the same on the fiscal year July 1980 .. June 1981
  defl_p198006     gas x price(1980-06) / price
  real_yoy_pct     ((1 + n/100) / (1 + p/100) - 1) x 100 from gas's and the
                   price's growth on the same month of last year
  iip              the index: products rebased on their 2005 mean, industries
                   their weighted mean by output value, the IIP the industries'
                   weighted mean by value added
  ytd_pp_METHOD_fyF  key industry: share x (ytd(c, t) - ytd(c, t - 12)) /
                   |ytd(IIP, t - 12)| x 100, ytd from fiscal month F by METHOD
                   (sum: the sum of the months so far; last: month t), for
                   every month t whose two year-to-dates are complete
  ytd_growth_METHOD_fyF  the IIP's year-to-date growth, same months
"""
import sys

import pandas as pd


def monthly_frame(path):
    df = pd.read_csv(path, parse_dates=["period"])
    df["month"] = pd.PeriodIndex(df["period"], freq="M")
    return df


def monthly(path):
    df = monthly_frame(path)
    s = pd.Series(df["value"].values.astype(float), index=df["month"])
    assert s.index.is_unique
    return s


def full(s):
    """s on every month of its span (missing months NaN)"""
    return s.reindex(pd.period_range(s.index.min(), s.index.max(), freq="M"))


def at(s, p):
    v = s.get(p)
    return None if v is None or pd.isna(v) else float(v)


def fiscal_months(year, fy_start):
    first = pd.Period(year=year - 1 if fy_start > 1 else year, month=fy_start, freq="M")
    return pd.period_range(first, periods=12, freq="M")


def mean_or_none(s, months):
    vals = [at(s, m) for m in months]
    if any(v is None for v in vals):
        return None
    return sum(vals) / len(vals)


def ytd(s, t, fy_start, method):
    """the year-to-date of s at month t from fiscal month fy_start"""
    start_year = t.year if t.month >= fy_start else t.year - 1
    first = pd.Period(year=start_year, month=fy_start, freq="M")
    vals = [at(s, m) for m in pd.period_range(first, t, freq="M")]
    if any(v is None for v in vals):
        return None
    return vals[-1] if method == "last" else sum(vals)


def main(gas_path, dutch_path, vega_path, weights_path, out_path):
    rows = []

    def emit(metric, key, period, value):
        if value is not None and not pd.isna(value):
            rows.append((metric, key, period.to_timestamp().date().isoformat(), repr(float(value))))

    gas = full(monthly(gas_path))
    price = full(monthly(dutch_path))
    months = pd.period_range(min(gas.index.min(), price.index.min()),
                             max(gas.index.max(), price.index.max()), freq="M")
    g = gas.reindex(months)
    p = price.reindex(months)

    bases = {
        "defl_y1980": mean_or_none(p, fiscal_months(1980, 1)),
        "defl_fy1981_jul": mean_or_none(p, fiscal_months(1981, 7)),
        "defl_p198006": at(p, pd.Period("1980-06", freq="M")),
    }
    for metric, base in bases.items():
        assert base is not None and base > 0
        for m in months:
            gv, pv = at(g, m), at(p, m)
            if gv is not None and pv is not None and pv > 0:
                emit(metric, "", m, gv * base / pv)

    for m in months:
        n_cur, n_prev = at(g, m), at(g, m - 12)
        p_cur, p_prev = at(p, m), at(p, m - 12)
        if None in (n_cur, n_prev, p_cur, p_prev) or n_prev == 0 or p_prev == 0:
            continue
        n_pct = (n_cur - n_prev) / abs(n_prev) * 100
        p_pct = (p_cur - p_prev) / abs(p_prev) * 100
        if p_pct > -100:
            emit("real_yoy_pct", "", m, ((1 + n_pct / 100) / (1 + p_pct / 100) - 1) * 100)

    # the IIP
    vega = monthly_frame(vega_path)
    q = vega.pivot(index="month", columns="series", values="value").astype(float)
    q = q.reindex(pd.period_range(q.index.min(), q.index.max(), freq="M"))
    w = pd.read_csv(weights_path)
    base = q[[m.year == 2005 for m in q.index]].mean()
    pidx = q / base * 100
    industries = {}
    for ind, grp in w.groupby("industry"):
        ow = grp.set_index("product")["output_value"]
        industries[ind] = (pidx[ow.index] * ow).sum(axis=1, skipna=False) / ow.sum()
    va = w.groupby("industry")["value_added"].first()
    iip = sum(industries[i] * va[i] for i in industries) / va.sum()
    share = va / va.sum()
    for m in iip.index:
        emit("iip", "", m, at(iip, m))

    for method, fy in (("sum", 1), ("last", 1), ("sum", 7)):
        for t in iip.index:
            a_now, a_before = ytd(iip, t, fy, method), ytd(iip, t - 12, fy, method)
            if a_now is None or a_before is None or a_before == 0:
                continue
            emit(f"ytd_growth_{method}_fy{fy}", "", t, (a_now - a_before) / abs(a_before) * 100)
            for ind, c in industries.items():
                c_now, c_before = ytd(c, t, fy, method), ytd(c, t - 12, fy, method)
                if c_now is None or c_before is None:
                    continue
                emit(f"ytd_pp_{method}_fy{fy}", ind, t,
                     share[ind] * (c_now - c_before) / abs(a_before) * 100)

    with open(out_path, "w") as f:
        f.write("metric,key,period,value\n")
        for r in rows:
            f.write(",".join(f'"{x}"' if "," in x else x for x in r) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:6])
