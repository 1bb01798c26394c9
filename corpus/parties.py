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
from corpus.model import Item, SubAttribution, Units
from corpus.text import sentence_around
from corpus.vocabulary import HEAD_COUNTERS

# Organisations end with one of these (longest are tried first, so the order here is for readers).
ORG_SUFFIXES: tuple[str, ...] = (
    # government and party bodies
    "局", "委", "办", "部", "处", "科", "股", "室", "厅", "署", "司", "委员会", "管委会", "办公室", "党委", "党组",
    "党工委", "工委", "支部", "总支", "党组织", "组织", "政府", "人大", "政协", "纪委", "监委", "法院", "检察院",
    "指挥部", "领导小组", "工作组", "专班", "小组", "组", "联", "科协", "委员会", "委会", "工会", "协会", "商会",
    "联合会", "基金会", "红十字会", "学会", "理事会", "监会", "团", "军分区", "武装部", "海关", "边检站",
    # service units, enterprises, schools
    "中心", "公司", "集团", "院", "所", "站", "队", "大队", "中队", "馆", "校", "中学", "小学", "幼儿园", "学院",
    "银行", "支行", "社", "电视台", "医院", "卫生院", "林场", "农场", "渔场", "水厂", "园区", "管理区",
    # places that act as bodies
    "街道", "乡", "镇", "乡镇", "村", "村委", "村居", "社区", "片区", "管理局", "区", "县", "市", "省",
    # collective nouns: a name only with a qualifier before them (see COLLECTIVE_NOUNS)
    "单位", "部门", "机关", "机构", "企业", "国企", "学校", "处室", "科室", "股室", "成员单位",
)
# A collective noun alone is no name ("单位"); with a qualifier it is ("各单位", "区直各单位", "相关部门").
COLLECTIVE_NOUNS: tuple[str, ...] = ("单位", "部门", "机关", "机构", "企业", "学校", "处室", "科室", "股室",
                                     "成员单位", "组织", "乡镇", "村", "社区", "组")
# People: a position (alone, or after a unit or a name) or a name with 同志.
POSITIONS: tuple[str, ...] = (
    "组长", "副组长", "成员", "书记", "副书记", "主任", "副主任", "局长", "副局长", "区长", "副区长", "县长",
    "乡长", "镇长", "村长", "主席", "部长", "处长", "科长", "所长", "站长", "队长", "院长", "校长", "经理",
    "董事长", "委员", "常委", "秘书长", "主任委员", "同志", "第一责任人", "直接责任人", "责任人", "负责人",
    "联络员", "信息员", "专管员", "网格长", "网格员", "路长", "河长", "湖长", "林长", "点长", "楼长",
    "指挥长", "副指挥长", "总指挥", "调度长", "督导员", "包片领导", "分管领导", "主要领导", "第一书记",
    "消防员", "通信员", "巡查员", "护林员", "队员", "安全员", "协管员", "管理员", "调解员", "监督员", "帮扶责任人",
)
# Roster labels: "组 长：张三" assigns a person (letters may be spaced out to align the column).
ROSTER_LABELS: tuple[str, ...] = ("组长", "副组长", "常务副组长", "成员", "组员", "队长", "副队长", "联络员",
                                  "指挥长", "副指挥长", "总指挥", "副总指挥", "召集人")
# Labels that give a contact, not a duty ("联系人：张三，电话…").
CONTACT_LABELS: tuple[str, ...] = ("联系人", "联系电话", "咨询电话")
# Common surnames: a bare two- or three-character personal name in a roster ("张三", "欧阳明").
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
            "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
            "武戴莫孔向汤翁施游詹卓柯甘俞倪巫念蓝赖芦欧阳")
