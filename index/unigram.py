"""XLM-R's Unigram tokenizer in a Python dict: the same ids as ``tokenizers`` at a tenth of the memory.

The ``tokenizers`` Unigram model keeps its 250 002 pieces in a character trie of hash maps: 270 MB
resident, more than the int8 encoder itself (118 MB), and the bot's whole budget with semantic search
is 350 MB. Here the pieces are one dict (piece → id, ~30 MB) and a float array of scores; normalisation
and the Metaspace pre-tokenizer still run in ``tokenizers`` (the model's own normalizer, a vocabulary
of the five special tokens). The Viterbi search is ``tokenizers``' ``encode_optimized``: positions left
to right, pieces starting there shortest first, a path replaced only by a strictly better score, an
unknown character scored min − 10 and consecutive unknowns fused. tests/index/test_onnx_encoder.py
checks the ids equal ``tokenizers``' on the corpus and every question set.

Written at model-build time from tokenizer.json (``write_vocab``): ``onnx/pieces.txt`` (one piece a
line), ``onnx/scores.npy``, ``onnx/pretokenizer.json``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

UNK_PENALTY = 10.0
PIECES, SCORES, PRETOKENIZER = "pieces.txt", "scores.npy", "pretokenizer.json"


def write_vocab(tokenizer_json: Path, folder: Path) -> None:
    """Split tokenizer.json into the three files ``UnigramTokenizer`` loads (pieces hold no newline)."""
    spec = json.loads(Path(tokenizer_json).read_text(encoding="utf-8"))
    vocab = spec["model"]["vocab"]
    if any("\n" in p for p, _ in vocab):
        raise ValueError("a piece holds a newline")
    (folder / PIECES).write_text("\n".join(p for p, _ in vocab), encoding="utf-8")
    np.save(folder / SCORES, np.array([s for _, s in vocab], dtype=np.float64))
    specials = {t["content"] for t in spec.get("added_tokens", []) if t.get("special")}
    spec["model"] = {**spec["model"], "vocab": [[p, s] for p, s in vocab if p in specials]
                     or vocab[:1], "unk_id": 0}
    (folder / PRETOKENIZER).write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")


class UnigramTokenizer:
    def __init__(self, folder: Path, *, max_length: int = 512):
        from tokenizers import Tokenizer

        folder = Path(folder)
        pieces = (folder / PIECES).read_text(encoding="utf-8").split("\n")
        self._ids = {p: i for i, p in enumerate(pieces)}
        self._scores = np.load(folder / SCORES).tolist()
        spec = json.loads((folder / PRETOKENIZER).read_text(encoding="utf-8"))
        self._pre = Tokenizer.from_str(json.dumps(spec))
        self._max_piece = max(len(p) for p in pieces)
        self.unk_id = int(self._ids["<unk>"])
        self._bos, self._eos = int(self._ids["<s>"]), int(self._ids["</s>"])
        self._unk_score = min(self._scores) - UNK_PENALTY
        self._special = {t["content"]: int(t["id"]) for t in spec.get("added_tokens", []) if t.get("special")}
        self._split = re.compile("(" + "|".join(map(re.escape, sorted(self._special, key=len, reverse=True))) + ")")
        self.max_length = max_length

    def encode(self, text: str, *, truncate: bool = True) -> list[int]:
        """Ids with <s> … </s>, cut to ``max_length`` like ``tokenizers``' truncation."""
        ids: list[int] = []
        for part in self._split.split(text):
            if part in self._special:
                ids.append(self._special[part])
            elif part:
                normalised = self._pre.normalizer.normalize_str(part)
                for word, _ in self._pre.pre_tokenizer.pre_tokenize_str(normalised):
                    ids.extend(self._viterbi(word))
        if truncate:
            ids = ids[: self.max_length - 2]
        return [self._bos, *ids, self._eos]

    def _viterbi(self, word: str) -> list[int]:
        n = len(word)
        best = [-float("inf")] * (n + 1)
        back: list[tuple[int, int] | None] = [None] * (n + 1)
        best[0] = 0.0
        ids, scores, unk = self._ids, self._scores, self.unk_id
        for start in range(n):
            here = best[start]
            single = False
            for end in range(start + 1, min(n, start + self._max_piece) + 1):
                tid = ids.get(word[start:end])
                if tid is None:
                    continue
                cand = scores[tid] + here
                if back[end] is None or cand > best[end]:
                    best[end], back[end] = cand, (start, tid)
                if end == start + 1:
                    single = True
            if not single:
                cand = self._unk_score + here
                if back[start + 1] is None or cand > best[start + 1]:
                    best[start + 1], back[start + 1] = cand, (start, unk)
        out: list[int] = []
        pos = n
        while pos > 0:
            start, tid = back[pos]
            if not (tid == unk and out and out[-1] == unk):  # consecutive unknowns fuse into one
                out.append(tid)
            pos = start
        out.reverse()
        return out
