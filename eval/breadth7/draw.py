"""Seeded split of the breadth7 documents into tuning and aside parts (see README.md).

breadth7 takes the 16 documents of the breadth corpus that no earlier set uses, so there is nothing to draw: only
the split is random. Run from the repository root: python3 eval/breadth7/draw.py
"""

import csv
import random
from pathlib import Path

SOURCES = Path("/work/shared/corpus/breadth/sources.tsv")
# Documents of breadth, breadth_aside, breadth2 … breadth6 and breadth6_aside.
USED = set(
    "003 004 007 008 011 012 014 015 016 020 022 023 024 025 026 028 030 031 034 035 037 039 040 041 042 043 044 "
    "047 050 052 053 055 057 058 059 060 061 063 064 065 066 067 068 070 072 073 074 075 076 079 084 087 088 090 "
    "094 095 "
    "001 005 006 010 013 038 046 049 054 056 071 077 082 091 "
    "021 032 033 051 069 078 083 097 002 036 093 096".split()
)
ASIDE = 4


def main() -> None:
    with SOURCES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    cls = {r["file"][:3]: r["conventions"].split(":")[0] for r in rows}
    avail = sorted(f for f in cls if f not in USED)
    print(len(USED), "used,", len(avail), "left:", " ".join(avail))
    rng = random.Random(20261208)  # noqa: S311 - a reproducible draw, not a secret
    aside = sorted(rng.sample(avail, ASIDE))
    for f in avail:
        print(f, cls[f], "aside" if f in aside else "tuning")
    print("tuning", [f for f in avail if f not in aside])
    print("aside", aside)


if __name__ == "__main__":
    main()
