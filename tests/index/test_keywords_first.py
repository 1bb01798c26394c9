"""Keywords first (issue 17): while the dense side is prepared in the background (loading the model,
encoding the corpus, calibrating the gate — minutes on an empty data dir), a searcher that may answer
meanwhile (the bot, the interactive terminal chat) answers by keyword search at once; hybrid after."""

import threading
from dataclasses import dataclass, field

from index import searcher as searcher_mod
from index import warmup as warmup_mod
from index.searcher import open_searcher
from tests.index import fakes


@dataclass
class HeldEmbedder(fakes.HashEmbedder):
    """Encodes passages only once ``gate`` is set: the corpus encoding of an empty data dir, held."""

    gate: threading.Event = field(default_factory=threading.Event)

    def encode(self, texts):
        assert self.gate.wait(30), "never released"
        return super().encode(texts)


def _background(small_corpus, index_dir, monkeypatch, emb, *, answer_while_loading):
    monkeypatch.setattr(warmup_mod, "ensure_loadable", lambda name: None)
    monkeypatch.setattr(warmup_mod, "load_embedder", lambda name, model_id=None: emb)
    s = open_searcher(small_corpus, index_dir, embedding_model="local/zh-model", background=True)
    s.answer_while_loading = answer_while_loading
    return s


def test_keywords_answer_at_once_while_the_dense_side_is_prepared(small_corpus, index_dir, monkeypatch):
    emb = HeldEmbedder()
    s = _background(small_corpus, index_dir, monkeypatch, emb, answer_while_loading=True)
    hits = s.search("民主生活会", 1)
    assert hits[0].passage.locator and hits[0].cosine is None  # keywords, without waiting
    assert s.dense_preparing and not s.dense_ready
    emb.gate.set()
    assert s.wait_dense(30) and not s.dense_preparing
    assert s.search("民主生活会", 1)[0].cosine is not None  # hybrid once ready


def test_keywords_until_the_gate_is_calibrated(small_corpus, index_dir, monkeypatch):
    """The vectors are in place but the loader is still calibrating the gate: other threads keep to
    keywords (a hit with a cosine and no gate would be judged by half a rule)."""
    emb, calibrating, release = HeldEmbedder(), threading.Event(), threading.Event()
    emb.gate.set()
    real = searcher_mod.calibrate_cosine

    def held(top_cosine):
        calibrating.set()
        assert release.wait(30)
        return real(top_cosine)

    monkeypatch.setattr(searcher_mod, "calibrate_cosine", held)
    s = _background(small_corpus, index_dir, monkeypatch, emb, answer_while_loading=True)
    assert calibrating.wait(30)
    assert s.dense_ready and s.min_cosine is None
    assert s.search("民主生活会", 1)[0].cosine is None
    release.set()
    assert s.wait_dense(30) and s.min_cosine is not None
    assert s.search("民主生活会", 1)[0].cosine is not None


def test_without_it_a_search_waits_for_the_dense_side(small_corpus, index_dir, monkeypatch):
    """`docbot ask` and piped `docbot chat` answer like a ready bot: the first free question waits."""
    emb = HeldEmbedder()
    s = _background(small_corpus, index_dir, monkeypatch, emb, answer_while_loading=False)
    done = []
    searching = threading.Thread(target=lambda: done.append(s.search("民主生活会", 1)))
    searching.start()
    searching.join(0.3)  # a negative check: still waiting while the corpus encoding is held
    assert searching.is_alive() and not done
    emb.gate.set()
    searching.join(30)
    assert done[0][0].cosine is not None
