"""One bad update never stops the bot (issue 20): an update the inbox cannot store — the disk is full,
or it holds a lone surrogate that SQLite cannot encode — used to fail the getUpdates batch, which was
fetched again and failed again (~300 tracebacks a second, nobody answered, for good). Now it is
handled without the inbox, the failure is logged once, and the updates after it are answered."""

import asyncio
import logging

from assistant.operations import inbox as core
from tests.support import telegram_harness as harness


async def test_an_update_with_a_lone_surrogate_is_stored_cleaned_and_answered_with_the_others(
        fake_api, tmp_path, knowledge, caplog):
    settings = harness.settings_for(fake_api, tmp_path, admins={1, 2})
    app = harness.make_app(settings, harness.make_services(settings, knowledge))
    bad = fake_api.text("越秀工作要点第17项谁牵头？\ud800", user=1)  # sent as the JSON escape "\ud800"
    with caplog.at_level(logging.WARNING):
        async with harness.polling(app) as errors:
            fake_api.push(bad, fake_api.text("越秀工作要点第3项谁牵头？", user=2))
            [answer] = await fake_api.wait_for(chat_id=1)
            await fake_api.wait_for(chat_id=2)
    assert "第17项" in answer.text and not errors
    stored = core.open_inbox(settings.inbox_path)["inbox"].get(bad["update_id"])
    assert stored["status"] == "done" and "\\ufffd" in stored["payload"].encode("unicode_escape").decode()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_full_inbox_disk_is_logged_once_and_every_update_is_still_answered(fake_api, tmp_path, knowledge,
                                                                                 caplog):
    settings = harness.settings_for(fake_api, tmp_path, admins={1, 2, 3})
    app = harness.make_app(settings, harness.make_services(settings, knowledge))
    inbox = app.bot_data["inbox"]
    with caplog.at_level(logging.WARNING):
        async with harness.polling(app) as errors:
            pages = inbox.db.execute("PRAGMA page_count").fetchone()[0]
            inbox.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL from the next new page on
            for n, user in enumerate((1, 2, 3) * 3):
                fake_api.push(fake_api.text(f"越秀工作要点第{n + 1}项谁牵头？" + "请" * 3000, user=user))
                await fake_api.wait_for(count=n + 1)
            inbox.db.execute("PRAGMA max_page_count = 1073741823")  # space again
            fake_api.push(fake_api.text("越秀工作要点第17项谁牵头？", user=1))
            await fake_api.wait_for(count=10)
            await asyncio.sleep(0)
    full = [r for r in caplog.records if "inbox cannot be written" in r.message]
    assert len(full) == 1, [r.message for r in caplog.records]
    assert any("inbox writable again" in r.message for r in caplog.records)
    assert not errors
    assert len(fake_api.sent()) == 10
