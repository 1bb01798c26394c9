"""Understanding structured questions: which item, which document, which role, which unit or leader.

Pure functions over the question text and the parsed corpus. Anything not recognised here is a free
question for search. Recognition is deliberately literal: a structured answer must be exact, so when
a question is not clearly structured it goes to search rather than to a guess.
"""

from __future__ import annotations

import re

from assistant.documents.contact_tables import ContactIndex
from assistant.documents.names import find_documents, name_key
from assistant.documents.units_index import UnitIndex, unit_keys
from assistant.questions.frames import (
    DocInfo,
    Docs,
    Frame,
    ItemQuestion,
    LeaderPoints,
    PointLeaders,
    Search,
    SmallTalk,
    UnitDuties,
    UnknownEntity,
)
from assistant.questions.unit_topics import ASKS_UNIT as _ASKS_UNIT
from assistant.questions.unit_topics import FRAME_WORDS as _FRAME_WORDS
from assistant.questions.unit_topics import LIST_ASK as _LIST
from assistant.questions.unit_topics import NON_WORD as _NON_WORD
from assistant.questions.unit_topics import TOPIC_FRAME as _TOPIC_FRAME
from assistant.questions.unit_topics import abbreviated_unit as _abbreviated_unit
from assistant.questions.unit_topics import acting_subject as _acting_subject
from assistant.questions.unit_topics import mentioned_topic as _mentioned_topic
from assistant.questions.unit_topics import only_asks_duties as _only_asks_duties
from assistant.questions.unit_topics import section_topic as _section_topic
from assistant.user_input.normalise import normalise
from corpus import roles
from corpus import vocabulary_questions as qwords
from corpus.model import MAIN_PART
from corpus.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int
from corpus.parties import POSITIONS, is_party_name
from corpus.vocabulary import (
    ASK,
    CONJUNCTIONS,
    CONTACT_VERBS,
    ITEM_NOUNS,
    MODAL_VERBS,
    QUESTION_WORDS,
    SERIAL_HEADERS,
    TABLE_NOUNS,
    TOGETHER_WORDS,
    TOTAL_WORDS,
    UNIT_NOUNS,
    alternation,
    one_of,
    organisation_name,
)
from corpus.vocabulary_conventions import ITEM_LABEL_NOUNS
from index.answer_type import RECIPIENT_ASKED, RECIPIENT_KIND, RULE_KINDS, answer_kind

_NUM = rf"([0-9]+|[{CHINESE_NUMERAL_CHARS}]+)"
# "第17项", "第十七条", "第 3 点"; a bare "第17" only when a question word follows (not "第一次").
_ITEM = f"(?:{alternation((*qwords.COUNTED_ITEMS, *ITEM_NOUNS))})"  # "第3个任务" as "第3项"
_ITEM_STRONG = re.compile(rf"第[（(]?{_NUM}[）)]?{_ITEM}")
# "第（三）项第1点": the first reference names the section (kept for item_lookup's path), the second its item.
_ITEM_IN_SECTION = re.compile(rf"第[（(]?{_NUM}[）)]?{_ITEM}[，,、的]?第{_NUM}{_ITEM}")
_ITEM_BARE = re.compile(rf"第{_NUM}(?={one_of(qwords.ITEM_BARE_FOLLOWERS)}|$)")
_ITEM_NO_DI = re.compile(rf"(?<![0-9{qwords.NOT_BEFORE_ITEM_NUMBER}.])([0-9]+)(?:项|条)")
# "分工表序号2那项", "编号为3的任务": a row named by the table's sequence column
_TABLE_NOUN = re.compile(alternation(TABLE_NOUNS))
_ITEM_SERIAL = re.compile(rf"(?:{alternation(SERIAL_HEADERS)})(?:为|是)?\s*{_NUM}")
_ITEM_LABELLED = re.compile(rf"(?:{alternation(ITEM_LABEL_NOUNS)})\s*{_NUM}(?=[^0-9\u4e00-\u9fff]|$|{one_of(qwords.ITEM_BARE_FOLLOWERS)})")
# "第3、4项" / "第三条和第四条" / "3项、5项": several items in one question.
_SEP = rf"(?:{one_of(qwords.ITEM_SEPARATORS)})"
_ITEM_SERIES = re.compile(rf"第?{_NUM}{_ITEM}?(?:{_SEP}第?{_NUM}{_ITEM}?)+")
_NUM_RX = re.compile(_NUM)
# Right after a document's name a bare number is an item: "越秀要点17", "监督方案17号谁牵头".
_NUMBER_AFTER_NAME = re.compile(rf"^\s*([0-9]{{1,3}})(?:号|\.|、)?(?![0-9{qwords.NOT_AFTER_NAME_NUMBER}%.])")
_LAST_ITEM = re.compile(one_of(qwords.LAST_ITEM_WORDS))
# What a question shape may contain besides its subject: the vocabulary's requests, particles and
# function words (corpus/vocabulary.py), plus the shape's own words. Question words proper (ask) are
# listed per shape: "谁" in a question about a document asks about something in it.
# "越秀工作要点有多少项" / "越秀工作要点" alone: about the document itself, not a passage in it.
_DOC_QUESTION_WORDS = re.compile(alternation((
    *_FRAME_WORDS, *TOTAL_WORDS, *ITEM_NOUNS, *qwords.DOCUMENT_QUESTION_WORDS)))
