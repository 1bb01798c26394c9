"""What one (cleaned) line is: a part heading, a section heading, a numbered item, a table row…

Pure regexes over single lines; the parser (corpus/parse.py) decides what the sequence means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int
from corpus.text import first_sentence, has_sentence_punct, join_cjk_spaces
from corpus.unit_sites import is_units_parenthesis
from corpus.units import UNITS_LINE, split_top
from corpus.vocabulary import ARTICLE_NOUN, CHAPTER_NOUNS, H1_MARKS, alternation, genre_end
from corpus.vocabulary_conventions import ITEM_LABEL_NOUNS

_CN = CHINESE_NUMERAL_CHARS
PART = re.compile(rf"^附\s*件\s*(?P<n>\d{{1,2}}|[{_CN}]{{1,3}})?\s*[:：]?$")
ATTACH_LIST = re.compile(r"^附\s*件\s*(?:\d{1,2}\s*)?[:：]\s*(?P<rest>.*)$")
H1 = re.compile(rf"^(?P<n>[{_CN}]{{1,3}})\s*[{H1_MARKS}]\s*(?P<title>.+)$")
H2 = re.compile(rf"^[（(]\s*(?P<n>[{_CN}]{{1,3}})\s*[）)]\s*(?P<title>.+)$")
CHAPTER = re.compile(rf"^(?P<label>第(?P<n>[{_CN}]{{1,3}})(?:{alternation(CHAPTER_NOUNS)}))\s*(?P<title>\S.*)$")
ARTICLE = re.compile(rf"^第(?P<n>[{_CN}]{{1,4}}){ARTICLE_NOUN}(?:\s+|$|(?=\S))(?P<rest>.*)$")  # "第一条" may stand alone
# After "1." a digit starts a decimal outline ("1.1 编制目的") unless it starts a date ("1.3月20日…").
NOT_DECIMAL = r"(?:(?!\d)|(?=\d{1,2}月|\d{4}年))"
ITEM = re.compile(rf"^(?P<n>\d{{1,3}})\s*(?:[.．、]{NOT_DECIMAL}|[）)])\s*(?P<rest>\S.*)$")
# Decimal outline numbering ("1.1 编制目的", "3.3.1 指挥长由镇长担任…"): the last number within its parent.
DECIMAL = re.compile(r"^(?P<path>\d{1,2}(?:[.．]\d{1,2}){1,3})(?!月)[.．]?\s*"
                     r"(?P<rest>[^\d.．\s%％].*)$")
# "任务1：…", "任务一：…", "事项3." (corpus/vocabulary_conventions.py): an item numbered after its noun.
NOUN_ITEM = re.compile(rf"^(?:{alternation(ITEM_LABEL_NOUNS)})\s*(?P<n>\d{{1,3}}|[{_CN}]{{1,3}})\s*[：:、.．]\s*(?P<rest>\S.*)$")
LIST_ENTRY = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<rest>.+)$")
PIPE_ROW = re.compile(r"^\|.*\|$")
PIPE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
GENRE_END = genre_end()  # a title's last word names its genre (corpus/vocabulary.py)


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the file
    kind: str  # blank / table / part / attach_list / h1 / h2 / item / units / paren_units / text
    text: str  # cleaned text (cells joined by tabs for table rows)
    number: int = 0  # part / section / item number
    rest: str = ""  # the text after the label
    label: str = ""  # a heading label written out in full ("第一章"); "" for 一、/（一）


def part_name(number: str | None) -> str:
    if not number:
        return "附件"
    n = int(number) if number.isdigit() else chinese_to_int(number)
    return f"附件{n}" if n else "附件"


def classify(no: int, text: str) -> Line:
    if not text.strip():
        return Line(no, "blank", "")
    if "\t" in text or PIPE_ROW.match(text) or text.count("|") >= 2:
        return Line(no, "table", text)
    if m := PART.match(text):
        return Line(no, "part", text, rest=part_name(m.group("n")))
    if m := ATTACH_LIST.match(text):
        return Line(no, "attach_list", text, rest=m.group("rest").strip())
    if m := H1.match(text):
        n = chinese_to_int(m.group("n"))
        if n:
            return Line(no, "h1", text, n, m.group("title").strip())
    if m := H2.match(text):
        n = chinese_to_int(m.group("n"))
        if n:
            return Line(no, "h2", text, n, m.group("title").strip())
    if m := DECIMAL.match(text):
        path = m.group("path").replace("．", ".")
        return Line(no, "decimal", text, int(path.rsplit(".", 1)[1]), m.group("rest").strip(), label=path)
    if m := ITEM.match(text):
        return Line(no, "item", text, int(m.group("n")), m.group("rest").strip())
    if (m := NOUN_ITEM.match(text)) and (n := int(m.group("n")) if m.group("n").isdigit() else chinese_to_int(m.group("n"))):
        return Line(no, "item", text, n, m.group("rest").strip())
    if (m := ARTICLE.match(text)) and (n := chinese_to_int(m.group("n"))):
        return Line(no, "item", text, n, m.group("rest").strip(), label=ARTICLE_NOUN)  # regulations: 第十七条 …
    if (m := CHAPTER.match(text)) and chinese_to_int(m.group("n")):
        return Line(no, "h1", text, chinese_to_int(m.group("n")) or 0, m.group("title").strip(),
                    label=m.group("label"))
    if UNITS_LINE.match(text):
        return Line(no, "units", text)
    if text.startswith(("（", "(")) and is_units_parenthesis(text):
        return Line(no, "paren_units", text)
    return Line(no, "text", text)


def is_title_like(text: str, limit: int = 60) -> bool:
    """Short, unpunctuated text: a title or a title fragment, not running text."""
    t = text.strip()
    return bool(t) and len(t) <= limit and not has_sentence_punct(t) and not t.endswith(("：", ":"))


def is_heading_like(text: str) -> bool:
    """An unnumbered heading as used in news articles ("重点解读", "探索实名推荐 倒查“带病提拔”")."""
    t = text.strip()
    if not t or len(t) > 30 or t.startswith(("（", "(", "《", "——", "-")):
        return False
    if "/" in t or t.endswith("摄"):
        return False
    if t.endswith(("：", ":")):
        return len(t) <= 12 and not has_sentence_punct(t[:-1])
    return not has_sentence_punct(t) and not any(c in t for c in "：:")


def title_complete(text: str) -> bool:
    return bool(GENRE_END.search(join_cjk_spaces(text)))


_DOT_ITEM = re.compile(rf"^\s*\d{{1,3}}\s*[.．、]{NOT_DECIMAL}")
_HALF_PAREN_ITEM = re.compile(r"^(\s*)(\d{1,2})\s*[）)]")


_PAREN_ITEM = re.compile(r"^(\s*)[（(](\d{1,2})[）)]\s*")


def sub_levels(raw: list[str]) -> list[str]:
    """Arabic numbering levels by their marker. "1）" lines in a document that also numbers "1." are
    the level below it (written "（1）" so the tree reads them as sub-items, not a second run); in a
    document with neither "1." nor "1）", "（1）" is the deepest level — its items (written "1.")."""
    dots = any(_DOT_ITEM.match(x) for x in raw)
    halves = any(_HALF_PAREN_ITEM.match(x) for x in raw)
    if dots and halves:
        return [_HALF_PAREN_ITEM.sub(r"\1（\2）", x, count=1) for x in raw]
    if not dots and not halves and sum(1 for x in raw if _PAREN_ITEM.match(x)) >= 2:
        return [_PAREN_ITEM.sub(r"\1\2.", x, count=1) for x in raw]
    return raw


_CLAUSE_MARK = re.compile(r"[：:；;]")


def numbered_title(rest: str) -> tuple[str, bool]:
    """(title, has_body) of a numbered line's text: a line with a body after its first sentence (or a
    long sentence) is a numbered paragraph rather than a heading, titled by its lead clause."""
    head = first_sentence(rest)
    # a short line is still a body when it states a duty in clauses ("君山派出所：负责…；…。")
    has_body = (len(head) < len(rest) or (len(rest) > 40 and has_sentence_punct(rest))
                or (rest.endswith(("。", "；", ";")) and bool(_CLAUSE_MARK.search(rest[:-1]))))
    title = join_cjk_spaces(head.rstrip("。！？!?；;"))
    if has_body and len(title) > 30:
        title = split_top(title, "，,")[0]
    return title, has_body
