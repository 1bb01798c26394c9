"""Search answers to "who" questions ("X由哪个单位牵头", "X谁来抓", "X由谁担任"): which hit answers who (the
item stating the asked role, or one that names anyone over a best passage naming no one), and the cited item's
responsible units added above the quote, read from structure, never from the quoted sentence."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.documents.names import name_key
from assistant.documents.section_fields import section_field_owner
from assistant.questions.answer import Answer, Citation
from assistant.questions.intents import asks_responsible_unit
from assistant.questions.item_answers import _units_lines, parties_of
from assistant.user_input.normalise import normalise, strip_question
from corpus import roles
from corpus import vocabulary_questions as qwords
from corpus.model import Document, Item
from corpus.vocabulary import (
    APPOINT_VERBS,
    ARTICLE_NOUN,
    LABEL_NUMERALS,
    UNIT_NOUNS,
    WHO_WORDS,
    alternation,
    one_of,
)
from index.answer_type import answer_pattern


def cited_item(documents: tuple[Document, ...], source: str, locator: str) -> Item | None:
    """The parsed item a citation points at — by its locator, or the table row it was read from."""
    for doc in documents:
        if doc.source != source:
            continue
        rows = {(t.part, r.line) for t in doc.tables for r in t.rows if t.locator(r) == locator}
        for item in (*doc.items, *doc.tasks):
            if (item.locator == locator or (item.part, item.line_start) in rows) and item.units:
                return item
    return None


def states_role(documents: tuple[Document, ...], source: str, locator: str, role: str) -> bool:
    """Whether the cited item names a unit in ``role`` ("lead", "cooperate"…): for "X由哪个单位牵头"
    the item where X is led answers, not the one where a unit only 配合开展X."""
    item = cited_item(documents, source, locator)
    if item is None:
        return False
    u = item.units
    return bool(getattr(u, role, ())) or any(s.role == role for s in u.sub)


def responsibility_of(documents: tuple[Document, ...], source: str, locator: str,
                      question: str = "") -> tuple[Item, str] | None:
    """The parsed responsibility of a cited item (越秀工作要点 第33项), for search answers to
    "法律顾问制度由哪个部门牵头": the units come from structure, exactly, not from the quoted sentence.
    A cited table row ("附件2 第7行") answers with the item read from that row. Where several units
    each lead one part of the item, the part the question names comes first."""
    item = cited_item(documents, source, locator) or section_field_owner(documents, source, locator)
    if item is None:
        return None
    if item.units.sub and question:
        q = name_key(question)
        subs = sorted(item.units.sub, key=lambda s: -len(_grams(name_key(s.scope)) & _grams(q)))
        item = replace(item, units=replace(item.units, sub=tuple(subs)))
    return item, "；".join(_units_lines(item))


def _grams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def names_a_party(answer: Answer, k) -> bool:
    """Whether the quoted passage, or the item it cites, names anyone responsible."""
    best = answer.citations[0]
    if responsibility_of(k.corpus.documents, best.source, best.locator, answer.question) is not None:
        return True
    return bool(k.units.spans_in(name_key("\n".join(answer.blocks))))


ASKS_WHO = re.compile(rf"{one_of(WHO_WORDS)}|什么(?:{alternation(UNIT_NOUNS)})")


def states_asked_role(asked: str, k):
    """For "X由哪个单位牵头": a hit whose item names a unit in the asked role (lead, cooperate) over one
    on the same topic in another role ("配合开展X") — dense ranking cannot tell them apart; for "X谁来抓" with
    no role, see ``_names_someone_instead``."""
    q = name_key(normalise(asked))
    asks_who = asks_responsible_unit(asked) and bool(ASKS_WHO.search(q))
    role = roles.question_role(q) if asks_who else None
    if not asks_who or answer_pattern(q) is not None:  # "各牵头部门什么时候报送" asks when
        return None
    docs = k.corpus.documents
    if role not in ("lead", "cooperate"):
        return None
    return lambda h: states_role(docs, h.passage.source, h.passage.locator, role)


# "组长由局长担任", "由队长负责": a passage that says who, whether or not the name is a known unit.
_BY_SOMEONE = re.compile(rf"由[^，,。；;：:]{{1,20}}?(?:{one_of(qwords.NAMING_VERBS)})")


def names_someone_instead(asked: str, answer: Answer, k):
    """"自建房结构安全性排查谁来抓": the best passage states the topic but names no one (a target date), while
    a cited item on the page names its owners and holds the question's topic at least as fully — that item
    answers who. A best passage naming anyone in its item or its words ("由片区资源生态处发送") answers itself."""
    if not answer.found or not answer.citations or not asks_responsible_unit(asked) \
            or not ASKS_WHO.search(name_key(normalise(asked))):
        return None
    docs, best = k.corpus.documents, answer.citations[0]
    if cited_item(docs, best.source, best.locator) is not None or k.units.spans_in(name_key(best.text)) \
            or _BY_SOMEONE.search(best.text):
        return None
    reach = max(4, len(_topic_phrase(asked, name_key(best.text))))
    for c in answer.citations[1:]:
        if cited_item(docs, c.source, c.locator) is not None and len(_topic_phrase(asked, name_key(c.text))) >= reach:
            return lambda h, c=c: (h.passage.source, h.passage.locator) == (c.source, c.locator)
    return None


def topic_over_role(asked: str, answer: Answer, k):
    """"涉企收费专项清理谁牵头": the hit stating a lead came first only for its role ("规范涉企行政检查 牵头单位：
    县司法局", two characters of the topic) while another cited item holds the question's topic far more fully
    (the item on 涉企收费专项清理, two bodies and no lead): the topic decides which item is asked of, the role
    only between items on it. An item that names its parties and holds at least twice the run of the topic
    (its heading counted), and four characters more, answers; a passage naming no one never does."""
    if not answer.found or len(answer.citations) < 2:
        return None

    def reach(c):
        return len(_topic_phrase(asked, name_key(f"{c.locator}\n{c.text}")))

    first, docs = reach(answer.citations[0]), k.corpus.documents
    for c in sorted(answer.citations[1:], key=reach, reverse=True):
        if reach(c) < max(2 * first, first + _FAR_MORE):
            break
        if responsibility_of(docs, c.source, c.locator, asked) is not None:
            return lambda h, c=c: (h.passage.source, h.passage.locator) == (c.source, c.locator)
    return None


_FAR_MORE = 4


def _topic_phrase(question: str, text: str) -> str:
    """The longest run of the question's core (question words out) that ``text`` holds ("进口固体废物")."""
    core = name_key(strip_question(question))
    best = ""
    for i in range(len(core)):
        for j in range(len(core), i + len(best), -1):
            if core[i:j] in text:
                best = core[i:j]
                break
    return best


_ARTICLE = re.compile(rf"第[{LABEL_NUMERALS}百零]+{ARTICLE_NOUN}")
_FEW_ITEMS = 3  # a matter several bodies share is named in a few articles, not in most


def _in_article(item: Item) -> bool:
    """An article of a regulation, or an item inside one (cited "第二十六条 第1项" or under its heading)."""
    return item.article or bool(_ARTICLE.match(item.path) or _ARTICLE.match(item.section.split(" / ")[-1]))


def _also_answering(answer: Answer, knowledge, best_item) -> list[tuple[Citation, Item, str]]:
    """"进口固体废物的监管是哪个单位的职责": a regulation of duties, one article per body, names a matter under
    every body that has a part in it (海关's article, the 检验检疫局's). A further cited article of another owner
    holding the same topic phrase (four characters or more, in a few items only) as the first answers too. Elsewhere — a plan's
    items, paragraphs that mention the topic — the first answers alone, and so does a question asking who leads
    or supports: a lead is one party."""
    role = roles.question_role(name_key(normalise(answer.question)))
    if role in ("lead", "cooperate") or not _in_article(best_item):
        return []
    phrase = _topic_phrase(answer.question, name_key(answer.citations[0].text))
    doc = knowledge.corpus.document(answer.citations[0].source)
    if len(phrase) < 4 or doc is None or sum(phrase in name_key(it.text) for it in doc.items) > _FEW_ITEMS:
        return []  # a phrase of most articles ("向上争取资金") is what the document is about, not one matter
    out, owners = [], {best_item.units.all}
    for c in answer.citations[1:3]:
        found = responsibility_of(knowledge.corpus.documents, c.source, c.locator, answer.question)
        if found is None or found[0].units.all in owners or not _in_article(found[0]) or phrase not in name_key(c.text):
            continue
        owners.add(found[0].units.all)
        out.append((c, *found))
    return out


_HOLDER_ASKED = re.compile(one_of(APPOINT_VERBS))


def _holder_in_topic_sentence(question: str, item: Item) -> bool:
    """Whether one of the item's parties is named in the sentence that holds the question's topic."""
    phrase = _topic_phrase(question, name_key(item.text))
    sentences = [s for s in re.split(r"[。；;]", item.text) if phrase and phrase in name_key(s)]
    return any(name_key(p) in name_key(s) for s in sentences for p in item.units.all)


_TOPIC_MIN = 3
_NUMBER_IN = re.compile(rf"^(?:[（(][{LABEL_NUMERALS}0-9]+[）)]|[{LABEL_NUMERALS}0-9]+[、.．])\s*")


def _topic_sentence_item(question: str, item: Item) -> Item | None:
    """"城市排涝谁负责" of a paragraph of one-body sentences ("区资源生态局负责地质灾害监测预警。区综合执法局负责
    城市排涝。"): the item with only the parties the sentences holding the topic name — not every body the
    paragraph names. None when those sentences name none or all of them, or a party is not written in the
    item (then it is the subject of every sentence)."""
    phrase = _topic_phrase(question, name_key(item.text))
    parties = item.units.all
    if len(phrase) < _TOPIC_MIN or len(parties) < 2 or not all(name_key(p) in name_key(item.text) for p in parties):
        return None  # a party the text does not write (an article's owner, "会同B…") is every sentence's subject
    # sentences, not a label's fields ("牵头领导：…；牵头单位：…" are one item's one statement)
    sentences = [name_key(_NUMBER_IN.sub("", x.strip())) for x in re.split(r"[。！!]", item.text) if phrase in name_key(x)]
    # each sentence's subject opens it ("区综合执法局负责城市排涝"); "会同B…" has none of its own: not narrowed
    named = {p for p in parties if any(name_key(p) in x for x in sentences)}
    if any(not any(x.startswith(name_key(p)) for p in parties) for x in sentences):
        return None
    if not named or len(named) == len(parties):
        return None
    u = item.units
    keep = {f: tuple(p for p in getattr(u, f) if p in named)
            for f in ("lead", "shared", "coordinate", "guide", "cooperate", "leaders")}
    return replace(item, units=replace(u, sub=tuple(x for x in u.sub if x.unit in named), **keep))


def with_responsibility(answer: Answer, knowledge) -> Answer:
    """Add the cited item's responsible units to a search answer that asks who is responsible."""
    best = answer.citations[0]
    found = responsibility_of(knowledge.corpus.documents, best.source, best.locator, answer.question)
    if found is None:
        return answer
    it, units = found
    if _HOLDER_ASKED.search(answer.question) and not _holder_in_topic_sentence(answer.question, it):
        return answer  # "机关党委书记由谁担任": the item's party holds another post the item names
    if (own := _topic_sentence_item(answer.question, it)) is not None:
        it, units = own, "；".join(_units_lines(own))
    more = _also_answering(answer, knowledge, it)
    # the direct answer first, then the passage that states it: "…由A负责牵头抓总" quoted above a
    # "牵头：A" line read as if "A负责" led
    blocks = (*answer.blocks[:1], f"责任分工（{best.document} {it.locator}）：{units}",
              *(f"责任分工（{c.document} {other.locator}）：{text}" for c, other, text in more), *answer.blocks[1:])
    parties = parties_of(it) + tuple(p for _, other, _ in more for p in parties_of(other))
    return replace(answer, blocks=blocks, parties=parties + answer.parties)


# ---- 5. the context an answer leaves ------------------------------------------------------------
