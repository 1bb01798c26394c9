"""Rendering answers for Telegram: escaping, bold, splitting, callback tokens (no network)."""

import re

import pytest

from handlers.render import LIMIT, split_text, to_html
from handlers.tokens import CallbackTokens


@pytest.mark.parametrize("text, html", [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("A & B <b>粗</b>", "A &amp; B &lt;b&gt;粗&lt;/b&gt;"),
    ("牵头单位：【区委组织部】。", "牵头单位：<b>区委组织部</b>。"),
    ("【<i>注入</i>】", "<b>&lt;i&gt;注入&lt;/i&gt;</b>"),
    ("**粗体** _斜体_ `代码`", "**粗体** _斜体_ `代码`"),
    ("😀 表情", "😀 表情"),
])
def test_to_html_escapes_everything_but_the_highlight(text, html):
    assert to_html(text) == html


def _units(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", [
    "第一句。" * 2000,  # 8 000 characters of short sentences
    "没有标点" * 2500,  # 10 000 characters without a sentence end
    "<&>" * 3000,  # escapes grow five-fold
    "😀" * 5000,  # two UTF-16 units each
    "【" + "重点句子。" * 1500 + "】后文。",  # a highlight longer than one message
])
def test_split_text_keeps_every_message_under_the_limit(text):
    chunks = split_text(text)
    assert len(chunks) > 1
    for chunk in chunks:
        assert _units(to_html(chunk)) <= LIMIT
        assert to_html(chunk).count("<b>") == to_html(chunk).count("</b>")
    assert "".join(chunks).replace("【", "").replace("】", "") == text.replace("【", "").replace("】", "")


def test_split_text_cuts_at_sentence_boundaries():
    text = "".join(f"第{n}句话说明一件事情，内容比较长。" for n in range(400))
    chunks = split_text(text)
    assert len(chunks) > 1 and all(c.endswith("。") for c in chunks)


def test_short_text_is_one_message():
    assert split_text("第17项由区委组织部牵头。") == ["第17项由区委组织部牵头。"]


@pytest.mark.parametrize("text, chunks", [
    ("", ["（空）"]),
    ("  \n", ["（空）"]),
    ("牵头单位：【区委组织部", ["牵头单位：【区委组织部】"]),  # an open highlight is closed, as in a long reply
    ("第一句。\n\n第二句！第三句？", ["第一句。\n\n第二句！第三句？"]),
    ("<&>" * 306, ["<&>" * 306]),  # 3 978 units of HTML: just fits
    ("<&>" * 307, None),  # 3 991 units: does not, cut like any long reply
])
def test_a_reply_that_fits_is_one_message_as_it_was(text, chunks):
    """One message when the whole HTML fits (the fast path), the same chunks as sentence by sentence."""
    got = split_text(text)
    if chunks is None:
        assert len(got) > 1 and all(_units(to_html(c)) <= LIMIT for c in got)
    else:
        assert got == chunks


def test_tokens_resolve_only_in_their_chat_and_action():
    tokens = CallbackTokens()
    data = tokens.issue("item", 42, ("越秀工作要点", 17))
    assert len(data.encode()) <= 64 and re.fullmatch(r"item:[\w-]+", data)
    assert tokens.resolve(data, 42) == ("item", ("越秀工作要点", 17))
    assert tokens.resolve(data, 43) is None  # pressed in another chat
    assert tokens.resolve(data.replace("item", "ask"), 42) is None  # action swapped
    assert tokens.resolve("item:AAAAAAAAAAA", 42) is None  # forged
    assert tokens.resolve("'; DROP TABLE users; --", 42) is None
    assert tokens.resolve(None, 42) is None


def test_tokens_expire_oldest_first():
    tokens = CallbackTokens(capacity=2)
    first = tokens.issue("ask", 1, "a")
    tokens.issue("ask", 1, "b")
    tokens.issue("ask", 1, "c")
    assert tokens.resolve(first, 1) is None
