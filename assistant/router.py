"""Where every question goes. Read top to bottom:

1. ``validate`` rejects what is not a question (empty, too long, no letters).
2. ``normalise`` once: Traditional → Simplified, width, colloquial forms (assistant/normalise.py).
3. ``RECOGNISERS``, in order, each fill a typed frame (assistant/frames.py) or pass; the first wins.
4. ``HANDLERS`` maps the frame's type to the one function that answers it.
5. The answer and the frame give the next conversation context (assistant/conversation.py).

Plug-ins (records questions, the informal-note check) add recognisers and handlers with ``plug_in``;
modules named in ``PLUGINS`` are imported once, when present, and call it themselves.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from assistant import answering, followups, smalltalk
from assistant.answers import Answer
from assistant.conversation import EMPTY, Context
from assistant.docnames import norm
from assistant.frames import (
    Clarify,
    Count,
    CrossDocument,
    DocInfo,
    Docs,
    Frame,
    ItemQuestion,
    LeaderPoints,
    More,
    Note,
    PlugIn,
    PointLeaders,
    ScoreBand,
    Search,
    SmallTalk,
    UnitDuties,
    UnknownEntity,
)
from assistant.intents import parse_question
from assistant.knowledge import Knowledge
from assistant.normalise import normalise
from corpus.vocabulary import CONTACT_VERBS, alternation
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
    role: str | None = None  # the caller's role when known (member/secretary/leader/admin)
    chat_id: int | None = None
    user_id: int | None = None
    offset: int = 0
    extra: dict = field(default_factory=dict)

    @cached_property
    def text(self) -> str:
        """Normalised, punctuation kept: what search and quoting read."""
        return normalise(self.question)

    @cached_property
    def q(self) -> str:
        """Normalised matching form: what recognisers read."""
        return norm(self.text)

    @cached_property
    def parsed(self) -> Frame:
        """The structured reading of the question alone (items, units, leaders, points, documents)."""
        k = self.knowledge
        return parse_question(self.text, k.units, k.contacts, k.corpus.documents)


# ---- 3. recognisers -----------------------------------------------------------------------------

_MORE = re.compile(r"^(?:更多|更多结果|还有吗|还有呢|还有别的吗|继续|下一页|接着说|more)[?？!！。]*$", re.I)
_SCORE = followups.SCORE  # "考核得了80分": one pattern for first questions and follow-ups
_BAND_WORD = re.compile(r"等次|等级|档次|什么档|评为|评定|算什么|属于什么")
_COUNT = re.compile(r"(?<!哪)几项|多少项|几条|多少条|几个|多少个|几位|多少位|几名|多少名|几家|多少家|数量|总数|多少")
_CONTACT_TOPIC = re.compile(alternation((*CONTACT_VERBS, "区领导", "领导")))
_CROSS = re.compile(r"(?:各|每)(?:个|份)?文件|几(?:个|份)文件|哪(?:些|几份|几个|份|个)文件|所有文件|多份文件")
_CROSS_WORDS = re.compile(r"各个?|每个|每份|几个|几份|哪些|哪几份|哪几个|哪份|哪个|所有|多份|文件|分别|都|对于|对|关于|"
                          r"有什么|什么|哪些|要求|规定|提到|提及|讲到|说到|谈到|涉及|怎么|如何|怎样|有何|说|讲|了|的|有|"
                          r"吗|呢|里|中|在|是|[^\u4e00-\u9fff0-9a-z%]")


def _records_note_check(t: Turn) -> bool:
    """The records' own cheap test (assistant/records/drafts.may_be_note) with the channel's leaders
    (``turn.extra["leaders"]``, cached by the channel); without them only a note's opening counts."""
    leaders = t.extra.get("leaders")
    try:
        if leaders is None:  # without the channel's leaders only the opening counts (no store import)
            from assistant.records.note_start import starts_like_note

            return starts_like_note(t.question)
        from assistant.records.drafts import may_be_note
    except ImportError:  # records not part of this build
        return False
    return may_be_note(t.question, leaders)


