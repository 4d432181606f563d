#!/usr/bin/env python3
"""Binary-input fuzzing of indicator_series_recv, index_agg_state_recv and
vintage_state_recv.

Takes the send output of valid values (monthly, quarterly, yearly; numeric
and float8; states with and without sums), mutates it (truncation, bit
flips, random bytes, overwritten lengths and flags, appended bytes, pure
random data) and feeds every input to the recv function through
COPY ... FROM (FORMAT binary), one COPY per input, in one psql session.
Every input must be accepted or rejected with a 22xxx error (22P03 binary
form); never a crash, an internal error (XX000) or another class.  The
accepted ones must round-trip: text out and in gives an equal value,
binary send gives the same bytes again, and the accessors run on them.

Usage: python3 test/fuzz/fuzz_recv.py [N] [SEED]  (psql from PATH, PGHOST/PGPORT
from the environment; database from PGDATABASE or "postgres"; indicator
must be installed).  Exit 1 on any finding.
"""
import os, random, re, struct, subprocess, sys, tempfile

n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
seed = int(sys.argv[2]) if len(sys.argv) > 2 else random.randrange(1 << 30)
rng = random.Random(seed)
db = os.environ.get("PGDATABASE", "postgres")
work = tempfile.mkdtemp(prefix="indicator-fuzz-recv.")
os.chmod(work, 0o755)

SERIES = [
    "numeric {2021-01: 1.5, 2021-02: NULL, 2021-03: -3}",
    "float8 {2020-01: 1e-07, 2020-02: 2.5}",
    "numeric {2021-Q1: 5, 2021-Q2: NULL, 2021-Q3: -7.25}",
    "float8 {2019-Q4: 1, 2020-Q1: NULL, 2020-Q2: 3}",
    "numeric {9998: 1, 9999: NULL}",
    "float8 {0001: 1.7976931348623157e+308, 0002: -0}",
    "numeric {0001-01: 99999999999999999999999999999999999.999}",
    "float8 {9999-12: 5e-324}",
    "numeric {2021-11: 12043.2, 2021-12: 12800*}",
    "float8 {2021-Q1: 1.5*, 2021-Q2: NULL, 2021-Q3: -0.25*}",
]
STATES = [
    "weight 4; sums float8 {2020-01: 300, 2020-02: NULL}",
    "weight 0.1; lacks every month; sums float8 {2020-01: NULL}",
    "weight 2.5; lacks every month",
    "weight 3; sums float8 {2020-Q1: 270, 2020-Q2: 1}",
    "weight 1; sums float8 {2020: 7}",
    # exact sums (format version 2): negative, beyond a double, tiny and huge
    "weight 1; sums float8 {2020-01: -1.5, 2020-02: 1}; exact weight 0x1p+0, sums -0x3p-1, 0x1000000000000001p-60",
    "weight 5e-324; sums float8 {2020-01: 0}; exact weight 0x1p-1074, sums 0x1p-2148",
    "weight 2; sums float8 {2020-01: NULL}; exact weight 0x1p+1, sums 0x1p+2040",
    # flagged sums: release 1.1's form with a 1.2 series, and format version 3
    "weight 2; sums float8 {2020-01: 200*, 2020-02: 100}",
    "weight 3; sums float8 {2020-Q1: 300*, 2020-Q2: NULL, 2020-Q3: 0*}; exact weight 0x3p+0, sums 0x12cp+0*, NULL, 0*",
]
VSTATES = [
    "latest numeric month {2021-01: 1.50 @1, 2021-03: NULL @5, 2021-04: 2 @7 duplicate}",
    "first float8 year {2020: 1.5e-07 @-3, 2021: NULL @9223372036854775807}",
    "latest numeric quarter {2021-Q1: -12345678901234567890123.5 @5 estimated, 2021-Q3: 7 @2}",
    "latest numeric month {0001-01: 99999999999999999999999999999999999.999 @0, 0002-12: 1 @1}",
    "first numeric year {9998: 1 @-9223372036854775808, 9999: NULL @9223372036854775807}",
]
setup = """
\\set ON_ERROR_STOP 1
CREATE EXTENSION IF NOT EXISTS indicator;
DROP TABLE IF EXISTS fz_seed, fz_s, fz_a, fz_v, fz_s2, fz_a2, fz_v2;
CREATE TABLE fz_s (id int, x indicator_series);
CREATE TABLE fz_a (id int, x index_agg_state);
CREATE TABLE fz_v (id int, x vintage_state);
CREATE TABLE fz_s2 (LIKE fz_s); CREATE TABLE fz_a2 (LIKE fz_a); CREATE TABLE fz_v2 (LIKE fz_v);
"""
seeds = []
out = subprocess.run(["psql", "-X", "-At", "-d", db, "-c", setup.replace("\\set ON_ERROR_STOP 1", "")],
                     capture_output=True, text=True)
