"""Load generator for bench_telegram: the fake Bot API in its own process, driving closed-loop users.

Telegram's servers are not on the bot's machine, so the benchmark keeps the fake server's CPU out of
the bot's process: this process serves the Bot API on 127.0.0.1, prints its port, and as soon as the
bot polls, every user sends a question, waits for the answer (sendMessage to their chat), sends the
next. It prints one JSON line with the figures, then serves on until stdin closes.

    python -m bench.telegram_load USERS PER_USER
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

from bench.stats import percentiles
from tests.support.fake_bot_api import FakeBotApi

QUESTIONS = [
    "越秀工作要点第17项谁牵头？", "越秀区工作要点第3项谁牵头", "党内监督工作方案第12项谁牵头谁配合",
    "监督条例方案第30项的牵头单位和配合单位", "越秀工作要点第26项由谁负责", "工作要点第十五项谁牵头",
    "苏佩联系哪个社区", "谁挂点联系第七中学", "陈灏挂点哪个街道", "光塔街由哪些区领导挂点联系",
    "区信访局要配合哪些工作？", "区审计局要配合哪些事",
]
FIRST_USER = 10_001
WARMUP = 3  # questions per user before measuring


async def drive(api: FakeBotApi, users: int, per_user: int) -> dict:
    total = WARMUP + per_user
    sent_at: dict[int, float] = {}
    count = dict.fromkeys(range(FIRST_USER, FIRST_USER + users), 0)
    latencies: list[float] = []
    finished = asyncio.Event()
    marks: dict[str, float] = {}

    def ask(uid: int) -> None:
        sent_at[uid] = time.perf_counter()
        api.push(api.text(QUESTIONS[(uid + count[uid]) % len(QUESTIONS)], user=uid))

    def on_call(call) -> None:
        uid = call.chat_id
        if call.method != "sendMessage" or uid not in count:
            return
        count[uid] += 1
        if count[uid] > WARMUP:
            latencies.append((call.at - sent_at[uid]) * 1000)
        if count[uid] == WARMUP and all(c >= WARMUP for c in count.values()):
            marks.setdefault("start", time.perf_counter())
        if count[uid] < total:
            ask(uid)
        elif all(c >= total for c in count.values()):
            finished.set()

    api.listeners.append(on_call)
    while not any(c.method == "getUpdates" for c in api.calls):  # noqa: ASYNC110 - the bot is polling
        await asyncio.sleep(0.01)
    for uid in count:
        ask(uid)
    await finished.wait()
    elapsed = time.perf_counter() - marks.get("start", time.perf_counter())
    p50, p95 = percentiles(latencies)
    return {"rate": len(latencies) / elapsed if elapsed else 0.0, "p50": p50, "p95": p95, "n": len(latencies)}


async def main(users: int, per_user: int) -> None:
    async with FakeBotApi() as api:
        print(api.port, flush=True)
        print(json.dumps(await drive(api, users, per_user)), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until the bench is done


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
