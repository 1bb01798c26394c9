"""Handlers through Application.process_update with offline requests: real core, real SQLite file."""

import asyncio

from assistant.operations import access
from handlers.callbacks import STALE
from tests.support.telegram_harness import FIXED_NOW, offline, process
from tests.telegram.conftest import ADMIN, GROUP, MEMBER, STRANGER


async def test_stranger_is_refused_with_their_id_and_admins_get_an_allow_button(offline_bot, offline_api):
    api = offline_api
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("第17项谁牵头", user=STRANGER))
        await process(offline_bot, api.text("再问一次", user=STRANGER))
    refusals = api.sent(chat_id=STRANGER)
    assert len(refusals) == 2 and all(str(STRANGER) in c.text and "/allow" in c.text for c in refusals)
    [notice] = api.sent(chat_id=ADMIN)  # told once, not on every message
    assert str(STRANGER) in notice.text and notice.buttons[0][0] == "允许"
    assert not errors


async def test_allow_button_then_the_user_gets_answers(offline_bot, offline_api):
    api = offline_api
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("你好", user=STRANGER))
        [notice] = api.sent(chat_id=ADMIN)
        await process(offline_bot, api.press(notice.buttons[0][1], user=ADMIN, chat=ADMIN))
        await process(offline_bot, api.text("越秀工作要点第17项谁牵头？", user=STRANGER))
    assert any("已允许" in c.text for c in api.sent(chat_id=ADMIN))
    answer = api.sent(chat_id=STRANGER)[-1]
    assert "第17项" in answer.text and "牵头" in answer.text and "越秀" in answer.text
    assert not errors


async def test_allow_deny_role_commands(offline_bot, offline_api):
    api = offline_api
    db = offline_bot.bot_data["services"].db
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text(f"/allow {MEMBER}", user=ADMIN))
        assert access.role_of(db, MEMBER) == "member"
        await process(offline_bot, api.text(f"/role {MEMBER} secretary", user=ADMIN))
        assert access.role_of(db, MEMBER) == "secretary"
        await process(offline_bot, api.text(f"/role {MEMBER} 皇帝", user=ADMIN))
        assert "用法" in api.sent(chat_id=ADMIN)[-1].text
        await process(offline_bot, api.text(f"/allow {STRANGER}", user=MEMBER))  # not an admin
        assert "只有管理员" in api.sent(chat_id=MEMBER)[-1].text and access.role_of(db, STRANGER) is None
        await process(offline_bot, api.text(f"/deny {MEMBER}", user=ADMIN))
        assert access.role_of(db, MEMBER) is None
        await process(offline_bot, api.text("/allow abc'; DROP TABLE users", user=ADMIN))
        assert "用法" in api.sent(chat_id=ADMIN)[-1].text
    assert db["users"].exists() and not errors


async def test_groups_answer_only_mentions_replies_and_commands(offline_bot, offline_api):
    api = offline_api
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("/allow 55", user=ADMIN))
        before = len(api.sent())
        await process(offline_bot, api.text("第17项谁牵头", user=MEMBER, chat=GROUP))
        await process(offline_bot, api.text("随便聊聊", user=STRANGER, chat=GROUP))
        await process(offline_bot, api.text("/start@some_other_bot", user=STRANGER, chat=GROUP))
        assert len(api.sent()) == before  # ignored, strangers not even refused
        await process(offline_bot, api.text("@DocBot_Test_Bot 越秀工作要点第17项谁牵头", user=MEMBER, chat=GROUP,
                                            entities=[{"type": "mention", "offset": 0, "length": 16}]))
        await process(offline_bot, api.text("越秀工作要点第3项谁牵头", user=MEMBER, chat=GROUP, reply_to_bot=True))
        await process(offline_bot, api.text("/docs@docbot_test_bot", user=MEMBER, chat=GROUP))
    replies = api.sent(chat_id=GROUP)
    assert len(replies) == 3 and "第17项" in replies[0].text and "第3项" in replies[1].text
    assert "reply_parameters" in replies[0].params  # answers quote the question in groups
    assert not errors


async def test_open_chat_lets_anyone_ask_but_admin_commands_stay_closed(offline_bot, offline_api):
    api = offline_api
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("/openchat", user=ADMIN, chat=GROUP))
        await process(offline_bot, api.text("@docbot_test_bot 越秀工作要点第17项谁牵头", user=STRANGER, chat=GROUP))
        assert "第17项" in api.sent(chat_id=GROUP)[-1].text
        await process(offline_bot, api.text("/allow 9", user=STRANGER, chat=GROUP))
        assert "只有管理员" in api.sent(chat_id=GROUP)[-1].text
        await process(offline_bot, api.text("/closechat", user=ADMIN, chat=GROUP))
        await process(offline_bot, api.text("@docbot_test_bot 第17项", user=STRANGER, chat=GROUP))
        assert str(STRANGER) in api.sent(chat_id=GROUP)[-1].text  # refused again
    assert not errors


async def test_hostile_and_huge_input_is_answered_escaped(offline_bot, offline_api):
    api = offline_api
    questions = ["<script>alert('x')</script>第17项谁牵头", "区" * 5000, "'; DROP TABLE users; --",
                 "😀😀😀", "13月45日有什么安排", "<b>加粗</b>&amp;"]
    async with offline(offline_bot) as errors:
        for q in questions:
            await process(offline_bot, api.text(q, user=ADMIN))
    replies = api.sent(chat_id=ADMIN)
    assert len(replies) >= len(questions)
    for reply in replies:
        assert "<script" not in reply.text and "<b>加粗" not in reply.text
        assert len(reply.text) <= 4096
    assert not errors


