"""The document rules that records and reminders follow, read from the parsed documents (their items and
paragraphs, bundled or uploaded) so every deadline and schedule quotes the sentence it comes from and
cites it by the model's own locator, as every answer does.

Rules are found by what the sentence says (整改通知 + N个月内, 线索 + N个月内, 每月不少于N次 …), not by
file name, so a new document of the same genre supplies its own numbers. When no document states a
rule the default below applies and the citation says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus.model import Document
from corpus.numerals import chinese_to_int
from corpus.vocabulary_records import CONTACT_POINT_KIND_WORDS, RULE_SENTENCES

KIND_NAMES = {"street": "街道", "department": "部门", "community": "社区", "org": "“两新”组织",
              "school": "学校"}
_KIND_WORDS = CONTACT_POINT_KIND_WORDS


@dataclass(frozen=True)
class Rule:
    key: str  # rectification_notice | clue_feedback | visit_monthly | visit_quarterly | yearly_report | year_end_summary
    name: str  # what it is, in Chinese
    value: int  # months for deadlines; minimum count for visits; day-of-month for yearly dates
    month: int = 0  # for yearly dates (12月10日 → month 12, value 10)
    kinds: tuple[str, ...] = ()  # contact-point kinds a visit rule covers
    document: str = ""  # short name, e.g. 越秀工作要点
    locator: str = ""  # 附件2 / 第32项 / 工作要求
    quote: str = ""  # the sentence as written

    @property
    def citation(self) -> str:
        if not self.document:
            return f"{self.name}（文件中未找到，按默认规则）"
        return f"《{self.document}》{self.locator}：“{self.quote}”"

    @property
    def source(self) -> str:
        return f"《{self.document}》{self.locator}" if self.document else "默认规则"


@dataclass(frozen=True)
class Rules:
    by_key: dict[str, Rule] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Rule:
        return self.by_key.get(key) or DEFAULTS[key]

    def kind_period(self, kind: str) -> str:
        """'month' or 'quarter' for a contact-point kind (quarter when no rule names it)."""
        return "month" if kind in self["visit_monthly"].kinds else "quarter"


DEFAULTS = {
    "rectification_notice": Rule("rectification_notice", "整改通知后书面报告整改情况", 1),
    "clue_feedback": Rule("clue_feedback", "移交问题线索反馈办理情况", 3),
    "visit_monthly": Rule("visit_monthly", "每月联系督导", 1, kinds=("street", "department")),
    "visit_quarterly": Rule("visit_quarterly", "每季度联系督导", 1, kinds=("community", "org", "school")),
    "yearly_report": Rule("yearly_report", "牵头部门年度落实情况报告", 10, month=12),
    "year_end_summary": Rule("year_end_summary", "联系督导点年度全面总结", 31, month=12),
}

_NUM = r"(\d+|[一二两三四五六七八九十]+)"
# (rule key, sentence must contain all of these, pattern whose group 1 (and 2) hold the numbers)
_FINDERS: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
    (key, needs, re.compile(pattern.replace("{n}", _NUM))) for key, needs, pattern in RULE_SENTENCES]


def _kinds(clause: str) -> tuple[str, ...]:
    return tuple(k for k, w in _KIND_WORDS.items() if w in clause)


def _passages(doc: Document) -> list[tuple[str, str]]:
    """(locator, text) of the document's numbered items and running paragraphs, in reading order: the
    parsed model's own units and citations (the same locators every answer cites)."""
    units = [(it.line_start, it.locator, it.text) for it in doc.items]
    units += [(p.line_start, p.locator, p.text) for p in doc.paragraphs]
    return [(locator, text) for _, locator, text in sorted(units, key=lambda u: u[0])]


def rules_from_document(doc: Document) -> dict[str, Rule]:
    """Rules stated in one parsed document, each citing the item or paragraph that states it."""
    found: dict[str, Rule] = {}
    for locator, text in _passages(doc):
        for sentence in re.split(r"(?<=[。；])", text):
            for key, needs, pattern in _FINDERS:
                if key in found or not all(n in sentence for n in needs):
                    continue
                m = pattern.search(sentence)
                if not m:
                    continue
                nums = [chinese_to_int(g) or 0 for g in m.groups()]
                rule = replace(DEFAULTS[key], document=doc.short_name, locator=locator, quote=sentence.strip())
                if key in ("visit_monthly", "visit_quarterly"):
                    # The kinds are named in the clause before the frequency ("对…街道、部门党组织的联系督导").
                    clause = re.split(r"[，。；]", sentence[: m.start()])[-1]
                    rule = replace(rule, value=nums[0], kinds=_kinds(clause) or rule.kinds)
                elif key == "yearly_report":
                    rule = replace(rule, month=nums[0], value=nums[1])
                elif key == "year_end_summary":
                    rule = replace(rule, month=nums[0])
                else:
                    rule = replace(rule, value=nums[0])
                found[key] = rule
    return found


def rules_of(documents: Iterable[Document]) -> Rules:
    """The rules of a corpus (bundled and uploaded documents alike): the first document stating a rule
    supplies it; a rule no document states keeps its default."""
    found: dict[str, Rule] = {}
    for doc in documents:
        for key, rule in rules_from_document(doc).items():
            found.setdefault(key, rule)
    return Rules(found)


def rules_from_text(text: str, document: str) -> dict[str, Rule]:
    """Rules stated in one document's text, parsed as the corpus parses it (corpus.parse)."""
    from corpus.parse import parse_document  # lazy: the parser is off a cold question's path

    return rules_from_document(parse_document(text, source="", short_name=document))


def load_rules(corpus_dir: str | Path) -> Rules:
    """The rules of the documents in ``corpus_dir``, read as the corpus reads them (corpus.library:
    every file format, names.toml short names, the parsed model)."""
    from corpus.library import load_corpus  # lazy: every file reader, only when rules are read

    return rules_of(load_corpus(Path(corpus_dir)).documents)