MAX_ITEMS_ASKED = 10

_PART = re.compile(rf"附件{_NUM}?")
# Role question words come from the one roles vocabulary (corpus/roles.py); "who" words are added for
# "responsible" because "第3项谁" asks who is responsible whatever the role.
_LEAD = roles.question_regex("lead")
_COOP = roles.question_regex("cooperate")
_RESP = re.compile(roles.question_regex("responsible").pattern
                   + rf"|谁|(?:{one_of(qwords.WHICH_BODY)})(?:{alternation(UNIT_NOUNS)})|{one_of(qwords.RESPONSIBLE_ASKS)}")
# A frequency, period, date, score or share is asked for: a rule in the text, not a roster of duties or
# points. One definition, shared with search ranking (index/answer_type.py); a bare count ("几项",
# "几个") is not a rule.
_RULE_KINDS = RULE_KINDS


def asks_rule(q: str) -> bool:
    return answer_kind(q) in _RULE_KINDS


# What a leader ↔ contact-point question may contain besides names and column words.
_CONTACT_QUESTION_WORDS = re.compile(alternation((
    *_FRAME_WORDS, *TOTAL_WORDS, *CONJUNCTIONS, *CONTACT_VERBS, *qwords.CONTACT_QUESTION_WORDS)) + r"|[^\u4e00-\u9fff]")
_TOGETHER = re.compile(alternation(TOGETHER_WORDS))
_WHO_GROUP = rf"(?:{one_of(qwords.WHICH_FOR_GROUP)})[\u4e00-\u9fff]{{0,4}}?(?:{one_of(qwords.ASKED_GROUP_ENDS)})"
_WHO = re.compile(rf"{one_of(qwords.WHO_PERSON)}|哪些(?:区)?领导|哪个(?:区)?领导|领导|{_WHO_GROUP}")  # 归哪个指导组
_CONTACT = re.compile(alternation(CONTACT_VERBS))
# "西河乡归谁联系": a place by its own name ("西河" + 乡; not "各乡镇", "农村") the question asks who answers for
_PLACE = rf"((?:(?![{qwords.ASKED_PLACE_NOT_IN}])[\u4e00-\u9fff]){{2,4}}?(?:{alternation(qwords.ASKED_PLACE_ENDS)}))"
# … or after who and a verb of contact at the end ("谁联系西河乡", "谁负责指导君山村")
_PLACE_ASK = re.compile(rf"^{_PLACE}(?={one_of(qwords.ASKED_PLACE_FOLLOWERS)})"
                        rf"|^(?:{one_of(qwords.WHO_PERSON)}).{{0,4}}?(?:{alternation(CONTACT_VERBS)}){_PLACE}[？?。]*$")
