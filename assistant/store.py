"""The SQLite store: one file under the data directory, opened through sqlite-utils.

Schema changes are numbered migrations (``assistant/migrations/mNNN_*.py``), applied in file-name
order on every open, so an old data file is upgraded in place and a new one is created complete.
Number ranges keep areas apart: 001-009 base, 010-019 access control, 020-039 records/reminders, 040-049 conversation, 050-059 inbox/ops.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import pkgutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

MIGRATIONS = Migrations("docbot")
_loaded = False


def _load_migrations() -> None:
    """Import every migration module once, in file-name order (which is the migration order)."""
    global _loaded
    if _loaded:
        return
    from assistant import migrations as pkg

    for mod in sorted(m.name for m in pkgutil.iter_modules(pkg.__path__)):
        if mod.startswith("m") and mod[1:4].isdigit():
            importlib.import_module(f"assistant.migrations.{mod}")
    _loaded = True


class Store(sqlite_utils.Database):
    """sqlite-utils' Database whose outermost ``atomic()`` begins IMMEDIATE.

    sqlite-utils begins a deferred transaction: it reads first and asks for the write lock at its first
    write. In WAL mode, if another connection (the bot's writer thread, a `docbot assign` in another
    process) committed in between, that upgrade fails at once with "database is locked" — the busy
    timeout does not apply to a stale snapshot. Taking the write lock at BEGIN makes the other writer
    wait its turn instead (busy_timeout)."""

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
    """Open (creating if needed) the store at ``path`` with WAL and all migrations applied.

    ``check_same_thread=False`` because the bot does blocking writes in a worker thread
    (``asyncio.to_thread``); group writes with ``db.atomic()`` (sqlite-utils 4: one transaction, nested
    blocks become savepoints) so a change lands whole or not at all.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    db = Store(conn)
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 30000")
    _load_migrations()
    MIGRATIONS.apply(db)
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
