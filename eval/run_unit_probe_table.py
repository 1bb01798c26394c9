"""Unit-question probes (eval/unit_probe_table.tsv): each question asked of its breadth document alone,
keyword search only, through the whole router. A row passes when the answer holds every ``must`` phrase
(|-separated) and none of the ``must_not`` ones. Prints the failing rows and the pass count.

    PYTHONPATH=$PWD python eval/run_unit_probe_table.py [eval/unit_probe_table.tsv] [-v]
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

from assistant.documents.knowledge import Knowledge
from assistant.questions.router import Turn, route
from corpus.library import Corpus
from corpus.parse import parse_document
from index.searcher import open_searcher

HERE = Path(__file__).parent
BREADTH = Path("/work/shared/corpus/breadth")
HONESTY = ("没有",)  # phrases of a refusal: not in the document's text


def document_path(doc: str) -> Path:
    found = sorted(HERE.glob(f"breadth*/b{doc}.txt"))
    return found[0] if found else BREADTH / f"{doc}.txt"


def main(argv: list[str]) -> int:
    table = Path(next((a for a in argv if not a.startswith("-")), HERE / "unit_probe_table.tsv"))
    verbose = "-v" in argv
    rows = list(csv.DictReader(table.open(encoding="utf-8"), delimiter="\t"))
    knowledge: dict[str, Knowledge] = {}
    passed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows:
            doc = row["doc"]
            text = document_path(doc).read_text(encoding="utf-8")
            for phrase in filter(None, row["must"].split("|")):
                if phrase not in HONESTY and phrase not in text:
                    print(f"表格错误 {doc} {row['question']}：原文没有「{phrase}」")
            if doc not in knowledge:
                corpus = Corpus(documents=(parse_document(text, f"{doc}.txt"),))
                searcher = open_searcher(corpus, Path(tmp) / doc, embedding_model=None)
                knowledge[doc] = Knowledge(corpus=corpus, searcher_factory=lambda s=searcher: s)
            reply, _ = route(Turn(row["question"], knowledge[doc]))
            missing = [p for p in filter(None, row["must"].split("|")) if p not in reply.text]
            wrong = [p for p in filter(None, (row.get("must_not") or "").split("|")) if p in reply.text]
            ok = not missing and not wrong
            passed += ok
            if not ok or verbose:
                why = "；".join([*(f"缺少「{p}」" for p in missing), *(f"不该有「{p}」" for p in wrong)]) or "通过"
                print(f"{'通过' if ok else '未通过'} {doc} {row['question']}（{row['form']}）：{why}")
                if verbose and not ok:
                    print("    " + reply.text[:300].replace("\n", "\n    "))
    print(f"合计 {passed}/{len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
