"""Run eval/hostile_probes2.tsv: each probe's document alone (a breadth document by its id, or one of
eval/hostile2_docs/*.txt by its name), a keyword index, the whole router; prints every answer to read.
usage: python eval/hostile_probes2.py [TSV] [FILTER]"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from assistant.documents.knowledge import Knowledge
from assistant.questions.router import Turn, route
from corpus.library import Corpus
from corpus.parse import parse_document
from index.searcher import open_searcher

HERE = Path(__file__).parent


def _path(doc: str) -> Path:
    own = HERE / "hostile2_docs" / f"{doc}.txt"
    if own.exists():
        return own
    return next(p for p in sorted(HERE.glob(f"breadth*/{doc}.txt")) if "aside" not in p.parent.name)


def main() -> None:
    tsv = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "hostile_probes2.tsv"
    only = sys.argv[2] if len(sys.argv) > 2 else ""
    rows = [ln.split("\t") for ln in tsv.read_text(encoding="utf-8").splitlines()[1:] if ln.strip()]
    cache: dict[str, tuple] = {}
    for n, (doc, question, *rest) in enumerate(rows, 1):
        if only and only not in doc and only not in question:
            continue
        if doc not in cache:
            path = _path(doc)
            corpus = Corpus(documents=(parse_document(path.read_text(encoding="utf-8"), path.name),))
            searcher = open_searcher(corpus, Path(tempfile.mkdtemp()), embedding_model=None)
            cache[doc] = (corpus, searcher)
        corpus, searcher = cache[doc]
        reply, _ = route(Turn(question, Knowledge(corpus=corpus, searcher_factory=lambda s=searcher: s)))
        print(f"### {n} [{doc}] {question}  ({'/'.join(rest)})\n{reply.text}\n")


if __name__ == "__main__":
    main()
