"""The outbox (issue 20, items 2 and 3), over the real HTTP stack against the loopback fake Bot API:
a reply that Telegram refuses for a while (429 with any retry_after, 5xx past the quick retries) is
delivered later from the outbox, in order, without holding up other chats; a saved record is reported
saved, never "出错了"; the same record sent again is a repeat, not a second record."""

import asyncio
import dataclasses
import logging

import pytest

from assistant.operations import access
from assistant.operations import inbox as core
from assistant.operations import outbox as store
from corpus import BUNDLED_DIR
from tests.records.test_telegram import NOTE
from tests.support import telegram_harness as harness

ADMIN, SECRETARY, OTHER = 1, 222, 3
RECTIFY = "/rectify 东山街 组织生活记录不规范 11月5日"


def _bot(fake_api, tmp_path, knowledge):
    settings = dataclasses.replace(harness.settings_for(fake_api, tmp_path, admins={ADMIN}), corpus_dir=BUNDLED_DIR)
    services = harness.make_services(settings, knowledge)
    access.set_role(services.db, SECRETARY, "secretary", at=harness.FIXED_NOW, actor="test")
    access.allow(services.db, OTHER, at=harness.FIXED_NOW, actor="test")
    app = harness.make_app(settings, services)
    waits: list[float] = []

    async def quick_sleep(seconds: float) -> None:  # the outbox's waits, recorded and not slept
        waits.append(seconds)
        await asyncio.sleep(0)

    app.bot_data["outbox"].sleep = quick_sleep
    return app, services, waits


def _messages(app) -> list[store.Message]:
    db = core.open_inbox(app.bot_data["settings"].inbox_path)  # also after the bot closed its own
    return [store.Message.from_row(r) for r in db.query("SELECT * FROM outbox ORDER BY id")]


def _said(fake_api) -> list[str]:
    return [c.text for c in fake_api.sent()]


async def _settled(app) -> None:
    await harness.until(app.bot_data["outbox"].idle, what="the outbox to be idle")


async def test_a_rectification_saved_while_every_quick_send_fails_is_reported_saved_and_a_resend_is_a_repeat(
        fake_api, tmp_path, knowledge):
    """Failure: the record was stored, the reply failed (502 four times), the user saw "出错了", sent it
    again and got a second record."""
    app, services, _ = _bot(fake_api, tmp_path, knowledge)
    fake_api.fail("sendMessage", 502, times=7, chat_id=SECRETARY)  # more than RetryingRequest's 4 tries
    async with harness.polling(app) as errors:
        fake_api.push(fake_api.text(RECTIFY, user=SECRETARY))
        await fake_api.wait_for(chat_id=SECRETARY)
        fake_api.push(fake_api.text(RECTIFY.replace(" ", "  "), user=SECRETARY))  # the same, spaced apart
        saved, repeat = await fake_api.wait_for(chat_id=SECRETARY, count=2)
        await _settled(app)
    assert saved.text.startswith("已登记第1号整改")
    assert repeat.text == "这条记录已经保存过了（第1号）。"
    assert services.db["rectifications"].count == 1
    assert not any("出错了" in c.text for c in fake_api.calls if c.method == "sendMessage")
    assert [m.status for m in _messages(app)] == ["sent", "sent"] and not errors


async def test_a_notes_confirmation_survives_429s_and_the_same_note_again_is_a_repeat(fake_api, tmp_path, knowledge):
    app, services, waits = _bot(fake_api, tmp_path, knowledge)
    async with harness.polling(app) as errors:
        fake_api.push(fake_api.text(NOTE, user=SECRETARY))
        [preview] = await fake_api.wait_for(chat_id=SECRETARY)
        fake_api.fail("sendMessage", 429, retry_after=3, times=4, chat_id=SECRETARY)
        fake_api.push(fake_api.press(preview.buttons[0][1], user=SECRETARY))
        _, saved = await fake_api.wait_for(chat_id=SECRETARY, count=2)
        fake_api.push(fake_api.text(NOTE, user=SECRETARY))
        *_, repeat = await fake_api.wait_for(chat_id=SECRETARY, count=3)
        await _settled(app)
    assert saved.text.startswith("✅ 已保存第1号走访记录")
    assert repeat.text == "这条记录已经保存过了（第1号）。"
    assert services.db["visits"].count == 1 and services.db["rectifications"].count == 1
    assert len([w for w in waits if 2.9 <= w <= 3.1]) == 4  # two waited out at once, two by the chat's sender
    assert not any("出错了" in t for t in _said(fake_api)) and not errors


