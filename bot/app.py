"""The Telegram composition root: services, handlers, request stack, error handling, start-up.

Handler modules plug in through HANDLER_MODULES: each defines ``register(application)`` and may define
``COMMANDS`` (``[(command, 中文描述), …]`` for setMyCommands) and ``async on_startup(application)``
(run in post_init, e.g. to re-arm jobs). Optional modules that are not importable are skipped.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import sys
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from types import ModuleType
from urllib.parse import urlparse

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application, TypeHandler
from telegram.request import BaseRequest

from assistant.operations import inbox as inbox_core
from bot import status
from bot.chat_order import ChatOrderedProcessor
from bot.config import Settings
from bot.inbox import DurableQueue, Edge, Inbox, InboxApplication, UpdatesRequest, audit_cleaned, replay
from bot.outbox import Outbox, OutboxRequest
from bot.rate_limit import PerChatRateLimiter
from handlers.callbacks import register_fallback
from handlers.context import CONTEXT_TYPES, DocbotContext, Services
from handlers.gate import gate
from handlers.menus import commands_for

log = logging.getLogger(__name__)

HANDLER_MODULES = ["handlers.basic", "handlers.ask", "handlers.admin", "handlers.upload", "handlers.records.notes"]
OPTIONAL_MODULES = {"handlers.records.notes"}
ERROR_REPLY = "出错了，请稍后再试"
PRUNE_EVERY_BEATS = 120  # heartbeats are 30 s apart: hourly


@dataclass(frozen=True)
class Tuning:
    """Network and throughput knobs; tests and the benchmark shorten or widen them."""

    concurrency: int = 16  # updates handled at once; 16-32 is the sweet spot (see docs/telegram.md)
    # HTTP connections for sends. Telegram takes ~30 messages/s per bot, which 4 keep-alive connections
    # carry easily; more make httpcore's per-request pool bookkeeping slower (see docs/telegram.md).
    pool_size: int = 4
    read_timeout: float = 10.0  # sends are not retried after a read timeout, so be patient
    attempts: int = 4  # tries per send on 5xx / connection errors
    backoff: float = 0.5  # seconds, doubled per retry
    max_retries_429: int = 3  # AIORateLimiter retries after RetryAfter
    overall_max_rate: float = 30  # Telegram's limit: ~30 messages/s per bot
    group_max_rate: float = 20  # per group per minute
    bootstrap_retries: int = 5  # start-up survives a briefly unavailable API
    inbox: bool = True  # durable inbox (bot/inbox.py); off only to measure what it costs


def tune_process() -> None:
    """Hand the GIL over every 1 ms instead of 5 ms: each question hops to a worker thread and back,
    and on a busy event loop the default interval adds up to 5 ms per hop (measured: ~1.5x throughput)."""
    sys.setswitchinterval(0.001)


def build_services(settings: Settings) -> Services:
    """Open the store and load the corpus (blocking: called before the event loop runs)."""
    from assistant.questions.ask import item_text
    from assistant.questions.router import build_router
    from assistant.storage.store import open_db
    from bot.services import build_knowledge

    return Services(db=open_db(settings.store), knowledge=build_knowledge(settings, long_running=True),
                    router=build_router(),
                    item_text=item_text, clock=lambda: datetime.now(UTC), admins=settings.admins,
                    corpus_dir=settings.corpus_dir, data_dir=settings.data_dir,
                    reload_knowledge=lambda: build_knowledge(settings, long_running=True),
                    context_ttl=timedelta(minutes=settings.context_minutes))


def handler_modules(names: list[str] | None = None) -> list[ModuleType]:
    modules = []
    for name in HANDLER_MODULES if names is None else names:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as err:
            if name not in OPTIONAL_MODULES or err.name != name:
                raise
            log.info("optional handler module %s not installed", name)
    return modules


def file_url(base_url: str) -> str | None:
    """Local Bot API servers serve files next to the methods: …/bot → …/file/bot."""
    return base_url[: -len("/bot")] + "/file/bot" if base_url.rstrip("/").endswith("/bot") else None


def build_application(settings: Settings, services: Services, tuning: Tuning = Tuning(), *,
                      request: BaseRequest | None = None,
                      get_updates_request: BaseRequest | None = None,
                      modules: list[str] | None = None) -> Application:
    builder = Application.builder().token(settings.telegram_token).context_types(CONTEXT_TYPES)
    if settings.shared:  # several workers on PostgreSQL: the shared inbox instead (bot/shared_worker.py)
        from bot.shared_worker import SharedQueue

        queue = SharedQueue()
        tuning = replace(tuning, inbox=False)
    else:
        queue = DurableQueue()
    builder.application_class(InboxApplication).update_queue(queue)
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        builder.base_url(base)
        if file_url(base):
            builder.base_file_url(file_url(base))
    request = request or OutboxRequest(
        connection_pool_size=tuning.pool_size, pool_timeout=10.0, read_timeout=tuning.read_timeout,
        attempts=tuning.attempts, backoff=tuning.backoff)
    builder.request(request)
    updates_request = get_updates_request or UpdatesRequest(read_timeout=tuning.read_timeout)
    builder.get_updates_request(updates_request)
    builder.rate_limiter(PerChatRateLimiter(overall_max_rate=tuning.overall_max_rate,
                                            group_max_rate=tuning.group_max_rate,
                                            max_retries=tuning.max_retries_429))
    builder.concurrent_updates(ChatOrderedProcessor(tuning.concurrency)).post_init(post_init).post_shutdown(post_shutdown)
    application = builder.build()
    application.bot_data["services"] = services
    application.bot_data["settings"] = settings
    application.bot_data["log_text"] = settings.log_text
    application.bot_data["status"] = lambda: status.render(
        status.collect(settings, services.clock(), services.knowledge.corpus.documents, services.health.snapshot()))
    inbox = None
    if tuning.inbox:
        inbox = application.bot_data["inbox"] = Inbox(
            settings.inbox_path, services.clock, timedelta(minutes=settings.inbox_max_age_minutes))
        services.tokens.persist_to(inbox.db, services.clock)  # buttons outlive the process
        if isinstance(request, OutboxRequest):  # every message written before it is sent (bot/outbox.py)
            request.outbox = application.bot_data["outbox"] = Outbox(
                inbox.db, services.clock, request, backoff=max(tuning.backoff, 0.01) * 2)
    elif settings.shared and isinstance(request, OutboxRequest):  # the outbox in the shared store
        from assistant.operations.shared_outbox import Owner

        owner = Owner(settings.database_url)
        owner.hold()  # before anything is written under its key
        request.outbox = application.bot_data["outbox"] = Outbox(
            services.db, services.clock, request, backoff=max(tuning.backoff, 0.01) * 2, owner=owner)
    queue.edge = Edge(inbox, audit_cleaned(services))
    if isinstance(updates_request, UpdatesRequest):
        updates_request.edge = queue.edge
    # Reminder times follow the configured timezone (DOCBOT_TIMEZONE, default Asia/Shanghai).
    from assistant.records.reminders import Schedule

    application.bot_data["records_schedule"] = Schedule(timezone=settings.timezone)
    application.add_handler(TypeHandler(Update, gate), group=-10)
    loaded = handler_modules(modules)
    for module in loaded:
        module.register(application)
    register_fallback(application)
    application.add_error_handler(on_error)
    application.bot_data["commands"] = [c for m in loaded for c in getattr(m, "COMMANDS", [])]
    application.bot_data["startup"] = [m.on_startup for m in loaded if hasattr(m, "on_startup")]
    if settings.shared:
        from bot.shared_worker import install

        application.bot_data["concurrency"] = tuning.concurrency
        install(application, queue, tuning.concurrency)
    return application


async def post_init(application: Application) -> None:
    """Register the commands with Telegram and run the modules' start-up hooks. The default scope is
    everyone's, strangers included: only the commands everyone has, never the admin's, not even until a
    start-up hook publishes the per-role menus (handlers/menus.py)."""
    commands = [BotCommand(name, description)
                for name, description in commands_for(None, application.bot_data["commands"])]
    try:
        await application.bot.set_my_commands(commands)
    except TelegramError:  # a missing command menu must not keep the bot from answering
        log.warning("setMyCommands failed", exc_info=True)
    for hook in application.bot_data["startup"]:
        await hook(application)
    if outbox := application.bot_data.get("outbox"):
        await outbox.resume(application.bot.base_url)  # before the replay: its messages go after these
    await replay(application)  # last: the handlers' start-up state (records runtime) is ready
    if application.job_queue is not None:
        application.job_queue.run_repeating(heartbeat, interval=status.HEARTBEAT, first=1, name="heartbeat")


async def heartbeat(context: DocbotContext) -> None:
    """The loop is alive: `docbot status --check` (Docker HEALTHCHECK) reads this file. Hourly, the
    inbox forgets long-finished updates and old buttons (inline: the inbox file is the loop's)."""
    services: Services = context.bot_data["services"]
    await services.run(status.write_heartbeat, context.bot_data["settings"], services.clock(),
                       services.health.snapshot())  # docbot status shows the bot's degraded state from it
    beats = context.bot_data["heartbeats"] = context.bot_data.get("heartbeats", 0) + 1
    if (inbox := context.bot_data.get("inbox")) and beats % PRUNE_EVERY_BEATS == 0:
        inbox_core.prune(inbox.db, now=services.clock())
        services.tokens.prune()
    elif services.shared and beats % PRUNE_EVERY_BEATS == 0:
        from assistant.operations import shared_inbox

        await services.run(shared_inbox.prune, services.db)


async def post_shutdown(application: Application) -> None:
    services: Services = application.bot_data["services"]
    if "shared_worker" in application.bot_data:
        from bot.shared_worker import stop

        await stop(application)
    services.close()  # queued conversation steps stored, database thread stopped
    if outbox := application.bot_data.get("outbox"):
        await outbox.close()  # waiting messages stay in the outbox for the next start
    if inbox := application.bot_data.get("inbox"):
        inbox.close()


async def on_error(update: object, context: DocbotContext) -> None:
    """Log every failure with its update, and tell the user instead of going silent."""
    shown = update.to_dict() if isinstance(update, Update) else repr(update)
    context.bot_data["services"].health.error(context.error, context.bot_data["services"].clock())  # for /status
    # A known condition with its own reply (assistant.storage.store.StoreUnwritable: disk full): one line, no traceback.
    reply = getattr(context.error, "user_reply", None)
    if reply:
        log.warning("update %s not handled: %s", getattr(update, "update_id", "?"), context.error)
    else:
        log.error("error while handling update %s", shown, exc_info=context.error)
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is None:
        return
    try:
        await context.bot.send_message(chat.id, reply or ERROR_REPLY)
    except TelegramError:
        log.warning("could not send the error reply to chat %s", chat.id, exc_info=True)


def webhook_options(settings: Settings) -> dict:
    """run_webhook arguments: listen on the public URL's path, verify Telegram's secret header."""
    secret = hashlib.sha256(settings.telegram_token.encode()).hexdigest()[:32]
    return {"listen": settings.webhook_listen, "port": settings.webhook_port,
            "url_path": urlparse(settings.webhook_url).path.lstrip("/"),
            "webhook_url": settings.webhook_url, "secret_token": secret}
