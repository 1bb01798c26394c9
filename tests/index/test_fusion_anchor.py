"""Hybrid must not lose what keywords find (issue 17): rank fusion weighs the lexical first and second
places almost alike, so a dense model that prefers passages merely resembling the question could push
the passage holding all of its words off the first place. A lexically sufficient best passage (coverage
≥ the gate's MIN_COVERAGE) keeps it; without such a passage, fusion orders everything."""

from dataclasses import dataclass

import numpy as np

from index import searcher as searcher_mod
from index.searcher import open_searcher
from tests.index import fakes


@dataclass
class ResemblanceEmbedder(fakes.HashEmbedder):
    """Every passage about 党员 looks like every question to it (a dense model's topical pull)."""

    model_id: str = "fake/topical"

    def encode(self, texts):
        self.calls.append(len(texts))
        return self.encode_query(texts)

    def encode_query(self, texts):
        out = np.zeros((len(texts), 2), dtype=np.float32)
        for row, t in enumerate(texts):
            out[row] = (1.0, 0.0) if "党员" in t or "？" in t or "几" in t else (0.0, 1.0)
        return out


def _searcher(index_dir):
    return open_searcher(fakes.corpus(), index_dir, embedding_model=None, embedder=ResemblanceEmbedder())


def test_a_lexically_sufficient_best_passage_stays_first(index_dir, monkeypatch):
    s = _searcher(index_dir)
    q = "每年至少召开几次民主生活会"  # 洛阳第6项 holds all of it; the dense side prefers 党员 passages
    assert s.search(q, 1)[0].passage.locator == "第6项"
    monkeypatch.setattr(searcher_mod, "LEXICAL_ANCHOR", False)
    assert s.search(q, 1)[0].passage.locator != "第6项"  # what plain fusion did


def test_without_lexical_evidence_fusion_decides(index_dir, monkeypatch):
    s = _searcher(index_dir)
    q = "党员干部一年开几回会"  # a paraphrase: no passage holds enough of its words
    on = s.search(q, 3)
    assert max(h.coverage for h in on) < searcher_mod.MIN_COVERAGE
    monkeypatch.setattr(searcher_mod, "LEXICAL_ANCHOR", False)
    assert [h.passage.id for h in s.search(q, 3)] == [h.passage.id for h in on]
