"""Issue 11 through Telegram: PTB's real HTTP stack against the loopback fake Bot API, long polling,
the reminder job armed at start-up, a real SQLite file and the bundled corpus; the clock is moved by
the test and the job's tick is triggered directly (as the JobQueue would)."""

import dataclasses
import json
from datetime import datetime
from types import SimpleNamespace

import pytest

from assistant.operations import access
from corpus import BUNDLED_DIR
from handlers import reminder_jobs
from tests.records.conftest import TZ
from tests.records.test_e2e import until
from tests.support import telegram_harness as harness

pytestmark = pytest.mark.e2e
fake_api = harness.fake_api
ADMIN, SECRETARY, LEADER, MEMBER, STRANGER = 1, 222, 111, 55, 999
INFORMAL = "王书记上周五去七中看了看，查阅了三会一课记录，没发现问题"
NOTICE = ("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）放假，与周末连休，共3天。\n"
          "二、春节：2月5日（农历除夕）至11日（农历正月初六）放假调休，共7天。2月28日（星期日）上班。")
ADMIN_COMMANDS = {"allow", "deny", "role", "openchat", "closechat", "remove", "assign", "holidays"}


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def app(fake_api, tmp_path, knowledge):
    settings = dataclasses.replace(harness.settings_for(fake_api, tmp_path, admins={ADMIN}), corpus_dir=BUNDLED_DIR)
    services = harness.make_services(settings, knowledge)
    services.clock = Clock(datetime(2026, 11, 30, 2, 36, tzinfo=TZ))  # Monday night
    now = services.clock()
    access.set_role(services.db, SECRETARY, "secretary", at=now, actor="test")
    access.allow(services.db, MEMBER, at=now, actor="test")
    access.allow(services.db, LEADER, at=now, actor="test")
    return harness.make_app(settings, services)


def _menus(api):
    """{scope chat id or None: [commands]} from the setMyCommands calls (the last call per scope wins)."""
    out = {}
    for call in api.calls:
        if call.method == "setMyCommands":
            scope = json.loads(call.params.get("scope") or "{}")
            out[scope.get("chat_id")] = [c["command"] for c in json.loads(call.params["commands"])]
    return out


def _photo(api, caption, user):
    update = api.text("x", user=user)
    message = update["message"]
    del message["text"]
    message["caption"] = caption
    message["photo"] = [{"file_id": "photo1", "file_unique_id": "p1u", "width": 800, "height": 600}]
    return update


def _voice(api, user):
    update = api.text("x", user=user)
    del update["message"]["text"]
    update["message"]["voice"] = {"file_id": "v1", "file_unique_id": "v1u", "duration": 3}
    return update


