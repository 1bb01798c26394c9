"""Responsibility stated inside running text: "由A负责", "A牵头、B配合", "A会同B…", a named subject with a
duty verb ("各乡镇提供名单，区民政局汇总"), a unit-colon duty list ("区财政局：负责…"). The bracket and label
grammar is in corpus/units.py; both read the one roles vocabulary (corpus/roles.py)."""

from __future__ import annotations

import re
from dataclasses import replace

from corpus import roles
from corpus import vocabulary as v
from corpus.model import SubAttribution, Units
from corpus.offices import office_subjects
from corpus.parties import CLAUSE_START_WORDS, COLLECTIVE_NOUNS, POSITIONS, is_party_name, qualified_by_case
from corpus.rosters import SETS_UP, body_named
from corpus.units import (
    ROLE_BUCKET,
    ROLE_THEN_LIST,
    UNIT_END,
    UNITS_LINE,
    inherit_prefix,
    split_unit_list,
    unit_like,
)
from corpus.vocabulary import (
    MANNER_ADVERBS,
    MODAL_VERBS,
    PERMISSIVE_MODALS,
    REPORT_VERBS,
    SETS_UP_VERBS,
    SUBJECT_ADVERBIALS,
    TIME_ADVERBS,
    TIME_CLAUSE_ENDS,
    alternation,
    one_of,
)
from corpus.vocabulary_conventions import (
    ANSWERS_FOR_ENDS,
    BY_ONLY_VERBS,
    BY_VERB_PREFIXES,
    RESPONSIBLE_COPULAS,
    RESPONSIBLE_NOUNS,
    SUBJECT_POSTS,
)
from corpus.vocabulary_names import (
    BARE_PLACE_SUBJECTS,
    DUTY_LABEL,
    DUTY_LABEL_QUALIFIERS,
    NOT_BEFORE_SETTING,
    POST_QUALIFIERS,
    POST_SETTING_VERBS,
)

# Inline responsibility in running text: a clause whose subject is a list of units followed by a
# role word ("区行政服务中心作为建设单位牵头实施，区数字办配合…", "区数字办负责指导…"). Only the
# role words that are not ordinary verbs are read here; the units must look like unit names.
_INLINE_ROLES = tuple((p, ROLE_BUCKET.get(r, r)) for p, r in roles.phrases(roles.SUFFIX)
                      if r in ("lead", "cooperate", "responsible", "shared") and p not in roles.PLAIN_VERBS)
# Not "[\u4e00-\u9fff…]": a class over the CJK range costs tens of ms to compile per occurrence, and
# a unit name is simply text without punctuation or spaces.
_NAME_CHARS = r"[^\s，,。；;：:、“”\"《》]"
# A subject may also be a leading post ("局分管领导牵头…", "局主要领导联系点：…"): people answer for work too.
# (a lazy name never stops inside a longer unit noun: "行业主管部" is "行业主管部门", "…处" before 室 "…处室")
# …or every holder of a post ("各网格员", "各挂钩帮扶干部于…前将…交至…").
_NOTE = r"(?:[（(][^\s，,。；;：:、（）()]{1,8}[）)])?"
_UNIT_NAME = ("(?:" + _NAME_CHARS + "{1,24}?(?:" + UNIT_END.pattern.rstrip("$") + r"(?![门室])"
              + rf"|(?<={one_of(v.LEADER_QUALIFIERS)}){v.LEADER})" + _NOTE
              + rf"|各{_NAME_CHARS}{{0,6}}?(?:{alternation(POSITIONS)}))")
_LIST_JOINS = one_of((v.LIST_MARK, *v.CONJUNCTIONS))
_UNIT_LIST = rf"{_UNIT_NAME}(?:(?:{_LIST_JOINS}){_UNIT_NAME})*"
# …or a post held by people ("专职巡查员", "网格长"): the posts of the one party vocabulary ending in 员 or 长.
# A sentence's subject may be a post ("巡查员要…", "由片区河长负责…"); a label line's name before a colon
# ("队长：薛忠") is a roster entry, so posts are subjects only, never unit-colon owners.
_POSTS = alternation((*(p for p in POSITIONS if p.endswith(v.POST_ENDINGS) and p not in v.NOT_SUBJECT_POSTS),
                     *SUBJECT_POSTS))
