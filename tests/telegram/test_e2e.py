"""End to end: python-telegram-bot's real HTTP stack (httpx) against the loopback fake Bot API."""

import pytest

from bot.app import Tuning
from tests.support import telegram_harness as harness
from tests.telegram.conftest import ADMIN, GROUP, STRANGER

pytestmark = pytest.mark.e2e


@pytest.fixture
def http_bot(fake_api, tmp_path, knowledge):
    settings = harness.settings_for(fake_api, tmp_path, admins={ADMIN})
    return harness.make_app(settings, harness.make_services(settings, knowledge))


async def test_acceptance_walkthrough(http_bot, fake_api):
    api = fake_api
    async with harness.polling(http_bot) as errors:
        commands = await api.wait_for("setMyCommands")
        assert '"command": "item"' in commands[0].params["commands"]
        # a stranger is refused and told their id
        api.push(api.text("越秀工作要点第17项谁牵头？", user=STRANGER))
        [refusal] = await api.wait_for(chat_id=STRANGER)
        assert str(STRANGER) in refusal.text
        # after /allow they get answers
        api.push(api.text(f"/allow {STRANGER}", user=ADMIN))
        await api.wait_for(chat_id=STRANGER, count=2)
        api.push(api.text("越秀工作要点第17项谁牵头？", user=STRANGER))
        answer = (await api.wait_for(chat_id=STRANGER, count=3))[-1]
        assert "第17项" in answer.text and "牵头" in answer.text
        # groups: not mentioned → ignored; mentioned → answered
        api.push(api.text("越秀工作要点第17项谁牵头？", user=STRANGER, chat=GROUP))
        api.push(api.text("@docbot_test_bot 越秀工作要点第3项谁牵头？", user=STRANGER, chat=GROUP))
        [group_reply] = await api.wait_for(chat_id=GROUP)
        assert "第3项" in group_reply.text
        # <script> never comes back live; a 5 000-character message is answered
        api.push(api.text("<script>alert(1)</script>区<b>信访局</b>要配合哪些工作？", user=STRANGER))
        api.push(api.text("党" * 5000, user=STRANGER))
        replies = await api.wait_for(chat_id=STRANGER, count=5)
        assert all("<script" not in r.text for r in replies)
        assert any("问题太长" in r.text for r in replies[3:])
        assert len(api.sent(chat_id=GROUP)) == 1
    assert not errors


@pytest.mark.parametrize("fault", ["429", "500", "502", "drop"])
async def test_a_reply_that_first_fails_still_arrives(http_bot, fake_api, fault):
    api = fake_api
    async with harness.polling(http_bot) as errors:
        await api.wait_for("setMyCommands")
        if fault == "drop":
            api.drop("sendMessage")
        else:
            api.fail("sendMessage", int(fault), retry_after=1)
        api.push(api.text("越秀工作要点第17项谁牵头？", user=ADMIN))
        [reply] = await api.wait_for(chat_id=ADMIN, timeout=8)
        assert "第17项" in reply.text
        attempts = [c for c in api.calls if c.method == "sendMessage"]
        assert len(attempts) == 2 and attempts[0].status != 200
    assert not errors


async def test_a_read_timeout_on_a_send_is_not_retried_blindly(http_bot, fake_api):
    """Telegram may have delivered it already (the fake did): one message, not two, and no "出错了" after
    it; the outbox gives it up as maybe delivered, with the reason."""
    from assistant.operations import inbox

    api = fake_api
    async with harness.polling(http_bot) as errors:
        await api.wait_for("setMyCommands")
        api.delay("sendMessage", 1.5)  # longer than the test read timeout (1 s)
        update = api.text("越秀工作要点第17项谁牵头？", user=ADMIN)
        api.push(update)
        await api.wait_for(chat_id=ADMIN, timeout=8)  # the answer, late
        db = http_bot.bot_data["inbox"].db
        await harness.until(lambda: db["inbox"].get(update["update_id"])["status"] == "done")  # handled to the end
        [reason] = [r["reason"] for r in db["outbox"].rows]
        assert inbox.backlog(db) == 0
    assert ["第17项" in c.text for c in api.sent(chat_id=ADMIN)] == [True]
    assert "maybe delivered" in reason and "TimedOut" in reason and not errors


async def test_429_storm_is_survived(http_bot, fake_api):
    api = fake_api
    async with harness.polling(http_bot) as errors:
        await api.wait_for("setMyCommands")
        api.fail("sendMessage", 429, retry_after=1, times=2)
        for user in (ADMIN,):
            api.push(*(api.text(f"越秀工作要点第{n}项谁牵头？", user=user) for n in (1, 2, 3)))
        replies = await api.wait_for(chat_id=ADMIN, count=3, timeout=10)
        assert sorted(r.text.count("第") > 0 for r in replies) == [True] * 3
    assert not errors


async def test_start_up_survives_a_briefly_unavailable_api(fake_api, tmp_path, knowledge):
    api = fake_api
    settings = harness.settings_for(api, tmp_path, admins={ADMIN})
    app = harness.make_app(settings, harness.make_services(settings, knowledge),
                           tuning=Tuning(read_timeout=1, backoff=0.01, overall_max_rate=0, group_max_rate=0))
    api.fail("getMe", 500, times=2)
    api.fail("deleteWebhook", 502)
    async with harness.polling(app) as errors:
        api.push(api.text("越秀工作要点第17项谁牵头？", user=ADMIN))
        await api.wait_for(chat_id=ADMIN)
    assert not errors


async def test_upload_over_http_then_the_document_is_listed_and_answerable(fake_api, tmp_path):
    """getFile + download from the file endpoint through the real stack; confirm; the corpus reloads."""
    import shutil

    from assistant.documents.knowledge import Knowledge
    from corpus import BUNDLED_DIR
    from corpus.library import load_corpus
    from tests.telegram.test_uploads import make_docx

    api = fake_api
    settings = harness.settings_for(api, tmp_path, admins={ADMIN})
    shutil.copytree(BUNDLED_DIR, settings.corpus_dir)
    # uploads are stored beside the corpus (settings.uploads_dir) and loaded with it
    services = harness.make_services(settings, Knowledge(load_corpus(settings.corpus_dir, settings.uploads_dir)),
                                     reload=lambda: Knowledge(load_corpus(settings.corpus_dir, settings.uploads_dir)))
    app = harness.make_app(settings, services)
    async with harness.polling(app) as errors:
        api.push(api.document("机关党建方案.docx", make_docx(), user=ADMIN))
        [preview] = await api.wait_for(chat_id=ADMIN)
        assert "条目：5 项" in preview.text
        api.push(api.press(preview.buttons[0][1], user=ADMIN))
        await api.wait_for(chat_id=ADMIN, count=2)
        api.push(api.text("/docs", user=ADMIN))
        docs = (await api.wait_for(chat_id=ADMIN, count=3))[-1]
        assert "机关党建" in docs.text and "越秀工作要点" in docs.text
        new = services.knowledge.corpus.document("机关党建方案.txt")
        api.push(api.text(f"/item {new.short_name} 2", user=ADMIN))
        item = (await api.wait_for(chat_id=ADMIN, count=4))[-1]
        assert "加强第2项工作" in item.text
    assert any(c.method == "getFile" for c in api.calls) and not errors