async def test_item_command_and_buttons(offline_bot, offline_api):
    api = offline_api
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("/item 工作要点 17", user=ADMIN))
        assert "第17项" in api.sent(chat_id=ADMIN)[-1].text
        await process(offline_bot, api.text("/item 工作要点", user=ADMIN))
        assert "用法" in api.sent(chat_id=ADMIN)[-1].text
        await process(offline_bot, api.text("越秀工作要点第17项谁牵头", user=ADMIN))
        buttons = dict(api.sent(chat_id=ADMIN)[-1].buttons)
        assert "原文" in buttons
        await process(offline_bot, api.press(buttons["原文"], user=ADMIN))
        assert "第17项" in api.sent(chat_id=ADMIN)[-1].text
    assert not errors


async def test_forged_stale_and_foreign_buttons_get_a_polite_reply(offline_bot, offline_api):
    api = offline_api
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("越秀工作要点第17项谁牵头", user=ADMIN))
        good = dict(api.sent(chat_id=ADMIN)[-1].buttons)["原文"]
        await process(offline_bot, api.text(f"/allow {MEMBER}", user=ADMIN))
        for data in ["item:AAAAAAAAAAA", "x" * 64, "<script>", "allow:zzzzzzzzzzz"]:
            await process(offline_bot, api.press(data, user=ADMIN))
        await process(offline_bot, api.press(good, user=MEMBER))  # someone else's chat
    answers = api.sent("answerCallbackQuery")
    assert len(answers) == 5 and all(a.params.get("text") == STALE for a in answers)
    assert not errors


async def test_a_failing_core_gets_the_error_reply_and_the_bot_goes_on(offline_bot, offline_api):
    api = offline_api
    services = offline_bot.bot_data["services"]
    from assistant.questions.router import ROUTES, Route, build_router

    def broken(turn):
        if "炸" in turn.question:
            raise RuntimeError("boom")

    services.router = build_router((Route(broken, {}), *ROUTES))
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("炸", user=ADMIN))
        await process(offline_bot, api.text("越秀工作要点第17项谁牵头", user=ADMIN))
    texts = [c.text for c in api.sent(chat_id=ADMIN)]
    assert texts[0] == "出错了，请稍后再试" and "第17项" in texts[1]
    assert len(errors) == 1


async def test_start_help_docs(offline_bot, offline_api):
    api = offline_api
    async with offline(offline_bot) as errors:
        for command in ("/start", "/help", "/docs"):
            await process(offline_bot, api.text(command, user=ADMIN))
        await asyncio.sleep(0)
    start, help_, docs = (c.text for c in api.sent(chat_id=ADMIN))
    assert "党建文件助手" in start and "/item" in help_ and "越秀工作要点" in docs
    commands = [c for c in api.calls if c.method == "setMyCommands"]
    assert not commands  # only post_init registers commands (see test_e2e)
    assert FIXED_NOW and not errors


async def test_edited_messages_are_ignored(offline_bot, offline_api):
    """An edit is not a new question, and must not slip past the gate (a stranger editing in /ask)."""
    api = offline_api
    update = api.text("/ask 越秀工作要点第17项谁牵头", user=STRANGER)
    update["edited_message"] = update.pop("message")
    async with offline(offline_bot) as errors:
        await process(offline_bot, update)
    assert not api.sent() and not errors


async def test_an_ambiguous_question_offers_the_documents_and_a_choice_answers_it(offline_bot, offline_api):
    api = offline_api
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("第17项谁牵头", user=ADMIN))
        buttons = dict(api.sent(chat_id=ADMIN)[-1].buttons)
        assert "越秀工作要点" in buttons and "原文" not in buttons
        await process(offline_bot, api.press(buttons["越秀工作要点"], user=ADMIN))
        answer = api.sent(chat_id=ADMIN)[-1]
    assert "越秀工作要点" in answer.text and "第17项" in answer.text and "党内监督" not in answer.text
    assert [label for label, _ in answer.buttons] == ["原文"]
    assert not errors


async def test_answers_citing_several_items_get_one_original_text_button_each(offline_bot, offline_api):
    api = offline_api
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("区信访局要配合哪些工作？", user=ADMIN))
    labels = [label for label, _ in api.sent(chat_id=ADMIN)[-1].buttons]
    assert labels == ["第17项原文", "第31项原文"] and not errors


async def test_a_long_answer_is_split_and_the_buttons_come_last(offline_bot, offline_api):
    from assistant.questions.answer import Answer, Citation

    api = offline_api
    long_text = "".join(f"第{n}条说明：按要求落实<责任>&整改。" for n in range(600)) + "【重点句】"
    cite = Citation("越秀工作要点", "x.txt", "第17项", "…")
    from assistant.questions.answer import Page
    from assistant.questions.frames import Search
    from assistant.questions.router import Route, build_router

    def long_answer(turn, frame):
        return Answer(turn.question, "search", True, long_text, (cite,), more=Page("长答案", 3))

    offline_bot.bot_data["services"].router = build_router((Route(lambda t: Search(t.q), {Search: long_answer}),))
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("长答案", user=ADMIN))
    parts = api.sent(chat_id=ADMIN)
    assert len(parts) >= 3 and all(len(p.text) <= 4096 for p in parts)
    assert [bool(p.buttons) for p in parts] == [False] * (len(parts) - 1) + [True]
    assert "&lt;责任&gt;&amp;" in parts[0].text and "<b>重点句</b>\n来源：越秀工作要点 第17项" in parts[-1].text
    assert not errors
