"""Conversations in Telegram, end to end: the real PTB HTTP stack against the loopback fake Bot API, a real
SQLite file, the real router. Follow-ups in a private chat, a group reply continuing the answer it
replies to, small talk, contexts kept per user and across a restart, /assign shown in the next answer."""

from datetime import timedelta

import pytest

from assistant.records.leaders import assign
from tests.support import telegram_harness as harness
from tests.telegram.conftest import ADMIN, GROUP, MEMBER

pytestmark = pytest.mark.e2e


def _services(settings, knowledge):
    return harness.make_services(settings, knowledge)


async def _ask(api, text, *, user=ADMIN, chat=None, reply_to=False):
    chat_id = user if chat is None else chat
    before = len(api.sent(chat_id=chat_id))
    api.push(api.text(text, user=user, chat=chat, reply_to_bot=reply_to))
    return (await api.wait_for(chat_id=chat_id, count=before + 1))[-1]


async def test_private_follow_ups_and_small_talk(fake_api, tmp_path, knowledge):
    settings = harness.settings_for(fake_api, tmp_path, admins={ADMIN, MEMBER})
    app = harness.make_app(settings, _services(settings, knowledge))
    api = fake_api
    async with harness.polling(app) as errors:
        await api.wait_for("setMyCommands")
        assert "党建文件助手" in (await _ask(api, "你好")).text
        assert "管理员：/assign" in (await _ask(api, "你能做什么")).text  # help by the caller's role
        first = await _ask(api, "工作要点第17项谁牵头")
        assert "区民政局" in first.text
        second = await _ask(api, "那第18项呢")
        assert "越秀工作要点 第18项" in second.text and "区委组织部" in second.text and "洛阳" not in second.text
        assert "区纪委" in (await _ask(api, "監督方案第17項誰牽頭")).text
        coop = await _ask(api, "配合单位呢")
        assert "区信访局" in coop.text
        text = await _ask(api, "原文呢")
        assert "信访举报" in text.text
        assert "北京街" in (await _ask(api, "苏佩联系哪个社区")).text
        again = await _ask(api, "那他还联系哪些")
        assert "培正集团" in again.text
        assert "不客气" in (await _ask(api, "谢谢")).text
        assert "良好" in (await _ask(api, "考核得了80分是什么等次")).text
        assert "郭环" in (await _ask(api, "顺丰速运党支部是哪位领导联系的")).text
        assert "王焕清" in (await _ask(api, "七中由哪位区领导挂点")).text
        assert "党内监督工作方案 第32项" in (await _ask(api, "监督放案第32项谁牵投")).text
        # another user's conversation is their own
        other = await _ask(api, "那第18项呢", user=MEMBER)
        assert "洛阳机关党建意见 第18项" in other.text  # no context of theirs: every document's item 18
    assert not errors


async def test_group_reply_continues_the_answer_it_replies_to(fake_api, tmp_path, knowledge):
    settings = harness.settings_for(fake_api, tmp_path, admins={ADMIN, MEMBER})
    app = harness.make_app(settings, _services(settings, knowledge))
    api = fake_api
    async with harness.polling(app) as errors:
        await api.wait_for("setMyCommands")
        api.push(api.text("/openchat", user=ADMIN, chat=GROUP))
        await api.wait_for(chat_id=GROUP)
        eighth = await _ask(api, "@docbot_test_bot 监督方案第8项谁牵头", chat=GROUP)
        assert "区委组织部" in eighth.text
        # the admin asks something else in between; a member replies to the 第8项 answer
        await _ask(api, "@docbot_test_bot 苏佩联系哪个社区", chat=GROUP)
        ninth = await _ask(api, "那第9项呢", user=MEMBER, chat=GROUP, reply_to=eighth.result["message_id"])
        assert "党内监督工作方案 第9项" in ninth.text and "越秀工作要点" not in ninth.text
    assert not errors


async def test_context_survives_a_restart_and_expires(fake_api, tmp_path, knowledge):
    settings = harness.settings_for(fake_api, tmp_path, admins={ADMIN})
    api = fake_api
    services = _services(settings, knowledge)
    async with harness.polling(harness.make_app(settings, services)):
        await api.wait_for("setMyCommands")
        assert "区委组织部" in (await _ask(api, "监督方案第3项谁牵头")).text
    services.close()  # the context write has landed
    restarted = _services(settings, knowledge)  # a new process: nothing in memory
    async with harness.polling(harness.make_app(settings, restarted)) as errors:
        await api.wait_for("setMyCommands", count=2)
        follow = await _ask(api, "那第4项呢")
        assert "党内监督工作方案 第4项" in follow.text and "越秀工作要点" not in follow.text
        restarted.clock = lambda: harness.FIXED_NOW + timedelta(minutes=31)
        late = await _ask(api, "那第5项呢")
        assert "越秀工作要点" in late.text  # context expired: item 5 of every document
    assert not errors


async def test_assign_shows_in_the_next_answer(fake_api, tmp_path, knowledge):
    settings = harness.settings_for(fake_api, tmp_path, admins={ADMIN})
    services = _services(settings, knowledge)
    api = fake_api
    async with harness.polling(harness.make_app(settings, services)) as errors:
        await api.wait_for("setMyCommands")
        assert "都府社区" in (await _ask(api, "苏佩联系哪些社区")).text
        # on the database thread, as /assign does: the connection is that thread's (the conversation
        # store writes there too, and a write from this thread could interleave with its transaction)
        await services.in_db(assign, "苏佩", "community", "五羊社区", now=harness.FIXED_NOW, actor="test")
        after = await _ask(api, "苏佩联系哪些社区")
        assert "五羊社区" in after.text and "都府社区" in after.text and "已调整" in after.text
        assert "苏佩" in (await _ask(api, "五羊社区由哪位区领导挂点")).text
    assert not errors


@pytest.fixture(scope="module")
def searchable(corpus, tmp_path_factory):
    from assistant.documents.knowledge import Knowledge
    from index.searcher import open_searcher

    searcher = open_searcher(corpus, tmp_path_factory.mktemp("conversation-index"), embedding_model=None)
    return Knowledge(corpus=corpus, searcher_factory=lambda: searcher)


async def test_the_issue_examples_that_need_search(fake_api, tmp_path, searchable):
    settings = harness.settings_for(fake_api, tmp_path, admins={ADMIN})
    app = harness.make_app(settings, _services(settings, searchable))
    api = fake_api
    async with harness.polling(app) as errors:
        await api.wait_for("setMyCommands")
        assert "12 月下旬" in (await _ask(api, "检查考核啥时候搞")).text
        assert "12 月 25 日" in (await _ask(api, "自查报告啥时候交")).text
        assert "1个月" in (await _ask(api, "整改期限是多久")).text
        thanks = await _ask(api, "谢谢")
        assert "谢伟光" not in thanks.text and "不客气" in thanks.text
        ratio = await _ask(api, "各文件对专职党务干部配备比例有什么要求")
        assert "海珠城管三年行动" in ratio.text and "1%至 2%" in ratio.text and "洛阳机关党建意见" in ratio.text
        first = await _ask(api, "民主生活会一年开几次")
        assert "1次" in first.text
        more = await _ask(api, "更多")
        assert "第4条起" in more.text and "没有找到" not in more.text
        assert "每季度" in (await _ask(api, "东湖新村社区督导频率")).text
        assert "没有找到" in (await _ask(api, "苏州明天天气怎么样")).text
    assert not errors
