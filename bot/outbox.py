"""The outbox, the sending side (storage: assistant/operations/outbox.py): every message is written before it is
sent, sent at once when Telegram takes it, and otherwise sent later from the outbox — nothing a
handler or a job sends is lost to a 429, a 5xx or a kill, and nothing is sent twice by a replay.

``OutboxRequest`` is the Bot's request object, so every ``sendMessage`` / edit made anywhere (handlers,
the error handler, jobs, the replay's apologies) passes here without the callers knowing:

1. the message is written under its key (``assistant.operations.outbox.next_key``: the update and its n-th send).
   A key written before — the update is being replayed after a kill — is not sent again: the stored
   answer is returned (or, still waiting, it stays with the sender below);
2. sent at once (``RetryingRequest`` already retried 5xx and lost connections a few times; a short
   ``retry_after`` is waited out here);
3. Telegram took it → marked sent with its answer. Telegram refused it for good (400, 403) → given up
   with the reason logged, and the caller sees the error as before. The answer was lost after sending
   (a read timeout) → given up as "maybe delivered": it most likely was, so neither a second copy nor
   "出错了" follows (the caller gets a stand-in answer). Anything worth repeating
   (a long ``retry_after``, 5xx or a connection that failed through all the quick retries) → the message
   stays in the outbox, the caller gets a stand-in answer (message_id 0) and carries on, and the
   chat's sender delivers it later.

One sender task per chat with waiting messages, in order; a later message for that chat queues behind
them (per-chat order), other chats are not held up. A ``retry_after`` of any length is waited out,
5xx back off exponentially up to ``MAX_BACKOFF``, and after ``MAX_TRIES`` failed tries or
``GIVE_UP_AFTER`` the message is given up with the reason logged. Waiting messages are resumed at
start-up (post_init, before the replay) and survive any kill; a message in flight at a kill is sent
again (at least once: Telegram has no idempotency key to ask whether it arrived).

Files (``sendDocument``: /export; ``sendPhoto``: /report's chart) are messages like the others: their bytes are kept in the
row (base64) so the sender can post them again. ``answerCallbackQuery`` is keyed the same way, so a
replayed button press does not answer the press twice, but it is tried once only (the query expires
in seconds): a failure is logged and given up, never raised — a press whose record was saved is not
followed by "出错了" because the spinner could not be stopped.

Several workers on PostgreSQL (issue 18): the rows are in the shared store and each row has an
``owner``, the worker that wrote it (``assistant.operations.shared_outbox.Owner``: a key whose session advisory
lock the worker holds while it lives). Only the owner sends a row; rows of a worker that died (its lock
is gone) are adopted by the next worker that looks (every ``ADOPT_EVERY_S``), one worker winning each
row. A replayed update on another worker finds its replies by key as on SQLite: sent ones are not sent
again, and a waiting one is left to its owner or adopted. Database calls then run in a thread.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import sqlite3
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from telegram import InputFile
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from assistant.operations import inbox, shared_outbox
from assistant.operations import outbox as store
from bot.retrying_request import _NEVER_SENT, RetryingRequest

log = logging.getLogger(__name__)
DURABLE = frozenset({"sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument", "sendPhoto"})
ONCE = frozenset({"answerCallbackQuery"})  # keyed (a replay does not repeat it), one try, never raises
FILES = "__files__"  # the params key holding a send's files (base64)
ADOPT_EVERY_S = 2.0  # shared mode: how often a worker looks for messages of workers that died
INLINE_FLOOD_WAIT = 5.0  # a longer retry_after is waited out by the chat's sender, not the handler
MAX_BACKOFF = 300.0
MAX_TRIES = 12  # failed tries (5xx, connection) before a message is given up; 429s do not count
GIVE_UP_AFTER = timedelta(days=1)


def _retry_later(err: TelegramError) -> bool:
    """Worth sending again later: 5xx and connections that failed before anything was sent. Not: a
    refusal (4xx) or a timeout after sending (Telegram may have delivered it)."""
    if isinstance(err, TimedOut):
        return isinstance(err.__cause__, _NEVER_SENT)
    return type(err) is NetworkError  # 5xx and dropped connections; its subclasses are refusals


def _stand_in(method: str, params: dict, now: datetime) -> object:
    """What the caller gets for a message that will be sent later."""
    if not method.startswith("send"):
        return True
    chat = str(params.get("chat_id", "0"))
    chat_id = int(chat) if chat.lstrip("-").isdigit() else 0
    return {"message_id": 0, "date": int(now.timestamp()), "text": params.get("text", ""),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}}


def storable(data: RequestData) -> dict:
    """A send's parameters as JSON, its files included (bytes as base64)."""
    params = dict(data.parameters)
    files = []
    for param in data._parameters:  # noqa: SLF001 - the files are only reachable here
        for f in param.input_files or ():
            content = f.input_file_content
            raw = content if isinstance(content, bytes) else content.read()
            if not isinstance(content, bytes) and content.seekable():
                content.seek(0)  # the first try reads it again
            files.append({"param": param.name, "value": param.value, "attach": f.attach_name,
                          "filename": f.filename, "b64": base64.b64encode(raw).decode("ascii")})
    if files:
        params[FILES] = files
    return params


