"""The records' rows of the question router's table (assistant/questions/router.py ``ROUTES``): a reply to a
draft the bot asked about, a visit note, a question about the ledgers, an informal note.

Every channel routes every message through these rows with its own services on the turn (the store,
the records rules read from its corpus, the leaders it caches), so a note or a records question is
recognised, and a records question answered, the same way in Telegram, `docbot chat` and `docbot ask`.
What a channel then does with a note (Telegram's draft with 确认 / 修改 / 取消) is the channel's.

This module is light on purpose: the ledger queries (questions.py, bindings.py) import sqlite-utils,
which imports numpy; they are imported only for a turn that has a store and may be a records
question, so a cold `docbot ask` never loads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.questions.answer import Answer
from assistant.questions.frames import DraftReply, Frame, InformalNote, Note, RecordQuery
from assistant.records import informal
from assistant.records.leaders import Leader, load_leaders
from assistant.records.note_start import is_note, may_be_note, starts_like_note
from assistant.records.notes import parse_note
from assistant.records.question_cues import NOT_ALLOWED, ROLES_ALLOWED, may_be_question
from assistant.records.rules import Rules

if TYPE_CHECKING:
    from assistant.questions.router import Turn

NOTE_REPLY = ("这看起来是一条走访记录，不是问题。请秘书在 Telegram 中直接发送（先显示解析结果，确认后登记），"
              "或用命令 docbot visit 登记。")


def leaders_of(t: Turn) -> list[Leader]:
    """The channel's cached leaders, else the store's, else none (a channel without records)."""
    if t.leaders is not None:
        return list(t.leaders)
    return load_leaders(t.db) if t.db is not None else []


def recognise_draft_reply(t: Turn) -> Frame | None:
    return DraftReply(t.q) if t.draft else None


def recognise_note(t: Turn) -> Frame | None:
    """A visit note is never answered as a question: the cheap test, then the parsed note decides."""
    leaders = leaders_of(t) if not starts_like_note(t.question) else []
    if not may_be_note(t.question, leaders):
        return None
    if t.now is None:  # no clock to read the note's dates by: how it opens decides
        return Note(t.q) if starts_like_note(t.question) else None
    leaders = leaders or leaders_of(t)
    parsed = parse_note(t.question, leaders, t.now.date(), t.rules or Rules())
    return Note(t.q) if is_note(parsed, t.question) else None


def recognise_record_question(t: Turn) -> Frame | None:
    if t.db is None or t.now is None or not may_be_question(t.question):
        return None
    from assistant.records.bindings import leader_of  # sqlite-utils (numpy): only with a store, see above
    from assistant.records.questions import recognise

    own = leader_of(t.db, t.user_id) if t.user_id is not None else None
    q = recognise(t.question, t.db, own)
    return RecordQuery(t.q, record=q) if q else None


def recognise_informal(t: Turn) -> Frame | None:
    if not informal.may_be_informal(t.question):
        return None
    got = informal.detect(t.question, leaders_of(t), t.now.date() if t.now else None)  # kept as written
    return InformalNote(t.q, leader=got.leader, resolved=got.resolved, original=got.original) if got else None


def note(t: Turn, f: Frame) -> Answer:
    """Outside Telegram's records flow (terminal chat, `docbot ask`) a note is pointed to where it is
    recorded; it is never searched as a question."""
    return Answer(t.question, "note", False, NOTE_REPLY)


def informal_note(t: Turn, f: InformalNote) -> Answer:
    return Answer(t.question, "note", False, f"这看起来是{f.leader}的走访记录，不是问题。秘书可在 Telegram 中发送并点“记录”登记，"
                                             "或用 docbot visit add 登记。")


def record_question(t: Turn, f: RecordQuery) -> Answer:
    from assistant.records.questions import answer  # sqlite-utils (numpy), see above

    if t.role not in ROLES_ALLOWED:
        return Answer(t.question, "records", False, NOT_ALLOWED)
    return answer(t.db, f.record, t.now.date(), t.rules or Rules(), t.question)
