"""Exactly once under kills at any moment (issue 20, item 1): the real bot process against the loopback
fake Bot API, a few hundred mixed messages (questions, /rectify, notes with 确认) from several users,
SIGKILL at random moments — several times, including while the previous kill's backlog is being
replayed — and a restart each time. Every message is answered exactly once, in order per chat, and
no record is stored twice.

The failure it reproduced: the replay claimed the whole backlog at start-up, so a second kill during
the replay marked all of it "given up" (188 of 1,840 messages lost in 3 of 8 runs).

What "exactly once" can mean across a kill: a message Telegram accepted in the instant before the
process recorded it as sent is sent again after the restart (Telegram has no idempotency key). So just
before each kill the fake stops answering sends (they stay in flight and are never delivered) and the
test waits until every send it did answer is recorded in the outbox; the kill itself then lands with
updates fetched and unacknowledged, stored and unhandled, handled with their records committed and
their replies unsent, and replies in flight.
"""

import asyncio
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from assistant.storage.store import open_db
from tests.telegram.test_inbox import _env, _is_reminder, _start

pytestmark = pytest.mark.e2e
SEED = 20
USERS = (1, 2, 3, 4, 5, 6)
STEPS = 26  # per user; a step is a burst of 1-3 questions or /rectify, or a note and its 确认
KILLS = 5
DURABLE = ("sendMessage", "editMessageReplyMarkup", "editMessageText")
NOTE = "走访记录：王焕清 11月5日到东山街督导，召开座谈会，查阅三会一课记录，发现{issue}，要求一个月内整改"


def _script(rng: random.Random, user: int) -> list[list[tuple[str, str]]]:
    """Per step: [(kind, text)]; kind q (question), r (/rectify) or n (note)."""
    steps = []
    for step in range(STEPS):
        if rng.random() < 0.15:
            steps.append([("n", NOTE.format(issue=f"用户{user}记录问题{step}"))])
            continue
        burst = []
        for k in range(rng.randint(1, 3)):
            if rng.random() < 0.25:
                burst.append(("r", f"/rectify 东山街 用户{user}问题{step}之{k} 11月5日"))
            else:
                burst.append(("q", f"越秀工作要点第{rng.randint(1, 37)}项谁牵头？"))
        steps.append(burst)
    return steps


def _matches(kind: str, text: str, reply: str) -> bool:
    if kind == "q":
        return f"第{text.split('第')[1].split('项')[0]}项" in reply
    if kind == "r":
        return reply.startswith("已登记第") and text.split()[2] in reply
    if kind == "n":
        return "王焕清" in reply and "确认" in reply
    return reply.startswith("✅ 已保存第")  # the 确认 press


class World:
    def __init__(self, fake_api, data: Path):
        self.api, self.data = fake_api, data
        self.replies = 0  # delivered, reminders apart
        self.kill_at: int | None = None
        self.kill_now = asyncio.Event()
        fake_api.listeners.append(self._heard)

    def _heard(self, call) -> None:
        if call.method != "sendMessage" or _is_reminder(call):
            return
        self.replies += 1
        if self.kill_at is not None and self.replies >= self.kill_at:
            self.api.hold(*DURABLE)  # from here on nothing more is delivered until the kill
            self.kill_at = None
            self.kill_now.set()

    def chat(self, user: int) -> list:
        return [c for c in self.api.sent(chat_id=user) if not _is_reminder(c)]

    async def wait_chat(self, user: int, count: int) -> list:
        deadline = time.monotonic() + 120
        while len(found := self.chat(user)) < count:
            assert time.monotonic() < deadline, f"user {user}: {len(found)} of {count} replies"
            await asyncio.sleep(0.01)
        return found

    def outbox_sent(self) -> int:
        path = self.data / "inbox.sqlite3"
        if not path.exists():
            return 0
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
            try:
                return conn.execute(f"SELECT count(*) FROM outbox WHERE status = 'sent' AND method IN "  # noqa: S608
                                    f"({','.join('?' * len(DURABLE))})", DURABLE).fetchone()[0]
            except sqlite3.OperationalError:  # the table is not there yet
                return 0

    async def settle_sends(self) -> None:
        """Until every send the fake answered is recorded as sent by the bot."""
        deadline = time.monotonic() + 30
        while self.outbox_sent() < sum(len(self.api.sent(m)) for m in DURABLE):
            assert time.monotonic() < deadline, "answered sends never recorded in the outbox"
            await asyncio.sleep(0.005)


