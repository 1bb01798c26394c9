"""Who is responsible for an item: the responsibility parenthesis, a "责任单位：" line, or unit columns.

Handles the conventions found in policy documents:
  （区纪委牵头负责，区委办公室、区委组织部配合）          lead / cooperate
  （区纪委、区委巡察办、区委组织部按职责分工负责）          shared
  （区党风廉政建设领导小组组织协调）                       coordinate
  （…；其中政治立场…由区委宣传部负责，执行党的决议由区委办负责） sub-attributions
  （区委组织部、区委宣传部负责，排在第一位的为牵头单位）      first listed leads
  责任单位：A、B    牵头单位：A；配合单位：B
Unit names keep their own parentheses: 区财政局（区国资局）.
"""

from __future__ import annotations

import re

from corpus.model import SubAttribution, Units
from corpus.text import strip_markup

_OPEN, _CLOSE = "（(", "）)"

# Role suffixes, longest first; a clause is "<units><suffix>".
_ROLE_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("牵头抓总", "lead"), ("牵头负责", "lead"), ("总牵头", "lead"), ("牵头", "lead"),
    ("主责", "lead"), ("负总责", "lead"),
    ("按职责分工负责", "shared"), ("按照职责分工负责", "shared"), ("按职能分工负责", "shared"),
    ("按职责负责", "shared"), ("分工负责", "shared"), ("共同负责", "shared"), ("具体负责", "shared"),
    ("负责落实", "shared"), ("负责", "shared"), ("落实", "shared"), ("实施", "shared"),
    ("组织协调", "coordinate"), ("统筹协调", "coordinate"), ("协调", "coordinate"), ("指导", "coordinate"),
    ("配合", "cooperate"), ("协助", "cooperate"), ("参与", "cooperate"), ("协办", "cooperate"),
)
_ROLE_WORDS = re.compile(r"牵头|配合|负责|组织协调|统筹协调|协助|参与|协办|责任单位|牵头单位|配合单位|主责")
# "牵头单位：A" labels in lines and in clauses.
_LABELS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"^(?:牵头单位|牵头部门|主责单位|主责部门)\s*[:：]\s*"), "lead"),
    (re.compile(r"^(?:配合单位|配合部门|协办单位|协助单位|参与单位)\s*[:：]\s*"), "cooperate"),
    (re.compile(r"^(?:协调单位|协调部门)\s*[:：]\s*"), "coordinate"),
    (re.compile(r"^(?:责任单位|责任部门|实施单位|落实单位|承办单位)\s*[:：]\s*"), None),
)
UNITS_LINE = re.compile(
    r"^(?:责任单位|责任部门|牵头单位|牵头部门|主责单位|配合单位|配合部门|协办单位|实施单位|落实单位|承办单位)\s*[:：]"
)
_FIRST_LEADS = re.compile(r"(?:排在)?第一(?:位|个|家|名)?(?:的)?(?:单位)?(?:为|是)牵头")
_SUB = re.compile(r"^(?P<scope>.+?)(?:由|归)(?P<units>[^由]+?)(?:牵头)?负责$")
_LIST_SPLIT = re.compile(r"、|以及|及|和(?=各|区属|全区|相关|有关)")


def split_top(text: str, seps: str) -> list[str]:
    """Split on any of ``seps`` outside parentheses (unit names carry their own brackets)."""
    parts, depth, cur = [], 0, []
    for c in text:
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        if c in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def split_unit_list(text: str) -> tuple[str, ...]:
    """"区纪委、区委办公室及区属各单位" → ("区纪委", "区委办公室", "区属各单位")."""
    out: list[str] = []
    for chunk in split_top(text, "、/"):
        depth0 = _mask_parens(chunk)
        pieces, start = [], 0
        for m in _LIST_SPLIT.finditer(depth0):
            pieces.append(chunk[start : m.start()])
            start = m.end()
        pieces.append(chunk[start:])
        out.extend(p.strip(" ，,。.") for p in pieces if p.strip(" ，,。."))
    return tuple(out)


