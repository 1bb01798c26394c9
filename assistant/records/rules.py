"""The document rules that records and reminders follow, read from the corpus text so every deadline
and schedule quotes and cites the sentence it comes from.

Rules are found by what the sentence says (整改通知 + N个月内, 线索 + N个月内, 每月不少于N次 …), not by
file name, so a new document of the same genre supplies its own numbers. When no document states a
rule the default below applies and the citation says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus.numerals import chinese_to_int

KIND_NAMES = {"street": "街道", "department": "部门", "community": "社区", "org": "“两新”组织",
              "school": "学校"}
_KIND_WORDS = {"street": "街道", "department": "部门", "community": "社区", "org": "两新", "school": "学校"}


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
    ("rectification_notice", ("整改通知",), re.compile(_NUM + r"个月内")),
    ("clue_feedback", ("线索",), re.compile(_NUM + r"个月内")),
    ("visit_monthly", ("联系督导",), re.compile(r"每月不少于" + _NUM + "次")),
    ("visit_quarterly", ("联系督导",), re.compile(r"每季度不少于" + _NUM + "次")),
    ("yearly_report", ("报",), re.compile(r"每年的?" + _NUM + r"月" + _NUM + r"日前")),
    ("year_end_summary", ("总结",), re.compile(r"每年" + _NUM + r"月底前")),
]
_MARKUP = re.compile(r"<[^>]+>|\*\*|^#+\s*", re.M)
_PART = re.compile(r"^\s*附件\s*(\d+)\s*$")
_ITEM = re.compile(r"^\s*(\d+)\s*[.．、]")
_HEADING = re.compile(r"^\s*([一二三四五六七八九十]+)、\s*(\S{2,20})\s*$")


def _locate(lines: list[str], index: int) -> str:
    """附件N / 第N项 / heading title for the line at ``index``."""
    if m := _ITEM.match(lines[index]):
        item = f"第{m.group(1)}项"
    else:
        item = ""
    part, heading = "", ""
    for line in reversed(lines[:index]):
        if not part and (m := _PART.match(line)):
            part = f"附件{m.group(1)}"
        if not heading and not item and not part and (m := _HEADING.match(line)):
            heading = m.group(2)
    return " ".join(x for x in (part, item or heading) if x) or "正文"


def _kinds(clause: str) -> tuple[str, ...]:
    return tuple(k for k, w in _KIND_WORDS.items() if w in clause)


def rules_from_text(text: str, document: str) -> dict[str, Rule]:
    """Rules stated in one document's text."""
    lines = _MARKUP.sub("", text).splitlines()
    found: dict[str, Rule] = {}
    for i, line in enumerate(lines):
        for sentence in re.split(r"(?<=[。；])", line):
            for key, needs, pattern in _FINDERS:
                if key in found or not all(n in sentence for n in needs):
                    continue
                m = pattern.search(sentence)
                if not m:
                    continue
                nums = [chinese_to_int(g) or 0 for g in m.groups()]
                rule = replace(DEFAULTS[key], document=document, locator=_locate(lines, i),
                               quote=sentence.strip())
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


def load_rules(corpus_dir: str | Path) -> Rules:
    """Scan every document in ``corpus_dir``; the first document stating a rule supplies it.

    Files are read as the corpus reads them (corpus.loaders: UTF-8/GB18030/UTF-16 text, .docx, .pdf),
    short names come from the corpus's names.toml (else the file's stem).
    """
    from corpus import formats  # lazy: every file reader, only when rules are read
    from corpus.library import read_names

    corpus_dir = Path(corpus_dir)
    names = read_names(corpus_dir)
    suffixes = set(formats.supported_suffixes())
    found: dict[str, Rule] = {}
    for path in sorted(corpus_dir.glob("*")):
        if path.suffix.lower() not in suffixes or not path.is_file() or path.name.startswith("."):
            continue
        try:
            text = formats.load_text(path)
        except (OSError, ValueError):  # an unreadable file states no rule (the corpus skips it too)
            continue
        short = str(names.get(path.name, {}).get("short", "")).strip() or path.stem
        for key, rule in rules_from_text(text, short).items():
            found.setdefault(key, rule)
    return Rules(found)