# …or a kind of place alone, tried last ("乡镇党委要…" stays one name), and only after 由 or before a modal or
# duty verb or another name ("乡镇要…", "由片区负责…", "乡镇及行政村要…"): "片区参加植树人员…" names people.
_BARE_PLACE = (rf"(?:(?<=由)|(?=(?:{alternation(BARE_PLACE_SUBJECTS)}){_NOTE}(?:{alternation(MODAL_VERBS)}|{_LIST_JOINS}|"
               + "|".join(re.escape(p) for p, _ in roles.phrases(roles.VERB)) + rf")))(?:{alternation(BARE_PLACE_SUBJECTS)}){_NOTE}")
_PARTY_NAME = rf"(?:{_UNIT_NAME}|{_NAME_CHARS}{{0,24}}?(?:{_POSTS}){_NOTE}|{_BARE_PLACE})"
_PARTY_LIST = rf"{_PARTY_NAME}(?:(?:{_LIST_JOINS}){_PARTY_NAME})*"
# "在收到企业报备材料后", "在10个工作日内": when the subject acts, between it and its verb
_WHILE = rf"在[^，,。；;：:]{{1,30}}?(?:{alternation(TIME_CLAUSE_ENDS)})"
_INLINE = re.compile(
    # "本办法由区财政局负责解释": a topic before 由 is not part of the subject
    rf"^(?:[^由，,。；;：:]{{0,20}}?由|{one_of(v.SUBJECT_INTRODUCERS)})?(?P<units>{_PARTY_LIST})(?:{_WHILE})?"
    rf"(?:作为{_NAME_CHARS}{{2,8}}?)?(?:{one_of((*v.INLINE_MODALS, *v.ROLE_ADVERBS))})?(?:{_WHILE})?"
    rf"(?P<role>{'|'.join(re.escape(p) for p, _ in _INLINE_ROLES)})(?!{one_of(roles.NOT_AFTER_ROLE)})"
)
# The body responsible as the sentence subject with a modal verb ("各处室（中心）、各行政村要广泛开展…"),
# or a duty article's title ("乡镇林业站工作职责一、…"): responsible, no role word needed.
_DUTY_VERBS = "|".join(re.escape(p) for p, _ in roles.phrases(roles.VERB))
_WHEN = alternation(TIME_ADVERBS)
# "根据省级安排情况", "对报送情况": an adverbial phrase up to the verb (lazy, inside one clause)
_HOW = rf"(?:{alternation(SUBJECT_ADVERBIALS)})[^，,。；;：:]{{1,30}}?"
# "对…的村（社区）和有关单位进行约谈", "并向各联合党委和职能处室进行报备": a list that opens like a clause
# names the object, not the subject
# "报工作站组长决定", "上报区河长办": the body reported to is the object of the report, not a subject
_NOT_SUBJECT = (rf"(?!{alternation((*(w for w in CLAUSE_START_WORDS if w != '由'), *SUBJECT_ADVERBIALS))}|"
                rf"(?:{alternation(REPORT_VERBS)})(?!社|刊))")
