"""The run-time encoder of the built-in model: onnxruntime + tokenizers, no torch.

Same ``Embedder`` interface as the sentence-transformers adapter (index/embedder.py) and the same
model folder: its tokenizer (as a compact dict, index/unigram.py: same ids), the prompts of config_sentence_transformers.json, mean pooling and
normalisation as modules.json says, over the int8 export that ``index.onnx_export`` writes at
model-build time. Measured (docs/retrieval.md, "A lighter encoder"): query encoding 3 ms instead of
~25 ms, the process ~0.5 GB lighter, no 5–9 s torch import.

Passages are encoded shortest first in batches bounded by a token budget: padding is then small and
the attention buffers of one batch stay tens of MB, so the corpus encodes within the index build's
memory budget. Each run uses one onnxruntime thread, and the batches of one call run side by side on
``WORKERS`` Python threads (onnxruntime releases the GIL): a batch this small gains little from
splitting each operator over two threads (the pool synchronises per operator), while whole batches in
parallel keep both cores busy. A query is one batch on the caller's thread. Threads never spin
between runs (a spinning pool stalls on a shared, loaded machine).
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from index.onnx_export import onnx_path
from index.unigram import UnigramTokenizer

BATCH_TOKENS = 256  # padded tokens per batch: CPU time 10.3 s for the corpus at 256, 13.6 s at 1024, 16.7 s at 4096 (less padding, warm caches); peak 285 vs 613 MB
BATCH_MAX = 32
WORKERS = max(1, min(4, os.cpu_count() or 1))  # batches encoded at once, one onnxruntime thread each


class OnnxEmbedder:
    def __init__(self, model_dir: str | Path, model_id: str):
        import onnxruntime as ort

        model_dir = Path(model_dir)
        self.model_id = model_id
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1  # parallel across batches instead (module docstring)
        opts.inter_op_num_threads = 1
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # batches differ in shape: an arena or a memory pattern keeps the largest batch's buffers for good
        opts.enable_cpu_mem_arena = False
        opts.enable_mem_pattern = False
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = ort.InferenceSession(str(onnx_path(model_dir)), opts, providers=["CPUExecutionProvider"])
        self.max_seq_length = _max_seq_length(model_dir)
        self._tok = UnigramTokenizer(onnx_path(model_dir).parent, max_length=self.max_seq_length)
        self._pad = int(json.loads((model_dir / "config.json").read_text(encoding="utf-8")).get("pad_token_id", 0))
        prompts = _prompts(model_dir)
        self._prompts = {k: prompts.get(k, "") for k in ("query", "passage")}

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._encode([self._prompts["passage"] + t for t in texts])

    def encode_query(self, texts: list[str]) -> np.ndarray:
        return self._encode([self._prompts["query"] + t for t in texts])

    def _encode(self, texts: list[str]) -> np.ndarray:
        dim = self._session.get_outputs()[0].shape[-1]
        out = np.zeros((len(texts), dim if isinstance(dim, int) else 0), dtype=np.float32)
        if not texts:
            return out
        ids = [self._tok.encode(t) for t in texts]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        batches = []
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and end - start < BATCH_MAX and len(ids[order[end]]) * (end + 1 - start) <= BATCH_TOKENS:
                end += 1
            batches.append(order[start:end])
            start = end
        if len(batches) == 1 or WORKERS == 1:
            results = [self._run([ids[i] for i in b]) for b in batches]
        else:  # longest first, so the last batches to finish are short ones
            with ThreadPoolExecutor(WORKERS, thread_name_prefix="encode") as pool:
                done = dict(zip(reversed(range(len(batches))),
                                pool.map(lambda b: self._run([ids[i] for i in b]), reversed(batches)), strict=True))
            results = [done[k] for k in range(len(batches))]
        for batch, vecs in zip(batches, results, strict=True):
            if out.shape[1] != vecs.shape[1]:
                out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
            out[batch] = vecs
        return out

    def _run(self, rows: list[list[int]]) -> np.ndarray:
        width = max(len(r) for r in rows)
        input_ids = np.full((len(rows), width), self._pad, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for j, r in enumerate(rows):
            input_ids[j, : len(r)] = r
            mask[j, : len(r)] = 1
        hidden = self._session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.ascontiguousarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)

    def unk_share(self, texts: list[str]) -> tuple[float, float]:
        if not texts:
            return 0.0, 0.0
        ids = [self._tok.encode(t, truncate=False)[1:-1] for t in texts]
        total = sum(len(x) for x in ids) or 1
        unk = sum(1 for x in ids for t in x if t == self._tok.unk_id)
        trunc = sum(1 for x in ids if len(x) > self.max_seq_length - 2)
        return unk / total, trunc / len(ids)


def _prompts(model_dir: Path) -> dict[str, str]:
    try:
        cfg = json.loads((model_dir / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return dict(cfg.get("prompts") or {})


def _max_seq_length(model_dir: Path) -> int:
    try:
        cfg = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return int(cfg.get("max_seq_length") or 512)
    except (OSError, ValueError):
        return 512
