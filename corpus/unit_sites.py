"""Where a document writes who is responsible, each read into Units by corpus/units.py's grammar: a bracket
ending an item ("（区纪委牵头，区信访局配合）", or a bare list of names), label lines ("牵头单位：A" / "责任单位：B"),
a label ending a paragraph, and a table row's role columns."""

from __future__ import annotations

import re
from dataclasses import replace

from corpus import parties, roles
from corpus import vocabulary_names as name_words
from corpus.model import Units, merge_units
from corpus.people import leader_column, leader_entries
from corpus.text import strip_markup
from corpus.units import (
    _CLOSE,
    _OPEN,
    _ROLE_WORDS,
    ROLE_BUCKET,
    UNIT_END,
    UNITS_LINE,
    _mask_parens,
    inherit_prefix,
    parse_units,
    split_spaced_units,
    split_unit_list,
    unit_like,
)
from corpus.vocabulary import one_of


def trailing_parenthesis(text: str) -> tuple[int, int] | None:
    """(start, end) of the balanced parenthesis group that ends ``text`` (a trailing 。 allowed)."""
    end = len(text.rstrip().rstrip("。.；; "))
    if end == 0 or text[end - 1] not in _CLOSE:
        return None
    depth = 0
    for i in range(end - 1, -1, -1):
        c = text[i]
        if c in _CLOSE:
            depth += 1
        elif c in _OPEN:
            depth -= 1
            if depth == 0:
                return i, end
    return None


_NOT_A_LIST = re.compile(one_of(name_words.NOT_A_LIST_WORDS))


def _bare_unit_list(before: str, inner: str) -> Units:
    """"…推进理论武装。（区委宣传部、区委组织部）": a parenthesis of nothing but unit names after a
    full stop names the units responsible, with no role word (many 工作要点 write it this way)."""
    if _NOT_A_LIST.search(_mask_parens(inner)):
        return Units()
    names = tuple(g for n in split_unit_list(inner.replace("，", "、").replace(",", "、")) for g in split_glued(n))
    bare = [n.strip("★☆※▲*＊") for n in names]
    outer = [re.sub(r"[（(][^（）()]*[）)]$", "", n) for n in bare]  # "危化处（60日）" is judged as 危化处
    if not names or not all(len(n) >= 3 and unit_like(n) for n in outer):
        return Units()
    # After a full stop any list of unit names is the owner; right after the task's words only names
    # the party recogniser accepts ("开展危化品检查（危化处（60日））"), never "（含开发区）".
    if not before.rstrip().endswith(("。", "；", ";", "！")) and not all(parties.clean(n)[0] for n in bare):
        return Units()
    starred = tuple(b for n, b in zip(names, bare, strict=True) if n != b)  # "（★区委办、区财政局）"
    if starred:
        return Units(lead=starred, cooperate=tuple(b for b in bare if b not in starred), raw=inner)
    return Units(shared=inherit_prefix(tuple(bare)), raw=inner)


_SCOPE_START = re.compile(rf"(?:{one_of(name_words.SCOPE_PREFIXES)})")


def split_glued(name: str) -> tuple[str, ...]:
    """"市人社局市财政局" (a space between two names lost, "（市人社局 市财政局）") → both names: split where
    one name's end is followed by a level that starts another, each side a name of three characters or more."""
    for i in range(3, len(name) - 2):
        head, tail = name[:i], name[i:]
        if UNIT_END.search(head) and _SCOPE_START.match(tail) and unit_like(head) and unit_like(tail) \
                and parties.is_party_name(head) and parties.is_party_name(tail):
            return (head, *split_glued(tail))
    return (name,)


def trailing_units(text: str) -> Units:
    """Units from the responsibility parenthesis ending an item; empty Units when there is none."""
    span = trailing_parenthesis(text)
    if span is None:
        return Units()
    inner = text[span[0] + 1 : span[1] - 1]
    if not _ROLE_WORDS.search(inner):
        return _bare_unit_list(text[: span[0]], inner)
    units = parse_units(inner, bare_role="")
    if not units:
        return Units()
    return units


