"""Follow-ups: a short message that continues the previous answer ("那第18项呢", "配合单位呢", "原文呢",
"他还联系哪些", "那区纪委呢", "那学校呢", "那60分呢", "只要数字").

Pure: (normalised question, the frame the question alone gives, the conversation context, the
knowledge) → the completed frame, or None when the question stands on its own. A question that names
its own document, item or entity keeps them; only the gaps are filled from the context.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.conversation.context import Context
from assistant.documents.names import DocMatch, documents_by_place, name_key
from assistant.questions.answer import Answer
from assistant.questions.frames import (
    Count,
    DocInfo,
    Frame,
    ItemQuestion,
    LeaderPoints,
    PointLeaders,
    ScoreBand,
    Search,
    UnitDuties,
    UnknownEntity,
)
from assistant.questions.intents import item_role, unit_role
from corpus import vocabulary_questions as qwords
from corpus.vocabulary import (
    CONJUNCTIONS,
    FUNCTION,
    PARTICLE,
    REQUEST,
    TOTAL_WORDS,
    UNIT_NOUNS,
    alternation,
    one_of,
    question_words,
)

# "那…呢", "还有…", "再…": the message leans on what came before.
_LEANS = re.compile(rf"^(?:{one_of(qwords.FOLLOW_UP_LEADS)})|呢[?？!！。]*$")
# Pronouns for the person or the item of the previous answer.
_PERSON = re.compile(one_of(qwords.PERSON_PRONOUNS))
_THIS_ITEM = re.compile(one_of(qwords.THIS_ITEM_WORDS))
_ONLY_NUMBER = re.compile(one_of(qwords.ONLY_NUMBER_WORDS))
SCORE = re.compile(r"(\d+(?:\.\d+)?)\s*分")
# What may be left of a follow-up besides role words, names and particles.
_FILLER = re.compile(alternation((
    *question_words(REQUEST, PARTICLE, FUNCTION), *TOTAL_WORDS, *CONJUNCTIONS, *UNIT_NOUNS, *qwords.FOLLOW_UP_FILLER,
)) + r"|[^\u4e00-\u9fff0-9a-z]")
_TEXT_WORDS = re.compile(one_of(qwords.TEXT_WORDS))
_STEP = re.compile(r"(下|后)一(?:项|条)|(上|前)一(?:项|条)")
_ITEM_KINDS = ("item", "item_text", "free")  # a search answer that cited an item leaves its number too


def context_documents(context: Context, documents) -> tuple[DocMatch, ...]:
    by_source = {d.source: d for d in documents}
    return tuple(DocMatch(by_source[s], "", 1) for s in context.documents if s in by_source)


def _bare(q: str, frame: Frame) -> bool:
    """Nothing in q besides follow-up filler: "配合单位呢", "原文呢", "那谁牵头"."""
    return not _FILLER.sub("", q)


def _without(q: str, documents: tuple[DocMatch, ...]) -> str:
    for m in documents:
        q = q.replace(m.span, "") if m.span else q
    return q


def _pick_candidate(q: str, frame: Frame, context: Context, documents):
    """The one document among the previous answer's that the leftover words of q name, or None."""
    candidates = [d for d in documents if d.source in context.extra.get("candidates", ())]
    if not candidates or not isinstance(frame, Search | DocInfo | UnknownEntity):
        return None
    words = _FILLER.sub("", q)
    if len(words) < 2:
        return None
    pieces = {words[i:i + 2] for i in range(len(words) - 1)}
    for fields in (lambda d: (d.short_name, *d.aliases), lambda d: (d.title,)):  # names people use first
        named = [d for d in candidates if any(p in name_key(n) for n in fields(d) if n for p in pieces)]
        if named:
            return named[0] if len(named) == 1 else None
    return None


