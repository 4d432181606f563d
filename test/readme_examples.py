#!/usr/bin/env python3
"""Checks that the examples of the documentation are true.

For each Markdown file (by default README.md and docs/*.md of the
repository), runs every ```sql block, in order, in one psql session on a
fresh database of its own, and compares each block's output with the
```text block that directly follows it (a block with none must print
nothing).  The database is created on the server the usual PG* environment
variables name (the user must be allowed to create databases) and dropped
afterwards.  psql runs from the repository root, so that the examples'
\\copy paths (../shared/data/real/...) are read from there.

A file whose examples need what a fresh database cannot give (other
servers) says so with a line `<!-- examples: not run ... -->` and is
skipped.  A file whose examples read ../shared/data/real/ is skipped, with
a message, when that directory is not there.

Exits 1 when any example differs.  With --write, rewrites the text blocks
with the actual output instead (read the diff before committing it).

usage: python3 test/readme_examples.py [FILE.md ...] [--write]
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
REALDATA = os.path.join(ROOT, '..', 'shared', 'data', 'real')


def admin(*args):
    """createdb/dropdb on the PG* server; exits on failure."""
    run = subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if run.returncode != 0:
        sys.exit('readme_examples: %s failed: %s' % (' '.join(args), run.stdout.strip()))


def check(path, write):
    """Runs one file's examples; returns (passed, failed), or None if skipped."""
    src = open(path, encoding='utf-8').read()
    rel = os.path.relpath(path, ROOT)
    if '<!-- examples: not run' in src:
        print('%s: examples not run (the file says why)' % rel)
        return None
    fence = re.compile(r'^```(\w*)\n(.*?)^```\n', re.S | re.M)
    blocks = [(m.start(), m.end(), m.group(1), m.group(2)) for m in fence.finditer(src)]

    # each sql block, with the text block right after it (if any)
    pairs = []
    for i, (start, end, lang, body) in enumerate(blocks):
        if lang != 'sql':
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        follows = nxt is not None and nxt[2] == 'text' and src[end:nxt[0]].strip() == ''
        pairs.append((i, i + 1 if follows else None))
    if not pairs:
        return (0, 0)
    if any('../shared/data/real/' in blocks[si][3] for si, _ in pairs) and not os.path.isdir(REALDATA):
        print('%s: SKIPPED: its examples read ../shared/data/real/, which is not there' % rel)
        return None

    script = ['\\set VERBOSITY default', '\\pset pager off', '\\set QUIET on', '\\pset null NULL']
    installed = False
    for k, (si, _) in enumerate(pairs):
        script.append('\\echo @@BLOCK %d@@' % k)
        # installation instructions repeat CREATE EXTENSION: run it once
        if blocks[si][3].strip() == 'CREATE EXTENSION indicator;' and installed:
            continue
        installed = installed or 'CREATE EXTENSION indicator;' in blocks[si][3]
        script.append(blocks[si][3])
    script.append('\\echo @@BLOCK END@@')
    # a guide's examples start after CREATE EXTENSION, which the guide does not repeat
    if not installed:
        script.insert(4, 'CREATE EXTENSION indicator;')

    db = 'examples_' + re.sub(r'\W', '_', os.path.splitext(rel)[0].lower())
    admin('dropdb', '--if-exists', db)
    admin('createdb', db)
    with tempfile.NamedTemporaryFile('w', suffix='.sql', delete=False) as f:
        f.write('\n'.join(script) + '\n')
        script_path = f.name
    try:
        env = dict(os.environ, PGDATABASE=db)
        run = subprocess.run(['psql', '-X', '-f', script_path], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, cwd=ROOT, env=env)
    finally:
        os.unlink(script_path)
        admin('dropdb', '--if-exists', db)
    out = re.sub(r'^psql:%s:\d+: ' % re.escape(script_path), '', run.stdout, flags=re.M)

    parts = re.split(r'^@@BLOCK (\d+|END)@@\n', out, flags=re.M)
    results = {int(parts[j]): parts[j + 1] for j in range(1, len(parts) - 1, 2) if parts[j] != 'END'}

    new, delta, bad = src, 0, 0
    for k, (si, ti) in enumerate(pairs):
        got = results.get(k, '<<no output: the script stopped before this block>>\n')
        got = got.strip('\n') + '\n' if got.strip() else ''
        line = src.count('\n', 0, blocks[si][0]) + 1
        if ti is None:
            if got:
                bad += 1
                print('--- %s:%d: example %d prints output but the file shows none:\n%s'
                      % (rel, line, k + 1, got))
            continue
        start, end, _, body = blocks[ti]
        if body != got:
            bad += 1
            print('--- %s:%d: example %d differs\nFILE:\n%sACTUAL:\n%s' % (rel, line, k + 1, body, got))
        replacement = '```text\n' + got + '```\n'
        new = new[:start + delta] + replacement + new[end + delta:]
        delta += len(replacement) - (end - start)
    if write and new != src:
        open(path, 'w', encoding='utf-8').write(new)
    print('%s: %d examples passed, %d failed' % (rel, len(pairs) - bad, bad))
    return (len(pairs) - bad, bad)


def main():
    write = '--write' in sys.argv[1:]
    paths = [a for a in sys.argv[1:] if a != '--write']
    if not paths:
        paths = [os.path.join(ROOT, 'README.md')] + sorted(glob.glob(os.path.join(ROOT, 'docs', '*.md')))
    passed = failed = 0
    for path in paths:
        r = check(os.path.abspath(path), write)
        if r:
            passed += r[0]
            failed += r[1]
    print('documentation examples: %d passed, %d failed' % (passed, failed))
    return 1 if failed and not write else 0


if __name__ == '__main__':
    sys.exit(main())
