"""Several workers on one PostgreSQL store (issue 18): the shared inbox, the scheduler leader, and the
uploaded documents every worker must see. Nothing here knows about Telegram: payloads are JSON.

Shared inbox. A webhook worker writes each update Telegram posts (``receive``: the update_id is the
primary key, so a re-delivery is a no-op) and answers 200 at once. Every worker then ``claim``s
updates: ``SELECT … FOR UPDATE SKIP LOCKED`` of the oldest pending update whose chat has no earlier
pending update. The row lock is held by an open transaction for as long as the update is handled,
so:
- one chat is handled by one worker at a time, in update order (a later update of a chat waits while
  an earlier one is pending, whoever holds it);
- a worker that dies mid-update loses its connection, PostgreSQL rolls the claim back and the update
  is pending and unlocked again: the next claim takes it (no lease to expire, no timer);
- ``Claim.finish`` marks it done in that same transaction (with the writes its handling deferred).
Each claim bumps ``shared_inbox_attempts`` in its own committed statement (the claim's own row update
would die with the worker): an update that took ``MAX_ATTEMPTS`` workers down is given up ("failed").
Store writes an update's handlers make go through ``assistant.inbox.once`` as on SQLite (the
``inbox_effects`` table is in the shared store), so a replay does not write twice.

Scheduler leader. ``Leader.is_leader()`` holds ``pg_try_advisory_lock`` on a connection of its own;
when the leader dies its session ends and another worker takes the lock at its next tick. Reminders
stay exactly once across a change of leader because each (person, digest) key is claimed in
``sent_reminders`` (primary key) in the store's write transaction before sending.

Documents. A confirmed upload or removal also writes a ``documents`` row with a new ``version``
(``record_document``); each worker compares the highest version with its own (``documents_since``)
and writes the changed files into its uploads directory, then reloads its corpus and index.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Migrations

from assistant.pg_migrate import migrate_postgres

if TYPE_CHECKING:  # psycopg is imported only by a worker on PostgreSQL
    import psycopg

log = logging.getLogger(__name__)
MIGRATIONS = Migrations("docbot-shared")
CHANNEL = "docbot_inbox"  # NOTIFY on every arrival: idle workers wake at once instead of polling
MAX_ATTEMPTS = 3
SCHEDULER_LOCK = 0x646F63626F75  # the reminder scheduler's advisory lock ("docbou": beside WRITE_LOCK)


@MIGRATIONS(name="001_shared_inbox")
def _m001(db):
    db.execute("create table shared_inbox (update_id bigint primary key, chat_id bigint not null, "
               "received_at timestamptz not null default now(), payload text not null, "
               "status text not null default 'pending', worker text not null default '', done_at timestamptz)")
    db.execute("create index shared_inbox_pending on shared_inbox (chat_id, update_id) where status = 'pending'")
    db.execute("create table shared_inbox_attempts (update_id bigint primary key, attempts int not null)")
    # Inline-button tokens (handlers/tokens.py), shared: a press may reach any worker.
    db.execute("create table callback_tokens (token text primary key, action text, chat_id bigint, "
               "owner bigint default 0, role text default '', payload text, created_at text)")
    db.execute("create index callback_tokens_created on callback_tokens (created_at)")
    db.execute("create table documents (name text primary key, text text, removed int not null default 0, "
               "version bigint not null, changed_at text)")
    db.execute("create sequence documents_version")


def migrate(db) -> None:
    migrate_postgres(db, MIGRATIONS)


# ---- the inbox -----------------------------------------------------------------------------------
def receive(db, update_id: int, chat_id: int, payload: dict | str) -> bool:
    """Store an arriving update and wake the workers; False when it was there already."""
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    with db.pool.connection() as conn:
        added = conn.execute("insert into shared_inbox (update_id, chat_id, payload) values (%s, %s, %s) "
                             "on conflict do nothing", [update_id, chat_id, text]).rowcount
        if added:
            conn.execute(f"notify {CHANNEL}")
    return bool(added)


_CLAIM = ("select update_id, payload from shared_inbox i where status = 'pending' and not exists "
          "(select 1 from shared_inbox e where e.chat_id = i.chat_id and e.status = 'pending' "
          "and e.update_id < i.update_id) order by update_id limit 1 for update skip locked")


@dataclass
class Claim:
    """One update held by this worker: its row stays locked until ``finish`` or ``abandon``."""

    update_id: int
    payload: dict
    attempts: int
    _db: object
    _conn: psycopg.Connection | None

    def finish(self, worker: str, later: list[tuple[str, tuple]] = (), status: str = "done") -> None:
        """Mark it done in the claiming transaction, with the writes its handling deferred."""
        from assistant.pg_store import translate

        conn, self._conn = self._conn, None
        try:
            for sql, params in later:
                conn.execute(translate(sql, self._db.pk), list(params))
            conn.execute("update shared_inbox set status = %s, worker = %s, done_at = now() where update_id = %s",
                         [status, worker, self.update_id])
            conn.execute("commit")
        except BaseException:
            _end(conn, "rollback")
            raise
        finally:
            self._db.pool.putconn(conn)

    def abandon(self) -> None:
        """Let go without finishing (shutdown): another claim takes it."""
        conn, self._conn = self._conn, None
        if conn is not None:
            _end(conn, "rollback")
            self._db.pool.putconn(conn)


def _end(conn: psycopg.Connection, how: str) -> None:
    import psycopg

    try:
        conn.execute(how)
    except psycopg.Error:
        log.warning("could not %s a claim", how, exc_info=True)


def claim(db, worker: str) -> Claim | None:
    """The next update this worker may handle, locked; None when there is nothing to take now."""
    while True:
        conn = db.pool.getconn()
        try:
            conn.execute("begin")
            row = conn.execute(_CLAIM).fetchone()
            if row is None:
                conn.execute("rollback")
                db.pool.putconn(conn)
                return None
            with db.pool.connection() as other:  # committed now: survives this worker's death
                attempts = other.execute(
                    "insert into shared_inbox_attempts values (%s, 1) on conflict (update_id) do update "
                    "set attempts = shared_inbox_attempts.attempts + 1 returning attempts", [row[0]]).fetchone()[0]
        except BaseException:
            _end(conn, "rollback")
            db.pool.putconn(conn)
            raise
        got = Claim(row[0], json.loads(row[1]), attempts, db, conn)
        if attempts <= MAX_ATTEMPTS:
            return got
        log.error("update %s was claimed %d times without finishing; given up", row[0], attempts)
        got.finish(worker, status="failed")


def wait_for_arrivals(db, timeout: float) -> None:
    """Block until an update arrives (NOTIFY) or ``timeout`` seconds pass."""
    with db.pool.connection() as conn:
        conn.execute(f"listen {CHANNEL}")
        try:
            for _ in conn.notifies(timeout=timeout, stop_after=1):
                pass
        finally:
            conn.execute(f"unlisten {CHANNEL}")


def backlog(db) -> int:
    return db.execute("select count(*) from shared_inbox where status = 'pending'").fetchone()[0]


def prune(db, keep_days: int = 3) -> int:
    """Forget updates finished long ago (Telegram does not re-deliver after 24 h)."""
    with db.pool.connection() as conn:
        n = conn.execute("delete from shared_inbox where status != 'pending' and done_at < now() - %s * "
                         "interval '1 day'", [keep_days]).rowcount
        conn.execute("delete from shared_inbox_attempts a where not exists "
                     "(select 1 from shared_inbox i where i.update_id = a.update_id)")
    return n


# ---- the scheduler leader ------------------------------------------------------------------------
class Leader:
    """Whether this worker sends reminders: it holds the scheduler's advisory lock on its own session."""

    def __init__(self, url: str, key: int = SCHEDULER_LOCK):
        self.url, self.key, self._conn = url, key, None

    def is_leader(self) -> bool:
        import psycopg

        try:
            if self._conn is not None and not self._conn.closed:
                self._conn.execute("select 1")  # still our session, so still our lock
                return True
            self._conn = psycopg.connect(self.url, autocommit=True)
            if self._conn.execute("select pg_try_advisory_lock(%s)", [self.key]).fetchone()[0]:
                log.info("this worker now sends the reminders")
                return True
        except psycopg.Error:
            log.warning("scheduler lock unavailable", exc_info=True)
        self.close()
        return False

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


# ---- uploaded documents --------------------------------------------------------------------------
def shares_documents(db) -> bool:
    return getattr(db, "dialect", "") == "postgresql"


def record_document(db, name: str, text: str | None, *, at: str) -> None:
    """An upload (``text``) or a removal (None), for every worker; inside the caller's transaction."""
    db.execute("insert into documents (name, text, removed, version, changed_at) values "
               "(?, ?, ?, nextval('documents_version'), ?) on conflict (name) do update set text = excluded.text, "
               "removed = excluded.removed, version = excluded.version, changed_at = excluded.changed_at",
               [name, text or "", int(text is None), at])


def documents_version(db) -> int:
    return db.execute("select coalesce(max(version), 0) from documents").fetchone()[0]


def documents_since(db, version: int, directory: Path) -> int:
    """Write documents changed after ``version`` into ``directory`` (or delete removed ones);
    → the version now held (unchanged when nothing changed)."""
    rows = list(db.query("select name, text, removed, version from documents where version > ? order by version",
                         [version]))
    for row in rows:
        path = Path(directory) / Path(row["name"]).name
        if row["removed"]:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.part")
        tmp.write_text(row["text"], encoding="utf-8")
        tmp.replace(path)
    return max([version, *(r["version"] for r in rows)])
