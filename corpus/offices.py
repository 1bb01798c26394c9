"""The office a body sets up under itself: "消防工作站下设办公室，挂靠在政法综治处，负责…。办公室定期…".

The office is called by the body's name ("消防工作站办公室"), never bare "办公室" (every group has one), and in
the paragraph that sets it up the duty clauses without a subject ("负责…", "具体承担…") and the clauses opened by
"办公室" are the office's. `office_subjects` writes that office in as their subject, for the responsibility
grammar (corpus/inline.py) to read; the paragraph's own text is never changed.
"""

from __future__ import annotations

import re

from corpus import vocabulary as v
from corpus import vocabulary_names as vn
from corpus.rosters import body_named

_NAME = r"[^\s，,。；;：:、“”\"《》（）()]"
# "领导小组下设办公室", "工作组下设办公室和五个小组", "…工作小组，下设办公室" (the body set up just before)
_SETS_UP_OFFICE = re.compile(rf"(?P<body>{_NAME}{{0,20}}?)(?:均)?(?:{v.one_of(vn.SUB_BODY_VERBS)})"
                             rf"(?P<office>{_NAME}{{0,16}}?{vn.OFFICE_NOUN})")
_CLAUSE_START = r"(?<=[，,。；;])"
_SUBJECTLESS = re.compile(rf"{_CLAUSE_START}(?=(?:{v.one_of(vn.SUBJECTLESS_DUTIES)}))")
_BARE_OFFICE = re.compile(rf"{_CLAUSE_START}{vn.OFFICE_NOUN}(?!主任)")


def office_named(text: str) -> tuple[str, int] | None:
    """(the office's full name, where the sentence that sets it up ends) or None."""
    m = _SETS_UP_OFFICE.search(text)
    if m is None:
        return None
    office = m.group("office")
    if office == vn.OFFICE_NOUN:
        body = m.group("body") or body_named(text[:m.start()])
        if not body:
            return None
        office = body + office
    return office, m.end()


def office_subjects(text: str) -> str:
    """The paragraph with its office written in as the subject of the clauses that are the office's."""
    found = office_named(text)
    if found is None:
        return text
    office, start = found
    rest = _BARE_OFFICE.sub(office, text[start:])
    return text[:start] + _SUBJECTLESS.sub(office, rest)
