"""psql's answers for the Python clients (psycopg_test.py, odbc_test.py).

test/clients/run.sh writes, for every query NAME of queries.sql, NAME.sql
and psql's answer NAME.tsv (tab-separated, NULL as \\N) into the directory
INDICATOR_CLIENTS_ANSWERS.  check() compares a driver's rows with it: each
value must have the Python type the driver is documented to give for its
column and be equal to psql's text, read exactly (Decimal for numeric,
float for double precision, which PostgreSQL 15 prints in the shortest form
that reads back exactly).
"""
import datetime
import decimal
import os
import sys

DIR = os.environ["INDICATOR_CLIENTS_ANSWERS"]
failures = []
checked = 0


def query(name):
    with open(os.path.join(DIR, name + ".sql")) as f:
        return f.read().strip().rstrip(";")


def answer(name):
    with open(os.path.join(DIR, name + ".tsv")) as f:
        return [[None if v == "\\N" else v for v in line.rstrip("\n").split("\t")]
                for line in f if line.strip()]


def same(value, text):
    """value (as a driver gives it) equals psql's text, exactly."""
    if text is None or value is None:
        return value is None and text is None
    if isinstance(value, bool):
        return str(value).lower()[0] == text
    if isinstance(value, decimal.Decimal):
        return str(value) == text           # the same digits and scale
    if isinstance(value, float):
        return value == float(text)
    if isinstance(value, int):
        return value == int(text)
    if isinstance(value, datetime.date):
        return value.isoformat() == text
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value) == bytes.fromhex(text[2:])
    return value == text


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def check(label, rows, name, types):
    """rows from the driver against psql's answer to NAME; types: the Python
    type expected in each column."""
    global checked
    expected = answer(name)
    if len(rows) != len(expected):
        fail(f"{label}: {len(rows)} rows, psql gives {len(expected)}")
        return
    for i, (row, exp) in enumerate(zip(rows, expected)):
        if len(row) != len(exp):
            fail(f"{label}: row {i} has {len(row)} columns, psql gives {len(exp)}")
            return
        for j, (v, t) in enumerate(zip(row, exp)):
            checked += 1
            if v is not None and not isinstance(v, types[j]):
                fail(f"{label}: row {i} column {j}: {type(v).__name__}, expected {types[j].__name__}")
            elif not same(v, t):
                fail(f"{label}: row {i} column {j}: {v!r}, psql gives {t!r}")


def finish(client):
    if failures:
        print(f"{client}: {len(failures)} failures")
        sys.exit(1)
    print(f"{checked} values equal to psql's")
