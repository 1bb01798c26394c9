"""A reminder digest across kills (issue 20): the digest is claimed in the store, then its messages are
written to the outbox (another file; on PostgreSQL the same store, but still two steps). A kill between
the two lost the digest: claimed, so never computed again, and never sent. Now a claimed digest that was
never handed to the outbox is handed over at the next tick, under outbox keys of its own, so handing it
over twice finds the rows written the first time.

The real bot process against the loopback fake Bot API: the store holds a digest claimed by a process
killed right after the claim; the restarted bot hands it over, its send is held in flight and the bot is
SIGKILLed again (outbox row written, not sent, digest not marked); the next start delivers it — once."""

import asyncio
import signal
import sqlite3
import time
from datetime import UTC, date, datetime

import pytest

from assistant.records.digest import Digest
from assistant.records.state import claim_digest
from assistant.storage.store import open_db
from tests.telegram.test_inbox import _env, _start

pytestmark = pytest.mark.e2e
LEADER = 111


def _outbox_rows(data, origin: str) -> list[tuple]:
    path = data / "inbox.sqlite3"
    if not path.exists():
        return []
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        try:
            return conn.execute("SELECT status FROM outbox WHERE origin = ?", [origin]).fetchall()
        except sqlite3.OperationalError:  # not created yet
            return []


def _queued(data, key: str) -> int | None:
    with sqlite3.connect(f"{(data / 'docbot.sqlite3').resolve().as_uri()}?mode=ro", uri=True) as conn:
        row = conn.execute("SELECT queued FROM sent_reminders WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


async def _until(what: str, check) -> None:
    deadline = time.monotonic() + 60
    while not check():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.01)


async def test_a_digest_claimed_by_a_killed_bot_is_delivered_once_across_another_kill(fake_api, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    env = _env(fake_api, data, "1")
    digest = Digest(LEADER, "王焕清", date(2020, 1, 2), (), "【每日提醒】",
                    "【每日提醒】\n王焕清，您好。今天的待办：\n\n【联系督导提醒】东山街道尚待联系督导")
    db = open_db(data / "docbot.sqlite3")
    assert claim_digest(db, digest, now=datetime(2020, 1, 2, 1, 0, tzinfo=UTC))  # as a kill after the claim left it
    db.close()
    fake_api.hold("sendMessage")
    proc = await _start(env)
    try:
        await _until("the claimed digest was never handed to the outbox",
                     lambda: _outbox_rows(data, f"digest:{digest.key}"))
        proc.send_signal(signal.SIGKILL)  # its message written and in flight, the digest not marked queued
        await proc.wait()
        fake_api.release("sendMessage", drop=True)  # the send in flight never arrived
        proc = await _start(env)
        await fake_api.wait_for(chat_id=LEADER, timeout=60)
        await _until("the outbox never recorded the digest as sent",
                     lambda: _outbox_rows(data, f"digest:{digest.key}") == [("sent",)])
        await _until("the next tick never marked the digest handed over", lambda: _queued(data, digest.key) == 1)
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), timeout=30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    [delivered] = fake_api.sent(chat_id=LEADER)
    assert "东山街道尚待联系督导" in delivered.text
    assert _queued(data, digest.key) == 1 and _outbox_rows(data, f"digest:{digest.key}") == [("sent",)]