def request_data(params: dict) -> RequestData:
    """The stored parameters back as what the request object posts (files included)."""
    files = params.get(FILES) or []
    plain = [RequestParameter(k, v, None) for k, v in params.items() if k != FILES]
    by_param: dict[str, list] = {}
    for f in files:
        got = InputFile(base64.b64decode(f["b64"]), filename=f["filename"])
        got.attach_name = f["attach"]
        by_param.setdefault(f["param"], [f["value"], []])[1].append(got)
    plain = [p for p in plain if p.name not in by_param]
    return RequestData(plain + [RequestParameter(k, v, fs) for k, (v, fs) in by_param.items()])


def _store_errors() -> tuple[type[BaseException], ...]:
    errors: tuple[type[BaseException], ...] = (sqlite3.Error, UnicodeEncodeError)
    try:
        import psycopg
    except ImportError:
        return errors
    return (*errors, psycopg.Error)


STORE_ERRORS = _store_errors()


class Outbox:
    def __init__(self, db, clock: Callable[[], datetime], request: OutboxRequest, *, backoff: float = 1.0,
                 owner=None):
        self.db, self.clock, self.request, self.backoff = db, clock, request, backoff
        self.owner = owner  # shared mode: assistant.operations.shared_outbox.Owner (whose rows this worker sends)
        self.base_url = ""  # the Bot API's URL with the token, from the bot (start) or the first send
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep  # tests watch the waits
        self._queues: dict[str, deque[list]] = {}  # chat → [message id, not before (loop time)]
        self._tasks: dict[str, asyncio.Task] = {}
        self._queued: set[int] = set()
        self._store_failing = False
        self._adopting: asyncio.Task | None = None

    async def _db(self, fn, *args, **kwargs):
        """A store call: inline on SQLite (the inbox file is the loop's), in a thread on PostgreSQL."""
        if self.owner is None:
            return fn(self.db, *args, **kwargs)
        return await asyncio.to_thread(fn, self.db, *args, **kwargs)

    def _mine(self, msg: store.Message) -> bool:
        return self.owner is None or msg.owner == self.owner.key

    # ---- the path of every send ----------------------------------------------------------------
    async def send(self, url: str, method: str, data: RequestData, now: Callable[[], Awaitable[object]]):
        self.base_url = url.rsplit("/", 1)[0]
        params = storable(data)
        try:
            handling = inbox.current()
            msg, new = await self._db(store.write, store.next_key(), params.get("chat_id"), method, params,
                                      at=self.clock(), later=handling.later if handling is not None else None,
                                      owner=self.owner.key if self.owner is not None else None)
            self._stored_again()
        except STORE_ERRORS as err:  # disk full: send it anyway, not durably
            self._storing_failed(err)
            if method not in ONCE:
                return await now()
            try:
                return await now()
            except TelegramError:
                log.info("%s failed (not stored either); given up", method, exc_info=True)
                return True
        if not new:
            if msg.status == "sent":
                log.info("message %s (%s #%s) was sent before; not sent again", msg.id, msg.origin, msg.seq)
                return msg.result
            if msg.status == "pending" and method not in ONCE and (
                    self._mine(msg) or await self._db(shared_outbox.adopt, msg.id, self.owner.key)):
                self._enqueue(msg.id, msg.chat_id, 0.0)
            return _stand_in(method, params, self.clock())
        if method in ONCE:
            return await self._once(msg, now)
        if msg.chat_id in self._queues:  # earlier messages to this chat are still waiting: after them
            self._enqueue(msg.id, msg.chat_id, 0.0)
            return _stand_in(method, params, self.clock())
        return await self._first_try(msg, now)

    async def _once(self, msg: store.Message, now: Callable[[], Awaitable[object]]):
        """One try (RetryingRequest's quick retries underneath); a failure is given up, never raised."""
        try:
            result = await now()
        except TelegramError as err:
            await self._finish(msg, reason=f"one try only, failed: {err!r}")
            return True
        await self._finish(msg, result=result)
        return result

    async def _first_try(self, msg: store.Message, now: Callable[[], Awaitable[object]]):
        for flood in range(3):
            try:
                result = await now()
            except RetryAfter as err:
                wait = err._retry_after.total_seconds()  # the timedelta (the public int is deprecated)
                if wait <= INLINE_FLOOD_WAIT and flood < 2:
                    await self.sleep(wait + 0.1)
                    continue
                return await self._defer(msg, wait, f"429 retry_after {wait:g}s")
            except TimedOut as err:
                if _retry_later(err):
                    return await self._defer(msg, self.backoff, repr(err))
                # Telegram had the request and the answer was lost: it was most likely delivered, and
                # both sending it again and "出错了" after it would tell the user something twice.
                await self._finish(msg, reason=f"answer lost after sending, maybe delivered: {err!r}")
                return _stand_in(msg.method, msg.params, self.clock())
            except TelegramError as err:
                if _retry_later(err):
                    return await self._defer(msg, self.backoff, repr(err))
                await self._finish(msg, reason=f"not sendable: {err!r}")
                raise
            await self._finish(msg, result=result)
            return result
        raise AssertionError("unreachable")

    async def _defer(self, msg: store.Message, delay: float, reason: str) -> object:
        log.warning("message %s to chat %s not sent yet (%s); the outbox sends it later", msg.id, msg.chat_id, reason)
        await self._write(store.retry_at, msg.id, self.clock() + timedelta(seconds=delay), reason)
        self._enqueue(msg.id, msg.chat_id, delay)
        return _stand_in(msg.method, msg.params, self.clock())

    async def _finish(self, msg: store.Message, *, result: object = None, reason: str = "") -> None:
        if reason:
            log.warning("message %s to chat %s given up: %s", msg.id, msg.chat_id, reason)
            await self._write(store.give_up, msg.id, reason, at=self.clock())
        else:
            await self._write(store.sent, msg.id, result, at=self.clock())

    async def _write(self, fn, *args, **kwargs) -> None:
        try:
            await self._db(fn, *args, **kwargs)
            self._stored_again()
        except STORE_ERRORS as err:  # the message's fate is logged; the next start may send it again
            self._storing_failed(err)

    def _storing_failed(self, err: Exception) -> None:
        if not self._store_failing:
            log.error("outbox cannot be written (%r): messages are sent without it until it can", err)
        self._store_failing = True

    def _stored_again(self) -> None:
        if self._store_failing:
            log.warning("outbox writable again")
        self._store_failing = False

    # ---- the senders: one task per chat with waiting messages ------------------------------------
    def _enqueue(self, message_id: int, chat_id: str, delay: float) -> None:
        if message_id in self._queued:
            return
        self._queued.add(message_id)
        loop = asyncio.get_running_loop()
        self._queues.setdefault(chat_id, deque()).append([message_id, loop.time() + delay])
        if chat_id not in self._tasks:
            self._tasks[chat_id] = asyncio.create_task(self._drain(chat_id), name=f"outbox-{chat_id}")

    async def _drain(self, chat_id: str) -> None:
        queue, loop = self._queues[chat_id], asyncio.get_running_loop()
        try:
            while queue:
                message_id, not_before = queue[0]
                if (wait := not_before - loop.time()) > 0:
                    await self.sleep(wait)
                msg = await self._db(store.get, message_id)
                again = await self._try(msg) if msg is not None and msg.status == "pending" and self._mine(msg) \
                    else None
                if again is not None:
                    queue[0][1] = loop.time() + again
                    continue
                queue.popleft()
                self._queued.discard(message_id)
        except Exception:  # a bug here must not leave the chat's messages stranded silently
            log.exception("outbox sender for chat %s stopped; its messages are sent at the next start", chat_id)
        finally:
            self._tasks.pop(chat_id, None)
            if not queue:
                self._queues.pop(chat_id, None)

    async def _try(self, msg: store.Message) -> float | None:
        """One try from the outbox. → seconds until the next one, or None when the message is final."""
        if self.clock() - datetime.fromisoformat(msg.created_at) > GIVE_UP_AFTER:
            await self._finish(msg, reason=f"undelivered after {GIVE_UP_AFTER}")
            return None
        data = request_data(msg.params)
        try:
            result = await RetryingRequest.post(self.request, f"{self.base_url}/{msg.method}", data)
        except RetryAfter as err:
            wait = err._retry_after.total_seconds()
            log.info("message %s to chat %s: flood control, retrying in %g s", msg.id, msg.chat_id, wait)
            await self._write(store.retry_at, msg.id, self.clock() + timedelta(seconds=wait),
                              f"429 retry_after {wait:g}s")
            return wait + 0.1
        except TelegramError as err:
            if not _retry_later(err) or msg.attempts + 1 >= MAX_TRIES:
                await self._finish(msg, reason=f"{'not sendable' if not _retry_later(err) else 'failed every try'}: "
                                              f"{err!r}")
                return None
            delay = min(MAX_BACKOFF, self.backoff * 2 ** msg.attempts)
            await self._write(store.retry_at, msg.id, self.clock() + timedelta(seconds=delay), repr(err))
            return delay
        await self._finish(msg, result=result)
        log.info("message %s to chat %s delivered from the outbox", msg.id, msg.chat_id)
        return None

    # ---- start and stop --------------------------------------------------------------------------
    async def resume(self, base_url: str) -> int:
        """At start-up (before the replay): queue every waiting message — on PostgreSQL those of workers
        that died, and from then on every ``ADOPT_EVERY_S``. → how many."""
        self.base_url = base_url
        if self.owner is None:
            waiting = store.waiting(self.db)
        else:
            waiting = await self._adopt()
            self._adopting = asyncio.create_task(self._keep_adopting(), name="outbox-adopt")
        self._queue_all(waiting)
        if waiting:
            log.info("outbox: %d messages waiting from before the restart", len(waiting))
        return len(waiting)

    def _queue_all(self, waiting: list[store.Message]) -> None:
        now = self.clock()
        for msg in waiting:
            delay = (datetime.fromisoformat(msg.next_at) - now).total_seconds() if msg.next_at else 0.0
            self._enqueue(msg.id, msg.chat_id, max(0.0, delay))

    async def _adopt(self) -> list[store.Message]:
        await asyncio.to_thread(self.owner.hold)  # our own lock first: never adopt our own rows as orphans
        return await self._db(shared_outbox.adopt_orphans, self.owner.key)

    async def _keep_adopting(self) -> None:
        while True:
            await asyncio.sleep(ADOPT_EVERY_S)
            try:
                adopted = await self._adopt()
            except Exception:  # the database is away for a moment: look again later
                log.warning("outbox: could not look for messages of stopped workers", exc_info=True)
                continue
            if adopted:
                log.info("outbox: %d messages of a stopped worker taken over", len(adopted))
                self._queue_all(adopted)

    def idle(self) -> bool:
        return not self._tasks

    async def close(self) -> None:
        """Stop the senders; waiting messages stay in the outbox for the next start."""
        tasks = list(self._tasks.values()) + ([self._adopting] if self._adopting is not None else [])
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self.owner is not None:
            self.owner.close()


class OutboxRequest(RetryingRequest):
    """The Bot's request object: messages go through the ``Outbox`` (set by bot/app.py)."""

    outbox: Outbox | None = None

    async def post(self, url: str, request_data: RequestData | None = None, *args, **kwargs):
        method = url.rsplit("/", 1)[-1]
        if self.outbox is None or method not in DURABLE | ONCE or request_data is None:
            return await super().post(url, request_data, *args, **kwargs)
        return await self.outbox.send(url, method, request_data,
                                      lambda: super(OutboxRequest, self).post(url, request_data, *args, **kwargs))
