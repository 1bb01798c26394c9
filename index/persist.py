"""The on-disk index: a manifest plus per-document caches, so a change rebuilds only what changed.

Layout under the index directory (``Settings.index_dir``, i.e. data/index)::

    manifest.json                 format, per-document passage hashes, corpus hash, library versions,
                                  and per embedding model: its coverage verdict and vectors' hashes
    words/<doc>-<hash>.json       jieba words of each passage of one document (the slow part)
    bm25/                         the bm25s index over all passages (rebuilt in milliseconds)
    dense/<model>/vectors.npz     passage vectors of one model (float16), keyed by passage text hash
    dense/<model>/sentences.npz   vectors of the sentences the gate's calibration read, keyed alike (float32)
    dense/<model>/faiss.index     only for HNSW-sized corpora (flat indexes are rebuilt at load)
    jieba/                        jieba's dictionary cache

and, under the models dir (``DOCBOT_MODELS_DIR``), the per-machine vector cache that every data dir shares::

    vectors/<model>/vectors.npz   passage vectors (float16) and
    vectors/<model>/sentences.npz sentence vectors (float32), keyed alike, the newest ``SHARED_MAX`` kept
    vectors/<model>/coverage.json the model's coverage of each passage set it was checked on (tokenizer only)

A vector is a function of the model and the text only (index.onnx_embedder encodes each text alone), so a
vector from another data dir is the one encoding the text here would give.

Every read is defensive: a missing, truncated or mismatched file returns None and the caller
rebuilds it; nothing here raises on bad data.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from index.passages import PASSAGE_FORMAT

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

INDEX_FORMAT = 1
MANIFEST = "manifest.json"


def library_versions(*names: str) -> dict[str, str]:
    out = {}
    for n in names:
        try:
            out[n] = metadata.version(n)
        except metadata.PackageNotFoundError:
            out[n] = "missing"
    return out


def corpus_hash(doc_hashes: dict[str, str]) -> str:
    blob = json.dumps(sorted(doc_hashes.items()), ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def slug(name: str) -> str:
    """A file-system-safe, collision-resistant name for a document or model id."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[-60:].strip("_") or "x"
    return f"{base}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(root: Path) -> dict:
    try:
        m = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except (OSError, ValueError) as exc:
        log.warning("索引清单损坏，将重建：%s (%s)", root / MANIFEST, exc)
        return {}
    if not isinstance(m, dict) or m.get("format") != INDEX_FORMAT or m.get("passage_format") != PASSAGE_FORMAT:
        return {}
    return m


def write_manifest(root: Path, manifest: dict) -> None:
    manifest = {**manifest, "format": INDEX_FORMAT, "passage_format": PASSAGE_FORMAT}
    _atomic_write(root / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())


def _doc_file(folder: Path, source: str, doc_hash: str, ext: str) -> Path:
    return folder / f"{slug(source)}-{doc_hash}.{ext}"


def _prune(folder: Path, source: str, keep: Path) -> None:
    """Drop the files of older versions of this document."""
    for old in folder.glob(f"{slug(source)}-*"):
        if old != keep:
            old.unlink(missing_ok=True)


def load_words(root: Path, source: str, doc_hash: str, n: int) -> list[list[str]] | None:
    path = _doc_file(root / "words", source, doc_hash, "json")
    try:
        words = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError) as exc:
        log.warning("分词缓存损坏，将重建：%s (%s)", path, exc)
        return None
    if not (isinstance(words, list) and len(words) == n and all(isinstance(w, list) for w in words)):
        log.warning("分词缓存与文件不符，将重建：%s", path)
        return None
    return words


def save_words(root: Path, source: str, doc_hash: str, words: list[list[str]]) -> None:
    path = _doc_file(root / "words", source, doc_hash, "json")
    _atomic_write(path, json.dumps(words, ensure_ascii=False).encode())
    _prune(path.parent, source, path)


def vectors_dir(root: Path, model_id: str) -> Path:
    return root / "dense" / slug(model_id)


def text_key(text: str) -> str:
    """The cache key of one passage's vector: its text (with the model id, the folder, the full key)."""
    return hashlib.sha256(text.encode()).hexdigest()[:20]


VECTORS = "vectors.npz"
SENTENCES = "sentences.npz"
VECTOR_FILES = (VECTORS, SENTENCES)  # content-addressed: what `docbot index --rebuild` keeps


def load_vectors(root: Path, model_id: str, name: str = VECTORS) -> dict[str, np.ndarray]:
    """Cached passage vectors of one model, by ``text_key``: only passages whose text changed are
    encoded again, whatever document they are in. Stored as float16 (cosine error < 1e-3, half the
    disk and load time of float32). A bad file is logged and ignored (everything is re-encoded)."""
    return _read_vectors(vectors_dir(root, model_id) / name)


