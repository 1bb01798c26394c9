"""Leader ↔ place pairings written as lines ("张三（县委副书记）联系城关镇、东坝乡；") read into a table.

A run of such lines is the same thing as a leader ↔ contact-point table (领导 | 领导职务 | 联系乡镇), so it is
given to the document as one: the answers that read contact tables (assistant/documents/contact_tables.py:
"谁联系西河镇", "张三联系哪些乡镇") and the records read it without a second model. Only whole entries are
read — a person (surname and given name, a post in brackets or before the name), a pairing verb, and a
list of place or body names — so running text never becomes a pairing.
"""

from __future__ import annotations

import re

from corpus import vocabulary_conventions as c
from corpus import vocabulary_names as v
from corpus.model import MAIN_PART, Row, Table
from corpus.people import person
from corpus.vocabulary import LABEL_NUMERALS, alternation

_ENTRY = re.compile(rf"^(?P<who>[^，,。；;：:]{{2,30}}?)(?P<verb>{alternation(c.PAIRING_VERBS)})"
                    rf"(?P<places>[^，,。；;：:]{{2,80}})$")
# "1.张三…", "（二）李四…": a numbered entry is an entry all the same
_LABEL = re.compile(rf"^(?:[（(][{LABEL_NUMERALS}0-9]+[）)]|[{LABEL_NUMERALS}0-9]+[、.．])\s*")
_PLACE = re.compile(rf"^[\u4e00-\u9fff（）()]{{1,16}}(?:{alternation((*v.PLACE_ENDS, *v.ORG_SUFFIXES))})$")


def pairing(entry: str) -> tuple[str, str, str, tuple[str, ...]] | None:
    """(name, post, verb, places) of one entry, or None when it is no pairing."""
    m = _ENTRY.match(_LABEL.sub("", entry.strip()).rstrip("；;。"))
    if not m or not (who := person(m.group("who"))):
        return None
    places = tuple(p.strip() for p in re.split(r"[、/]|和|及", m.group("places")) if p.strip())
    if not places or not all(_PLACE.match(p) for p in places):
        return None
    return who[0], who[1], m.group("verb"), places


def _kind(places: list[str]) -> str:
    kinds = {next((k for end, k in c.PLACE_KIND_ENDS if p.endswith(end)), "") for p in places}
    return kinds.pop() if len(kinds) == 1 and "" not in kinds else "单位"


def pairing_tables(lines) -> list[Table]:
    """Every run of pairing lines (classified lines of one document) as a table of its part."""
    tables, run, part, title = [], [], MAIN_PART, ""

    def close():
        if run:
            verb = run[0][2]
            # "县领导" when every post is of one level ("县委副书记", "常务副县长"), else "领导"
            levels = {next((lv for lv in c.PAIRING_LEVELS if lv in post), "") for _, post, _, _, _ in run}
            people = f"{levels.pop()}{c.PAIRING_PERSON_HEADER}" if len(levels) == 1 else c.PAIRING_PERSON_HEADER
            header = f"{verb}{_kind([p for r in run for p in r[3]])}"
            rows = tuple(Row(number=i, line=no, cells=((people, name), (c.PAIRING_POST_HEADER, post),
                                                       (header, "、".join(places))))
                         for i, (name, post, _, places, no) in enumerate(run, 1))
            tables.append(Table(title=title, headers=(people, c.PAIRING_POST_HEADER, header),
                                rows=rows, part=part, line=run[0][4]))
        run.clear()

    for ln in lines:
        if ln.kind == "blank":
            continue
        if ln.kind == "part":
            close()
            part = ln.rest
            continue
        found = [pairing(e) for e in re.split(r"[；;]", ln.text) if e.strip()]
        if found and all(found):
            run.extend((*f, ln.no) for f in found)
            continue
        close()
        title = ln.text.strip().rstrip("：:") if len(ln.text) <= 40 else title
    close()
    return tables
