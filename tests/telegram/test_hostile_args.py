"""Every bot command against the same hostile arguments (issue 20, item 7): one clear Chinese reply, no
"出错了", no error, and nothing in the store changed. Plus updates without a sender, and a stranger's /start."""

import dataclasses
import re

import pytest

from assistant.operations import access
from corpus import BUNDLED_DIR
from tests.support import telegram_harness as harness
from tests.support.fake_bot_api import FakeBotApi
from tests.support.telegram_harness import offline, process

ADMIN, STRANGER = 1, 777
offline_api = harness.offline_api
COMMANDS = ["start", "help", "docs", "ask", "item", "allow", "deny", "role", "openchat", "closechat", "void",
            "status", "remove", "visit", "due", "visits", "rectify", "done", "overdue", "bind", "assign", "export",
            "rectifications", "holidays", "report", "calendar", "subscribe"]
HOSTILE = ["²", "③", "①", "١٢", "0000-01", "9999-12", "1" + "0" * 30, "\x01\x07\x1b", "", "字" * 10_000]
# Each hostile value alone, after a plausible number, and before one: every argument position is tried.
TEMPLATES = ["{h}", "3 {h}", "{h} 3"]
# Tables a command could write; per-message bookkeeping (conversation, inbox effects) is left out.
STORE = ["users", "chats", "leaders", "contact_points", "leader_bindings", "visits", "visit_points",
         "visit_photos", "rectifications", "pending_notes", "holidays", "unit_subscriptions", "sent_reminders",
         "audit_log"]
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _snapshot(db) -> dict:
    return {t: list(db[t].rows) for t in STORE if db[t].exists()}


def _bot(api, tmp_path, knowledge):
    settings = dataclasses.replace(harness.settings_for(api, tmp_path, admins={ADMIN}), corpus_dir=BUNDLED_DIR)
    return harness.make_app(settings, harness.make_services(settings, knowledge), api)


@pytest.fixture
def bot(offline_api, tmp_path, knowledge):
    return _bot(offline_api, tmp_path, knowledge)


def _replies(api, since: int) -> list:
    return [c for c in api.calls[since:] if c.status == 200 and c.chat_id == ADMIN
            and c.method in ("sendMessage", "sendPhoto", "sendDocument")]


@pytest.mark.parametrize("command", COMMANDS)
async def test_every_command_answers_hostile_arguments_clearly_and_changes_nothing(bot, offline_api, command):
    api, db = offline_api, bot.bot_data["services"].db
    async with offline(bot) as errors:
        await process(bot, api.text("/due 王焕清", user=ADMIN))  # the records runtime seeds leaders first
        before = _snapshot(db)
        for template in TEMPLATES:
            for hostile in HOSTILE if template == "{h}" else [h for h in HOSTILE if h]:  # "3 " is just 3
                text = f"/{command} " + template.format(h=hostile)
                since = len(api.calls)
                await process(bot, api.text(text.strip() if not hostile else text, user=ADMIN))
                replies = _replies(api, since)
                shown = repr(text[:40])
                assert replies, f"no reply to {shown}"
                for reply in replies:
                    said = reply.text or reply.params.get("caption", "")
                    assert "出错了" not in said and _CHINESE.search(said), f"{shown} → {said[:80]!r}"
                assert not errors, f"{shown} raised {errors[0]!r}"
                assert _snapshot(db) == before, f"{shown} changed the store"


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "ask"])  # /ask's text is a question, not numbers
async def test_full_width_digits_mean_what_ascii_digits_mean(tmp_path, knowledge, command):
    """"３" is the same key as "3" in a Chinese input method: every command reads it the same way."""
    said = []
    for n, args in enumerate([("3", "2026", "3 说明"), ("３", "２０２６", "３ 说明")]):
        api = FakeBotApi()
        app = _bot(api, tmp_path / str(n), knowledge)
        async with offline(app) as errors:
            for arg in args:
                await process(app, api.text(f"/{command} {arg}", user=ADMIN))
        said.append([(c.method, (c.text or c.params.get("caption", "")).translate(_FULLWIDTH))
                     for c in _replies(api, 0)])  # a reply quoting the argument quotes it as typed
        assert not errors
    assert said[0] == said[1]


@pytest.mark.parametrize("text", ["/start", "/help", "/allow 5", "/deny 1", "/holidays ²", "/role 5 admin",
                                  "/ask 第17项谁牵头", "越秀工作要点第17项谁牵头？"])
@pytest.mark.parametrize("kind", ["channel_post", "message"])
async def test_updates_without_a_sender_are_ignored_silently(bot, offline_api, text, kind):
    update = offline_api.text(text, user=ADMIN, chat=-100999)
    post = update.pop("message")
    del post["from"]
    post["chat"] = {"id": -100999, "type": "channel", "title": "频道"}
    post["sender_chat"] = post["chat"]
    update[kind] = post
    db = bot.bot_data["services"].db
    before = _snapshot(db)
    async with offline(bot) as errors:
        await process(bot, update)
    assert not offline_api.sent() and not errors
    assert _snapshot(db) == before


async def test_a_strangers_start_gets_the_two_line_permission_notice(bot, offline_api):
    api = offline_api
    async with offline(bot) as errors:
        await process(bot, api.text("/start", user=STRANGER))
        await process(bot, api.text("/help", user=STRANGER))
    start, help_ = api.sent(chat_id=STRANGER)
    assert start.text.count("\n") == 1 and str(STRANGER) in start.text and f"/allow {STRANGER}" in start.text
    assert "/docs" not in start.text  # not the help
    assert "/docs" in help_.text  # /help stays readable for strangers
    assert access.role_of(bot.bot_data["services"].db, STRANGER) is None
    assert any(str(STRANGER) in c.text for c in api.sent(chat_id=ADMIN))  # admins hear of the new user
    assert not errors
