"""Short callback tokens mapped server-side to what a button does.

Telegram allows 64 bytes of callback data and anyone can send any bytes, so a button carries only
``<action>:<token>``; the token names a server-side payload bound to the chat it was sent to. A token
that is unknown (forged, or issued before a restart) or used in another chat is simply not found.
"""

from __future__ import annotations

import re
import secrets
from collections import OrderedDict
from typing import Any

DATA_RE = re.compile(r"^([a-z_]{1,16}):([A-Za-z0-9_-]{8,16})$")


class CallbackTokens:
    def __init__(self, capacity: int = 20_000):
        self._capacity = capacity
        self._items: OrderedDict[str, tuple[str, int, Any]] = OrderedDict()

    def issue(self, action: str, chat_id: int, payload: Any) -> str:
        """Callback data for a button: ``action:token``."""
        token = secrets.token_urlsafe(8)  # 11 characters, 64 random bits
        self._items[token] = (action, chat_id, payload)
        while len(self._items) > self._capacity:  # oldest buttons expire first
            self._items.popitem(last=False)
        return f"{action}:{token}"

    def resolve(self, data: str | None, chat_id: int | None) -> tuple[str, Any] | None:
        """(action, payload) for valid, known data pressed in the chat it was issued to; else None."""
        match = DATA_RE.match(data or "")
        if not match:
            return None
        entry = self._items.get(match.group(2))
        if entry is None or entry[0] != match.group(1) or entry[1] != chat_id:
            return None
        return entry[0], entry[2]

    def discard(self, data: str) -> None:
        match = DATA_RE.match(data or "")
        if match:
            self._items.pop(match.group(2), None)
