"""What counts as a responsible party: one recogniser shared by parsing, answers, the calendar and records.

A party is a *name*, never a phrase: an organisation recognised by its suffix vocabulary (局, 委, 办,
中心, 街道, 党支部 …), a collective ("各片区管理局", "区直各单位"), or a person with a position
("张三同志", a roster's "组长：张三"). The grammar in corpus/units.py finds candidate spans; this
module decides which spans are parties and cleans them:

- annotations are stripped from the name and kept apart: "危化处（60日）" → 危化处 + note "60日";
- offices listed in brackets are parties of their own: "区经济发展局（重点办、发改处）" → the bureau
  and its two offices; a single second nameplate stays part of the name ("区财政局（区国资局）");
- an alias definition "区交通与建设局（简称“区交建局”）" leaves the full name (``alias_pairs`` reads
  the pairs so both names answer);
- "本办法由区财政局" keeps what follows 由; "其他领导", "开展机关", "各项任务中排位靠前的责任单位",
  a label word such as "责任制单位" are not parties.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus import roles
from corpus.model import SubAttribution, Units

# Organisation suffixes (the vocabulary a name must end with). Longest alternatives first in the regex.
ORG_SUFFIXES = (
    "局", "委", "办", "部", "处", "室", "科", "股", "所", "站", "队", "中心", "院", "会", "厅", "组", "团", "社",
    "行", "机关", "馆", "校", "台", "司", "公司", "集团", "企", "支行", "单位", "部门", "政府", "村", "村居", "社区",
    "街道", "乡", "镇", "乡镇", "片区", "党委", "党组", "党工委", "支部", "党支部", "总支", "指挥部", "专班", "小组",
    "法院", "检察院", "医院", "学校", "园", "场", "厂", "协会", "联合会", "工会", "妇联", "团委", "大队", "中队",
    "支队", "派出所", "管理局", "企业", "网格", "村委会", "居委会", "联席会议", "办公室", "海关", "开发区", "示范区",
    "园区", "新区", "实验区", "试验区", "管委会", "边检站", "海警", "银行", "合作社", "基地", "医共体", "署",
    "工商联", "侨联", "文联", "残联", "科协",
)
ORG_END = re.compile("(?:" + "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True)) + ")$")
# Collectives: "各片区管理局", "相关单位", "区直各单位", "辖区派出所".
COLLECTIVE = re.compile(r"^(?:各|相关|有关|所属|全|本|辖区|属地|区直各|区属各|全区各|沿海各|涉及的?)")
# Positions that make a person a party ("组长：张三", "张三（管委会副主任）", "李四同志").
POSITIONS = ("同志", "组长", "副组长", "组员", "成员", "队长", "副队长", "指挥长", "副指挥长", "总指挥", "副总指挥",
             "主任", "副主任", "局长", "副局长", "处长", "副处长", "书记", "副书记", "站长", "所长", "网格长", "河长",
             "林长", "路长", "湾长", "滩长", "点长", "第一责任人", "责任人", "联络员")
_PERSON = re.compile(r"^[\u4e00-\u9fa5]{2,4}同志$")
# A span that starts like a clause, not a name: a verb, a preposition, "其他…".
# Duty verbs that also begin names of bodies (roles.NOUN_VERBS: "组织部", "宣传部") do not mark a clause.
_CLAUSE_START = re.compile(
    r"^(?:负责|按|按照|对|在|将|把|以|为|从|及时|确保|围绕|结合|根据|依据|加快|深化|强化|严格|全面|积极|认真|切实|"
    r"进一步|坚持|其他|其它|其余|另外|同时|此外|要|应|须|并|和|及|与|或|"
    + "|".join(p for p, _ in roles.phrases(roles.VERB) if p not in roles.NOUN_VERBS) + ")"
)
# Words a name never holds: relative clauses, rule sentences, role words, list headings.
_NOT_IN_NAME = re.compile(r"的(?!.*(?:小组|委员会|指挥部|办公室|专班)$)|职责如下|如下|排位|排名|靠前|为牵头|按职责|分工负责|负责|牵头|配合|要求|简称|以下|下同")
# A bracket after a name: what it holds decides what it is.
_TRAILING_BRACKET = re.compile(r"^(?P<name>.+?)[（(](?P<inner>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]$")
_ALIAS_NOTE = re.compile(r"^(?:以下)?简称[:：]?\s*[“\"‘']?(?P<short>[^”\"’'）)]+)[”\"’']?$")
_QUOTA = re.compile(r"\d|[一二三四五六七八九十百千]+(?:日|天|个|人|户|亩|宗|件|%)|牵头|配合|主责|协办")
_LABEL_WORDS = frozenset(p for p, _, kinds in roles.PHRASES if roles.LABEL in kinds or roles.COLUMN in kinds)
# A bracket that says where a body sits or what it was: kept as a note ("（设在区纪委）", "（原…局）").
_PLACE_NOTE = re.compile(r"^(?:设在|设于|挂靠|含|包括|原|即|见|不含|下设)")
# Bodies short enough to be a name on their own ("各村", "学校"); longer names need three characters.
_SHORT_NAMES = frozenset({"学校", "村委", "团委", "妇联", "工会", "医院", "社区", "街道", "乡镇", "村居"})
_SCOPE = re.compile(r"^(?:区委|市委|县委|省委|区|市|县|省|镇|乡)")


def is_org(name: str) -> bool:
    """An organisation or collective name: ends with an organisation suffix, reads as a name."""
    n = name.strip()
    if len(n) < 2 or len(n) > 30 or n in _LABEL_WORDS or _CLAUSE_START.match(n) and not COLLECTIVE.match(n):
        return False
    if _NOT_IN_NAME.search(n) or re.search(r"[，,。；;：:！？!?\s]", n):
        return False
    return bool(ORG_END.search(n)) and (len(n) >= 3 or n in _SHORT_NAMES or bool(COLLECTIVE.match(n)))


def is_person(name: str) -> bool:
    """A person named with a title ("张三同志") — bare 2–3 character names are only taken from rosters."""
    return bool(_PERSON.match(name.strip()))


def is_party(name: str) -> bool:
    return is_org(name) or is_person(name)


def clean(name: str) -> tuple[tuple[str, ...], str]:
    """(parties, note) of one candidate span: () when the span is not a party.

    "危化处（60日）" → (("危化处",), "60日"); "区经济发展局（重点办、发改处）" → the bureau and its offices;
    "区交通与建设局（简称“区交建局”）" → (("区交通与建设局",), ""); "本办法由区财政局" → (("区财政局",), "")."""
    n = name.strip().strip("，,。；;、 ")
    if "由" in n and not is_party(n):
        n = n.rsplit("由", 1)[1]
    if (m := _TRAILING_BRACKET.match(n)) and is_party(m.group("name")):
        outer, inner = m.group("name").strip(), m.group("inner").strip()
        if _ALIAS_NOTE.match(inner):
            return (outer,), ""
        parts = [p.strip() for p in re.split(r"[、，,]", inner) if p.strip()]
        if _PLACE_NOTE.match(inner):
            return (outer,), inner
        if inner in ORG_SUFFIXES or inner.strip("各") in ORG_SUFFIXES or (len(inner) <= 2 and not _QUOTA.search(inner)):
            return (n,), ""  # "各处室（中心）", "各乡镇（街道）": the kinds of body meant, as written
        if len(parts) > 1 and all(is_org(p) for p in parts):
            return (outer, *parts), ""
        if len(parts) == 1 and is_org(parts[0]) and _SCOPE.match(parts[0]):
            return (n,), ""  # a second nameplate: "区财政局（区国资局）" is one body
        if len(parts) == 1 and is_org(parts[0]):
            return (outer, parts[0]), ""
        if _QUOTA.search(inner) or len(inner) <= 12:
            return (outer,), inner
    return ((n,), "") if is_party(n) else ((), "")


def recognise(units: Units) -> Units:
    """The same Units with every name checked and cleaned by ``clean`` (phrases dropped, offices split,
    annotations moved to ``notes``). Roles keep their order; a name appears once per role."""
    notes: list[tuple[str, str]] = list(units.notes)

    def names(seq: tuple[str, ...]) -> tuple[str, ...]:
        out: dict[str, None] = {}
        for raw in seq:
            found, note = clean(raw)
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
                   notes=tuple(dict.fromkeys(notes)))


_ALIAS_DEF = re.compile(r"(?P<full>[^\s，,。；;：:、（）()“”]{2,30}?)[（(](?:以下)?简称[:：]?\s*[“\"‘']?(?P<short>[^”\"’'）)]{2,12})[”\"’']?[）)]")


def alias_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """("区交通与建设局", "区交建局") for every "全称（简称“简称”）" definition that names a party."""
    out: dict[tuple[str, str], None] = {}
    for m in _ALIAS_DEF.finditer(text):
        full = m.group("full")
        # the definition's subject may follow a verb or a 由 ("由区交通与建设局（简称…）负责")
        full = re.split(r"由|会同|和|与|及|在|对", full)[-1]
        if is_org(full) and m.group("short") != full:
            out.setdefault((full, m.group("short").strip()), None)
    return tuple(out)
