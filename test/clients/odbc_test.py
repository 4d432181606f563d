"""indicator through psqlODBC (Debian's odbc-postgresql, the "PostgreSQL
Unicode" driver), from Python through pyodbc (python3-pyodbc), against
psql's answers (see answers.py and run.sh): the types ODBC gives every
column (SQL_NUMERIC -> Decimal, SQL_DOUBLE -> float, SQL_TYPE_DATE ->
datetime.date, SQL_INTEGER -> int; indicator_series, a type ODBC does not
know, as text), ? parameters bound from Python values, and server-side
prepared statements (psqlODBC prepares a statement that a cursor executes
again)."""
import datetime
import os
from decimal import Decimal

import pyodbc

from answers import check, fail, finish, query

D, F, I, S, DT = Decimal, float, int, str, datetime.date
env = os.environ
host = env.get("PGHOST") or "localhost"
conn = pyodbc.connect(
    "DRIVER={PostgreSQL Unicode};"
    f"Servername={host};Port={env.get('PGPORT', '5432')};Database={env['INDICATOR_CLIENTS_DB']};"
    f"UID={env.get('PGUSER', 'postgres')};PWD={env.get('PGPASSWORD', '')}",
    autocommit=True)


def rows(sql, *params):
    return [list(r) for r in conn.cursor().execute(sql, *params).fetchall()]


SERIES_ROWS = [DT, D, F, F, D, F]
check("series_rows", rows(query("series_rows")), "series_rows", SERIES_ROWS)
check("series_rows(s, fy, method)", rows(query("series_rows_last_year")), "series_rows_last_year",
      SERIES_ROWS + [D, D])
check("annual_rows", rows(query("annual_rows")), "annual_rows", [S, I, D, F, I])
check("scalars", rows(query("scalars")), "scalars", [F, F, D, D, I, F])
# indicator_series comes as text, whole (psqlODBC describes it as varchar(255),
# and pyodbc reads past that)
check("series text", rows(query("series_text")), "series_text", [S, S])

# ? parameters bound from datetime.date, int, Decimal and str
PARAMS_SQL = """
SELECT value_at(s, ?) AS value_at, ytd(s, ?, ?) AS ytd, yoy_pct(s, ?) AS yoy_pct, annual(s, ?) AS annual,
       attainment_pct(s, ?, ?) AS attainment_pct, fiscal_year(?, ?) AS fiscal_year
FROM series_t WHERE region = ?"""
as_of = datetime.date(1994, 6, 1)
PARAMS = (as_of, as_of, 7, as_of, 1993, 1993, Decimal("12500.5"), datetime.date(1994, 8, 15), 7, "north")
PARAMS_TYPES = [D, D, F, D, F, I]
check("parameters", rows(PARAMS_SQL, *PARAMS), "params", PARAMS_TYPES)

# a cursor that executes the same statement again: psqlODBC prepares it on
# the server (a statement named _PLAN...)
cur = conn.cursor()
for _ in range(3):
    check("prepared", [list(r) for r in cur.execute(PARAMS_SQL, *PARAMS).fetchall()], "params", PARAMS_TYPES)
named = rows("SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql AND statement LIKE '%value_at(s, $1)%'")
if named[0][0] < 1:
    fail("a cursor executing a statement three times: no server-side prepared statement")

finish("psqlodbc")
