"""Text cleaned at the edge: control and bidi-override characters out of everything we store.

A vertical tab or \\x01 pasted into a note is invisible in Telegram but breaks the month's xlsx export
for everyone (openpyxl refuses it), and U+202E makes stored text read backwards. Newlines and tabs are
kept (\\r goes, so \\r\\n becomes \\n). ``clean_update`` cleans a whole update (as a JSON dict) once, when it arrives,
keeping Telegram's entity offsets (UTF-16 units) right so commands and mentions still parse.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# C0 controls except \t and \n, DEL, C1 controls; LRM/RLM and the bidi embeddings/overrides/isolates.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The same characters as json.dumps(…, ensure_ascii=False) writes them: C0 controls escaped (\r \b \f
# or \u00XX; \n and \t are fine), the rest as themselves. A false alarm (a typed "\\r") only costs a walk.
_UNWANTED_JSON = re.compile(r"\\u00[01][0-9a-fA-F]|\\[rbf]|[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ENTITY_KEYS = {"text": "entities", "caption": "caption_entities"}


# What never shows on a line: controls (tabs and newlines too), format characters (zero-width space,
# joiners, U+FEFF, soft hyphen, bidi marks), line/paragraph separators, surrogates, private use, unassigned.
INVISIBLE = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"))


def visible(text: str) -> str:
    """A one-line name (a unit, a file name) with every invisible character out: the edge's ``clean``
    keeps tabs, newlines and zero-width characters in prose, but "东山街\u200b" is not the unit 东山街 — it
    would match no contact point, no leader, and read the same as the real one in every list."""

    return "".join(c for c in text if unicodedata.category(c) not in INVISIBLE)


def clean(text: str) -> str:
    if not isinstance(text, str):
        return text
    return _UNWANTED.sub("", text) if _UNWANTED.search(text) else text


def might_need_cleaning(json_text: str) -> bool:
    """Cheap pre-check on an update's JSON (most have nothing to clean)."""
    return _UNWANTED_JSON.search(json_text) is not None


def _shift_entities(original: str, entities: list[dict]) -> list[dict]:
    """Entity offsets after removing the unwanted characters (each one UTF-16 unit: all are in the BMP)."""
    removed, units = [], 0
    for ch in original:
        if _UNWANTED.match(ch):
            removed.append(units)
        units += 2 if ord(ch) > 0xFFFF else 1
    out = []
    for e in entities:
        start, end = e["offset"], e["offset"] + e["length"]
        before = sum(1 for r in removed if r < start)
        inside = sum(1 for r in removed if start <= r < end)
        out.append({**e, "offset": start - before, "length": e["length"] - inside})
    return out


def clean_update(payload: Any, changed: list[str] | None = None) -> tuple[Any, list[str]]:
    """(the payload with every string cleaned, the original strings that changed)."""
    changed = [] if changed is None else changed
    if isinstance(payload, str):
        cleaned = clean(payload)
        if cleaned != payload:
            changed.append(payload)
        return cleaned, changed
    if isinstance(payload, list):
        return [clean_update(v, changed)[0] for v in payload], changed
    if not isinstance(payload, dict):
        return payload, changed
    out = {k: clean_update(v, changed)[0] for k, v in payload.items()}
    for text_key, entity_key in _ENTITY_KEYS.items():
        text = payload.get(text_key)
        if isinstance(text, str) and payload.get(entity_key) and out[text_key] != text:
            out[entity_key] = _shift_entities(text, payload[entity_key])
    return out, changed
