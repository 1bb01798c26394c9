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

from corpus import roles
from corpus import vocabulary_names as name_words
from corpus.model import SubAttribution, Units
from corpus.parties import distribute_tail
from corpus.people import leader_column, leader_entries, units_and_people
from corpus.text import strip_markup
from corpus.vocabulary import one_of
from corpus.vocabulary_conventions import PEOPLE_AFTER_LABEL
from corpus.vocabulary_names import scoped

# Square brackets enclose responsibility clauses too ("…。[牵头单位:区卫健局;责任单位:…]").
_OPEN, _CLOSE = "（(［[【〔〖", "）)］]】〕〗"

# Clause suffixes, longest first; a clause is "<units><suffix>". Responsible units without a stated
# lead are stored as ``shared`` (see corpus/model.py).
ROLE_BUCKET = {"responsible": "shared"}
_ROLE_SUFFIXES: tuple[tuple[str, str], ...] = tuple((p, ROLE_BUCKET.get(r, r)) for p, r in roles.phrases(roles.SUFFIX))
_SUFFIX_ROLE = dict(_ROLE_SUFFIXES)
# A role word then a duty, never a noun made of it ("负责人", "牵头单位"): "区规划局负责规划编制".
_UNIT_THEN_ROLE = re.compile(rf"^(?P<unit>[^，,、；;（）()]{{2,30}}?)(?P<role>{'|'.join(re.escape(p) for p, _ in _ROLE_SUFFIXES)})"
                             rf"(?!{one_of(name_words.ROLE_WORD_NOUNS)})(?P<duty>[\u4e00-\u9fff].*)$")
_ROLE_WORDS = roles.role_words()
UNITS_LINE = roles.label_regex()
_GLUED_LABEL = re.compile(rf"(?<=[^；;，,（(：:\s及和与])[\s、]*(?=(?:{roles.label_words()})\s*[:：])")
_LABEL_ANYWHERE = roles.label_anywhere()


def _split_glued_labels(text: str) -> str:
    """"牵头单位：A 责任单位：B" → "牵头单位：A；责任单位：B": a label starts a new segment — where a label starts
    when labels are read from the left, so "主要责任单位：", "牵头单位及责任人：" are never cut inside."""
    starts = {m.start() for m in _LABEL_ANYWHERE.finditer(text)}
    return _GLUED_LABEL.sub(lambda m: "；" if m.end() in starts else m.group(0), text)


_FIRST_LEADS = roles.FIRST_LEADS
# "区纪委为牵头单位" / "区委组织部是责任单位": a unit named with a label as predicate.
_AS_LABEL = re.compile(rf"^(?P<units>.+?)(?:{one_of(roles.LABEL_COPULAS)})(?P<label>{roles.label_words()})$")
# "区纪委牵头、区委组织部配合": a role word followed by 、 ends its clause.
# (not role words that also end unit names: "区政协办、" is a unit followed by 、)
ROLE_THEN_LIST = re.compile(rf"({'|'.join(re.escape(p) for p, _ in _ROLE_SUFFIXES if p[-1] not in '办部组委局处室')})、")
# "区委组织部（牵头）": a role marked after one unit of a list.
# "区委组织部★" / "*区委组织部": a star or similar mark on one unit designates the lead ("带★的为牵头单位").
_MARKED = re.compile(rf"^(?:(?P<unit>.+?)[（(](?P<mark>{one_of(name_words.ROLE_MARKS)})[）)]|(?P<star>[★☆※▲*＊]+)?"
                     r"(?P<name>[^★☆※▲*＊]+?)(?P<star2>[★☆※▲*＊]+)?)$")
_SUB = re.compile(r"^(?P<scope>.+?)(?:由|归)(?P<units>[^由]+?)(?:牵头)?负责$")
# "县医疗保障局等有关部门" → "县医疗保障局": a list closed by 等 keeps the names it wrote.
_TRAILING_ETC = re.compile(rf"(?<=[^\s]{{2}})等(?:{one_of(name_words.ETC_QUALIFIERS)})?(?:{one_of(name_words.ETC_NOUNS)})?$")
_LIST_SPLIT = re.compile(rf"{one_of(name_words.LIST_SPLITTERS)}|和(?={one_of(name_words.AND_BEFORE)})")
# "A配合B落实": A supports, B answers for it.
_SUPPORTS = re.compile(rf"^(?P<coop>[^，,、]+?)(?:{one_of(roles.SUPPORT_VERBS)})(?P<main>[^，,]+)$")
# "A会同B负责": A leads, B co-operates.
_TOGETHER_WITH = re.compile(r"^(?P<lead>[^，,]+?)会同(?P<coop>.+)$")
# A unit's scope prefix; follow-on names written without it inherit it ("局机关党委、乡村振兴处").
# Names that carry their own scope and never take the district's prefix ("人行平潭支行", "国网…公司").
# …and vertically managed bodies named by their own place ("平潭海事局", "福州港口管理局平潭港务管理站");
# a name of eight characters or more is written in full already ("环境与国土资源局" after "区经济发展局").
_OWN_SCOPE = re.compile(rf"^(?:{scoped(name_words.OWN_SCOPE_STARTS)})|(?:{one_of(name_words.OWN_SCOPE_ENDS)})$|^.{{8,}}$")
_PREFIX = re.compile(rf"^(?:{one_of(name_words.INHERITED_PREFIXES)})(?=[^\s，,、（(]{{2}})")
_COLLECTIVE = re.compile(rf"^(?:{scoped(name_words.COLLECTIVE_STARTS)})")
# How a unit's name ends in running text: narrower than parties.ORG_SUFFIXES on purpose (see UNIT_ENDS).
UNIT_END = re.compile(rf"(?:{one_of(name_words.UNIT_ENDS)})$")


