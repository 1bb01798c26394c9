"""People the text gives places, outside tables: roster groups with a field of places ("第二指导组 … 指导村：
大坪村、君山村") and lines of their own ("张三（县委副书记）联系城关镇、东坝乡；"). Read as the same assignments as a
contact-point table's rows (assistant/documents/contact_tables.py), each cited by its paragraph or item; they
are the documents' own, never seeded into the store's visiting leaders nor reminded."""

from __future__ import annotations

import re

from assistant.documents.contact_tables import (
    _DUTY_SPLIT,
    Assignment,
    ContactIndex,
    _points_of,
    document_assignments,
)
from corpus import vocabulary_names as name_words
from corpus.model import Document, Row, Table
from corpus.parties import personal_name, roster_units
from corpus.vocabulary import LABEL_NUMERALS, one_of

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


# "张三（县委副书记）联系城关镇、东坝乡；": a person, their post, a verb of being given places, the places.
_CONTACT_LINE = re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{2,4}}?)(?:同志)?(?:[（(](?P<post>[^（）()]{{1,30}})[）)])?(?:同志)?"
                           rf"(?:负责)?(?P<verb>{one_of(name_words.AREA_FIELD_VERBS)})(?P<places>[^；;。]+)[；;。]?$")
_LINE_LABEL = re.compile(rf"^(?:[（(][{LABEL_NUMERALS}0-9]+[）)]|[{LABEL_NUMERALS}0-9]+[、.．])\s*")  # "（一）张三…"
_PLACE_END = re.compile(rf"(?:{one_of(name_words.AREA_FIELD_KINDS)})$")


def contact_line_assignments(documents: tuple[Document, ...]) -> list[Assignment]:
    """People given places in a line of their own ("张三（县委副书记）联系城关镇、东坝乡；"), one per line: the
    person, their post as written, the places (each a place name: "联系群众" gives none), cited by the line."""
    out: list[Assignment] = []
    for doc in documents:
        for para in (*doc.paragraphs, *doc.items):  # "3.王五（组织部部长）联系南山乡" is an item
            m = _CONTACT_LINE.match(_LINE_LABEL.sub("", para.text.strip()))
            if m is None or not personal_name(m.group("name")):
                continue
            places = [p for p in _DUTY_SPLIT.split(m.group("places")) if p.strip()]
            if not places or not all(_PLACE_END.search(p.strip()) for p in places):
                continue
            column = m.group("verb")
            row = Row(number=para.number, cells=(("姓名", m.group("name")), (column, "、".join(places))),
                      line=para.line_start)
            table = Table(title=para.section.split(" / ")[-1] if para.section else doc.title, headers=("姓名", column),
                          rows=(row,), part=para.part, section=para.section, line=para.line_start)
            out.append(Assignment(doc, table, row, m.group("name"), tuple((column, p.strip()) for p in places),
                                  detail=m.group("post") or "", visits=False, paragraph=para))
    return out


def text_assignments(documents: tuple[Document, ...]) -> list[Assignment]:
    """People given places in the text, not in a table: roster groups and lines of their own."""
    return roster_assignments(documents) + contact_line_assignments(documents)


def contact_index(documents: tuple[Document, ...]) -> ContactIndex:
    """The documents' contact points: their tables' rows and the people their text gives places."""
    return ContactIndex(documents, document_assignments(documents) + text_assignments(documents))
