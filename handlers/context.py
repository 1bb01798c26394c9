"""What handlers receive: the services (composed in bot/app.py) through a typed CallbackContext.

The services live in ``application.bot_data["services"]`` and are reached as ``context.services``;
no module holds them globally, so tests build as many applications as they like.
"""

from __future__ import annotations

import asyncio
import functools
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from assistant.conversation import context as conversation
from assistant.conversation.context import Context
from assistant.documents.knowledge import Knowledge
from assistant.operations import inbox
from assistant.operations.health import Health
from assistant.questions.answer import Answer
from assistant.questions.frames import Frame
from assistant.questions.router import Router, Turn
from assistant.records.contact_source import WithContacts, store_index
from assistant.records.leaders import version
from assistant.storage import store
from handlers.tokens import CallbackTokens

# How long a conversation step may wait in memory before it is stored. The next message reads the copy in
# memory, so only a crash within this window loses a step (the follow-up then starts afresh).
CONTEXT_FLUSH_DELAY = 0.05


@dataclass
class Services:
    db: sqlite_utils.Database
    knowledge: Knowledge
    router: Router  # assistant.questions.router.build_router(): every message is routed through it
    item_text: Callable[[Knowledge, str, int], Answer]  # assistant.questions.ask.item_text
    clock: Callable[[], datetime]
    admins: frozenset[int] = frozenset()
    corpus_dir: Path = Path("corpus")
    data_dir: Path = Path("data")
    reload_knowledge: Callable[[], Knowledge] | None = None  # blocking; rebuilds after an upload
    tokens: CallbackTokens = field(default_factory=CallbackTokens)
    health: Health = field(default_factory=Health)  # store refusing writes, last error: /status
    context_ttl: timedelta = conversation.DEFAULT_TTL  # DOCBOT_CONTEXT_MINUTES
    # Several workers share the store (bot/shared_worker.py): a chat's next message may reach another
    # worker, so contexts are read from the store and written before the update counts as done.
    shared: bool = False
    # One thread owns the SQLite connection: writes never interleave and never block the event loop.
    db_executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="docbot-db"))

    _reader: sqlite_utils.Database | None = field(default=None, init=False, repr=False)
    _contacts: tuple[Any, Any] = field(default=(None, None), init=False, repr=False)  # (key, index)
    _leaders_checked: tuple[float, Any] = field(default=(float("-inf"), None), init=False, repr=False)
    # Write-through copies of the stored contexts: the store is written off the reply's path, and the
    # next message must not depend on that write having landed (LRU-bounded).
    _recent: OrderedDict = field(default_factory=OrderedDict, init=False, repr=False)
    # Contexts waiting to be stored, latest per (chat, user), written CONTEXT_FLUSH_DELAY after the first
    # of them: under load one transaction stores many conversations' steps (a commit, an fsync and a
    # thread hop per batch rather than per message: ~1.3 ms of CPU per question at 32 users).
    _unsaved: dict = field(default_factory=dict, init=False, repr=False)
    _unsaved_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _flush_pending: bool = field(default=False, init=False, repr=False)
    _flush_loop: asyncio.AbstractEventLoop | None = field(default=None, init=False, repr=False)
    # how long the first waiting step waits for others (a test holds it open to batch a known set of steps)
    context_flush_delay: float = field(default=CONTEXT_FLUSH_DELAY, repr=False)

    def read(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """Run a small read ``fn(reader, ...)`` right here on the event loop, on its own connection.

        For per-update point lookups (the caller's role): WAL readers never wait for writers and a
        primary-key lookup takes microseconds, while a hop to a thread and back costs milliseconds
        on a busy loop (the GIL switch interval). Anything bigger goes through ``in_db``.
        """
        if self.shared or getattr(self.db, "dialect", "sqlite") != "sqlite":  # PostgreSQL: its own pool
            return fn(self.db, *args, **kwargs)
        if self._reader is None:
            path = self.db.execute("PRAGMA database_list").fetchone()[2]
            if not path:  # an in-memory database has no second connection
                return fn(self.db, *args, **kwargs)
            conn = sqlite3.connect(Path(path).as_uri() + "?mode=ro", uri=True, check_same_thread=False, timeout=5)
            self._reader = sqlite_utils.Database(conn)
        return fn(self._reader, *args, **kwargs)

    async def in_db(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """Run ``fn(self.db, *args, **kwargs)`` on the database thread.

        A store that cannot be written now (disk full, read-only) raises ``store.StoreUnwritable``: the
        user is told "暂时无法保存，请稍后再试（未保存）", not "出错了"; reads and answers go on.

        While an update from the durable inbox is handled, each call is counted per function: a replay of
        the update gets a committed write's recorded result instead of writing twice (assistant.operations.inbox.once).
        """
        loop = asyncio.get_running_loop()
        call = functools.partial(fn, self.db, *args, **kwargs)
        name = f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', type(fn).__name__)}"
        if step := inbox.next_step(name):
            call = functools.partial(inbox.once, self.db, *step, call, at=self.clock())
        if self.health.unwritable:  # /status says "cannot write" until a write lands again
            call = functools.partial(self.health.watch_recovery, self.db, call)
        try:
            return await loop.run_in_executor(self.db_executor, call)
        except Exception as e:  # sqlite3.Error, or psycopg's on a shared PostgreSQL store
            if store.unwritable(e) or store.corrupt(e):
                self.health.write_refused(f"{getattr(e, 'sqlite_errorname', '')}: {e}", self.clock())
            if store.unwritable(e):  # disk full, read-only: the write's transaction rolled back whole
                raise store.StoreUnwritable(f"{name}: {e}") from e
            if store.corrupt(e):  # a page damaged since the start: say so, the admin restores a backup
                raise store.StoreUnwritable(f"{name}: {e}", store.DAMAGED_REPLY) from e
            raise

    async def run(self, fn: Callable[..., Any], /, *args: Any) -> Any:
        """Run blocking core work in a worker thread."""
        return await asyncio.to_thread(fn, *args)

    async def answer(self, question: str) -> Answer:
        """A question on its own, outside any conversation and records (the 不是 button's "answer it as
        a question"), in a worker thread (free-text search may load an index or a model)."""
        return (await asyncio.to_thread(self.router.route, Turn(question, self.knowledge)))[0]

    async def converse(self, question: str, chat_id: int, user_id: int, *, reply_to: int | None = None,
                       role: str | None = None, notes_answered: bool = False,
                       **records: Any) -> tuple[Frame | None, Answer | None, Context]:
        """Route a message in the conversation of (chat, user), or of the bot answer ``reply_to`` replies to.

        → (frame, answer, next context). A visit note (frame kind "note") is not answered here (answer
        None) unless ``notes_answered``: Telegram's records flow takes it. ``records``: the records services for the turn (rules,
        leaders, draft, page, now in local time). The context is read on the loop (a primary-key lookup),
        the message routed in a worker thread, the new context written on the database thread.
        """
        now = records.pop("now", None) or self.clock()
        context = self._context(chat_id, user_id, reply_to, now)
        turn = Turn(question, self.knowledge_with_store_contacts(), context, db=self.db, now=now, role=role,
                    chat_id=chat_id, user_id=user_id, **records)
        frame, answer, after = await asyncio.to_thread(self._route, turn, notes_answered)
        if answer is None:
            return frame, None, context
        changed = after != context or ("u", chat_id, user_id) not in self._recent
        if self.shared:
            await self.in_db(conversation.save, chat_id, user_id, after, now=now)
            return frame, answer, after
        self._keep(("u", chat_id, user_id), now, after)
        if changed:  # written off the reply's path; the copy in memory serves the next message
            self._save_later(chat_id, user_id, after, now)
        return frame, answer, after

    def _save_later(self, chat_id: int, user_id: int, context: Context, now: datetime) -> None:
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script): at once
            loop = None
        with self._unsaved_lock:
            self._unsaved[(chat_id, user_id)] = (context, now)
            planned = self._flush_pending and (self._flush_loop is None or not self._flush_loop.is_closed())
            if planned:  # the flush already planned will take this one too
                return
            self._flush_pending, self._flush_loop = True, loop  # (a timer on a closed loop never fires)
        if loop is None:
            self._submit_flush()
        else:
            loop.call_later(self.context_flush_delay, self._submit_flush)

    def _submit_flush(self) -> None:
        try:
            self.db_executor.submit(self._flush_contexts)
        except RuntimeError:  # shut down meanwhile: close() flushed what was queued
            pass

    def _flush_contexts(self) -> None:
        """On the database thread: store every context queued since the last flush, in one transaction."""
        with self._unsaved_lock:
            rows, self._unsaved, self._flush_pending = self._unsaved, {}, False
        if rows:
            conversation.save_many(self.db, [(c, u, ctx, now) for (c, u), (ctx, now) in rows.items()])

    def _route(self, turn: Turn, notes_answered: bool) -> tuple[Frame | None, Answer | None, Context]:
        frame = self.router.recognise(turn)
        if frame.kind == "note" and not notes_answered:
            return frame, None, turn.context
        return (frame, *self.router.answer(turn, frame))

    def knowledge_with_store_contacts(self) -> Any:
        """The knowledge, its contact points read from the store's table (one source of truth: an /assign
        shows in the next answer); the index is rebuilt only when that table changed."""
        key = (id(self.knowledge), self.leaders_version())
        if self._contacts[0] != key:
            self._contacts = (key, self.read(store_index, self.knowledge))
        index = self._contacts[1]
        return self.knowledge if index is None else WithContacts(self.knowledge, index)

    def leaders_version(self) -> tuple | None:
        """The leaders' fingerprint (assistant.records.leaders.version), read at most once per
        LEADERS_RECHECK: a plain message asks for it twice (records' note check, then the contact index)
        and the read, microseconds by itself, waits for the GIL behind the worker threads."""
        now = time.monotonic()
        if now - self._leaders_checked[0] > LEADERS_RECHECK:
            self._leaders_checked = (now, self.read(version))
        return self._leaders_checked[1]

    async def remember_answer(self, chat_id: int, message_id: int, context: Context) -> None:
        """Keep an answer message's context, so replies to it continue that answer (groups)."""
        now = self.clock()
        if self.shared:
            await self.in_db(conversation.remember_answer, chat_id, message_id, context, now=now)
            return
        self._keep(("m", chat_id, message_id), now, context)
        self.db_executor.submit(conversation.remember_answer, self.db, chat_id, message_id, context, now=now)

    def _keep(self, key: tuple, now: datetime, context: Context) -> None:
        self._recent[key] = (now, context)
        self._recent.move_to_end(key)
        while len(self._recent) > RECENT_CONTEXTS:
            self._recent.popitem(last=False)

    def _context(self, chat_id: int, user_id: int, reply_to: int | None, now: datetime) -> Context:
        """The replied-to answer's context, else this user's if fresh: memory first, then the store."""
        if self.shared:
            return self.read(conversation.load, chat_id, user_id, now=now, ttl=self.context_ttl, reply_to=reply_to)
        if reply_to is not None and (hit := self._recent.get(("m", chat_id, reply_to))):
            return hit[1]
        if reply_to is None and (hit := self._recent.get(("u", chat_id, user_id))):
            return hit[1] if now - hit[0] <= self.context_ttl else conversation.EMPTY
        return self.read(conversation.load, chat_id, user_id, now=now, ttl=self.context_ttl, reply_to=reply_to)

    def close(self) -> None:
        """Store the contexts still queued, then stop the database thread (blocking: at shutdown)."""
        self._submit_flush()
        self.db_executor.shutdown(wait=True)

    async def refresh_knowledge(self) -> None:
        if self.reload_knowledge is not None:
            self.knowledge = await asyncio.to_thread(self.reload_knowledge)


RECENT_CONTEXTS = 10_000  # conversations kept in memory besides the store
# How old a read of the leaders' fingerprint may be: far below the time between an /assign's reply and
# anyone's next message, so an edit always shows in the next answer.
LEADERS_RECHECK = 0.005


class DocbotContext(CallbackContext[ExtBot, dict, dict, dict]):
    """CallbackContext with the services and the caller's role (set by handlers.gate)."""

    def __init__(self, application: Application, chat_id: int | None = None, user_id: int | None = None):
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.role: str | None = None

    @property
    def services(self) -> Services:
        return self.bot_data["services"]


CONTEXT_TYPES = ContextTypes(context=DocbotContext)
