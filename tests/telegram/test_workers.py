"""Acceptance (issue 18): two `docbot run --webhook` workers on one PostgreSQL store, fed by a small
loopback load balancer (this test: alternate workers, retry on the other when one fails), answering
through the fake Bot API over PTB's real HTTP stack. Hundreds of questions from many users; one
worker is SIGKILLed mid-run and restarted. Every question is answered exactly once, and each chat's
answers come in the order of its questions.

What "exactly once" can mean across a kill (as in tests/telegram/test_random_kills.py): a reply Telegram
accepted in the instant before its worker recorded it is sent again (Telegram has no idempotency key).
So just before the kill the fake stops answering sends (they stay in flight, and the killed worker's
are never delivered) and the test waits until every send it did answer is recorded in the shared
outbox; the kill then lands with updates claimed and unfinished, replies written and unsent, and
replies in flight. Before the shared outbox this run saw 2–3 duplicate replies."""

import asyncio
import os
import re
import signal
import socket
import sys
from pathlib import Path

import httpx
import psycopg
import pytest

from tests.support.fake_bot_api import TOKEN

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
USERS, PER_USER = 20, 10  # 200 questions
KILL_AFTER = 60  # answers seen before one worker is killed
ITEM = re.compile(r"第(\d+)项")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Workers:
    """The worker processes and the load balancer in front of them."""

    def __init__(self, fake_api, url: str, tmp_path: Path):
        self.fake_api, self.url, self.tmp_path = fake_api, url, tmp_path
        self.ports = [_free_port(), _free_port()]
        self.procs: list[asyncio.subprocess.Process | None] = [None, None]
        self.secret = ""
        self._turn = 0

    async def start(self, i: int) -> None:
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": self.fake_api.base_url,
               "DOCBOT_ADMINS": ",".join(str(u) for u in range(1, USERS + 1)), "HF_HUB_OFFLINE": "1",
               "DOCBOT_DATA_DIR": str(self.tmp_path / f"worker{i}"), "NO_PROXY": "127.0.0.1,localhost",
               "DOCBOT_DATABASE_URL": self.url, "DOCBOT_WEBHOOK_URL": "https://bot.example.org/tg/hook",
               "DOCBOT_WEBHOOK_LISTEN": "127.0.0.1", "DOCBOT_WEBHOOK_PORT": str(self.ports[i])}
        before = len(self.fake_api.sent("setWebhook"))
        self.procs[i] = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--webhook", cwd=ROOT, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        hooks = await self.fake_api.wait_for("setWebhook", before + 1, timeout=90)
        self.secret = hooks[-1].params["secret_token"]
        for _ in range(900):  # the webhook server listens (set up beside setWebhook)
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", self.ports[i])
                writer.close()
                return
            except OSError:
                await asyncio.sleep(0.1)
        raise AssertionError(f"worker {i} never listened")

    def kill(self, i: int) -> None:
        self.procs[i].send_signal(signal.SIGKILL)

    async def post(self, client: httpx.AsyncClient, update: dict) -> None:
        """Like a load balancer: the next worker; on failure (a dead one) the other, until one took it."""
        for attempt in range(200):
            i = self._turn = (self._turn + 1) % 2
            try:
                r = await client.post(f"http://127.0.0.1:{self.ports[i]}/tg/hook", json=update,
                                      headers={"X-Telegram-Bot-Api-Secret-Token": self.secret})
                if r.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.05 if attempt % 2 else 0)
        raise AssertionError(f"no worker took update {update['update_id']}")

    async def close(self) -> None:
        for proc in self.procs:
            if proc is not None and proc.returncode is None:
                proc.kill()
                await proc.wait()


def _answers(fake_api) -> dict[int, list[int]]:
    """Item numbers answered, per chat, in the order the fake Bot API received them."""
    got: dict[int, list[int]] = {}
    for call in fake_api.sent("sendMessage"):
        if (m := ITEM.search(call.text)) and call.chat_id:
            got.setdefault(call.chat_id, []).append(int(m.group(1)))
    return got


def _outbox_sent(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("select count(*) from outbox where status = 'sent' and method = 'sendMessage'"
                            ).fetchone()[0]


async def _settle(fake_api, url: str) -> None:
    """Until every send the fake answered is recorded as sent by its worker."""
    for _ in range(3000):
        if await asyncio.to_thread(_outbox_sent, url) >= len(fake_api.sent("sendMessage")):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("answered sends never recorded in the outbox")


async def test_two_workers_answer_every_message_once_in_order_across_a_kill(fake_api, postgres_url, tmp_path):
    workers = Workers(fake_api, postgres_url, tmp_path)
    try:
        await workers.start(0)  # one after the other: each waits for its own setWebhook
        await workers.start(1)
        queues = {u: [fake_api.text(f"越秀工作要点第{k}项谁牵头？", user=u) for k in range(1, PER_USER + 1)]
                  for u in range(1, USERS + 1)}

        async def user(client, updates):  # Telegram delivers a chat's updates one after another
            for update in updates:
                await workers.post(client, update)

        async with httpx.AsyncClient(timeout=10) as client:
            forged = await client.post(f"http://127.0.0.1:{workers.ports[0]}/tg/hook", json=fake_api.text("伪造"))
            assert forged.status_code == 403  # without Telegram's secret header: not stored, not answered
            senders = asyncio.gather(*(user(client, q) for q in queues.values()))
            await fake_api.wait_for("sendMessage", KILL_AFTER, timeout=120)
            fake_api.hold("sendMessage")
            await _settle(fake_api, postgres_url)
            workers.kill(1)
            await workers.procs[1].wait()
            fake_api.release("sendMessage", drop=True)  # sends in flight at the kill never arrived
            await workers.start(1)  # restarted: takes its share again
            await senders
        total = USERS * PER_USER
        for _ in range(1200):
            answered = _answers(fake_api)
            if sum(len(set(v)) for v in answered.values()) >= total:
                break
            await asyncio.sleep(0.1)
        answered = _answers(fake_api)
        with psycopg.connect(postgres_url) as conn:
            retried = conn.execute("select count(*) from shared_inbox_attempts where attempts > 1").fetchone()[0]
            done = conn.execute("select count(*) from shared_inbox where status = 'done'").fetchone()[0]
        assert done == total
        for chat in queues:
            items = answered.get(chat, [])
            first_seen = list(dict.fromkeys(items))
            assert first_seen == list(range(1, PER_USER + 1)), (chat, items)  # every one, in order
        duplicates = sum(len(v) - len(set(v)) for v in answered.values())
        assert duplicates == 0, (duplicates, {c: v for c, v in answered.items() if len(v) != len(set(v))})
        print(f"\n{total} questions, 2 workers, 1 SIGKILL: {retried} updates claimed again, "
              f"{duplicates} answered twice")
    finally:
        await workers.close()
