"""What a unit question asks besides the unit: duty-list wording only, a topic (a section some duties stand under,
the document's own topic, a framed one: "在组织方面", "在清明节期间"), or a short form or abbreviation of a unit's
name, or a name the text writes only as the subject of what is done. Read by the question parser
(assistant/questions/intents.py); ``on_topic`` also by the duty lists (assistant/questions/item_answers.py).
"""

from __future__ import annotations

import re

from assistant.documents.names import name_key
from assistant.documents.units_index import UnitIndex
from assistant.questions.unit_mentions import mentions
from corpus import roles
from corpus import vocabulary_questions as qwords
from corpus.abbreviations import written_abbreviated
from corpus.parties import is_party_name
from corpus.text import abbreviates
from corpus.vocabulary import (
    CONJUNCTIONS,
    FUNCTION,
    MODAL_VERBS,
    PARTICLE,
    REQUEST,
    TOGETHER_WORDS,
    TOTAL_WORDS,
    UNIT_NOUNS,
    alternation,
    one_of,
    question_words,
    self_reference,
)
from corpus.vocabulary_names import HONORIFICS

NON_WORD = re.compile(r"[^\u4e00-\u9fff0-9a-z]")

FRAME_WORDS = question_words(REQUEST, PARTICLE, FUNCTION)

LIST_ASK = re.compile(rf"(?:{one_of(qwords.LIST_ASKS)})(?:{one_of(qwords.LIST_NOUNS)})?|哪项(?:{one_of(qwords.LIST_NOUNS[:2])})?|"
                   rf"{one_of(qwords.LIST_WORDS)}")

# What a "which tasks does unit X do" question may contain besides the unit's name. Anything else
# ("区委办公室负责考评哪几项任务", "…负责对哪些单位进行综合评价") asks about something the text says,
# so it is searched instead of answered with the unit's duty list.
UNIT_QUESTION_WORDS = re.compile(alternation((
    *FRAME_WORDS, *TOTAL_WORDS, *TOGETHER_WORDS, *CONJUNCTIONS, *UNIT_NOUNS, *qwords.UNIT_QUESTION_WORDS, *MODAL_VERBS,
    *qwords.UNIT_DUTY_VERBS, *qwords.UNIT_DUTY_NOUNS)))

# "法律顾问制度由哪个部门牵头": asks for the responsible unit of something found by search.
ASKS_UNIT = re.compile(rf"{one_of(qwords.ASKS_UNIT_ROLES)}|(?:{one_of(qwords.WHICH_UNIT)})(?:{alternation(UNIT_NOUNS)})|哪家|"
                        rf"谁(?:来)?(?:{one_of(qwords.WHO_DOES)})|"
                        rf"谁来|谁(?:{alternation(p for p, _ in roles.phrases(roles.VERB))})|"  # "谁来查处", "谁组织"
                        rf"(?:由|归)谁|是谁|{one_of(qwords.TURN_TO_ASKS)}|" + roles.label_words())  # every label of the vocabulary: 负责科室, 主责部门…

TOPIC_FRAME = re.compile(rf"(?:{one_of(qwords.TOPIC_FRAME_OPENS)})(?P<topic>[\u4e00-\u9fff]{{2,8}}?)(?:{one_of(qwords.TOPIC_FRAME_ENDS)})")

def only_asks_duties(rest: str, spans: list[tuple[int, int, str]], units: UnitIndex | None = None) -> bool:
    """True when, besides the unit names, the question holds only duty-list wording — or a topic
    word that most of the unit's duties share ("局机关党委负责哪些普法工作" in a 普法责任清单)."""
    left = "".join(ch for i, ch in enumerate(rest) if not any(a <= i < b for a, b, _ in spans))
    # "在这次行动里", "在这个方案里": the document itself, not a topic narrowing the duties
    left = NON_WORD.sub("", UNIT_QUESTION_WORDS.sub("", self_reference().sub("", left)))
    framed = _framed_topic(rest)
    left = framed or left  # "在清明节期间要干啥": the frame's words, without 期间
    if len(left) <= 1:
        return True
    if units is None or (len(left) > 4 and not framed):  # "在林长制考核中": a framed topic may be the title's
        return False
    duties = [d for _, _, key in spans for d in units.duties_of(key)]
    # "在防非工作里": the work noun after an abbreviated topic is no part of the abbreviation (防范…非法集资…工作方案)
    core = next((left[:-len(w)] for w in qwords.LIST_NOUNS if left.endswith(w) and len(left) - len(w) >= 2), left)
    if duties and all(left in (t := name_key(d.document.title)) or ((len(left) <= 4 or framed) and (
            abbreviates(left, t, reach=5) or abbreviates(core, t, reach=5))) for d in duties):
        # "君山片区管理局在整治中负责啥" in a 整治工作方案, "…在环保方面干啥" in a 生态环境保护…规定: the
        # document's own topic (or its abbreviation), not a narrower one
        return True
    texts = [name_key(d.document.title + d.item.section + d.item.text) for d in duties]
    return len(texts) >= 2 and _most_hold(left, texts)


