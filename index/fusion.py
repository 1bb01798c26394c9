"""Weighted reciprocal-rank fusion of ranked lists (Cormack et al. 2009, with per-list weights).

Ranks, not scores, are fused: BM25 scores and cosines live on different scales, and ranks make the
weights mean the same thing for every query. Weights and ``k`` were tuned on the dev set only
(docs/retrieval.md).
"""

from __future__ import annotations

RRF_K = 60
LEXICAL_WEIGHT = 1.0
DENSE_WEIGHT = 0.7


def rrf(ranked: list[tuple[list[int], float]], k: int = RRF_K) -> list[tuple[int, float]]:
    """``ranked`` = [(ids best first, weight), …] → [(id, fused score)] best first.

    Ties keep the order of the first list that ranked the id (stable sort).
    """
    scores: dict[int, float] = {}
    for ids, weight in ranked:
        for rank, pid in enumerate(ids):
            scores[pid] = scores.get(pid, 0.0) + weight / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: -kv[1])
