"""Passes over the parsed blocks that decide what the tasks of a document are and how they are named.

- ``paths_where_ambiguous``: numbering paths ("四（二）") where item numbers repeat within a part;
- ``h2_tasks``: （N） paragraphs are the tasks of a part that has no "1." items but assigns work there;
- ``paragraph_tasks``: unnumbered paragraphs that assign work are tasks (number 0);
- ``apply_heading_units``: a group heading naming its unit ("一、县示范区管委会牵头工作（8项）") gives
  that unit to the items under it that state none;
- ``apply_designated_leads``: the document's own rule "列第一位者为牵头单位（下同）" applied to every
  item it governs — in a preamble or footnote: all items; in an item with 下同: that item and after.
Each is a pure function over the model's dataclasses.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.deadlines import deadline_of, frequency_of
from corpus.inline import inline_units
from corpus.model import Item, Paragraph, Table, Units
from corpus.numerals import chinese_to_int
from corpus.parties import clean, roster_units
from corpus.roles import CARRIED_PARTY, CARRIES_FORWARD, FIRST_LEADS, GOVERNS_ALL
from corpus.rosters import roster_group
from corpus.text import first_sentence, sentence_around, strip_markup
from corpus.unit_sites import trailing_label_units, trailing_units
from corpus.units import parse_units, split_unit_list, unit_like
from corpus.vocabulary import (
    CHAPTER_NOUNS,
    DUTY_KINDS,
    DUTY_TITLE_ENDS,
    DUTY_TITLE_NOUNS,
    FOLLOWING_WORDS,
    GROUP_NOUNS,
    LABEL_NUMERALS,
    one_of,
)
from corpus.vocabulary_names import COLLECTIVE_MARKS, COLLECTIVE_QUALIFIERS, DUTY_LABEL_QUALIFIERS

_NUMBERED_TITLE = re.compile(rf"^(?:第|[（(]?[{LABEL_NUMERALS}]+[、）)])")


def paths_where_ambiguous(items: list[Item]) -> tuple[Item, ...]:
    """Give items a numbering path only in parts where numbers repeat (numbering that restarts under
    each （一）, two runs of 第X条), so documents numbered once keep their plain "第N项".

    The path is the labels above the item ("四（二）") when those tell the repeats apart; otherwise
    each run of numbering is named by its own heading ("护林防火员管理办法") or its position."""
    by_part: dict[tuple[str, bool], list[int]] = {}
    for i, it in enumerate(items):
        if it.path and it.section.split(" / ")[-1] == it.path:
            continue  # sub-items named by their group ("公共广场、公厕管理方面 第4项") are told apart already
        if it.number:  # paragraph tasks (number 0) keep their paragraph locator; 第X条 are numbered apart
            by_part.setdefault((it.part, it.article), []).append(i)
    out = list(items)
    for idx in by_part.values():
        numbers = [items[i].number for i in idx]
        if len(set(numbers)) == len(numbers):
            for k in idx:
                if out[k].path:
                    out[k] = replace(out[k], path="")
            continue
        keys = [(items[i].path, items[i].number) for i in idx]
        restarts_at_labels = all(items[b].path != items[a].path for a, b in zip(idx, idx[1:], strict=False)
                                 if items[b].number <= items[a].number)
        if len(set(keys)) == len(keys) and all(items[i].path for i in idx) and restarts_at_labels:
            continue  # the labels tell every repeat apart
        runs, prev = 0, 0
        names: list[str] = []
        for i in idx:
            it = items[i]
            if it.number <= prev or runs == 0:
                runs += 1
                title = it.section.split(" / ")[-1] if it.section else ""
                titled = title and not _NUMBERED_TITLE.match(title) and title not in names
                names.append(title if titled else f"第{runs}部分")
            prev = it.number
            out[i] = replace(it, path=names[-1])
    return tuple(out)


_H2_START = re.compile(rf"^[（(]\s*([{LABEL_NUMERALS}]{{1,3}})\s*[）)]\s*")
# "[章部分编]": a character class of the chapter nouns' characters, so "第一部" is read as a chapter too
_SECTION_LABEL = re.compile(rf"^(?:(第[{LABEL_NUMERALS}]+[{''.join(CHAPTER_NOUNS)}])|([{LABEL_NUMERALS}]+)、|(（[{LABEL_NUMERALS}]+）))")


def h2_tasks(paragraphs: list[Paragraph], items: list[Item], numbered: set[str]) -> tuple[list[Item], list[Paragraph]]:
    """In a part without "1." items whose （一）… paragraphs assign work, every （N） paragraph is
    a task numbered N (the deepest numbered level), so "第（四）项" reaches it."""
    by_part: dict[str, list[tuple[Paragraph, int, Units]]] = {}
    for p in paragraphs:
        if p.part in numbered or not (m := _H2_START.match(p.text)):
            continue
        units = trailing_units(p.text) or trailing_label_units(p.text) or inline_units(p.text[m.end():])
        by_part.setdefault(p.part, []).append((p, chinese_to_int(m.group(1)) or 0, units))
    promoted: list[Item] = []
    taken: set[int] = set()
    for part, rows in by_part.items():
        if len(rows) < 2 or not (any(u for _, _, u in rows) or any(it.part == part for it in items)):
            continue
        for p, n, units in rows:
            body = _H2_START.sub("", p.text, count=1)
            segments = p.section.split(" / ")
            path = "".join(next(g for g in m.groups() if g) for seg in segments[:-1] if (m := _SECTION_LABEL.match(seg)))
            promoted.append(Item(number=n, heading=first_sentence(body), text=body, units=units,
                                 section=" / ".join(segments[:-1]), part=part, line_start=p.line_start,
                                 line_end=p.line_end, path=path, deadline=deadline_of(body),
                                 frequency=frequency_of(body)))
            taken.add(id(p))
    return promoted, [p for p in paragraphs if id(p) not in taken]


_H1_SECTION = re.compile(rf"^([{LABEL_NUMERALS}]{{1,3}})、(.+)$")
_H1_LABEL_START = re.compile(rf"^[{LABEL_NUMERALS}]{{1,3}}、")


def h1_tasks(paragraphs: list[Paragraph], numbered: set[str]) -> tuple[list[Item], list[Paragraph]]:
    """"一、坚决纠正…" headings each over a paragraph that assigns work, in a part with no other numbered
    level: each heading with its text is item N ("第二项" reaches it, its owner is the paragraph's)."""
    by_part: dict[str, dict[int, list[Paragraph]]] = {}
    titles: dict[tuple[str, int], str] = {}
    for p in paragraphs:
        seg = p.section.split(" / ")[0] if p.section else ""
        if p.part in numbered or " / " in p.section or not (m := _H1_SECTION.match(seg)):
            continue
        n = chinese_to_int(m.group(1)) or 0
        by_part.setdefault(p.part, {}).setdefault(n, []).append(p)
        titles[(p.part, n)] = m.group(2)
    promoted: list[Item] = []
    taken: set[int] = set()
    for part, groups in by_part.items():
        tasks = {n: ps for n, ps in groups.items() if any(_units_of(_H1_LABEL_START.sub("", p.text, count=1)) for p in ps)}
        if len(tasks) < 2 or len(tasks) * 2 < len(groups):
            continue  # a notice's requirements, not a list of tasks
        for n, ps in groups.items():
            body = _H1_LABEL_START.sub("", "".join(p.text for p in ps), count=1)
            title = titles[(part, n)]
            text = body if body.startswith(title) else f"{title}。{body}"  # "一、X。…" paragraphs hold their title
            promoted.append(Item(number=n, heading=title, text=text, units=_units_of(body),
                                 section="", part=part, line_start=ps[0].line_start, line_end=ps[-1].line_end,
                                 deadline=deadline_of(body), frequency=frequency_of(body)))
            taken.update(id(p) for p in ps)
    return promoted, [p for p in paragraphs if id(p) not in taken]


def _units_of(text: str) -> Units:
    return trailing_units(text) or trailing_label_units(text) or inline_units(text)


_ENUM_START = re.compile(rf"^\s*([{LABEL_NUMERALS}]{{1,3}})是[，,：:]?\s*")


def enumerated_tasks(paragraphs: list[Paragraph], numbered: set[str]) -> tuple[list[Item], list[Paragraph]]:
    """"一是全面开展公厕普查。…" / "二是科学规划…" paragraphs under a heading are that heading's tasks
    N (a numbering style of their own), in a part without "1." items: "（一）里的三是" reaches them."""
    by_part: dict[str, list[tuple[Paragraph, int]]] = {}
    for p in paragraphs:
        if p.part not in numbered and (m := _ENUM_START.match(p.text)):
            by_part.setdefault(p.part, []).append((p, chinese_to_int(m.group(1)) or 0))
    promoted: list[Item] = []
    taken: set[int] = set()
    for part, rows in by_part.items():
        if len(rows) < 2:
            continue
        for p, n in rows:
            body = _ENUM_START.sub("", p.text, count=1)
            path = "".join(next(g for g in m.groups() if g) for seg in p.section.split(" / ")
                           if (m := _SECTION_LABEL.match(seg)))
            units = trailing_units(p.text) or trailing_label_units(p.text) or inline_units(body)
            promoted.append(Item(number=n, heading=first_sentence(body), text=body, units=units, section=p.section,
                                 part=part, line_start=p.line_start, line_end=p.line_end, path=path,
                                 deadline=deadline_of(body), frequency=frequency_of(body)))
            taken.add(id(p))
    return promoted, [p for p in paragraphs if id(p) not in taken]


_BULLET = re.compile(r"^\s*(?:-{2,}|—{1,2}|[·•●■◆※]+)\s*")


def _roster_with_group(p) -> Units:
    """A roster's people, and the group they staff as a party of its own: "综合协调小组做什么" asks about
    the group, whose duties ("职责：…") the roster paragraph holds."""
    units = roster_units(p.roster)
    if not units:
        return units
    groups = tuple(g for name in roster_group(p.text, p.section) for g in clean(name)[0] if g not in units.all)
    return replace(units, shared=(*groups, *units.shared)) if groups else units


def paragraph_tasks(paragraphs) -> list[Item]:
    """Unnumbered paragraphs that assign work ("区数字办负责…", "…。责任单位：X") are tasks too:
    number 0, cited by the paragraph's own locator, so unit questions and "谁负责" reach them."""
    tasks = []
    for p in paragraphs:
        units = (_roster_with_group(p) or trailing_units(p.text) or trailing_label_units(p.text)
                 or inline_units(p.text) or _heading_owner(p))
        if units:
            heading = first_sentence(_BULLET.sub("", p.text))  # "---完善…。" is headed "完善…。"
            tasks.append(Item(number=0, heading=heading, text=p.text, units=units, section=p.section,
                              part=p.part, line_start=p.line_start, line_end=p.line_end, path=p.locator,
                              deadline=deadline_of(p.text), frequency=frequency_of(p.text)))
    return tasks


def _heading_owner(p: Paragraph) -> Units:
    """"五、南海中心另行增加职能" over "负责…" / "（一）负责…。" paragraphs naming no party: they are the
    heading's body's duties. A （N） paragraph's own title is the last segment: the heading above it counts.
    A collective ("各相关部门工作职责") names no one body: its paragraphs say who does what themselves."""
    segments = p.section.split(" / ") if p.section else []
    if len(segments) > 1 and _H2_START.match(p.text) and segments[-1].startswith(p.text[:3]):
        segments = segments[:-1]
    owner = duty_owner(segments[-1]) if segments else Units()
    return Units() if any(n.startswith(COLLECTIVE_QUALIFIERS) for n in owner.shared) else owner


def apply_designated_leads(items: tuple[Item, ...], lines: list[str]) -> tuple[Item, ...]:
    """Items whose units name no lead get the first listed unit as 牵头 where the document says so."""
    rules: list[tuple[int, str]] = []  # (first line governed, rule sentence)
    for no, line in enumerate(lines, 1):
        if "牵头" not in line:  # cheap pre-check: most lines state no rule
            continue
        text = strip_markup(line)
        if not (m := FIRST_LEADS.search(text)):
            continue
        sentence = sentence_around(text, m.start(), m.end(), left="。；;（(，,", right="。；;）)")
        inside = next((it for it in items if it.line_start <= no <= it.line_end), None)
        if inside is None or GOVERNS_ALL.search(sentence):
            rules.append((0, sentence))
        elif CARRIES_FORWARD.search(text[m.start():m.end() + 12]):
            rules.append((inside.line_start, sentence))
    if not rules:
        return items
    out = []
    for it in items:
        rule = next((r for start, r in sorted(rules, reverse=True) if it.line_start >= start), "")
        u = it.units
        # a lone collective ("各责任单位要…") is addressed, not listed first among the owners
        lone_collective = len(u.shared) == 1 and u.shared[0].startswith(COLLECTIVE_MARKS)
        if rule and not u.lead and u.shared and not lone_collective:
            it = replace(it, units=replace(u, lead=u.shared[:1], cooperate=u.shared[1:] + u.cooperate,
                                           shared=(), rule=u.rule or rule))
        out.append(it)
    return tuple(out)


def apply_carried_parties(items: tuple[Item, ...]) -> tuple[Item, ...]:
    """"（区资源生态局牵头负责；各片区负责配合落实，以下均需各片区配合落实，不再列出）": the party named
    for every later item of the same part joins each of them in that role (written once, meant for all)."""
    out, carried = [], {}  # part → (role, names)
    for it in items:
        if (role_names := carried.get(it.part)) and it.units:
            role, names = role_names
            extra = tuple(n for n in names if n not in it.units.all)
            if extra:
                it = replace(it, units=replace(it.units, cooperate=it.units.cooperate + extra))
        if m := CARRIED_PARTY.search(it.text):
            names = tuple(n for n in split_unit_list(m.group("units")) if unit_like(n))
            if names:
                carried[it.part] = ("cooperate", names)
                if not all(n in it.units.all for n in names):
                    it = replace(it, units=replace(it.units, cooperate=it.units.cooperate + names))
        out.append(it)
    return tuple(out)


def number_paragraphs(paragraphs: list[Paragraph]) -> tuple[Paragraph, ...]:
    counts: dict[str, int] = {}
    out = []
    for p in sorted(paragraphs, key=lambda p: p.line_start):
        counts[p.part] = counts.get(p.part, 0) + 1
        out.append(replace(p, number=counts[p.part]))
    return tuple(out)


def label_tables(tables: list[Table]) -> tuple[Table, ...]:
    """Name each table in citations when its part holds several ("附件 党员监督责任清单 第3行")."""
    per_part: dict[str, int] = {}
    for t in tables:
        per_part[t.part] = per_part.get(t.part, 0) + 1
    return tuple(
        replace(t, label=re.sub(rf"^[{LABEL_NUMERALS}]+、", "", t.title).strip()) if per_part[t.part] > 1 and t.title else t
        for t in tables
    )


# "一、县示范区管委会牵头工作（8项）": a group heading that names the unit responsible for every item
# under it (task lists grouped by lead unit). The count and a trailing 工作/任务/事项 are dropped; the
# rest must be nothing but unit names with a role word, so ordinary headings never match.
_GROUP_TAIL = re.compile(r"(?:[（(]\s*(?:共\s*)?\d{1,3}\s*[项条个][）)])?\s*[：:。]?$")
_GROUP_NOUN = re.compile(rf"(?:的)?(?:重点)?(?:{one_of(GROUP_NOUNS)})(?:清单)?$")


# "第十八条 区农村发展局工作职责", "三、站点消防员应履行以下职责": the heading names whose duties follow.
DUTY_TITLE = re.compile(rf"^(?:第[{LABEL_NUMERALS}百]+条\s*)?(?P<owner>[^\s，,。；;：:]{{2,40}}?)(?:的)?"
                        rf"(?:应(?:当)?履行(?:{one_of(FOLLOWING_WORDS)})?|{one_of(DUTY_LABEL_QUALIFIERS)})?"
                        rf"(?:{one_of(DUTY_KINDS)})?(?:{one_of(DUTY_TITLE_NOUNS)})(?:{one_of(DUTY_TITLE_ENDS)})?[：:]?$")


_DECIMAL_LABEL = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\s*")  # "3.3.1 流水镇防汛指挥部职责"


def duty_owner(title: str) -> Units:
    """The body (or post) a duty heading names, responsible for the items under it."""
    m = DUTY_TITLE.match(_DECIMAL_LABEL.sub("", _SECTION_LABEL.sub("", title.strip())).strip())
    if not m:
        return Units()
    found = tuple(p for name in split_unit_list(m.group("owner")) for p in _leading_party(name))
    return Units(shared=found) if found else Units()  # "平潭海关、平潭出入境检验检疫局工作职责" names both


def _leading_party(name: str) -> tuple[str, ...]:
    """"片区管理局党委安全生产" → 片区管理局党委: the duties' topic may stand between the body and 职责
    ("…安全生产工作职责", "…生态环境保护职责"); the longest leading name is the owner."""
    for end in range(len(name), 1, -1):
        if found := clean(name[:end])[0]:
            return found
    return ()


def heading_units(title: str) -> Units:
    """Units a group heading assigns ("区委组织部牵头任务" → lead 区委组织部, "X工作职责" → X); empty
    when none."""
    if owner := duty_owner(title):
        return owner
    head = _GROUP_NOUN.sub("", _GROUP_TAIL.sub("", title.strip()))
    if not head or head == title.strip() or len(head) > 40:
        return Units()
    units = parse_units(head, bare_role="")
    names = units.lead + units.cooperate + units.shared
    if not names or not all(unit_like(n) for n in names):
        return Units()
    return units


def apply_heading_units(items: tuple[Item, ...]) -> tuple[Item, ...]:
    """Items without units inherit those of the nearest heading above them that names a unit. Under a
    duty heading ("（一）一级岸线巡防队主要职责如下：") every item is the owner's duty: an item that also
    names another party ("…报领导小组办公室，由领导小组办公室负责召集…") keeps it beside the owner."""
    out = []
    for it in items:
        owner = duty_owner(it.section.split(" / ")[-1]) if it.section else Units()
        named = it.units.all
        if (owner and named and not set(owner.shared) & set(named) and all(p in it.text for p in named)
                and not any(it.text.startswith(p) for p in named)):  # not "X工作职责：…", its own duty list
            it = replace(it, units=replace(it.units, shared=(*owner.shared, *it.units.shared)))
        if not it.units and it.section:
            for part in reversed(it.section.split(" / ")):
                title = _SECTION_LABEL.sub("", part)
                if units := heading_units(title):
                    it = replace(it, units=units)
                    break
        out.append(it)
    return tuple(out)
