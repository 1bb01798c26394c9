"""What counts as a responsible party: one recogniser shared by parsing, answers, reports and records.

A party is a *name*, never a phrase: an organisation named by its suffix (区财政局, 区委组织部, 供电公司,
各片区管理局), a collective (区直各单位, 各有关部门, 各乡镇), or a person by position or name (组长,
张三同志, 第一责任人). A phrase the grammar cut out of a sentence ("开展机关", "按职责分工负责",
"其他领导", "各项任务中排位靠前的责任单位") is none of these.

- ``party_problem(name)`` says why a string is not a recognisable name ("" when it is one);
  ``is_party_name`` is its boolean. ``ORG_SUFFIX`` is the suffix vocabulary as a regex.
- ``clean(span)`` turns a candidate span into parties: annotations are stripped and kept apart
  ("危化处（60日）" → 危化处 + note "60日"); offices listed in brackets are parties of their own
  ("区经济发展局（重点办、发改处）"); a single second nameplate stays part of the name
  ("区财政局（区国资局）"); "本办法由区财政局" keeps what follows 由.
- ``recognise(units)`` passes every name of a Units through ``clean``; ``recognise_items`` runs it over a
  document's items at the end of parsing and keeps an owner rule stated by situation (``Units.condition``).
- ``roster_units`` reads the people of a roster; ``distribute_tail`` a body noun written once after a list
  of places ("金井片区、海坛片区管理局").
- ``alias_pairs(text)`` reads "区交通与建设局（简称“区交建局”）" so both names answer.
"""


from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from corpus import roles
from corpus import vocabulary_names as v
from corpus.model import Item, SubAttribution, Units
from corpus.text import sentence_around
from corpus.vocabulary import HEAD_COUNTERS, LABEL_NUMERALS, MANNER_ADVERBS, TIME_ADVERBS, alternation, one_of
from corpus.vocabulary_names import (  # noqa: F401 - the names vocabulary, re-exported for the modules that read parties
    CLAUSE_START_WORDS,
    COLLECTIVE_NOUNS,
    CONTACT_LABELS,
    NOT_IN_NAME,
    ORG_SUFFIXES,
    POSITIONS,
    ROSTER_LABELS,
    SHORT_NAMES,
    SURNAMES,
)

# 指导 and 联合 begin names too ("指导组", "联合党委"); a 由 anywhere but in 自由 introduces the real subject.
_VERB_NAMES = "|".join(f"{verb}(?!{one_of(ends)})" for verb, ends in v.VERB_NAMES)
# "定期向安全生产监督管理部门", "及时对…": a time or manner adverb before such a word opens a clause too.
_CLAUSE_START = re.compile(rf"^(?!{one_of(v.NAME_OPENINGS)})(?:{alternation((*TIME_ADVERBS, *MANNER_ADVERBS))})?"
                           rf"(?:{'|'.join(CLAUSE_START_WORDS)}|{_VERB_NAMES})|(?<!自)由")
_ANNOTATION = re.compile(r"[（(][^（）()]{0,30}[）)]$")
_HEAD_COUNT = re.compile(rf"^[0-9一二三四五六七八九十两]{{1,3}}(?:{'|'.join(HEAD_COUNTERS)})(?=\S{{2}})")
_PUNCTUATION = re.compile(r"[，,。；;：:！!？?“”\"《》.\s]")
_ENUMERATED = re.compile(rf"^(?:\d|[{LABEL_NUMERALS}]+[、是]|[（(])")
MAX_NAME = 30
_SHORT_NAMES = SHORT_NAMES
# A verb that also begins names ("检查组") followed by its object: a collective or qualified body.
_VERB_OBJECT = re.compile(rf"^(?:{'|'.join(roles.NOUN_VERBS)})(?:{one_of(v.COLLECTIVE_MARKS)}|.*(?:{one_of(v.VERB_OBJECTS)})$)")
# Names of bodies set up for a task may hold any wording ("区加强和规范党内政治生活工作领导小组").
_BODY_END = re.compile(rf"(?:{one_of(v.TASK_BODY_ENDS)})$")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def org_suffix_regex() -> re.Pattern[str]:
    """Any organisation suffix, at the end of a string."""
    return re.compile(f"(?:{_alternation(ORG_SUFFIXES)})$")


