"""The durable inbox wired into python-telegram-bot (core: assistant/operations/inbox.py).

Both ways updates arrive end in ``Application.update_queue.put``: the long-polling Updater puts each
fetched update there *before* its next getUpdates acknowledges them to Telegram, and the webhook
server puts each posted update there *before* it answers 200. ``DurableQueue.put`` writes the update to
the store first, so an update Telegram considers delivered is always on disk. ``InboxApplication``
claims it when its handling starts and marks it done after its handlers ran — their messages are in
the outbox by then (bot/outbox.py); ``replay`` (post_init) queues the unfinished ones at every start.

An update that cannot be stored (the disk is full; a lone surrogate, which SQLite cannot encode, is
replaced by U+FFFD first) is handled all the same, without the guarantee: the failure is logged once
per outage, never retried in a loop, and never holds up the updates after it.

The inbox file (``inbox.sqlite3`` beside the store) is written inline on the event loop: one
single-row statement without fsync, well under a millisecond — a hop to the database thread and back
costs more than that on a busy loop, twice per update (docs/benchmarks.md, telegram section).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application
from telegram.request import HTTPXRequest

from assistant.operations import inbox as core
from assistant.operations import outbox
from assistant.storage.store import audit
from assistant.user_input.cleaning import clean_update, might_need_cleaning

log = logging.getLogger(__name__)
APOLOGY = "抱歉，助手重启前没来得及处理您的消息{what}，现在已经过时，请重新发送。"
GIVEN_UP = "抱歉，助手处理您的消息{what}时多次中断，没有完成，请稍后重新发送。"
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Inbox:
    """The inbox file's connection, and the clock and replay age it works with."""

    def __init__(self, path: str | Path, clock: Callable[[], datetime], max_age: timedelta):
        self.db, self.clock, self.max_age = core.open_inbox(path), clock, max_age
        self.failing: set[str] = set()  # writes that failed: logged once until the same write succeeds

    def finish(self, update: Update, later: list) -> None:
        self.write(core.finish, update.update_id, at=self.clock(), later=later)

    def write(self, fn, *args, **kwargs):
        """``fn(db, …)``, or None when the inbox cannot be written now (logged once per outage)."""
        try:
            result = fn(self.db, *args, **kwargs)
        except sqlite3.Error as err:
            if not self.failing:
                log.error("inbox cannot be written (%r): updates are handled without it until it can", err)
            self.failing.add(fn.__name__)
            return None
        if fn.__name__ in self.failing:
            self.failing.clear()
            log.warning("inbox writable again")
        return result

    def close(self) -> None:
        self.db.conn.close()


@dataclass(frozen=True)
class Arrival:
    finished_before: bool  # re-delivered after it was handled: drop it
    originals: list[str]  # strings cleaning changed, as sent


class Edge:
    """Where updates enter, whichever way they come: cleaned (assistant.user_input.cleaning: control and bidi
    characters out, the originals to ``on_cleaned`` for the audit log) and stored in the inbox.

    Long polling: ``UpdatesRequest`` hands each getUpdates batch here as Telegram's JSON, before PTB
    builds Update objects from it — cleaning and storing the raw dicts costs a fraction of going back
    from Update objects (``to_dict`` alone takes ~0.25 ms), and the batch is one transaction. Other
    ways in (the webhook) take that slower path in ``admit``.
    """

    QUEUED_MEMORY = 50_000  # update ids queued by this process, remembered to drop re-deliveries

    def __init__(self, inbox: Inbox | None, on_cleaned: Callable[[Update, list[str]], Awaitable[None]] | None):
        self.inbox, self.on_cleaned = inbox, on_cleaned
        self.arrivals: dict[int, Arrival] = {}
        self._queued: dict[int, None] = {}  # insertion-ordered set

    def queued(self, update_id: int) -> None:
        """Remember that this process queued ``update_id`` (replays included): Telegram re-delivers an
        update it was never told about, and the replay may still be handling it."""
        self._queued[update_id] = None
        while len(self._queued) > self.QUEUED_MEMORY:
            del self._queued[next(iter(self._queued))]

    def take_batch(self, raw: list) -> list:
        """Clean and store updates as Telegram sent them; → the cleaned dicts."""
        out, rows = [], []
        for u in raw:
            if not isinstance(u, dict) or not isinstance(u.get("update_id"), int):
                out.append(u)
                continue
            text, originals = json.dumps(u, ensure_ascii=False), []
            if LONE_SURROGATE.search(text):  # from a "\\ud800" escape: SQLite (and Telegram) cannot encode it
                text = LONE_SURROGATE.sub("\ufffd", text)
                u = json.loads(text)
            if might_need_cleaning(text):
                u, originals = clean_update(u)
                text = json.dumps(u, ensure_ascii=False) if originals else text
            out.append(u)
            rows.append((u["update_id"], text))
            self.arrivals[u["update_id"]] = Arrival(False, originals)
        if self.inbox is not None and rows:
            for uid in self.inbox.write(core.receive_many, rows, at=self.inbox.clock()) or ():
                self.arrivals[uid] = Arrival(True, self.arrivals[uid].originals)
        return out

    async def admit(self, update: Update) -> Update | None:
        """The update to queue (cleaned), or None when it was handled before."""
        arrival = self.arrivals.pop(update.update_id, None)
        if arrival is None:  # not through UpdatesRequest
            try:
                [payload] = self.take_batch([update.to_dict()])
                arrival = self.arrivals.pop(update.update_id)
                if arrival.originals:
                    update = Update.de_json(payload, update.get_bot())
            except Exception:  # never let one update stop the ones behind it: handle it as it came
                log.exception("update %s could not be stored; handled without the inbox", update.update_id)
                arrival = Arrival(False, [])
        if arrival.originals and self.on_cleaned is not None:
            await self.on_cleaned(update, arrival.originals)
        if arrival.finished_before or update.update_id in self._queued:
            log.info("update %s was handled or queued before; not handled twice", update.update_id)
            return None
        self.queued(update.update_id)
        return update


