"""The durable inbox: updates kept in the store from arrival until their handlers finished.

Telegram forgets an update once the next getUpdates acknowledges it (or once a webhook answered 200),
so an update that only lived in process memory is lost by a hard kill. Here every update is written
before it counts as received (``receive``), claimed when its handling starts (``start``: one more
start), marked done after its handlers ran (``finish``), and the unfinished ones are replayed at every
start-up (``start_replay``) — skipped with an apology when older than the configured age, or given up
(with an apology) once their handling has started ``MAX_STARTS`` times without finishing (an update
that takes the process down with it). Counting starts rather than replays is what lets a second kill
during the replay lose nothing: an update the replay had not started yet has not used up a try.

Replaying an update runs its handlers again. Store writes they had already committed must not happen
twice, so ``once`` runs each write of an update in one transaction together with a record of its
result (``inbox_effects``, in the store), keyed by the update and the order of the write; a replay gets
the recorded result back instead of writing again. Nothing here knows about Telegram: payloads are JSON.

The inbox is its own SQLite file beside the store (``open_inbox``), written inline by the channel on
every update. Sharing the store's file would make those writes race the database thread's
read-then-write transactions (SQLITE_BUSY on a stale snapshot) and wait on its locks.
"""

from __future__ import annotations

import json
import logging
import pickle
import sqlite3
from collections.abc import Callable
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

log = logging.getLogger(__name__)
MAX_STARTS = 5  # handling started this often and never finished: given up (a crash loop, not a kill)
KEEP_DONE = timedelta(days=3)  # Telegram keeps unacknowledged updates 24 h; ids are not reused sooner
MIGRATIONS = Migrations("docbot-inbox")


@MIGRATIONS(name="001_inbox")
def _m001_inbox(db):
    # status: pending → done | skipped (too old when replayed) | failed (unfinished after its one replay).
    db["inbox"].create(
        {"update_id": int, "received_at": str, "payload": str, "status": str, "attempts": int, "done_at": str},
        pk="update_id", defaults={"status": "pending", "attempts": 0, "done_at": ""})
    db["inbox"].create_index(["status"])


@MIGRATIONS(name="002_callback_tokens")
def _m002_callback_tokens(db):
    # Inline-button tokens (handlers/tokens.py): what the button does, where, and who may press it.
    db["callback_tokens"].create(
        {"token": str, "action": str, "chat_id": int, "owner": int, "role": str, "payload": str,
         "created_at": str}, pk="token", defaults={"owner": 0, "role": ""})
    db["callback_tokens"].create_index(["created_at"])


@MIGRATIONS(name="003_outbox")
def _m003_outbox(db):
    # Every message the bot sends (assistant/operations/outbox.py). origin + seq: the update (or job) that sent it
    # and the how-many-th send it was, so a replayed update finds the messages it already sent.
    # status: pending → sent | given_up (reason says why); next_at: not before (retry_after, backoff).
    db["outbox"].create(
        {"id": int, "origin": str, "seq": int, "chat_id": str, "method": str, "params": str, "status": str,
         "attempts": int, "created_at": str, "next_at": str, "done_at": str, "result": str, "reason": str},
        pk="id", defaults={"status": "pending", "attempts": 0, "next_at": "", "done_at": "", "result": "",
                           "reason": ""})
    db["outbox"].create_index(["origin", "seq"], unique=True)
    db["outbox"].create_index(["status"])


def open_inbox(path: str | Path) -> sqlite_utils.Database:
    """The inbox file. ``synchronous=NORMAL``: in WAL mode a commit survives a killed process (only a
    power cut may lose the last ones) and costs no fsync on the event loop."""
    # Autocommit (isolation_level=None): a single statement is its own transaction, ~4x cheaper than
    # BEGIN/…/COMMIT through sqlite-utils; groups use db.atomic() explicitly.
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30, isolation_level=None)
    db = sqlite_utils.Database(conn)
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    MIGRATIONS.apply(db)
    return db


def receive(db: sqlite_utils.Database, update_id: int, payload: dict | str, *, at: datetime) -> bool:
    """Store an arriving update (a dict, or its JSON); False when it was finished before."""
    return not receive_many(db, [(update_id, payload)], at=at)


def receive_many(db: sqlite_utils.Database, updates: list[tuple[int, dict | str]], *, at: datetime) -> set[int]:
    """Store arriving updates in one transaction. → the ids among them that were finished before
    (re-delivered after a restart: not to be handled again). A known but unfinished one is not in
    the set: it is handled (the process that stored it never queued it, or it is being replayed)."""
    rows = [(uid, at.isoformat(), p if isinstance(p, str) else json.dumps(p, ensure_ascii=False)) for uid, p in updates]
    with db.atomic():
        added = db.conn.executemany("INSERT OR IGNORE INTO inbox (update_id, received_at, payload) VALUES (?, ?, ?)",
                                    rows).rowcount
        if added == len(rows):
            return set()
        marks = ",".join("?" * len(rows))
        return {r[0] for r in db.execute(f"SELECT update_id FROM inbox WHERE status != 'pending' "  # noqa: S608 - only ?s
                                         f"AND update_id IN ({marks})", [r[0] for r in rows])}


def finish(db: sqlite_utils.Database, update_id: int, *, at: datetime, status: str = "done",
           later: list[tuple[str, tuple]] = ()) -> None:
    """Mark an update finished, together with the writes its handling deferred (``Handling.later``:
    (sql, params), e.g. its buttons' tokens) — one transaction instead of one per write."""
    if not later:
        db.execute("UPDATE inbox SET status = ?, done_at = ? WHERE update_id = ?", [status, at.isoformat(), update_id])
        return
    with db.atomic():
        db.execute("UPDATE inbox SET status = ?, done_at = ? WHERE update_id = ?", [status, at.isoformat(), update_id])
        for sql, params in later:
            db.execute(sql, params)


