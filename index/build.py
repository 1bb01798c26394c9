"""Building the two indexes from per-document caches: only changed documents are re-tokenised or
re-embedded; the global parts (BM25 statistics, the FAISS index) are re-assembled from the caches.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.model import Document
from index import persist
from index.embedder import Coverage, Embedder, coverage
from index.faiss_store import HNSW_MIN, DenseStore
from index.lexical import LexicalIndex
from index.passages import Passage, sentences
from index.tokenize import JiebaWords, char_ngrams, domain_terms

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocPart:
    """One document's passages and their content hash."""

    document: Document
    passages: list[Passage]
    hash: str

    @property
    def source(self) -> str:
        return self.document.source


def _progress(iterable, enabled: bool, desc: str, total: int):
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, desc=desc, total=total, unit="批" if desc == "向量" else "份")


def try_save(save, *args) -> None:
    """Caches are an optimisation: a read-only or full disk must not stop search."""
    try:
        save(*args)
    except (OSError, RuntimeError) as exc:
        log.warning("无法写入索引缓存（本次在内存中使用）：%s", exc)


def corpus_terms(docs: Sequence[Document]) -> set[str]:
    units = [u for d in docs for it in d.items for u in it.units.all]
    texts = [it.text for d in docs for it in d.items] + [p.text for d in docs for p in d.paragraphs]
    return domain_terms(units, texts)


def build_lexical(parts: Sequence[DocPart], root: Path, *, progress: bool = False) -> LexicalIndex:
    """Tokens from cached jieba words where the document is unchanged; BM25 rebuilt over all."""
    jieba_words: JiebaWords | None = None
    tokens: list[list[str]] = []
    for part in _progress(parts, progress, "分词", len(parts)):
        words = persist.load_words(root, part.source, part.hash, len(part.passages))
        if words is None:
            if jieba_words is None:  # the domain dictionary covers the whole corpus
                jieba_words = JiebaWords(corpus_terms([p.document for p in parts]), root / "jieba")
            log.info("分词：%s（%d 段）", part.source, len(part.passages))
            words = [jieba_words.words(p.index_text) for p in part.passages]
            try_save(persist.save_words, root, part.source, part.hash, words)
        tokens.extend(char_ngrams(p.index_text) + w for p, w in zip(part.passages, words, strict=True))
    return LexicalIndex.build(tokens)


def save_lexical(lexical: LexicalIndex, root: Path) -> None:
    """Write the BM25 directory next to the old one, then swap, so a crash never leaves half."""
    tmp, final, old = root / "bm25.tmp", root / "bm25", root / "bm25.old"
    shutil.rmtree(tmp, ignore_errors=True)
    lexical.save(tmp)
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)


ENCODE_CHUNK = 64  # passages per progress step (the embedder encodes them side by side, each alone)


def passage_vectors(
    embedder: Embedder, parts: Sequence[DocPart], root: Path, *, progress: bool = False, shared: Path | None = None
) -> np.ndarray:
    """All passage vectors in passage order. A passage whose text (and model) is unchanged reuses its
    cached vector — the data dir's, else the per-machine one under ``shared`` (the models dir), which
    every data dir adds what it encoded to — so editing one item re-encodes that item only, and a second
    data dir over the same documents encodes nothing. The rest are encoded together."""
    texts = [p.index_text for part in parts for p in part.passages]
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    keys = [persist.text_key(t) for t in texts]
    cached = persist.load_vectors(root, embedder.model_id)
    dims = {v.shape[0] for v in cached.values()}
    if len(dims) > 1:
        cached, dims = {}, set()
    todo = [i for i, k in enumerate(keys) if k not in cached]
    if todo and shared is not None:
        machine = persist.load_shared(shared, embedder.model_id)
        cached.update((keys[i], machine[keys[i]]) for i in todo
                      if keys[i] in machine and (not dims or machine[keys[i]].shape[0] in dims))
        todo = [i for i in todo if keys[i] not in cached]
    fresh: dict[str, np.ndarray] = {}
    if todo:
        log.info("编码：%d 段（其余 %d 段沿用缓存）", len(todo), len(texts) - len(todo))
        chunks = [todo[i:i + ENCODE_CHUNK] for i in range(0, len(todo), ENCODE_CHUNK)]
        for chunk in _progress(chunks, progress and len(chunks) > 1, "向量", len(chunks)):
            vecs = embedder.encode([texts[i] for i in chunk])
            fresh.update((keys[i], v) for i, v in zip(chunk, vecs, strict=True))
    # through float16 either way, so a fresh build and a reload from the cache rank identically
    out = np.stack([fresh[k] if k in fresh else cached[k] for k in keys]).astype(np.float16).astype(np.float32)
    if todo or len(cached) != len(set(keys)):
        try_save(persist.save_vectors, root, embedder.model_id, keys, out)
    if fresh and shared is not None:
        try_save(persist.merge_shared, shared, embedder.model_id, fresh)
    return out


