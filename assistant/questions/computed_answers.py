"""Answers that compute one step from the parsed model, always with the rule or the rows they used:
a score placed in the grade bands a document defines, counts (items a unit leads, points of a kind in
a contact-point table, leaders in it), and cross-document questions answered one line per document.

Pure functions over the corpus; the grade bands are read from whatever sentence defines them ("90分
（含）以上的为“优秀”等次，75分（含）至90分（不含）为“良好”等次…"), never from a list in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.documents.names import name_key
from assistant.questions.answer import Answer, Citation
from corpus.model import Document
from corpus.vocabulary import one_of
from corpus.vocabulary_questions import BAND_NOUNS, BAND_VERBS

_INCL = r"[（(]\s*含\s*[）)]"
_EXCL = r"[（(]\s*不含\s*[）)]"
_GRADE = rf"[“\"]?([\u4e00-\u9fff]{{2,4}}?)[”\"]?(?:{one_of(BAND_NOUNS)})"
_ASSIGNS = f"(?:{one_of(BAND_VERBS)})"
_ABOVE = re.compile(rf"(\d+(?:\.\d+)?)\s*分\s*{_INCL}?\s*以上(?:的)?{_ASSIGNS}\s*{_GRADE}")
_RANGE = re.compile(rf"(\d+(?:\.\d+)?)\s*分\s*{_INCL}\s*(?:至|到|-|—|~)\s*(\d+(?:\.\d+)?)\s*分\s*{_EXCL}\s*"
                    rf"(?:的)?{_ASSIGNS}\s*{_GRADE}")
_BELOW = re.compile(rf"(\d+(?:\.\d+)?)\s*分\s*{_EXCL}?\s*以下(?:的)?{_ASSIGNS}\s*{_GRADE}")


@dataclass(frozen=True)
class Band:
    grade: str
    low: float | None  # inclusive
    high: float | None  # exclusive
    citation: Citation

    def holds(self, score: float) -> bool:
        return (self.low is None or score >= self.low) and (self.high is None or score < self.high)

    @property
    def rule(self) -> str:
        if self.low is not None and self.high is not None:
            return f"{_num(self.low)}分（含）至{_num(self.high)}分（不含）为“{self.grade}”"
        if self.low is not None:
            return f"{_num(self.low)}分（含）以上为“{self.grade}”"
        return f"{_num(self.high)}分以下为“{self.grade}”"


def _num(x: float | None) -> str:
    return str(int(x)) if x is not None and x == int(x) else str(x)


def _passages(doc: Document):
    for it in doc.items:
        yield it.text, it.locator
    for p in doc.paragraphs:
        yield p.text, p.locator


@lru_cache(maxsize=8)
def grade_bands(documents: tuple[Document, ...]) -> tuple[Band, ...]:
    """Every grade band any document defines, with the passage that defines it."""
    bands: list[Band] = []
    for doc in documents:
        for text, locator in _passages(doc):
            if "分" not in text or "等" not in text and "档" not in text:
                continue
            cite = Citation(doc.short_name, doc.source, locator, text, 1.0)
            bands += [Band(m.group(3), float(m.group(1)), float(m.group(2)), cite) for m in _RANGE.finditer(text)]
            bands += [Band(m.group(2), float(m.group(1)), None, cite) for m in _ABOVE.finditer(text)]
            bands += [Band(m.group(2), None, float(m.group(1)), cite) for m in _BELOW.finditer(text)]
    return tuple(bands)


_FULL = re.compile(r"满分(?:为|是)?\s*(\d+)\s*分")


@lru_cache(maxsize=8)
def full_marks(documents: tuple[Document, ...]) -> tuple[float, Citation] | None:
    """The full mark a document states ("满分为100分"), with its passage; None when none is stated."""
    for doc in documents:
        for text, locator in _passages(doc):
            if (m := _FULL.search(text)) is not None:
                return float(m.group(1)), Citation(doc.short_name, doc.source, locator, text, 1.0)
    return None


def answer_score(question: str, score: float, documents: tuple[Document, ...], *, below: bool = False) -> Answer:
    """The band ``score`` falls in ("60分以下" with ``below``: just under it), with the defining rule."""
    bands = grade_bands(documents)
    if not bands:
        return Answer(question, "score_band", False, "文件中没有找到考核等次的划分标准。")
    full = full_marks(documents)
    if full is not None and score > full[0]:  # "考核1000分": not a score the documents allow
        return Answer(question, "score_band", False,
                      f"{_num(score)}分超出满分（{_num(full[0])}分，见{full[1].document} {full[1].locator}），请检查分数。")
    said = f"{_num(score)}分" + ("以下" if below else "")
    hits = [b for b in bands if b.holds(score - 1e-6 if below else score)]
    if not hits:
        return Answer(question, "score_band", False, f"{said}不在文件规定的任何等次区间内。")
    lines, cites = [], []
    for b in hits:
        lines.append(f"{said}属于“{b.grade}”等次（{b.rule}）。")
        cites.append(b.citation)
    rules = "；".join(dict.fromkeys(b.rule for b in bands if b.citation == hits[0].citation))
    lines.append(f"依据：{rules}。")
    return Answer(question, "score_band", True, tuple(lines), tuple(dict.fromkeys(cites)))


def count_answer(question: str, summary: str, number: int, rule: str, citations: tuple[Citation, ...], *,
                 number_only: bool) -> Answer:
    """"组织部牵头几项" → "区委组织部牵头的工作共N项。" + what was counted; "只要数字" → the number."""
    body = (str(number),) if number_only else (summary, rule)
    return Answer(question, "count", True, body, citations, sources="by_document")


def cross_document(question: str, topic: str, searcher, documents: tuple[Document, ...], *,
                   min_coverage: float) -> Answer:
    """The best passage on ``topic`` in each document that has one, one line per document."""
    hits = searcher.search(topic, k=40) if searcher is not None else []
    best: dict[str, object] = {}
    for h in hits:
        if h.coverage >= min_coverage and h.passage.document not in best and mentions_topic(topic, h.passage.text):
            best[h.passage.document] = h
    if not best:
        return Answer(question, "cross_document", False, f"没有哪份文件提到“{topic}”。")
    from assistant.questions.search_answers import (
        quote,  # search code loads with a search, not with a structured answer
    )

    order = {d.short_name: i for i, d in enumerate(documents)}
    lines, cites = [f"{len(best)}份文件提到“{topic}”："], []
    for name, h in sorted(best.items(), key=lambda kv: order.get(kv[0], 99)):
        lines.append(f"· 《{name}》{h.passage.locator}：{quote(topic, h, searcher.term_weight)}")
        cites.append(Citation(name, h.passage.source, h.passage.locator, h.passage.text, round(float(h.score), 4)))
    return Answer(question, "cross_document", True, tuple(lines), tuple(cites))


TOPIC_SHARE = 0.5  # of a long topic's two-character pieces a passage must hold to "mention" it


def mentions_topic(topic: str, text: str) -> bool:
    """"哪些文件提到党费": a short topic must occur as written (党建经费 is not 党费); a long one
    ("专职党务干部配备比例") by at least half of its two-character pieces, as documents word it their way."""
    t, k = name_key(text), name_key(topic)
    if len(k) <= 4:
        return k in t
    pieces = [k[i:i + 2] for i in range(len(k) - 1)]
    return sum(p in t for p in pieces) >= TOPIC_SHARE * len(pieces)
