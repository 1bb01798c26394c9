"""Seeded draw of the breadth4 documents and their tuning/aside split (see README.md).

Run from the repository root: python3 eval/breadth4/draw.py
"""

import csv
import random
from pathlib import Path

SOURCES = Path("/work/shared/corpus/breadth/sources.tsv")
# Documents of breadth, breadth_aside, breadth2 and breadth3.
USED = set(
    "003 007 008 011 012 015 020 023 024 026 028 030 031 035 037 039 040 041 042 044 047 050 052 057 058 060 061 "
    "063 064 065 067 068 070 072 073 074 075 079 084 088 090 095".split()
)
SKIP: set[str] = set()  # documents found to assign nobody any work (none was)


def main() -> None:
    with SOURCES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    cls = {r["file"][:3]: r["conventions"].split(":")[0] for r in rows}
    avail = sorted(f for f in cls if f not in USED)
    rng = random.Random(20261208)  # noqa: S311 - a reproducible draw, not a secret
    picked = []
    for name in sorted({cls[f] for f in avail}):
        files = sorted(f for f in avail if cls[f] == name)
        rng.shuffle(files)
        picked.append(next(f for f in files if f not in SKIP))
        print(name, files)
    rest = sorted(f for f in avail if f not in picked)
    rng.shuffle(rest)
    extra = [f for f in rest if f not in SKIP][:3]
    print("class picks", picked, "extra", extra)
    picked += extra
    aside = sorted(rng.sample(sorted(picked), 4))
    print("tuning", sorted(f for f in picked if f not in aside))
    print("aside", aside)


if __name__ == "__main__":
    main()
