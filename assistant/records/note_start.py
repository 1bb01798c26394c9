"""How a visit note opens ("走访记录：…", "督导记录…", "【联系督导】…"): the message says itself that it is a
note. Alone in this module because every channel's router asks it about every message, and the note
parser (assistant/records/notes.py, with dates, rules and leaders) is far heavier to import than this test."""

from __future__ import annotations

import re

_NOTE_START = re.compile(r"^\s*[【\[]?\s*(?:(?:联系)?(?:走访|督导|调研)记录|(?:联系督导|走访|督导)\s*[：:】\]])")


def starts_like_note(text: str) -> bool:
    return bool(_NOTE_START.match(text))
