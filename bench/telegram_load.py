"""Load generator for bench_telegram: the fake Bot API in its own process, driving closed-loop users.

Telegram's servers are not on the bot's machine, so the benchmark keeps the fake server's CPU out of
the bot's process: this process serves the Bot API on 127.0.0.1, prints its port, and as soon as the
bot polls, every user sends a question, waits for the answer (sendMessage to their chat), sends the
next. It prints one JSON line with the figures, then serves on until stdin closes.

    python -m bench.telegram_load USERS PER_USER [MIX]

MIX ``structured`` (default): every question is a structured one (牵头/配合/挂点/单位). ``mixed``: every
other question of each user is a free one, answered by search (the development set's retrieve
questions).
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
# Free questions: the development set's retrieve questions, every one answered by search (intent "search").
FREE_QUESTIONS = [
    "考核多少分以下为不合格", "领导小组组长和副组长的评价占多少分", "处级以上领导干部集中学习要几天", "党代表每年到工作室活动几次",
    "区委组织部负责考评的任务占多少分", "市直机关党建工作经费从哪里来", "党建工作经费每年要不要增加", "中心组成员每年要写几篇学习体会",
    "河洛清风大讲堂多久办一次", "发展党员中有哪些违规问题要严肃处理", "2018年基层党建的年度主题", "一把手监督十项措施是哪一年印发的",
    "调研一共收回多少份有效问卷", "检查考核工作安排在什么时间", "述责述廉的报告要放到哪里", "谈话记录和函询回复最后怎么处理",
    "机关党委书记一般由谁担任",
]
FIRST_USER = 10_001
WARMUP = 3  # questions per user before measuring


def question(uid: int, k: int, mix: str) -> str:
    """User ``uid``'s ``k``-th question."""
    if mix == "mixed" and k % 2:
        return FREE_QUESTIONS[(uid + k // 2) % len(FREE_QUESTIONS)]
    return QUESTIONS[(uid + k) % len(QUESTIONS)]


async def drive(api: FakeBotApi, users: int, per_user: int, mix: str = "structured") -> dict:
    total = WARMUP + per_user
    sent_at: dict[int, float] = {}
    count = dict.fromkeys(range(FIRST_USER, FIRST_USER + users), 0)
    latencies: list[float] = []
    finished = asyncio.Event()
    marks: dict[str, float] = {}

    def ask(uid: int) -> None:
        sent_at[uid] = time.perf_counter()
        api.push(api.text(question(uid, count[uid], mix), user=uid))

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
    return {"rate": len(latencies) / elapsed if elapsed else 0.0, "p50": p50, "p95": p95, "n": len(latencies),
            "answered": sum(count.values())}


async def main(users: int, per_user: int, mix: str) -> None:
    async with FakeBotApi() as api:
        print(api.port, flush=True)
        print(json.dumps(await drive(api, users, per_user, mix)), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until the bench is done


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "structured"))
