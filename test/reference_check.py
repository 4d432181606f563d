#!/usr/bin/env python3
"""Checks docs/reference.md against the catalog of an installed extension.

Lists every function and aggregate (name and argument types), type, operator
and operator class that belongs to the extension `indicator` (pg_depend on
the extension), in the database the usual PG* environment variables name
(PGDATABASE: one where `CREATE EXTENSION indicator` has run), and checks:

  - every object has a COMMENT;
  - every function and aggregate has a signature in the first column of a
    table of the reference (header `function`), with the same argument types;
  - every type is in a table whose header is `type`, every operator in one
    whose header is `operator`, every operator class (name and index method)
    in one whose header is `operator class`;
  - every signature, type, operator and operator class the reference lists
    exists in the catalog.

Signatures are written as in SQL, `name(arg type, ...)`, with two
shorthands the reference defines in its own tables: an argument written
without a type takes the type of the "Arguments" table (`s` is an
indicator_series), and a placeholder of the "Placeholders" table (`num`)
stands for each of its types.  Prints what is missing and exits 1; exits 0
when the two agree.

usage: PGDATABASE=db python3 test/reference_check.py [docs/reference.md]
"""
import itertools
import os
import re
import subprocess
import sys


def psql(sql):
    run = subprocess.run(['psql', '-X', '-q', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        sys.exit('reference_check: psql failed: ' + run.stderr.strip())
    return [line.split('\t') for line in run.stdout.splitlines() if line]


def sql_literal(text):
    return "'" + text.replace("'", "''") + "'"


def catalog():
    """The extension's objects: {kind: {key: has_comment}}."""
    if not psql("SELECT 1 FROM pg_extension WHERE extname = 'indicator'"):
        sys.exit('reference_check: the extension indicator is not installed in this database')
    members = """
        FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'indicator'
        WHERE d.deptype = 'e' AND d.classid = '%s'::regclass"""
    objs = {'function': {}, 'type': {}, 'operator': {}, 'operator class': {}}
    for name, args, com in psql("""
            SELECT p.proname, oidvectortypes(p.proargtypes),
                   obj_description(p.oid, 'pg_proc') IS NOT NULL
            JOIN_HERE""".replace('JOIN_HERE', 'FROM pg_proc p WHERE p.oid IN (SELECT d.objid'
                                 + members % 'pg_proc' + ')')):
        objs['function']['%s(%s)' % (name, args)] = com == 't'
    for name, com in psql("""
            SELECT format_type(t.oid, NULL), obj_description(t.oid, 'pg_type') IS NOT NULL
            FROM pg_type t WHERE t.oid IN (SELECT d.objid""" + members % 'pg_type' + """)
            -- the array types PostgreSQL makes for each type: members of
            -- the extension from 16 on, never documented on their own
            AND NOT (t.typcategory = 'A' AND t.typelem <> 0)"""):
        objs['type'][name] = com == 't'
    for name, left, right, com in psql("""
            SELECT o.oprname, coalesce(format_type(o.oprleft, NULL), 'NONE'),
                   coalesce(format_type(o.oprright, NULL), 'NONE'),
                   obj_description(o.oid, 'pg_operator') IS NOT NULL
            FROM pg_operator o WHERE o.oid IN (SELECT d.objid""" + members % 'pg_operator' + ')'):
        objs['operator']['%s(%s,%s)' % (name, left, right)] = com == 't'
    for name, am, com in psql("""
            SELECT c.opcname, a.amname, obj_description(c.oid, 'pg_opclass') IS NOT NULL
            FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
            WHERE c.oid IN (SELECT d.objid""" + members % 'pg_opclass' + ')'):
        objs['operator class']['%s %s' % (name, am)] = com == 't'
    return objs


def tables(text):
    """Each Markdown table as (header cells, [row cells])."""
    out, cur = [], None
    for line in text.splitlines() + ['']:
        if line.startswith('|'):
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            if cur is None:
                cur = (cells, [])
            elif not re.fullmatch(r'[-: |]+', line):
                cur[1].append(cells)
        elif cur is not None:
            out.append(cur)
            cur = None
    return out


def ticked(cell):
    return re.findall(r'`([^`]+)`', cell)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'docs', 'reference.md')
    text = open(path, encoding='utf-8').read()
    objs = catalog()
    problems = []

    for kind, items in objs.items():
        for key, commented in sorted(items.items()):
            if not commented:
                problems.append('no COMMENT on %s %s' % (kind, key))

    arg_types, placeholders = {}, {}
    documented = {'function': [], 'type': [], 'operator': [], 'operator class': []}
    for header, rows in tables(text):
        first = header[0].lower()
        for row in rows:
            if first == 'argument':
                for name in ticked(row[0]):
                    arg_types[name] = ticked(row[1])[0]
            elif first == 'placeholder':
                placeholders[ticked(row[0])[0]] = ticked(row[1])
            elif first in documented:
                for item in ticked(row[0]):
                    documented[first].append((item, row))

    def strip_default(arg):
        return re.sub(r'\s+DEFAULT\s+.*$', '', arg.strip(), flags=re.I)

    signatures = []
    for item, _ in documented['function']:
        m = re.fullmatch(r'([a-z_][a-z0-9_]*)\((.*)\)', item, re.S)
        if not m:
            problems.append('reference: not a signature in a function table: `%s`' % item)
            continue
        args = [strip_default(a) for a in m.group(2).split(',')] if m.group(2).strip() else []
        used = sorted({p for p in placeholders for a in args if re.search(r'\b%s\b' % p, a)})
        for combo in itertools.product(*(placeholders[p] for p in used)):
            subst = dict(zip(used, combo))
            concrete = []
            for a in args:
                for p, t in subst.items():
                    a = re.sub(r'\b%s\b' % p, t, a)
                concrete.append(a)
            signatures.append((item, m.group(1), concrete))

    # the type names the server knows, and the aliases SQL accepts for them
    known = {row[0] for row in psql('SELECT format_type(oid, NULL) FROM pg_type')}
    aliases = {'int': 'integer', 'int4': 'integer', 'int8': 'bigint', 'int2': 'smallint',
               'float8': 'double precision', 'float4': 'real', 'bool': 'boolean',
               'timestamptz': 'timestamp with time zone', 'varchar': 'character varying'}

    def as_type(text):
        text = text.strip().lower()
        array = ''
        while text.endswith('[]'):
            text, array = text[:-2].strip(), array + '[]'
        text = aliases.get(text, text) + array
        return text if text in known else None

    def arg_type(a):
        if a in arg_types:
            return as_type(arg_types[a])
        if as_type(a):
            return as_type(a)
        if ' ' in a:
            return as_type(a.split(' ', 1)[1])
        return None

    doc_functions = set()
    for item, name, args in signatures:
        types = [arg_type(a) for a in args]
        if None in types:
            problems.append('reference: an argument of `%s` has no type: %s'
                            % (item, ', '.join(a for a, t in zip(args, types) if t is None)))
            continue
        key = '%s(%s)' % (name, ', '.join(types))
        doc_functions.add(key)
        if key not in objs['function']:
            problems.append('reference documents %s, which the extension does not have' % key)
    for key in sorted(objs['function']):
        if key not in doc_functions:
            problems.append('reference lacks function %s' % key)

    doc_types = set()
    for item, _ in documented['type']:
        t = as_type(item) or item
        doc_types.add(t)
        if t not in objs['type']:
            problems.append('reference documents type %s, which the extension does not have' % item)
    for key in sorted(objs['type']):
        if key not in doc_types:
            problems.append('reference lacks type %s' % key)

    doc_ops = set()
    for item, _ in documented['operator']:
        m = re.fullmatch(r'(\w+) (\S+) (\w+)', item)
        left = m and arg_type(m.group(1))
        right = m and arg_type(m.group(3))
        if not (left and right):
            problems.append('reference: not an operator of typed arguments: `%s`' % item)
            continue
        key = '%s(%s,%s)' % (m.group(2), left, right)
        doc_ops.add(key)
        if key not in objs['operator']:
            problems.append('reference documents operator %s, which the extension does not have' % key)
    for key in sorted(objs['operator']):
        if key not in doc_ops:
            problems.append('reference lacks operator %s' % key)

    doc_classes = set()
    for item, row in documented['operator class']:
        for am in ticked(row[1]) if len(row) > 1 else []:
            key = '%s %s' % (item, am)
            doc_classes.add(key)
            if key not in objs['operator class']:
                problems.append('reference documents operator class %s, which the extension '
                                'does not have' % key)
    for key in sorted(objs['operator class']):
        if key not in doc_classes:
            problems.append('reference lacks operator class %s' % key)

    for p in problems:
        print(p)
    counts = ', '.join('%d %s' % (len(v), k + ('es' if k.endswith('s') else 's'))
                       for k, v in objs.items())
    if problems:
        print('reference check: %d problems (catalog: %s)' % (len(problems), counts))
        return 1
    print('reference check: docs/reference.md documents every object (%s)' % counts)
    return 0


if __name__ == '__main__':
    sys.exit(main())