def _mask_parens(text: str) -> str:
    """Same length, with everything inside brackets replaced so regexes only see the top level."""
    out, depth = [], 0
    for c in text:
        if c in _OPEN:
            depth += 1
            out.append(c)
        elif c in _CLOSE:
            depth = max(0, depth - 1)
            out.append(c)
        else:
            out.append("#" if depth else c)
    return "".join(out)


def _role_of(clause: str) -> tuple[str, str]:
    """("区纪委、区委办", "lead") for "区纪委、区委办牵头"; role "" when no suffix matches."""
    for suffix, role in _ROLE_SUFFIXES:
        if clause.endswith(suffix) and len(clause) > len(suffix):
            return clause[: -len(suffix)].strip(), role
    return clause, ""


def parse_units(raw: str, *, bare_role: str = "shared") -> Units:
    """Split a responsibility text (without its outer parentheses) into roles.

    ``bare_role`` is the role of a clause that names units without a role word (a "责任单位：A、B"
    line); pass "" to ignore such clauses.
    """
    text = strip_markup(raw).strip().strip("。.")
    roles: dict[str, list[str]] = {"lead": [], "cooperate": [], "shared": [], "coordinate": []}
    subs: list[SubAttribution] = []
    first_leads = False
    for segment in split_top(text, "；;"):
        in_sub = segment.startswith("其中")
        for clause in split_top(segment, "，,"):
            clause = clause.strip()
            if _FIRST_LEADS.search(clause):
                first_leads = True
                continue
            if clause.startswith("其中"):
                clause, in_sub = clause[2:].lstrip("：:，, "), True
            label_role: str | None = None
            for pattern, role in _LABELS:
                m = pattern.match(clause)
                if m:
                    clause, label_role = clause[m.end() :], role or ""
                    break
            masked = _mask_parens(clause)
            sub = _SUB.match(masked)
            if sub and (in_sub or sub.group("scope")):
                scope = clause[: sub.start("units")].rstrip("由归").strip()
                units_text = clause[sub.start("units") : sub.end("units")]
                if scope:
                    for unit in split_unit_list(units_text):
                        subs.append(SubAttribution(unit=unit, scope=scope))
                    continue
            if clause.startswith("由"):
                clause = clause[1:]
            names, role = _role_of(clause)
            if not role:
                role = label_role or bare_role
                if not role:
                    continue
            roles[role].extend(u for u in split_unit_list(names) if u not in roles[role])
    if first_leads and not roles["lead"] and roles["shared"]:
        roles["lead"], roles["cooperate"] = roles["shared"][:1], roles["shared"][1:] + roles["cooperate"]
        roles["shared"] = []
    return Units(
        lead=tuple(roles["lead"]),
        cooperate=tuple(roles["cooperate"]),
        shared=tuple(roles["shared"]),
        coordinate=tuple(roles["coordinate"]),
        sub=tuple(subs),
        raw=text,
    )


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


def trailing_units(text: str) -> Units:
    """Units from the responsibility parenthesis ending an item; empty Units when there is none."""
    span = trailing_parenthesis(text)
    if span is None:
        return Units()
    inner = text[span[0] + 1 : span[1] - 1]
    if not _ROLE_WORDS.search(inner):
        return Units()
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
    return Units(units.lead, units.cooperate, units.shared, units.coordinate, units.sub, raw=line)


def units_from_columns(cells: dict[str, str]) -> Units:
    """Units of a table row from its 牵头单位/配合单位/责任单位 columns."""
    lead: list[str] = []
    coop: list[str] = []
    shared: list[str] = []
    coord: list[str] = []
    raw = []
    for header, value in cells.items():
        value = value.strip()
        if not value:
            continue
        if re.search(r"牵头|主责", header):
            parsed = parse_units(value, bare_role="lead")
        elif re.search(r"配合|协办|协助|参与", header):
            parsed = parse_units(value, bare_role="cooperate")
        elif re.search(r"责任|负责|实施|承办", header):
            parsed = parse_units(value, bare_role="shared")
        else:
            continue
        raw.append(f"{header}：{value}")
        lead += parsed.lead
        coop += parsed.cooperate
        shared += parsed.shared
        coord += parsed.coordinate
    return Units(tuple(lead), tuple(coop), tuple(shared), tuple(coord), raw="；".join(raw))
