"""Deadlines and frequencies written with a task, as data for Item.deadline / Item.frequency.

Both are kept as written ("3月底前", "2024年6月底前", "长期坚持", "每季度至少1次"): an answer quotes
them, and the reminders' rule finder reads them from the model instead of re-scanning raw text.
"""

from __future__ import annotations

import re

from corpus import vocabulary as v
from corpus.vocabulary import LABEL_NUMERALS, one_of

_NUM = rf"[0-9０-９{LABEL_NUMERALS}两]+"
_DATE = rf"(?:{_NUM}年)?(?:{_NUM}月(?:{_NUM}日)?(?:{one_of(v.MONTH_PARTS)})?|{one_of(v.YEAR_PARTS)}|{_NUM}季度)"
_BEFORE = one_of(v.BEFORE_WORDS)
# A deadline: "2024年6月底前", "6月20日前", "（3月底前）", "年底前完成", "长期坚持".
DEADLINE = re.compile(
    rf"(?:{_DATE}(?:{_BEFORE})(?:完成)?|{_DATE}(?:[-—至到]{_DATE})?(?:{one_of(v.DONE_VERBS)})|"
    rf"{one_of(v.ONGOING_DEADLINES)})"
)
# A parenthesis that is only a deadline: "（3月底前）", "（2016年4月底前）", "(5月10日底前完成)".
DEADLINE_PAREN = re.compile(rf"[（(]\s*((?:{_DATE}|{_NUM}月{_NUM}日底)(?:{_BEFORE})?(?:完成)?|{one_of(v.ONGOING_IN_BRACKETS)})\s*[）)]")
FREQUENCY = re.compile(
    rf"每(?:{one_of(v.EVERY_PERIODS)}|{_NUM}(?:个)?(?:{one_of(v.COUNTED_PERIODS)}))(?:度)?"
    rf"(?:(?:{one_of(v.AT_LEAST)})?(?:{one_of(v.RECURRING_ACTS)})?{_NUM}(?:{one_of(v.TIMES_UNITS)}))?"
)
# Column headers that hold a deadline (完成时限 / 完成时间 / 时间节点 / 进度安排).
DEADLINE_COLUMN = re.compile(one_of(v.DEADLINE_HEADERS))


# Parsing speed: the patterns above are only tried in short windows around these anchors.
_ANCHOR = re.compile(one_of(v.DEADLINE_ANCHORS))
_WINDOW = 24


def deadline_of(text: str) -> str:
    """The task's deadline as written; a parenthesised one wins over one in running text."""
    found = ""
    for a in _ANCHOR.finditer(text):
        window = text[max(0, a.start() - _WINDOW): a.end() + 4]
        if m := DEADLINE_PAREN.search(window):
            return m.group(1).strip()
        if not found and (m := DEADLINE.search(window)):
            found = m.group(0)
    return found


def frequency_of(text: str) -> str:
    i = text.find("每")
    while i >= 0:
        if m := FREQUENCY.match(text, i):
            return m.group(0)
        i = text.find("每", i + 1)
    return ""