_DOCS = re.compile(rf"(?:{one_of(qwords.DOCS_VERBS)})?(?:{one_of(qwords.DOCS_ASKS)})(?:{one_of(qwords.DOCS_NOUNS)})|文件(?:{one_of(qwords.DOCS_LISTS)})")
_HANDED_IN = re.compile(rf"(?:{one_of(qwords.MATERIAL_VERBS)})(?:{one_of(qwords.DOCS_ASKS)})(?:{one_of(qwords.DOCS_NOUNS)})")
# "张三联系哪个社区" / "区火星局要配合哪些工作": shaped like a leader or unit question, but the name is
# unknown — say so rather than searching for something vaguely similar.
_PERSON_ASK = re.compile(rf"^([\u4e00-\u9fff]{{2,3}}?)(?:同志)?(?:{alternation((*CONTACT_VERBS, *qwords.PERSON_ASK_VERBS))})(?:{one_of(qwords.PERSON_ASKS)})")
_UNIT_ASK = re.compile(rf"^({organisation_name()})"
                       rf"(?:{alternation((*MODAL_VERBS, *qwords.UNIT_ASK_ADVERBS))})?(?:{one_of(qwords.UNIT_ASK_VERBS)})")
# "村委负责什么": a body named without a level, asked what it does (is_party_name tells a body from "谁", "资金")
_BODY_ASK = re.compile(rf"^([\u4e00-\u9fff（）()]{{2,16}}?)"
                       rf"(?:{alternation((*MODAL_VERBS, *qwords.UNIT_ASK_ADVERBS))})?(?:{one_of(qwords.UNIT_ASK_VERBS)})")
_HELP = re.compile(rf"^(?:{one_of(qwords.HELP_WORDS)}|help|/help|你(?:能|会)(?:做|干)?什么)[?？!！。]*$", re.I)


_HOLDER_POSTS = tuple(p for p in POSITIONS if p not in qwords.NOT_HOLDER_POSTS)


# The structured answer functions (assistant/questions/item_answers.py) read any frame with the fields they use.
Parsed = Frame


def item_number(q: str) -> int | None:
    if m := _ITEM_IN_SECTION.search(q):
        return chinese_to_int(m.group(2))
    for rx in (_ITEM_STRONG, _ITEM_BARE, _ITEM_NO_DI, _ITEM_SERIAL, _ITEM_LABELLED):
        m = rx.search(q)
        if m:
            return chinese_to_int(m.group(1))
    return None


def item_numbers(q: str) -> tuple[int, ...]:
    """Every item number asked for, in order; () when none."""
    for m in _ITEM_SERIES.finditer(q):
        series = m.group(0)
        if series.startswith("第") or re.search(_ITEM, series):
            numbers = tuple(dict.fromkeys(chinese_to_int(n) for n in _NUM_RX.findall(series)))
            if len(numbers) > 1:
                return numbers[:MAX_ITEMS_ASKED]
    n = item_number(q)
    return () if n is None else (n,)


def item_role(q: str) -> str:
    lead, coop = bool(_LEAD.search(q)), bool(_COOP.search(q))
    if lead and coop:
        return "responsible"
    if lead:
        return "lead"
    if coop:
        return "cooperate"
    if _RESP.search(q):
        return "responsible"
    return "text"




def unit_role(q: str) -> str:
    q = _TOPIC_FRAME.sub(" ", q)  # "在协作配合上要做什么": the topic's words are no role asked
    lead, coop = bool(_LEAD.search(q)), bool(_COOP.search(q))
    if lead and not coop:
        return "lead"
    if coop and not lead:
        return "cooperate"
    return "all"