ORG_SUFFIX = _alternation(ORG_SUFFIXES)
_UNIT_NOUNS = roles.UNIT_NOUNS
# Role labels ("责任单位", "参加单位") are the document's labels, not names; after 各/相关/有关 they are
# collectives ("各牵头单位", "各攻坚战责任单位").
_ROLE_STEMS = sorted({re.sub(f"(?:{'|'.join(_UNIT_NOUNS)})$", "", p) for p, _ in roles.phrases(roles.LABEL)
                      if p.endswith(_UNIT_NOUNS)} | {"参加"}, key=lambda w: (-len(w), w))
_ROLE_LABEL = re.compile(rf"^(?:(?P<q>(?:{one_of(v.COLLECTIVE_QUALIFIERS)})[^，,、；;]{{0,12}}?)|[^，,、；;]{{0,12}}?)"
                         rf"(?:{'|'.join(_ROLE_STEMS)})(?:{'|'.join(_UNIT_NOUNS)})$")
_COLLECTIVE_ONLY = re.compile(f"^(?:{_alternation(COLLECTIVE_NOUNS)})$")
_POSITION_END = re.compile(f"(?:{_alternation(POSITIONS)})$")
_NOT_IN_NAME = re.compile(_alternation(NOT_IN_NAME))
_PERSON = re.compile(rf"^(?:{one_of(v.COMPOUND_SURNAMES)}|[{SURNAMES}])[\u4e00-\u9fff]{{1,2}}$")


_PLACE_END = re.compile(rf"(?:{one_of(v.PLACE_ENDS)})$")


def distribute_tail(names: tuple[str, ...]) -> tuple[str, ...]:
    """"金井片区、海坛片区管理局" → 金井片区管理局, 海坛片区管理局; "松南村、南松村包村工作队" → each
    village's 包村工作队: a body noun written once after the last name of a list of places belongs to
    every place of the same kind (those ending like the last one's place)."""
    if len(names) < 2:
        return names
    last = names[-1]
    for cut in range(2, len(last) - 1):
        head, tail = last[:cut], last[cut:]
        if len(tail) < 2 or not org_suffix_regex().search(tail) or not _PLACE_END.search(head):
            continue
        same = [n for n in names[:-1] if n.endswith(head[-1]) and not n.endswith(tail)]
        if same and len(same) * 2 >= len(names) - 1:
            return tuple(n + tail if n in same else n for n in names[:-1]) + (last,)
    return names


def strip_annotation(name: str) -> str:
    """"危化处（60日）" → "危化处": the annotation is kept by the caller, the name is what is left."""
    name = name.strip()
    while (m := _ANNOTATION.search(name)) and m.start() > 0:
        name = name[:m.start()].rstrip()
    return name


def party_problem(name: str) -> str:
    """Why ``name`` is not a recognisable party name, in Chinese; "" when it is one."""
    bare = strip_annotation(name)
    if len(bare) < 2:
        return "太短"
    if len(bare) > MAX_NAME:
        return "过长，像一句话"
    if _PUNCTUATION.search(bare):
        return "含标点或空格"
    if m := _PHRASE_WORDS.search(bare):
        return f"含“{m.group(0)}”"
    if m := _ROLE_LABEL.match(bare):
        return "" if m.group("q") else "是标签词，不是名称"
    if (m := _NOT_IN_NAME.search(bare)) and not _BODY_END.search(bare):
        return f"含“{m.group(0)}”"
    if _ENUMERATED.match(bare) or _CLAUSE_START.search(bare):
        return "像句子片段"
    if _VERB_START.match(bare) or _VERB_OBJECT.match(bare):
        return "像句子片段"  # "检查施工单位" is a clause; "检查组", "监督检查组", "宣传部" are names
    if bare in v.BARE_PLACE_SUBJECTS:
        return ""  # "乡镇要…": every place of that kind
    if _COLLECTIVE_ONLY.match(bare):
        return "只有泛称，没有具体单位"
    if len(bare) == 2 and bare not in _SHORT_NAMES and not bare.startswith("各") and not _PERSON.match(bare) \
            and org_suffix_regex().search(bare):
        return "太短，像词语片段"  # "调处" cut out of "联合调处中心"
    if org_suffix_regex().search(bare) or _POSITION_END.search(bare) or _PERSON.match(bare):
        return ""
    return "结尾不像单位、集体或人员"


def personal_name(text: str) -> bool:
    """A bare personal name ("林武", "欧阳明"; "林 武" aligned with a space), not a post ("河长")."""
    t = text.replace(" ", "").replace("\u3000", "")
    return bool(_PERSON.match(t)) and t not in POSITIONS and not _POSITION_END.search(t)