# "确定销毁时间后，…由党政办公室安排人员…", "工作文件集中装车前由各处室自行保管": 由 names the agent after a topic
_TOPIC_BY = r"[^由，,。；;：:]{0,24}?由"
_SUBJECT = re.compile(rf"^(?:{_TOPIC_BY}|请)?{_NOT_SUBJECT}(?P<units>{_PARTY_LIST})(?:{alternation(MODAL_VERBS)}|(?:{_WHEN})?(?:{_HOW})?"
                      rf"(?:具体|共同|{_WHEN}|{alternation(MANNER_ADVERBS)})?(?={_DUTY_VERBS})(?!{roles.NAME_AFTER_VERB.pattern})"
                      rf"(?!(?:{_DUTY_VERBS})的))"
                      rf"(?![求该是])"
                      rf"|^(?P<duty>{_UNIT_NAME})(?:{one_of(DUTY_LABEL_QUALIFIERS)})?{DUTY_LABEL}(?!{one_of(v.DUTY_LIST_INTROS)})"
                      # "各村居可根据实际，…探索建立…" / "由领导小组根据实际情况，责成…": the subject's
                      # clause may end before its verb, which follows in the next one
                      rf"|^{_NOT_SUBJECT}(?P<loose>{_UNIT_LIST})(?:{alternation(PERMISSIVE_MODALS)})(?!{one_of(v.NOT_PERMISSIVE)})"
                      # "各挂钩帮扶干部于12月31日前，将…交至…": the subject and its deadline, the verb after
                      rf"|^{_NOT_SUBJECT}(?P<due>{_UNIT_LIST})(?:{one_of(v.SUBJECT_MODALS)})?于[^，,。；;]{{1,16}}?(?:{one_of(v.BEFORE_WORDS)})$"
                      rf"|^由(?P<by_how>{_UNIT_LIST})(?:{_WHEN})?(?:{alternation(SUBJECT_ADVERBIALS)})"
                      # "由区住建局具体实施", "（三）…由市财政局组织实施": a plain verb after 由 assigns the work
                      rf"|^{_TOPIC_BY}(?P<by_plain>{_UNIT_LIST})(?:{alternation(BY_VERB_PREFIXES)})?"
                      rf"(?:{alternation(BY_ONLY_VERBS)})(?!{one_of(roles.NOT_AFTER_ROLE)})")
# "区发改局会同区财政局研究制定方案": the first leads, the body it works with co-operates.
_SUPPORTS_INLINE = re.compile(rf"^(?P<coop>{_UNIT_NAME})(?:{one_of(roles.SUPPORT_VERBS)})(?P<main>{_UNIT_LIST})(?:共同)?"
                              rf"(?:{one_of(roles.SUPPORTED_VERBS)})")
# the bodies worked with end where the clause goes on: "A会同B和C，按照…", "A会同B研究制定…", "A联合B对…"
_AFTER_PARTNERS = (rf"(?=$|[，,。；;：:]|{one_of(v.AFTER_PARTNER_WORDS)}|{alternation(TIME_ADVERBS)}|(?:{_DUTY_VERBS})|"
                   rf"(?:{'|'.join(re.escape(p) for p, _ in _INLINE_ROLES)}))")
_TOGETHER_INLINE = re.compile(rf"^(?:由)?(?P<lead>{_UNIT_LIST})(?:{one_of(v.INLINE_MODALS)})?"  # "X将会同Y…"
                              rf"(?P<how>{one_of(roles.JOINT_VERBS)})(?P<coop>{_UNIT_LIST})"
                              rf"{_AFTER_PARTNERS}")
_INLINE_ROLE = dict(_INLINE_ROLES)
# "也可由组长委托常务副组长代为组织召开": both the post entrusting and the post entrusted answer for the work;
# "由区发展研究中心与中国政法大学签订…协议": both sides of the agreement
_DELEGATES = re.compile(rf"^(?:{_TOPIC_BY})?(?P<owner>{_PARTY_LIST})(?:{one_of(v.INLINE_MODALS)})?"
                        rf"(?:{one_of(roles.DELEGATE_VERBS)})(?P<agent>{_PARTY_LIST})(?:{one_of(roles.ON_BEHALF_WORDS)})")
# "防火检查人员由站内队长和队员担任": the holders of the post asked about do its work
# ("建立由片区分管领导担任召集人的联席会议制度": a post described, no duty given)
_APPOINTED = re.compile(rf"^{_TOPIC_BY}(?P<holders>{_PARTY_LIST})(?:{one_of(v.APPOINT_VERBS)})(?![\u4e00-\u9fff]{{0,8}}的)")
_AGREES = re.compile(rf"^(?:{_TOPIC_BY})?(?P<sides>{_UNIT_LIST})(?:{one_of(v.INLINE_MODALS)})?"
                     rf"(?:{one_of(roles.AGREEMENT_VERBS)})(?!的)")  # "与省委签订的目标责任": an agreement made, no act
# "X负责巩固…、推进…的牵头抓总、统筹协调": what X is responsible for is leading, so X leads.
_LEAD_DUTY = re.compile(r"的(?:" + "|".join(re.escape(p) for p, _ in roles.phrases(roles.SUFFIX, "lead"))
                        + rf")(?:{one_of(v.DUTY_NOUNS)})?(?=[、，,]|$)")
