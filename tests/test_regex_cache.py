"""bot/regex_cache.py: patterns built from the cache file are the patterns `re` builds."""

from __future__ import annotations

import re

import pytest

from bot import regex_cache

PATTERNS = [
    (r"^(?P<units>.+?)(?:为|是|作为)(?P<label>牵头单位|责任单位)$", 0),
    (r"[\u4e00-\u9fff]{2,3}?(?:同志)?(?:负责联系|挂点)", 0),
    (r"第\s*([0-9]+|[零〇一二三四五六七八九十百]+)\s*项", re.I),
    (r"(?<=[部门位])(?=各)", 0),
    (r"\bbot\b|小助手", re.I | re.M),
    (rb"^\x00[a-f]+$", 0),
]
TEXTS = ["区委组织部为牵头单位", "苏佩同志负责联系哪个社区", "第 17 项", "第十七项", "区委办各部门", "BOT 小助手", b"\x00abc"]


def _fresh(tmp_path):
    regex_cache.uninstall()
    re.purge()  # re's own in-process cache would hide the compiler
    assert regex_cache.install(tmp_path)


def _results(compiled):
    out = []
    for p in compiled:
        for t in TEXTS:
            if isinstance(t, bytes) != isinstance(p.pattern, bytes):
                continue
            m = p.search(t)
            out.append(None if m is None else (m.span(), m.groups(), m.groupdict()))
    return out


@pytest.fixture
def cache(tmp_path):
    yield tmp_path
    regex_cache.uninstall()
    re.purge()


def test_a_second_process_builds_the_same_patterns_from_the_file(cache):
    expected = [re.compile(p, f) for p, f in PATTERNS]
    _fresh(cache)
    first = [re.compile(p, f) for p, f in PATTERNS]
    assert len(regex_cache._state["new"]) == len(PATTERNS)
    regex_cache.save()
    assert regex_cache.cache_path(cache).is_file()
    _fresh(cache)  # as the next process: everything from the file, nothing compiled
    second = [re.compile(p, f) for p, f in PATTERNS]
    assert regex_cache._state["new"] == {}
    for a, b, c in zip(expected, first, second, strict=True):
        assert (a.pattern, a.flags, a.groups, a.groupindex) == (c.pattern, c.flags, c.groups, c.groupindex)
        assert isinstance(c, re.Pattern) and b.pattern == c.pattern
    assert _results(expected) == _results(second)


def test_a_bad_file_only_costs_the_time(cache):
    regex_cache.cache_path(cache).write_bytes(b"\x00not marshal")
    _fresh(cache)
    assert re.compile(PATTERNS[0][0]).match("区委组织部为牵头单位").group("units") == "区委组织部"
    regex_cache.save()  # replaced by a good file
    _fresh(cache)
    re.compile(PATTERNS[0][0])
    assert regex_cache._state["new"] == {}


def test_an_unwritable_cache_dir_is_not_an_error(cache):
    blocker = cache / "file"
    blocker.write_text("x")
    _fresh(blocker / "sub")  # a directory cannot be created under a file
    re.compile(PATTERNS[1][0])
    regex_cache.save()
    assert not (blocker / "sub").exists()


def test_only_the_docbot_program_installs_it(monkeypatch, tmp_path, capsys):
    from bot import cli

    monkeypatch.setenv("DOCBOT_DATA_DIR", str(tmp_path))
    regex_cache.uninstall()
    cli.main(["docs"])  # a test or a library calling main(argv): `re` untouched
    assert regex_cache._state is None
