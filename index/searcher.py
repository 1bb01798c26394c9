"""The search engine the assistant talks to: ``open_searcher`` builds or loads the persisted index,
``Searcher.search`` ranks passages.

Lexical search is ready as soon as ``open_searcher`` returns (bm25s index loaded from disk, no
jieba, no torch). The dense side is optional: it needs a configured sentence-transformers model
that loads *and* covers the corpus's Chinese; it is loaded synchronously (``load_dense``, used by
``docbot index`` and tests) or in a background thread (``start_dense_loading``, used by the bot),
and until it is ready every query is answered lexically.
"""

from __future__ import annotations

import logging
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from index import persist
from index.answer_type import ANSWER_TYPE_BOOST, answer_pattern
from index.build import DocPart, build_lexical, check_coverage, dense_store, passage_vectors
from index.embedder import Embedder, ensure_loadable, load_embedder, model_id_of
from index.fusion import DENSE_WEIGHT, LEXICAL_WEIGHT, rrf
from index.lexical import LexicalIndex
from index.passages import Passage, document_passages, passages_hash
from index.tokenize import char_ngrams, query_tokens, strip_question_words

log = logging.getLogger(__name__)

LEXICAL_LIBS = ("bm25s", "jieba", "numpy")
DENSE_LIBS = ("sentence-transformers", "transformers", "torch", "faiss-cpu")


@dataclass(frozen=True)
class Hit:
    passage: Passage  # the whole item / paragraph / row (what a citation shows)
    score: float  # BM25 score (lexical) or fused RRF score (hybrid)
    focus: str = ""  # the sub-clause that matched best, when the match came from one
    coverage: float = 0.0  # how much of the query the passage contains, 0..1 (see _coverage)
    cosine: float | None = None  # dense similarity, when the dense side is ready