def resolve(q: str, frame: Frame, context: Context, documents, contacts, units) -> Frame | None:
    """The frame q means in this context; None when q is complete by itself (or there is no context)."""
    if context.empty:
        return None
    leans = bool(_LEANS.search(q))
    docs = context_documents(context, documents)

    if isinstance(frame, ItemQuestion):
        # "那第18项呢" / "第18项谁牵头" right after an item of one document: the same document.
        if frame.documents or not docs or context.kind not in ("item", "item_text"):
            return None
        # "越秀第5项" after an item of 洛阳's: a place that opens other documents' titles is not "the same
        # document" (it names two, so no one document; the context's is surely not meant).
        placed = {id(d) for d in documents_by_place(q, documents)}
        if placed and not any(id(m.document) in placed for m in docs):
            return None
        role = frame.role if frame.role != "text" or _TEXT_WORDS.search(q) else (context.role or "text")
        return replace(frame, documents=docs, role=role, part=frame.part if frame.part != "正文" else context.part)

    # "那洛阳的呢" / "监督方案呢": the same item, in the document now named.
    named = getattr(frame, "documents", ())
    if isinstance(frame, DocInfo | Search) and named and leans and context.numbers and context.kind in _ITEM_KINDS \
            and _bare(_without(q, named), frame):
        return ItemQuestion(q, number=context.numbers[0], numbers=context.numbers, role=context.role or "text",
                            documents=named)

    # "越秀的呢" after an item answered for several documents: the one whose names hold that word.
    if leans and context.numbers and (pick := _pick_candidate(q, frame, context, documents)) is not None:
        return ItemQuestion(q, number=context.numbers[0], numbers=context.numbers, part=context.part,
                            role=context.role or "text", documents=(DocMatch(pick, "", 1),))

    # "下一项呢" / "上一条": the neighbouring item of the same document.
    if (m := _STEP.search(q)) and context.numbers and context.kind in _ITEM_KINDS:
        n = context.numbers[-1] + 1 if m.group(1) else context.numbers[0] - 1
        if n > 0:
            return ItemQuestion(q, number=n, numbers=(n,), part=context.part, documents=docs,
                                role=item_role(q) if item_role(q) != "text" else (context.role or "text"))

    if context.kind == "count" and _ONLY_NUMBER.search(q) and _bare(_ONLY_NUMBER.sub("", q), frame):
        return Count(q, what=context.extra.get("what", "unit_duties"), units=context.units, role=context.role,
                     column=context.extra.get("column", ""), documents=docs, number_only=True)

    if context.kind == "score_band" and (m := SCORE.search(q)) and leans:
        return ScoreBand(q, score=float(m.group(1)))

    # A person pronoun: the leader(s) of the previous answer ("他还联系哪些", "那他呢").
    if _PERSON.search(q) and context.leaders and not contacts.leaders_in(q):
        return LeaderPoints(q, leaders=context.leaders, columns=contacts.columns_in(q))

    named_leaders, named_points = contacts.leaders_in(q), contacts.points_in(q)
    if leans and named_leaders and context.kind in ("leader_points", "point_leaders"):
        return LeaderPoints(q, leaders=named_leaders, columns=contacts.columns_in(q) or context.columns)
    if leans and named_points and not named_leaders and context.kind in ("point_leaders", "leader_points"):
        return PointLeaders(q, points=named_points)
    # "那学校呢" after a leader's points: the same leader, another column.
    columns = contacts.columns_in(q)
    if leans and columns and context.leaders and not named_points and context.kind == "leader_points":
        return LeaderPoints(q, leaders=context.leaders, columns=columns)

    spans = units.spans_in(q)
    if leans and spans and isinstance(frame, Search | UnknownEntity | UnitDuties):
        found = tuple(dict.fromkeys(k for _, _, k in spans))
        if context.kind in _ITEM_KINDS and context.numbers:
            return ItemQuestion(q, number=context.numbers[0], numbers=context.numbers, part=context.part,
                                role=context.role or "responsible", documents=docs, units=found)
        if context.kind in ("unit_items", "count"):
            role = unit_role(q) if unit_role(q) != "all" else (context.role or "all")
            if context.kind == "count":
                return Count(q, what="unit_duties", units=found, role=role, documents=docs)
            return UnitDuties(q, units=found, role=role, documents=docs)

    # "那配合的呢" after a unit's duties (or their count): the same units, another role.
    if context.units and context.kind in ("unit_items", "count") and _bare(q, frame) and unit_role(q) != "all":
        if context.kind == "count":
            return Count(q, what="unit_duties", units=context.units, role=unit_role(q), documents=docs)
        return UnitDuties(q, units=context.units, role=unit_role(q), documents=docs)

    # "配合单位呢" / "原文呢" / "这一项谁牵头": the previous items, another role.
    if context.numbers and context.kind in _ITEM_KINDS and (_bare(q, frame) or _THIS_ITEM.search(q)):
        role = "text" if _TEXT_WORDS.search(q) else item_role(q)
        if role == "text" and not _TEXT_WORDS.search(q):
            role = context.role or "text"
        return ItemQuestion(q, number=context.numbers[0], numbers=context.numbers, part=context.part, role=role,
                            documents=docs)
    return None


def say_context_document(answer: Answer, parsed: Frame, frame: Frame) -> Answer:
    """"（按上文，指《越秀工作要点》）" above an answer whose document came from the conversation, not
    from the question: never answer silently from the previous document. A question that names its
    own document (``parsed``) needs no such line."""
    docs = getattr(frame, "documents", ())
    if not answer.found or not docs or getattr(parsed, "documents", ()) or any(m.span for m in docs):
        return answer
    note = "（按上文，指" + "、".join(dict.fromkeys(f"《{m.document.short_name}》" for m in docs)) + "）"
    return replace(answer, blocks=(note, *answer.blocks))
