"""The compact tokenizer of the ONNX encoder (index/unigram.py) gives the ids ``tokenizers`` gives for
the built-in model's tokenizer.json — on the corpus, every question set and awkward text — at a
fraction of its memory. Slow: needs the built model (``chinese_searcher`` builds it once per machine)."""

import json
from pathlib import Path

import pytest

from index import model_choice
from index.passages import sentences
from index.unigram import UnigramTokenizer, write_vocab

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]
ROOT = Path(__file__).resolve().parents[2]
AWKWARD = ["hello world, two  spaces\tand a tab", "Ünïcödé ñ 日本語のテキスト 한국어 Русский текст العربية",
           "<s>literal</s> <mask> <unk>", "", "   ", "１２月～１月（全角）", "x" * 2000, "\u0001\u0002abc\u200b def",
           "☃☃☃ 𠀀𠀁 emoji 🙂🙂", "第（三）项　全角空格"]


def _questions() -> list[str]:
    out = []
    for path in [*(ROOT / "tests" / "fixtures").glob("*.jsonl"), *(ROOT / "eval").glob("*/*.jsonl")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                q = json.loads(line).get("q")
            except (ValueError, AttributeError):
                continue
            if q:
                out.append("query: " + q)
    return out


def test_same_ids_as_tokenizers(chinese_searcher, tmp_path):
    from tokenizers import Tokenizer

    model_dir = model_choice.builtin_dir(chinese_searcher.models_dir)
    write_vocab(model_dir / "tokenizer.json", tmp_path)
    ours = UnigramTokenizer(tmp_path)
    reference = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    reference.enable_truncation(512)
    texts = [t for p in chinese_searcher.passages for t in ("passage: " + p.index_text, *sentences(p.text))]
    texts += _questions() + AWKWARD
    assert len(texts) > 2000
    expected = [e.ids for e in reference.encode_batch(texts)]
    differ = [t for t, e in zip(texts, expected, strict=True) if ours.encode(t) != e]
    assert differ == []
    assert len(ours.encode("x" * 2000)) == 512 and len(ours.encode("x" * 2000, truncate=False)) > 512
