"""Informal visit notes: "王书记上周五去七中看了看，查阅了三会一课记录，没发现问题" is a note, not a
question. The one decision "note or question" for text that does not start like a note (走访记录：…):

- it names a leader: the full name, or surname + title (王书记, 苏部长) when that surname is one leader's;
- it has a visit verb (去/到/走访/督导/看了看/调研/检查…);
- it names a contact point (any short form) or a time (昨天, 上周五, 11月5日);
- and it is not phrased as a question.

Offered with 记录 / 不是 buttons; 记录 runs the existing draft flow on the text with the leader's full
name written in (``resolved``), keeping the secretary's words as the stored original. The question
router recognises it in every channel (assistant/records/routes.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from assistant.records.dates import find_dates
from assistant.records.leaders import Leader
from assistant.records.notes import starts_like_note
from assistant.records.points import point_variants
from corpus.vocabulary import one_of
from corpus.vocabulary_records import ADDRESS_TITLES, NOTE_QUESTION_WORDS, VISIT_VERBS

TITLES = ADDRESS_TITLES
_QUESTION = re.compile(r"[？?]\s*$|[吗呢么]\s*[？?。]?\s*$|" + one_of(NOTE_QUESTION_WORDS))
_TITLED = re.compile(r"([\u4e00-\u9fff])(" + "|".join(TITLES) + ")")


@dataclass(frozen=True)
class InformalNote:
    leader: str
    mention: str  # as written: 王书记 / 王焕清
    resolved: str  # the text with the leader's full name in place of the mention
    original: str


def find_leader(text: str, leaders: Iterable[Leader]) -> tuple[Leader, str] | None:
    """(leader, the words that name them) — full name first, then an unambiguous surname + title."""
    leaders = [lead for lead in leaders if lead.name]
    full = [lead for lead in leaders if lead.name in text]
    if len(full) == 1:
        return full[0], full[0].name
    if full:
        return None  # several leaders: not one note
    for m in _TITLED.finditer(text):
        same = [lead for lead in leaders if lead.name.startswith(m.group(1))]
        if len(same) == 1:
            return same[0], m.group(0)
    return None


def is_question(text: str) -> bool:
    return bool(_QUESTION.search(text.strip()))


def may_be_informal(text: str) -> bool:
    """The text-only conditions, checked before anything reads the store's leaders."""
    text = (text or "").strip()
    return bool(text) and len(text) <= 500 and not starts_like_note(text) and not is_question(text) \
        and any(v in text for v in VISIT_VERBS)


def detect(text: str, leaders: Iterable[Leader], today: date | None) -> InformalNote | None:
    """``today`` None (a channel without a clock): only a named contact point counts, not a time."""
    text = (text or "").strip()
    if not may_be_informal(text):
        return None
    leaders = list(leaders)
    found = find_leader(text, leaders)
    if found is None:
        return None
    leader, mention = found
    rest = text.replace(mention, " ", 1)
    if not any(v in rest for v in VISIT_VERBS):
        return None
    points = [p for lead in leaders for p in lead.points]
    named_point = any(v in rest for p in points for v in point_variants(p.name))
    if not named_point and (today is None or not any(d.value or d.error for d in find_dates(rest, today, past=True))):
        return None
    return InformalNote(leader.name, mention, text.replace(mention, leader.name, 1), text)
