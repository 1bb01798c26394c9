"""People the text gives places outside tables: roster groups with a field of places ("第二指导组 … 指导村：
大坪村、君山村"). Read as the same assignments as a contact-point table's rows (assistant/documents/contact_tables.py),
each cited by the group's paragraph; they are the documents' own, never seeded into the store's visiting leaders
nor reminded. (Lines giving one person places, "张三（县委副书记）联系城关镇、东坝乡；", the parser reads as a
pairing table: corpus/pairings.py.)"""

from __future__ import annotations

import re

from assistant.documents.contact_tables import (
    Assignment,
    ContactIndex,
    _points_of,
    document_assignments,
)
from corpus import vocabulary_names as name_words
from corpus.model import Document, Row, Table
from corpus.parties import personal_name, roster_units
from corpus.vocabulary import one_of

_AREA_FIELD = re.compile(rf"^(?:{one_of(name_words.AREA_FIELD_VERBS)})[\u4e00-\u9fff]{{0,4}}?"
                         rf"(?:{one_of(name_words.AREA_FIELD_KINDS)})(?:[（(][^）)]*[）)])?$")


def _fields(roster: str) -> tuple[tuple[str, str], ...]:
    pairs = (chunk.partition("：") for chunk in re.split(r"[；;]", roster))
    return tuple((label.strip(), value.strip()) for label, sep, value in pairs if sep and label.strip() and value.strip())


def roster_assignments(documents: tuple[Document, ...]) -> list[Assignment]:
    """The people of every roster group that names the places it is given ("第二指导组：组长：林黎；副组长：
    陈若非…；指导村：大坪村、君山村"): each person with their roster post, the group's places as points, cited
    by the group's paragraph. A roster without such a field assigns no places and gives none."""
    out: list[Assignment] = []
    for doc in documents:
        for para in doc.paragraphs:
            fields = _fields(para.roster) if para.roster else ()
            areas = [(h, v) for h, v in fields if _AREA_FIELD.match(h)]
            if not areas:
                continue
            row = Row(number=para.number, cells=fields, line=para.line_start)
            title = para.section.split(" / ")[-1] if para.section else doc.title
            table = Table(title=title, headers=tuple(h for h, _ in fields), rows=(row,), part=para.part,
                          section=para.section, line=para.line_start)
            points = tuple((h, p) for h, v in areas for p in _points_of(h, v))
            for name, label in roster_units(para.roster).notes:
                if not personal_name(name):  # "北港村包村工作队" works the village; the people lead the group
                    continue
                post = label.split("，")[0]
                detail = label.partition("，")[2]
                out.append(Assignment(doc, table, row, name, points, post=post, detail=detail, visits=False,
                                      paragraph=para))
    return out


def text_assignments(documents: tuple[Document, ...]) -> list[Assignment]:
    """People given places in the text, not in a table: roster groups (lines of their own, "张三（县委副书记）联系
    城关镇、东坝乡；", are read by the parser as a pairing table: corpus/pairings.py)."""
    return roster_assignments(documents)


def contact_index(documents: tuple[Document, ...]) -> ContactIndex:
    """The documents' contact points: their tables' rows and the people their text gives places."""
    return ContactIndex(documents, document_assignments(documents) + text_assignments(documents))
