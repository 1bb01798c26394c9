"""`docbot run`: start the Telegram bot (long polling; `--webhook` behind a reverse proxy)."""

from __future__ import annotations

import logging
import shutil
import signal
import sys

from bot.config import Settings, load_settings
from corpus import BUNDLED_DIR

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]


def seed_corpus(settings: Settings) -> None:
    """A writable corpus directory that does not exist yet starts as a copy of the bundled documents
    (so uploads in a container land on the data volume, not inside the package)."""
    target = settings.corpus_dir
    if target.resolve() != BUNDLED_DIR.resolve() and not target.exists():
        shutil.copytree(BUNDLED_DIR, target)


def json_lines(logger: logging.Logger) -> None:
    """The question log (handlers/oplog.py) as bare JSON lines on stderr, for log collectors."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def run(args) -> int:
    settings = load_settings()
    if not settings.telegram_token:
        print("未设置 TELEGRAM_BOT_TOKEN：请先在 BotFather 创建机器人并设置该环境变量。", file=sys.stderr)
        return 2
    if args.webhook and not settings.webhook_url:
        print("使用 --webhook 时必须设置 DOCBOT_WEBHOOK_URL（Telegram 可访问的 https 地址）。", file=sys.stderr)
        return 2
    logging.getLogger().setLevel(min(logging.getLogger().level, logging.INFO))
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise
    json_lines(logging.getLogger("docbot.questions"))
    from assistant.storage.store import StoreCorrupt
    from bot.app import Tuning, build_application, build_services, tune_process, webhook_options

    tune_process()
    seed_corpus(settings)
    try:
        services = build_services(settings)
    except StoreCorrupt as e:  # refuse to start; the damaged file is left as it is
        print(f"错误：{e}", file=sys.stderr)
        return 1
    application = build_application(settings, services)
    tuning = Tuning()
    stop_signals = (signal.SIGINT, signal.SIGTERM)
    log.info("docbot starting (%s)", "webhook" if args.webhook else "polling")
    if args.webhook:
        application.run_webhook(**webhook_options(settings), bootstrap_retries=tuning.bootstrap_retries,
                                stop_signals=stop_signals, allowed_updates=ALLOWED_UPDATES)
    else:
        application.run_polling(bootstrap_retries=tuning.bootstrap_retries, stop_signals=stop_signals,
                                allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
    log.info("docbot stopped")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("run", help="启动 Telegram 机器人（需要 TELEGRAM_BOT_TOKEN）")
    parser.add_argument("--webhook", action="store_true",
                        help="使用 webhook 接收消息（需 DOCBOT_WEBHOOK_URL），默认长轮询")
    parser.set_defaults(func=run)
