"""Getting the records store ready: leaders seeded from the corpus contact-point tables (once, when
the store has none), rules read from the parsed documents (bundled and uploaded, as the bot holds them). Shared by the CLI and the bot's start-up."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import sqlite_utils

from assistant.records.leaders import contact_tables, seed
from assistant.records.rules import Rules, rules_of
from assistant.storage.store import open_db
from corpus.library import load_corpus

log = logging.getLogger(__name__)


def ensure_leaders(db: sqlite_utils.Database, documents: Iterable | None, corpus_dir: Path, *,
                   now: datetime) -> int:
    """Seed leaders from the parsed corpus when the store has none. → number added."""
    if db["leaders"].count:
        return 0
    if documents is None:
        documents = load_corpus(corpus_dir).documents
    return seed(db, contact_tables(documents), now=now)


def prepare(db: sqlite_utils.Database, corpus_dir: str | Path, *, now: datetime,
            documents: Iterable | None = None) -> Rules:
    if documents is None:
        documents = load_corpus(Path(corpus_dir)).documents
    documents = tuple(documents)
    ensure_leaders(db, documents, Path(corpus_dir), now=now)
    return rules_of(documents)


def open_records(db_path: str | Path, corpus_dir: str | Path, *, now: datetime,
                 documents: Iterable | None = None) -> tuple[sqlite_utils.Database, Rules]:
    """The store (migrated, leaders seeded) and the rules: what every records entry point needs."""
    db = open_db(db_path)
    return db, prepare(db, corpus_dir, now=now, documents=documents)
