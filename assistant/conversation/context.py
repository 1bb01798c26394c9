"""Conversation context: the last document, items, part, role, unit, leader, point and result page of
one user's conversation in one chat, so follow-ups ("那第18项呢", "配合单位呢", "他还联系哪些",
"更多") resolve against it.

Pure data plus two small store functions. Context is kept per (chat, user) in SQLite (migration 040)
so a restart does not break a conversation, expires after ``DEFAULT_TTL`` of silence, and in groups
each answer message keeps the context it was written from: a reply to it continues *that* answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from corpus.model import MAIN_PART

if TYPE_CHECKING:  # the router imports this module: stateless questions must not pay for sqlite_utils
    import sqlite_utils

DEFAULT_TTL = timedelta(minutes=30)
ANSWER_CONTEXT_KEEP = timedelta(days=7)  # how long a group reply to an old answer still continues it


@dataclass(frozen=True)
class Context:
    kind: str = ""  # the frame kind of the last answer (item, unit_items, leader_points…)
    question: str = ""  # the last question as typed
    documents: tuple[str, ...] = ()  # corpus sources the last answer was about
    part: str = MAIN_PART
    numbers: tuple[int, ...] = ()
    role: str = ""
    units: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    points: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    score: float | None = None
    more: tuple = ()  # (question, offset) of the next page of the last search (() → none)
    extra: dict = field(default_factory=dict)  # room for plug-ins (records questions)

    @property
    def empty(self) -> bool:
        return not self.kind

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None) -> Context:
        if not text:
            return EMPTY
        try:
            d = json.loads(text)
            known = {k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items() if k in _FIELDS}
            if len(known.get("more", ())) != 2:  # a page as text, from a version before pages were values
                known.pop("more", None)
            return cls(**known)
        except (ValueError, TypeError):  # a row written by another version: start afresh
            return EMPTY

    def updated(self, **changes) -> Context:
        return replace(self, **changes)


EMPTY = Context()
_FIELDS = set(Context.__dataclass_fields__)


def load(db: sqlite_utils.Database, chat_id: int, user_id: int, *, now: datetime,
         ttl: timedelta = DEFAULT_TTL, reply_to: int | None = None) -> Context:
    """The context a new message continues: the replied-to answer's, else this user's own if fresh."""
    if reply_to is not None:
        row = next(db.query("select context from answer_context where chat_id = ? and message_id = ?",
                            [chat_id, reply_to]), None)
        if row is not None:
            return Context.from_json(row["context"])
    row = next(db.query("select context, updated_at from conversation_context where chat_id = ? and user_id = ?",
                        [chat_id, user_id]), None)
    if row is None or _age(row["updated_at"], now) > ttl:
        return EMPTY
    return Context.from_json(row["context"])


def save(db: sqlite_utils.Database, chat_id: int, user_id: int, context: Context, *, now: datetime) -> None:
    save_many(db, [(chat_id, user_id, context, now)])


_UPSERT = ("insert into conversation_context (chat_id, user_id, context, updated_at) values (?, ?, ?, ?) "
           "on conflict (chat_id, user_id) do update set context = excluded.context, updated_at = excluded.updated_at")


def save_many(db: sqlite_utils.Database, rows: Iterable[tuple[int, int, Context, datetime]]) -> None:
    """Store each (chat, user)'s latest context in one transaction. One statement, not sqlite-utils'
    upsert: that re-reads the table's schema on every call (six times the cost), and the bot writes a
    context after nearly every message."""
    with db.atomic():
        db.conn.executemany(_UPSERT, [(c, u, ctx.to_json(), now.isoformat()) for c, u, ctx, now in rows])


def remember_answer(db: sqlite_utils.Database, chat_id: int, message_id: int, context: Context, *,
                    now: datetime) -> None:
    """Keep the context of an answer message the bot sent, for replies to it; prune old ones."""
    with db.atomic():
        db.execute("insert into answer_context (chat_id, message_id, context, updated_at) values (?, ?, ?, ?) "
                   "on conflict (chat_id, message_id) do update set context = excluded.context, "
                   "updated_at = excluded.updated_at", [chat_id, message_id, context.to_json(), now.isoformat()])
        db.execute("delete from answer_context where updated_at < ?", [(now - ANSWER_CONTEXT_KEEP).isoformat()])


def _age(stamp: str, now: datetime) -> timedelta:
    try:
        then = datetime.fromisoformat(stamp)
        return now - then if (then.tzinfo is None) == (now.tzinfo is None) else DEFAULT_TTL * 1000
    except ValueError:
        return DEFAULT_TTL * 1000
