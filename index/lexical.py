"""BM25 over pre-tokenised passages.

The index is built by bm25s (Lucene BM25, k1=1.2, b=0.75), which precomputes every (token,
passage) score into a sparse CSC matrix. Querying that matrix is a sum of a few columns, so it is
done here with numpy on the saved arrays: loading does not import bm25s and, through it, scipy —
about 0.3 s of a cold `docbot ask` — and the results are the scores bm25s would return.
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path

import numpy as np

from index.tokenize import WORD_PREFIX

ARRAYS = "bm25.npz"
VOCAB = "vocab.json"


class LexicalIndex:
    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, size: int,
                 vocab: dict[str, int]):
        if len(indptr) != len(vocab) + 1 or int(indptr[-1]) != len(data) or len(data) != len(indices):
            raise ValueError("BM25 arrays do not match their vocabulary")
        if len(indices) and (int(indices.max()) >= size or int(indices.min()) < 0):
            raise ValueError("BM25 arrays point outside the passages")
        self._data, self._indices, self._indptr = data, indices, indptr
        self._vocab = vocab
        self.size = size
        self.words = frozenset(t[len(WORD_PREFIX):] for t in vocab if t.startswith(WORD_PREFIX))
        self._df = np.diff(indptr)
        self._idf_unseen = math.log(1 + (size + 0.5) / 0.5)

    @classmethod
    def build(cls, token_lists: list[list[str]]) -> LexicalIndex:

        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        retriever = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
        # An empty passage would break bm25s; give it a token no query produces.
        retriever.index([t or ["\x00"] for t in token_lists], show_progress=False, create_empty_token=False)
        s = retriever.scores
        return cls(np.asarray(s["data"], dtype=np.float32), np.asarray(s["indices"], dtype=np.int32),
                   np.asarray(s["indptr"], dtype=np.int64), int(s["num_docs"]), dict(retriever.vocab_dict))

    def save(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        with open(path / ARRAYS, "wb") as fh:
            np.savez(fh, data=self._data, indices=self._indices, indptr=self._indptr, size=np.int64(self.size))
        (path / VOCAB).write_text(json.dumps(self._vocab, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path, expected_size: int) -> LexicalIndex:
        with np.load(path / ARRAYS, allow_pickle=False) as z:
            arrays = (z["data"], z["indices"], z["indptr"], int(z["size"]))
        vocab = json.loads((path / VOCAB).read_text(encoding="utf-8"))
        if not isinstance(vocab, dict):
            raise ValueError("BM25 vocabulary is not a mapping")
        idx = cls(*arrays, vocab)
        if idx.size != expected_size:
            raise ValueError(f"BM25 index holds {idx.size} passages, expected {expected_size}")
        return idx

    def idf(self, token: str) -> float:
        i = self._vocab.get(token)
        if i is None:
            return self._idf_unseen
        df = float(self._df[i])
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage (a repeated query token counts again, as in bm25s)."""
        out = np.zeros(self.size, dtype=np.float32)
        for t in tokens:
            i = self._vocab.get(t)
            if i is not None:
                a, b = self._indptr[i], self._indptr[i + 1]
                out[self._indices[a:b]] += self._data[a:b]
        return out

    def search(self, tokens: list[str], k: int) -> list[tuple[int, float]]:
        """(passage position, BM25 score), best first; only passages that share a token."""
        if self.size == 0 or not any(t in self._vocab for t in tokens):
            return []
        scores = self.scores(tokens)
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
