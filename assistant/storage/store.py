"""The SQLite store: one file under the data directory, opened through sqlite-utils.

Schema changes are numbered migrations (``assistant/storage/migrations/mNNN_*.py``), applied in file-name
order on every open, so an old data file is upgraded in place and a new one is created complete.
Number ranges keep areas apart: 001-009 base, 010-019 access control, 020-039 records/reminders, 040-049 conversation, 050-059 inbox/ops.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import sqlite_utils

from assistant.storage.backend import is_postgres, open_postgres
from assistant.storage.schema import MIGRATIONS, load_migrations  # noqa: F401 - MIGRATIONS re-exported for the migrations

# The migration set lives in assistant/storage/schema.py (PostgreSQL's opener reads it too); the numbered
# modules keep importing it from here.
_load_migrations = load_migrations


UNWRITABLE_REPLY = "暂时无法保存，请稍后再试（未保存）"
# SQLite's result codes for "the store cannot be written now" (extended codes share the prefix:
# SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED…): a full disk, a read-only file or mount, a failing disk.
_UNWRITABLE = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN")


DAMAGED_REPLY = "数据文件已损坏，暂时无法保存（未保存）。请联系管理员用备份恢复。"


class StoreUnwritable(Exception):
    """A write the store refused for now (disk full, read-only, I/O error, a damaged page); nothing was
    saved. Its ``user_reply`` is what the user is told (the bot's error handler sends it instead of "出错了")."""

    def __init__(self, message: str, user_reply: str = UNWRITABLE_REPLY):
        super().__init__(message)
        self.user_reply = user_reply


def unwritable(error: BaseException) -> bool:
    """True when ``error`` is SQLite saying the store cannot be written now (as opposed to a bug), or
    PostgreSQL's (assistant/storage/postgres.py) operational errors: server gone, disk full, no connection free."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if any(c.__name__ == "OperationalError" and c.__module__.startswith("psycopg") for c in type(error).__mro__):
        return True
    return isinstance(error, sqlite3.Error) and name.startswith(_UNWRITABLE)


_CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


class StoreCorrupt(Exception):
    """The store file is damaged (not a database, truncated, a scribbled page). Raised by ``open_db``
    before anything was written: the file is left exactly as it was, as evidence and for recovery."""

    def __init__(self, path: str | Path, error: BaseException):
        self.path = str(path)
        super().__init__(
            f"数据文件 {path} 已损坏（{error}），未启动，文件保持原样、未做任何改动。\n"
            f"恢复：先把损坏的文件另存一份，再把最近一次 `docbot backup` 生成的备份"
            f"（默认在 数据目录/backups/）复制为 {path}，然后重新启动。")


def corrupt(error: BaseException) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return isinstance(error, sqlite3.DatabaseError) and name.startswith(_CORRUPT)


class _Held:
    """A thread's connection; dropped with the thread's locals when the thread ends."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn


class Store(sqlite_utils.Database):
    """sqlite-utils' Database with one SQLite connection per thread, whose outermost ``atomic()``
    begins IMMEDIATE.

    One connection per thread: sqlite-utils wraps every ``query()`` in a savepoint and every
    ``atomic()`` in a transaction on ``self.conn``; on a connection shared by threads, a worker thread's
    read (the question router asking ``bindings.leader_of``) released or rolled back the database
    thread's savepoints mid-transaction — "no such savepoint: sqlite_utils_query" once in ~5,000 mixed
    questions. ``conn`` is a per-thread connection to the same file with the same settings, opened on a
    thread's first use; the database thread still does all the bot's writes, and WAL lets the readers
    read beside it. An in-memory store has a single connection (a second one would be another database).

    IMMEDIATE: sqlite-utils begins a deferred transaction: it reads first and asks for the write lock at
    its first write. In WAL mode, if another connection (the bot's writer thread, a `docbot assign` in
    another process) committed in between, that upgrade fails at once with "database is locked" — the
    busy timeout does not apply to a stale snapshot. Taking the write lock at BEGIN makes the other
    writer wait its turn instead (busy_timeout)."""

    def __init__(self, path: str | Path):
        self._path = str(path)
        self._shared = self._path == ":memory:" or self._path.startswith("file::memory:")
        self._local = threading.local()
        self._held: weakref.WeakSet[_Held] = weakref.WeakSet()
        self._held_lock = threading.Lock()
        self._first: _Held | None = None
        super().__init__(self._connect())

    def _connect(self) -> sqlite3.Connection:
        # check_same_thread=False only so that close() may close every thread's connection.
        conn = sqlite3.connect(self._path, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA recursive_triggers = on")
        return conn

    @property
    def conn(self) -> sqlite3.Connection:  # type: ignore[override]
        held = getattr(self._local, "held", None)
        if held is None:
            if self._shared and self._first is not None:
                return self._first.conn
            self.conn = self._connect()
            held = self._local.held
        return held.conn

    @conn.setter
    def conn(self, value: sqlite3.Connection) -> None:
        held = _Held(value)
        self._local.held = held
        with self._held_lock:
            self._held.add(held)
            if self._first is None and self._shared:  # kept even when the opening thread ends
                self._first = held

    def close(self) -> None:
        """Close every thread's connection."""
        with self._held_lock:
            held, self._local, self._first = list(self._held), threading.local(), None
            self._held = weakref.WeakSet()
        for h in held:
            h.conn.close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Store]:
        if self.conn.in_transaction:  # nested: a savepoint, as sqlite-utils does
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the store at ``path`` with WAL and all migrations applied; a
    ``postgresql://`` URL opens the shared PostgreSQL store instead (assistant/storage/postgres.py).

    A damaged file raises ``StoreCorrupt`` (a clear message naming `docbot backup`) and is never written.
    Any thread may use it (each gets its own connection, see Store); group writes with ``db.atomic()``
    (one IMMEDIATE transaction, nested blocks become savepoints) so a change lands whole or not at all.
    """

    if is_postgres(path):  # DOCBOT_DATABASE_URL=postgresql://… (assistant/storage/backend.py)
        return open_postgres(path)
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Store(path)
    try:
        db.enable_wal()  # the first read of the file: a damaged header fails here, before any write
        _load_migrations()
        MIGRATIONS.apply(db)
    except sqlite3.DatabaseError as e:
        db.close()
        if corrupt(e):
            raise StoreCorrupt(path, e) from e
        raise
    return db


def audit(
    db: sqlite_utils.Database,
    *,
    at: datetime,
    actor: str,
    action: str,
    original: str = "",
    details: dict | None = None,
) -> None:
    """Append to the audit log: who did what, when, and the user's original message verbatim."""
    db["audit_log"].insert(
        {
            "at": at.isoformat(),
            "actor": actor,
            "action": action,
            "original": original,
            "details": json.dumps(details or {}, ensure_ascii=False),
        }
    )
