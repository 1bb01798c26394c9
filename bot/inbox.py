"""The durable inbox wired into python-telegram-bot (core: assistant/inbox.py).

Both ways updates arrive end in ``Application.update_queue.put``: the long-polling Updater puts each
fetched update there *before* its next getUpdates acknowledges them to Telegram, and the webhook
server puts each posted update there *before* it answers 200. ``DurableQueue.put`` writes the update to
the store first, so an update Telegram considers delivered is always on disk. ``InboxApplication``
marks it done after its handlers ran; ``replay`` (post_init) queues the unfinished ones once.

The inbox file (``inbox.sqlite3`` beside the store) is written inline on the event loop: one
single-row statement without fsync, well under a millisecond — a hop to the database thread and back
costs more than that on a busy loop, twice per update (docs/benchmarks.md, telegram section).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from assistant import inbox as core
from assistant.cleaning import clean_update
from assistant.store import audit

log = logging.getLogger(__name__)
APOLOGY = "抱歉，助手重启前没来得及处理您的消息{what}，现在已经过时，请重新发送。"


class Inbox:
    """The inbox's own connection to the store, and the clock and replay age it works with."""

    def __init__(self, path: str | Path, clock: Callable[[], datetime], max_age: timedelta):
        self.db, self.clock, self.max_age = core.open_inbox(path), clock, max_age

    def receive(self, update: Update) -> bool:
        return core.receive(self.db, update.update_id, update.to_dict(), at=self.clock())

    def finish(self, update: Update) -> None:
        core.finish(self.db, update.update_id, at=self.clock())

    def close(self) -> None:
        self.db.conn.close()


class DurableQueue(asyncio.Queue):
    """The update queue, the edge where updates enter: each is cleaned (assistant.cleaning: control and
    bidi characters out, the originals to ``on_cleaned`` for the audit log), stored in the inbox, then
    queued; a re-delivered one is dropped."""

    inbox: Inbox | None = None
    on_cleaned: Callable[[Update, list[str]], Awaitable[None]] | None = None

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            cleaned, originals = clean_update(item.to_dict())
            if originals:
                item = Update.de_json(cleaned, item.get_bot())
                if self.on_cleaned is not None:
                    await self.on_cleaned(item, originals)
            if self.inbox is not None and not self.inbox.receive(item):
                log.info("update %s is already in the inbox; not handled twice", item.update_id)
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
        token = core.handling(update.update_id)
        try:
            await super().process_update(update)
        finally:
            core.done_handling(token)
        inbox.finish(update)


def audit_cleaned(services) -> Callable[[Update, list[str]], Awaitable[None]]:
    """Keep what the user really sent, control characters and all, in the audit log."""
    async def record(update: Update, originals: list[str]) -> None:
        user, chat = update.effective_user, update.effective_chat
        await services.in_db(audit, at=services.clock(), actor=str(user.id) if user else "", action="input_cleaned",
                             original="\n".join(originals),
                             details={"update_id": update.update_id, "chat_id": chat.id if chat else None})
    return record


async def replay(application: Application) -> None:
    """At start-up: queue each unfinished update once; apologise for the ones too old to answer now."""
    inbox: Inbox | None = application.bot_data.get("inbox")
    if inbox is None:
        return
    plan = core.start_replay(inbox.db, now=inbox.clock(), max_age=inbox.max_age)
    await application.bot_data["services"].in_db(core.prune_effects, now=inbox.clock())
    if plan.run or plan.too_old:
        log.info("inbox: replaying %d unfinished updates, skipping %d too old", len(plan.run), len(plan.too_old))
    for payload in plan.too_old:
        update = Update.de_json(payload, application.bot)
        if update.effective_chat is None:
            continue
        said = (update.effective_message.text or "") if update.effective_message else ""
        text = APOLOGY.format(what=f"“{said[:30]}{'…' if len(said) > 30 else ''}”" if said else "")
        try:
            await application.bot.send_message(update.effective_chat.id, text)
        except TelegramError:
            log.warning("could not apologise to chat %s", update.effective_chat.id, exc_info=True)
    queue = application.update_queue
    for payload in plan.run:
        update = Update.de_json(payload, application.bot)
        if isinstance(queue, DurableQueue):
            await queue.put_stored(update)
        else:
            await queue.put(update)
