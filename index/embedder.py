"""Dense embeddings: the Embedder port and its sentence-transformers adapter.

``sentence_transformers`` (and with it torch, 5–9 s) is imported only inside ``load_embedder``, which
the searcher calls from a background thread or an explicit build — never on the structured or
lexical path. ``coverage`` decides whether a model may take part in answers at all: an English
model turns most of this corpus into [UNK] and, fused blindly, halves hit@3.
"""

from __future__ import annotations

import logging
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlparse

from index.onnx_export import ONNX_SUFFIX

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)
HUB_CONNECT_TIMEOUT_S = 5.0

MAX_UNK_SHARE = 0.05  # above this share of [UNK] tokens a model does not "cover" the corpus
MAX_TRUNCATED_SHARE = 0.25  # above this share of truncated passages dense vectors miss too much


class Embedder(Protocol):
    model_id: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors of passages, one row per text."""
        ...

    def encode_query(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors of questions (e5 models embed them with another prefix)."""
        ...

    def unk_share(self, texts: list[str]) -> tuple[float, float]:
        """(share of unknown tokens, share of texts longer than the model's window)."""
        ...


@dataclass(frozen=True)
class Coverage:
    unk_share: float
    truncated_share: float

    @property
    def usable(self) -> bool:
        return self.unk_share <= MAX_UNK_SHARE and self.truncated_share <= MAX_TRUNCATED_SHARE

    def describe(self) -> str:
        return f"[UNK] {self.unk_share:.0%}, truncated {self.truncated_share:.0%}"


def coverage(embedder: Embedder, texts: list[str], sample: int = 400) -> Coverage:
    step = max(1, len(texts) // sample)
    unk, trunc = embedder.unk_share(texts[::step])
    return Coverage(unk, trunc)


class SentenceTransformerEmbedder:
    def __init__(self, model, model_id: str):
        import torch

        self._model = model
        self.model_id = model_id
        self._threads = torch.get_num_threads()
        # e5-style models were trained with "query: " / "passage: " prefixes (their prompts); a model
        # without prompts encodes both the same way.
        prompts = getattr(model, "prompts", None) or {}
        self._prompts = {k: k if k in prompts else None for k in ("query", "passage")}

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._prompts["passage"])

    def encode_query(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._prompts["query"])

    def _encode(self, texts: list[str], prompt_name: str | None) -> np.ndarray:
        # One query runs fastest on one thread and, on a shared 2-core machine, avoids the stalls of
        # an oversubscribed thread pool (hybrid p95 went from ~500 ms to ~15 ms under load);
        # batches of passages use all cores.
        import numpy as np
        import torch

        threads = 1 if len(texts) <= 4 else self._threads
        if torch.get_num_threads() != threads:
            torch.set_num_threads(threads)
        vecs = self._model.encode(
            texts, prompt_name=prompt_name, batch_size=32, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def unk_share(self, texts: list[str]) -> tuple[float, float]:
        tok = self._model.tokenizer
        if not texts:
            return 0.0, 0.0
        ids = tok(texts, add_special_tokens=False)["input_ids"]
        unk_id = tok.unk_token_id
        total = sum(len(x) for x in ids) or 1
        unk = sum(1 for x in ids for t in x if t == unk_id) if unk_id is not None else 0
        window = int(getattr(self._model, "max_seq_length", 0) or 512) - 2
        trunc = sum(1 for x in ids if len(x) > window)
        return unk / total, trunc / len(ids)


def model_id_of(name: str) -> str:
    """A stable id for the manifest: the hub name, or the resolved local path."""
    p = Path(name).expanduser()
    return str(p.resolve()) if p.exists() else name


_loaded: dict[tuple[str, str], Embedder] = {}
_loading = threading.Lock()


def load_embedder(name: str, model_id: str | None = None) -> Embedder:
    """Load a sentence-transformers model by hub name or local path (imports torch), or — for a model
    id naming the int8 ONNX export (``index.onnx_export``) — its onnxruntime encoder, without torch.

    Loaded once per process: every searcher of the same model shares it (evaluation opens one
    searcher per document, the bot a new one after each upload; each used to hold its own 470 MB copy,
    and a test session peaked at 10 GiB). Inference does not change the model, so sharing is safe.
    Raises whatever the library raises when the model cannot be found or downloaded; the caller
    turns that into one warning and carries on lexically.
    """
    key = (model_id_of(name), model_id or model_id_of(name))
    with _loading:
        if key not in _loaded and key[1].endswith(ONNX_SUFFIX):
            from index.onnx_embedder import OnnxEmbedder

            _loaded[key] = OnnxEmbedder(name, key[1])
        elif key not in _loaded:
            from sentence_transformers import SentenceTransformer

            _loaded[key] = SentenceTransformerEmbedder(SentenceTransformer(name, device="cpu"), key[1])
        return _loaded[key]


def ensure_loadable(name: str) -> None:
    """Fail fast, before torch is imported, when a hub model is neither cached nor downloadable.

    With HF_HUB_OFFLINE=1 a model that is not in the local cache cannot load; saying so here
    avoids a 5–9 s torch import that would only end in the same error.
    """
    if Path(name).expanduser().exists():
        return
    from huggingface_hub import constants, try_to_load_from_cache

    cached = try_to_load_from_cache(name, "config.json")
    if isinstance(cached, str):
        return
    if constants.HF_HUB_OFFLINE:
        raise FileNotFoundError(f"{name} 不在本地缓存中，且处于离线模式（HF_HUB_OFFLINE=1）")
    # Not cached: a download is needed. On a closed network the hub libraries retry for over a
    # minute before giving up; one short TCP connect says the same in a few seconds.

    url = urlparse(constants.ENDPOINT)
    try:
        socket.create_connection((url.hostname, url.port or 443), timeout=HUB_CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise ConnectionError(f"{name} 不在本地缓存中，且无法连接模型仓库 {url.hostname}：{exc}") from exc