def parse_question(question: str, units: UnitIndex, contacts: ContactIndex, documents) -> Frame:
    """The structured reading of one question (already normalised or not): a frame of the kind found,
    or a ``Search`` frame when nothing structured is asked."""
    q = name_key(normalise(question))
    if _HELP.match(q):
        return SmallTalk(q, topic="help")
    docs = tuple(find_documents(q, documents))
    # A place name in a unit's name ("君山片区" in "派驻君山片区综合执法队筹建组") names the unit, not a
    # document: a document span inside a unit named in the question is not a document reference.
    named_units = [q[a:b] for a, b, _ in units.spans_in(q)] + [p for p in contacts.points_in(q) if p in q]  # 君山村
    docs = tuple(d for d in docs if not any(d.span in n and d.span != n for n in named_units))
    # Remove the document's name so its digits ("越办〔2018〕2号") and words don't mislead what follows.
    rest = q
    for d in docs:
        if d.span not in named_units:  # "专职巡查员要做哪些工作" in a 专职巡查员 notice: the unit is asked about
            rest = rest.replace(d.span, " ")

    part_match = _PART.search(rest)
    part = MAIN_PART
    if part_match:
        part = "附件" + (str(chinese_to_int(part_match.group(1))) if part_match.group(1) else "")
        rest = rest.replace(part_match.group(0), " ")
    elif _TABLE_NOUN.search(rest) and any(it.part != MAIN_PART and it.number for d in (docs and
                                          tuple(r.document for r in docs) or documents) for it in d.items):
        part = "附件"  # "分工表第5项": the attached table, where the document has one with items
    numbers = item_numbers(rest)
    if not numbers and len(docs) == 1 and docs[0].span in q:
        after_name = _NUMBER_AFTER_NAME.match(q.split(docs[0].span, 1)[1])
        if after_name:
            numbers = (int(after_name.group(1)),)
            rest = rest.replace(after_name.group(0).strip(), " ", 1)
    if not numbers and len(docs) == 1 and _LAST_ITEM.search(rest):
        numbers = (max((i.number for i in docs[0].document.items if i.part == part), default=0),)
        rest = _LAST_ITEM.sub(" ", rest)

    # "乡镇路长负责什么": a body followed by a post asks the post's holder, not the body
    spans = [sp for sp in units.spans_in(rest) if not rest[sp[1]:].startswith(_HOLDER_POSTS)]
    topic = ""
    if numbers:
        return ItemQuestion(q, number=numbers[0], numbers=numbers, part=part, role=item_role(rest),
                            documents=docs, units=unit_keys(spans))

    if docs and not _NON_WORD.sub("", _DOC_QUESTION_WORDS.sub("", rest)):
        return DocInfo(q, part=part, documents=docs)

    # "黄永青多久去光塔街督导一次" asks for the rule; "王焕清是什么职务" for what the table does not hold.
    rule = asks_rule(rest)
    leaders = contacts.leaders_in(rest)
    points = contacts.points_in(rest)
    beyond_table = contacts.residual(rest, _CONTACT_QUESTION_WORDS) if leaders or points else ""
    roster = not rule and len(beyond_table) <= 1
    if leaders and roster:
        return LeaderPoints(q, leaders=leaders, columns=contacts.columns_in(rest), documents=docs)
    # "区教育局负责联系哪些学校" asks what the point itself does (another column), not who visits it.
    other_column = set(contacts.asked_columns(rest)) - {h for p in points for h in contacts.point_columns(p)}
    if points and roster and (_WHO.search(rest) or (_CONTACT.search(rest) and not other_column)):
        return PointLeaders(q, points=points, documents=docs)

    if spans and _LIST.search(rest) and not rule and ((topic := _section_topic(rest, spans, units))
                                                       or _only_asks_duties(rest, spans, units)
                                                       or (topic := _mentioned_topic(rest, spans, units, documents))):
        found_units = unit_keys(spans)
        together = len(found_units) > 1 and bool(_TOGETHER.search(rest))
        return UnitDuties(q, role=unit_role(rest), units=found_units, documents=docs, together=together,
                          topic=topic)

    if not spans and not rule and _LIST.search(rest) and (full := _abbreviated_unit(rest.strip(), units, topic=True)) \
            and _abbreviated_unit(rest.strip(), units) is None and full[1] in units.duties and full[1] not in q:
        # "交投公司负责哪些安置小区": the question as asked of the full name, when that reads as a duty question
        asked = parse_question(q.replace(full[0], full[1], 1), units, contacts, documents)
        if isinstance(asked, UnitDuties):
            return asked
    if not spans and not rule and _LIST.search(rest) and (full := _abbreviated_unit(rest.strip(), units)):
        # "区财金局负责哪块": a short form no document writes as a party, of one unit's name
        return UnitDuties(q, role=unit_role(rest.strip()[len(full[0]):]), units=(full[1],), documents=docs,
                          spelled=(full[0],))
    if not spans and not rule and not leaders and not points and _LIST.search(rest) \
            and (name := _acting_subject(rest.strip(), tuple(m.document for m in docs) or tuple(documents))
                 or _acting_subject(q, tuple(documents))) \
            and unit_role(q[q.find(name) + len(name):]) == "all":  # "主办单位" holds a role word: the rest asks the role
        # "主办单位要做哪些事", "区安办在这项工作里管什么": no task names it as a party, the text as the one who acts
        return UnitDuties(q, role="all", units=(name,), documents=docs)

    if leaders or (points and not roster):
        # Search for the rule on that kind of point, not for the row that holds the names; when the
        # question asks for something else, the passage found must at least mention it.
        return Search(q, documents=docs, search=contacts.generalize(q), must="" if rule else beyond_table)
    if _DOCS.search(q) and not _HANDED_IN.search(q):
        return Docs(q)
    # A person asked about like a leader is unknown unless in the table (李嘉 is in the text, but not as
    # a leader); a unit is unknown only if no document mentions it at all.
    place = _PLACE_ASK.match(rest)
    if place and (_WHO.search(rest) or _CONTACT.search(rest) or asks_responsible_unit(rest)) \
            and not _mentioned(place.group(1) or place.group(2), documents):
        # a place no document names ("西河乡" where the text has 西河镇): no passage on its other words answers
        return UnknownEntity(q, name=place.group(1) or place.group(2))
    unit_ask = _UNIT_ASK.match(rest) if _LIST.search(rest) else None
    unknown = _PERSON_ASK.match(rest) or (unit_ask if unit_ask and not _mentioned(unit_ask.group(1), documents)
                                          else None)
    if unknown:
        return UnknownEntity(q, name=unknown.group(1))
    body = _BODY_ASK.match(rest) if _LIST.search(rest) else None
    asked = unit_ask.group(1) if unit_ask else body.group(1) if body and _body_name(body.group(1)) else ""
    return Search(q, documents=docs, unit=asked)


def _body_name(text: str) -> bool:
    """"村委" is a body asked of; "治理农村黑臭水体归哪些处室", "督查时哪些部门" ask which body."""
    return is_party_name(text) and not any(w in text for w, kind in QUESTION_WORDS if kind == ASK)


def asks_responsible_unit(question: str) -> bool:
    """"哪个单位负责…" asks who is responsible; "要向哪些部门报备" asks where something goes, not who does it."""
    q = name_key(normalise(question))
    # "名册谁来报，报给谁" asks both: who reports, besides where to
    return bool(_ASKS_UNIT.search(RECIPIENT_ASKED.sub("", q) if answer_kind(q) == RECIPIENT_KIND else q))


def _mentioned(name: str, documents) -> bool:
    """Whether a name occurs anywhere in the documents ("市财政局" in 洛阳意见 has no duty list but
    is not unknown either: the question is searched)."""
    n = name_key(name)
    for d in documents:
        texts = [d.title, *(i.text for i in d.items), *(p.text for p in d.paragraphs),
                 *(r.text for t in d.tables for r in t.rows)]
        if any(n in name_key(t) for t in texts):
            return True
    return False