_TOPIC_CHARS = (3, 6)  # two characters are mostly a verb ("负责考评哪几项任务" asks what is said)


def section_topic(rest: str, spans: list[tuple[int, int, str]], units: UnitIndex) -> str:
    """"区经济发展局承接哪些省级试点事项": the words besides the unit and the duty wording name the section
    (or the heading) some of the unit's duties stand under ("（一）承接省级试点工作"); the duties are then
    listed from there only. "" when no duty's section or heading holds them (searched instead)."""
    left = "".join(ch for i, ch in enumerate(rest) if not any(a <= i < b for a, b, _ in spans))
    left = NON_WORD.sub("", UNIT_QUESTION_WORDS.sub("", self_reference().sub("", left)))
    framed = bool(left) and any(left + frame in rest for frame in qwords.TOPIC_FRAMES)
    if (inner := _framed_topic(rest)) and inner != left and _TOPIC_CHARS[0] - 1 <= len(inner) <= _TOPIC_CHARS[1] + 2 \
            and any(on_topic(inner, d.item) for _, _, key in spans for d in units.duties_of(key)):
        return inner  # "在协作配合上": the frame's words whole, though 配合 is also a duty verb
    if not (_TOPIC_CHARS[0] - framed) <= len(left) <= _TOPIC_CHARS[1]:  # "在组织方面": a framed topic may be short
        return ""
    duties = [d for _, _, key in spans for d in units.duties_of(key)]
    return left if any(on_topic(left, d.item) for d in duties) else ""


def _framed_topic(rest: str) -> str:
    """"各处室在协作配合上要做什么" → "协作配合": the words a topic frame holds, or "" ("在这些项目里" names none)."""
    m = TOPIC_FRAME.search(self_reference().sub(" ", rest))  # "在这个方案里": the document itself, no topic
    return NON_WORD.sub("", m.group("topic")) if m and not m.group("topic").startswith(qwords.TOPIC_FRAME_POINTERS) else ""


def mentioned_topic(rest: str, spans: list[tuple[int, int, str]], units: UnitIndex, documents) -> str:
    """A framed topic no duty's section holds, but a passage does where the text says the unit acts ("（二）加强
    协作配合。各处室加强日常沟通协调…"): the answer quotes those sentences. "" when none holds it."""
    topic = _framed_topic(rest)
    if len(topic) < _TOPIC_CHARS[0] - 1:
        return ""
    for _, _, key in spans:
        if any(topic in name_key(m.source_text) for m in mentions(tuple(documents), units.spellings(key))):
            return topic
    return ""


def on_topic(topic: str, item) -> bool:
    """The item's section path or heading holds the topic; not a heading of several units naming it only as one
    of a list ("分别就解决义务教育、住房安全等方面…"): that says no one unit's topic."""
    heading, n = name_key(item.heading), len(topic)
    listed = all((at and heading[at - 1] == "、") or heading[at + n:at + n + 1] in ("、", "等")
                 for at in (m.start() for m in re.finditer(re.escape(topic), heading)))
    return topic in name_key(item.section) or (topic in heading and (len(item.units.all) <= 1 or not listed))


