"""Model-build time, once per machine: an int8 ONNX export of the built-in sentence-transformers model,
so that run time needs neither torch nor sentence-transformers (index/onnx_embedder.py).

The file is laid out the way sentence-transformers' ONNX backend names its exports
(``onnx/model_qint8.onnx`` beside the checkpoint; inputs ``input_ids`` and ``attention_mask``, output
``last_hidden_state``), so ``SentenceTransformer(path, backend="onnx",
model_kwargs={"file_name": "onnx/model_qint8.onnx"})`` would load the same file where optimum is
installed. optimum itself is not used: its current release pins transformers 4.x and tokenizers 0.22,
older than this project's.

Export is torch's TorchScript exporter (torch is installed for the build), onnxruntime's BERT graph
optimizer (fused embedding + LayerNorm, attention, bias + GELU, skip + LayerNorm: half the encoding
time and memory of the plain graph), then dynamic quantisation with per-channel int8 weights for every
MatMul, the attention and the 250 037 × 384 token embedding: 118 MB instead of 470 MB. Per-tensor int8
moved passage vectors to cosine 0.980 of fp32; per-channel keeps them at ≥ 0.994 (docs/retrieval.md,
"A lighter encoder"). It runs in a child
process (``python -m index.onnx_export DIR``): the export peaks at ~3 GB and imports torch, neither
of which a long-running bot that builds the model on first use should keep.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
from importlib import util
from pathlib import Path

ONNX_FILE = "onnx/model_qint8.onnx"
FAILED = "onnx/export-failed.txt"
# appended to a model id: other vectors, so another cache and gate. "-b1": each text encoded alone (a batch
# of one, index.onnx_embedder), whose vectors differ slightly from the batched encoding of "-onnx-int8"
ONNX_SUFFIX = "-onnx-int8-b1"


def onnx_path(model_dir: Path) -> Path:
    return Path(model_dir) / ONNX_FILE


def onnx_ready(model_dir: Path) -> bool:
    from index.unigram import PIECES

    return onnx_path(model_dir).is_file() and (onnx_path(model_dir).parent / PIECES).is_file()


def _write_vocab(model_dir: Path) -> None:
    """The compact tokenizer's files (index/unigram.py), written before the model so that a model file
    always has them."""
    from index.unigram import write_vocab

    folder = onnx_path(model_dir).parent
    folder.mkdir(parents=True, exist_ok=True)
    write_vocab(Path(model_dir) / "tokenizer.json", folder)


def runtime_available() -> bool:

    return util.find_spec("onnxruntime") is not None and util.find_spec("tokenizers") is not None


def export_int8(model_dir: Path) -> Path:
    """Write ``model_dir/onnx/model_qint8.onnx`` (atomically; two processes may race, the first
    rename wins). Imports torch and transformers: call it in a child process (``ensure_onnx``)."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer
    from transformers import AutoModel

    model_dir = Path(model_dir)
    final = onnx_path(model_dir)
    tmp = final.parent / f".tmp-{os.getpid()}-{threading.get_ident()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        # eager attention: its graph is the pattern onnxruntime's BERT optimizer fuses (SDPA's is not)
        model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

        class Hidden(torch.nn.Module):  # the plain tensor output sentence-transformers' backend expects
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask):
                return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

        ids = torch.tensor([[0, 6, 2]])
        axes = {0: "batch", 1: "tokens"}
        torch.onnx.export(Hidden(model), (ids, torch.ones_like(ids)), str(tmp / "model.onnx"),
                          input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                          dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
                          opset_version=17, dynamo=False)
        cfg = model.config
        del model
        fused = optimizer.optimize_model(str(tmp / "model.onnx"), model_type="bert", opt_level=1,
                                         num_heads=cfg.num_attention_heads, hidden_size=cfg.hidden_size)
        fused.save_model_to_file(str(tmp / "fused.onnx"))
        del fused
        (tmp / "model.onnx").unlink()
        quantize_dynamic(str(tmp / "fused.onnx"), str(tmp / "model_qint8.onnx"), weight_type=QuantType.QInt8,
                         per_channel=True, op_types_to_quantize=["MatMul", "Gather", "Attention", "EmbedLayerNormalization"],
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        if not final.is_file():
            _write_vocab(model_dir)
            os.replace(tmp / "model_qint8.onnx", final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def ensure_onnx(model_dir: Path, *, retry: bool = False) -> bool:
    """The int8 export exists (made now, in a child process, when missing). False when it cannot be
    made (no onnxruntime, no torch, an unreadable checkpoint): the caller keeps the sentence-transformers
    path. A failure is remembered beside the model (``onnx/export-failed.txt``) so that every later
    start does not pay a torch import to fail again; `docbot model` retries (``retry=True``)."""
    model_dir = Path(model_dir)
    if onnx_ready(model_dir):
        return True
    if onnx_path(model_dir).is_file():  # an export of an earlier version, without the vocabulary files
        _write_vocab(model_dir)
        return onnx_ready(model_dir)
    failed = model_dir / FAILED
    if not runtime_available() or (failed.exists() and not retry):
        return False
    error = _export_in_child(model_dir)
    if error:
        logging.getLogger(__name__).warning("无法导出 ONNX 向量模型（改用 sentence-transformers）：%s", error)
        try:
            failed.parent.mkdir(parents=True, exist_ok=True)
            failed.write_text(error + "\n", encoding="utf-8")
        except OSError:
            pass
    else:
        failed.unlink(missing_ok=True)
    return onnx_ready(model_dir)


def _export_in_child(model_dir: Path) -> str:
    """Run ``export_int8`` in a child process; the error's last line, or "" on success."""
    done = subprocess.run([sys.executable, "-m", "index.onnx_export", str(model_dir)], check=False,
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    if done.returncode == 0:
        return ""
    return (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]


if __name__ == "__main__":
    import warnings

    warnings.filterwarnings("ignore")
    export_int8(Path(sys.argv[1]))