for kind, vals in (("indicator_series", SERIES), ("index_agg_state", STATES), ("vintage_state", VSTATES)):
    for v in vals:
        r = subprocess.run(["psql", "-X", "-At", "-d", db, "-c",
                            f"SELECT encode({kind}_send('{v}'::{kind}), 'hex')"],
                           capture_output=True, text=True, check=True)
        seeds.append((kind, bytes.fromhex(r.stdout.strip())))

def mutate(b):
    b = bytearray(b)
    op = rng.randrange(9)
    if op == 0 and b:                       # truncate
        return bytes(b[:rng.randrange(len(b))])
    if op == 1:                             # flip bits
        for _ in range(rng.randint(1, 4)):
            if b:
                b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        return bytes(b)
    if op == 2:                             # random bytes overwritten
        for _ in range(rng.randint(1, 6)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    if op == 3:                             # append
        return bytes(b) + bytes(rng.randrange(256) for _ in range(rng.randint(1, 20)))
    if op == 4 and len(b) >= 4:             # an int32 field set to an edge value
        i = rng.randrange(len(b) - 3)
        v = rng.choice([0, 1, -1, 2**31 - 1, -2**31, 12 * 9999, 4 * 9999 + 3, 9999, 120000, 120001, 2**24])
        b[i:i + 4] = struct.pack(">i", v)
        return bytes(b)
    if op == 5 and len(b) >= 8:             # a float8 field set to an edge value
        i = rng.randrange(len(b) - 7)
        b[i:i + 8] = struct.pack(">d", rng.choice([float("nan"), float("inf"), -0.0, 0.0, 1e308, -1.0, 5e-324]))
        return bytes(b)
    if op == 6:                             # pure random
        return bytes(rng.randrange(256) for _ in range(rng.randrange(40)))
    if op == 7 and b:                       # a header byte (version, kind, frequency, flags)
        b[rng.randrange(min(4, len(b)))] = rng.choice([0, 1, 2, 3, 4, 255])
        return bytes(b)
    if b:                                   # delete a slice
        i = rng.randrange(len(b)); j = i + rng.randint(1, 9)
        return bytes(b[:i] + b[j:])
    return bytes(b)

def copyfile(path, rowid, data):
    with open(path, "wb") as f:
        f.write(b"PGCOPY\n\xff\r\n\0" + struct.pack(">ii", 0, 0))
        f.write(struct.pack(">h", 2) + struct.pack(">ii", 4, rowid) + struct.pack(">i", len(data)) + data)
        f.write(struct.pack(">h", -1))

script = ["\\set ON_ERROR_STOP 0"]
inputs = {}
for i in range(n):
    kind, b = rng.choice(seeds)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        b = mutate(b)
    inputs[i] = (kind, b)
    p = os.path.join(work, f"{i}.bin")
    copyfile(p, i, b)
    table = {"indicator_series": "fz_s", "index_agg_state": "fz_a", "vintage_state": "fz_v"}[kind]
    script.append(f"\\echo @@{i}")
    script.append(f"\\copy {table} FROM '{p}' (FORMAT binary)")
# the accepted ones: text round trip, binary round trip, accessors
script.append("\\echo @@check")
script.append(f"\\copy (SELECT * FROM fz_s) TO '{work}/s.bin' (FORMAT binary)")
script.append(f"\\copy fz_s2 FROM '{work}/s.bin' (FORMAT binary)")
script.append(f"\\copy (SELECT * FROM fz_a) TO '{work}/a.bin' (FORMAT binary)")
script.append(f"\\copy fz_a2 FROM '{work}/a.bin' (FORMAT binary)")
script.append(f"\\copy (SELECT * FROM fz_v) TO '{work}/v.bin' (FORMAT binary)")
script.append(f"\\copy fz_v2 FROM '{work}/v.bin' (FORMAT binary)")
script.append("""\\set VERBOSITY default
SELECT 'TEXT-MISMATCH', id FROM fz_s WHERE x::text::indicator_series IS DISTINCT FROM x;
SELECT 'SEND-MISMATCH', id FROM fz_s JOIN fz_s2 t2 USING (id) WHERE indicator_series_send(fz_s.x) <> indicator_series_send(t2.x);
SELECT 'STATE-TEXT-MISMATCH', id FROM fz_a WHERE x::text::index_agg_state::text <> x::text;
SELECT 'STATE-SEND-MISMATCH', id FROM fz_a JOIN fz_a2 t2 USING (id) WHERE index_agg_state_send(fz_a.x) <> index_agg_state_send(t2.x);
SELECT 'VSTATE-TEXT-MISMATCH', id FROM fz_v WHERE x::text::vintage_state::text <> x::text;
SELECT 'VSTATE-SEND-MISMATCH', id FROM fz_v JOIN fz_v2 t2 USING (id) WHERE vintage_state_send(fz_v.x) <> vintage_state_send(t2.x);
SELECT 'ACCESSORS', count(*), count(first_month(x)), count(month_count(x)), count(missing_months(x)) FROM fz_s;
-- final and combine per state: a 22xxx error (an overflow) is an answer
DO $$
DECLARE r record; n int := 0;
BEGIN
	FOR r IN SELECT * FROM fz_a LOOP
		BEGIN
			PERFORM index_agg_final(r.x), index_agg_combine(r.x, r.x);
			n := n + 1;
		EXCEPTION WHEN data_exception THEN NULL;
		END;
	END LOOP;
	RAISE NOTICE 'FINAL % states ran without error', n;
	n := 0;
	FOR r IN SELECT * FROM fz_v LOOP
		BEGIN
			PERFORM vintage_state_combine(r.x, r.x);
			PERFORM vintage_agg_final(r.x);
			n := n + 1;
		EXCEPTION WHEN data_exception OR cardinality_violation THEN NULL;
		END;
	END LOOP;
	RAISE NOTICE 'FINAL % vintage states ran without error', n;
END $$;
SELECT 'ACCEPTED', (SELECT count(*) FROM fz_s), (SELECT count(*) FROM fz_a), (SELECT count(*) FROM fz_v);
""")
merged = subprocess.run("psql -X -q -d %s -v VERBOSITY=sqlstate 2>&1" % db, shell=True,
                        input=("TRUNCATE fz_s, fz_a, fz_v, fz_s2, fz_a2, fz_v2;\n" + "\n".join(script) + "\n"),
                        stdout=subprocess.PIPE, text=True).stdout
states, current, findings = {}, None, []
for line in merged.splitlines():
    m = re.match(r"@@(\w+)", line)
    if m:
        current = m.group(1)
        continue
    m = re.search(r"ERROR:\s+([0-9A-Z]{5})", line)
    if m and current not in (None, "check"):
        states[m.group(1)] = states.get(m.group(1), 0) + 1
        if not m.group(1).startswith("22"):
            findings.append(f"input {current}: {line}")
    if current == "check" and ("MISMATCH" in line or "ERROR" in line):
        findings.append("check: " + line)
    if re.search(r"server closed the connection|connection to server was lost|terminated abnormally", line):
        findings.append(f"CRASH at input {current}: {line}")
print(f"fuzz_recv: seed {seed}, {n} inputs, errors by SQLSTATE: {states}")
for line in merged.splitlines():
    if re.search(r"ACCESSORS|FINAL|ACCEPTED", line):
        print("fuzz_recv: " + line.strip())
for f in findings[:30]:
    print("fuzz_recv: FINDING " + f)
for f in findings[:5]:
    m = re.match(r"(?:CRASH at )?input (\d+)", f)
    if m:
        k, b = inputs[int(m.group(1))]
        print(f"fuzz_recv: input {m.group(1)} ({k}): {b.hex()}")
print(f"fuzz_recv: files in {work}")
sys.exit(1 if findings else 0)