def is_party_name(name: str) -> bool:
    return not party_problem(name)


# ---- cleaning spans into parties (the parser's side) ----------------------------------------
# A span that starts like a clause, not a name: a verb, a preposition, "其他…".
# Duty verbs that also begin names of bodies (roles.NOUN_VERBS: "组织部", "宣传部") do not mark a clause.
_VERB_START = re.compile(
    rf"^(?!{one_of(v.NAME_OPENINGS)})(?:{one_of(v.CLAUSE_OPENERS)}|"
    + "|".join(TIME_ADVERBS) + "|"  # "定期向安全生产监督管理部门报送": a predicate with no subject
    + "|".join(p for p, _ in roles.phrases(roles.VERB) if p not in roles.NOUN_VERBS) + ")"
)
# Words a name never holds: relative clauses, rule sentences, role words, list headings.
_PHRASE_WORDS = re.compile(rf"的(?!.*(?:{one_of(v.OF_BODY_ENDS)})$)|{one_of(v.PHRASE_WORDS)}|"
                           rf"(?<=[{v.UNIT_LAST_CHARS}])向|(?:向|经)(?=[{v.LEVEL_CHARS}])|(?<=.)将(?!乐)|"
                           rf"(?<=.)[（(][{LABEL_NUMERALS}]{{1,3}}[）)](?=.)|(?:于|按)(?:规定|要求)?时间|"
                           rf"\d+\s*(?:{one_of(v.COUNT_WORDS)})")
# A bracket after a name: what it holds decides what it is.
_TRAILING_BRACKET = re.compile(r"^(?P<name>.+?)[（(](?P<inner>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]$")
_ALIAS_NOTE = re.compile(r"^(?:以下)?简称[:：]?\s*[“\"‘']?(?P<short>[^”\"’'）)]+)[”\"’']?$")
_QUOTA = re.compile(rf"\d|[{LABEL_NUMERALS}百千]+(?:{one_of(v.QUOTA_UNITS)})|{one_of(v.ROLE_MARKS)}")
# A bracket that says where a body sits or what it was: kept as a note ("（设在区纪委）", "（原…局）").
_PLACE_NOTE = re.compile(rf"^(?:{one_of(v.PLACE_NOTES)})")
# A bracket naming a line of work ("（商务）", "（海洋渔业）", "（住建）"): which office of the body is meant.
_LINE_OF_WORK = re.compile(rf"^(?!{one_of(v.NOT_LINE_OF_WORK)})[\u4e00-\u9fff]{{2,6}}$")
_SCOPE = re.compile(rf"^(?:{one_of(v.SCOPE_PREFIXES)})")


_HALF_CLOSED = re.compile(r"[（(]([^（）()]{1,30})[）)]$")
# "发生生产安全事故的行业主管部门": a collective qualified by the case it is in; the collective is the party,
# the qualifier its note, and the item keeps the sentence as the rule that decides the owner.
_QUALIFIER = rf"(?:{one_of(v.QUALIFYING_VERBS)})[^，,。；;、的（）()]{{1,24}}的"
_COLLECTIVE_TAIL = rf"[^，,。；;、的（）()]{{0,8}}(?:{one_of(COLLECTIVE_NOUNS)})"
_QUALIFIED = re.compile(rf"^(?P<qualifier>{_QUALIFIER})(?P<body>{_COLLECTIVE_TAIL})$")
_QUALIFIED_OWNER = re.compile(rf"{_QUALIFIER}(?P<body>{_COLLECTIVE_TAIL})")


def qualified_by_case(name: str) -> bool:
    """"发生生产安全事故的行业主管部门": a collective named by the case it is in, not a standing owner."""
    m = _QUALIFIED.match(name.strip())
    return bool(m) and is_party_name(m.group("body"))


