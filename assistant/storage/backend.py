"""Which store, where: the embedded SQLite file (the default) or a shared PostgreSQL database.

Storage design (issue 18)
-------------------------
Every piece of the bot's durable state is a table in one store:

    area                 tables                                             written by
    audit                audit_log                                          assistant/storage/store.py audit()
    access               users, chats, admin_notices                        assistant/operations/access.py
    records              leaders, contact_points, leader_bindings, visits,  assistant/records/*
                         visit_points, rectifications, pending_notes
                         (drafts), visit_photos, unit_subscriptions
    calendar             holidays                                           assistant/records/holidays.py
    reminders            sent_reminders (key = person + digest + period)    assistant/records/state.py
    conversation         conversation_context, answer_context              assistant/conversation/context.py
    inbox effects        inbox_effects                                      assistant/operations/inbox.py once()
    inbox, buttons       inbox, callback_tokens (SQLite: inbox.sqlite3)     assistant/operations/inbox.py, handlers/tokens.py
    shared inbox         shared_inbox, shared_inbox_attempts (PostgreSQL)   assistant/operations/shared_inbox.py
    scheduler            (an advisory lock, no table)                       assistant/operations/shared_inbox.py
    uploaded documents   documents (name, text, version)                    assistant/operations/shared_inbox.py
    upload previews      staged_uploads (until 确认 / 取消)                  assistant/documents/uploads.py
    outbox (shared)      outbox, each row with its owner worker (PostgreSQL) assistant/operations/outbox.py,
                                                                            assistant/operations/shared_outbox.py

The interface is the one the code already speaks: sqlite-utils' ``Database`` (``execute``, ``query``,
``atomic``, ``db["table"].insert/upsert/update/get/rows_where…``) with SQLite's SQL. The SQLite backend
is sqlite-utils itself (assistant/storage/store.py ``Store``); the PostgreSQL backend (assistant/storage/postgres.py
``PgStore``) implements that slice over a psycopg 3 pool and translates the few SQLite-only spellings.
One adapter keeps every records module unchanged; Protocols per concern would have meant rewriting
each module's SQL twice. The numbered migrations (assistant/migrations/) are the one schema
definition: they call ``db["t"].create(...)``, which each backend turns into its own DDL.

Choosing: ``DOCBOT_DATABASE_URL`` unset or ``sqlite:///path`` → SQLite (default: data/docbot.sqlite3);
``postgresql://user:pass@host/db`` → PostgreSQL. ``docbot migrate`` applies migrations; ``docbot migrate
--from sqlite:///… --to postgresql://…`` copies a store; ``docbot backup`` uses SQLite's online backup
or pg_dump. Deployment: docs/deploy.md.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from assistant.storage.postgres_migrations import MIGRATIONS_TABLE, migrate_postgres
from assistant.storage.schema import MIGRATIONS, load_migrations

# Tables that are not data: never copied (each backend keeps its own migration record).
_NOT_DATA = {"_sqlite_migrations", MIGRATIONS_TABLE}


def is_postgres(target) -> bool:
    return isinstance(target, str) and target.split("://", 1)[0] in ("postgresql", "postgres")


def sqlite_path(url: str) -> Path:
    """``sqlite:///relative/path`` or ``sqlite:////absolute/path`` → the path."""
    if not url.startswith("sqlite:///"):
        raise ValueError(f"不是 sqlite:/// 或 postgresql:// 地址：{url}")
    return Path(url[len("sqlite:///"):])


def resolve(url: str | None, default_path: Path) -> str | Path:
    """What ``open_db`` takes for a DOCBOT_DATABASE_URL: a PostgreSQL URL, or a SQLite file path."""
    url = (url or "").strip()
    if not url:
        return default_path
    if is_postgres(url):
        return url
    return sqlite_path(url)


def open_postgres(url: str):
    """A PgStore with every migration applied (each in its own transaction, recorded by name)."""
    from assistant.operations import shared_inbox  # lazy: psycopg, PostgreSQL only
    from assistant.storage.postgres import PgStore  # lazy: psycopg, PostgreSQL only

    db = PgStore(url)
    load_migrations()
    migrate_postgres(db, MIGRATIONS)
    shared_inbox.migrate(db)  # the tables only several workers need: shared inbox, tokens, documents, outbox
    return db




def copy_store(source, target) -> dict[str, int]:
    """Copy every data table of ``source`` into ``target`` (both opened and migrated; the target's
    tables must be empty). → rows copied per table. Identity sequences follow the copied ids."""
    from assistant.storage.postgres import PgStore  # lazy: psycopg, PostgreSQL only

    counts = {}
    with target.atomic():
        for table in source.table_names():
            if table in _NOT_DATA or table.startswith("sqlite_") or table not in target.table_names():
                continue
            if target[table].count:
                raise ValueError(f"目标库的表 {table} 已有数据，未复制（请使用空的目标库）")
            rows = list(source[table].rows)
            target[table].insert_all(rows)
            counts[table] = len(rows)
            if isinstance(target, PgStore) and rows and "id" in rows[0] and target.pk(table) == ("id",):
                target.execute(f"select setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                               f"(select max(id) from {table}))")
    return counts


def backup_postgres(url: str, out: Path) -> None:
    """pg_dump in its custom format (restore with pg_restore); raises OSError/CalledProcessError."""
    dump = shutil.which("pg_dump") or next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))), None)
    if dump is None:
        raise OSError("找不到 pg_dump（请安装 postgresql-client）")
    subprocess.run([str(dump), "--format=custom", f"--file={out}", f"--dbname={url}"],  # noqa: S603
                   check=True, capture_output=True, timeout=3600)
