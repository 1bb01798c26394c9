"""The contact-point table in the store is the one source of truth for questions and records.

Seeded from the documents' contact-point tables, edited by /assign (assistant/records/leaders.py);
questions read it through ``store_index`` (rebuilt by the caller only when the leaders' ``version`` moved,
which costs microseconds) and ``WithContacts``. Without a store (`docbot ask`
before any records command ran) the index stays the documents' own, which is what the store is
seeded from.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.documents.contact_tables import Assignment, ContactIndex, document_assignments, person_header
from assistant.documents.text_contacts import text_assignments
from assistant.records.leaders import Leader, column_kind, load_leaders
from assistant.records.leaders import version as leaders_version
from assistant.records.rules import KIND_NAMES
from corpus.model import Row

if TYPE_CHECKING:  # only the writable store (chat) is a sqlite-utils Database; `docbot ask` reads with sqlite3
    import sqlite_utils

def store_index(db: sqlite_utils.Database | sqlite3.Connection, knowledge) -> ContactIndex | None:
    """The contact index of the store's table; None when the store holds no leaders (not seeded yet)."""
    leaders = load_leaders(db) if leaders_version(db) else []
    if not leaders:
        return None
    documents = knowledge.corpus.documents
    # The store holds the visiting leaders' table; the people the text gives places stay the documents'.
    return ContactIndex(documents, store_assignments(document_assignments(documents), leaders)
                        + text_assignments(documents))


class WithContacts:
    """The knowledge as it is, except its contact index: the store's. A view, so the searcher, the unit
    index and the corpus stay shared (and nothing is mutated that other conversations read)."""

    def __init__(self, knowledge, contacts: ContactIndex):
        self._knowledge = knowledge
        self.contacts = contacts

    def __getattr__(self, name: str):
        return getattr(self._knowledge, name)


def store_assignments(from_documents: list[Assignment], leaders: list[Leader]) -> list[Assignment]:
    """The store's leaders as assignments. A leader whose points equal the document's row is cited by
    that row; an edited one by the row marked as adjusted (its text rebuilt from the store); one added
    with /assign by the store's table itself."""
    by_name = {a.leader.replace(" ", ""): a for a in from_documents}
    fallback = from_documents[0] if from_documents else None
    out: list[Assignment] = []
    for leader in leaders:
        base = by_name.get(leader.name.replace(" ", "")) or fallback
        if base is None:
            continue
        headers = {column_kind(h): h for h in base.table.headers if column_kind(h)}
        points = tuple((headers.get(p.kind, KIND_NAMES.get(p.kind, p.kind)), p.name) for p in leader.points)
        same_row = base.leader.replace(" ", "") == leader.name.replace(" ", "")
        if same_row and sorted(points) == sorted(base.points):
            out.append(base)
            continue
        grouped: dict[str, list[str]] = {}
        for h, name in points:
            grouped.setdefault(h, []).append(name)
        cells = ((person_header(base.table) or "区领导", leader.name), *((h, "、".join(v)) for h, v in grouped.items()))
        row = Row(number=base.row.number if same_row else 0, cells=cells)
        out.append(Assignment(base.document, base.table, row, leader.name, points,
                              note="联系点台账已调整" if same_row else ""))
    return out


class StoreContacts:
    """For one-process channels (`docbot chat`, `docbot ask`): the store's contact-point table when a
    store exists (the same source of truth as Telegram), re-read only when that table changed."""

    def __init__(self, db: sqlite_utils.Database | sqlite3.Connection | None):
        self._db = db
        self._cache: tuple = (None, None)

    @property
    def db(self) -> sqlite_utils.Database | None:
        """The store, for plug-ins that read it (records questions, informal notes); None without one
        or when only the contact table is read (``reading``)."""
        return self._db if not isinstance(self._db, sqlite3.Connection) else None

    @classmethod
    def at(cls, path) -> StoreContacts:

        if not Path(path).is_file():
            return cls(None)
        from assistant.storage.store import open_db  # sqlite-utils: only when the terminal opens the store

        return cls(open_db(path))

    @classmethod
    def reading(cls, path) -> StoreContacts:
        """Only the contact-point table, through a read-only stdlib connection: what a cold `docbot ask`
        needs. open_db would import sqlite-utils (and numpy) and check migrations, a third of a second
        on this machine, for a table it only reads. A store another version wrote without these tables
        reads as unseeded (its leaders' version is None), so the documents' own table answers."""

        path = Path(path)
        if not path.is_file():
            return cls(None)
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        except sqlite3.Error:
            return cls(None)
        return cls(conn)

    def knowledge(self, knowledge):
        if self._db is None:
            return knowledge
        key = leaders_version(self._db)
        if self._cache[0] != key:
            self._cache = (key, store_index(self._db, knowledge))
        return knowledge if self._cache[1] is None else WithContacts(knowledge, self._cache[1])