# "区管委会、各乡镇政府要加强专项行动的统筹协调": what the subject is responsible for is co-ordinating.
_COORDINATE_DUTY = re.compile(r"的(?:" + "|".join(re.escape(p) for p, _ in roles.phrases(roles.SUFFIX, "coordinate"))
                              + rf")(?:{one_of(v.DUTY_NOUNS)})?(?=[、，,]|$)")
_CLAUSES = re.compile(r"[。；;，,：:]")
# "各站设专门的通信员，负责…", "配备1名兼职视力健康员，负责…": a post put in place is the subject too.
_SET_UP = re.compile(rf"(?:{alternation(SETS_UP_VERBS)}|(?<![{NOT_BEFORE_SETTING}])(?:{alternation(POST_SETTING_VERBS)})"
                     rf"(?:[0-9一二两三四五六七八九十]+名)?(?:{alternation(POST_QUALIFIERS)})?)"
                     rf"(?P<body>[^\s，,。；;：:、“”\"《》由的]{{1,24}}?(?:{UNIT_END.pattern.rstrip('$')})"
                     rf"|[^\s，,。；;：:、“”\"《》由的]{{0,12}}?(?:{one_of(POSITIONS)}))"
                     r"[，,](?=(?:具体|主要)?负责)")
# "六名专职巡查员，要全力负责…", "区经济发展局在收到…后，应在…内牵头…": a subject set off by a comma
# (after its time clause) from its modal verb is still that clause's subject; the comma is read through.
_SUBJECT_COMMA = re.compile(rf"(?:^|(?<=[。；;，,：:]))(?P<subject>{_PARTY_LIST}(?:{_WHILE})?)[，,]"
                            rf"(?=(?:{alternation(MODAL_VERBS)}))")
# …and "于…前" (a subject with its deadline) and a body being set up ("成立…领导小组，负责…")
_TRIGGER = re.compile("|".join(re.escape(p) for p, _ in _INLINE_ROLES)
                      + f"|{one_of(v.SUBJECT_MODALS)}|{DUTY_LABEL}|{one_of(roles.JOINT_VERBS + roles.SUPPORT_VERBS)}|"
                      + f"于|{SETS_UP.pattern}|{one_of(roles.DELEGATE_VERBS + roles.AGREEMENT_VERBS + v.APPOINT_VERBS)}|"
                      + "|".join(PERMISSIVE_MODALS + SUBJECT_ADVERBIALS) + "|" + _DUTY_VERBS
                      + rf"|由[^，,。；;：:]{{2,30}}?(?:{alternation(BY_ONLY_VERBS)})|{alternation(RESPONSIBLE_NOUNS)}")
# "一是区X局负责…；二是…", "---区Y局牵头…", "（1）区Z局…": enumerators before the clause's subject
_ENUMERATOR = re.compile(rf"^\s*(?:[{v.LABEL_NUMERALS}]+是|{one_of(v.ENUMERATOR_WORDS)}|-{{2,}}|—{{1,2}}|"
                         rf"[（(](?:\d{{1,2}}|[{v.LABEL_NUMERALS}]{{1,3}})[）)]|[①②③④⑤⑥⑦⑧⑨⑩])\s*")
_PLACE_PREPOSITIONS = v.PLACE_PREPOSITIONS
_UNIT_COLON = re.compile(rf"^(?P<unit>{_UNIT_NAME})[:：]")
# "街道党工委书记：对辖区安全生产工作负总责", "其他班子成员：按照…对分管领域…负责": a post heading its duties
# (never a roster's "队长：薛忠": what follows the colon must assign work)
_POST_COLON = re.compile(rf"^(?P<unit>{_NAME_CHARS}{{0,16}}?(?:{_POSTS}))[:：](?=[^。；;]*?(?:{_DUTY_VERBS}|"
                         rf"{'|'.join(re.escape(p) for p, _ in _INLINE_ROLES)}))")
# "街道党工委对辖区基层党建工作负总责": the subject answers for what follows 对
_ANSWERS_FOR = re.compile(rf"^(?P<units>{_PARTY_LIST})(?:{alternation(v.INLINE_MODALS)})?对[^，,。；;]{{2,40}}?"
                          rf"(?P<role>{alternation(w for w, _ in ANSWERS_FOR_ENDS)})$")
