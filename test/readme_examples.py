#!/usr/bin/env python3
"""Checks that README.md's examples are true.

Runs every ```sql block of README.md, in order, in one psql session on the
database named by the usual PG* environment variables (a fresh one), and
compares each block's output with the ```text block that directly follows
it.  Exits 1 when any differs.  With --write, rewrites the text blocks with
the actual output instead (read the diff before committing it).

usage: python3 test/readme_examples.py README.md [--write]
"""
import os
import re
import subprocess
import sys
import tempfile


def main():
    path = sys.argv[1]
    write = '--write' in sys.argv[2:]
    src = open(path, encoding='utf-8').read()
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

    script = ['\\set VERBOSITY default', '\\pset pager off', '\\set QUIET on', '\\pset null NULL']
    installed = False
    for k, (si, _) in enumerate(pairs):
        script.append('\\echo @@BLOCK %d@@' % k)
        # the installation instructions repeat CREATE EXTENSION: run it once
        if blocks[si][3].strip() == 'CREATE EXTENSION indicator;' and installed:
            continue
        installed = installed or 'CREATE EXTENSION indicator;' in blocks[si][3]
        script.append(blocks[si][3])
    script.append('\\echo @@BLOCK END@@')
    with tempfile.NamedTemporaryFile('w', suffix='.sql', delete=False) as f:
        f.write('\n'.join(script) + '\n')
        script_path = f.name
    try:
        # psql from the repository root, as the README's \copy paths assume
        run = subprocess.run(['psql', '-X', '-f', script_path], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True,
                             cwd=os.path.dirname(os.path.abspath(path)))
    finally:
        os.unlink(script_path)
    out = re.sub(r'^psql:%s:\d+: ' % re.escape(script_path), '', run.stdout, flags=re.M)

    parts = re.split(r'^@@BLOCK (\d+|END)@@\n', out, flags=re.M)
    results = {int(parts[j]): parts[j + 1] for j in range(1, len(parts) - 1, 2) if parts[j] != 'END'}

    new, delta, bad = src, 0, 0
    for k, (si, ti) in enumerate(pairs):
        got = results.get(k, '<<no output: the script stopped before this block>>\n')
        got = got.strip('\n') + '\n' if got.strip() else ''
        if ti is None:
            if got:
                bad += 1
                print('--- example %d prints output but the README shows none:\n%s' % (k + 1, got))
            continue
        start, end, _, body = blocks[ti]
        if body != got:
            bad += 1
            print('--- example %d differs\nREADME:\n%sACTUAL:\n%s' % (k + 1, body, got))
        replacement = '```text\n' + got + '```\n'
        new = new[:start + delta] + replacement + new[end + delta:]
        delta += len(replacement) - (end - start)
    if write:
        open(path, 'w', encoding='utf-8').write(new)
    print('README examples: %d passed, %d failed' % (len(pairs) - bad, bad))
    return 1 if bad and not write else 0


if __name__ == '__main__':
    sys.exit(main())
