#!/usr/bin/env python3
"""Writes data/top-distributions.txt (one PEP 503 name a line, read by src/node/indexCheck.ts): the most downloaded distribution names on the public
package index, so that offline scans still know the common names exist. Input: a TSV with columns
name, version, month, rank_among_15000_most_downloaded (the package list of this workplace's machines).
Names that are far more often a project's own missing module than that distribution are left out."""
import sys

TOP = int(sys.argv[2]) if len(sys.argv) > 2 else 15000
GENERIC = set("""utils util config configs common dataset datasets lib tools src main app api core model models data
helpers helper settings constants test tests train base db database server client logger logging_utils misc
modules module plugins plugin scripts script setup service services web views view task tasks worker workers
interface interfaces engine handlers handler parser parsers loader loaders network networks schema schemas
""".split())
rows = []
with open(sys.argv[1], encoding="utf-8") as f:
    next(f)
    for line in f:
        cols = line.rstrip("\n").split("\t")
        if len(cols) > 3 and cols[3].isdigit():
            rows.append((int(cols[3]), cols[0]))
rows.sort()
names = [n for _, n in rows if n.lower() not in GENERIC][:TOP]
body = sorted(set(n.lower().replace("_", "-").replace(".", "-") for n in names))
with open("data/top-distributions.txt", "w") as out:
    out.write("\n".join(body) + "\n")