def _read_vectors(path: Path) -> dict[str, np.ndarray]:
    import numpy as np  # here, not at the top: reading the manifest (`docbot docs`) needs no numpy

    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vecs = data["keys"], data["vecs"]
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except (OSError, ValueError, EOFError, KeyError) as exc:
        log.warning("向量缓存损坏，将重建：%s (%s)", path, exc)
        return {}
    if vecs.ndim != 2 or keys.ndim != 1 or len(keys) != len(vecs) or not np.isfinite(vecs).all():
        log.warning("向量缓存与文件不符，将重建：%s", path)
        return {}
    return dict(zip(keys.tolist(), vecs, strict=True))


def save_vectors(root: Path, model_id: str, keys: list[str], vecs: np.ndarray, name: str = VECTORS,
                 dtype: str = "float16") -> None:
    """Write the vectors of the current passages (older ones are dropped with them)."""
    folder = vectors_dir(root, model_id)
    _write_vectors(folder / name, keys, vecs, dtype)
    for old in folder.glob("*.npy"):  # the per-document float32 files of index format 1
        old.unlink(missing_ok=True)


def _write_vectors(path: Path, keys: list[str], vecs: np.ndarray, dtype: str) -> None:
    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp.npz")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, keys=np.array(keys, dtype="<U20"), vecs=np.asarray(vecs, dtype=dtype))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


SHARED_DIR = "vectors"  # under the models dir
SHARED_MAX = 20_000  # vectors kept per file, newest first: ~17 MB of passages (float16), ~31 MB of sentences


def shared_vectors_dir(models_dir: Path, model_id: str) -> Path:
    return Path(models_dir) / SHARED_DIR / slug(model_id)


def load_shared(models_dir: Path, model_id: str, name: str = VECTORS) -> dict[str, np.ndarray]:
    """The per-machine cache of one model's vectors (any data dir's), by ``text_key``; a bad file is
    logged and ignored, and the next ``merge_shared`` writes it afresh."""
    return _read_vectors(shared_vectors_dir(models_dir, model_id) / name)


def merge_shared(models_dir: Path, model_id: str, fresh: dict[str, np.ndarray], name: str = VECTORS,
                 dtype: str = "float16") -> None:
    """Add freshly encoded vectors to the per-machine cache, keeping the newest ``SHARED_MAX``. Two processes
    merging at once: the last rename wins and the other's vectors are encoded again some other time."""
    import numpy as np

    if not fresh:
        return
    merged = load_shared(models_dir, model_id, name)
    dim = next(iter(fresh.values())).shape
    if any(v.shape != dim for v in merged.values()):
        merged = {}
    for k in fresh:
        merged.pop(k, None)
    merged.update(fresh)
    keys = list(merged)[-SHARED_MAX:]
    _write_vectors(shared_vectors_dir(models_dir, model_id) / name, keys, np.stack([merged[k] for k in keys]), dtype)


COVERAGE = "coverage.json"
COVERAGE_MAX = 256  # passage sets remembered per model


def load_shared_coverage(models_dir: Path, model_id: str) -> dict[str, list[float]]:
    """Coverage verdicts (``[unk share, truncated share]``) by the key of the passages checked; a bad file is
    logged and ignored."""
    path = shared_vectors_dir(models_dir, model_id) / COVERAGE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except (OSError, ValueError) as exc:
        log.warning("覆盖率缓存损坏，将重建：%s (%s)", path, exc)
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, list) and len(v) == 2
            and all(isinstance(x, (int, float)) and 0 <= x <= 1 for x in v)}


def save_shared_coverage(models_dir: Path, model_id: str, key: str, shares: list[float]) -> None:
    known = load_shared_coverage(models_dir, model_id)
    known.pop(key, None)
    known[key] = shares
    keep = dict(list(known.items())[-COVERAGE_MAX:])
    _atomic_write(shared_vectors_dir(models_dir, model_id) / COVERAGE, json.dumps(keep).encode())


def clear_shared(models_dir: Path) -> None:
    """`docbot index --reencode`: the per-machine vectors go too, so every passage is encoded again."""
    shutil.rmtree(Path(models_dir) / SHARED_DIR, ignore_errors=True)


def clear_index(root: Path, *, keep_vectors: bool) -> None:
    """`docbot index --rebuild`: remove the index. The vector files stay unless ``keep_vectors`` is
    False (`--reencode`): a vector is keyed by its text's hash in a folder named by the model id, so a
    kept one is exactly what encoding that text again would give, and it is checked when read."""

    root = Path(root)
    for child in root.iterdir() if root.is_dir() else ():
        if keep_vectors and child.name == "dense" and child.is_dir():
            for model in child.iterdir():
                for path in model.iterdir() if model.is_dir() else (model,):
                    if path.name not in VECTOR_FILES:
                        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
        elif child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
