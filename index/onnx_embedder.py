"""The run-time encoder of the built-in model: onnxruntime + tokenizers, no torch.

Same ``Embedder`` interface as the sentence-transformers adapter (index/embedder.py) and the same
model folder: its tokenizer (as a compact dict, index/unigram.py: same ids), the prompts of config_sentence_transformers.json, mean pooling and
normalisation as modules.json says, over the int8 export that ``index.onnx_export`` writes at
model-build time. Measured (docs/retrieval.md, "A lighter encoder"): query encoding 3 ms instead of
~25 ms, the process ~0.5 GB lighter, no 5–9 s torch import.

Each text is encoded alone (a batch of one). The int8 graph quantises activations per run (dynamic
quantisation: one scale for the whole input tensor), so in a batch a text's vector moved with its
batch-mates and their padding (cosine 0.995–1.0 against encoding it alone): alone, a vector is a function
of the model and the text only, like a query's, which is what makes the vector caches sound — the data
dir's, and the per-machine one shared by every data dir (index.persist). Alone there is no padding
either; measured on the bundled corpus (docs/retrieval.md): 10.4 s CPU against 10.0 s in batches of 256
padded tokens. Each run uses one onnxruntime thread, and the texts of one call run side by side on
``WORKERS`` Python threads, longest first (onnxruntime releases the GIL): a run this small gains little
from splitting each operator over two threads (the pool synchronises per operator), while whole runs in
parallel keep both cores busy. A query is one run on the caller's thread. Threads never spin between
runs (a spinning pool stalls on a shared, loaded machine).
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from index.onnx_export import onnx_path
from index.unigram import UnigramTokenizer

WORKERS = max(1, min(4, os.cpu_count() or 1))  # texts encoded at once, one onnxruntime thread each


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
        prompts = _prompts(model_dir)
        self._prompts = {k: prompts.get(k, "") for k in ("query", "passage")}

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._encode([self._prompts["passage"] + t for t in texts])

    def encode_query(self, texts: list[str]) -> np.ndarray:
        return self._encode([self._prompts["query"] + t for t in texts])

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            dim = self._session.get_outputs()[0].shape[-1]
            return np.zeros((0, dim if isinstance(dim, int) else 0), dtype=np.float32)
        ids = [self._tok.encode(t) for t in texts]
        if len(ids) == 1 or WORKERS == 1:
            results = [self._run(r) for r in ids]
        else:  # longest first, so the last runs to finish are short ones
            order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
            with ThreadPoolExecutor(WORKERS, thread_name_prefix="encode") as pool:
                done = dict(zip(order, pool.map(lambda i: self._run(ids[i]), order), strict=True))
            results = [done[i] for i in range(len(ids))]
        return np.stack(results)

    def _run(self, row: list[int]) -> np.ndarray:
        """One text's unit vector: mean pooling over its tokens (no padding: it is alone)."""
        input_ids = np.asarray([row], dtype=np.int64)
        hidden = self._session.run(None, {"input_ids": input_ids, "attention_mask": np.ones_like(input_ids)})[0]
        pooled = hidden[0].mean(axis=0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)

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
