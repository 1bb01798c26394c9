"""BM25 over pre-tokenised passages, through bm25s (sparse, precomputed scores, numpy backend)."""

from __future__ import annotations

import logging
import math
from pathlib import Path

import numpy as np

from index.tokenize import WORD_PREFIX

log = logging.getLogger(__name__)


class LexicalIndex:
    def __init__(self, retriever):
        self._r = retriever
        vocab: dict[str, int] = retriever.vocab_dict
        self.size = int(retriever.scores["num_docs"])
        self.words = frozenset(t[len(WORD_PREFIX):] for t in vocab if t.startswith(WORD_PREFIX))
        self._df = np.diff(np.asarray(retriever.scores["indptr"]))
        self._idf_unseen = math.log(1 + (self.size + 0.5) / 0.5)

    @classmethod
    def build(cls, token_lists: list[list[str]]) -> LexicalIndex:
        import bm25s

        retriever = bm25s.BM25(k1=1.2, b=0.75)
        # An empty passage would break bm25s; give it a token no query produces.
        retriever.index([t or ["\x00"] for t in token_lists], show_progress=False)
        return cls(retriever)

    def save(self, path: Path) -> None:
        self._r.save(str(path), show_progress=False)

    @classmethod
    def load(cls, path: Path, expected_size: int) -> LexicalIndex:
        import bm25s

        r = bm25s.BM25.load(str(path), show_progress=False, verbosity=0)
        idx = cls(r)
        if idx.size != expected_size:
            raise ValueError(f"BM25 index holds {idx.size} passages, expected {expected_size}")
        return idx

    def idf(self, token: str) -> float:
        i = self._r.vocab_dict.get(token)
        if i is None or i >= len(self._df):
            return self._idf_unseen
        df = float(self._df[i])
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def search(self, tokens: list[str], k: int) -> list[tuple[int, float]]:
        """(passage position, BM25 score), best first; only passages that share a token."""
        known = [t for t in tokens if t in self._r.vocab_dict]
        if not known:
            return []
        scores = self._r.get_scores(known)
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k] if k < self.size else np.arange(self.size)
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def coverage(self, query: list[str], passage: set[str]) -> float:
        """IDF-weighted share of the query's tokens that the passage contains (0..1).

        Unlike a raw BM25 score this is comparable across queries, so one threshold can separate
        "the documents talk about this" from "a few common characters happened to match".
        """
        total = sum(self.idf(t) for t in query)
        if total <= 0:
            return 0.0
        return sum(self.idf(t) for t in query if t in passage) / total
