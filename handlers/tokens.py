"""Short callback tokens mapped server-side to what a button does, who may press it, and where.

Telegram allows 64 bytes of callback data and anyone can send any bytes, so a button carries only
``<action>:<token>``; the token names a server-side payload bound to the chat it was sent to, and
optionally to the one user who may press it (``owner``) and a role the presser must hold at the moment
of the press (``role``: checked against the role the gate just looked up, so a demoted or removed
user's old buttons stop working). A token that is unknown (forged, expired) or used in another chat is
simply not found.

Tokens live in memory and, once ``persist_to`` a database (the inbox file, bot/inbox.py), also there:
a restart does not kill the buttons under pending drafts. Payloads that are not JSON stay in memory.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from assistant.operations import inbox

log = logging.getLogger(__name__)
_INSERT = "INSERT OR REPLACE INTO callback_tokens VALUES (?, ?, ?, ?, ?, ?, ?)"
DATA_RE = re.compile(r"^([a-z_]{1,16}):([A-Za-z0-9_-]{8,16})$")
KEEP = timedelta(days=30)  # stored buttons older than this are forgotten at start-up


@dataclass(frozen=True)
class Token:
    action: str
    chat_id: int
    payload: Any
    owner: int = 0  # 0: anyone in the chat may press it
    role: str = ""  # "": no role needed (beyond being let in by the gate)


class CallbackTokens:
    def __init__(self, capacity: int = 20_000):
        self._capacity = capacity
        self._items: OrderedDict[str, Token] = OrderedDict()
        self._db: sqlite_utils.Database | None = None
        self._clock: Callable[[], datetime] | None = None

    def persist_to(self, db: sqlite_utils.Database, clock: Callable[[], datetime]) -> None:
        """Keep tokens in ``db`` too (table callback_tokens: assistant/operations/inbox.py); forget ones older than KEEP."""
        self._db, self._clock = db, clock
        self.prune()

    def prune(self) -> None:
        """Forget stored tokens older than KEEP (at start-up, and hourly while running)."""
        if self._db is not None:
            self._db.execute("DELETE FROM callback_tokens WHERE created_at < ?", [(self._clock() - KEEP).isoformat()])

    def issue(self, action: str, chat_id: int, payload: Any, *, owner: int = 0, role: str = "") -> str:
        """Callback data for a button: ``action:token``."""
        token = secrets.token_urlsafe(8)  # 11 characters, 64 random bits
        self._items[token] = Token(action, chat_id, payload, owner, role)
        while len(self._items) > self._capacity:  # oldest buttons expire first (in memory)
            self._items.popitem(last=False)
        if self._db is not None:
            self._store(token, self._items[token])
        return f"{action}:{token}"

    def _store(self, token: str, entry: Token) -> None:
        """Written with the first message sent after it (bot/outbox.py) or the update's done mark,
        whichever comes first, when issued while handling one; right away otherwise."""
        try:
            payload = json.dumps(entry.payload, ensure_ascii=False)
        except TypeError:
            return  # e.g. an upload preview: lives as long as the process, as before
        write = (_INSERT, (token, entry.action, entry.chat_id, entry.owner, entry.role, payload,
                           self._clock().isoformat()))
        if (handling := inbox.current()) is not None:
            handling.later.append(write)
        else:
            self._db.execute(*write)

    def lookup(self, data: str | None, chat_id: int | None) -> Token | None:
        """The token behind valid, known data pressed in the chat it was issued to; else None."""
        match = DATA_RE.match(data or "")
        if not match:
            return None
        entry = self._items.get(match.group(2)) or self._load(match.group(2))
        if entry is None or entry.action != match.group(1) or entry.chat_id != chat_id:
            return None
        return entry

    def _load(self, token: str) -> Token | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT action, chat_id, payload, owner, role FROM callback_tokens WHERE token = ?",
                               [token]).fetchone()
        if row is None:
            return None
        entry = Token(row[0], row[1], json.loads(row[2]), row[3], row[4])
        self._items[token] = entry
        return entry

    def resolve(self, data: str | None, chat_id: int | None) -> tuple[str, Any] | None:
        """(action, payload) for valid, known data pressed in the chat it was issued to; else None."""
        entry = self.lookup(data, chat_id)
        return None if entry is None else (entry.action, entry.payload)

    def discard(self, data: str) -> None:
        match = DATA_RE.match(data or "")
        if match:
            self._items.pop(match.group(2), None)
            if self._db is not None:
                self._db.execute("DELETE FROM callback_tokens WHERE token = ?", [match.group(2)])