async def _user(world: World, user: int, steps) -> None:
    expected = 0
    for burst in steps:
        if burst[0][0] == "n":
            world.api.push(world.api.text(burst[0][1], user=user))
            expected += 1
            preview = (await world.wait_chat(user, expected))[-1]
            assert preview.buttons, f"user {user}: the note was answered {preview.text[:60]!r}"
            world.api.push(world.api.press(preview.buttons[0][1], user=user))
            expected += 1
        else:
            world.api.push(*(world.api.text(text, user=user) for _, text in burst))
            expected += len(burst)
        await world.wait_chat(user, expected)


async def test_random_sigkills_including_during_replay_answer_every_message_exactly_once_in_order(fake_api,
                                                                                                  tmp_path):
    rng = random.Random(SEED)
    data = tmp_path / "data"
    env = _env(fake_api, data, ",".join(map(str, USERS)))
    scripts = {u: _script(rng, u) for u in USERS}
    total = sum(len(burst) + (burst[0][0] == "n") for steps in scripts.values() for burst in steps)
    world = World(fake_api, data)
    # Kill points: some in the stream, each followed by one during the restarted bot's replay.
    stream = sorted(rng.sample(range(total // 8, total - total // 8), KILLS - KILLS // 2))
    plan = []
    for point in stream:
        plan += [("stream", point)] + ([("replay", rng.randint(0, 2))] if len(plan) < KILLS - 1 else [])
    plan = plan[:KILLS]
    starts = [time.perf_counter()]
    proc = await _start(env)
    users = asyncio.gather(*(_user(world, u, s) for u, s in scripts.items()))
    kills, started = [], time.monotonic()
    try:
        for kind, point in plan:
            world.kill_now.clear()
            world.kill_at = point if kind == "stream" else world.replies + point
            done, _ = await asyncio.wait([users, asyncio.ensure_future(world.kill_now.wait())],
                                         return_when=asyncio.FIRST_COMPLETED)
            assert not users.done() or users.exception() is None, users.exception()
            if not world.kill_now.is_set():
                break
            await world.settle_sends()
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
            kills.append((kind, world.replies))
            fake_api.release(*DURABLE, drop=True)  # sends in flight at the kill never arrived
            starts.append(time.perf_counter())
            proc = await _start(env)
        world.kill_at = None
        await users
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), timeout=30)
        assert proc.returncode == 0, (tmp_path / "bot.log").read_text()[-3000:]
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        users.cancel()
    assert len(kills) == KILLS and [k for k, _ in kills].count("replay") >= 2, kills
    for user, steps in scripts.items():  # every message answered once, in order
        sent = [item for burst in steps for item in
                (burst if burst[0][0] != "n" else [burst[0], ("p", "确认")])]
        replies = world.chat(user)
        assert len(replies) == len(sent), f"user {user}: {len(replies)} replies to {len(sent)} messages"
        wrong = [(k, t, r.text[:40]) for (k, t), r in zip(sent, replies, strict=True) if not _matches(k, t, r.text)]
        assert not wrong, f"user {user}: {wrong[:3]}"
    db = open_db(data / "docbot.sqlite3")
    issues = [r["issue"] for r in db["rectifications"].rows]
    notes = sum(burst[0][0] == "n" for steps in scripts.values() for burst in steps)
    rectifies = sum(k == "r" for steps in scripts.values() for burst in steps for k, _ in burst)
    assert len(issues) == len(set(issues)) == rectifies + notes
    assert db["visits"].count == notes
    up = [min(c.at for c in fake_api.calls if c.method == "getMe" and c.at > t) - t for t in starts]
    print(f"{total} updates, kills {kills}, {time.monotonic() - started:.1f} s, "  # noqa: T201
          f"start-ups {' '.join(f'{u:.1f}' for u in up)} s")
