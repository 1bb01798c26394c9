"""Building and driving the bot in tests, over the fake Bot API (HTTP or offline).

Fixtures: ``fake_api`` (a FakeBotApi serving on 127.0.0.1) and ``offline_api`` (not serving; apps built
with it answer through ``OfflineRequest``, no sockets). Re-export them in your package's conftest.py::

    from tests.support import telegram_harness as harness
    fake_api = harness.fake_api
    offline_api = harness.offline_api

Then (``knowledge`` is the session fixture from tests/conftest.py)::

    settings = harness.settings_for(fake_api, tmp_path, admins={1})   # tmp data + corpus dirs
    app = harness.make_app(settings, harness.make_services(settings, knowledge))
    async with harness.polling(app) as errors:   # real HTTP stack, long polling against fake_api
        fake_api.push(fake_api.text("越秀工作要点第17项谁牵头", user=1))
        [reply] = await fake_api.wait_for("sendMessage", chat_id=1)
    assert not errors                            # exceptions that reached the error handler

Offline: ``app = harness.make_app(settings_for(offline_api, …), services, offline_api)``, then
``async with harness.offline(app) as errors: await harness.process(app, offline_api.text(…))``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from telegram import Update
from telegram.ext import Application

from assistant.storage.store import open_db
from bot.app import Tuning, build_application
from bot.config import Settings
from handlers.context import Services
from tests.support.fake_bot_api import TOKEN, FakeBotApi
from tests.support.offline_request import OfflineRequest

os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
# Fast faults, no throttling: tests measure behaviour, not Telegram's flood limits.
TEST_TUNING = Tuning(concurrency=8, read_timeout=1.0, backoff=0.01, overall_max_rate=0, group_max_rate=0,
                     bootstrap_retries=0)
FIXED_NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def settings_for(api: FakeBotApi | None, tmp_path: Path, admins: set[int] = frozenset(), **kw) -> Settings:
    kw.setdefault("embedding_model", "none")  # dense search has its own (slow) tests in tests/index
    return Settings(telegram_token=TOKEN, telegram_api_base_url=api.base_url if api and api._server else "",
                    admins=frozenset(admins), data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus", **kw)


def make_services(settings: Settings, knowledge, *, router=None, item_text=None, reload=None) -> Services:
    """Real SQLite file, the real router (assistant.questions.router.build_router) and core unless replaced."""
    from assistant.questions import ask as core
    from assistant.questions.router import build_router

    router, item_text = router or build_router(), item_text or core.item_text
    return Services(db=open_db(settings.db_path), knowledge=knowledge, router=router, item_text=item_text,
                    clock=lambda: FIXED_NOW, admins=settings.admins, corpus_dir=settings.corpus_dir,
                    data_dir=settings.data_dir, reload_knowledge=reload)


def make_app(settings: Settings, services: Services, api: FakeBotApi | None = None,
             tuning: Tuning = TEST_TUNING) -> Application:
    """With ``api`` given and not serving: offline requests; otherwise the real HTTP stack."""
    if api is not None and api._server is None:
        offline = OfflineRequest(api)
        return build_application(settings, services, tuning, request=offline, get_updates_request=offline)
    return build_application(settings, services, tuning)


def _recorder(app: Application) -> list[BaseException]:
    errors: list[BaseException] = []

    async def record(update, context):
        errors.append(context.error)

    app.add_error_handler(record)
    return errors


@contextlib.asynccontextmanager
async def polling(app: Application) -> AsyncIterator[list[BaseException]]:
    """Run the application with long polling (as run_polling would, minus signals); yields the errors."""
    errors = _recorder(app)
    await app.initialize()
    await app.post_init(app)
    await app.updater.start_polling(poll_interval=0, timeout=1)
    await app.start()
    try:
        yield errors
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await app.post_shutdown(app)


@contextlib.asynccontextmanager
async def offline(app: Application) -> AsyncIterator[list[BaseException]]:
    """Initialized application for ``process(app, update)``; yields the errors."""
    errors = _recorder(app)
    async with app:
        yield errors
    await app.post_shutdown(app)


async def until(condition, timeout: float = 10.0, what: str = "the condition") -> None:  # noqa: ASYNC109
    """Wait until ``condition()`` holds (polled every 10 ms); AssertionError after ``timeout`` seconds."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.01)


async def process(app: Application, update: dict) -> None:
    """Handle one update now (offline); concurrent-update tasks are awaited too."""
    await app.process_update(Update.de_json(update, app.bot))


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as api:
        yield api


@pytest.fixture
def offline_api() -> FakeBotApi:
    return FakeBotApi()


def bundled_app_with_secretary(api, tmp_path: Path, knowledge, admin: int, secretary: int) -> Application:
    """An offline bot over the bundled corpus with one admin and one secretary (the records commands need both)."""
    import dataclasses

    from assistant.operations import access
    from corpus import BUNDLED_DIR

    settings = dataclasses.replace(settings_for(api, tmp_path, admins={admin}), corpus_dir=BUNDLED_DIR)
    services = make_services(settings, knowledge)
    access.set_role(services.db, secretary, "secretary", at=FIXED_NOW, actor="test")
    return make_app(settings, services, api)