# Each returns True when the text is a visit note rather than a question; records plug-ins (the
# informal-note detector) append theirs. The first that says yes decides.
NOTE_CHECKS: list[Callable[[Turn], bool]] = [_records_note_check]


def recognise_note(t: Turn) -> Frame | None:
    """A visit note is never answered as a question: Telegram's records handler asks this same
    recogniser before it parses a note (handlers/records.py); other channels say where notes go."""
    if _has_records(t):  # called directly by handlers/records.py too: the plug-ins' checks must be in
        _load_plugins()
    return Note(t.q) if any(check(t) for check in NOTE_CHECKS) else None


def recognise_small_talk(t: Turn) -> Frame | None:
    topic = smalltalk.small_talk_topic(t.text)
    return SmallTalk(t.q, topic=topic) if topic else None


def recognise_more(t: Turn) -> Frame | None:
    """"更多（从第4条起）：问题" (from a button) or a bare "更多" (from the context)."""
    if t.question.startswith("更多"):  # search_answer (and index/ with it) only for a paging request
        from assistant.search_answer import parse_more

        if page := parse_more(t.question):
            return More(t.q, question=page[0], offset=page[1])
    return More(t.q) if _MORE.match(t.text.strip()) else None


def recognise_score(t: Turn) -> Frame | None:
    m = _SCORE.search(t.q)
    if m and (_BAND_WORD.search(t.q) or (t.context.kind == "score_band" and followups._LEANS.search(t.q))
              or _names_a_grade(t)):
        return ScoreBand(t.q, score=float(m.group(1)), below=t.q[m.end():].startswith(("以下", "(不含)以下")))
    return None


def _names_a_grade(t: Turn) -> bool:
    """"考核60分算合格吗": a grade the documents define is named next to a score."""
    from assistant.compute import grade_bands

    return any(b.grade in t.q for b in grade_bands(t.knowledge.corpus.documents))


def recognise_follow_up(t: Turn) -> Frame | None:
    k = t.knowledge
    return followups.resolve(t.q, t.parsed, t.context, k.corpus.documents, k.contacts, k.units)


def recognise_count(t: Turn) -> Frame | None:
    p, q = t.parsed, t.q
    if not _COUNT.search(q) or re.search(r"几次|多少次|多少分|几分|多久|几天|几个月|几年", q):
        return None
    only = bool(followups._ONLY_NUMBER.search(q))
    if only:  # "组织部牵头几项？只要数字": the question without the request for a bare number
        k = t.knowledge
        p = parse_question(followups._ONLY_NUMBER.sub("", t.text), k.units, k.contacts, k.corpus.documents)
    if isinstance(p, UnitDuties) and re.search(r"(?<!哪)几[项条件]|多少[项条件]|数量|总数", q):
        return Count(q, what="unit_duties", units=p.units, role=p.role, documents=p.documents, number_only=only)
    contacts = t.knowledge.contacts
    if isinstance(p, Search | LeaderPoints | PointLeaders) and _CONTACT_TOPIC.search(q) \
            and not contacts.leaders_in(q) and not contacts.points_in(q):
        columns = contacts.columns_in(q)
        if columns:
            return Count(q, what="column", column=columns[0], number_only=only)
        if re.search(r"几位|多少位|几名|多少名|几个|多少个|几人|多少人", q):
            return Count(q, what="leaders", number_only=only)
    return None


def recognise_cross_document(t: Turn) -> Frame | None:
    if not _CROSS.search(t.q) or BASIS_QUESTION.search(t.q):  # "根据哪个文件开展的": a cited document, searched
        return None
    topic = _CROSS_WORDS.sub("", t.q)
    return CrossDocument(t.q, topic=topic) if len(topic) >= 2 else None


_WHO_VISITS = re.compile(alternation(("谁", "哪位", "哪个领导", "哪些领导", *CONTACT_VERBS)))


