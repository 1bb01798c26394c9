"""What handlers receive: the services (composed in bot/app.py) through a typed CallbackContext.

The services live in ``application.bot_data["services"]`` and are reached as ``context.services``;
no module holds them globally, so tests build as many applications as they like.
"""

from __future__ import annotations

import asyncio
import functools
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from assistant import inbox
from assistant.answers import Answer
from assistant.knowledge import Knowledge
from handlers.tokens import CallbackTokens


@dataclass
class Services:
    db: sqlite_utils.Database
    knowledge: Knowledge
    ask: Callable[[str, Knowledge], Answer]  # assistant.ask.ask
    item_text: Callable[[Knowledge, str, int], Answer]  # assistant.ask.item_text
    clock: Callable[[], datetime]
    admins: frozenset[int] = frozenset()
    corpus_dir: Path = Path("corpus")
    data_dir: Path = Path("data")
    reload_knowledge: Callable[[], Knowledge] | None = None  # blocking; rebuilds after an upload
    tokens: CallbackTokens = field(default_factory=CallbackTokens)
    # One thread owns the SQLite connection: writes never interleave and never block the event loop.
    db_executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="docbot-db"))

    _reader: sqlite_utils.Database | None = field(default=None, init=False, repr=False)

    def read(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """Run a small read ``fn(reader, ...)`` right here on the event loop, on its own connection.

        For per-update point lookups (the caller's role): WAL readers never wait for writers and a
        primary-key lookup takes microseconds, while a hop to a thread and back costs milliseconds
        on a busy loop (the GIL switch interval). Anything bigger goes through ``in_db``.
        """
        if self._reader is None:
            path = self.db.execute("PRAGMA database_list").fetchone()[2]
            if not path:  # an in-memory database has no second connection
                return fn(self.db, *args, **kwargs)
            conn = sqlite3.connect(Path(path).as_uri() + "?mode=ro", uri=True, check_same_thread=False, timeout=5)
            self._reader = sqlite_utils.Database(conn)
        return fn(self._reader, *args, **kwargs)

    async def in_db(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """Run ``fn(self.db, *args, **kwargs)`` on the database thread.

        While an update from the durable inbox is handled, each call is counted per function: a replay of
        the update gets a committed write's recorded result instead of writing twice (assistant.inbox.once).
        """
        loop = asyncio.get_running_loop()
        call = functools.partial(fn, self.db, *args, **kwargs)
        name = f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', type(fn).__name__)}"
        if step := inbox.next_step(name):
            call = functools.partial(inbox.once, self.db, *step, call, at=self.clock())
        return await loop.run_in_executor(self.db_executor, call)

    async def run(self, fn: Callable[..., Any], /, *args: Any) -> Any:
        """Run blocking core work in a worker thread."""
        return await asyncio.to_thread(fn, *args)

    async def answer(self, question: str) -> Answer:
        """Ask the core in a worker thread (free-text search may load an index or a model)."""
        return await asyncio.to_thread(self.ask, question, self.knowledge)

    async def refresh_knowledge(self) -> None:
        if self.reload_knowledge is not None:
            self.knowledge = await asyncio.to_thread(self.reload_knowledge)


class DocbotContext(CallbackContext[ExtBot, dict, dict, dict]):
    """CallbackContext with the services and the caller's role (set by handlers.gate)."""

    def __init__(self, application: Application, chat_id: int | None = None, user_id: int | None = None):
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.role: str | None = None

    @property
    def services(self) -> Services:
        return self.bot_data["services"]


CONTEXT_TYPES = ContextTypes(context=DocbotContext)