async def test_menus_help_informal_note_questions_bind_and_odd_messages(app, fake_api):
    api, services = fake_api, app.bot_data["services"]
    db = services.db
    async with harness.polling(app) as errors:
        # the member's menu (the default scope) has no admin command; the secretary's has hers
        await api.wait_for("setMyCommands", 4)  # post_init, then the default scope, the secretary, the admin
        menus = _menus(api)
        assert not ADMIN_COMMANDS & set(menus[None]) and "ask" in menus[None] and "visit" not in menus[None]
        assert "visit" in menus[SECRETARY] and not ADMIN_COMMANDS & set(menus[SECRETARY])
        assert ADMIN_COMMANDS <= set(menus[ADMIN])
        # an admin makes the member a secretary: the member's own menu follows at once
        api.push(api.text(f"/role {MEMBER} secretary", user=ADMIN))
        await until(api, ADMIN, lambda t: str(MEMBER) in t)
        await api.wait_for("setMyCommands", 5)
        assert "visit" in _menus(api)[MEMBER]
        api.push(api.text(f"/role {MEMBER} member", user=ADMIN))
        await api.wait_for("setMyCommands", 6)
        assert "visit" not in _menus(api)[MEMBER]
        # a stranger can read /help; help follows the role
        api.push(api.text("/help", user=STRANGER))
        assert "您的用户 ID：999" in (await until(api, STRANGER, lambda t: "党建文件助手" in t)).text
        api.push(api.text("/help", user=SECRETARY))
        assert "/visit" in (await until(api, SECRETARY, lambda t: "党建文件助手" in t)).text
        api.push(api.text("/help", user=MEMBER))
        member_help = (await until(api, MEMBER, lambda t: "党建文件助手" in t)).text
        assert "/visit" not in member_help and "/allow" not in member_help
        # unknown command, voice
        api.push(api.text("/frobnicate", user=MEMBER))
        await until(api, MEMBER, lambda t: "没有 /frobnicate 这个命令" in t)
        api.push(_voice(api, MEMBER))
        await until(api, MEMBER, lambda t: "暂不支持语音" in t)
        # the leader binds; when the admin confirms, the leader is told and gets the leader's menu
        api.push(api.text("/bind 王焕清", user=LEADER))
        notice = await until(api, ADMIN, lambda t: "申请绑定" in t)
        api.push(api.press(notice.buttons[0][1], user=ADMIN))
        await until(api, LEADER, lambda t: "管理员已确认您的区领导身份：王焕清" in t)
        assert "due" in _menus(api)[LEADER] and not ADMIN_COMMANDS & set(_menus(api)[LEADER])
        # the secretary's informal note: offered, 记录, then the usual 确认
        services.clock.now = datetime(2026, 11, 30, 10, 0, tzinfo=TZ)
        api.push(api.text(INFORMAL, user=SECRETARY))
        offer = await until(api, SECRETARY, lambda t: "要记为走访记录吗" in t)
        assert [label for label, _ in offer.buttons] == ["记录", "不是"]
        api.push(api.press(offer.buttons[0][1], user=SECRETARY))
        card = await until(api, SECRETARY, lambda t: "待确认" in t)
        assert "王焕清" in card.text and "第七中学" in card.text and "2026-11-27" in card.text
        api.push(api.press(card.buttons[0][1], user=SECRETARY))
        await until(api, SECRETARY, lambda t: "已保存第1号走访记录" in t)
        # a photo with a caption that is not a note goes with the secretary's latest visit
        api.push(_photo(api, "七中现场照片", SECRETARY))
        await until(api, SECRETARY, lambda t: "照片已附在第1号走访记录" in t)
        # a photo whose caption is the note goes with that note's draft, and with the visit on 确认
        api.push(_photo(api, "走访记录：王焕清 11月27日到区教育局督导，听取工作汇报", SECRETARY))
        await until(api, SECRETARY, lambda t: "照片已附在这条记录上" in t)
        card = await until(api, SECRETARY, lambda t: "待确认" in t and "区教育局" in t)
        api.push(api.press(card.buttons[0][1], user=SECRETARY))
        await until(api, SECRETARY, lambda t: "已保存第2号走访记录" in t)
        # natural questions, answered from the records
        api.push(api.text("/rectify 东山街 台账缺失 2026-11-20", user=SECRETARY))
        await until(api, SECRETARY, lambda t: "第1号整改" in t or "已登记" in t)
        api.push(api.text("我这个月还有哪些点没去", user=LEADER))
        pending = await until(api, LEADER, lambda t: "本月待联系督导" in t)
        assert "本月待联系督导：东山街\n" in pending.text and "来源：走访台账" in pending.text  # 区教育局 visited
        api.push(api.text("我还有哪些整改没办完", user=LEADER))
        assert "东山街" in (await until(api, LEADER, lambda t: "未完成的整改" in t)).text
        api.push(api.text("还有哪些整改没完成", user=SECRETARY))
        await until(api, SECRETARY, lambda t: "未完成的整改共1项" in t)
        api.push(api.text("东山街上次督导是什么时候", user=SECRETARY))
        await until(api, SECRETARY, lambda t: "走访台账中还没有东山街的督导记录" in t)
        api.push(api.text("七中上次督导是什么时候", user=SECRETARY))
        await until(api, SECRETARY, lambda t: "第七中学上次督导是2026-11-27" in t)
        # the obligations calendar, a unit's subscription, the month's picture
        api.push(api.text("/calendar 2026-12", user=MEMBER))
        cal = await until(api, MEMBER, lambda t: "2026年12月到期的工作事项" in t)
        assert "12月10日前｜各牵头部门" in cal.text and "来源：《党内监督工作方案》" in cal.text
        api.push(api.text("/calendar 13月", user=MEMBER))
        await until(api, MEMBER, lambda t: "用法：/calendar" in t)
        api.push(api.text("/subscribe 各牵头部门", user=MEMBER))
        await until(api, MEMBER, lambda t: "已订阅各牵头部门" in t)
        api.push(api.text("/report 2026-11", user=SECRETARY))
        [photo] = await api.wait_for("sendPhoto", chat_id=SECRETARY, timeout=60)  # matplotlib: seconds on a busy host
        assert "2026年11月联系督导情况" in photo.params["caption"] and photo.files
        api.push(api.text("/report 2026-11", user=MEMBER))
        await until(api, MEMBER, lambda t: "只有" in t and "督导情况图" in t)
        api.push(api.text("/rectifications", user=SECRETARY))
        assert "第1号" in (await until(api, SECRETARY, lambda t: "未完成的整改共1项" in t)).text
    assert [r["original"] for r in db["visits"].rows][0] == INFORMAL
    assert [r["visit_id"] for r in db["visit_photos"].rows] == [1, 2]
    assert [(r["telegram_id"], r["unit"]) for r in db["unit_subscriptions"].rows] == [(MEMBER, "各牵头部门")]
    assert not errors