def clean(name: str) -> tuple[tuple[str, ...], str]:
    """(parties, note) of one candidate span: () when the span is not a party.

    "危化处（60日）" → (("危化处",), "60日"); "区经济发展局（重点办、发改处）" → the bureau and its offices;
    "区交通与建设局（简称“区交建局”）" → (("区交通与建设局",), ""); "本办法由区财政局" → (("区财政局",), "")."""
    n = name.strip().strip("，,。；;、 ")
    n = _HALF_CLOSED.sub(r"（\1）", n)  # "区森林园林局（区森林园林公司)": brackets mixed by hand
    n = _HEAD_COUNT.sub("", n)  # "六名专职巡查员": the post, not how many hold it
    if "由" in n and not is_party_name(n):
        n = n.rsplit("由", 1)[1]
    if (m := _QUALIFIED.match(n)) and is_party_name(m.group("body")):
        return (m.group("body"),), m.group("qualifier")
    if (m := _TRAILING_BRACKET.match(n)) and is_party_name(m.group("name")):
        outer, inner = m.group("name").strip(), m.group("inner").strip()
        if _ALIAS_NOTE.match(inner):
            return (outer,), ""
        parts = [p.strip() for p in re.split(r"[、，,]", inner) if p.strip()]
        if _PLACE_NOTE.match(inner):
            return (outer,), inner
        if inner in ORG_SUFFIXES or inner.strip("各") in ORG_SUFFIXES or (len(inner) <= 2 and not _QUOTA.search(inner)):
            return (n,), ""  # "各处室（中心）", "各乡镇（街道）": the kinds of body meant, as written
        if len(parts) > 1 and all(is_party_name(p) for p in parts):
            return (outer, *parts), ""
        if len(parts) == 1 and is_party_name(parts[0]) and _SCOPE.match(parts[0]):
            return (n,), ""  # a second nameplate: "区财政局（区国资局）" is one body
        if len(parts) == 1 and is_party_name(parts[0]) and not _PERSON.match(parts[0]):
            return (outer, parts[0]), ""
        if not _QUOTA.search(inner) and _LINE_OF_WORK.match(inner):
            return (n,), ""  # "区经济发展局（海洋渔业）": the office for that line of work, as written
        if _QUOTA.search(inner) or len(inner) <= 12:
            return (outer,), inner
    return ((n,), "") if is_party_name(n) else ((), "")


_GIVEN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}$")


def recognise(units: Units) -> Units:
    """The same Units with every name checked and cleaned by ``clean`` (phrases dropped, offices split,
    annotations moved to ``notes``). Roles keep their order; a name appears once per role."""
    notes: list[tuple[str, str]] = list(units.notes)
    rejected: list[str] = list(units.rejected)
    # a roster names people by their place in the group ("组长：庄亮（党委委员）"): the post vouches for a
    # personal name whatever its surname
    posted = {name for name, _ in units.notes if personal_name(name) or _GIVEN_NAME.match(name)}

    def names(seq: tuple[str, ...]) -> tuple[str, ...]:
        out: dict[str, None] = {}
        for raw in seq:
            found, note = ((raw,), "") if raw in posted else clean(raw)
            if not found:
                rejected.append(raw)
            for f in found:
                out.setdefault(f, None)
            if note and found:
                notes.append((found[0], note))
        return tuple(out)

    subs = []
    for s in units.sub:
        found, _ = clean(s.unit)
        subs += [SubAttribution(unit=f, scope=s.scope, role=s.role) for f in found]
    return replace(units, lead=names(units.lead), cooperate=names(units.cooperate), shared=names(units.shared),
                   coordinate=names(units.coordinate), guide=names(units.guide), sub=tuple(subs),
                   notes=tuple(dict.fromkeys(notes)), rejected=tuple(dict.fromkeys(rejected)))


_ALIAS_DEF = re.compile(r"(?P<full>[^\s，,。；;：:、（）()“”]{2,30}?)[（(](?:以下)?简称[:：]?\s*[“\"‘']?(?P<short>[^”\"’'）)]{2,12})[”\"’']?[）)]")


def alias_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """("区交通与建设局", "区交建局") for every "全称（简称“简称”）" definition that names a party."""
    out: dict[tuple[str, str], None] = {}
    for m in _ALIAS_DEF.finditer(text):
        # the longest tail that is a name: "由区交通与建设局（简称…）" defines 区交通与建设局
        full = next((m.group("full")[i:] for i in range(len(m.group("full")) - 1) if is_party_name(m.group("full")[i:])), "")
        if full and m.group("short") != full:
            out.setdefault((full, m.group("short").strip()), None)
    return tuple(out)


# ---- rosters: "组  长：张三（管委会副主任）" — people (or bodies) by their place in a group ----------------
_LEAD_POSITIONS = re.compile(rf"^(?!{one_of(v.DEPUTY_PREFIXES)}).*(?:{one_of(v.LEAD_POSTS)})$")  # "小组长" leads, "副组长" not
# Any "…长" post of a group ("组长", "副湾（滩）长", "总指挥"), written with spaces to align the column.
_NOT_HEADS = [w for w in ROSTER_LABELS if not w.endswith(v.POST_HEAD)]  # "成员", "总指挥", "副总指挥"
_SPACED_LABELS = "|".join((f"{v.DEPUTY}?" if v.DEPUTY + w in _NOT_HEADS else "") + r"\s*".join(w) for w in _NOT_HEADS
                          if not (w.startswith(v.DEPUTY) and w[1:] in _NOT_HEADS))
