"""People named as parties: the leader over a task ("牵头领导：副县长 张伟", a 牵头县领导 column).

A person is written with or without a post, in either order: "副县长 张伟", "副县长张伟", "张伟（副县长）",
"张伟 副县长", "王明". ``leader_entries`` returns (name, post) pairs; the post is kept as the name's note.
The wording is data in corpus/vocabulary_conventions.py (and POSITIONS / SURNAMES of vocabulary_names).
"""

from __future__ import annotations

import re

from corpus import vocabulary_conventions as c
from corpus import vocabulary_names as v
from corpus.vocabulary import alternation, one_of

_SURNAME = rf"(?:{one_of(v.COMPOUND_SURNAMES)}|[{v.SURNAMES}])"
_POST_END = alternation((*c.PERSON_POSTS, *v.POSITIONS))
_NAME = rf"{_SURNAME}[\u4e00-\u9fff]{{1,2}}"
LEADER_COLUMN = re.compile(rf"^(?:{alternation(c.LEADER_QUALIFIERS)})?(?:{alternation(c.LEADER_LEVELS)})?"
                           rf"(?:{alternation(c.LEADER_QUALIFIERS)})?{c.LEADER_NOUN}(?:姓名)?$")
# "副县长 张伟" / "副县长张伟": the post, then the name that ends the entry
_POST_THEN_NAME = re.compile(rf"^(?P<post>[\u4e00-\u9fff、（）()]{{1,20}}?(?:{_POST_END}))\s*(?P<name>{_NAME})(?:同志)?$")
# "张伟（副县长）" / "张伟 副县长" / "王明"
_NAME_THEN_POST = re.compile(rf"^(?P<name>{_NAME})(?:同志)?"
                             rf"(?:\s*[（(](?P<p1>[^（）()]{{2,24}})[）)]|\s+(?P<p2>\S{{0,20}}(?:{_POST_END})))?$")


def leader_column(header: str) -> bool:
    """"牵头县领导", "责任领导", "包保领导", "分管县领导": a column naming the leader over each row."""
    return bool(LEADER_COLUMN.match(re.sub(r"\s+", "", header)))


def person(entry: str) -> tuple[str, str] | None:
    """(name, post) of one written entry, or None when it is no person."""
    e = entry.strip().strip("。；;，,")
    if m := _POST_THEN_NAME.match(e):
        return m.group("name"), m.group("post")
    if (m := _NAME_THEN_POST.match(e)) and not re.search(f"(?:{_POST_END})$", m.group("name")):
        return m.group("name"), m.group("p1") or m.group("p2") or ""
    return None


def leader_entries(text: str) -> tuple[tuple[str, str], ...]:
    """Every person a leader label or column names ("副县长 张伟、李四"); entries that are no person are left."""
    out = []
    for piece in re.split(r"[、，,；;/]|\s{2,}", text.strip()):
        if found := person(piece):
            out.append(found)
    return tuple(dict.fromkeys(out))


def units_and_people(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """"市发改委 张三、市财政局李四" → ("市发改委、市财政局", (("张三", ""), ("李四", ""))): each entry's
    trailing personal name set apart from the body it follows (the space may be lost)."""
    bodies, people = [], []
    for piece in re.split(r"[、，,；;]", text):
        piece = piece.strip()
        m = re.match(rf"^(?P<body>.+?)\s*(?P<name>{_NAME})$", piece)
        if m and len(m.group("body")) >= 3 and person(m.group("name")):
            bodies.append(m.group("body").strip())
            people.append((m.group("name"), ""))
        elif found := person(piece):
            people.append(found)
        elif piece:
            bodies.append(piece)
    return "、".join(bodies), tuple(people)
