"""What went wrong lately in the running bot, for /status and `docbot status` (issue 20, item 5).

Two facts an operator cannot see from outside: whether the store refused a write (a full disk, a
read-only file or mount, a damaged page: every write is then answered "暂时无法保存…（未保存）" while
questions go on), and the last error any update or job ended with. The database thread records the
first and clears it at the next write that lands; the error handler records the second. The bot copies
a snapshot beside its heartbeat (bot/status.py) so `docbot status`, another process, shows it too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

_TEXT = 200  # characters of an error kept: enough to recognise it, never a whole update


class Health:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.unwritable: dict | None = None  # {"since": iso, "at": iso, "reason": str, "count": n}
        self.last_error: dict | None = None  # {"at": iso, "type": name, "text": str}

    def write_refused(self, reason: str, at: datetime) -> None:
        with self._lock:
            first = self.unwritable or {"since": at.isoformat(), "count": 0}
            self.unwritable = {**first, "at": at.isoformat(), "reason": reason[:_TEXT], "count": first["count"] + 1}

    def error(self, error: BaseException | None, at: datetime) -> None:
        if error is None:
            return
        with self._lock:
            self.last_error = {"at": at.isoformat(), "type": type(error).__name__, "text": str(error)[:_TEXT]}

    def watch_recovery(self, db: Any, call: Callable[[], Any]) -> Any:
        """Run ``call`` (on the database thread) and clear ``unwritable`` if it wrote something."""
        before = db.conn.total_changes
        result = call()
        if db.conn.total_changes != before:
            with self._lock:
                self.unwritable = None
        return result

    def snapshot(self) -> dict:
        with self._lock:
            return {"unwritable": self.unwritable, "last_error": self.last_error}
