"""Run the answer-gate probes of ``eval/gate_probes.tsv`` and report counts.

    PYTHONPATH=. python eval/gate_probes.py            # the configured model (hybrid when it loads)
    PYTHONPATH=. DOCBOT_EMBEDDING_MODEL=none python eval/gate_probes.py   # keyword-only
    ... --failures                                      # list the probes that fail

Each row is a question over one tuning-set document (``eval/<set>/<doc>.txt``), asked with that
document alone as the corpus, graded as ``docbot eval`` grades: a ``retrieve`` probe passes when the
answer is found and holds one of its ``must`` strings (``|``-separated) in the answer or its first
three citations; a ``negative`` probe (the document does not say: a near-miss topic sharing the
text's words) passes when the answer is "没有找到". Rows are near misses by design — same unit,
another duty; same meeting, another frequency; a number the text does not give — so they measure
the gate, not the ranking.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "eval" / "gate_probes.tsv"


def read_probes(path: Path = TABLE) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def document_path(row: dict) -> Path:
    return ROOT / "eval" / row["set"] / f"{row['doc']}.txt"


def questions(rows: list[dict]) -> list[dict]:
    """Rows in the question-set format ``assistant.evaluation.question_sets.evaluate`` grades."""
    return [{"id": f"{r['doc']}-{i}", "kind": r["kind"], "q": r["question"],
             **({"anchors": r["must"].split("|")} if r["must"] else {})} for i, r in enumerate(rows, 1)]


def run(rows: list[dict]):
    from assistant.evaluation.question_sets import evaluate, merge
    from bot.commands.eval import open_single_document

    by_doc: dict[Path, list[dict]] = defaultdict(list)
    for r in rows:
        by_doc[document_path(r)].append(r)
    reports = []
    with ExitStack() as stack:
        for path, doc_rows in by_doc.items():
            ask, search = open_single_document(path, stack)
            reports.append(evaluate(questions(doc_rows), ask, search))
    return merge(reports)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--failures", action="store_true", help="list the failing probes")
    args = p.parse_args(argv)
    report = run(read_probes())
    for kind in ("retrieve", "negative"):
        s = report.kinds.get(kind)
        if s:
            print(f"{kind}: {s.passed}/{s.total}")
    total = sum(s.passed for s in report.kinds.values()), sum(s.total for s in report.kinds.values())
    print(f"total: {total[0]}/{total[1]}")
    if args.failures:
        for f in report.failures:
            print(f"未通过 {f['id']}（{f['kind']}）：{f['q']} → {f['why']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
