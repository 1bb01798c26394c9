"""One bot for bench_telegram, in its own process so its CPU time and memory are its own.

    python -m bench.telegram_bot KIND PORT USERS [--modules a,b] [--no-inbox] [--embedding NAME] [--pieces]

KIND ``echo``: a minimal python-telegram-bot echo bot (one MessageHandler replying with the text), with
the same concurrency and HTTP connection pool as docbot: the ceiling the loopback API and PTB allow.
KIND ``docbot``: the bot as `docbot run` builds it (bot/app.py, all handler modules unless --modules,
the durable inbox unless --no-inbox, the search index opened and the dense side loaded before polling
starts, so no question waits for the model). Flood limits are off in both.

Prints ``polling`` once it polls; on a ``stop`` line on stdin prints one JSON line: CPU seconds since
polling started (all threads), RSS now and peak (MB); then shuts down. ``BENCH_PROFILE=FILE`` writes a
cProfile of the event loop's thread while polling, timed by that thread's CPU clock (not wall time,
which on a shared machine mostly measures waiting for a core). ``--pieces``: the JSON line also has the
CPU time of each timed piece of the hot path (bench/telegram_pieces.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.telegram_load import FIRST_USER
from tests.support.fake_bot_api import TOKEN


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _thread_cpu() -> dict[str, float]:
    """CPU seconds (user + sys) of each live thread, by Python thread name (threads of one pool summed)."""
    import threading

    tick = os.sysconf("SC_CLK_TCK")
    names = {t.native_id: t.name.rsplit("_", 1)[0] for t in threading.enumerate()}
    out: dict[str, float] = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        name = names.get(int(task.name), "other (C threads)")
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return out


def echo_app(base_url: str, concurrency: int, pool_size: int):
    from telegram.ext import Application, MessageHandler, filters
    from telegram.request import HTTPXRequest

    async def echo(update, context) -> None:
        await update.message.reply_text(update.message.text)

    async def nothing(application) -> None:  # the polling harness calls both hooks
        return None

    app = (Application.builder().token(TOKEN).base_url(base_url)
           .request(HTTPXRequest(connection_pool_size=pool_size))
           .get_updates_request(HTTPXRequest())
           .concurrent_updates(concurrency).post_init(nothing).post_shutdown(nothing).build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


def docbot_app(base_url: str, users: int, modules: list[str] | None, inbox: bool, embedding: str):
    from assistant.questions.ask import item_text
    from assistant.questions.router import build_router
    from assistant.storage.store import open_db
    from bot.app import Tuning, build_application, tune_process
    from bot.config import Settings
    from bot.services import build_knowledge
    from handlers.context import Services
    from tests.support.telegram_harness import FIXED_NOW

    tune_process()  # as `docbot run` does
    settings = Settings(telegram_token=TOKEN, telegram_api_base_url=base_url, embedding_model=embedding,
                        admins=frozenset(range(FIRST_USER, FIRST_USER + users)),
                        data_dir=Path(os.environ.get("BENCH_DATA_DIR") or tempfile.mkdtemp(prefix="bench-telegram-")))
    knowledge = build_knowledge(settings, long_running=True)
    searcher = knowledge.searcher  # opened now, as the bot's warm-up thread would
    if searcher is not None and hasattr(searcher, "wait_dense"):
        searcher.wait_dense(900)
    services = Services(db=open_db(settings.db_path), knowledge=knowledge, router=build_router(), item_text=item_text,
                        clock=lambda: FIXED_NOW, admins=settings.admins)
    return build_application(settings, services, Tuning(overall_max_rate=0, group_max_rate=0, inbox=inbox),
                             modules=modules)


async def main(argv: list[str]) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("kind", choices=["echo", "docbot"])
    p.add_argument("port", type=int)
    p.add_argument("users", type=int)
    p.add_argument("--modules", default="")
    p.add_argument("--no-inbox", action="store_true")
    p.add_argument("--embedding", default="none")
    p.add_argument("--pieces", action="store_true")
    args = p.parse_args(argv)
    if args.pieces:
        from bench import telegram_pieces

        telegram_pieces.install()
    from bot.app import Tuning
    from tests.support.telegram_harness import polling

    base = f"http://127.0.0.1:{args.port}/bot"
    t = Tuning()
    if args.kind == "echo":
        if os.environ.get("BENCH_ECHO_TUNED"):
            from bot.app import tune_process

            tune_process()
        app = echo_app(base, t.concurrency, t.pool_size)
    else:
        app = docbot_app(base, args.users, [m for m in args.modules.split(",") if m] or None,
                         not args.no_inbox, args.embedding)
    loop = asyncio.get_running_loop()
    profile = None
    if os.environ.get("BENCH_PROFILE"):  # CPU profile of the event loop's thread while polling (thread_time clock)
        import cProfile

        profile = cProfile.Profile(time.thread_time)
    async with polling(app) as errors:
        cpu, threads, usage = time.process_time(), _thread_cpu(), resource.getrusage(resource.RUSAGE_SELF)
        if args.pieces:
            telegram_pieces.reset()
        if profile:
            profile.enable()
        print("polling", flush=True)
        await loop.run_in_executor(None, sys.stdin.readline)  # "stop"
        cpu = time.process_time() - cpu
        threads = {k: round(v - threads.get(k, 0.0), 2) for k, v in _thread_cpu().items()}
        sys_s = resource.getrusage(resource.RUSAGE_SELF).ru_stime - usage.ru_stime
        if profile:
            profile.disable()
            profile.dump_stats(os.environ["BENCH_PROFILE"])
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        pieces = telegram_pieces.totals() if args.pieces else {}
        print(json.dumps({"cpu_s": cpu, "rss_mb": _rss_mb(), "peak_mb": peak, "errors": len(errors),
                          "threads": threads, "sys_s": round(sys_s, 2), "pieces": pieces}), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
