"""The store's schema: one set of numbered migrations (assistant/storage/migrations/mNNN_*.py) applied to SQLite
by sqlite-utils and to PostgreSQL by assistant/storage/postgres_migrations.py."""

from __future__ import annotations

import importlib
import pkgutil

from sqlite_utils import Migrations

from assistant.storage import migrations as pkg

MIGRATIONS = Migrations("docbot")
_loaded = False


def load_migrations() -> None:
    """Import every migration module once, in file-name order (which is the migration order)."""
    global _loaded
    if _loaded:
        return

    for mod in sorted(m.name for m in pkgutil.iter_modules(pkg.__path__)):
        if mod.startswith("m") and mod[1:4].isdigit():
            importlib.import_module(f"assistant.storage.migrations.{mod}")
    _loaded = True