ROSTER_LINE = re.compile(rf"^\s*(?P<label>(?:{one_of(v.POST_RANKS)})?{v.DEPUTY}?\s*[\u4e00-\u9fff（）()\s]{{0,6}}?{v.POST_HEAD}|"
                         rf"{_SPACED_LABELS})\s*[:：]\s*(?P<names>\S.*)$")
_ROSTER_SEGMENT = re.compile(r"(?:^|[：:])\s*(?P<label>[^：:；;]{2,8})[:：](?P<names>[^；;：:]*)$")
_NAME_AND_POST = re.compile(r"^(?P<name>(?:欧阳|[\u4e00-\u9fff])[\u4e00-\u9fff]{1,2})(?:\s*[（(](?P<p1>.+)[）)]|\s+(?P<p2>\S.*))?$")


def roster_units(text: str) -> Units:
    """Parties of a roster paragraph ("成立…领导小组：组长：张三（管委会副主任）；副组长：李四…；成员：…"):
    the leader(s) lead, the others are members (shared); each person's position is kept as a note.
    A roster may list bodies instead of people ("成员：区公安局、区应急局")."""
    lead: list[str] = []
    members: list[str] = []
    notes: list[tuple[str, str]] = []
    label = first = ""
    for chunk in re.split(r"[；;]", text):
        if (seg := _ROSTER_SEGMENT.search(chunk)) and ROSTER_LINE.match(re.sub(r"\s+", "", seg.group("label")) + "：x"):
            label, names = re.sub(r"\s+", "", seg.group("label")), seg.group("names")
        elif label and "：" not in chunk and ":" not in chunk:
            names = chunk  # an entry under the label above ("陈楠（城乡建设服务中心事业干部）")
        else:
            label = ""
            continue
        for piece in distribute_tail(tuple(p.strip() for p in re.split(r"[、，,]|\s{2,}", names.strip().rstrip("。")))):
            piece = piece.strip()
            if not piece or (_POSITION_END.search(piece) and "（" not in piece
                             and (len(piece) > 4 or not (_PERSON.match(piece[:3]) or _PERSON.match(piece[:2])))):
                continue  # "施强 片区党委书记、局长", "…书记、交通与建设处处长": a further post of the person before
            found, _ = clean(piece)
            if (m := _NAME_AND_POST.match(piece)) and (_PERSON.match(m.group("name")) or m.group("p1") or m.group("p2")):
                name, post = m.group("name"), m.group("p1") or m.group("p2") or ""
                notes.append((name, f"{label}{'，' + post if post else ''}"))
            elif found:
                name = found[0]
                notes.append((name, label))
            else:
                continue
            # "湾（滩）长：施强" opening the roster: its first "…长" post (no deputy) heads the group
            head = not (lead or members) and label.endswith(v.POST_HEAD) and not re.match(one_of(v.DEPUTY_PREFIXES), label)
            (lead if _LEAD_POSITIONS.match(label) or head or (lead and label == first) else members).append(name)
            first = first or label
    if not lead and not members:
        return Units()
    return Units(lead=tuple(dict.fromkeys(lead)), shared=tuple(dict.fromkeys(m for m in members if m not in lead)),
                 raw=text, notes=tuple(notes))


# ---- every item of a document ------------------------------------------------------------------

def recognise_items(items) -> tuple[Item, ...]:
    """Every item's units through the one party recogniser (phrases dropped, annotations kept apart),
    and the rule that decides the owner where it depends on the situation ("谁主管谁负责")."""
    out = []
    for it in items:
        units = recognise(it.units) if it.units else it.units
        m = roles.CONDITIONAL_OWNER.search(it.text)
        if m is None and (q := _QUALIFIED_OWNER.search(it.text)) and q.group("body") in units.all:
            m = q  # "发生…事故的行业主管部门应负责牵头…": the owner by case
        if m:
            units = replace(units, condition=sentence_around(it.text, m.start(), m.end()))
        out.append(replace(it, units=units) if units is not it.units else it)
    return tuple(out)
