"""The obligations calendar: every time rule the documents state — 每月, 每季度, 每半年, 每年,
"每年12月10日前", "12月底前", "于2018年12月25日前" — read from the parsed model (items and paragraphs,
sentence by sentence), with the responsible unit and a citation, and which of them fall due in a month.

Units: an item's parsed units (lead first); for running text, the sentence's subject ("各牵头部门……请于
每年的12月10日前报区党廉办" → 各牵头部门). Nothing per document: a new document's rules appear by
themselves.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from assistant.questions.render import source_line
from corpus.numerals import chinese_to_int
from corpus.vocabulary import one_of
from corpus.vocabulary_records import (
    BEFORE_WORDS,
    NAME_CONTINUATIONS,
    NOT_AFTER_BU,
    NOT_SUBJECT_STARTS,
    SUBJECT_UNIT_SCOPES,
    YEARLY_REPORTS,
    subject_unit_end,
)

_N = r"(\d{1,4}|[一二三四五六七八九十〇]{1,4})"
# (kind, pattern): the first match in a sentence wins, dates before frequencies
_BEFORE = f"(?:{one_of(BEFORE_WORDS)})"
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("once", re.compile(r"(?:于|在)?" + _N + r"年" + _N + r"月(?:" + _N + r"日|底)" + _BEFORE)),
    ("yearly_date", re.compile(r"每年(?:的)?" + _N + r"月(?:" + _N + r"日|底)" + _BEFORE)),
    ("dated", re.compile(r"(?<![年\d])" + _N + r"月(?:" + _N + r"日|底)" + _BEFORE)),
    ("monthly", re.compile(r"每(?:个)?月|按月")),
    ("quarterly", re.compile(r"每(?:个)?季度?|按季度?")),
    ("halfyear", re.compile(r"每半年")),
    ("yearly", re.compile(f"每年(?:度)?|一年一次|年度(?={one_of(YEARLY_REPORTS)})")),
)
_SENTENCE = re.compile(r"[^。；;！!]+[。；;！!]?")
_UNIT_END = subject_unit_end()
# the shortest run of characters ending like a unit; then its continuation ("…办" + "公室", "小组" + "办公室")
_UNIT = rf"((?:{one_of(SUBJECT_UNIT_SCOPES)})?[\u4e00-\u9fff][\u4e00-\u9fff、“”]{{0,17}}?" + _UNIT_END + ")"
_MORE = re.compile(rf"^(?:{one_of(NAME_CONTINUATIONS)}|[\u4e00-\u9fff]{{2}}部(?!{one_of(NOT_AFTER_BU)}))")  # 市委+组织部
# "由区国资局牵头…": the unit named as the one who does it, anywhere in the sentence
_BY = re.compile(r"由" + _UNIT)
# otherwise the sentence's subject, after any numbering ("七、", "（一）") and a lead-in (…。)
_HEAD = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:[^，。；]{0,12}。)?")
_SUBJECT = re.compile(_UNIT)
_NOT_UNIT = NOT_SUBJECT_STARTS
KIND_NAMES = {"once": "一次性期限", "yearly_date": "每年", "dated": "期限", "monthly": "每月", "quarterly": "每季度",
              "halfyear": "每半年", "yearly": "每年"}


@dataclass(frozen=True)
class Obligation:
    document: str  # short name
    locator: str  # 第17项 / 附件1 （四）加强经验总结 第17段
    units: tuple[str, ...]
    kind: str  # once | yearly_date | dated | monthly | quarterly | halfyear | yearly
    rule: str  # the time phrase as written: "每年的12月10日前"
    quote: str  # the sentence
    month: int = 0  # for dated rules
    day: int = 0  # 0 = end of month
    year: int = 0  # for one-off deadlines

    @property
    def citation(self) -> str:
        return f"《{self.document}》{self.locator}"

    @property
    def when(self) -> str:
        if self.kind in ("once", "yearly_date", "dated"):
            return f"{self.month}月{self.day}日前" if self.day else f"{self.month}月底前"
        return KIND_NAMES[self.kind]

    def to_json(self) -> dict:
        return {**asdict(self), "units": list(self.units), "citation": self.citation, "when": self.when}


def _int(s: str | None) -> int:
    if not s:
        return 0
    return int(s) if s.isdigit() else (chinese_to_int(s) or 0)


def _doc_year(date_text: str) -> int:
    m = re.search(r"(\d{4}|[〇一二三四五六七八九]{4})\s*年", date_text or "")
    if not m:
        return 0
    digits = m.group(1)
    return int(digits) if digits.isdigit() else int("".join(str("〇一二三四五六七八九".index(c)) for c in digits))


def rules_in(sentence: str) -> list[tuple[str, re.Match[str]]]:
    """The time rule of a sentence: a date if it states one, else its frequency (at most one)."""
    for kind, pattern in _RULES:
        if m := pattern.search(sentence):
            return [(kind, m)]
    return []


def _whole(m: re.Match[str], text: str) -> tuple[str, ...]:
    """The unit with its continuation, and the units listed after it ("区资源生态局、市场监管局")."""
    units, rest = [m.group(1)], text[m.end():]
    while True:
        if more := _MORE.match(rest):
            units[-1], rest = units[-1] + more.group(0), rest[more.end():]
        elif rest.startswith("、") and (nxt := _SUBJECT.match(rest[1:])) and len(units) < 8:
            units.append(nxt.group(1))
            rest = rest[1 + nxt.end():]
        else:
            return tuple(units)


def subjects_of(sentence: str) -> tuple[str, ...]:
    """The units a sentence makes responsible: "由X、Y…", else its subject when that is a unit."""
    if m := _BY.search(sentence):
        return _whole(m, sentence)
    rest = sentence[_HEAD.match(sentence).end():].strip()
    m = _SUBJECT.match(rest)
    return _whole(m, rest) if m and not m.group(1).startswith(_NOT_UNIT) else ()


def subject_of(sentence: str) -> str:
    got = subjects_of(sentence)
    return got[0] if got else ""


def _from_text(doc, locator: str, text: str, units: tuple[str, ...], year: int) -> Iterable[Obligation]:
    for sentence in _SENTENCE.findall(text):
        for kind, m in rules_in(sentence):
            who = units or subjects_of(sentence)
            month, day, y = 0, 0, 0
            if kind == "once":
                y, month, day = _int(m.group(1)), _int(m.group(2)), _int(m.group(3))
            elif kind in ("yearly_date", "dated"):
                month, day = _int(m.group(1)), _int(m.group(2))
                if kind == "dated" and "每年" not in sentence:
                    kind, y = "once", year  # "12月底前" in a dated plan is that year's deadline
                    if not y:
                        kind = "yearly_date"
                elif kind == "dated":
                    kind = "yearly_date"
            if month and not 1 <= month <= 12:
                continue
            yield Obligation(doc.short_name, locator, who, kind, m.group(0), sentence.strip(), month, day, y)


def obligations_of(documents: Iterable) -> list[Obligation]:
    out: list[Obligation] = []
    for doc in documents:
        year = _doc_year(getattr(doc, "date", ""))
        for item in doc.items:
            units = tuple(dict.fromkeys((*item.units.lead, *item.units.all)))
            found = list(_from_text(doc, item.locator, item.text, units, year))
            # The parser's own time fields (Item.deadline / .frequency, e.g. a 完成时限 table cell that is
            # not in the item's text): read when the text itself states no rule.
            for written in (getattr(item, "deadline", ""), getattr(item, "frequency", "")):
                if written and not found:
                    found = [dataclasses.replace(o, quote=f"{item.heading or item.text[:60]}（{written}）")
                             for o in _from_text(doc, item.locator, written, units, year)]
            out += found
        for para in doc.paragraphs:
            out += _from_text(doc, f"{para.locator}", para.text, (), year)
    return out


def falls_in(o: Obligation, year: int, month: int) -> bool:
    """Whether ``o`` falls due in that month. A yearly duty with no date ("每年至少召开1次") is due in no
    particular month: it is listed once, under 全年 (``yearly_undated``), not as a December deadline."""
    if o.kind == "once":
        return (o.year, o.month) == (year, month)
    if o.kind == "yearly_date":
        return o.month == month
    return {"monthly": True, "quarterly": month % 3 == 0, "halfyear": month in (6, 12)}.get(o.kind, False)


def matches_unit(o: Obligation, unit: str | None) -> bool:
    return not unit or any(unit in u or u in unit for u in o.units)


def due_in_month(obligations: Iterable[Obligation], year: int, month: int, *, unit: str | None = None) -> list[Obligation]:
    """Dated rules first (by day), then the recurring ones."""
    got = [o for o in obligations if falls_in(o, year, month) and matches_unit(o, unit)]
    return sorted(got, key=lambda o: (o.kind not in ("once", "yearly_date"), o.day or 31, o.document, o.locator))


def yearly_undated(obligations: Iterable[Obligation], *, unit: str | None = None) -> list[Obligation]:
    """Each yearly duty without a date once (one per item: an item may state "每年" twice)."""
    got = {(o.document, o.locator): o for o in obligations if o.kind == "yearly" and matches_unit(o, unit)}
    return sorted(got.values(), key=lambda o: (o.document, o.locator))


YEAR_WORD = "全年"


def _lines(found: list[Obligation], limit: int) -> list[str]:
    return [f"• {o.when}｜{'、'.join(o.units) or '（未写明单位）'}｜{o.quote[:80]}\n{source_line(o.citation, '  ')}"
            for o in found[:limit]]


def render_month(found: list[Obligation], year: int, month: int, *, unit: str | None = None, limit: int = 60,
                 more: str = "", yearly: int = 0, yearly_hint: str = "") -> str:
    """``more``: how this surface shows the rest past ``limit`` (the CLI's --json, a chat's narrower
    /calendar); ``yearly``: how many undated yearly duties there are, pointed to with ``yearly_hint``."""
    who = f"（{unit}）" if unit else ""
    tail = [f"另有{yearly}项每年要做、未写明日期的工作，列在“{YEAR_WORD}”下：{yearly_hint}"] if yearly else []
    if not found:
        return "\n".join([f"{year}年{month}月{who}：文件中没有找到到期的工作事项。", *tail])
    lines = [f"{year}年{month}月到期的工作事项{who}，共{len(found)}项：", *_lines(found, limit)]
    if len(found) > limit:
        lines.append(f"……另有{len(found) - limit}项" + (f"，{more}" if more else "。"))
    return "\n".join(lines + tail)


def render_year(found: list[Obligation], *, unit: str | None = None, limit: int = 60, more: str = "") -> str:
    who = f"（{unit}）" if unit else ""
    if not found:
        return f"{YEAR_WORD}{who}：文件中没有未写明日期的每年工作事项。"
    lines = [f"{YEAR_WORD}（每年要做、文件未写明日期）的工作事项{who}，共{len(found)}项：", *_lines(found, limit)]
    if len(found) > limit:
        lines.append(f"……另有{len(found) - limit}项" + (f"，{more}" if more else "。"))
    return "\n".join(lines)
