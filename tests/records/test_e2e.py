"""Acceptance through Telegram: python-telegram-bot's real HTTP stack against the loopback fake Bot
API, long polling, the reminder job armed at start-up, a real SQLite file and the bundled corpus."""

import asyncio
import dataclasses
import time
from datetime import datetime

import pytest

from assistant.operations import access
from corpus import BUNDLED_DIR
from tests.records.conftest import TZ
from tests.support import telegram_harness as harness

pytestmark = pytest.mark.e2e
fake_api = harness.fake_api
ADMIN, SECRETARY, LEADER, MEMBER = 1, 222, 111, 55
NOTE = "走访记录：王焕清 11月5日到东山街督导，召开座谈会，查阅三会一课记录，发现组织生活记录不规范，要求一个月内整改"


async def until(api, chat, predicate, wait=5.0):
    """The latest message to ``chat`` whose text satisfies ``predicate`` (the reminder job may interleave)."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        found = [c for c in api.sent(chat_id=chat) if predicate(c.text)]
        if found:
            return found[-1]
        await asyncio.sleep(0.01)
    raise AssertionError(f"no matching message to {chat}: {[c.text[:60] for c in api.sent(chat_id=chat)]}")


@pytest.fixture
def http_bot(fake_api, tmp_path, knowledge):
    settings = dataclasses.replace(harness.settings_for(fake_api, tmp_path, admins={ADMIN}), corpus_dir=BUNDLED_DIR)
    services = harness.make_services(settings, knowledge)
    services.clock = lambda: datetime(2026, 11, 22, 10, 0, tzinfo=TZ)
    now = services.clock()
    access.set_role(services.db, SECRETARY, "secretary", at=now, actor="test")
    access.allow(services.db, MEMBER, at=now, actor="test")
    access.allow(services.db, LEADER, at=now, actor="test")
    return harness.make_app(settings, services)


async def test_note_to_visit_to_due_over_http(http_bot, fake_api):
    api, db = fake_api, http_bot.bot_data["services"].db
    async with harness.polling(http_bot) as errors:
        # the records commands reach the menus of those who have them (the default scope has none)
        await api.wait_for("setMyCommands", 3)
        commands = "".join(c.params["commands"] for c in api.calls if c.method == "setMyCommands")
        assert '"command": "visit"' in commands and '"command": "due"' in commands
        # a member cannot log visits
        api.push(api.text(NOTE, user=MEMBER))
        await until(api, MEMBER, lambda t: "只有秘书" in t)
        # garbage gets a clear question and changes nothing
        api.push(api.text("走访记录：王焕清 13月45日到东山街督导", user=SECRETARY))
        question = await until(api, SECRETARY, lambda t: "不存在" in t)
        assert "请补充或更正" in question.text
        # the secretary's note → parsed record with buttons → 确认
        api.push(api.text(NOTE, user=SECRETARY))
        parsed = await until(api, SECRETARY, lambda t: "待确认" in t)
        assert "2026-12-05" in parsed.text and "越秀工作要点" in parsed.text
        api.push(api.press(parsed.buttons[0][1], user=SECRETARY))
        saved = await until(api, SECRETARY, lambda t: "已保存" in t)
        assert "第1号整改" in saved.text
        # the leader binds (admin confirms) and sees it in /due
        api.push(api.text("/bind 王焕清", user=LEADER))
        notice = await until(api, ADMIN, lambda t: "申请绑定" in t)
        api.push(api.press(notice.buttons[0][1], user=ADMIN))
        await until(api, ADMIN, lambda t: "已绑定" in t)
        api.push(api.text("/due", user=LEADER))
        due = await until(api, LEADER, lambda t: "本月待联系督导" in t)
        assert "区教育局" in due.text and "东山街" not in due.text.split("未完成的整改")[0]
        assert "2026-12-05" in due.text
    assert [r["original"] for r in db["visits"].rows] == [NOTE]
    assert [(r["due"], r["status"]) for r in db["rectifications"].rows] == [("2026-12-05", "open")]
    assert not errors


async def test_start_up_arms_the_reminder_job(http_bot, fake_api):
    jobs = []
    async with harness.polling(http_bot) as errors:
        await fake_api.wait_for("setMyCommands")
        jobs = http_bot.job_queue.get_jobs_by_name("records-reminders")
        assert len(jobs) == 1 and jobs[0].job.misfire_grace_time >= 600
    assert not errors