class Searcher:
    def __init__(self, parts: list[DocPart], root: Path, lexical: LexicalIndex, manifest: dict,
                 *, embedding_model: str | None):
        self.root = root
        self.passages: list[Passage] = [p for part in parts for p in part.passages]
        self.embedding_model = embedding_model
        self._parts = parts
        self._manifest = manifest
        pos = {p.id: i for i, p in enumerate(self.passages)}
        self._parent = [pos.get(p.parent, i) for i, p in enumerate(self.passages)]
        self._lexical = lexical
        self._dense: tuple[Embedder, object] | None = None
        self._status = "未配置" if not embedding_model else "未加载"
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._chars: dict[int, set[str]] = {}

    # ---- searching -------------------------------------------------------------------------
    def search(self, query: str, k: int = 10) -> list[Hit]:
        """Best passages first, one hit per item/paragraph/row (sub-clauses fold into their item)."""
        tokens = query_tokens(query, self._lexical.words)
        depth = max(50, 4 * k)
        lexical = self._lexical.search(tokens, depth)
        dense = self._dense
        cosines: dict[int, float] = {}
        if dense is not None:
            embedder, store = dense
            qvec = embedder.encode([query])[0]
            found = store.search(qvec, depth)
            cosines = dict(found)
            ranked = rrf([([i for i, _ in lexical], LEXICAL_WEIGHT), ([i for i, _ in found], DENSE_WEIGHT)])
        else:
            ranked = lexical
        ranked = self._prefer_answer_type(query, ranked)
        q_chars = char_ngrams(strip_question_words(query))
        hits: list[Hit] = []
        seen: set[int] = set()
        for i, score in ranked:
            top = self._parent[i]
            if top in seen:
                continue
            seen.add(top)
            focus = self.passages[i].text if top != i else ""
            cos = max(cosines.get(i, -1.0), cosines.get(top, -1.0)) if dense is not None else None
            hits.append(Hit(self.passages[top], score, focus, self._coverage(q_chars, top), cos))
            if len(hits) >= k:
                break
        return hits

    def _prefer_answer_type(self, query: str, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Raise passages that hold the kind of phrase the question asks for (a frequency for 几次, a
        period for 多久…); word matching alone cannot tell "召开民主生活会" from "每年召开1次民主生活会"."""
        pattern = answer_pattern(query)
        if pattern is None:
            return ranked
        boosted = [(i, s * ANSWER_TYPE_BOOST if pattern.search(self.passages[i].text) else s) for i, s in ranked]
        return sorted(boosted, key=lambda x: -x[1])

    def term_weight(self, token: str) -> float:
        """IDF of a token in this corpus (unseen tokens weigh most)."""
        return self._lexical.idf(token)

    @property
    def documents(self) -> list[str]:
        """Short names of the indexed documents, in corpus order."""
        return list(dict.fromkeys(p.document for p in self.passages))

    def _coverage(self, q_chars: list[str], pos: int) -> float:
        """Mean of the IDF-weighted unigram and bigram coverage of the query by a passage.

        Unigrams alone let "你好" match any passage with 好; bigrams alone are too strict for
        paraphrases. The mean separates the dev set's answerable questions (≥ 0.50) from its
        negatives (≤ 0.18); see docs/retrieval.md.
        """
        chars = self._chars.get(pos)
        if chars is None:
            chars = self._chars[pos] = set(char_ngrams(self.passages[pos].index_text))
        uni = [t for t in q_chars if len(t) == 1]
        bi = [t for t in q_chars if len(t) > 1]
        if not bi:
            return self._lexical.coverage(uni, chars)
        return (self._lexical.coverage(uni, chars) + self._lexical.coverage(bi, chars)) / 2

    # ---- dense side ------------------------------------------------------------------------
    @property
    def dense_ready(self) -> bool:
        return self._dense is not None

    @property
    def dense_status(self) -> str:
        """Human-readable state of the dense side (shown by `docbot index`)."""
        return self._status

    def start_dense_loading(self) -> threading.Thread | None:
        """Load the dense model in a daemon thread; answers stay lexical until it is ready."""
        with self._lock:
            if not self.embedding_model or self._thread is not None or self._dense is not None:
                return None
            self._thread = threading.Thread(target=self._load_quietly, name="dense-loader", daemon=True)
            self._status = "加载中"
            self._thread.start()
            return self._thread

    def wait_dense(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.dense_ready

    def _load_quietly(self) -> None:
        try:
            self.load_dense()
        except Exception as exc:  # any failure to load must leave lexical answers working
            self._status = f"不可用：{exc}"
            log.warning("向量模型 %s 无法加载，仅使用关键词检索与结构化问答：%s", self.embedding_model, exc)

    def load_dense(self, embedder: Embedder | None = None, *, progress: bool = False,
                   require_coverage: bool = True) -> bool:
        """Set up dense search now. False when the model does not cover the corpus (logged once).

        ``require_coverage=False`` is for benchmarks only (latency of an unsuitable model).
        """
        if embedder is None and not self.embedding_model:
            return False
        model_id = embedder.model_id if embedder is not None else model_id_of(self.embedding_model or "")
        chash = self._manifest.get("corpus_hash", "")
        known = self._manifest.get("dense", {}).get(model_id, {})
        if require_coverage and known.get("usable") is False and known.get("corpus_hash") == chash:
            self._status = f"不适用：{known.get('coverage', '')}"
            log.info("向量模型 %s 不覆盖本语料（%s），不参与检索", model_id, known.get("coverage"))
            return False
        if embedder is None:
            ensure_loadable(self.embedding_model or "")
            embedder = load_embedder(self.embedding_model or "")
        cov = check_coverage(embedder, self.passages)
        entry = {"usable": cov.usable, "coverage": cov.describe(), "corpus_hash": chash,
                 "versions": persist.library_versions(*DENSE_LIBS)}
        if require_coverage and not cov.usable:
            self._record(model_id, entry)
            self._status = f"不适用：{cov.describe()}"
            log.warning("向量模型 %s 不覆盖本语料的中文（%s）：不参与检索，仅用关键词检索", model_id, cov.describe())
            return False
        vectors = passage_vectors(embedder, self._parts, self.root, progress=progress)
        with self._lock:
            self._manifest.setdefault("dense", {})[model_id] = entry
            store = dense_store(vectors, self.root, model_id, chash, self._manifest)
        self._record(model_id, self._manifest["dense"][model_id])
        self._dense = (embedder, store)
        self._status = f"已就绪：{model_id}（{cov.describe()}，{store.kind}）"
        return True

    def _record(self, model_id: str, entry: dict) -> None:
        with self._lock:
            self._manifest.setdefault("dense", {})[model_id] = entry
            try:
                persist.write_manifest(self.root, self._manifest)
            except OSError as exc:
                log.warning("无法写入索引清单 %s：%s", self.root, exc)


def _save_lexical(lexical: LexicalIndex, root: Path) -> None:
    """Write the BM25 directory next to the old one, then swap, so a crash never leaves half."""
    tmp, final, old = root / "bm25.tmp", root / "bm25", root / "bm25.old"
    shutil.rmtree(tmp, ignore_errors=True)
    lexical.save(tmp)
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def open_searcher(corpus, index_dir: Path, *, embedding_model: str | None, embedder: Embedder | None = None,
                  progress: bool = False, background: bool = False) -> Searcher:
    """Load the persisted index when it matches the corpus, else (re)build what changed.

    ``embedder`` (tests, `docbot index`) sets up the dense side synchronously; ``background=True``
    (the bot) starts loading ``embedding_model`` in a daemon thread; otherwise the name is only
    remembered for ``start_dense_loading``.
    """
    root = Path(index_dir)
    parts = []
    for doc in corpus.documents:
        ps = document_passages(doc)
        parts.append(DocPart(doc, ps, passages_hash(ps)))
    hashes = {p.source: p.hash for p in parts}
    chash = persist.corpus_hash(hashes)
    n = sum(len(p.passages) for p in parts)
    manifest = persist.read_manifest(root)
    versions = persist.library_versions(*LEXICAL_LIBS)
    lexical = None
    if manifest.get("corpus_hash") == chash and manifest.get("lexical_versions") == versions:
        try:
            lexical = LexicalIndex.load(root / "bm25", n)
        except Exception as exc:  # corrupt or foreign files: rebuild, never crash
            log.warning("BM25 索引无法读取，将重建：%s", exc)
    if lexical is None:
        lexical = build_lexical(parts, root, progress=progress)
        manifest = {"corpus_hash": chash, "documents": hashes, "lexical_versions": versions,
                    "passages": n, "dense": manifest.get("dense", {})}
        try:
            _save_lexical(lexical, root)
            persist.write_manifest(root, manifest)
        except OSError as exc:
            log.warning("无法保存索引到 %s（本次在内存中使用）：%s", root, exc)
    searcher = Searcher(parts, root, lexical, manifest, embedding_model=embedding_model)
    if embedder is not None:
        searcher.load_dense(embedder, progress=progress)
    elif background:
        searcher.start_dense_loading()
    return searcher