# Wording a name never holds: the parser cut a phrase of the sentence instead of its subject.
NOT_IN_NAME: tuple[str, ...] = (
    "开展", "负责", "按职责", "按照", "根据", "牵头", "配合", "协助", "落实", "推进", "做好", "加强", "确保",
    "进行", "完成", "抓好", "要求", "积极", "及时", "认真", "切实", "分工", "职责", "工作任务", "其他领导",
    "其它领导", "对接", "督促", "参与", "参加", "提供", "报送", "上报", "制定", "组织实施", "履行", "分别",
    "会同", "联系", "作为", "视情况", "否则", "发送", "交办", "厕所", "场所", "等相关", "等有关", "等其他",
)
# Words a clause starts with and a name never does: prepositions, verbs, adverbs, pointers back ("上述").
CLAUSE_START_WORDS: tuple[str, ...] = (
    "对", "将", "在", "把", "从", "向", "为", "与", "和", "及", "由", "是", "按", "如", "若", "另", "并", "等", "时",
    "新建", "强化", "坚持", "成立", "设立", "组建", "召开", "印发", "给", "深入", "结合", "发送", "交办", "通知",
    "要求", "督促", "协同", "掌握", "协助", "配合", "发挥", "充分", "调动", "推动", "健全", "构建", "实现", "持续",
    "大力", "着力", "提升", "提高", "筑牢", "守住", "严防", "严惩", "引导", "鼓励", "支持", "上述", "前述", "以上",
    "参与", "本单位", "请", "委托", "提请", "报请", "立即", "迅速", "支援",
)
# 指导 and 联合 begin names too ("指导组", "联合党委"); a 由 anywhere but in 自由 introduces the real subject.
_CLAUSE_START = re.compile(rf"^(?:{'|'.join(CLAUSE_START_WORDS)}|指导(?!组|站|中心)|联合(?!党委|会))|(?<!自)由")
_ANNOTATION = re.compile(r"[（(][^（）()]{0,30}[）)]$")
_HEAD_COUNT = re.compile(rf"^[0-9一二三四五六七八九十两]{{1,3}}(?:{'|'.join(HEAD_COUNTERS)})(?=\S{{2}})")
_PUNCTUATION = re.compile(r"[，,。；;：:！!？?“”\"《》.\s]")
_ENUMERATED = re.compile(r"^(?:\d|[一二三四五六七八九十]+[、是]|[（(])")
MAX_NAME = 30
# Short names that stand alone as bodies; any other two characters are a fragment ("调处") or a person.
_SHORT_NAMES = frozenset({"学校", "村委", "团委", "妇联", "工会", "医院", "社区", "街道", "乡镇", "村居", "海关", "法院",
                             "团市委", "党委", "党组", "支部", "总支", "民政", "公安", "税务", "消防", "边防", "海警",
                             "武警", "军分区", "侨联", "文联", "残联", "科协"})
# A verb that also begins names ("检查组") followed by its object: a collective or qualified body.
_VERB_OBJECT = re.compile(rf"^(?:{'|'.join(roles.NOUN_VERBS)})(?:各|相关|有关|.*(?:单位|企业|人员|群众|产权人)$)")
# Names of bodies set up for a task may hold any wording ("区加强和规范党内政治生活工作领导小组").
_BODY_END = re.compile(r"(?:小组|委员会|指挥部|办公室|专班|工作组)$")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def org_suffix_regex() -> re.Pattern[str]:
    """Any organisation suffix, at the end of a string."""
    return re.compile(f"(?:{_alternation(ORG_SUFFIXES)})$")


ORG_SUFFIX = _alternation(ORG_SUFFIXES)
_UNIT_NOUNS = roles.UNIT_NOUNS
# Role labels ("责任单位", "参加单位") are the document's labels, not names; after 各/相关/有关 they are
# collectives ("各牵头单位", "各攻坚战责任单位").
_ROLE_STEMS = sorted({re.sub(f"(?:{'|'.join(_UNIT_NOUNS)})$", "", p) for p, _ in roles.phrases(roles.LABEL)
                      if p.endswith(_UNIT_NOUNS)} | {"参加"}, key=len, reverse=True)
_ROLE_LABEL = re.compile(rf"^(?:(?P<q>(?:各|相关|有关|其他|其它|全体|[区县市]直)[^，,、；;]{{0,12}}?)|[^，,、；;]{{0,12}}?)"
                         rf"(?:{'|'.join(_ROLE_STEMS)})(?:{'|'.join(_UNIT_NOUNS)})$")
_COLLECTIVE_ONLY = re.compile(f"^(?:{_alternation(COLLECTIVE_NOUNS)})$")
_POSITION_END = re.compile(f"(?:{_alternation(POSITIONS)})$")
_NOT_IN_NAME = re.compile(_alternation(NOT_IN_NAME))
_PERSON = re.compile(rf"^(?:欧阳|[{SURNAMES}])[\u4e00-\u9fff]{{1,2}}$")


