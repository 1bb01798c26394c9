"""The outbox on a shared PostgreSQL store (issue 18): which worker sends which waiting message.

Every row of the shared ``outbox`` table (migration ``002_outbox`` in assistant/operations/shared_inbox.py) names
its ``owner``: a random key whose session-level advisory lock the worker that wrote the row holds for
as long as it lives (``Owner``). Only the owner sends its rows, so two live workers never send the same
message. A worker that dies (SIGKILL, a lost machine) loses its session and with it the lock; its
waiting rows are then orphans, and the next worker to look (``adopt_orphans``, every few seconds, and
``adopt`` when a replayed update finds its reply waiting) makes them its own in one UPDATE — whichever
worker's UPDATE comes first wins a row, the other's re-checked condition no longer holds.

Exactly once then rests on the same keys as on SQLite (assistant/operations/outbox.py): a replayed update finds
the replies it sent by (``u<update_id>``, n), sent ones are not sent again. The one window left is a
send Telegram accepted in the instant before its worker died (no idempotency key at Telegram).
"""

from __future__ import annotations

import logging
import secrets

from assistant.operations.outbox import Message

log = logging.getLogger(__name__)

# An advisory lock named by one bigint is listed in pg_locks as classid (high 32 bits), objid (low 32
# bits), objsubid 1. Keys are kept below 2**31 in both halves so those oids read back unsigned as given.
_ORPHAN = ("not exists (select 1 from pg_locks l where l.locktype = 'advisory' and l.granted "
           "and l.objsubid = 1 and l.database = (select oid from pg_database where datname = current_database()) "
           "and l.classid::bigint = (o.owner >> 32) and l.objid::bigint = (o.owner & 2147483647))")


def new_key() -> int:
    return (secrets.randbelow(2**31 - 1) + 1) << 32 | secrets.randbelow(2**31)


class Owner:
    """This worker, as the sender of its outbox rows: alive while its advisory lock is held."""

    def __init__(self, url: str, key: int | None = None):
        self.url, self.key, self._conn = url, key or new_key(), None

    def hold(self) -> None:
        """Take (or check) the lock on a connection of its own; reconnects after a lost session."""
        import psycopg

        try:
            if self._conn is not None and not self._conn.closed:
                self._conn.execute("select 1")
                return
        except psycopg.Error:
            log.warning("outbox owner session lost; taking the lock again", exc_info=True)
        self.close()
        self._conn = psycopg.connect(self.url, autocommit=True)
        self._conn.execute("select pg_advisory_lock(%s)", [self.key])

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def adopt_orphans(db, owner: int) -> list[Message]:
    """Make every waiting row whose owner is gone ours. → those rows, oldest first."""
    rows = db.query(f"update outbox o set owner = ? where status = 'pending' and owner != ? and {_ORPHAN} "  # noqa: S608
                    "returning *", [owner, owner])
    return sorted((Message.from_row(r) for r in rows), key=lambda m: m.id)


def adopt(db, message_id: int, owner: int) -> bool:
    """The waiting row ``message_id`` is ours now (it was, or its owner is gone): True; False when a
    live worker owns it (it sends it) or it is no longer waiting."""
    return bool(db.execute(f"update outbox o set owner = ? where id = ? and status = 'pending' "  # noqa: S608
                           f"and (owner = ? or {_ORPHAN})", [owner, message_id, owner]).rowcount)
