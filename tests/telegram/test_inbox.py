"""The durable inbox (issue 10, failure 1): an update Telegram considers delivered is answered exactly
once, across a hard kill, a restart and a re-delivery; too-old ones get an apology instead."""

import asyncio
import json
import os
import signal
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.operations import inbox as core
from assistant.storage.store import open_db
from tests.support import telegram_harness as harness
from tests.support.fake_bot_api import TOKEN

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


# ---- the core, on a real store file -------------------------------------------------------------
def test_receive_is_idempotent_and_an_update_counts_a_try_only_when_its_handling_starts(tmp_path):
    db = core.open_inbox(tmp_path / "inbox.sqlite3")
    assert core.receive(db, 1, {"update_id": 1}, at=T0)
    assert core.receive(db, 1, {"update_id": 1}, at=T0)  # re-delivered before it was handled: handle it
    core.receive(db, 2, {"update_id": 2}, at=T0)
    core.receive(db, 3, {"update_id": 3}, at=T0 - timedelta(hours=2))
    core.finish(db, 2, at=T0)
    assert core.receive_many(db, [(2, "{}"), (4, "{}")], at=T0) == {2}  # handled already: dropped
    core.finish(db, 4, at=T0)
    assert core.backlog(db) == 2
    plan = core.start_replay(db, now=T0 + timedelta(minutes=1), max_age=timedelta(hours=1))
    assert [p["update_id"] for p in plan.run] == [1]
    assert [p["update_id"] for p in plan.too_old] == [3]
    # Killed again before the replay reached it (issue 20: the whole backlog was given up): replayed again.
    again = core.start_replay(db, now=T0 + timedelta(minutes=2), max_age=timedelta(hours=1))
    assert ([p["update_id"] for p in again.run], again.failed) == ([1], [])
    # Started MAX_STARTS times and never finished (it takes the process down): given up, not looped.
    for _ in range(core.MAX_STARTS):
        core.start(db, 1)
    last = core.start_replay(db, now=T0 + timedelta(minutes=3), max_age=timedelta(hours=1))
    assert (last.run, [p["update_id"] for p in last.failed]) == ([], [1])


def test_finished_updates_are_forgotten_after_three_days_pending_ones_never(tmp_path):
    db = core.open_inbox(tmp_path / "inbox.sqlite3")
    for uid in (1, 2):
        core.receive(db, uid, {"update_id": uid}, at=T0)
    core.finish(db, 1, at=T0)
    assert core.prune(db, now=T0 + timedelta(days=2)) == 0
    assert core.prune(db, now=T0 + timedelta(days=4)) == 1
    assert [r["update_id"] for r in db["inbox"].rows] == [2]


def test_a_replayed_write_returns_its_recorded_result_and_writes_nothing(tmp_path):
    db = open_db(tmp_path / "s.sqlite3")
    db["things"].insert({"id": 0, "n": 0}, pk="id")

    def write(n):
        return lambda: (db["things"].insert({"n": n}), f"stored {n}")[1]

    assert core.once(db, 7, "w", 1, write(1), at=T0) == "stored 1"
    assert core.once(db, 7, "w", 1, write(2), at=T0) == "stored 1"  # the replay: same update, same step
    assert core.once(db, 7, "r", 1, lambda: db["things"].count, at=T0) == 2  # a read is not recorded
    assert core.once(db, 7, "r", 1, lambda: "read again", at=T0) == "read again"
    assert db["things"].count == 2


def test_a_failed_write_records_nothing(tmp_path):
    db = open_db(tmp_path / "s.sqlite3")
    db["things"].insert({"id": 0}, pk="id")

    def boom():
        db["things"].insert({"id": 1})
        raise ValueError("bad")

    with pytest.raises(ValueError):
        core.once(db, 8, "boom", 1, boom, at=T0)
    assert db["things"].count == 1 and not db["inbox_effects"].count


