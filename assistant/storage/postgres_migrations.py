"""Schema migrations applied to a PostgreSQL store: sqlite-utils' Migrations sets, recorded by name in
one table (sqlite-utils records them in SQLite only). Used by assistant/storage/backend.py for the store and by
assistant/operations/shared_inbox.py for the tables only several workers need."""

from __future__ import annotations

from datetime import UTC, datetime

MIGRATIONS_TABLE = "_docbot_migrations"

def migrate_postgres(db, migrations) -> list[str]:
    """Apply ``migrations`` (a sqlite_utils Migrations set) not yet recorded; → the names applied.
    An advisory lock keeps two workers starting at once from applying the same step twice."""
    applied = []
    with db.atomic():  # the store's write lock: one migrating worker at a time
        # inside the lock: two workers' concurrent "create table if not exists" can collide in PostgreSQL
        db.execute(f"create table if not exists {MIGRATIONS_TABLE} (migration_set text, name text, "
                   "applied_at text, primary key (migration_set, name))")
        done = {r["name"] for r in db.query(f"select name from {MIGRATIONS_TABLE} where migration_set = ?",  # noqa: S608
                                            [migrations.name])}
        for step in migrations._migrations:  # noqa: SLF001 - sqlite-utils keeps the ordered list here
            if step.name in done:
                continue
            with db.atomic():
                step.fn(db)
                db.execute(f"insert into {MIGRATIONS_TABLE} values (?, ?, ?)",  # noqa: S608
                           [migrations.name, step.name, datetime.now(UTC).isoformat()])
            applied.append(step.name)
    return applied