# "各县（市、区）委书记是本地区党建工作第一责任人": the subject made responsible by a copula
_COPULA = re.compile(rf"^(?P<units>{_PARTY_LIST})(?:{alternation(RESPONSIBLE_COPULAS)})[^，,。；;]{{0,24}}?"
                     rf"(?:{alternation(RESPONSIBLE_NOUNS)})")
# A duty that opens by leading ("X：牵头统筹…", "负责牵头做好…").
LEADS_DUTY = re.compile(r"\s*(?:负责)?(?:" + "|".join(re.escape(p) for p, _ in roles.phrases(roles.SUFFIX, "lead")) + ")")
# "…等区直部门": a collective noun of the one vocabulary (corpus/parties.py) names a kind of body
_KIND_OF_BODY = re.compile(f"(?:{alternation(COLLECTIVE_NOUNS)})$")
# "…成立…领导小组，负责统筹…；负责整合…": a clause opening with its duty, its subject the body just set up
_OWN_DUTY = re.compile(r"^\s*负责")
# people, not bodies ("党员干部要带头"); a post's holders are not ("各包村干部要…": POSITIONS)
_PEOPLE = re.compile(rf"(?<!{'|'.join(p[:-2] for p in POSITIONS if p.endswith('干部'))})(?:{one_of(v.PEOPLE_NOUNS)})$")


def _split_with(name: str) -> list[str]:
    """"区党群工作部与区党工委" → two units (only when both sides are unit names)."""
    parts = name.split("与")
    return parts if len(parts) > 1 and all(UNIT_END.search(p) and len(p) >= 2 for p in parts) else [name]


def _split_holders(name: str) -> list[str]:
    """"站内队长和队员" → two posts (only when every side is a party's name)."""
    parts = re.split(one_of(v.CONJUNCTIONS), name)
    return parts if len(parts) > 1 and all(is_party_name(p) for p in parts) else [name]


def _candidate_clauses(text: str) -> list[str]:
    """Only the clauses holding a role word, a modal verb or 职责 can name a responsible subject:
    found with one scan instead of matching the grammar at every clause (parsing speed)."""
    starts: dict[int, None] = {}
    for m in _TRIGGER.finditer(text):
        starts.setdefault(max(text.rfind(c, 0, m.start()) for c in "。；;，,：:") + 1)
    out = []
    for start in starts:
        end = _CLAUSES.search(text, start)
        out.append(text[start:end.start() if end else len(text)])
    return out


_INNER_MARK = "\ue000"  # a list mark inside brackets, hidden while clauses are read ("各县（市、区）委书记")
_BRACKETED = re.compile(r"[（(〔［\[][^（）()〔〕［］\[\]]{1,12}[）)〕］\]]")


def inline_units(text: str) -> Units:
    """Units named as the subject of a role word inside running text (empty Units when none). A list
    inside brackets ("各县（市、区）委书记") is part of one name, never a list of subjects."""
    if "、" not in text or not _BRACKETED.search(text):
        return _inline_units(text)
    u = _inline_units(_BRACKETED.sub(lambda m: m.group(0).replace("、", _INNER_MARK), text))

    def back(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n.replace(_INNER_MARK, "、") for n in names)

    return replace(u, lead=back(u.lead), cooperate=back(u.cooperate), shared=back(u.shared),
                   coordinate=back(u.coordinate),
                   sub=tuple(replace(x, unit=x.unit.replace(_INNER_MARK, "、"), scope=x.scope.replace(_INNER_MARK, "、"))
                             for x in u.sub))