# ---- in process, real HTTP stack ------------------------------------------------------------------
async def test_unfinished_updates_are_replayed_once_and_redelivery_is_not_answered_twice(fake_api, tmp_path,
                                                                                        knowledge):
    from assistant.questions.router import ROUTES, Route, build_router

    def slow(turn):  # the replay is still answering when Telegram re-delivers the update
        time.sleep(0.5)

    settings = harness.settings_for(fake_api, tmp_path, admins={1, 2, 3})
    services = harness.make_services(settings, knowledge, router=build_router((Route(slow), *ROUTES)))
    fresh = fake_api.text("越秀工作要点第17项谁牵头？", user=1)
    stale = fake_api.text("越秀工作要点第3项谁牵头？", user=2)
    # As a killed process left them: received, never finished.
    inbox = core.open_inbox(settings.inbox_path)
    core.receive(inbox, fresh["update_id"], fresh, at=harness.FIXED_NOW - timedelta(minutes=5))
    core.receive(inbox, stale["update_id"], stale, at=harness.FIXED_NOW - timedelta(hours=3))
    app = harness.make_app(settings, services)
    async with harness.polling(app) as errors:
        fake_api.push(fresh)  # Telegram re-delivers what was never acknowledged
        fake_api.push(fake_api.text("越秀工作要点第5项谁牵头？", user=3))
        [answer] = await fake_api.wait_for(chat_id=1)
        [apology] = await fake_api.wait_for(chat_id=2)
        await fake_api.wait_for(chat_id=3)
        await asyncio.sleep(1.0)
    assert "第17项" in answer.text
    assert "重启" in apology.text and "第3项" in apology.text
    assert len(fake_api.sent(chat_id=1)) == 1 and len(fake_api.sent(chat_id=2)) == 1
    assert not errors
    assert core.backlog(inbox) == 0


async def test_an_update_started_max_starts_times_is_given_up_with_one_apology(fake_api, tmp_path, knowledge):
    settings = harness.settings_for(fake_api, tmp_path, admins={1})
    services = harness.make_services(settings, knowledge)  # creates the data directory
    poison = fake_api.text("越秀工作要点第17项谁牵头？", user=1)
    inbox = core.open_inbox(settings.inbox_path)
    core.receive(inbox, poison["update_id"], poison, at=harness.FIXED_NOW)
    for _ in range(core.MAX_STARTS):  # each start took the process down with it
        core.start(inbox, poison["update_id"])
    app = harness.make_app(settings, services)
    async with harness.polling(app) as errors:
        [apology] = await fake_api.wait_for(chat_id=1)
        await harness.until(app.bot_data["outbox"].idle)
    assert "多次中断" in apology.text and "第17项" in apology.text and not errors
    assert inbox["inbox"].get(poison["update_id"])["status"] == "failed"
    assert len(fake_api.sent(chat_id=1)) == 1


async def test_updates_put_on_the_queue_directly_as_the_webhook_does_go_through_the_inbox(fake_api, tmp_path,
                                                                                          knowledge):
    from telegram import Update

    settings = harness.settings_for(fake_api, tmp_path, admins={1})
    app = harness.make_app(settings, harness.make_services(settings, knowledge))
    posted = fake_api.text("越秀工作要点第17项谁牵头？\x0b", user=1)
    async with harness.polling(app) as errors:
        for _ in range(2):  # Telegram retries a webhook post it got no 200 for
            await app.update_queue.put(Update.de_json(posted, app.bot))
            await fake_api.wait_for(chat_id=1)
            await asyncio.sleep(0.2)
    assert len(fake_api.sent(chat_id=1)) == 1 and not errors
    stored = core.open_inbox(settings.inbox_path)["inbox"].get(posted["update_id"])
    assert stored["status"] == "done" and "\\u000b" not in stored["payload"]


# ---- a real process, a real SIGKILL ---------------------------------------------------------------
def _env(fake_api, data: Path, admins: str) -> dict:
    return {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake_api.base_url,
            "DOCBOT_ADMINS": admins, "DOCBOT_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1",
            "NO_PROXY": "127.0.0.1,localhost", "DOCBOT_CORPUS_DIR": str(data / "corpus"), "PYTHONPATH": str(ROOT)}


async def _start(env: dict) -> asyncio.subprocess.Process:
    log = open(Path(env["DOCBOT_DATA_DIR"]).parent / "bot.log", "ab")  # noqa: SIM115, ASYNC230 - the child writes it
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli", "run", cwd=ROOT, env=env,
                                                stdout=asyncio.subprocess.DEVNULL, stderr=log)


def _is_reminder(call) -> bool:
    """The real bot's scheduler runs on the real clock: on a working morning every admin also gets a
    daily digest (整改, 节假日安排). Those are not replies and are counted apart."""
    return call.text.startswith("<b>每日提醒</b>") or "整改期限提醒" in call.text


def _replies(fake_api, chat_id: int | None = None) -> list:
    return [c for c in fake_api.sent(chat_id=chat_id) if not _is_reminder(c)]


async def _wait_replies(fake_api, count: int, timeout: float) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while len(_replies(fake_api)) < count:
        assert time.monotonic() < deadline, f"expected {count} replies, got {len(_replies(fake_api))}"
        await asyncio.sleep(0.01)


def _finished(data: Path) -> int:
    with sqlite3.connect(f"{(data / 'inbox.sqlite3').resolve().as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM inbox WHERE status = 'done'").fetchone()[0]


