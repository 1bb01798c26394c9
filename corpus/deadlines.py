"""Deadlines and frequencies written with a task, as data for Item.deadline / Item.frequency.

Both are kept as written ("3月底前", "2024年6月底前", "长期坚持", "每季度至少1次"): an answer quotes
them, and the reminders' rule finder reads them from the model instead of re-scanning raw text.
"""

from __future__ import annotations

import re

_NUM = r"[0-9０-９一二三四五六七八九十两]+"
_DATE = rf"(?:{_NUM}年)?(?:{_NUM}月(?:{_NUM}日)?(?:上旬|中旬|下旬|底|末|中)?|年底|年末|年中|上半年|下半年|{_NUM}季度)"
# A deadline: "2024年6月底前", "6月20日前", "（3月底前）", "年底前完成", "长期坚持".
DEADLINE = re.compile(
    rf"(?:{_DATE}(?:前|之前|以前)(?:完成)?|{_DATE}(?:[-—至到]{_DATE})?(?:完成|启动)|"
    r"长期坚持|长期推进|持续推进|持续开展|常态化推进|立即执行|即时)"
)
# A parenthesis that is only a deadline: "（3月底前）", "（2016年4月底前）", "(5月10日底前完成)".
DEADLINE_PAREN = re.compile(rf"[（(]\s*((?:{_DATE}|{_NUM}月{_NUM}日底)(?:前|之前|以前)?(?:完成)?|长期坚持|持续推进)\s*[）)]")
FREQUENCY = re.compile(
    rf"每(?:年|半年|季度|季|个?月|周|旬|两周|两个月|{_NUM}(?:个)?(?:年|月|周|天|日))(?:度)?"
    rf"(?:(?:至少|不少于)?(?:开展|召开|举办|组织|报送|报告|进行|检查|调研)?{_NUM}(?:次|轮|批|天))?"
)
# Column headers that hold a deadline (完成时限 / 完成时间 / 时间节点 / 进度安排).
DEADLINE_COLUMN = re.compile(r"时限|期限|完成时间|时间节点|进度安排|时间要求|完成日期")


# Parsing speed: the patterns above are only tried in short windows around these anchors.
_ANCHOR = re.compile(r"前|完成|启动|长期|持续|常态化|立即|即时")
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
