"""The persisted index: reused when unchanged, rebuilt per document, never trusted when damaged."""

import json
import logging

import pytest

from index import build, persist
from index.searcher import open_searcher
from tests.index import fakes


@pytest.fixture
def jieba_calls(monkeypatch):
    """Which documents were re-tokenised with jieba."""
    calls = []
    real = build.JiebaWords.words

    def words(self, text):
        calls.append(text)
        return real(self, text)

    monkeypatch.setattr(build.JiebaWords, "words", words)
    return calls


def test_second_open_loads_without_tokenising(small_corpus, index_dir, jieba_calls):
    open_searcher(small_corpus, index_dir, embedding_model=None)
    assert jieba_calls
    jieba_calls.clear()
    s = open_searcher(small_corpus, index_dir, embedding_model=None)
    assert jieba_calls == []
    assert s.search("河洛清风大讲堂", 1)[0].passage.locator == "第9项"


def test_changed_document_is_the_only_one_retokenised(index_dir, jieba_calls):
    import dataclasses

    yx, ly = fakes.yuexiu(), fakes.luoyang()
    open_searcher(fakes.corpus(yx, ly), index_dir, embedding_model=None)
    jieba_calls.clear()
    item = dataclasses.replace(ly.items[0], text=ly.items[0].text + "每年开展1次述职评议。")
    ly2 = dataclasses.replace(ly, items=(item, *ly.items[1:]))
    s = open_searcher(fakes.corpus(yx, ly2), index_dir, embedding_model=None)
    assert jieba_calls and all("越秀" not in t and "苏佩" not in t for t in jieba_calls)
    assert len(jieba_calls) == len([p for p in s.passages if p.source == "luoyang.txt"])
    assert s.search("述职评议", 1)[0].passage.source == "luoyang.txt"
    assert len(list((index_dir / "words").glob("*luoyang*"))) == 1  # the old version was pruned


def test_new_document_is_added_without_redoing_others(index_dir, jieba_calls):
    open_searcher(fakes.corpus(fakes.yuexiu()), index_dir, embedding_model=None)
    jieba_calls.clear()
    s = open_searcher(fakes.corpus(fakes.yuexiu(), fakes.luoyang()), index_dir, embedding_model=None)
    assert len(jieba_calls) == len([p for p in s.passages if p.source == "luoyang.txt"])


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncate"])
def test_corrupt_bm25_files_are_rebuilt(small_corpus, index_dir, damage, caplog):
    open_searcher(small_corpus, index_dir, embedding_model=None)
    for f in (index_dir / "bm25").iterdir():
        data = f.read_bytes()
        f.write_bytes({"garbage": b"\x00not an index", "empty": b"", "truncate": data[: len(data) // 2]}[damage])
    with caplog.at_level(logging.WARNING):
        s = open_searcher(small_corpus, index_dir, embedding_model=None)
    assert s.search("民主生活会", 1)[0].passage.locator == "第6项"
    assert "重建" in caplog.text
    assert open_searcher(small_corpus, index_dir, embedding_model=None).search("民主生活会", 1)


def test_corrupt_manifest_and_word_cache_are_rebuilt(small_corpus, index_dir):
    open_searcher(small_corpus, index_dir, embedding_model=None)
    (index_dir / "manifest.json").write_text("{not json", encoding="utf-8")
    for f in (index_dir / "words").iterdir():
        f.write_text("[[1, 2", encoding="utf-8")
    s = open_searcher(small_corpus, index_dir, embedding_model=None)
    assert s.search("三会一课", 1)[0].passage.locator == "第1项"
    assert json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))["passages"] == len(s.passages)


def test_index_from_another_corpus_is_not_trusted(index_dir):
    open_searcher(fakes.corpus(fakes.luoyang()), index_dir, embedding_model=None)
    manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    s = open_searcher(fakes.corpus(fakes.yuexiu(), fakes.luoyang()), index_dir, embedding_model=None)
    assert persist.read_manifest(index_dir)["corpus_hash"] != manifest["corpus_hash"]
    assert s.search("苏佩", 1)[0].passage.locator == "附件1 第1行"


def test_unwritable_index_dir_still_searches(small_corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError):
        (blocker / "index").mkdir(parents=True)
    s = open_searcher(small_corpus, blocker / "index", embedding_model=None)
    assert s.search("三会一课", 1)