def unit_like(name: str) -> bool:
    """Whether a name ends like a unit (局/委/办/中心/单位/政府…) rather than a task phrase."""
    return bool(UNIT_END.search(name.strip()))


def inherit_prefix(names: tuple[str, ...]) -> tuple[str, ...]:
    """"区X局、Y局" → ("区X局", "区Y局"): abbreviated follow-on names take the first unit's prefix."""
    if len(names) < 2 or not (m := _PREFIX.match(names[0])):
        return names
    prefix = m.group(0)
    out = [names[0]]
    for name in names[1:]:
        if (not _COLLECTIVE.match(name) and UNIT_END.search(name) and prefix[0] not in name
                and not _OWN_SCOPE.search(name)):
            name = prefix + name
        out.append(name)
    return tuple(out)


def split_spaced_units(cell: str) -> str:
    """"区经济发展局 区行政审批局" (two units in one table cell) → "区经济发展局、区行政审批局"."""
    parts = cell.split()
    if len(parts) > 1 and all(UNIT_END.search(p) and len(p) >= 3 for p in parts):
        return "、".join(parts)
    return cell


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
        for p in pieces:
            p = _TRAILING_ETC.sub("", p.strip(" ，,。."))
            # "各部门各乡镇": two collectives written with no separator; "A中心和B中心": two names
            for x in _collectives(p) if p else ():
                both = re.split(r"和|与", x)
                if (len(both) == 2 and all(len(b) >= 4 and UNIT_END.search(b) for b in both)
                        and not both[1].startswith(name_words.SAME_PLACE_BODIES)) or (
                        # "区文旅集团（景区管理公司）和属地村": a name closed by its note, then another body
                        len(both) == 2 and both[0].endswith(("）", ")")) and len(both[1]) >= 3
                        and UNIT_END.search(both[1])):  # "各乡镇党委和人民政府" shares 各乡镇
                    out.extend(both)
                elif x:
                    out.append(x)
    return distribute_tail(tuple(out))


def _collectives(text: str) -> list[str]:
    """"各部门各乡镇" → two collectives written with no separator ("市场监管局各片区管理局": a 、 left out);
    "片区管理局各内设处室" stays one: the bureau's own offices, not the bureau and its offices."""
    out: list[str] = []
    for x in re.split(rf"(?<=[{name_words.COLLECTIVE_LAST_CHARS}])(?={name_words.COLLECTIVE_MARKS[0]})", text):
        if out and not out[-1].startswith(name_words.COLLECTIVE_MARKS[0]) \
                and x[len(name_words.COLLECTIVE_MARKS[0]):].startswith(name_words.INNER_BODY_NOUNS):
            out[-1] += x
        else:
            out.append(x)
    return out


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
    """("区纪委、区委办", "lead") for "区纪委、区委办牵头" or "区纪委为牵头单位"; role "" when none."""
    if (m := _AS_LABEL.match(clause)) and m.group("units").strip():
        role = roles.label_role(m.group("label"))
        return m.group("units").strip(), ROLE_BUCKET.get(role, role)
    for suffix, role in _ROLE_SUFFIXES:
        if clause.endswith(suffix) and len(clause) > len(suffix):
            return clause[: -len(suffix)].strip(), role
    # "区规划局负责规划编制" inside a label's list: the unit, then its role word, then what it does
    if (m := _UNIT_THEN_ROLE.match(clause)) and unit_like(m.group("unit")):
        return m.group("unit"), _SUFFIX_ROLE[m.group("role")]
    return clause, ""


