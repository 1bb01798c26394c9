"""Several workers (issue 18): answered questions per second with webhook workers on a shared
PostgreSQL store against one webhook worker on the embedded SQLite store — same machine, same loopback
fake Bot API, same closed-loop users, same questions (bench/telegram_load.py's).

Each worker is a real process (bench/worker_proc.py: `docbot run --webhook` with flood limits off).
This process serves the fake Bot API and plays the load balancer: each question is posted to the next
worker's webhook in turn; a user's next question goes out when the previous answer arrived. PostgreSQL
is a throwaway cluster on 127.0.0.1 (tests/support/postgres.py; fsync off, as the SQLite inbox runs
with synchronous=NORMAL). Bot CPU per question: the workers' CPU (from /proc) over the questions.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

from bench.stats import percentiles

ROOT = Path(__file__).resolve().parent.parent
USERS, PER_USER, WARMUP = 32, 20, 3


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _measure(workers: int, url: str | None) -> dict:
    import httpx

    from bench.telegram_load import FIRST_USER, QUESTIONS
    from tests.support.fake_bot_api import TOKEN, FakeBotApi
    from tests.support.postgres import fresh_schema

    api = await FakeBotApi().start()
    ports, procs = [_port() for _ in range(workers)], []
    store = fresh_schema(url) if url else None
    try:
        for i, port in enumerate(ports):
            env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.base_url,
                   "DOCBOT_ADMINS": ",".join(str(FIRST_USER + u) for u in range(USERS)), "HF_HUB_OFFLINE": "1",
                   "DOCBOT_EMBEDDING_MODEL": "none", "NO_PROXY": "127.0.0.1,localhost",
                   "DOCBOT_DATA_DIR": tempfile.mkdtemp(prefix=f"bench-worker{i}-"),
                   "DOCBOT_WEBHOOK_URL": "https://bench.invalid/hook", "DOCBOT_WEBHOOK_LISTEN": "127.0.0.1",
                   "DOCBOT_WEBHOOK_PORT": str(port)}
            if store:
                env["DOCBOT_DATABASE_URL"] = store
            procs.append(await asyncio.create_subprocess_exec(sys.executable, "-m", "bench.worker_proc", cwd=ROOT,
                                                              env=env, stderr=asyncio.subprocess.DEVNULL))
            await api.wait_for("setWebhook", i + 1, timeout=120)
        secret = api.sent("setWebhook")[0].params["secret_token"]
        for port in ports:
            while True:
                try:
                    _, w = await asyncio.open_connection("127.0.0.1", port)
                    w.close()
                    break
                except OSError:
                    await asyncio.sleep(0.05)
        return await _drive(api, ports, secret, procs, httpx, FIRST_USER, QUESTIONS)
    finally:
        for p in procs:
            p.terminate()
            await p.wait()
        await api.close()


async def _drive(api, ports, secret, procs, httpx, first_user, questions) -> dict:
    total = WARMUP + PER_USER
    count = dict.fromkeys(range(first_user, first_user + USERS), 0)
    sent_at: dict[int, float] = {}
    latencies: list[float] = []
    todo: asyncio.Queue[int] = asyncio.Queue()
    marks: dict[str, float] = {}
    finished = asyncio.Event()
    turn = itertools.cycle(ports)

    def on_call(call) -> None:
        uid = call.chat_id
        if call.method != "sendMessage" or uid not in count:
            return
        count[uid] += 1
        if count[uid] > WARMUP:
            latencies.append((call.at - sent_at[uid]) * 1000)
        if count[uid] == WARMUP and all(c >= WARMUP for c in count.values()):
            marks["start"], marks["cpu"] = time.perf_counter(), sum(_cpu_s(p.pid) for p in procs)
        if count[uid] < total:
            todo.put_nowait(uid)
        elif all(c >= total for c in count.values()):
            finished.set()

    async def poster(client) -> None:
        while True:
            uid = await todo.get()
            sent_at[uid] = time.perf_counter()
            update = api.text(questions[(uid + count[uid]) % len(questions)], user=uid)
            await client.post(f"http://127.0.0.1:{next(turn)}/hook", json=update,
                              headers={"X-Telegram-Bot-Api-Secret-Token": secret})

    api.listeners.append(on_call)
    for uid in count:
        todo.put_nowait(uid)
    async with httpx.AsyncClient(timeout=30) as client:
        posters = [asyncio.create_task(poster(client)) for _ in range(USERS)]
        await asyncio.wait_for(finished.wait(), 600)
        for t in posters:
            t.cancel()
    elapsed = time.perf_counter() - marks["start"]
    cpu = sum(_cpu_s(p.pid) for p in procs) - marks["cpu"]
    p50, p95 = percentiles(latencies)
    return {"rate": len(latencies) / elapsed, "p50": p50, "p95": p95, "n": len(latencies),
            "cpu_ms": cpu * 1000 / len(latencies)}


def run() -> str:
    from tests.support import postgres

    rows = []
    with postgres.cluster() as url:
        for label, workers, store in (("1 worker, SQLite (embedded default)", 1, None),
                                      ("1 worker, PostgreSQL", 1, url),
                                      ("2 workers, PostgreSQL", 2, url)):
            r = asyncio.run(_measure(workers, store))
            rows.append(f"| {label} | {USERS} | {r['n']} | {r['rate']:.0f} | {r['p50']:.1f} ms | "
                        f"{r['p95']:.1f} ms | {r['cpu_ms']:.2f} ms |")
    load = os.getloadavg()[0]
    return (
        "## Several workers (webhook, issue 18)\n\n"
        f"Structured questions posted to `docbot run --webhook` workers (flood limits off) by {USERS} closed-loop "
        "users through a loopback round-robin balancer; the fake Bot API in the benchmark process. One run per "
        f"row; the machine has {os.cpu_count()} cores and is shared (1-minute load average {load:.1f} at the end).\n\n"
        "| workers, store | users | questions | answered/s | p50 latency | p95 latency | workers' CPU per question |\n"
        "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
        "Workers' CPU leaves out the PostgreSQL server's own. PostgreSQL costs more per question than SQLite (each update: stored, claimed in its own transaction, "
        "contexts written before it counts as done, every write transaction behind one advisory lock); a second "
        "worker adds throughput only with cores to spare — on a 2-core machine the workers, PostgreSQL and the "
        "load generator share the same two. The point of several workers is surviving the loss of one.\n"
    )


if __name__ == "__main__":
    print(run())
