"""With a store that cannot be written (issue 20, "Disk full"): every kind of message gets one fitting
reply — a question its answer, a stranger the permission notice only (recording them failed, but they
asked to save nothing), /export and writes "暂时无法保存，请稍后再试（未保存）" — never silence."""

import pytest

from tests.support import telegram_harness as harness
from tests.support.telegram_harness import offline, process
from tests.telegram.test_store_unwritable import READ_ONLY, _on_db_thread

ADMIN, SECRETARY, STRANGER = 1, 222, 9999
offline_api = harness.offline_api


@pytest.fixture
def bot(offline_api, tmp_path, knowledge):
    return harness.bundled_app_with_secretary(offline_api, tmp_path, knowledge, ADMIN, SECRETARY)


@pytest.mark.parametrize("user, text, reply", [
    (STRANGER, "越秀工作要点第17项谁牵头？", "还没有使用本助手的权限"),
    (STRANGER, "/start", "还没有使用本助手的权限"),
    (SECRETARY, "越秀工作要点第17项谁牵头？", "第17项"),
    (SECRETARY, "/export", "暂时无法保存，请稍后再试（未保存）"),
    (SECRETARY, "/rectify 东山街 台账缺失 2026年3月1日", "暂时无法保存，请稍后再试（未保存）"),
])
async def test_each_message_gets_exactly_one_fitting_reply_from_a_read_only_store(bot, offline_api, user, text, reply):
    api, services = offline_api, bot.bot_data["services"]
    async with offline(bot):
        await process(bot, api.text("/due 王焕清", user=SECRETARY))
        _on_db_thread(services, *READ_ONLY)
        since = len(api.calls)
        await process(bot, api.text(text, user=user))
    sent = [c for c in api.calls[since:] if c.method.startswith("send") and c.chat_id == user]
    assert len(sent) == 1 and reply in sent[0].text, [c.text for c in sent]