def parse_units(raw: str, *, bare_role: str = "shared") -> Units:
    """Split a responsibility text (without its outer parentheses) into roles.

    ``bare_role`` is the role of a clause that names units without a role word (a "责任单位：A、B"
    line); pass "" to ignore such clauses. A label ("责任单位：", "牵头部门:") gives its role to
    every following clause of its segment until another label or role word.
    """
    # "牵头单位：A 责任单位：B" (labels one after another, spaces lost): a label starts a new segment
    text = _split_glued_labels(strip_markup(raw).strip().strip("。."))
    found: dict[str, list[str]] = {"lead": [], "cooperate": [], "shared": [], "coordinate": [], "guide": []}
    subs: list[SubAttribution] = []
    first_leads = ""
    labelled: dict[str, list[str]] = {"shared": [], "cooperate": []}  # names under a 责任单位 / 配合单位 label
    leaders: list[tuple[str, str]] = []  # (name, post) under a leader label ("牵头领导：副县长 张伟")

    def add(role: str, names: str) -> None:
        found[role].extend(u for u in inherit_prefix(split_unit_list(names)) if u not in found[role])

    for segment in split_top(ROLE_THEN_LIST.sub(r"\1，", text), "；;"):
        in_sub = segment.startswith("其中")
        label_role: str | None = None
        leader_label = with_people = False
        # "区经发局、区农业农村局，平潭海关等按职责分工负责": names before a comma with no role word of
        # their own take the role of the next clause that has one (one list written across a comma)
        pending: list[str] = []
        for clause in split_top(segment, "，,"):
            clause = clause.strip()
            if m := _FIRST_LEADS.search(clause):
                first_leads = clause
                if m.start() == 0 or not clause[: m.start()].strip("（(，, "):
                    continue
                clause = clause[: m.start()].rstrip("（(，, ")
            if clause.startswith("其中"):
                clause, in_sub = clause[2:].lstrip("：:，, "), True
            if m := UNITS_LINE.match(clause):
                leader_label = leader_column(m.group("label"))
                with_people = m.group("label").endswith(PEOPLE_AFTER_LABEL)
                clause, label_role = clause[m.end():], ROLE_BUCKET.get(roles.label_role(m.group("label")),
                                                                   roles.label_role(m.group("label")))
            if label_role == "person":  # "牵头领导：张三" names a person, not a unit: a leader when the label says so
                if leader_label:
                    leaders += leader_entries(clause)
                continue
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
            if with_people:  # "牵头单位及责任人：市发改委 张三": the people named after the units lead them
                clause, people = units_and_people(clause)
                leaders += people
            names, role = _role_of(clause)
            # "责任单位：县财政局会同县税务局" (the label's value, no role word of its own): the same reading when
            # both sides are names
            if (tw := _TOGETHER_WITH.match(names)) and (role or (
                    unit_like(tw.group("lead")) and all(unit_like(n) for n in split_unit_list(tw.group("coop"))))):
                add("lead", tw.group("lead"))
                add("cooperate", tw.group("coop"))
                continue
            if role and (cw := _SUPPORTS.match(names)) and unit_like(cw.group("coop")):
                add("cooperate", cw.group("coop"))  # "经济发展处配合区经发局、消防救援支队落实"
                add(role, cw.group("main"))
                continue
            if not role:
                role = label_role or bare_role
                if not role:
                    if names and all(unit_like(n) for n in split_unit_list(names)):
                        pending.append(names)
                    continue
            if role == "person":
                continue
            for group in pending:  # each group keeps its own prefixes ("平潭海关" is not "区平潭海关")
                add(role, group)
            pending = []
            if label_role in labelled and role == label_role:
                labelled[label_role].append(names)
            for name in split_unit_list(names):  # "区委组织部（牵头）、区委宣传部" / "区委组织部★"
                if not (mk := _MARKED.match(name)) or not (mk.group("unit") or mk.group("star") or mk.group("star2")):
                    continue
                if mk.group("unit"):
                    mark = "lead" if mk.group("mark") in name_words.LEAD_ROLE_MARKS else "cooperate"
                    found[mark].append(mk.group("unit"))
                else:
                    found["lead"].append(mk.group("name"))
                names = names.replace(name, "", 1)
            add(role, names)
    rule = ""
    if first_leads and not found["lead"] and found["shared"]:
        found["lead"], found["cooperate"] = found["shared"][:1], found["shared"][1:] + found["cooperate"]
        found["shared"] = []
        rule = first_leads
    elif not found["lead"] and labelled["shared"] and labelled["cooperate"]:
        # "责任单位：A；配合单位：B": beside the units that support it, the responsible unit is the lead
        found["lead"] = [u for u in found["shared"] if any(u in n for n in labelled["shared"])]
        found["shared"] = [u for u in found["shared"] if u not in found["lead"]]
    return Units(
        lead=tuple(found["lead"]),
        cooperate=tuple(found["cooperate"]),
        shared=tuple(found["shared"]),
        coordinate=tuple(found["coordinate"]),
        sub=tuple(subs),
        raw=text,
        guide=tuple(found["guide"]),
        rule=rule,
        leaders=tuple(dict.fromkeys(n for n, _ in leaders)),
        notes=tuple((n, post) for n, post in leaders if post),
    )