async def _wait_settled(fake_api, last: dict, data: Path, timeout: float) -> None:  # noqa: ASYNC109
    """Until Telegram considers every update up to ``last`` delivered (the bot's getUpdates carried an
    offset past it: it will never be sent again, so a crash must not lose it) and every reply that
    arrived is recorded as finished in the inbox. A kill between a delivered reply and its record
    would replay that one update: at-least-once is all a crash in that window allows."""
    deadline = time.monotonic() + timeout
    while not (any(c.method == "getUpdates" and int(c.params.get("offset") or 0) > last["update_id"]
                   for c in fake_api.calls) and _finished(data) >= len(_replies(fake_api))):
        assert time.monotonic() < deadline, "the bot never acknowledged the updates or recorded its replies"
        await asyncio.sleep(0.01)


def _hold_sends_after(fake_api, n: int) -> None:
    """After the n-th answer the fake stops answering sendMessage: replies still being sent at the kill
    are in flight, not delivered (so "exactly once" is decidable)."""
    def listener(call):
        if call.method == "sendMessage" and not _is_reminder(call) and len(_replies(fake_api)) == n:
            fake_api.delay("sendMessage", 3600, times=10_000)
    fake_api.listeners.append(listener)


@pytest.mark.e2e
async def test_sigkill_after_60_of_200_questions_then_restart_answers_all_200_exactly_once(fake_api, tmp_path):
    users = list(range(2001, 2201))
    env = _env(fake_api, tmp_path / "data", ",".join(map(str, users)))
    questions = [fake_api.text(f"越秀工作要点第{u % 37 + 1}项谁牵头？", user=u) for u in users]
    _hold_sends_after(fake_api, 60)
    proc = await _start(env)
    try:
        await fake_api.wait_polling(timeout=60)
        fake_api.push(*questions)
        await _wait_replies(fake_api, 60, timeout=60)
        await _wait_settled(fake_api, questions[-1], tmp_path / "data", timeout=60)  # all 200 acknowledged
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        assert fake_api._updates == [] or fake_api._updates[0]["update_id"] > questions[-1]["update_id"]
        answered_before = len(_replies(fake_api))
        assert 60 <= answered_before < 200
        fake_api.faults.pop("sendMessage", None)
        fake_api.listeners.clear()
        proc = await _start(env)
        await _wait_replies(fake_api, 200, timeout=90)
        await asyncio.sleep(1.0)  # a quiet second: nothing more arrives (a negative check has no condition)
        per_chat = {u: len(_replies(fake_api, chat_id=u)) for u in users}
        assert set(per_chat.values()) == {1}, {u: n for u, n in per_chat.items() if n != 1}
        for q in questions:
            chat = q["message"]["chat"]["id"]
            number = q["message"]["text"].split("第")[1].split("项")[0]
            assert f"第{number}项" in _replies(fake_api, chat_id=chat)[0].text
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), timeout=15)
        assert proc.returncode == 0, (tmp_path / "bot.log").read_text()[-2000:]
        assert core.backlog(core.open_inbox(tmp_path / "data" / "inbox.sqlite3")) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


@pytest.mark.e2e
async def test_sigkill_loses_no_rectification_and_stores_none_twice(fake_api, tmp_path):
    """Failure 1's second half: 40 /rectify, killed mid-way (with replies held, so every stored-but-unanswered
    command is replayed): 40 rows afterwards, each answered once."""
    env = _env(fake_api, tmp_path / "data", "1")
    commands = [fake_api.text(f"/rectify 东山街 记录缺失{i} 11月5日", user=1) for i in range(40)]
    _hold_sends_after(fake_api, 15)
    proc = await _start(env)
    try:
        await fake_api.wait_polling(timeout=60)
        fake_api.push(*commands)
        await _wait_replies(fake_api, 15, timeout=60)
        await _wait_settled(fake_api, commands[-1], tmp_path / "data", timeout=60)
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        fake_api.faults.pop("sendMessage", None)
        fake_api.listeners.clear()
        proc = await _start(env)
        await _wait_replies(fake_api, 40, timeout=90)
        await asyncio.sleep(1.0)
        replies = _replies(fake_api)  # reminders for these rectifications may follow the restart
        assert len(replies) == 40, " ".join(c.text[:30].replace("\n", "|") for c in replies)
        db = open_db(tmp_path / "data" / "docbot.sqlite3")
        issues = [r["issue"] for r in db["rectifications"].rows]
        assert sorted(issues) == sorted({i for i in issues}) and len(issues) == 40, json.dumps(issues, ensure_ascii=False)
        assert all("已登记" in r.text for r in replies)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