@dataclass(frozen=True)
class Replay:
    """What start-up does with the unfinished updates."""

    run: list[dict] = field(default_factory=list)  # payloads to handle again, oldest first
    too_old: list[dict] = field(default_factory=list)  # payloads to apologise for, then mark skipped
    failed: list[dict] = field(default_factory=list)  # started MAX_STARTS times: apologise, mark failed


def start_replay(db: sqlite_utils.Database, *, now: datetime, max_age: timedelta) -> Replay:
    """Sort the unfinished updates for this start-up, and prune old finished ones. Nothing is claimed
    here: an update counts a try only when its handling starts (``start``), so a kill during the replay
    leaves the ones not reached yet as they were. The caller marks the too-old and failed ones after
    their apology is in the outbox (a kill in between apologises once: the apology has its own key)."""
    run, too_old, failed = [], [], []
    with db.atomic():
        for row in db.query("SELECT received_at, payload, attempts FROM inbox WHERE status = 'pending' "
                            "ORDER BY update_id"):
            if row["attempts"] >= MAX_STARTS:
                failed.append(json.loads(row["payload"]))
            elif now - datetime.fromisoformat(row["received_at"]) > max_age:
                too_old.append(json.loads(row["payload"]))
            else:
                run.append(json.loads(row["payload"]))
        prune(db, now=now)
    if failed:
        log.error("updates %s were started %d times and never finished; given up",
                  [p.get("update_id") for p in failed], MAX_STARTS)
    return Replay(run, too_old, failed)


def start(db: sqlite_utils.Database, update_id: int) -> None:
    """The update's handling starts now: one more try (see MAX_STARTS)."""
    db.execute("UPDATE inbox SET attempts = attempts + 1 WHERE update_id = ? AND status = 'pending'", [update_id])


def prune(db: sqlite_utils.Database, *, now: datetime) -> int:
    """Forget updates finished more than KEEP_DONE ago, and messages sent or given up as long ago (at
    start-up, and hourly while running). → how many updates were forgotten."""
    cutoff = (now - KEEP_DONE).isoformat()
    db.execute("DELETE FROM outbox WHERE status != 'pending' AND done_at < ?", [cutoff])
    return db.execute("DELETE FROM inbox WHERE status != 'pending' AND done_at < ?", [cutoff]).rowcount


def backlog(db: sqlite_utils.Database) -> int:
    """Updates received and not yet finished (for /status and `docbot status`)."""
    return db.execute("SELECT count(*) FROM inbox WHERE status = 'pending'").fetchone()[0]


def prune_effects(db: sqlite_utils.Database, *, now: datetime) -> None:
    """Forget recorded results of updates long finished (the store's side; run at start-up)."""
    with db.atomic():
        db.execute("DELETE FROM inbox_effects WHERE at < ?", [(now - KEEP_DONE).isoformat()])


def once(db: sqlite_utils.Database, update_id: int, fn: str, seq: int, call: Callable[[], Any], *,
         at: datetime) -> Any:
    """Run ``call`` (store function ``fn`` bound to ``db``) as the update's ``seq``-th call of ``fn``.

    Keyed by function and count rather than by overall order, so a replay in a new process that makes
    an extra call (a cache to fill first) still finds each write's record.

    When that call committed changes before (the update is being replayed), its recorded result is
    returned and nothing runs. Otherwise it runs inside one transaction that also records its result
    if it changed anything — so the change and the record land together or not at all. Reads change
    nothing and are not recorded.
    """
    row = db.execute("SELECT result FROM inbox_effects WHERE update_id = ? AND fn = ? AND seq = ?",
                     [update_id, fn, seq]).fetchone()
    if row is not None:
        return pickle.loads(row[0])  # noqa: S301 - written by this process, in our own store
    with db.atomic():
        before = db.conn.total_changes
        result = call()
        if db.conn.total_changes != before:
            try:
                blob = pickle.dumps(result)
            except (pickle.PicklingError, TypeError, AttributeError):
                log.warning("result of store call %s/%s#%s cannot be recorded", update_id, fn, seq)
                return result
            db.execute("INSERT OR REPLACE INTO inbox_effects (update_id, fn, seq, at, result) VALUES (?, ?, ?, ?, ?)",
                       [update_id, fn, seq, at.isoformat(), blob])
    return result


# ---- the update being handled (set by the channel, read by the store gateway) ----------------------
@dataclass
class Handling:
    update_id: int
    steps: dict[str, int] = field(default_factory=dict)  # store calls made so far, per function
    later: list[tuple[str, tuple]] = field(default_factory=list)  # inbox writes deferred to ``finish``


_CURRENT: ContextVar[Handling | None] = ContextVar("docbot_inbox_update", default=None)


def handling(update_id: int) -> Token:
    """Mark the current task as handling ``update_id``: its store calls go through ``once``."""
    return _CURRENT.set(Handling(update_id))


def done_handling(token: Token) -> None:
    _CURRENT.reset(token)


def current() -> Handling | None:
    return _CURRENT.get()


def next_step(fn: str) -> tuple[int, str, int] | None:
    """(update id, fn, how many times the update has now called fn) inside an update's handling."""
    h = _CURRENT.get()
    if h is None:
        return None
    h.steps[fn] = h.steps.get(fn, 0) + 1
    return h.update_id, fn, h.steps[fn]