_PLACE_END = re.compile(r"(?:村|居|镇|乡|街道|社区|片区|区|县)$")


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
    r"^(?:负责|按|按照|对|在|将|把|以|为|从|及时|确保|围绕|结合|根据|依据|加快|深化|强化|严格|全面|积极|认真|切实|"
    r"进一步|坚持|其他|其它|其余|另外|同时|此外|要|应|须|并|和|及|与|或|"
    + "|".join(p for p, _ in roles.phrases(roles.VERB) if p not in roles.NOUN_VERBS) + ")"
)
# Words a name never holds: relative clauses, rule sentences, role words, list headings.
_PHRASE_WORDS = re.compile(r"的(?!.*(?:小组|委员会|指挥部|办公室|专班)$)|如下|排位|排名|靠前|简称|每|到|(?<=[门局委办部处室])向|(?:向|经)(?=[区市县省])|成立|组建|视情况|(?<=.)将(?!乐)|被|(?<=.)[（(][一二三四五六七八九十]{1,3}[）)](?=.)|(?:于|按)(?:规定|要求)?时间|\d+\s*(?:次|个|年|月|日|天|名|人)")
# A bracket after a name: what it holds decides what it is.
_TRAILING_BRACKET = re.compile(r"^(?P<name>.+?)[（(](?P<inner>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]$")
_ALIAS_NOTE = re.compile(r"^(?:以下)?简称[:：]?\s*[“\"‘']?(?P<short>[^”\"’'）)]+)[”\"’']?$")
_QUOTA = re.compile(r"\d|[一二三四五六七八九十百千]+(?:日|天|个|人|户|亩|宗|件|%)|牵头|配合|主责|协办")
# A bracket that says where a body sits or what it was: kept as a note ("（设在区纪委）", "（原…局）").
_PLACE_NOTE = re.compile(r"^(?:设在|设于|挂靠|含|包括|原|即|见|不含|下设)")
# A bracket naming a line of work ("（商务）", "（海洋渔业）", "（住建）"): which office of the body is meant.
_LINE_OF_WORK = re.compile(r"^(?!待定|暂定|另定|拟定|兼|代)[\u4e00-\u9fff]{2,6}$")
_SCOPE = re.compile(r"^(?:区委|市委|县委|省委|区|市|县|省|镇|乡)")


_HALF_CLOSED = re.compile(r"[（(]([^（）()]{1,30})[）)]$")


def clean(name: str) -> tuple[tuple[str, ...], str]:
    """(parties, note) of one candidate span: () when the span is not a party.

    "危化处（60日）" → (("危化处",), "60日"); "区经济发展局（重点办、发改处）" → the bureau and its offices;
    "区交通与建设局（简称“区交建局”）" → (("区交通与建设局",), ""); "本办法由区财政局" → (("区财政局",), "")."""
    n = name.strip().strip("，,。；;、 ")
    n = _HALF_CLOSED.sub(r"（\1）", n)  # "区森林园林局（区森林园林公司)": brackets mixed by hand
    n = _HEAD_COUNT.sub("", n)  # "六名专职巡查员": the post, not how many hold it
    if "由" in n and not is_party_name(n):
        n = n.rsplit("由", 1)[1]
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
_LEAD_POSITIONS = re.compile(r"^(?!副|常务副).*(?:组长|队长|指挥长|总指挥|召集人)$")  # "小组长" leads, "副组长" not
# Any "…长" post of a group ("组长", "副湾（滩）长", "总指挥"), written with spaces to align the column.
ROSTER_LINE = re.compile(r"^\s*(?P<label>(?:常务|第一)?副?\s*[\u4e00-\u9fff（）()\s]{0,6}?长|成\s*员|组\s*员|联\s*络\s*员|"
                         r"副?总\s*指\s*挥|召\s*集\s*人)\s*[:：]\s*(?P<names>\S.*)$")
_ROSTER_SEGMENT = re.compile(r"(?:^|[：:])\s*(?P<label>[^：:；;]{2,8})[:：](?P<names>[^；;：:]*)$")
_NAME_AND_POST = re.compile(r"^(?P<name>(?:欧阳|[\u4e00-\u9fff])[\u4e00-\u9fff]{1,2})(?:\s*[（(](?P<p1>.+)[）)]|\s+(?P<p2>\S.*))?$")


def roster_units(text: str) -> Units:
    """Parties of a roster paragraph ("成立…领导小组：组长：张三（管委会副主任）；副组长：李四…；成员：…"):
    the leader(s) lead, the others are members (shared); each person's position is kept as a note.
    A roster may list bodies instead of people ("成员：区公安局、区应急局")."""
    lead: list[str] = []
    members: list[str] = []
    notes: list[tuple[str, str]] = []
    label = ""
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
            (lead if _LEAD_POSITIONS.match(label) else members).append(name)
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
        if m := roles.CONDITIONAL_OWNER.search(it.text):
            units = replace(units, condition=sentence_around(it.text, m.start(), m.end()))
        out.append(replace(it, units=units) if units is not it.units else it)
    return tuple(out)