async def test_a_long_retry_after_holds_up_only_its_chat_and_that_chats_replies_keep_their_order(
        fake_api, tmp_path, knowledge, caplog):
    app, _, waits = _bot(fake_api, tmp_path, knowledge)
    gate = asyncio.Event()
    real_sleep = app.bot_data["outbox"].sleep

    async def held_sleep(seconds):  # the 90 s wait ends when the test says so
        if seconds > 60:
            await gate.wait()
        await real_sleep(seconds)

    app.bot_data["outbox"].sleep = held_sleep
    fake_api.fail("sendMessage", 429, retry_after=90, chat_id=ADMIN)
    async with harness.polling(app) as errors:
        fake_api.push(fake_api.text("越秀工作要点第17项谁牵头？", user=ADMIN))
        fake_api.push(fake_api.text("越秀工作要点第3项谁牵头？", user=ADMIN))
        fake_api.push(fake_api.text("越秀工作要点第5项谁牵头？", user=OTHER))
        await fake_api.wait_for(chat_id=OTHER)  # answered while the admin's chat waits
        await harness.until(lambda: len([m for m in _messages(app) if m.chat_id == str(ADMIN)]) == 2)
        assert not fake_api.sent(chat_id=ADMIN)
        gate.set()
        first, second = await fake_api.wait_for(chat_id=ADMIN, count=2)
        await _settled(app)
    assert "第17项" in first.text and "第3项" in second.text
    assert any(89 < w <= 90.1 for w in waits) and not errors
    assert {m.status for m in _messages(app)} == {"sent"}


async def test_a_refused_message_is_given_up_with_its_reason_logged(fake_api, tmp_path, knowledge, caplog):
    app, _, _ = _bot(fake_api, tmp_path, knowledge)
    fake_api.fail("sendMessage", 403, chat_id=OTHER)  # the user blocked the bot
    with caplog.at_level(logging.WARNING, logger="bot.outbox"):
        async with harness.polling(app):
            fake_api.push(fake_api.text("越秀工作要点第5项谁牵头？", user=OTHER))
            await harness.until(lambda: any(m.status == "given_up" for m in _messages(app)))
    [given_up] = [m for m in _messages(app) if m.status == "given_up"]
    inbox = core.open_inbox(app.bot_data["settings"].inbox_path)
    [reason] = inbox.execute("SELECT reason FROM outbox WHERE id = ?", [given_up.id]).fetchone()
    assert "Forbidden" in reason and any("given up" in r.message for r in caplog.records)


async def test_a_reminder_digest_flooded_for_90_seconds_is_delivered_later_not_lost(fake_api, tmp_path, knowledge):
    """Failure: the job released or dropped the digest on a 429 with retry_after 90; that recipient got
    nothing that day. Now the job hands it to the outbox, which waits the 90 s and delivers it."""
    from assistant.records import bindings
    from assistant.records.state import claim_digest, due_digests
    from handlers import reminder_jobs
    from handlers.records.runtime import runtime_of
    from tests.records.conftest import at

    app, services, waits = _bot(fake_api, tmp_path, knowledge)
    async with harness.polling(app) as errors:
        rt = await runtime_of(app)
        bindings.confirm(services.db, 111, now=at(2026, 11, 1), actor="admin", name="王焕清")
        [digest] = [d for d in due_digests(services.db, at(2026, 11, 2, 9, 0), rt.rules) if d.telegram_id == 111]
        assert claim_digest(services.db, digest, now=at(2026, 11, 2, 9, 0))
        fake_api.fail("sendMessage", 429, retry_after=90, chat_id=111)
        assert await reminder_jobs._send(app.bot, services, digest)
        [delivered] = await fake_api.wait_for(chat_id=111)
        await _settled(app)
    assert "王焕清" in delivered.text or "提醒" in delivered.text
    assert any(89 < w <= 90.1 for w in waits) and not errors
    assert {m.status for m in _messages(app)} == {"sent"}


@pytest.mark.parametrize("delivered", [True, False])
async def test_a_replayed_update_sends_its_stored_reply_once_and_stores_nothing_again(fake_api, tmp_path, knowledge,
                                                                                     delivered):
    """As a kill leaves it: the /rectify committed and its reply sent (or still waiting in the outbox),
    the update not yet marked done. The replay must neither store a second record nor send a second
    reply — and a reply still waiting is sent, once."""
    app, services, _ = _bot(fake_api, tmp_path, knowledge)
    async with harness.polling(app):
        update = fake_api.text(RECTIFY, user=SECRETARY)
        fake_api.push(update)
        [first] = await fake_api.wait_for(chat_id=SECRETARY)
        await _settled(app)
    inbox = core.open_inbox(app.bot_data["settings"].inbox_path)
    inbox.execute("UPDATE inbox SET status = 'pending', done_at = '' WHERE update_id = ?", [update["update_id"]])
    if not delivered:
        inbox.execute("UPDATE outbox SET status = 'pending', result = ''")
        fake_api.calls.clear()
    again, services, _ = _bot(fake_api, tmp_path, knowledge)
    async with harness.polling(again) as errors:
        await harness.until(lambda: not core.backlog(inbox) and again.bot_data["outbox"].idle())
        if not delivered:
            await fake_api.wait_for(chat_id=SECRETARY)
    assert [c.text for c in fake_api.sent(chat_id=SECRETARY)] == [first.text]
    assert services.db["rectifications"].count == 1 and not errors
    assert [m.status for m in _messages(again)] == ["sent"]
