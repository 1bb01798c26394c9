"""What misled a new user in the records features (issue 19, item 4): /calendar in a chat never points to
a command-line program and lists undated yearly duties once under 全年; reminder digests show Chinese
headings; `docbot rectify add` takes the visit-note form of a deadline and refuses with its own usage."""

import dataclasses
import re
from datetime import datetime

import pytest

from assistant import access
from assistant.records import obligations
from corpus import BUNDLED_DIR
from tests.records.conftest import TZ
from tests.support import telegram_harness as harness
from tests.support.telegram_harness import offline, process

ADMIN, MEMBER = 1, 55
offline_api = harness.offline_api


@pytest.fixture
def bot(offline_api, tmp_path, knowledge):
    settings = dataclasses.replace(harness.settings_for(offline_api, tmp_path, admins={ADMIN}),
                                   corpus_dir=BUNDLED_DIR)
    services = harness.make_services(settings, knowledge)
    services.clock = lambda: datetime(2026, 11, 22, 10, 0, tzinfo=TZ)
    access.allow(services.db, MEMBER, at=services.clock(), actor="test")
    return harness.make_app(settings, services, offline_api)


async def test_calendar_in_a_chat_lists_yearly_duties_once_under_the_whole_year(bot, offline_api, corpus):
    api = offline_api
    async with offline(bot) as errors:
        for text in ("/calendar 2026-12", "/calendar 2026-11", "/calendar 全年"):
            await process(bot, api.text(text, user=MEMBER))
    december, november, year = (c.text for c in api.sent(chat_id=MEMBER))
    undated = obligations.yearly_undated(obligations.obligations_of(corpus.documents))
    assert len(undated) >= 10
    for reply in (december, november, year):
        assert "docbot" not in reply and "--json" not in reply
    # not a December deadline: neither December nor any other month lists "每年" as due
    assert "• 每年｜" not in december and "• 每年｜" not in november
    assert f"另有{len(undated)}项每年要做" in december and "/calendar 全年" in december
    assert year.startswith(f"全年（每年要做、文件未写明日期）的工作事项，共{len(undated)}项")
    assert "可加上单位缩小范围，例如 /calendar 全年 区纪委" in year  # more than fit: narrowed in the chat
    sources = re.findall(r"来源：(.+)", year)
    assert len(sources) == len(set(sources))  # each once
    assert not errors