_coverage_seen: dict[tuple[int, str], tuple[Embedder, Coverage]] = {}  # (embedder, passages' key) → verdict


def check_coverage(embedder: Embedder, passages: Sequence[Passage], shared: Path | None = None) -> Coverage:
    """The model's coverage of the passages (tokenising them all: ~0.3 s for the bundled corpus), once per
    process: `docbot index` asks in the thread that encodes the passages and again when it records it; and
    with ``shared`` (the models dir) once per machine and passage set, since tokenising is deterministic."""
    texts = [p.index_text for p in passages]
    key = (id(embedder), persist.text_key(embedder.model_id + "\0" + "\0".join(texts)))
    if key not in _coverage_seen:
        if len(_coverage_seen) > 8:
            _coverage_seen.clear()
        known = persist.load_shared_coverage(shared, embedder.model_id).get(key[1]) if shared is not None else None
        cov = Coverage(*known) if known else coverage(embedder, texts)
        if shared is not None and not known:
            try_save(persist.save_shared_coverage, shared, embedder.model_id, key[1],
                     [cov.unk_share, cov.truncated_share])
        _coverage_seen[key] = (embedder, cov)  # the embedder held: its id is not reused
    return _coverage_seen[key][1]


def dense_store(vectors: np.ndarray, root: Path, model_id: str, corpus_hash: str, manifest: dict) -> DenseStore:
    """FAISS over the vectors; HNSW-sized indexes are persisted (their build takes seconds)."""
    path = persist.vectors_dir(root, model_id) / "faiss.index"
    entry = manifest.setdefault("dense", {}).setdefault(model_id, {})
    if len(vectors) >= HNSW_MIN:
        if entry.get("faiss_corpus_hash") == corpus_hash and path.exists():
            try:
                return DenseStore.load(path, len(vectors))
            except (RuntimeError, ValueError) as exc:
                log.warning("FAISS 索引损坏，将重建：%s (%s)", path, exc)
        store = DenseStore.build(vectors)
        try_save(store.save, path)
        entry["faiss_corpus_hash"] = corpus_hash
        return store
    return DenseStore.build(vectors)


class SentenceVectors:
    """Each passage's sentences' vectors (the dense gate and the quote read the closest sentence), backed
    by a cache keyed by sentence text (``persist.SENTENCES``) in the data dir and, for the sentences of
    this corpus, the per-machine one: the gate's calibration encodes the sentences of 46 questions' top
    hits, which a rebuild over unchanged passages, or another data dir over the same documents, reads back."""

    def __init__(self) -> None:
        self.by_passage: dict[str, np.ndarray] = {}
        self.by_text: dict[str, np.ndarray] = {}
        self.fresh: set[str] = set()  # keys encoded by this process (what the per-machine cache lacks)

    def load(self, root: Path, model_id: str, shared: Path | None = None, passages: Sequence[Passage] = ()) -> None:
        self.by_text.update(persist.load_vectors(root, model_id, persist.SENTENCES))
        if shared is not None and passages:
            wanted = {persist.text_key(t) for p in passages for t in sentences(p.text) or [p.text]} - set(self.by_text)
            if wanted:
                machine = persist.load_shared(shared, model_id, persist.SENTENCES)
                self.by_text.update((k, machine[k]) for k in wanted if k in machine)

    def ensure(self, embedder: Embedder, passages: Sequence[Passage]) -> int:
        """Vectors for ``passages`` not seen yet, the sentences no cache holds encoded in one call
        (the gate and the quote call it per passage); returns how many were encoded."""
        todo = {p.id: sentences(p.text) or [p.text] for p in passages if p.id not in self.by_passage}
        keys = {t: persist.text_key(t) for sents in todo.values() for t in sents}
        missing = [t for t, k in keys.items() if k not in self.by_text]
        if missing:
            self.by_text.update((keys[t], v) for t, v in zip(missing, embedder.encode(missing), strict=True))
            self.fresh.update(keys[t] for t in missing)
        for pid, sents in todo.items():
            self.by_passage[pid] = np.stack([self.by_text[keys[t]] for t in sents]).astype(np.float32)
        return len(missing)

    def save(self, root: Path, model_id: str, shared: Path | None = None) -> None:
        keys = list(self.by_text)
        if keys:
            # float32, as encoded: the gate calibrated from the cache is the gate calibrated afresh
            persist.save_vectors(root, model_id, keys, np.stack([self.by_text[k] for k in keys]), persist.SENTENCES,
                                 dtype="float32")
        if shared is not None and self.fresh:
            fresh = {k: self.by_text[k] for k in self.fresh if k in self.by_text}
            persist.merge_shared(shared, model_id, fresh, persist.SENTENCES, dtype="float32")
            self.fresh.clear()