async def test_sending_times_digest_and_holidays(app, fake_api):
    api, services = fake_api, app.bot_data["services"]
    clock = services.clock
    tick = SimpleNamespace(application=app, bot=app.bot)
    async with harness.polling(app) as errors:
        api.push(api.text(f"/bind {LEADER} 王焕清", user=ADMIN))
        await until(api, ADMIN, lambda t: "已绑定" in t)
        clock.now = datetime(2026, 11, 30, 10, 0, tzinfo=TZ)
        api.push(api.text("走访记录：王焕清 11月5日到东山街督导，召开座谈会，发现台账不全，要求一个月内整改", user=SECRETARY))
        card = await until(api, SECRETARY, lambda t: "待确认" in t)
        api.push(api.press(card.buttons[0][1], user=SECRETARY))
        await until(api, SECRETARY, lambda t: "已保存" in t)
        before = {c: len(api.sent(chat_id=c)) for c in (LEADER, SECRETARY)}
        # night: nothing, however often the job runs
        clock.now = datetime(2026, 11, 30, 23, 30, tzinfo=TZ)
        assert await reminder_jobs.tick(tick) == 0
        # next morning 09:00: one digest per person, titled on its own line; a second tick adds nothing
        clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=TZ)
        assert await reminder_jobs.tick(tick) == 3  # leader, secretary, and the admin's holiday reminder
        assert await reminder_jobs.tick(tick) == 0
        leader_msgs = api.sent(chat_id=LEADER)[before[LEADER]:]
        assert len(leader_msgs) == 1 and leader_msgs[0].text.split("\n")[0].startswith("<b>每日提醒</b>2026年12月1日")
        assert "还有4天到期" in leader_msgs[0].text and "联系督导提醒" in leader_msgs[0].text
        assert "2027年的节假日调休安排尚未导入" in api.sent(chat_id=ADMIN)[-1].text
        # 2027-01-01 is not a working day (no package data: computed)
        clock.now = datetime(2027, 1, 1, 9, 0, tzinfo=TZ)
        assert await reminder_jobs.tick(tick) == 0
        # February 2027: reminders warn that the adjusted working days are unknown
        clock.now = datetime(2027, 1, 20, 10, 0, tzinfo=TZ)
        api.push(api.text("/rectify 北京街 台账缺失 2027-01-20", user=SECRETARY))
        await until(api, SECRETARY, lambda t: "2027-02-20" in t)
        clock.now = datetime(2027, 2, 15, 9, 0, tzinfo=TZ)
        assert await reminder_jobs.tick(tick) >= 1
        assert "2027年的节假日调休安排尚未导入" in api.sent(chat_id=SECRETARY)[-1].text
        # Sunday 2027-02-28 is a 调休 working day only once the notice is imported
        clock.now = datetime(2027, 2, 28, 9, 0, tzinfo=TZ)
        assert await reminder_jobs.tick(tick) == 0
        api.push(api.text("/holidays " + NOTICE, user=ADMIN))
        shown = await until(api, ADMIN, lambda t: "请核对后点" in t)
        assert "02月28日（春节）" in shown.text
        api.push(api.press(shown.buttons[0][1], user=ADMIN))
        await until(api, ADMIN, lambda t: "已导入2027年节假日安排" in t)
        assert await reminder_jobs.tick(tick) >= 1
        last = api.sent(chat_id=SECRETARY)[-1].text
        assert "每日提醒</b>2027年2月28日" in last and "尚未导入" not in last
    assert not errors
