"""What the records handlers share: the records runtime (rules, schedule, cached leaders) kept in
bot_data, the local clock and the acting user. The runtime is built once per application, lazily, so
tests can build as many as they like. (Role checks: handlers.gate.require.)"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import Application

from assistant.records.leaders import Leader, load_leaders
from assistant.records.obligations import obligations_of
from assistant.records.reminders import Schedule
from assistant.records.rules import Rules
from assistant.records.setup import prepare
from handlers.callbacks import drop_buttons
from handlers.context import DocbotContext, Services

KEY = "records"


@dataclass
class RecordsRuntime:
    rules: Rules
    schedule: Schedule
    _leaders: list[Leader] = field(default_factory=list)
    _leaders_version: tuple | None = None
    _obligations: tuple = ()
    _obligations_of: int | None = None

    def obligations(self, services: Services) -> tuple:
        """The documents' time rules (obligations calendar), recomputed when the corpus was reloaded."""
        corpus = services.knowledge.corpus
        if id(corpus) != self._obligations_of:

            self._obligations, self._obligations_of = tuple(obligations_of(corpus.documents)), id(corpus)
        return self._obligations

    def leaders(self, services: Services) -> list[Leader]:
        """The leaders and their contact points, re-read only after they changed (/assign, /bind, `docbot
        assign` in another process): checking is one small query on the read connection. Not a store-wide
        change counter: every conversation step writes, and re-reading every leader per question cost
        about 2 ms of the event loop's time each."""
        version = services.leaders_version()
        if version is None or version != self._leaders_version:
            self._leaders, self._leaders_version = services.read(load_leaders), version
        return self._leaders


def _prepare(db, services, now: datetime) -> Rules:

    return prepare(db, services.corpus_dir, now=now, documents=services.knowledge.corpus.documents)


async def runtime_of(application: Application) -> RecordsRuntime:
    """Rules from the corpus text; leaders seeded from the parsed contact-point table on first use.

    The schedule is bot_data["records_schedule"], set by the composition root from DOCBOT_TIMEZONE
    (bot.app.build_application); without one, 09:00 Asia/Shanghai.
    """
    rt = application.bot_data.get(KEY)
    if rt is None:
        services = application.bot_data["services"]
        rules = await services.in_db(_prepare, services, services.clock())
        schedule = application.bot_data.get("records_schedule") or Schedule()
        rt = RecordsRuntime(rules, schedule)
        application.bot_data[KEY] = rt
    return rt


def local_now(context: DocbotContext, rt: RecordsRuntime) -> datetime:
    return context.services.clock().astimezone(ZoneInfo(rt.schedule.timezone))


async def spend_button(update: Update, context: DocbotContext) -> None:
    """After the reply: the pressed button is used up (token discarded) and taken off the message. Taking
    it off is cosmetic and may fail (message too old or already edited): never an error for the user."""

    context.services.tokens.discard(update.callback_query.data)
    await drop_buttons(update)


def actor_of(update: Update) -> tuple[int, str]:
    user = update.effective_user
    return user.id, str(user.id)
