"""Reminders under flood control (issue 10, failures 6 and 10): a RetryAfter is waited out or the
digest is released for the next run, never left claimed and unsent; one chat's flood wait does not
hold up another chat's messages."""

import asyncio
import dataclasses
from datetime import timedelta
from types import SimpleNamespace

import pytest
from telegram.error import NetworkError, RetryAfter

from assistant.records import bindings
from assistant.records.state import claim_digest, due_digests
from corpus import BUNDLED_DIR
from handlers import reminder_jobs
from tests.records.conftest import at
from tests.support import telegram_harness as harness

offline_api = harness.offline_api


class FlakyBot:
    """send_message raising the given errors in turn, then succeeding."""

    def __init__(self, *errors):
        self.errors, self.sent = list(errors), []

    async def send_message(self, chat_id, text, **kw):
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append((chat_id, text))


@pytest.fixture
def services(db, tmp_path):
    bindings.confirm(db, 111, now=at(2026, 11, 1), actor="admin", name="王焕清")
    return SimpleNamespace(in_db=lambda fn, *a, **k: asyncio.sleep(0, fn(db, *a, **k)), db=db)


async def _claimed(services, rules):
    [d] = due_digests(services.db, at(2026, 11, 2, 9, 0), rules)
    assert claim_digest(services.db, d, now=at(2026, 11, 2, 9, 0))
    return d


@pytest.mark.parametrize("errors, delivered, claimed", [
    ((RetryAfter(timedelta(seconds=0.01)),), True, True),  # short wait: retried after the delay
    ((RetryAfter(timedelta(seconds=0.01)),) * 3, False, False),  # still flooded: released for the next run
    ((RetryAfter(timedelta(seconds=600)),), False, False),  # too long to wait in the job: released
    ((NetworkError("down"),), False, False),
])
async def test_flood_control_never_leaves_a_digest_claimed_and_unsent(services, rules, errors, delivered, claimed):
    d = await _claimed(services, rules)
    bot = FlakyBot(*errors)
    assert await reminder_jobs._send(bot, services, d) is delivered
    assert bool(bot.sent) is delivered
    keys = {r["key"] for r in services.db["sent_reminders"].rows}
    assert (d.key in keys and set(d.keys) <= keys) is claimed
    if not claimed:  # the next run sends it
        assert [x.key for x in due_digests(services.db, at(2026, 11, 2, 9, 5), rules)] == [d.key]


async def test_one_chats_flood_wait_does_not_block_another_chat(offline_api, tmp_path, knowledge):
    settings = dataclasses.replace(harness.settings_for(offline_api, tmp_path), corpus_dir=BUNDLED_DIR)
    app = harness.make_app(settings, harness.make_services(settings, knowledge), offline_api,
                           dataclasses.replace(harness.TEST_TUNING, max_retries_429=1))
    offline_api.fail("sendMessage", 429, retry_after=1)
    async with harness.offline(app):
        flooded = asyncio.create_task(app.bot.send_message(1001, "甲"))
        await asyncio.sleep(0.05)  # chat 1001 got its 429 and waits 1 s
        await app.bot.send_message(1002, "乙")
        assert not flooded.done()  # the other chat was answered meanwhile
        await flooded
    assert [c.chat_id for c in offline_api.sent()] == [1002, 1001]
