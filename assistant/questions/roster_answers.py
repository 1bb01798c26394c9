"""Questions about a group's people ("考核小组组长是谁", "督查专班有哪些成员", "工作专班由哪些人组成"):
answered with the group's whole roster, as written, with its citation — not with one line found by search.

A roster is a parsed task whose parties are people with posts (`corpus.rosters`, `Units.notes`); the
group it staffs is named in the roster itself ("金井片区督查专班：组长：…"), among its parties, or in the
title line just above it ("区环境卫生综合整治主题活动考核小组成员名单"). The question may shorten the
group's name to its end ("考核小组" for "…主题活动考核小组").
"""

from __future__ import annotations

import re

from assistant.questions.answer import Answer, Citation
from corpus.model import Document, Item
from corpus.text import normalize_for_match
from corpus.vocabulary import (
    BELONGS_ASKS,
    GROUP_ENDS,
    MEMBER_ASKS,
    MEMBER_NOUNS,
    ROSTER_POSTS,
    alternation,
    one_of,
)
from corpus.vocabulary_questions import ROSTER_TASK_MARKS, WHICH_GROUP

_ASK = re.compile(
    rf"^(?P<group>[\u4e00-\u9fff（）()]{{2,40}}?(?:{alternation(GROUP_ENDS)}))的?"
    rf"(?:(?:{alternation(ROSTER_POSTS)})(?:{alternation(MEMBER_ASKS)})"
    # "海绵城市试点工作组长是谁": the post shares the group's last character (工作组 + 组长)
    rf"|(?<=组)长(?:{alternation(MEMBER_ASKS)})"
    rf"|(?:{alternation(MEMBER_ASKS)})?(?:{alternation(MEMBER_NOUNS)})(?:{alternation(MEMBER_ASKS)})?"
    r"|由哪些人(?:组成)?|有哪些人)[？?。！!\s]*$")
# "大练旅游环岛路三期的征迁归哪个专班，组长是谁": the work named, then which group it belongs to.
_BELONGS = re.compile(rf"^(?P<topic>[^，,。？?]{{4,40}}?)(?:的[\u4e00-\u9fff]{{1,6}}?)?(?:{alternation(BELONGS_ASKS)})"
                      rf"哪(?:{one_of(WHICH_GROUP)})(?:{alternation(GROUP_ENDS)})")
_MIN_IN_ORDER = 5  # "工作组" alone would be found in order in almost any title
_TITLE_GAP = 3  # lines between a roster and the title lines above it ("…工作小组" / "成员名单")


def roster_question(question: str) -> str:
    """The group a question asks the people of ("考核小组"), or ""."""
    m = _ASK.match(normalize_for_match(question).strip())
    return m.group("group") if m else ""


def _is_roster(task: Item) -> bool:
    return bool(task.units.notes) and any(post in note for _, note in task.units.notes for post in ROSTER_TASK_MARKS)


_TITLE_CHARS = 40  # a title line, not the preamble paragraph that sets the group up


def _title_above(doc: Document, task: Item) -> str:
    """The short line just above the roster: a heading or a paragraph ("…考核小组成员名单")."""
    lines = [(s.line, s.title) for s in doc.sections] + [(p.line_end, p.text) for p in doc.paragraphs]
    return "".join(t for no, t in lines if 0 < task.line_start - no <= _TITLE_GAP and len(t) <= _TITLE_CHARS)


def _in_order(short: str, text: str) -> bool:
    """"海绵城市试点工作组" in "海绵城市建设试点工作组织机构": the group's characters in order."""
    it = iter(text)
    return all(c in it for c in short)


def _staffs(doc: Document, task: Item, group: str) -> bool:
    """Whether the roster staffs ``group``: named in the roster, its parties or the lines above it, or —
    the question leaving words out ("海绵城市试点工作组") — its characters in order in a short title
    (the title lines above, the roster's section, the document's title)."""
    said = normalize_for_match(" ".join((task.text, task.section, *task.units.shared, _title_above(doc, task))))
    if group in said:
        return True
    if len(group) < _MIN_IN_ORDER:
        return False
    titles = (_title_above(doc, task), task.section, doc.title)
    return any(_in_order(group, normalize_for_match(t)) for t in titles if t)


def _belongs_to(doc: Document, roster: Item, topic: str) -> str:
    """The passage under the roster's own heading that names the work ("…重点抓好…大练旅游环岛路三期项目的征迁
    工作"), or ""."""
    if not roster.section:
        return ""
    texts = [p.text for p in doc.paragraphs if p.section == roster.section] + [roster.text]
    return next((t for t in texts if topic in normalize_for_match(t)), "")


def roster_answer(question: str, documents: list[Document] | tuple[Document, ...]) -> Answer | None:
    """The roster of the group the question names — or of the group the work it names belongs to — or
    None when the question is no roster question or no document holds that group's roster."""
    group = roster_question(question)
    found = [(d, t) for d in documents for t in (*d.tasks, *d.items) if _is_roster(t) and _staffs(d, t, group)] \
        if group else []
    if not group and (m := _BELONGS.match(normalize_for_match(question).strip())):
        topic = m.group("topic")
        found = [(d, t) for d in documents for t in (*d.tasks, *d.items) if _is_roster(t) and _belongs_to(d, t, topic)]
        if len(found) == 1:  # the work belongs to one group: its roster, and where the text says so
            doc, task = found[0]
            said = _belongs_to(doc, task, topic)
            return Answer(question, "roster", True,
                          (f"《{doc.short_name}》{task.section.split(' / ')[-1]}：\n{said}", task.text),
                          (Citation(document=doc.short_name, source=doc.source, locator=task.locator, text=task.text,
                                    part=task.part),), paragraphs=True, parties=(("lead", task.units.lead),))
        return None
    if not found:
        return None
    blocks, cites = [], []
    for doc, task in found:
        title = _title_above(doc, task) if group in normalize_for_match(_title_above(doc, task)) else ""
        head = f"《{doc.short_name}》{task.locator}" + (f"（{title}）" if title else "") + "："
        blocks.append(head + "\n" + task.text)
        cites.append(Citation(document=doc.short_name, source=doc.source, locator=task.locator, text=task.text,
                              part=task.part))
    return Answer(question, "roster", True, tuple(blocks), tuple(cites), paragraphs=True,
                  parties=(("lead", found[0][1].units.lead),))
