"""Numbers parsed strictly and one reply per message (issue 10, failure 8), handler level."""


import pytest
from telegram.ext import MessageHandler, filters

from assistant.operations import access
from assistant.user_input import numbers
from corpus.numerals import chinese_to_int
from tests.support import telegram_harness as harness
from tests.support.telegram_harness import offline, process

ADMIN, SECRETARY = 1, 222
offline_api = harness.offline_api


@pytest.mark.parametrize(("text", "high", "expected"), [
    ("17", 999, 17), ("１７", 999, 17), ("十七", 999, 17), ("二〇二六", 9999, 2026), (" 3 ", 9, 3),
    ("²", 999, None), ("③", 999, None), ("٣", 999, None), ("३", 999, None),  # other digits than ours
    ("1000", 999, None), ("99999999999999999999", 10**30, None), ("-3", 999, None), ("3.5", 999, None),
    ("", 999, None), (None, 999, None), ("一万", 999, None), ("0", 999, 0),
])
def test_parse_int_accepts_ascii_and_chinese_numerals_within_bounds(text, high, expected):
    assert numbers.parse_int(text, high=high) == expected


def test_chinese_to_int_no_longer_raises_on_other_digits():
    assert chinese_to_int("²") is None and chinese_to_int("１７") == 17


@pytest.fixture
def bot(offline_api, tmp_path, knowledge):
    return harness.bundled_app_with_secretary(offline_api, tmp_path, knowledge, ADMIN, SECRETARY)


@pytest.mark.parametrize(("user", "text", "usage"), [
    (SECRETARY, "/done ² 已整改", "用法"), (SECRETARY, "/done 99999999999999 已整改", "用法"),
    (ADMIN, "/allow ²", "用法"), (ADMIN, "/deny ³", "用法"), (ADMIN, "/role ² admin", "用法"),
    (ADMIN, "/allow ١٢٣", "用法"), (ADMIN, "/bind ² 王焕清", "用法"), (ADMIN, "/item 工作要点 ²", "用法"),
    (ADMIN, "/item 工作要点 第99999999999项", "用法"),
    (SECRETARY, "走访记录：王焕清 11月5日到东山街督导，发现台账缺失，要求99999999天内整改", "最长5年"),
    (SECRETARY, "走访记录：王焕清 11月5日到东山街督导，发现台账缺失，要求9999个月内整改", "最长5年"),
    (SECRETARY, "/rectify 东山街 台账缺失 2026年2月1日 2999年1月1日", "超过5年"),
])
async def test_failure_8_odd_digits_and_huge_numbers_get_one_clear_reply(bot, offline_api, user, text, usage):
    async with offline(bot) as errors:
        await process(bot, offline_api.text(text, user=user))
    [reply] = offline_api.sent(chat_id=user)
    assert usage in reply.text and "出错了" not in reply.text
    assert not errors
    assert bot.bot_data["services"].db["users"].count == 1  # only the secretary: nothing allowed or changed


async def test_a_failing_handler_gets_the_error_reply_and_no_second_answer(bot, offline_api):
    async def boom(update, context):
        raise RuntimeError("a bug in an early handler group")

    bot.add_handler(MessageHandler(filters.Regex("^boom"), boom), group=-5)
    async with offline(bot) as errors:
        await process(bot, offline_api.text("boom 越秀工作要点第17项谁牵头", user=ADMIN))
    assert [c.text for c in offline_api.sent(chat_id=ADMIN)] == ["出错了，请稍后再试"]
    assert len(errors) == 1  # every error handler still saw it


# ---- access details (failures 7 and 9) -------------------------------------------------------------
GROUP, STRANGER, MEMBER = -100700, 777, 55


def _admin_notices(api) -> list[str]:
    return [c.text for c in api.sent(chat_id=ADMIN) if "申请" in c.text]


async def test_failure_7_bind_needs_a_role_and_admins_hear_once_a_day(bot, offline_api):
    api, services = offline_api, bot.bot_data["services"]
    access.allow(services.db, MEMBER, at=harness.FIXED_NOW, actor="test")
    async with offline(bot) as errors:
        await process(bot, api.text("/openchat", user=ADMIN, chat=GROUP))
        for _ in range(3):
            await process(bot, api.text("/bind 王焕清", user=STRANGER, chat=GROUP))
        assert not _admin_notices(api)
        assert "请先获得使用权限" in api.sent(chat_id=GROUP)[-1].text
        for _ in range(3):
            await process(bot, api.text("/bind 王焕清", user=MEMBER, chat=GROUP))
        assert len(_admin_notices(api)) == 1
        [notice] = [c for c in api.sent(chat_id=ADMIN) if "申请" in c.text]
        await process(bot, api.text(f"/deny {MEMBER}", user=ADMIN))
        await process(bot, api.press(notice.buttons[0][1], user=ADMIN))  # the old 确认绑定
    assert access.role_of(services.db, MEMBER) is None  # still removed
    assert not errors


async def test_failure_7_a_notice_about_a_user_says_when_they_had_been_removed(bot, offline_api):
    api, services = offline_api, bot.bot_data["services"]
    at = harness.FIXED_NOW
    access.allow(services.db, MEMBER, at=at, actor="test")
    access.deny(services.db, MEMBER, at=at, actor="1")
    access.allow(services.db, MEMBER, at=at, actor="1")
    async with offline(bot) as errors:
        await process(bot, api.text("/bind 王焕清", user=MEMBER))
    [notice] = _admin_notices(api)
    assert f"曾于 {at.date()} 被管理员取消" in notice and not errors


@pytest.mark.parametrize("chat", [ADMIN, GROUP])
async def test_failure_9_a_message_without_a_sender_is_not_answered(bot, offline_api, chat):
    update = offline_api.text("越秀工作要点第17项谁牵头？", user=ADMIN, chat=chat)
    del update["message"]["from"]
    update["message"]["sender_chat"] = {"id": -100999, "type": "channel", "title": "频道"}
    async with offline(bot) as errors:
        await process(bot, update)
    assert not offline_api.sent() and not errors
