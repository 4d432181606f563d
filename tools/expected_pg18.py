#!/usr/bin/env python3
"""Writes the alternative expected files of PostgreSQL 18 from the main ones.

Two tests print PostgreSQL's own output differently on 18, nothing of
indicator's: security (18 adds a CONTEXT line, the extension script's
statement, to the error of a CREATE EXTENSION that meets a planted function)
and store (18 keeps NOT NULL constraints in pg_constraint, so the store's
table lists two more).  expected/security_1.out and expected/store_1.out are
expected/security.out and expected/store.out with exactly these differences;
after changing either main file, run this and read the diff:

    python3 tools/expected_pg18.py && git diff expected/
"""
import os
import sys

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))


def derive(name, old, new):
    with open('expected/%s.out' % name, encoding='utf-8') as f:
        text = f.read()
    if text.count(old) != 1:
        sys.exit('expected_pg18: expected/%s.out does not hold the passage 18 prints differently once' % name)
    with open('expected/%s_1.out' % name, 'w', encoding='utf-8') as f:
        f.write(text.replace(old, new))


planted = 'ERROR:  function "growth_pct" already exists with same argument types\n'
derive('security', planted, planted +
       'CONTEXT:  SQL statement "CREATE FUNCTION growth_pct(current numeric, previous numeric)'
       ' RETURNS double precision\n'
       "\tAS '$libdir/indicator', 'growth_pct_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE\"\n"
       'extension script file "indicator--1.2.sql", near line 20\n')

query = "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'exports_store'::regclass ORDER BY 1;\n"
header = '     pg_get_constraintdef      \n-------------------------------\n'
derive('store', query + header + ' PRIMARY KEY (region, product)\n(1 row)\n',
       query + header + ' NOT NULL product\n NOT NULL region\n PRIMARY KEY (region, product)\n(3 rows)\n')