def _inline_units(text: str) -> Units:
    found: dict[str, list[str]] = {"lead": [], "cooperate": [], "shared": [], "coordinate": []}
    after_lead: list[str] = []  # subjects named once a lead was: they work under it
    scoped: list[SubAttribution] = []
    first_role = ""  # the role of the paragraph's first named subject
    if ((m := _UNIT_COLON.match(text) or _POST_COLON.match(text)) and not UNITS_LINE.match(text)
            and not _PEOPLE.search(m.group("unit"))):
        # "区经济发展局：行政征收网上公开；…" — the unit's own list; "X：牵头统筹…" — it leads
        role = "lead" if LEADS_DUTY.match(text, m.end()) else "shared"
        # a later duty of the list that opens by leading ("…；牵头成立PPP合作模式谈判小组") is led by it
        scoped += [SubAttribution(m.group("unit"), c.strip(), "lead") for c in re.split(r"[；;]", text[m.end():])[1:]
                   if LEADS_DUTY.match(c.strip()) and role == "shared"]
        first = re.split(r"[。；;]", text[m.end():], maxsplit=1)[0]
        listed = split_unit_list(first)
        # "区直各有关单位：金井湾、澳前…指挥部" defines who the name covers; it states no duty
        if not (listed and unit_like(listed[-1]) and not _TRIGGER.search(first)):
            found[role].append(m.group("unit"))
    subject: tuple[str, ...] = ()  # the last clause's named subject: a clause without one continues it
    founded = ""  # a body the last clause set up ("成立…的网格化工作领导小组"): the duties that follow are its
    text = _SET_UP.sub(r"\g<0>\g<body>", office_subjects(text))  # "…组成督查组，负责…" → "…督查组负责…"; "下设办公室"
    for clause in _candidate_clauses(_SUBJECT_COMMA.sub(r"\g<subject>", ROLE_THEN_LIST.sub(r"\1，", text))):
        clause = _ENUMERATOR.sub("", clause)
        if founded and _OWN_DUTY.match(clause):
            if founded not in found["shared"]:
                found["shared"].append(founded)
            continue
        founded = body_named(clause) if SETS_UP.search(clause) else ""
        if subject and (lead := LEADS_DUTY.match(clause)) and lead.end() < len(clause):
            # "X负责落实…，加快培育…，牵头推进Y等工作": X leads Y, the part it opens by leading
            scoped += [SubAttribution(u, clause.strip(), "lead") for u in subject if u not in found["lead"]]
            continue
        if (clause.startswith(_PLACE_PREPOSITIONS) and "由" not in clause) or roles.FIRST_LEADS.search(clause):
            continue  # "在北港村、大坪村…开展试点": where, not who; a lead rule names no one
        if cw := _SUPPORTS_INLINE.match(clause):  # "资源生态处配合区资源生态局、消防救援支队落实"
            found["cooperate"].extend(u for u in split_unit_list(cw.group("coop")) if u not in found["cooperate"])
            found["shared"].extend(u for u in split_unit_list(cw.group("main")) if u not in found["shared"])
            continue
        if (tw := _TOGETHER_INLINE.match(clause)) and any(is_party_name(u) for u in split_unit_list(tw.group("lead"))):
            # 会同: the first leads; 联合: both act together ("…可上报片区联合调处中心": a name, no one acts)
            first, second = ("lead", "cooperate") if tw.group("how") == "会同" else ("shared", "shared")
            found[first].extend(u for u in split_unit_list(tw.group("lead")) if u not in found[first])
            found[second].extend(u for u in split_unit_list(tw.group("coop")) if u not in found[second])
            continue
        if (dw := _DELEGATES.match(clause)) or ((aw := _AGREES.match(clause)) and len(
                sides := [p for u in split_unit_list(aw.group("sides")) for p in _split_with(u)]) > 1):
            names = [*split_unit_list(dw.group("owner")), *split_unit_list(dw.group("agent"))] if dw else sides
            found["shared"].extend(u for u in names if u not in found["shared"] and not _PEOPLE.search(u))
            continue
        if aw := _APPOINTED.match(clause):
            names = [p for u in split_unit_list(aw.group("holders")) for p in _split_holders(u)]
            found["shared"].extend(u for u in names if u not in found["shared"])
            continue
        m = _INLINE.match(clause)
        if not m and (af := _ANSWERS_FOR.match(clause.strip())):
            role = dict(ANSWERS_FOR_ENDS)[af.group("role")]
            found[role].extend(u for u in split_unit_list(af.group("units")) if u not in found[role])
            continue
        if not m and (cop := _COPULA.match(clause)):
            found["shared"].extend(u for u in split_unit_list(cop.group("units")) if u not in found["shared"])
            continue
        if not m and (subject := _SUBJECT.match(clause)):
            named = next(g for g in subject.group("units", "duty", "loose", "due", "by_how", "by_plain") if g)
            if "等" in named and _KIND_OF_BODY.search(named.rpartition("等")[2]) and unit_like(named.rpartition("等")[0]):
                named = named.rpartition("等")[0]  # "区教育局、…农发局等主管部门，要…": the bodies named
            names = tuple(u for u in split_unit_list(named)
                          if not _PEOPLE.search(u))
            role = "coordinate" if _COORDINATE_DUTY.search(clause, subject.end()) else "shared"
            found[role].extend(u for u in inherit_prefix(names) if u not in found[role])
            after_lead += list(inherit_prefix(names)) if found["lead"] else []
            subject = inherit_prefix(names)
            continue
        if not m:
            continue
        named = m.group("units")
        if "等" in named:
            # "区交通与建设局等区直部门配合": the bodies named before 等 a kind of body; anything else is vague
            head, _, kind = named.rpartition("等")
            if not head or not _KIND_OF_BODY.search(kind):
                continue
            named = head
        role = _INLINE_ROLE[m.group("role")]
        if role == "shared" and _LEAD_DUTY.search(clause, m.end()):
            role = "lead"
        if m.group("role") in roles.TOGETHER_VERBS and clause[m.end():].strip():
            role = "shared"  # "要协同辖区学校开展…": the subject acts, with a partner
        listed = [p for u in split_unit_list(named) for p in _split_with(u) if not _PEOPLE.search(p)]
        if listed and all(qualified_by_case(u) for u in listed):
            # "其中，发生生产安全事故的行业主管部门应负责牵头组织善后…": whoever is in that case takes this
            # clause; it owns no more of the item than the clause
            scoped += [SubAttribution(u, m.group("role") + clause[m.end():].strip(), role) for u in listed]
            continue
        first_role = first_role or role
        names = [u for u in inherit_prefix(tuple(listed)) if u not in found[role]]
        found[role].extend(names)
        after_lead += names if role == "shared" and found["lead"] else []
        subject = inherit_prefix(tuple(listed)) if role == "shared" else ()
        scope = clause[m.end():].strip()
        if role == "lead" and scope:
            scoped += [SubAttribution(u, m.group("role") + scope, "lead") for u in names]
    if len({s.unit for s in scoped}) > 1 and len(scoped) == len(found["lead"]):
        # "其中：A牵头开展X；B牵头开展Y": each leads its own part, none leads the whole item
        return Units(cooperate=tuple(found["cooperate"]), shared=tuple(found["shared"]), sub=tuple(scoped))
    if scoped and found["shared"] and first_role == "shared":
        # "A负责组织排查…；B负责牵头解决…": parallel duties; B leads only its own part, A is no co-operator
        return Units(cooperate=tuple(found["cooperate"]), shared=tuple(found["shared"]), sub=tuple(scoped))
    if found["lead"] and found["shared"]:
        # "A牵头…，B负责…": B answers for its part under A's lead. A body named before the lead
        # ("区管委会要加强统筹协调…；各牵头单位要…；各配合部门要认真配合") is no co-operator of it.
        under = [u for u in found["shared"] if u in after_lead and u not in found["lead"]]
        found["cooperate"] += under
        found["shared"] = [u for u in found["shared"] if u not in under]
    # raw stays "": the clauses are part of the task's own text, not a removable responsibility note
    return Units(lead=tuple(found["lead"]), cooperate=tuple(found["cooperate"]), shared=tuple(found["shared"]),
                 coordinate=tuple(found["coordinate"]),
                 sub=tuple(s for s in scoped if s.unit not in found["lead"]))  # a unit-colon list's own lead


def designated_among(paren: Units, text: str) -> Units:
    """"A、B负责（A为牵头单位）": a bracket that only names the lead among the units the sentence names
    before it makes the others its co-operators; any other bracket is the item's units as they are."""
    if not paren.lead or paren.shared or paren.cooperate or paren.coordinate or not paren.raw:
        return paren
    at = text.rfind(paren.raw)
    named = inline_units(text[:at].rstrip("（(［[【 ")) if at > 0 else Units()
    listed = (*named.lead, *named.shared, *named.cooperate)
    if not set(paren.lead) <= set(listed) or len(listed) <= len(paren.lead):
        return paren
    return replace(paren, cooperate=tuple(u for u in listed if u not in paren.lead))
