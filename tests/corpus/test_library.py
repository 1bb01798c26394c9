"""load_corpus: names.toml, derived names, loaders, robustness."""

from pathlib import Path

import pytest

import corpus
from corpus import loaders
from corpus.library import Corpus, derive_short_name, load_corpus

BUNDLED_NAMES = ["广州三年行动计划解读", "海珠城管三年行动", "洛阳机关党建意见", "越秀工作要点", "党内监督工作方案"]


def test_bundled_corpus(bundled):
    assert isinstance(bundled, Corpus)
    assert [d.short_name for d in bundled.documents] == BUNDLED_NAMES
    assert [d.source for d in bundled.documents] == sorted(d.source for d in bundled.documents)
    yx = bundled.document("yuexiu-2018-party-political-life-work-points.txt")
    assert yx is not None and "越办〔2018〕2号" in yx.aliases
    assert bundled.document("监督方案").short_name == "党内监督工作方案"
    assert bundled.document("nope.txt") is None


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("中共洛阳市委关于加强和改进全市机关党的建设的实施意见", "洛阳市委加强和改进全市机关党的建设的实施意见"),
        ("关于印发《某区党建工作要点》的通知", "某区党建工作要点"),
        ("海珠区城市管理局加强党的基层组织建设三年行动计划实施方案（2018—2020年）",
         "海珠区城市管理局加强党的基层组织建设三年行动计划实施方案"),
        ("", ""),
    ],
)
def test_derive_short_name(title, short):
    assert derive_short_name(title) == short


def _write(directory: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = directory / name
    path.write_bytes(text.encode(encoding))
    return path


DOC = "某区委办公室\n\n2019年1月2日\n\n某区党建工作要点\n\n一、任务\n\n1. 加强学习。每月学习1次。（区委组织部牵头，各街道配合）\n"


def test_directory_names_and_bad_files(tmp_path, caplog, monkeypatch):
    _write(tmp_path, "b.txt", DOC)
    _write(tmp_path, "a.md", DOC.replace("某区党建工作要点", "某区纪检工作要点"), "utf-8-sig")
    _write(tmp_path, "c.txt", DOC, "gb18030")
    _write(tmp_path, "notes.csv", "x,y\n")  # no loader: ignored
    _write(tmp_path, "names.toml", '["b.txt"]\nshort = "党建要点"\naliases = ["要点"]\n')
    monkeypatch.setattr(loaders, "_LOADERS", dict(loaders._LOADERS))
    loaders.register_loader(".boom", lambda p: (_ for _ in ()).throw(ValueError("broken")))
    _write(tmp_path, "d.boom", "")
    c = load_corpus(tmp_path)
    assert [d.source for d in c.documents] == ["a.md", "b.txt", "c.txt"]
    assert "d.boom" in caplog.text
    a, b, gb = c.documents
    assert (b.short_name, b.aliases) == ("党建要点", ("要点",))
    assert a.short_name == "某区纪检工作要点" and a.title == "某区纪检工作要点"
    assert gb.item(1).units.lead == ("区委组织部",)
    assert a.item(1).units.cooperate == ("各街道",)


def test_missing_directory_gives_empty_corpus(tmp_path):
    assert load_corpus(tmp_path / "missing").documents == ()


def test_loader_registry(monkeypatch):
    monkeypatch.setattr(loaders, "_LOADERS", dict(loaders._LOADERS))
    assert {".txt", ".md"} <= set(loaders.supported_suffixes())
    loaders.register_loader("xyz", lambda p: "x")
    assert ".xyz" in loaders.supported_suffixes()


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("党建".encode(), "党建"),
        ("\ufeff党建".encode(), "党建"),
        ("党建".encode("gb18030"), "党建"),
        ("党建".encode("utf-16"), "党建"),
    ],
)
def test_decode_text(data, text):
    assert loaders.decode_text(data) == text


def test_bundled_dir_constant():
    assert corpus.BUNDLED_DIR.is_dir()