def _most_hold(topic: str, texts: list[str]) -> bool:
    """Whether at least half of ``texts`` hold the topic, or two thirds hold each of its two-character
    words ("排查领域": 排查 and 领域, as "道路交通领域：相关处室重点排查…" holds them)."""
    if not texts:
        return False
    if sum(topic in t for t in texts) * 2 >= len(texts):
        return True
    chunks = [topic[i:i + 2] for i in range(0, len(topic) - 1, 2)]
    return len(topic) > 3 and sum(all(c in t for c in chunks) for t in texts) * 3 >= len(texts) * 2


_LONGEST_SUBJECT = 20
# What follows a whole name in a duty question: its question words, a modal, 在/的/有, or nothing.
_NAME_ENDS_HERE = re.compile(rf"$|[^\u4e00-\u9fff]|(?:{alternation((*qwords.UNIT_QUESTION_WORDS, *MODAL_VERBS, *qwords.UNIT_DUTY_VERBS, *qwords.NAME_END_WORDS))})")


def abbreviated_unit(rest: str, units: UnitIndex, topic: bool = False) -> tuple[str, str] | None:
    """(the short form, the unit) when the question opens with a shorter form of one unit's name — a part of it
    ("各村委会" of 大练区域各村委会) or an abbreviation ("区财金局" of 区财政金融局) — and asks only for its duties
    (``topic``: or for more words besides, "交投公司负责哪些安置小区", read as asked of the unit's own name)."""
    for n in range(min(len(rest), 8), 1, -1):
        name, left = rest[:n], rest[n:]
        stem = units.stemmed(name) if not LIST_ASK.search(name) else ""  # "公安配合哪些工作": 区公安局 by its stem
        if not is_party_name(name) and not stem:
            continue
        left = NON_WORD.sub("", UNIT_QUESTION_WORDS.sub("", self_reference().sub("", left)))
        if not (topic or len(left) <= 1):
            continue
        if full := (units.containing(name) or units.abbreviated(name) if n > 2 and is_party_name(name) else "") or stem:
            return name, full
    return None


def ambiguous_abbreviation(rest: str, units: UnitIndex) -> tuple[str, tuple[str, ...]]:
    """("交建局", (区交通与建设局, 区交通建设管理局)) when a duty question opens with a short form that abbreviates
    several units' names: never one unit's duties for another's, the question is asked back."""
    for n in range(min(len(rest), 8), 2, -1):
        name, left = rest[:n], rest[n:]
        if not is_party_name(name) or len(NON_WORD.sub("", UNIT_QUESTION_WORDS.sub("", self_reference().sub("", left)))) > 1:
            continue
        if len(found := units.abbreviations(name)) > 1:
            return name, found
    return "", ()


def acting_subject(rest: str, documents) -> str:
    """The name a duty question opens with when the documents write it as the subject of what is done
    ("主办单位应主动征求…"), though no task names it as a party; "" when there is none. Besides the name the
    question holds only duty-list wording, or a topic whose every two characters most of those sentences hold
    ("相关处室要排查哪些领域")."""
    for n in range(min(len(rest), _LONGEST_SUBJECT), 1, -1):
        name, left = rest[:n], rest[n:]
        if not re.fullmatch(r"[\u4e00-\u9fff（）()]+", name) or LIST_ASK.search(name) or ASKS_UNIT.search(left) \
                or not _NAME_ENDS_HERE.match(left):
            continue  # "确定农业用水总量由哪些单位负责" asks who; "街道党工委…" is not "街道"
        # "张三负责什么" of "张三同志：…"; "督查内容有哪些" names no one
        spellings = ((name,) if is_party_name(name) or name.endswith(UNIT_NOUNS) else ()) + tuple(
            name + h for h in HONORIFICS if is_party_name(name + h))
        if not spellings:
            continue
        left = NON_WORD.sub("", UNIT_QUESTION_WORDS.sub("", self_reference().sub("", left)))
        if len(left) > 4:
            continue
        found = mentions(documents, spellings)
        if not found and len(full := written_abbreviated(name, _texts(documents))) == 1:
            name, found = full[0], mentions(documents, tuple(full))  # "党群处要做啥" where the text writes 党群工作处
        if not found:
            continue
        if len(left) <= 1 or _most_hold(left, [m.source_text for m in found]):
            return name
    return ""


def _texts(documents):
    for d in documents:
        yield from (d.title, *(i.text for i in d.items), *(p.text for p in d.paragraphs),
                    *(r.text for t in d.tables for r in t.rows))