class UpdatesRequest(HTTPXRequest):
    """The getUpdates connection: each batch goes through the ``Edge`` before PTB sees it, so it is on
    disk before the next getUpdates acknowledges it to Telegram."""

    edge: Edge | None = None

    async def post(self, url: str, *args, **kwargs):
        result = await super().post(url, *args, **kwargs)
        if self.edge is not None and url.endswith("/getUpdates") and isinstance(result, list):
            try:
                result = self.edge.take_batch(result)
            except Exception:  # a bug here would fetch the same batch forever: pass it on as it came
                log.exception("a getUpdates batch could not be stored; handled without the inbox")
        return result


class DurableQueue(asyncio.Queue):
    """The update queue: only updates the ``Edge`` admits are queued."""

    edge: Edge | None = None

    async def put(self, item: object) -> None:
        if isinstance(item, Update) and self.edge is not None:
            item = await self.edge.admit(item)
            if item is None:
                return
        await super().put(item)

    async def put_stored(self, update: Update) -> None:
        """Queue an update that is already in the inbox (a replay)."""
        await super().put(update)


class InboxApplication(Application):
    """Marks each update done in the inbox once its handlers finished (errors included: the error
    handler has answered it). A cancelled update (shutdown mid-way) stays pending and is replayed.

    Also: one reply per update. PTB goes on to the next handler group after a handler failed, so a
    note that crashed in group -1 got "出错了" from the error handler *and* a search answer from group
    0. Here a failed update stops after the error handlers (all of them) ran.
    """

    async def process_error(self, update: object, error: Exception, job=None, coroutine=None) -> bool:
        stopped = await super().process_error(update, error, job, coroutine)
        return stopped or (isinstance(update, Update) and job is None)

    async def process_update(self, update: object) -> None:
        inbox: Inbox | None = self.bot_data.get("inbox")
        if inbox is None or not isinstance(update, Update):
            await super().process_update(update)
            return
        inbox.write(core.start, update.update_id)  # claimed: this start counts (core.MAX_STARTS)
        token = core.handling(update.update_id)
        try:
            await super().process_update(update)
            later = core.current().later
        finally:
            core.done_handling(token)
        inbox.finish(update, later)


def audit_cleaned(services) -> Callable[[Update, list[str]], Awaitable[None]]:
    """Keep what the user really sent, control characters and all, in the audit log."""
    async def record(update: Update, originals: list[str]) -> None:
        user, chat = update.effective_user, update.effective_chat
        await services.in_db(audit, at=services.clock(), actor=str(user.id) if user else "", action="input_cleaned",
                             original="\n".join(originals),
                             details={"update_id": update.update_id, "chat_id": chat.id if chat else None})
    return record


async def replay(application: Application) -> None:
    """At start-up: queue each unfinished update; apologise for the ones too old to answer now and the
    ones whose handling was interrupted MAX_STARTS times (each apology is its own outbox message, keyed
    by the update: a kill before the update is marked sends it once)."""
    inbox: Inbox | None = application.bot_data.get("inbox")
    if inbox is None:
        return
    plan = core.start_replay(inbox.db, now=inbox.clock(), max_age=inbox.max_age)
    await application.bot_data["services"].in_db(core.prune_effects, now=inbox.clock())
    if plan.run or plan.too_old or plan.failed:
        log.info("inbox: replaying %d unfinished updates, skipping %d too old, %d given up",
                 len(plan.run), len(plan.too_old), len(plan.failed))
    for payloads, status, wording in ((plan.too_old, "skipped", APOLOGY), (plan.failed, "failed", GIVEN_UP)):
        for payload in payloads:
            update = Update.de_json(payload, application.bot)
            if update.effective_chat is not None and update.effective_user is not None:
                said = (update.message.text or "") if update.message else ""  # a press: the message is ours
                text = wording.format(what=f"“{said[:30]}{'…' if len(said) > 30 else ''}”" if said else "")
                try:
                    with outbox.origin(f"apology{update.update_id}"):
                        await application.bot.send_message(update.effective_chat.id, text)
                except TelegramError:
                    log.warning("could not apologise to chat %s", update.effective_chat.id, exc_info=True)
            inbox.write(core.finish, update.update_id, at=inbox.clock(), status=status)
    queue = application.update_queue
    for payload in plan.run:
        update = Update.de_json(payload, application.bot)
        if isinstance(queue, DurableQueue):
            if queue.edge is not None:
                queue.edge.queued(update.update_id)
            await queue.put_stored(update)
        else:
            await queue.put(update)
