"""Whether a message is a visit note: how a note opens ("走访记录：…", "督导记录…", "【联系督导】…": the
message says itself that it is a note), the cheap test every message passes through, and the decision
over a parsed note. Apart from the drafts (assistant/records/drafts.py, which need the store) because
the question router (assistant/records/routes.py) asks these about every message in every channel."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from assistant.records.points import point_variants
from corpus.vocabulary import one_of
from corpus.vocabulary_records import NOTE_KINDS, NOTE_OPENERS, QUESTION_OPENERS

if TYPE_CHECKING:
    from assistant.records.leaders import Leader
    from assistant.records.notes import ParsedNote

_NOTE_START = re.compile(rf"^\s*[【\[]?\s*(?:(?:联系)?(?:{one_of(NOTE_KINDS)})记录|(?:{one_of(NOTE_OPENERS)})\s*[：:】\]])")


def starts_like_note(text: str) -> bool:
    return bool(_NOTE_START.match(text))


_QUESTION = re.compile(rf"[？?吗呢]\s*$|^({one_of(QUESTION_OPENERS)})")


def is_note(note: ParsedNote, text: str) -> bool:
    """A note starts like one (走访记录：…) or names a leader and a contact point and is not a question."""
    question = bool(_QUESTION.search(text.strip()))
    if note.looks_like_note and (note.leader or not question):
        return True  # 走访记录：… — even with the leader missing or unknown (then it is asked back)
    return bool(note.leader and note.points and (note.dated or note.methods or note.findings)
                and not question)


def may_be_note(text: str, leaders: Iterable[Leader]) -> bool:
    """A cheap necessary condition for ``is_note``, so ordinary questions skip parsing and the store:
    the text starts like a note, or it is not phrased as a question and names a known leader together
    with one of that leader's contact points."""
    if starts_like_note(text):
        return True
    if _QUESTION.search(text.strip()):
        return False
    return any(lead.name and lead.name in text and any(v in text for p in lead.points for v in point_variants(p.name))
               for lead in leaders)
