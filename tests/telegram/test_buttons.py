"""Buttons for their owner only, checked at the press, surviving a restart; confirmations that store
once and always say so (issue 10: failures 3, 4, 12, 13)."""

import dataclasses

import pytest

from assistant.operations import access
from corpus import BUNDLED_DIR
from handlers.callbacks import NO_ROLE, NOT_YOURS
from tests.support import telegram_harness as harness
from tests.support.telegram_harness import offline, process

ADMIN, SECRETARY, MEMBER, STRANGER = 1, 222, 55, 777
GROUP = -100500
NOTE = "走访记录：王焕清 11月5日到东山街督导，召开座谈会，发现组织生活记录不规范，要求一个月内整改"
offline_api = harness.offline_api


def _build(offline_api, tmp_path, knowledge):
    settings = dataclasses.replace(harness.settings_for(offline_api, tmp_path, admins={ADMIN}), corpus_dir=BUNDLED_DIR)
    services = harness.make_services(settings, knowledge)
    return harness.make_app(settings, services, offline_api)


@pytest.fixture
def bot(offline_api, tmp_path, knowledge):
    app = _build(offline_api, tmp_path, knowledge)
    db = app.bot_data["services"].db
    access.set_role(db, SECRETARY, "secretary", at=harness.FIXED_NOW, actor="test")
    access.allow(db, MEMBER, at=harness.FIXED_NOW, actor="test")
    return app


def _alerts(api) -> list[str]:
    return [c.params.get("text", "") for c in api.sent("answerCallbackQuery") if c.params.get("show_alert")]


async def _draft(bot, api, chat=None) -> list[tuple[str, str]]:
    text = NOTE if chat is None else "@docbot_test_bot " + NOTE
    await process(bot, api.text(text, user=SECRETARY, chat=chat))
    buttons = api.sent(chat_id=chat or SECRETARY)[-1].buttons
    assert [b[0] for b in buttons] == ["确认", "修改", "取消"]
    return buttons


async def test_failure_3_others_pressing_a_secretarys_buttons_in_an_open_group_change_nothing(bot, offline_api):
    api, db = offline_api, bot.bot_data["services"].db
    async with offline(bot) as errors:
        await process(bot, api.text("/openchat", user=ADMIN, chat=GROUP))
        buttons = await _draft(bot, api, chat=GROUP)
        for intruder in (STRANGER, MEMBER, ADMIN):
            for _, data in buttons:
                await process(bot, api.press(data, user=intruder, chat=GROUP))
        assert _alerts(api) == [NOT_YOURS] * 9
        assert not api.sent("editMessageReplyMarkup")
        assert db["visits"].count == 0 and [r["status"] for r in db["pending_notes"].rows] == ["pending"]
        await process(bot, api.press(buttons[0][1], user=SECRETARY, chat=GROUP))
    assert "已保存第1号走访记录" in api.sent(chat_id=GROUP)[-1].text
    assert db["visits"].count == 1 and not errors


async def test_failure_12_a_secretary_demoted_to_member_can_no_longer_confirm(bot, offline_api):
    api, db = offline_api, bot.bot_data["services"].db
    async with offline(bot) as errors:
        buttons = await _draft(bot, api)
        await process(bot, api.text(f"/role {SECRETARY} member", user=ADMIN))
        await process(bot, api.press(buttons[0][1], user=SECRETARY))
        assert _alerts(api) == [NO_ROLE]
        await process(bot, api.text(f"/deny {SECRETARY}", user=ADMIN))
        await process(bot, api.press(buttons[0][1], user=SECRETARY))  # removed: the gate refuses first
    assert db["visits"].count == 0 and not errors


async def test_failure_4_a_stored_note_is_reported_stored_even_when_the_buttons_cannot_be_removed(bot, offline_api):
    api, db = offline_api, bot.bot_data["services"].db
    async with offline(bot) as errors:
        buttons = await _draft(bot, api)
        api.fail("editMessageReplyMarkup", 400, times=2)  # "message is not modified" / "can't be edited"
        await process(bot, api.press(buttons[0][1], user=SECRETARY))
        await process(bot, api.press(buttons[0][1], user=SECRETARY))  # pressed again: it is still there
    texts = [c.text for c in api.sent(chat_id=SECRETARY)][-2:]
    assert "已保存第1号走访记录" in texts[0] and "已经保存过了" in texts[1]
    assert all("出错了" not in c.text for c in api.sent(chat_id=SECRETARY))
    assert db["visits"].count == 1 and not errors


async def test_failure_13_a_pending_drafts_buttons_work_after_a_restart(offline_api, tmp_path, knowledge):
    first = _build(offline_api, tmp_path, knowledge)
    access.set_role(first.bot_data["services"].db, SECRETARY, "secretary", at=harness.FIXED_NOW, actor="test")
    async with offline(first):
        buttons = await _draft(first, offline_api)
    second = _build(offline_api, tmp_path, knowledge)  # a new process: nothing in memory
    offline_api.fail("answerCallbackQuery", 400)  # "query is too old": a press replayed after a restart
    async with offline(second) as errors:
        await process(second, offline_api.press(buttons[0][1], user=SECRETARY))
    assert "已保存第1号走访记录" in offline_api.sent(chat_id=SECRETARY)[-1].text
    assert second.bot_data["services"].db["visits"].count == 1 and not errors
    assert not _alerts(offline_api)
