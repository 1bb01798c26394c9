"""The search engine the assistant talks to: ``open_searcher`` builds or loads the persisted index,
``Searcher.search`` ranks passages.

Lexical search is ready as soon as ``open_searcher`` returns (bm25s index from disk, no jieba, no torch). The
dense side is optional: it needs a model that loads *and* covers the corpus's Chinese; it is loaded synchronously
(``load_dense``: ``docbot index``, tests) or in a background thread (``start_dense_loading``: the bot), and until
it is ready every query is answered lexically.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from index import model_choice, persist
from index.answer_type import ANSWER_TYPE_BOOST, answer_pattern
from index.build import (
    DocPart,
    SentenceVectors,
    build_lexical,
    check_coverage,
    dense_store,
    passage_vectors,
    save_lexical,
    try_save,
)
from index.calibration import calibrate_cosine, calibration_key
from index.embedder import Embedder
from index.fusion import DENSE_WEIGHT, LEXICAL_WEIGHT, rrf
from index.gates import MIN_COVERAGE
from index.lexical import LexicalIndex
from index.passages import Passage, document_passages, passages_hash, sentences
from index.tokenize import char_ngrams, coverage_terms, query_tokens, span_terms
from index.warmup import VectorWarmup, choose_embedder

log = logging.getLogger(__name__)

LEXICAL_LIBS = ("bm25s", "jieba", "numpy")
LEXICAL_ANCHOR = True  # a lexically sufficient best passage keeps first place in the fused ranking
LEXICAL_ANCHOR_COVERAGE = MIN_COVERAGE  # lexical evidence enough to answer on its own (index/gates.py)
DENSE_LIBS = ("sentence-transformers", "transformers", "torch", "onnxruntime", "faiss-cpu")


@dataclass(frozen=True)
class Hit:
    passage: Passage  # the whole item / paragraph / row (what a citation shows)
    score: float  # BM25 score (lexical) or fused RRF score (hybrid)
    focus: str = ""  # the sub-clause that matched best, when the match came from one
    coverage: float = 0.0  # how much of the query the passage contains, 0..1 (see _coverage)
    cosine: float | None = None  # dense similarity, when the dense side is ready


class Searcher:
    def __init__(self, parts: list[DocPart], root: Path, lexical: LexicalIndex, manifest: dict,
                 *, embedding_model: str | None, models_dir: Path | None = None, progress: bool = False):
        self.root = root
        self.passages: list[Passage] = [p for part in parts for p in part.passages]
        self.embedding_model = None if model_choice.dense_off(embedding_model) else embedding_model
        self.models_dir = Path(models_dir) if models_dir else Path(root).parent / model_choice.MODELS_DIR
        self.min_cosine: float | None = None  # the dense gate of the loaded model
        self.progress = progress  # progress bars when the model is built / the corpus encoded (a terminal)
        self._parts = parts
        self._manifest = manifest
        pos = {p.id: i for i, p in enumerate(self.passages)}
        self._parent = [pos.get(p.parent, i) for i, p in enumerate(self.passages)]
        self._lexical = lexical
        self._dense: tuple[Embedder, object] | None = None
        self.warmup: VectorWarmup | None = None  # passages being encoded meanwhile (open_searcher's dense_next)
        self._status = "未配置" if not self.embedding_model else "未加载"
        self._thread: threading.Thread | None = None
        # True (the terminal chat): while the loader thread prepares the dense side, searches answer with
        # keywords at once instead of waiting for it (minutes on an empty data dir).
        self.answer_while_loading = False
        self._tried = False  # the dense side is set up at most once, on the first search at the latest
        self._lock = threading.Lock()
        self._load_lock = threading.Lock()  # held while a search loads the model (the CLI path)
        self._chars: dict[int, set[str]] = {}
        self._qcache: dict[str, object] = {}  # query → vector: the gate re-uses the search's encoding
        self._sentences = SentenceVectors()  # each passage's sentences' vectors (gate, quote)

    def search(self, query: str, k: int = 10) -> list[Hit]:
        """Best passages first, one hit per item/paragraph/row (sub-clauses fold into their item)."""
        self._ensure_dense()
        tokens = query_tokens(query, self._lexical.words)
        depth = max(50, 4 * k)
        # The answer-type preference reorders BM25 scores *before* fusion: multiplying fused rank
        # scores instead let it swamp the dense side (fused hit@3 0.978 vs 0.935, docs/retrieval.md).
        lexical = self._prefer_answer_type(query, self._lexical.search(tokens, depth))
        dense = self._dense
        if dense is not None and self.min_cosine is None and self.dense_preparing \
                and threading.current_thread() is not self._thread:
            dense = None  # the loader is still calibrating the gate: keywords until the dense side is whole
        cosines: dict[int, float] = {}
        if dense is not None:
            embedder, store = dense
            qvec = self._query_vector(query)
            found = store.search(qvec, depth)
            cosines = dict(found)
            ranked = rrf([([i for i, _ in lexical], LEXICAL_WEIGHT), ([i for i, _ in found], DENSE_WEIGHT)])
            ranked = self._keep_confident_lexical_top(lexical, ranked, self._terms(query))
        else:
            ranked = lexical
        q_chars = self._terms(query)
        hits: list[Hit] = []
        seen: set[int] = set()
        for i, score in ranked:
            top = self._parent[i]
            if top in seen:
                continue
            seen.add(top)
            focus = self.passages[i].text if top != i else ""
            cos = max(cosines.get(i, -1.0), cosines.get(top, -1.0)) if dense is not None else None
            hits.append(Hit(self.passages[top], score, focus, self._best_coverage(q_chars, top), cos))
            if len(hits) >= k:
                break
        return hits

    def _keep_confident_lexical_top(self, lexical, fused, q_chars):
        """Rank fusion weighs the lexical first and second places almost alike (1/61 vs 1/62), so a dense
        preference could push a passage holding the whole question below one that merely resembles it.
        When the lexical best passage already answers by its own evidence (coverage ≥ the gate's
        MIN_COVERAGE), it stays first; the dense side orders the rest and rescues questions whose words
        the document does not use (docs/retrieval.md, "Hybrid against keywords")."""
        if not LEXICAL_ANCHOR or not lexical:
            return fused
        top = lexical[0][0]
        if self._best_coverage(q_chars, self._parent[top]) < LEXICAL_ANCHOR_COVERAGE:
            return fused
        first = next(s for i, s in fused if i == top)
        return [(top, max(first, fused[0][1]))] + [(i, s) for i, s in fused if i != top]

    def _prefer_answer_type(self, query: str, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Raise passages that hold the kind of phrase the question asks for (a frequency for 几次, a
        period for 多久…); word matching alone cannot tell "召开民主生活会" from "每年召开1次民主生活会"."""
        pattern = answer_pattern(query)
        if pattern is None:
            return ranked
        boosted = [(i, s * ANSWER_TYPE_BOOST if pattern.search(self.passages[i].text) else s) for i, s in ranked]
        return sorted(boosted, key=lambda x: -x[1])

    def vouches(self, query: str, hit: Hit) -> bool:
        """Dense evidence for a hit whose wording overlaps the question too little (a paraphrase:
        "被诬告了怎么恢复名誉" → "予以澄清和正名"): its closest sentence reaches the model's calibrated
        gate. Sentences, not the passage: e5 gives whole passages 0.80–0.89 whatever the question,
        while the one sentence that answers stands out (docs/retrieval.md, "Calibration")."""
        if self._dense is None or self.min_cosine is None:
            return False
        return self.sentence_cosine(query, hit) >= self.min_cosine

    def sentence_cosine(self, query: str, hit: Hit) -> float:
        return self.closest_sentence(query, hit)[1]

    def closest_sentence(self, query: str, hit: Hit) -> tuple[str, float]:
        """The hit's sentence nearest the question and its cosine (("", -1) without a dense side)."""
        if self._dense is None:
            return "", -1.0
        sents = sentences(hit.passage.text) or [hit.passage.text]
        self._sentences.ensure(self._dense[0], [hit.passage])
        cos = self._sentences.by_passage[hit.passage.id] @ self._query_vector(query)
        best = int(cos.argmax())
        return sents[best], float(cos[best])

    def _calibrate(self, model_id: str) -> dict:
        """The gate over the out-of-scope questions (index/calibration.py), scored as when answering; the
        sentence vectors are kept on disk (the data dir's and per machine), so a rebuild over unchanged passages
        encodes only the questions. The gate itself is kept in the data dir's manifest only: it follows the
        search code (fusion, answer types), which a per-machine record shared by every checkout would outlive."""
        before = len(self._sentences.by_text)
        gate = calibrate_cosine(self._top_sentence_cosine)
        if len(self._sentences.by_text) > before:
            try_save(self._sentences.save, self.root, model_id, self.models_dir)
        return gate

    def _top_sentence_cosine(self, query: str) -> float:
        hits = self.search(query, 1)
        return self.sentence_cosine(query, hits[0]) if hits else -1.0

    def _query_vector(self, query: str):
        vec = self._qcache.get(query)
        if vec is None:
            embedder, _ = self._dense
            vec = embedder.encode_query([query])[0]
            if len(self._qcache) > 64:
                self._qcache.clear()
            self._qcache[query] = vec
        return vec

    def term_weight(self, token: str) -> float:
        """IDF of a token in this corpus (unseen tokens weigh most)."""
        return self._lexical.idf(token)

    @property
    def documents(self) -> list[str]:
        """Short names of the indexed documents, in corpus order."""
        return list(dict.fromkeys(p.document for p in self.passages))

    @staticmethod
    def _terms(query: str):
        """The question's coverage terms in every form, its span-free terms and the answer type."""
        return coverage_terms(query), span_terms(query), answer_pattern(query)

    def _best_coverage(self, terms, pos: int) -> float:
        """The coverage of the question's best-matching form; the span-free form ("大检查到什么时候结束"
        → 大检查) counts only for a passage that states a date or period."""
        plain, span, pattern = terms
        best = max(self._coverage(v, pos) for v in plain)
        if span and pattern is not None and pattern.search(self.passages[pos].index_text):
            best = max(best, *(self._coverage(v, pos) for v in span))
        return best

    def text_coverage(self, query: str, text: str) -> float:
        """The question's coverage (its best-matching form) by any ``text``, e.g. one sentence of a hit."""
        chars = set(char_ngrams(text))
        return max(self._mean_coverage(v, chars) for v in coverage_terms(query))

    def _mean_coverage(self, q_chars: list[str], chars: set[str]) -> float:
        uni = [t for t in q_chars if len(t) == 1]
        bi = [t for t in q_chars if len(t) > 1]
        if not bi:
            return self._lexical.coverage(uni, chars)
        return (self._lexical.coverage(uni, chars) + self._lexical.coverage(bi, chars)) / 2

    def _coverage(self, q_chars: list[str], pos: int) -> float:
        """Mean of the IDF-weighted unigram and bigram coverage of the query by a passage.

        Unigrams alone let "你好" match any passage with 好; bigrams alone are too strict for
        paraphrases. The mean separates the dev set's answerable questions (≥ 0.50) from its
        negatives (≤ 0.18); see docs/retrieval.md.
        """
        chars = self._chars.get(pos)
        if chars is None:
            chars = self._chars[pos] = set(char_ngrams(self.passages[pos].index_text))
        return self._mean_coverage(q_chars, chars)

    # ---- dense side ------------------------------------------------------------------------
    @property
    def dense_ready(self) -> bool:
        return self._dense is not None

    @property
    def dense_status(self) -> str:
        """Human-readable state of the dense side (shown by `docbot index`)."""
        return self._status

    def start_dense_loading(self) -> threading.Thread | None:
        """Load the dense model in a daemon thread (the bot, at start-up); a search meanwhile waits
        for it, so the bot and the CLI give the same answer."""
        with self._lock:
            if not self.embedding_model or self._tried or self._thread is not None:
                return None
            self._thread = threading.Thread(target=self._load_quietly, name="dense-loader", daemon=True)
            self._status = "加载中"
            self._thread.start()
            return self._thread

    @property
    def dense_preparing(self) -> bool:
        """The loader thread is still loading the model or encoding the corpus."""
        thread = self._thread
        return thread is not None and thread.is_alive()

    def wait_dense(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.dense_ready

    def _ensure_dense(self) -> None:
        """First free question: load the model now (the CLI) or wait for the loader thread (the bot).
        Concurrent first questions wait for the same load instead of answering lexically."""
        if self._dense is not None or not self.embedding_model:
            return
        thread = self._thread
        if thread is not None:
            if thread is not threading.current_thread() and not self.answer_while_loading:
                thread.join()
            return
        with self._load_lock:
            if not self._tried:
                self._load_quietly()

    def _load_quietly(self) -> None:
        self._tried = True
        try:
            self.load_dense(progress=self.progress)
        except Exception as exc:  # any failure to load must leave lexical answers working
            self._status = f"不可用：{exc}"
            log.warning("向量模型 %s 无法加载，仅使用关键词检索与结构化问答：%s", self.embedding_model, exc)

    def load_dense(self, embedder: Embedder | None = None, *, progress: bool = False,
                   require_coverage: bool = True) -> bool:
        """Set up dense search now. False when the model does not cover the corpus (logged once).

        ``require_coverage=False`` is for benchmarks only (latency of an unsuitable model).
        """
        self._tried = True
        if self.warmup is not None:  # its vectors are in the cache once it is done
            self.warmup, warmup = None, self.warmup
            warmup.join()
        if embedder is None and not self.embedding_model:
            return False
        chash = self._manifest.get("corpus_hash", "")
        if embedder is None:
            known = self._manifest.get("dense", {}).get(model_choice.configured(self.embedding_model or "").model_id, {})
            if require_coverage and known.get("usable") is False and known.get("corpus_hash") == chash:
                self._status = f"不适用：{known.get('coverage', '')}"
                log.info("向量模型 %s 不覆盖本语料（%s），不参与检索", self.embedding_model, known.get("coverage"))
                return False
            embedder = choose_embedder(self.embedding_model or "", self.models_dir, progress)
        model_id = embedder.model_id
        old = self._manifest.get("dense", {}).get(model_id, {})
        if old.get("corpus_hash") == chash and "usable" in old:
            entry = dict(old)
        else:
            cov = check_coverage(embedder, self.passages, self.models_dir)
            entry = {"usable": cov.usable, "coverage": cov.describe(), "corpus_hash": chash,
                     "versions": persist.library_versions(*DENSE_LIBS)}
        if require_coverage and not entry["usable"]:
            self._record(model_id, entry)
            self._status = f"不适用：{entry['coverage']}"
            log.warning("向量模型 %s 不覆盖本语料的中文（%s）：不参与检索，仅用关键词检索", model_id, entry["coverage"])
            return False
        vectors = passage_vectors(embedder, self._parts, self.root, progress=progress, shared=self.models_dir)
        with self._lock:
            self._manifest.setdefault("dense", {})[model_id] = entry
            store = dense_store(vectors, self.root, model_id, chash, self._manifest)
        self._dense = (embedder, store)
        if entry.get("calibration") != calibration_key():  # a new model, corpus or question set
            self._sentences.load(self.root, model_id, self.models_dir, self.passages)
            entry.update(self._calibrate(model_id), calibration=calibration_key())
        self._manifest["active_model"] = model_id
        self._record(model_id, entry)
        self.min_cosine = entry["min_cosine"]
        self._status = (f"已就绪：{model_id}（{entry['coverage']}，{store.kind}，"
                        f"向量门槛 {self.min_cosine:.3f}）")
        return True

    def _record(self, model_id: str, entry: dict) -> None:
        with self._lock:
            self._manifest.setdefault("dense", {})[model_id] = entry
            try:
                persist.write_manifest(self.root, self._manifest)
            except OSError as exc:
                log.warning("无法写入索引清单 %s：%s", self.root, exc)


def open_searcher(corpus, index_dir: Path, *, embedding_model: str | None, embedder: Embedder | None = None,
                  progress: bool = False, background: bool = False, models_dir: Path | None = None,
                  dense_next: bool = False) -> Searcher:
    """Load the persisted index when it matches the corpus, else (re)build what changed.

    ``embedder`` (tests) sets up the dense side synchronously; ``background=True`` (the bot) starts loading
    ``embedding_model`` in a daemon thread; otherwise the name is only remembered for ``start_dense_loading``.
    ``dense_next`` (`docbot index`, which calls ``load_dense`` next): the passages are encoded while the
    keyword index is built (index.warmup).
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
    warmup = None
    if lexical is None:
        if dense_next:
            warmup = VectorWarmup.start(embedding_model, models_dir, parts, root, manifest, chash)
        lexical = build_lexical(parts, root, progress=progress)
        manifest = {"corpus_hash": chash, "documents": hashes, "lexical_versions": versions,
                    "passages": n, "dense": manifest.get("dense", {})}
        try:
            save_lexical(lexical, root)
            persist.write_manifest(root, manifest)
        except OSError as exc:
            log.warning("无法保存索引到 %s（本次在内存中使用）：%s", root, exc)
    searcher = Searcher(parts, root, lexical, manifest, embedding_model=embedding_model, models_dir=models_dir,
                        progress=progress)
    searcher.warmup = warmup
    if embedder is not None:
        searcher.load_dense(embedder, progress=progress)
    elif background:
        searcher.start_dense_loading()
    return searcher
