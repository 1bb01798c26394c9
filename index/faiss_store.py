"""Nearest-neighbour search over passage vectors with FAISS.

Exact inner product (``IndexFlatIP`` on unit vectors = cosine) below ``HNSW_MIN`` vectors, HNSW
(M=32, efSearch=128) from there on. Measured on this 2-core machine (`make bench`, 384 dims, one
thread): flat k=10 p95 0.5 ms at 10k, 4.2 ms at 50k, 8.4 ms at 100k vectors — and it grows
linearly, past the 40 ms hybrid budget (with ~15 ms of query encoding) somewhere above 200k — while
HNSW stays under 0.4 ms. Exact search is kept while it is affordable because approximate search
loses recall (0.97 at efSearch 64 on clustered 100k vectors: ../shared/notes/retrieval-measurements.md).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

HNSW_MIN = 100_000
HNSW_M = 32
HNSW_EF_SEARCH = 128


class DenseStore:
    def __init__(self, index):
        self._index = index
        self.size = int(index.ntotal)

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseStore:
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        if len(vectors) >= HNSW_MIN:
            index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            index = faiss.IndexFlatIP(dim)
        index.add(vectors)
        return cls(index)

    @property
    def kind(self) -> str:
        return type(self._index).__name__

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if self.size == 0:
            return []
        q = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        scores, ids = self._index.search(q, min(k, self.size))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, expected_size: int) -> DenseStore:
        import faiss

        index = faiss.read_index(str(path))
        if hasattr(index, "hnsw"):
            index.hnsw.efSearch = HNSW_EF_SEARCH
        store = cls(index)
        if store.size != expected_size:
            raise ValueError(f"FAISS index holds {store.size} vectors, expected {expected_size}")
        return store
