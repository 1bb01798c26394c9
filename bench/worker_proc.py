"""One webhook worker for bench_workers, built as `docbot run --webhook` builds it but with Telegram's
flood limits off (the benchmark measures the bot, not what Telegram allows). Settings from the
environment, as `docbot run` reads them.

    python -m bench.worker_proc
"""

from __future__ import annotations

import logging
import signal

from bot.app import Tuning, build_application, build_services, tune_process, webhook_options
from bot.commands.run import ALLOWED_UPDATES
from bot.config import load_settings


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    tune_process()
    settings = load_settings()
    application = build_application(settings, build_services(settings),
                                    Tuning(overall_max_rate=0, group_max_rate=0))
    application.run_webhook(**webhook_options(settings), stop_signals=(signal.SIGTERM, signal.SIGINT),
                            allowed_updates=ALLOWED_UPDATES)


if __name__ == "__main__":
    main()
