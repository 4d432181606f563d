"""indicator through psycopg 3 (Debian's python3-psycopg), against psql's
answers (see answers.py and run.sh): the Python types of every column,
parameters bound from Python values (date, int, Decimal, str), server-side
prepared statements (prepare=True), indicator_series in binary (binary
cursors, binary COPY out and in), and pandas.read_sql's handling of
numeric (float64 unless coerce_float=False)."""
import datetime
import os
import warnings
from decimal import Decimal

import pandas
import psycopg

from answers import check, fail, finish, query

D, F, I, S, DT = Decimal, float, int, str, datetime.date
conn = psycopg.connect(dbname=os.environ["INDICATOR_CLIENTS_DB"], autocommit=True)

# result types: numeric -> Decimal, double precision -> float, date ->
# datetime.date, integer -> int, text and indicator_series (text form) -> str
SERIES_ROWS = [DT, D, F, F, D, F]
check("series_rows", conn.execute(query("series_rows")).fetchall(), "series_rows", SERIES_ROWS)
check("series_rows(s, fy, method)", conn.execute(query("series_rows_last_year")).fetchall(),
      "series_rows_last_year", SERIES_ROWS + [D, D])
check("annual_rows", conn.execute(query("annual_rows")).fetchall(), "annual_rows", [S, I, D, F, I])
check("scalars", conn.execute(query("scalars")).fetchall(), "scalars", [F, F, D, D, I, F])
check("series text", conn.execute(query("series_text")).fetchall(), "series_text", [S, S])

# parameters: %(name)s placeholders bound from datetime.date, int (psycopg
# sends a small int as smallint), Decimal and str; the same answers as the
# literals of queries.sql
PARAMS_SQL = """
SELECT value_at(s, %(as_of)s) AS value_at, ytd(s, %(as_of)s, %(fy)s) AS ytd,
       yoy_pct(s, %(as_of)s) AS yoy_pct, annual(s, %(year)s) AS annual,
       attainment_pct(s, %(year)s, %(target)s) AS attainment_pct,
       fiscal_year(%(day)s, %(fy)s) AS fiscal_year
FROM series_t WHERE region = %(region)s"""
params = {"as_of": datetime.date(1994, 6, 1), "fy": 7, "year": 1993, "target": Decimal("12500.5"),
          "day": datetime.date(1994, 8, 15), "region": "north"}
PARAMS_TYPES = [D, D, F, D, F, I]
check("parameters", conn.execute(PARAMS_SQL, params).fetchall(), "params", PARAMS_TYPES)

# server-side prepared: prepare=True makes a named statement on the server
# (listed in pg_prepared_statements), executed three times
for _ in range(3):
    check("prepared", conn.execute(PARAMS_SQL, params, prepare=True).fetchall(), "params", PARAMS_TYPES)
named = conn.execute("SELECT count(*) FROM pg_prepared_statements "
                     "WHERE NOT from_sql AND statement LIKE '%%value_at(s, $1)%%'").fetchone()[0]
if named != 1:
    fail(f"prepare=True: {named} server-side prepared statements of the query, expected 1")

# binary: a binary cursor gives indicator_series (a type psycopg does not
# know) as bytes, equal to indicator_series_send(s) as psql gives it
with conn.cursor(binary=True) as cur:
    check("binary cursor", cur.execute(query("series_text")).fetchall(), "series_send", [S, bytes])

# binary COPY out: the series' binary form, read as bytea
with conn.cursor() as cur:
    with cur.copy("COPY (" + query("series_text") + ") TO STDOUT (FORMAT BINARY)") as copy:
        copy.set_types(["text", "bytea"])
        # (psycopg 3.1 gives bytea read from COPY as a memoryview)
        copied = [(region, bytes(data)) for region, data in copy.rows()]
    check("binary COPY TO", copied, "series_send", [S, bytes])
    # and back in: binary COPY FROM gives the server those bytes, which it
    # reads with indicator_series_recv: the same series
    with cur.copy("COPY loaded (client, region, s) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(["text", "text", "bytea"])
        for region, data in copied:
            copy.write_row(("psycopg", region, data))
    same_series = conn.execute("SELECT count(*) FROM loaded l JOIN series_t t USING (region) "
                               "WHERE l.client = 'psycopg' AND l.s::text = t.s::text").fetchone()[0]
    if same_series != len(copied):
        fail(f"binary COPY FROM: {same_series} of {len(copied)} series read back equal")

# pandas.read_sql (pandas 1.5 warns that it supports only SQLAlchemy
# connectables, and works): numeric comes back as float64, unless
# coerce_float=False, which keeps the Decimal values
with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)
    df = pandas.read_sql(query("annual_rows"), conn)
    exact = pandas.read_sql(query("annual_rows"), conn, coerce_float=False)
if str(df["value"].dtype) != "float64":
    fail(f"pandas.read_sql: numeric as {df['value'].dtype}, the README says float64")
if not all(isinstance(v, Decimal) or v is None for v in exact["value"]):
    fail("pandas.read_sql(coerce_float=False): numeric not kept as Decimal")
check("pandas coerce_float=False", [list(r) for r in exact.itertuples(index=False)], "annual_rows",
      [S, I, D, F, I])

finish("psycopg")
