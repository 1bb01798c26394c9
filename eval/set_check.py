"""Mechanical check of a question set drawn from the breadth corpus and its aside half (eval/breadthN/README.md).

Every `expect`, `lead` and `anchors` string must occur in its document after removing whitespace and applying NFKC;
ids are <prefix>NNN-KK; kinds are lead/unit/retrieve/negative; every document is a byte-identical copy of the breadth
corpus. Each set's own check.py calls `main` with its folders and id prefix.
"""

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

BREADTH = Path("/work/shared/corpus/breadth")
KINDS = {"lead", "unit", "retrieve", "negative"}


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def main(folders: list[Path], prefix: str) -> int:
    bad = 0
    for folder in folders:
        kinds: Counter[str] = Counter()
        for doc in sorted(folder.glob("b*.txt")):
            num = doc.stem[1:]
            if doc.read_bytes() != (BREADTH / f"{num}.txt").read_bytes():
                print("NOT IDENTICAL", doc)
                bad += 1
            text = norm(doc.read_text(encoding="utf-8"))
            lines = (folder / f"b{num}.questions.jsonl").read_text(encoding="utf-8").splitlines()
            for k, line in enumerate(lines, 1):
                q = json.loads(line)
                kinds[q["kind"]] += 1
                if q["id"] != f"{prefix}{num}-{k:02d}" or q["kind"] not in KINDS:
                    print("BAD ID/KIND", q["id"], q["kind"])
                    bad += 1
                for field in ("expect", "lead", "anchors"):
                    for s in q.get(field, []):
                        if norm(s) not in text:
                            print("NOT IN TEXT", q["id"], field, s)
                            bad += 1
                for s in q.get("lead", []):
                    if s not in q.get("expect", []):
                        print("LEAD NOT IN EXPECT", q["id"], s)
                        bad += 1
        print(folder, dict(kinds), sum(kinds.values()))
    print("ok" if not bad else f"{bad} problems")
    return 1 if bad else 0
