"""The parsed corpus cached in the data dir (assistant/documents/corpus_cache.py): used while nothing it depends
on changed, parsed again as soon as a document, an upload or the parser itself changes, and never an
error when the cache is damaged or cannot be written."""

import shutil

import pytest

import corpus.library
from assistant.documents import corpus_cache
from assistant.documents.corpus_cache import CACHE_FILE, corpus_key, load_corpus_cached
from corpus import BUNDLED_DIR


@pytest.fixture
def folders(tmp_path):
    docs, uploads, cache = tmp_path / "corpus", tmp_path / "data" / "uploads", tmp_path / "data" / "cache"
    docs.mkdir()
    for name in ("names.toml", "haizhu-urban-management-grassroots-three-year-plan.txt",
                 "luoyang-organ-party-building-opinions-2020.txt"):  # two documents: each test parses a few times
        shutil.copy(BUNDLED_DIR / name, docs / name)
    return docs, uploads, cache


@pytest.fixture
def parses(monkeypatch):
    """Counts the real parser's runs."""
    calls, real = [], corpus.library.load_corpus

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(corpus.library, "load_corpus", counting)
    return calls


def _items(parsed, short_name):
    return {it.number: it.text for it in next(d for d in parsed.documents if d.short_name == short_name).main_items}


def test_second_load_comes_from_the_cache_and_equals_a_fresh_parse(folders, parses):
    docs, uploads, cache = folders
    first = load_corpus_cached(docs, uploads, cache)
    assert len(parses) == 1 and (cache / CACHE_FILE).is_file()
    again = load_corpus_cached(docs, uploads, cache)
    assert len(parses) == 1  # not parsed again
    assert again == first and again is not first
    assert again == corpus.library.load_corpus(docs, uploads)  # what parsing gives today


def test_an_edited_document_is_parsed_again(folders, parses):
    docs, uploads, cache = folders
    before = _items(load_corpus_cached(docs, uploads, cache), "洛阳机关党建意见")
    path = docs / "luoyang-organ-party-building-opinions-2020.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("道德模范", "时代楷模"), encoding="utf-8")
    after = _items(load_corpus_cached(docs, uploads, cache), "洛阳机关党建意见")
    assert len(parses) == 2
    assert "时代楷模" not in before[17] and "时代楷模" in after[17]


def test_an_upload_or_a_removed_document_changes_the_key(folders, parses):
    docs, uploads, cache = folders
    n = len(load_corpus_cached(docs, uploads, cache).documents)
    uploads.mkdir(parents=True)
    (uploads / "new-plan.txt").write_text("关于印发新方案的通知\n\n一、认真学习。（区委办牵头）\n", encoding="utf-8")
    assert len(load_corpus_cached(docs, uploads, cache).documents) == n + 1
    (uploads / "new-plan.txt").unlink()
    next(p for p in docs.iterdir() if p.name.startswith("luoyang")).unlink()
    assert len(load_corpus_cached(docs, uploads, cache).documents) == n - 1
    assert len(parses) == 3


def test_a_changed_parser_changes_the_key(folders, monkeypatch, tmp_path):
    docs, uploads, _ = folders
    parser = tmp_path / "parser"
    shutil.copytree(corpus_cache._PARSER_DIR, parser, ignore=shutil.ignore_patterns("documents", "__pycache__"))
    monkeypatch.setattr(corpus_cache, "_PARSER_DIR", parser)
    key = corpus_key(docs, uploads)
    assert corpus_key(docs, uploads) == key
    (parser / "parse.py").write_text((parser / "parse.py").read_text(encoding="utf-8") + "\n# changed\n",
                                     encoding="utf-8")
    assert corpus_key(docs, uploads) != key


def test_a_damaged_cache_is_parsed_again_and_replaced(folders, parses):
    docs, uploads, cache = folders
    good = load_corpus_cached(docs, uploads, cache)
    path = cache / CACHE_FILE
    key = path.read_bytes().split(b"\n", 1)[0]
    path.write_bytes(key + b"\nnot a pickle")
    assert load_corpus_cached(docs, uploads, cache) == good
    assert len(parses) == 2
    assert load_corpus_cached(docs, uploads, cache) == good and len(parses) == 2  # the file was rewritten


def test_a_cache_that_cannot_be_written_still_answers(folders, parses):
    docs, uploads, cache = folders
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the cache directory should be", encoding="utf-8")
    first = load_corpus_cached(docs, uploads, cache)
    assert first.documents and load_corpus_cached(docs, uploads, cache) == first
    assert len(parses) == 2  # parsed each time, no error


def test_a_document_skipped_this_time_is_not_cached_without_it(folders, parses, monkeypatch):
    """A .doc read while LibreOffice was missing or timed out is skipped; caching that corpus kept the
    document out of every later answer until some file changed (found by the hostile pass, 7 December)."""
    docs, uploads, cache = folders
    (docs / "extra.txt").write_text("第一次读不出来的文件\n一、加强组织建设。\n", encoding="utf-8")
    real = corpus.library.load_document

    def unreadable_once(path, names=None):
        if path.name == "extra.txt":
            raise RuntimeError("LibreOffice busy")
        return real(path, names)

    monkeypatch.setattr(corpus.library, "load_document", unreadable_once)
    first = load_corpus_cached(docs, uploads, cache)
    assert first.skipped == ("extra.txt",) and len(first.documents) == 2
    monkeypatch.setattr(corpus.library, "load_document", real)  # LibreOffice is back
    second = load_corpus_cached(docs, uploads, cache)
    assert len(second.documents) == 3 and not second.skipped
    assert len(parses) == 2


@pytest.mark.parametrize(("suffix", "package"), [(".docx", "python-docx"), (".pdf", "pdfplumber"),
                                                 (".pdf", "pdfminer.six"), (".doc", "python-docx")])
def test_a_new_version_of_an_office_reader_changes_the_key(folders, monkeypatch, suffix, package):
    """Failure: the key hashed the files and the parser's source only, so after a python-docx or
    pdfplumber upgrade a corpus with .docx/.pdf files kept the text the old reader had extracted."""
    from importlib import metadata

    docs, uploads, _ = folders
    (docs / f"方案{suffix}").write_bytes(b"PK\x03\x04 not really")
    before = corpus_key(docs, uploads)
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "999.0" if name == package else real(name))
    assert corpus_key(docs, uploads) != before


def test_plain_text_folders_do_not_depend_on_the_office_readers(folders, monkeypatch):
    from importlib import metadata

    docs, uploads, _ = folders
    before = corpus_key(docs, uploads)
    monkeypatch.setattr(metadata, "version", lambda name: "999.0")
    assert corpus_key(docs, uploads) == before
