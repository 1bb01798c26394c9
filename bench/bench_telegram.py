"""Telegram end to end: structured questions answered per second, and reply latency, through
python-telegram-bot's real HTTP stack (httpx, long polling) against the loopback fake Bot API.

Closed loop: N allowed users each send a question, wait for the answer, send the next. Two runs:
throughput at saturation (32 users), latency at a moderate load (8 users: by Little's law a closed
loop's latency is users / throughput, so a saturating run measures queueing, not the bot). Latency is
from the moment the update is queued at the fake server (getUpdates) to the moment the fake server
receives the sendMessage. The bot runs exactly as `docbot run` builds it (all handler modules,
including records, whose note detection runs on every plain message). The fake server runs in the same process and loop, so its own cost counts
against the bot. Telegram's flood limits (~30 messages/s per bot) are switched off here: this measures
what the bot can do, not what Telegram allows.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from pathlib import Path

from bench.stats import percentiles

QUESTIONS = [
    "越秀工作要点第17项谁牵头？", "越秀区工作要点第3项谁牵头", "党内监督工作方案第12项谁牵头谁配合",
    "监督条例方案第30项的牵头单位和配合单位", "越秀工作要点第26项由谁负责", "工作要点第十五项谁牵头",
    "苏佩联系哪个社区", "谁挂点联系第七中学", "陈灏挂点哪个街道", "光塔街由哪些区领导挂点联系",
    "区信访局要配合哪些工作？", "区审计局要配合哪些事",
]
ROUNDS = 3  # best of, since the machine is shared


async def _measure(users_n: int, per_user: int, modules: list[str] | None = None) -> dict:
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    import bot.app
    from assistant.ask import ask, item_text
    from assistant.knowledge import Knowledge
    from assistant.store import open_db
    from bot.app import Tuning, build_application
    from bot.config import Settings
    from corpus.library import load_corpus
    from handlers.context import Services
    from tests.support.fake_bot_api import TOKEN, FakeBotApi
    from tests.support.telegram_harness import FIXED_NOW, polling

    tmp = Path(tempfile.mkdtemp(prefix="bench-telegram-"))
    users = list(range(10_001, 10_001 + users_n))
    async with FakeBotApi() as api:
        settings = Settings(telegram_token=TOKEN, telegram_api_base_url=api.base_url, admins=frozenset(users),
                            data_dir=tmp)
        services = Services(db=open_db(settings.db_path), knowledge=Knowledge(load_corpus()), ask=ask,
                            item_text=item_text, clock=lambda: FIXED_NOW, admins=settings.admins)
        tuning = Tuning(overall_max_rate=0, group_max_rate=0)  # production settings, flood limits off
        saved = list(bot.app.HANDLER_MODULES)
        bot.app.HANDLER_MODULES[:] = modules or saved
        try:
            app = build_application(settings, services, tuning)
        finally:
            bot.app.HANDLER_MODULES[:] = saved
        waiting: dict[int, asyncio.Future] = {}

        def on_call(call) -> None:
            future = waiting.pop(call.chat_id, None) if call.method == "sendMessage" else None
            if future and not future.done():
                future.set_result(call.at)

        api.listeners.append(on_call)
        latencies: list[float] = []

        async def user(uid: int, count: int, record: bool) -> None:
            for n in range(count):
                future = asyncio.get_running_loop().create_future()
                waiting[uid] = future
                sent = time.perf_counter()
                api.push(api.text(QUESTIONS[(uid + n) % len(QUESTIONS)], user=uid))
                answered = await asyncio.wait_for(future, 30)
                if record:
                    latencies.append((answered - sent) * 1000)

        async with polling(app) as errors:
            await asyncio.gather(*(user(u, 3, False) for u in users))
            started = time.perf_counter()
            await asyncio.gather(*(user(u, per_user, True) for u in users))
            elapsed = time.perf_counter() - started
        replies = len(latencies)
        p50, p95 = percentiles(latencies)
        return {"rate": replies / elapsed, "p50": p50, "p95": p95, "n": replies, "errors": len(errors)}


def run() -> str:
    from bot.app import HANDLER_MODULES, Tuning, tune_process

    tune_process()  # as `docbot run` does
    rows = []
    without_records = [m for m in HANDLER_MODULES if m != "handlers.records"]
    for label, users_n, per_user, modules in (("all handler modules", 32, 40, None),
                                              ("all handler modules", 8, 100, None),
                                              ("without handlers.records", 32, 40, without_records)):
        results = [asyncio.run(_measure(users_n, per_user, modules)) for _ in range(ROUNDS)]
        r = max(results, key=lambda x: x["rate"])
        rows.append(f"| {label} | {users_n} | {r['n']} | {r['rate']:.0f} | {r['p50']:.1f} ms | "
                    f"{r['p95']:.1f} ms | {sum(x['errors'] for x in results)} |")
    t = Tuning()
    return (
        "## Telegram (end to end, loopback fake Bot API)\n\n"
        "Structured questions (牵头/配合/挂点/单位) answered through python-telegram-bot's HTTP stack with long "
        f"polling; {t.concurrency} concurrent updates, {t.pool_size} HTTP connections, flood limits off; the fake "
        f"server shares the process and its event loop. Best of {ROUNDS} runs per row.\n\n"
        "| bot | users (closed loop) | questions | answered/s | p50 latency | p95 latency | errors |\n"
        "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
        "Target: ≥ 200 answered questions/s (32 users), p95 < 100 ms (8 users). The last row shows what the "
        "records plug-in's per-message note detection (a database-thread hop) costs.\n"
    )


if __name__ == "__main__":
    print(run())
