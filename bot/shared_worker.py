"""`docbot run --webhook` as one of several workers on a shared PostgreSQL store (issue 18; core:
assistant/operations/shared_inbox.py, design: assistant/storage/backend.py, deployment: docs/deploy.md).

The webhook server (python-telegram-bot's, behind any HTTP load balancer) checks Telegram's secret
header, then puts the update on the application's queue: here that queue is ``SharedQueue``, whose
``put`` cleans the update and writes it to the shared inbox — the 200 goes out once it is committed,
and nothing is queued in this process. ``Worker`` claims updates from the shared inbox (whichever
worker received them), handles each through the application's handlers and marks it done, at most
``concurrency`` at a time. Reminders are sent by the worker holding the scheduler lock
(handlers/reminder_jobs.py asks ``bot_data["scheduler_leader"]``); uploads confirmed on another worker
are written into this worker's uploads directory and its corpus and index reloaded (``follow_documents``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket

from telegram import Update
from telegram.ext import Application

from assistant.operations import inbox as inbox_core
from assistant.operations import shared_inbox as shared
from assistant.storage.store import audit
from assistant.user_input.cleaning import clean_update, might_need_cleaning

log = logging.getLogger(__name__)
IDLE_WAIT_S = 1.0  # an idle worker re-checks this often even without a NOTIFY (one lost is harmless)
DOCUMENTS_EVERY_S = 2.0  # how often a worker looks for documents uploaded through another worker


def chat_key(update: Update) -> int:
    """What orders updates: the chat, else the user (a press without a message), else one queue."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else 0


class SharedQueue(asyncio.Queue):
    """The webhook's update queue: updates go to the shared inbox, not into this process's memory."""

    db = None  # the PgStore, set by ``install``

    async def put(self, item: object) -> None:
        if not isinstance(item, Update) or self.db is None:
            await super().put(item)
            return
        payload, originals = item.to_dict(), []
        if might_need_cleaning(json.dumps(payload, ensure_ascii=False)):
            payload, originals = clean_update(payload)
        await asyncio.to_thread(self._store, item, payload, originals)

    def _store(self, update: Update, payload: dict, originals: list[str]) -> None:
        if shared.receive(self.db, update.update_id, chat_key(update), payload) and originals:
            user = update.effective_user
            audit(self.db, at=_now(), actor=str(user.id) if user else "", action="input_cleaned",
                  original="\n".join(originals), details={"update_id": update.update_id})


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


class Worker:
    """Claims and handles updates from the shared inbox until cancelled."""

    def __init__(self, application: Application, db, concurrency: int):
        self.application, self.db = application, db
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self.slots = asyncio.Semaphore(concurrency)
        self.tasks: set[asyncio.Task] = set()

    async def run(self) -> None:
        while True:
            await self.slots.acquire()
            try:
                got = await asyncio.to_thread(shared.claim, self.db, self.name)
            except Exception:
                self.slots.release()
                log.exception("claiming from the shared inbox failed; retrying")
                await asyncio.sleep(IDLE_WAIT_S)
                continue
            if got is None:
                self.slots.release()
                await asyncio.to_thread(shared.wait_for_arrivals, self.db, IDLE_WAIT_S)
                continue
            task = asyncio.create_task(self.handle(got))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def handle(self, got: shared.Claim) -> None:
        finished = False
        try:
            update = Update.de_json(got.payload, self.application.bot)
            token = inbox_core.handling(update.update_id)  # store writes recorded: a replay does not repeat them
            try:
                await self.application.process_update(update)
                later = inbox_core.current().later
            finally:
                inbox_core.done_handling(token)
            await asyncio.to_thread(got.finish, self.name, later)
            finished = True
        except Exception:
            log.exception("update %s not finished; another claim will take it", got.update_id)
        finally:
            if not finished:
                await asyncio.to_thread(got.abandon)
            self.slots.release()

    async def stop(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


async def follow_documents(application: Application) -> None:
    """Keep this worker's uploads directory and corpus in step with uploads confirmed anywhere."""
    from assistant.operations.data_dir import uploads_dir

    services = application.bot_data["services"]
    seen = 0
    while True:
        try:
            now = await services.run(shared.documents_since, services.db, seen, uploads_dir(services.data_dir))
            if now != seen:
                if seen:  # at start-up the files were loaded with the corpus already
                    await services.refresh_knowledge()
                seen = now
        except Exception:
            log.exception("could not follow the shared documents")
        await asyncio.sleep(DOCUMENTS_EVERY_S)


def install(application: Application, queue: SharedQueue, concurrency: int) -> None:
    """Wire a built application as a shared worker (called by bot/app.py when the store is PostgreSQL)."""
    services, settings = application.bot_data["services"], application.bot_data["settings"]
    queue.db = services.db
    services.shared = True
    services.tokens.persist_to(services.db, services.clock)  # buttons pressed on any worker
    application.bot_data["scheduler_leader"] = shared.Leader(settings.database_url)
    application.bot_data["startup"].append(_start)


async def _start(application: Application) -> None:
    from assistant.operations.data_dir import uploads_dir

    services = application.bot_data["services"]
    # Documents uploaded elsewhere before this worker started: on disk before anything is answered.
    if await services.run(shared.documents_since, services.db, 0, uploads_dir(services.data_dir)):
        await services.refresh_knowledge()
    worker = application.bot_data["shared_worker"] = Worker(application, services.db,
                                                            application.bot_data.get("concurrency", 16))
    application.bot_data["shared_tasks"] = [asyncio.create_task(worker.run(), name="shared-inbox"),
                                            asyncio.create_task(follow_documents(application), name="documents")]


async def stop(application: Application) -> None:
    """At shutdown: stop claiming; unfinished updates go back to the inbox for another worker."""
    for task in application.bot_data.get("shared_tasks", []):
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    if worker := application.bot_data.get("shared_worker"):
        await worker.stop()
    if leader := application.bot_data.get("scheduler_leader"):
        leader.close()
