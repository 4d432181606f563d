#!/usr/bin/env python3
"""No circle of files in src/: X.c depends on Y.c when X.c includes Y.h
(directly or through another of our headers); the dependencies between .c
files must have no cycle, and no file may depend on itself through another.
Prints the cycles found and exits 1, or prints nothing and exits 0.

    python3 tools/include_cycles.py [SRCDIR]
"""
import os
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'src')
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def includes(path):
    with open(os.path.join(src, path), encoding='utf-8') as f:
        return [h for h in include.findall(f.read()) if os.path.exists(os.path.join(src, h))]


def headers_reached(path, seen=None):
    """Our headers that path includes, directly or through our headers."""
    seen = set() if seen is None else seen
    for h in includes(path):
        if h not in seen:
            seen.add(h)
            headers_reached(h, seen)
    return seen


units = sorted(f[:-2] for f in os.listdir(src) if f.endswith('.c'))
deps = {}
for u in units:
    deps[u] = {h[:-2] for h in headers_reached(u + '.c')
               if h[:-2] in units and h[:-2] != u}

cycles = []
state = {}                      # unit -> 1 visiting, 2 done
stack = []


def visit(u):
    state[u] = 1
    stack.append(u)
    for v in sorted(deps[u]):
        if state.get(v) == 1:
            cycles.append(stack[stack.index(v):] + [v])
        elif v not in state:
            visit(v)
    stack.pop()
    state[u] = 2


for u in units:
    if u not in state:
        visit(u)

for c in cycles:
    print('include cycle: ' + ' -> '.join(x + '.c' for x in c))
sys.exit(1 if cycles else 0)
