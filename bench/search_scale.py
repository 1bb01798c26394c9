"""Scale benchmark worker: the bundled passages replicated with perturbation N times, indexed through
the production lexical build, then queried. Run in its own process so peak memory is per size:

    python -m bench.search_scale N   → one JSON line {passages, build_s, p50_ms, p95_ms, peak_mb, …}
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.stats import percentiles
from corpus.library import load_corpus
from index.build import DocPart
from index.lexical import LexicalIndex
from index.passages import document_passages
from index.searcher import Searcher
from index.tokenize import JiebaWords, char_ngrams

SUBSTITUTE = 0.08  # share of characters replaced in each replica (the first copy is the original)


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would include the parent's before exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _perturb(text: str, alphabet: np.ndarray, rng: np.random.Generator) -> str:
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    mask = rng.random(len(codes)) < SUBSTITUTE
    codes[mask] = rng.choice(alphabet, int(mask.sum()))
    return codes.tobytes().decode("utf-32-le")


def replicated(factor: int, seed: int = 0):
    """(passages, token lists): the corpus ×factor; jieba words are reused from the original passage
    (segmenting 10⁸ characters would measure jieba, not the index)."""
    corpus = load_corpus()
    base = [p for d in corpus.documents for p in document_passages(d)]
    jw = JiebaWords()
    base_words = [jw.words(p.index_text) for p in base]
    alphabet = np.array(sorted({ord(c) for p in base for c in p.text if "\u4e00" <= c <= "\u9fff"}), dtype=np.uint32)
    rng = np.random.default_rng(seed)
    passages, tokens = [], []
    for r in range(factor):
        for p, words in zip(base, base_words, strict=True):
            text = p.text if r == 0 else _perturb(p.text, alphabet, rng)
            q = replace(p, id=f"{p.id}~{r}", text=text, parent=f"{p.parent}~{r}" if p.parent else "")
            passages.append(q)
            tokens.append(char_ngrams(q.index_text) + words)
    return passages, tokens


def numpy_bm25(docs: list[np.ndarray], vocab: dict[str, int], k1: float = 1.2, b: float = 0.75) -> LexicalIndex:
    """Lucene BM25 (bm25s's formula, checked equal at 1× by the benchmark) built from token-id
    arrays with numpy: bm25s takes Python lists, which at 1000× (1.3·10⁸ tokens) need ~15 GB."""
    n = len(docs)
    lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=n)
    key = np.concatenate(docs).astype(np.int64) * n + np.repeat(np.arange(n, dtype=np.int64), lengths)
    uniq, tf = np.unique(key, return_counts=True)  # sorted by token, then passage: CSC order
    del key
    tok, doc = uniq // n, uniq % n
    df = np.bincount(tok, minlength=len(vocab))
    idf = np.log1p((n - df + 0.5) / (df + 0.5))
    tfc = tf / (k1 * ((1 - b) + b * lengths[doc] / lengths.mean()) + tf)
    indptr = np.concatenate([[0], np.cumsum(df)])
    return LexicalIndex((idf[tok] * tfc).astype(np.float32), doc.astype(np.int32), indptr, n, vocab)


def replicated_ids(factor: int, seed: int = 0):
    """The corpus ×factor at the token level: each replica replaces ``SUBSTITUTE`` of its tokens with
    random vocabulary tokens (denser posting lists than real new text: a pessimistic case)."""
    passages, tokens = replicated(1)
    vocab: dict[str, int] = {}
    base = [np.array([vocab.setdefault(t, len(vocab)) for t in ts], dtype=np.int32) for ts in tokens]
    rng = np.random.default_rng(seed)
    docs, out = list(base), list(passages)
    for r in range(1, factor):
        for p, ids in zip(passages, base, strict=True):
            ids = ids.copy()
            mask = rng.random(len(ids)) < SUBSTITUTE
            ids[mask] = rng.integers(0, len(vocab), int(mask.sum()))
            docs.append(ids)
            out.append(replace(p, id=f"{p.id}~{r}", parent=f"{p.parent}~{r}" if p.parent else ""))
    return out, docs, vocab


def measure(factor: int, queries: list[str], rounds: int = 5, builder: str = "bm25s") -> dict:
    t0 = time.perf_counter()
    if builder == "bm25s":
        passages, tokens = replicated(factor)
        t0 = time.perf_counter()
        lexical = LexicalIndex.build(tokens)
        del tokens
    else:
        passages, docs, vocab = replicated_ids(factor)
        t0 = time.perf_counter()
        lexical = numpy_bm25(docs, vocab)
        del docs
    build_s = time.perf_counter() - t0
    searcher = Searcher([DocPart(None, passages, "")], None, lexical, {}, embedding_model=None)
    for q in queries:  # warm-up: fills the per-passage coverage cache as a running bot would
        searcher.search(q, 10)
    samples = []
    for _ in range(rounds):
        for q in queries:
            t = time.perf_counter()
            searcher.search(q, 10)
            samples.append((time.perf_counter() - t) * 1000)
    p50, p95 = percentiles(samples)
    peak_mb = peak_rss_mb()
    return {"factor": factor, "builder": builder, "passages": len(passages), "build_s": round(build_s, 2),
            "p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "peak_mb": round(peak_mb)}


if __name__ == "__main__":
    qs = json.loads(sys.argv[2]) if len(sys.argv) > 2 else ["民主生活会一年开几次"]
    builder = sys.argv[3] if len(sys.argv) > 3 else "bm25s"
    print(json.dumps(measure(int(sys.argv[1]), qs, builder=builder)))


def faiss_sizes(sizes=(10_000, 50_000, 100_000), dim: int = 384, k: int = 10, queries: int = 200) -> list[dict]:
    """Flat vs HNSW latency on clustered unit vectors: where the HNSW_MIN threshold comes from.
    (Recall is not measured here: synthetic clusters are near-ties; see the shared notes, 0.97.)"""
    import faiss

    from bench.stats import time_calls
    from index.faiss_store import HNSW_EF_SEARCH, HNSW_M

    faiss.omp_set_num_threads(1)
    rng = np.random.default_rng(1)
    rows = []
    for n in sizes:
        centres = rng.normal(size=(max(10, n // 200), dim)).astype(np.float32)
        x = centres[rng.integers(0, len(centres), n)] + 0.3 * rng.normal(size=(n, dim)).astype(np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        q = x[rng.integers(0, n, queries)] + 0.1 * rng.normal(size=(queries, dim)).astype(np.float32)
        flat = faiss.IndexFlatIP(dim)
        flat.add(x)
        t0 = time.perf_counter()
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.add(x)
        build = time.perf_counter() - t0
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
        flat_ms, hnsw_ms = (percentiles([t for row in q for t in time_calls(lambda r=row, ix=ix: ix.search(r[None], k), 1)])
                            for ix in (flat, hnsw))
        rows.append({"n": n, "flat_p95": flat_ms[1], "hnsw_p95": hnsw_ms[1], "hnsw_build_s": build})
    return rows