def is_units_parenthesis(line: str) -> bool:
    """A line that is only a responsibility parenthesis ("（区纪委牵头，区信访局配合）")."""
    line = line.strip().rstrip("。.")
    span = trailing_parenthesis(line)
    return span is not None and span[0] == 0 and bool(trailing_units(line))


def units_line(line: str) -> Units:
    """Units from a "责任单位：A、B" / "牵头单位：A；配合单位：B" line (empty Units otherwise)."""
    line = strip_markup(line).strip()
    if not UNITS_LINE.match(line):
        return Units()
    units = parse_units(line)
    return replace(units, raw=line)


def units_lines(lines) -> Units:
    """Several label lines under one item ("牵头单位：A" / "责任单位：B" / "配合单位：C") as one Units: read
    together, so "责任单位：A" beside "配合单位：B" makes A the lead, as in one line."""
    clean = [strip_markup(x).strip().rstrip("；;。") for x in lines]
    if not all(UNITS_LINE.match(x) for x in clean):
        return merge_units(units_line(x) for x in lines)
    return units_line("；".join(clean))


def units_from_columns(cells: dict[str, str]) -> Units:
    """Units of a table row from its role columns (牵头单位 / 配合单位 / 责任单位 / 指导部门 …)."""
    found: dict[str, list[str]] = {"lead": [], "cooperate": [], "shared": [], "coordinate": [], "guide": []}
    raw = []
    leaders: list[tuple[str, str]] = []
    for header, value in cells.items():
        if leader_column(header) and (people := leader_entries(value)):  # a 牵头县领导 column: people
            leaders += people
            raw.append(f"{header}：{value.strip()}")
            continue
        value = split_spaced_units(value.strip())
        role = roles.column_role(header)
        if not value or role is None:
            continue
        parsed = parse_units(value, bare_role=ROLE_BUCKET.get(role, role))
        raw.append(f"{header}：{value}")
        for r in found:
            found[r] += [u for u in getattr(parsed, r) if u not in found[r]]
    if found["lead"] and found["shared"] and not found["cooperate"]:
        # "牵头单位 | 责任单位": beside a lead, the other responsible units support it
        found["cooperate"], found["shared"] = found["shared"], []
    elif not found["lead"] and found["shared"] and found["cooperate"] and {"responsible", "cooperate"} <= {
            roles.column_role(h) for h in cells if cells[h].strip()}:
        # "责任单位 | 配合单位" columns: beside the units that support it, the responsible unit is the lead (not
        # "A配合B落实" inside one 责任单位 cell, which stays as the sentence reads)
        found["lead"], found["shared"] = found["shared"], []
    return Units(tuple(found["lead"]), tuple(found["cooperate"]), tuple(found["shared"]),
                 tuple(found["coordinate"]), raw="；".join(raw), guide=tuple(found["guide"]),
                 leaders=tuple(dict.fromkeys(n for n, _ in leaders)), notes=tuple((n, p) for n, p in leaders if p))


def trailing_label_units(text: str) -> Units:
    """"…增长10%以上。责任单位：各区属国企": a label that ends the paragraph, without brackets."""
    matches = list(roles.label_anywhere().finditer(text))
    if not matches:
        return Units()
    m = matches[0] if len(matches) > 1 and "；" in text[matches[0].start():] else matches[-1]
    while (k := matches.index(m)) > 0 and "。" not in text[matches[k - 1].end():m.start()]:
        m = matches[k - 1]  # "牵头单位：A，配合单位：B": one run of labels, read from its first
    tail = text[m.start():].rstrip("。.； ")
    # "责任单位：A，所属片区：B": a field that is no role label ends the list (B is where, not who)
    cut = next((f.start() for f in _NEXT_FIELD.finditer(tail, m.end() - m.start())
                if not roles.label_anywhere().match(tail, f.start() + 1)), len(tail))
    tail = tail[:cut]
    if "。" in tail or len(tail) > 200:
        return Units()
    return replace(units_line(tail), raw=text[m.start():].rstrip())


_NEXT_FIELD = re.compile(r"[，,；;]\s*[\u4e00-\u9fff]{2,6}[:：]")
