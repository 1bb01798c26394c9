"""Sections written as fields ("（一）建设美丽乡村 / 实施项目：… / 主要内容：… / 责任分工：区规划局负责…"): the one
field that says who does the section's work answers for every paragraph of the section."""

from __future__ import annotations

import re

from corpus import roles
from corpus.model import Document, Item
from corpus.vocabulary import one_of
from corpus.vocabulary_names import SECTION_DUTY_FIELDS

_DUTY_FIELD = re.compile(rf"^(?:{roles.label_words()}|{one_of(SECTION_DUTY_FIELDS)})\s*[:：]")


def section_field_owner(documents: tuple[Document, ...], source: str, locator: str) -> Item | None:
    """"（一）建设美丽乡村 / 实施项目：… / 主要内容：… / 责任分工：区规划局负责…": a cited paragraph of a section
    written as fields names no one itself; the section's one responsibility field says who does all of it."""
    for doc in documents:
        para = next((p for p in doc.paragraphs if doc.source == source and p.locator == locator), None)
        if para is None or not para.section:
            continue
        fields = [t for t in doc.tasks if t.section == para.section and t.part == para.part and t.units
                  and _DUTY_FIELD.match(t.text)]
        return fields[0] if len(fields) == 1 else None
    return None
