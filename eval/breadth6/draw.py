"""Seeded draw of the breadth6 documents and their tuning/aside split (see README.md).

Run from the repository root: python3 eval/breadth6/draw.py
"""

import csv
import random
from pathlib import Path

SOURCES = Path("/work/shared/corpus/breadth/sources.tsv")
# Documents of breadth, breadth_aside, breadth2, breadth3, breadth4, breadth4_aside, breadth5 and breadth5_aside.
USED = set(
    "003 004 007 008 011 012 014 015 016 020 022 023 024 025 026 028 030 031 034 035 037 039 040 041 042 043 044 "
    "047 050 052 053 055 057 058 059 060 061 063 064 065 066 067 068 070 072 073 074 075 076 079 084 087 088 090 "
    "094 095 "
    "001 005 006 010 013 038 046 049 054 056 071 077 082 091".split()
)
SKIP: set[str] = set()  # documents found to assign nobody any work
EXTRA_CLASSES = 4  # one more document from each of the classes least represented in the sets so far


def main() -> None:
    with SOURCES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    cls = {r["file"][:3]: r["conventions"].split(":")[0] for r in rows}
    avail = sorted(f for f in cls if f not in USED)
    print(len(USED), "used,", len(avail), "left")
    rng = random.Random(20261207)  # noqa: S311 - a reproducible draw, not a secret
    picked = []
    for name in sorted({cls[f] for f in avail}):
        files = sorted(f for f in avail if cls[f] == name)
        rng.shuffle(files)
        picked.append(next(f for f in files if f not in SKIP))
        print(name, files)
    # share of each class's documents already used by a set; the least represented classes get one more
    share = {
        name: (sum(1 for f in USED if cls[f] == name) / sum(1 for f in cls if cls[f] == name), name)
        for name in {cls[f] for f in avail}
        if any(f not in picked and f not in SKIP for f in avail if cls[f] == name)
    }
    least = sorted(share, key=lambda n: share[n])[:EXTRA_CLASSES]
    print("least represented", [(n, round(share[n][0], 3)) for n in least])
    for name in least:
        files = sorted(f for f in avail if cls[f] == name and f not in picked and f not in SKIP)
        rng.shuffle(files)
        picked.append(files[0])
    aside = sorted(rng.sample(sorted(picked), 4))
    print("picked", picked)
    print("tuning", sorted(f for f in picked if f not in aside))
    print("aside", aside)


if __name__ == "__main__":
    main()
