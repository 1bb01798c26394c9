"""Where every message goes. Read top to bottom:

1. ``normalise`` once, on first use: Traditional → Simplified, width, colloquial forms (assistant/user_input/normalise.py).
2. ``ROUTES``, in order: each row's recogniser fills a typed frame (assistant/questions/frames.py) or passes; the
   first frame wins. A reply to a draft and a visit note come first (a note may be longer than any
   question), then ``Invalid`` (empty, too long, no letters or digits), a records question, an
   informal note (assistant/records/routes.py), then the questions about the documents.
3. The row's handlers map the frame's type to the one function that answers it.
4. The answer and the frame give the next conversation context (assistant/conversation/context.py).

``build_router()`` assembles a ``Router`` from the table once, at a channel's start-up; every channel
(Telegram, `docbot chat`, `docbot ask`) routes every message through it, with its services on the
``Turn`` (store, clock, records rules, leaders, the caller's role).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, cached_property
from types import MappingProxyType
from typing import Any

from assistant.conversation import followups
from assistant.conversation.context import EMPTY, Context
from assistant.documents.knowledge import Knowledge
from assistant.documents.names import name_key
from assistant.questions import computed_answers, frame_answers, issue_date, smalltalk
from assistant.questions.answer import Answer, Page
from assistant.questions.basic_answers import invalid_reason
from assistant.questions.frames import (
    Clarify,
    Count,
    CrossDocument,
    DocInfo,
    Docs,
    DraftReply,
    Frame,
    InformalNote,
    Invalid,
    IssueDate,
    ItemQuestion,
    LeaderPoints,
    More,
    Note,
    PointLeaders,
    RecordQuery,
    ScoreBand,
    Search,
    SmallTalk,
    UnitDuties,
    UnknownEntity,
)
from assistant.questions.intents import parse_question
from assistant.questions.unit_topics import LIST_ASK, ambiguous_abbreviation
from assistant.records import routes as records
from assistant.user_input.normalise import normalise
from corpus import vocabulary_questions as qwords
from corpus.vocabulary import CONTACT_VERBS, alternation, one_of
from index.answer_type import BASIS_QUESTION

Recogniser = Callable[["Turn"], Frame | None]
Handler = Callable[["Turn", Any], Answer]


@dataclass
class Turn:
    """One message in its conversation: what recognisers and handlers receive."""

    question: str  # as typed (stripped)
    knowledge: Knowledge
    context: Context = EMPTY
    db: Any = None  # sqlite_utils.Database when the channel has a store (Telegram, chat)
    now: datetime | None = None
    role: str | None = None  # the caller's role when known (member/secretary/leader/admin; operator at a terminal)
    chat_id: int | None = None
    user_id: int | None = None
    offset: int = 0
    rules: Any = None  # the records rules (assistant.records.rules.Rules) read from the channel's corpus
    leaders: Any = None  # the records' leaders when the channel caches them (else read from ``db``)
    draft: bool = False  # the bot asked about a visit-note draft: this message may complete it (Telegram)
    page: Page | None = None  # a page of results asked for by a button (a value, never typed text)
    extra: dict = field(default_factory=dict)

    @cached_property
    def text(self) -> str:
        """Normalised, punctuation kept: what search and quoting read."""
        return normalise(self.question)

    @cached_property
    def q(self) -> str:
        """Normalised matching form: what recognisers read."""
        return name_key(self.text)

    @cached_property
    def parsed(self) -> Frame:
        """The structured reading of the question alone (items, units, leaders, points, documents)."""
        k = self.knowledge
        return parse_question(self.text, k.units, k.contacts, k.corpus.documents)


# ---- 3. recognisers -----------------------------------------------------------------------------

_MORE = re.compile(rf"^(?:{one_of(qwords.MORE_WORDS)})[?？!！。]*$", re.I)
_SCORE = followups.SCORE  # "考核得了80分": one pattern for first questions and follow-ups
_BAND_WORD = re.compile(one_of(qwords.BAND_WORDS))
_COUNT = re.compile(rf"(?<!哪){one_of(qwords.COUNT_ASKS)}")  # the lookbehind binds the first word only, as written
_ITEM_COUNT = re.compile(rf"(?<!哪)(?:{one_of(qwords.ITEM_COUNT_ASKS)})")  # "哪几项" lists them
_CONTACT_TOPIC = re.compile(alternation((*CONTACT_VERBS, *qwords.LEADER_WORDS)))
_CROSS = re.compile(rf"(?:各|每)(?:个|份)?文件|几(?:个|份)文件|哪(?:{one_of(qwords.WHICH_DOCUMENTS)})文件|{one_of(qwords.ALL_DOCUMENTS)}")
_CROSS_WORDS = re.compile(rf"{one_of(qwords.CROSS_WORDS)}|[^\u4e00-\u9fff0-9a-z%]")


def recognise_invalid(t: Turn) -> Frame | None:
    reason = invalid_reason(t.question)
    return Invalid(reply=reason) if reason else None


def recognise_small_talk(t: Turn) -> Frame | None:
    topic = smalltalk.small_talk_topic(t.text)
    return SmallTalk(t.q, topic=topic) if topic else None


def recognise_more(t: Turn) -> Frame | None:
    """A page asked for by a button, "更多（从第4条起）：问题" as typed, or a bare "更多" (the context's)."""
    page = t.page
    if page is None and t.question.startswith("更多"):  # search_answer (and index/ with it) only for paging
        from assistant.questions.search_answers import typed_page

        page = typed_page(t.question)
    if page is not None:
        return More(t.q, question=page.question, offset=page.offset)
    return More(t.q) if _MORE.match(t.text.strip()) else None


def recognise_score(t: Turn) -> Frame | None:
    m = _SCORE.search(t.q)
    if m and (_BAND_WORD.search(t.q) or (t.context.kind == "score_band" and followups._LEANS.search(t.q))
              or _names_a_grade(t)):
        return ScoreBand(t.q, score=float(m.group(1)), below=t.q[m.end():].startswith(("以下", "(不含)以下")))
    return None


def _names_a_grade(t: Turn) -> bool:
    """"考核60分算合格吗": a grade the documents define is named next to a score."""
    return any(b.grade in t.q for b in computed_answers.grade_bands(t.knowledge.corpus.documents))


def recognise_follow_up(t: Turn) -> Frame | None:
    k = t.knowledge
    return followups.resolve(t.q, t.parsed, t.context, k.corpus.documents, k.contacts, k.units)


def recognise_count(t: Turn) -> Frame | None:
    p, q = t.parsed, t.q
    if not _COUNT.search(q) or re.search(one_of(qwords.NOT_COUNT_ASKS), q):
        return None
    only = bool(followups._ONLY_NUMBER.search(q))
    if only:  # "组织部牵头几项？只要数字": the question without the request for a bare number
        k = t.knowledge
        p = parse_question(followups._ONLY_NUMBER.sub("", t.text), k.units, k.contacts, k.corpus.documents)
    # a unit only the running text names ("主办单位有几项工作") has no items to count: its sentences answer
    if isinstance(p, UnitDuties) and _ITEM_COUNT.search(q) \
            and all(t.knowledge.units.duties_of(u) for u in p.units):
        return Count(q, what="unit_duties", units=p.units, role=p.role, documents=p.documents, number_only=only)
    contacts = t.knowledge.contacts
    if isinstance(p, Search | LeaderPoints | PointLeaders) and _CONTACT_TOPIC.search(q) \
            and not contacts.leaders_in(q) and not contacts.points_in(q):
        columns = contacts.columns_in(q)
        if columns:
            return Count(q, what="column", column=columns[0], number_only=only)
        if re.search(one_of(qwords.PEOPLE_COUNT_ASKS), q):
            return Count(q, what="leaders", number_only=only)
    return None


def recognise_cross_document(t: Turn) -> Frame | None:
    if not _CROSS.search(t.q) or BASIS_QUESTION.search(t.q):  # "根据哪个文件开展的": a cited document, searched
        return None
    topic = _CROSS_WORDS.sub("", t.q)
    return CrossDocument(t.q, topic=topic) if len(topic) >= 2 else None


_WHO_VISITS = re.compile(alternation((*qwords.WHO_LEADER, *CONTACT_VERBS)))


def recognise_issue_date(t: Turn) -> Frame | None:
    return issue_date.recognise(t.question, t.knowledge.corpus.documents)


def recognise_structured(t: Turn) -> Frame | None:
    p = t.parsed
    if isinstance(p, Search) and _WHO_VISITS.search(t.q) and (options := t.knowledge.contacts.ambiguous_in(t.q)):
        return Clarify(t.q, prompt="有几个联系点名称相近，请问是哪一个？",
                       options=tuple((name, f"{name}由哪位区领导挂点") for name in options))
    if isinstance(p, Search) and len(p.documents) > 1 and all(m.strength < 0 for m in p.documents):
        return _clarify_documents(t, p)
    if isinstance(p, Search | UnknownEntity) and LIST_ASK.search(p.text) \
            and (found := ambiguous_abbreviation(p.text.strip(), t.knowledge.units))[1]:
        short, names = found
        return Clarify(t.q, prompt=f"“{short}”可能指：{'、'.join(names)}。请问是哪一个？",
                       options=tuple((n, p.text.replace(short, n, 1)) for n in names))
    if isinstance(p, ItemQuestion) and len(p.documents) > 1 and all(m.strength < 0 for m in p.documents):
        return _clarify_documents(t, p)
    return p


def _clarify_documents(t: Turn, p: Frame) -> Clarify:
    """Two documents equally close to a mistyped name: ask which one, with a button for each."""
    docs = p.documents
    options = tuple((m.document.short_name, t.q.replace(m.span, m.document.short_name, 1)) for m in docs)
    names = "、".join(m.document.short_name for m in docs)
    return Clarify(t.q, prompt=f"“{docs[0].span}”可能指：{names}。请问是哪一份？", options=options)


# ---- 3 and 4. the table: one row per recogniser, with the handlers of the frames it fills -----------

@dataclass(frozen=True)
class Route:
    recognise: Recogniser
    answers: Mapping[type, Handler] = field(default_factory=dict)


ROUTES: tuple[Route, ...] = (
    Route(records.recognise_draft_reply, {DraftReply: records.note}),
    Route(records.recognise_note, {Note: records.note}),
    Route(recognise_invalid, {Invalid: frame_answers.invalid}),
    Route(records.recognise_record_question, {RecordQuery: records.record_question}),
    Route(records.recognise_informal, {InformalNote: records.informal_note}),
    Route(recognise_small_talk, {SmallTalk: frame_answers.small_talk}),
    Route(recognise_more, {More: frame_answers.more}),
    Route(recognise_score, {ScoreBand: frame_answers.score}),
    Route(recognise_follow_up),  # a follow-up fills the frame the question would have: handled below
    Route(recognise_count, {Count: frame_answers.count}),
    Route(recognise_cross_document, {CrossDocument: frame_answers.cross_document}),
    Route(recognise_issue_date, {IssueDate: lambda t, f: issue_date.answer(t.question, f)}),
    Route(recognise_structured, {  # always returns a frame: a structured one or Search
        Docs: frame_answers.documents,
        DocInfo: frame_answers.document_info,
        ItemQuestion: frame_answers.item,
        UnitDuties: frame_answers.unit,
        LeaderPoints: frame_answers.leader,
        PointLeaders: frame_answers.point,
        UnknownEntity: frame_answers.unknown,
        Clarify: frame_answers.clarify,
        Search: frame_answers.search,
    }),
)


class Router:
    """The recognisers in order and one handler per frame type, fixed when built."""

    def __init__(self, routes: Sequence[Route]):
        self.recognisers: tuple[Recogniser, ...] = tuple(r.recognise for r in routes)
        handlers: dict[type, Handler] = {}
        for r in routes:
            for frame_type, handler in r.answers.items():
                if handlers.setdefault(frame_type, handler) is not handler:
                    raise ValueError(f"two handlers for {frame_type.__name__}")
        self.handlers: Mapping[type, Handler] = MappingProxyType(handlers)

    def recognise(self, turn: Turn) -> Frame:
        """The frame of a message: the first recogniser's that fills one."""
        turn.question = turn.question.strip()
        return next(f for f in (r(turn) for r in self.recognisers) if f is not None)

    def answer(self, turn: Turn, frame: Frame) -> tuple[Answer, Context]:
        answer = self.handlers[type(frame)](turn, frame)
        if frame is not turn.parsed and getattr(frame, "documents", ()):  # completed from the context
            answer = followups.say_context_document(answer, turn.parsed, frame)
        return answer, frame_answers.next_context(turn, frame, answer)

    def route(self, turn: Turn) -> tuple[Answer, Context]:
        """Answer one message in its conversation: (answer, the context the next message continues)."""
        return self.answer(turn, self.recognise(turn))


def build_router(routes: Sequence[Route] = ROUTES) -> Router:
    return Router(routes)


@cache
def default_router() -> Router:
    """The router built from ``ROUTES``, once per process, for callers without a composition root
    (`docbot eval`, tests, benchmarks)."""
    return build_router()


def route(turn: Turn) -> tuple[Answer, Context]:
    return default_router().route(turn)


def answer(question: str, knowledge: Knowledge, context: Context = EMPTY, **turn: Any) -> tuple[Answer, Context]:
    return route(Turn(question, knowledge, context, **turn))


__all__ = ["ROUTES", "Route", "Router", "Turn", "answer", "build_router", "default_router", "route"]