def recognise_structured(t: Turn) -> Frame | None:
    p = t.parsed
    if isinstance(p, Search) and _WHO_VISITS.search(t.q) and (options := t.knowledge.contacts.ambiguous_in(t.q)):
        return Clarify(t.q, prompt="有几个联系点名称相近，请问是哪一个？",
                       options=tuple((name, f"{name}由哪位区领导挂点") for name in options))
    if isinstance(p, Search) and len(p.documents) > 1 and all(m.strength < 0 for m in p.documents):
        return _clarify_documents(t, p)
    if isinstance(p, ItemQuestion) and len(p.documents) > 1 and all(m.strength < 0 for m in p.documents):
        return _clarify_documents(t, p)
    return p


def _clarify_documents(t: Turn, p: Frame) -> Clarify:
    """Two documents equally close to a mistyped name: ask which one, with a button for each."""
    docs = p.documents
    options = tuple((m.document.short_name, t.q.replace(m.span, m.document.short_name, 1)) for m in docs)
    names = "、".join(m.document.short_name for m in docs)
    return Clarify(t.q, prompt=f"“{docs[0].span}”可能指：{names}。请问是哪一份？", options=options)


RECOGNISERS: list[Recogniser] = [
    recognise_note,
    recognise_small_talk,
    recognise_more,
    recognise_score,
    recognise_follow_up,
    recognise_count,
    recognise_cross_document,
    recognise_structured,  # always returns a frame: a structured one or Search
]


# ---- 4. handlers --------------------------------------------------------------------------------

HANDLERS: dict[type, Handler] = {
    Note: answering.note,
    SmallTalk: answering.small_talk,
    Docs: answering.documents,
    DocInfo: answering.document_info,
    ItemQuestion: answering.item,
    UnitDuties: answering.unit,
    LeaderPoints: answering.leader,
    PointLeaders: answering.point,
    Count: answering.count,
    ScoreBand: answering.score,
    CrossDocument: answering.cross_document,
    UnknownEntity: answering.unknown,
    Clarify: answering.clarify,
    More: answering.more,
    Search: answering.search,
}


def plug_in(recogniser: Recogniser | None = None, handlers: dict[type, Handler] | None = None, *,
            first: bool = True) -> None:
    """Add a recogniser (before the built-in ones unless ``first=False``: then just before the
    structured fallback) and handlers for the frame types it returns. Idempotent."""
    if recogniser is not None and recogniser not in RECOGNISERS:
        RECOGNISERS.insert(0 if first else len(RECOGNISERS) - 1, recogniser)
    HANDLERS.update(handlers or {})


PLUGINS = ("assistant.records.questions", "assistant.records.informal")
_plugins_loaded = False


def _has_records(t: Turn) -> bool:
    """Whether the channel has records (a store, or the leaders it caches from one). The plug-ins answer
    from them; without any (`docbot ask` on a fresh data dir) they cannot, and importing them
    (sqlite-utils, which imports numpy) would make a cold structured answer half again as slow."""
    return t.db is not None or t.extra.get("leaders") is not None


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for name in PLUGINS:
        try:
            importlib.import_module(name)
        except ImportError:  # that plug-in is not part of this build
            continue


# ---- the entry point ----------------------------------------------------------------------------

def route(turn: Turn) -> tuple[Answer, Context]:
    """Answer one message in its conversation: (answer, the context the next message continues)."""
    from assistant.ask import validate

    bad = validate(turn.question)
    if bad:
        return bad, turn.context
    turn.question = turn.question.strip()
    if _has_records(turn):
        _load_plugins()
    frame = next(f for f in (r(turn) for r in RECOGNISERS) if f is not None)
    handler = HANDLERS.get(type(frame)) or HANDLERS[Search]
    answer = handler(turn, frame)
    if frame is not turn.parsed and getattr(frame, "documents", ()):  # completed from the context
        answer = followups.say_context_document(answer, turn.parsed, frame)
    return answer, answering.next_context(turn, frame, answer)


def answer(question: str, knowledge: Knowledge, context: Context = EMPTY, **turn: Any) -> tuple[Answer, Context]:
    return route(Turn(question, knowledge, context, **turn))


__all__ = ["HANDLERS", "NOTE_CHECKS", "PLUGINS", "RECOGNISERS", "PlugIn", "Turn", "answer", "plug_in", "route"]
