"""The outbox, the storage side: every message the bot sends is a row before it is sent, and keeps a
final state (sent, or given up with the reason) — plain functions over the inbox file's connection
(the table is the inbox file's migration 003; bot/outbox.py sends).

A row is keyed by its origin and sequence number: the update that sent it (``u<update_id>``) and how
many sends that update had made, so a replayed update finds the messages it already sent — the stored
answer for a sent one, the waiting row for one not delivered yet — instead of sending them again.
Sends outside any update (jobs) take a unique origin unless they name one (``origin``).

Nothing here knows about Telegram: parameters and results are JSON.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from assistant.operations import inbox

_ORIGIN: ContextVar[list | None] = ContextVar("docbot_outbox_origin", default=None)


@dataclass(frozen=True)
class Message:
    id: int
    origin: str
    seq: int
    chat_id: str
    method: str
    params: dict
    status: str  # pending | sent | given_up
    attempts: int
    next_at: str
    created_at: str
    result: object  # what Telegram answered, once sent
    owner: int = 0  # shared mode: the worker that sends it (assistant/operations/shared_outbox.py)

    @classmethod
    def from_row(cls, row: dict) -> Message:
        return cls(row["id"], row["origin"], row["seq"], row["chat_id"], row["method"], json.loads(row["params"]),
                   row["status"], row["attempts"], row["next_at"], row["created_at"],
                   json.loads(row["result"]) if row["result"] else None, row.get("owner") or 0)


@contextlib.contextmanager
def origin(name: str) -> Iterator[None]:
    """Sends inside this block are keyed ``name``, 1, 2, … (a job that may run again names its work)."""
    token = _ORIGIN.set([name, 0])
    try:
        yield
    finally:
        _ORIGIN.reset(token)


def next_key() -> tuple[str, int]:
    """(origin, seq) for the next send of the current update, the current ``origin`` block, or a one-off."""
    step = inbox.next_step("outbox")
    if step is not None:
        return f"u{step[0]}", step[2]
    named = _ORIGIN.get()
    if named is not None:
        named[1] += 1
        return named[0], named[1]
    return f"x{uuid.uuid4().hex}", 1


def write(db: sqlite_utils.Database, key: tuple[str, int], chat_id: object, method: str, params: dict, *,
          at: datetime, later: list | None = None, owner: int | None = None) -> tuple[Message, bool]:
    """The row for ``key``: (the new pending row, True), or (the row written before, False).

    ``later``: the update's deferred inbox writes (``inbox.Handling.later``: the buttons' tokens), written
    in the same transaction and then emptied — a message is never out without the buttons it carries
    being stored (a replay after a kill does not send it again, so the user presses these).
    ``owner``: shared mode, the worker that will send it."""
    text, chat, created = json.dumps(params, ensure_ascii=False), "" if chat_id is None else str(chat_id), at.isoformat()
    args = [key[0], key[1], chat, method, text, created]
    with db.atomic():
        for sql, later_args in later or ():
            db.execute(sql, later_args)
        if owner is None and isinstance(db, sqlite_utils.Database):
            new, added = _insert_sqlite(db.conn, args, params), None
        else:  # PostgreSQL (shared mode): no rowid, the row is read back
            cols, args = (_COLUMNS, args) if owner is None else (_COLUMNS + ", owner", [*args, owner])
            new, added = None, db.execute(f"INSERT OR IGNORE INTO outbox ({cols}) VALUES ({', '.join('?' * len(args))})",  # noqa: S608
                                          args).rowcount
        row = None if new is not None else next(db.query("SELECT * FROM outbox WHERE origin = ? AND seq = ?", list(key)))
    if later:
        later.clear()
    if new is not None:
        return new, True
    return Message.from_row(row), bool(added)


_COLUMNS = "origin, seq, chat_id, method, params, created_at"


def _insert_sqlite(conn, args: list, params: dict) -> Message | None:
    """Insert on the raw connection (sqlite-utils' ``query`` would wrap a read-back in a savepoint of its
    own, on every reply). → the new row, built from what was written and the rowid; None when the key
    was written before."""
    cursor = conn.execute(f"INSERT OR IGNORE INTO outbox ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", args)  # noqa: S608
    if not cursor.rowcount:
        return None
    return Message(cursor.lastrowid, args[0], args[1], args[2], args[3], params, "pending", 0, "", args[5], None)


def sent(db: sqlite_utils.Database, message_id: int, result: object, *, at: datetime) -> None:
    db.execute("UPDATE outbox SET status = 'sent', done_at = ?, result = ?, attempts = attempts + 1 WHERE id = ?",
               [at.isoformat(), json.dumps(result, ensure_ascii=False), message_id])


def give_up(db: sqlite_utils.Database, message_id: int, reason: str, *, at: datetime) -> None:
    db.execute("UPDATE outbox SET status = 'given_up', done_at = ?, reason = ?, attempts = attempts + 1 "
               "WHERE id = ?", [at.isoformat(), reason[:500], message_id])


def retry_at(db: sqlite_utils.Database, message_id: int, when: datetime, reason: str) -> None:
    """A try failed in a way worth repeating: not before ``when``."""
    db.execute("UPDATE outbox SET next_at = ?, reason = ?, attempts = attempts + 1 WHERE id = ?",
               [when.isoformat(), reason[:500], message_id])


def get(db: sqlite_utils.Database, message_id: int) -> Message | None:
    row = next(db.query("SELECT * FROM outbox WHERE id = ?", [message_id]), None)
    return Message.from_row(row) if row else None


def waiting(db: sqlite_utils.Database) -> list[Message]:
    """Messages not yet sent nor given up, oldest first (resumed at start-up)."""
    return [Message.from_row(r) for r in db.query("SELECT * FROM outbox WHERE status = 'pending' ORDER BY id")]


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {r[0]: r[1] for r in db.execute("SELECT status, count(*) FROM outbox GROUP BY status")}
