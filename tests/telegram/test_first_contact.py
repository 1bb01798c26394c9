"""A new user's first contact (issue 19, item 4): a stranger's /help opens with the two-line permission
notice; the admin's /start is a short greeting pointing to /help; at start-up the default command menu
(everyone's, strangers included) never lists an admin command, not even before the per-role menus."""

import json

import pytest

from handlers.gate import refusal
from tests.support import telegram_harness as harness
from tests.support.telegram_harness import offline, process
from tests.telegram.conftest import ADMIN, STRANGER

ADMIN_COMMANDS = {"allow", "deny", "role", "openchat", "closechat", "remove", "assign", "holidays"}


async def test_a_strangers_help_opens_with_the_permission_notice(offline_bot, offline_api):
    api = offline_api
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("/help", user=STRANGER))
    [help_] = api.sent(chat_id=STRANGER)
    notice = refusal(STRANGER)
    assert notice.count("\n") == 1 and help_.text.startswith(notice + "\n")
    assert "/docs" in help_.text and not errors


async def test_start_for_someone_with_a_role_is_a_short_greeting(offline_bot, offline_api):
    api = offline_api
    async with offline(offline_bot) as errors:
        await process(offline_bot, api.text("/start", user=ADMIN))
        await process(offline_bot, api.text("/help", user=ADMIN))
    start, help_ = (c.text for c in api.sent(chat_id=ADMIN))
    assert start.count("\n") <= 2 and "/help" in start and "管理员" in start and "/allow" not in start
    assert "/allow" in help_ and help_.count("\n") > 20  # the full help is one /help away
    assert not errors


@pytest.mark.e2e
async def test_the_default_menu_never_lists_admin_commands(fake_api, tmp_path, knowledge):
    settings = harness.settings_for(fake_api, tmp_path, admins={ADMIN})
    app = harness.make_app(settings, harness.make_services(settings, knowledge))
    async with harness.polling(app) as errors:
        calls = await fake_api.wait_for("setMyCommands", 3)  # post_init, then the default and admin menus
    default = [c for c in fake_api.calls if c.method == "setMyCommands"
               and json.loads(c.params.get("scope") or '{"type": "default"}')["type"] == "default"]
    assert calls and default and default[0] is calls[0]
    for call in default:  # in call order, from the very first
        listed = {c["command"] for c in json.loads(call.params["commands"])}
        assert "ask" in listed and not ADMIN_COMMANDS & listed, listed
    admin = [c for c in fake_api.calls if c.method == "setMyCommands" and str(ADMIN) in (c.params.get("scope") or "")]
    assert admin and ADMIN_COMMANDS <= {c["command"] for c in json.loads(admin[-1].params["commands"])}
    assert not errors
