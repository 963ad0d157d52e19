#!/usr/bin/env python3
"""Checks SECURITY.md's guarantee table against a `cargo test` log.

Every test named (in backticks) in the "tests" column of the table under
"## What pqmigrate guarantees" must appear in the log as `test NAME ... ok`: it exists,
it ran, it passed. Usage: security_tests.py SECURITY.md TEST_LOG
"""
import re
import sys


def named_tests(markdown):
    section = markdown.split("## What pqmigrate guarantees", 1)[1].split("\n## ", 1)[0]
    names = []
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith("| guarantee"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2:
            continue
        names += re.findall(r"`([A-Za-z0-9_:]+)`", cells[-1])
    return names


def main():
    doc, log = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
    passed = set(re.findall(r"^test (\S+) \.\.\. ok$", log, re.M))
    names = named_tests(doc)
    if not names:
        sys.exit("SECURITY.md: no tests named in the guarantee table")
    missing = [n for n in names if n not in passed]
    for n in missing:
        print(f"SECURITY.md names `{n}`, which did not run and pass", file=sys.stderr)
    if missing:
        sys.exit(1)
    print(f"ok: all {len(set(names))} tests named in SECURITY.md ran and passed")


if __name__ == "__main__":
    main()
