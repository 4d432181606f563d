#!/usr/bin/env python3
"""PGXN: checks META.json against the PGXN Meta Spec 1.0.0 (the PGXN
validator itself is not reachable here) and the release archive that
`make dist` builds from git.

META.json must have every field the spec requires (name, abstract, version,
maintainer, license, provides, meta-spec), SemVer versions, the licence
"postgresql"; its version and provides.indicator.version are the SemVer form
of indicator.control's default_version ('1.1' is 1.1.0), provides' file
exists.  The archive (indicator-VERSION.zip, VERSION the control file's) has
everything under indicator-VERSION/, META.json, the control file, the
Makefile and the provided file, and no build artefact.

    python3 test/meta.py            # from the top of the checkout (runs make dist)
"""
import json
import os
import re
import subprocess
import sys
import zipfile

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")
# the spec's license strings (section "License String"), lowercase
LICENSES = {"agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd",
            "freebsd", "gfdl_1_2", "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1",
            "lgpl_3_0", "mit", "mozilla_1_0", "mozilla_1_1", "openssl", "perl_5",
            "postgresql", "qpl_1_0", "ssleay", "sun", "zlib", "open_source",
            "restricted", "unrestricted", "unknown"}
STATUSES = {"stable", "testing", "unstable"}
# what a build leaves in the tree (and .gitignore keeps out of git)
ARTEFACT = re.compile(r"(\.(o|so|bc|zip|deb)$|^indicator--\d+(\.\d+)*\.sql$|"
                      r"^(results|log|tmp_check|tmp_fuzz|build|build-\d+)/|"
                      r"^regression\.(diffs|out)$|^debian/(\.debhelper|tmp|files$|"
                      r"postgresql-\d+-indicator)|\.substvars$|debhelper-build-stamp$)")

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def version_range(text):
    """A version range of the spec: comparisons joined by commas, '>= 15.0.0, < 19.0.0'"""
    parts = [p.strip() for p in text.split(",")]
    return all(re.match(r"^(==|!=|>=|<=|>|<)\s*(\S+)$", p) and
               SEMVER.match(re.match(r"^(==|!=|>=|<=|>|<)\s*(\S+)$", p).group(2)) for p in parts)


def control_version():
    with open("indicator.control") as f:
        m = re.search(r"^default_version = '([^']*)'", f.read(), re.M)
    return m.group(1)


def semver_of(version):
    """PostgreSQL's '1.1' as SemVer: 1.1.0"""
    parts = version.split(".")
    return ".".join(parts + ["0"] * (3 - len(parts)))


with open("META.json") as f:
    meta = json.load(f)

for field in ("name", "abstract", "version", "maintainer", "license", "provides", "meta-spec"):
    check(field in meta and meta[field], f"META.json: required field {field} is missing or empty")
check(meta.get("name") == "indicator", "META.json: name is not indicator")
check(isinstance(meta.get("abstract"), str), "META.json: abstract is not a string")
maintainer = meta.get("maintainer")
check(isinstance(maintainer, str) or (isinstance(maintainer, list) and maintainer
                                      and all(isinstance(m, str) and m for m in maintainer)),
      "META.json: maintainer is neither a string nor a list of strings")
check(meta.get("license") == "postgresql", "META.json: license is not \"postgresql\"")
check(meta.get("license") in LICENSES, "META.json: license is not a license string of the spec")
spec = meta.get("meta-spec", {})
check(re.match(r"^1\.0\.\d+$", str(spec.get("version", ""))), "META.json: meta-spec.version is not 1.0.x")
check(spec.get("url") in ("https://pgxn.org/meta/spec.txt", "http://pgxn.org/meta/spec.txt"),
      "META.json: meta-spec.url is not the spec's")
if "release_status" in meta:
    check(meta["release_status"] in STATUSES, "META.json: release_status is not stable, testing or unstable")
if "tags" in meta:
    check(isinstance(meta["tags"], list) and all(isinstance(t, str) and 0 < len(t) < 256 for t in meta["tags"]),
          "META.json: tags is not a list of strings of 1 to 255 characters")

version = semver_of(control_version())
check(SEMVER.match(meta.get("version", "")), "META.json: version is not a SemVer")
check(meta.get("version") == version,
      f"META.json: version {meta.get('version')} is not default_version of indicator.control ({version})")
provided = meta.get("provides", {}).get("indicator", {})
for field in ("file", "version"):
    check(field in provided, f"META.json: provides.indicator.{field} is missing")
check(provided.get("version") == version,
      f"META.json: provides.indicator.version {provided.get('version')} is not {version}")
check(os.path.isfile(provided.get("file", "")), f"META.json: provides.indicator.file {provided.get('file')} does not exist")
if "docfile" in provided:
    check(os.path.isfile(provided["docfile"]), f"META.json: provides.indicator.docfile {provided['docfile']} does not exist")
for phase in meta.get("prereqs", {}).values():
    for relation in phase.values():
        for name, v in relation.items():
            check(v == 0 or SEMVER.match(str(v)) or version_range(str(v)),
                  f"META.json: prereq {name} {v} is neither 0, a SemVer nor a version range")

# the release archive: make dist, from git
extversion = control_version()
archive = f"indicator-{extversion}.zip"
prefix = f"indicator-{extversion}/"
subprocess.run(["make", "-s", "dist"], check=True)
with zipfile.ZipFile(archive) as z:
    names = [n for n in z.namelist() if not n.endswith("/")]
outside = [n for n in names if not n.startswith(prefix)]
check(not outside, f"{archive}: files outside {prefix}: {outside[:5]}")
inside = {n[len(prefix):] for n in names if n.startswith(prefix)}
for f in ("META.json", "indicator.control", "Makefile", provided.get("file")):
    check(f in inside, f"{archive}: {f} is missing")
artefacts = sorted(n for n in inside if ARTEFACT.search(n))
check(not artefacts, f"{archive}: build artefacts: {artefacts}")
tracked = set(subprocess.run(["git", "ls-files"], capture_output=True, text=True, check=True).stdout.split("\n")) - {""}
check(inside <= tracked, f"{archive}: files git does not track: {sorted(inside - tracked)[:5]}")

if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
print(f"meta: META.json {meta['version']} and {archive} ({len(inside)} files) pass")
