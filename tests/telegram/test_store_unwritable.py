"""A store that cannot be written (disk full, a read-only file; issue 20, item 5): questions are still
answered, every write is refused with "暂时无法保存，请稍后再试（未保存）" instead of "出错了", and the
next write after the disk has room again is stored. SQLite itself says so: PRAGMA max_page_count makes a
full disk (SQLITE_FULL), PRAGMA query_only a read-only store (SQLITE_READONLY)."""


import pytest

from assistant.operations import access
from assistant.storage.store import DAMAGED_REPLY, UNWRITABLE_REPLY, StoreUnwritable
from tests.support import telegram_harness as harness
from tests.support.telegram_harness import offline, process

ADMIN, SECRETARY = 1, 222
offline_api = harness.offline_api
WRITES = ["/rectify 东山街 台账缺失 2026年3月1日", "/allow 4242", "/subscribe 区纪委", "/bind 王焕清"]


@pytest.fixture
def bot(offline_api, tmp_path, knowledge):
    return harness.bundled_app_with_secretary(offline_api, tmp_path, knowledge, ADMIN, SECRETARY)


def _on_db_thread(services, *sql):
    """Statements on the database thread's own connection (each thread has one: assistant.storage.store.Store)."""
    def run():
        for statement in sql:
            pages = services.db.execute("PRAGMA page_count").fetchone()[0]
            services.db.execute(statement.format(pages=pages))
    services.db_executor.submit(run).result()


def _db_file(services) -> str:
    return services.db.execute("PRAGMA database_list").fetchone()[2]


def _scribble(path: str, page: int, size: int) -> None:
    with open(path, "r+b") as f:
        f.seek((page - 1) * size)
        f.write(b"\xff" * size)


READ_ONLY, WRITABLE = ("PRAGMA query_only = 1",), ("PRAGMA query_only = 0",)
FULL = ("VACUUM", "PRAGMA max_page_count = {pages}")  # no free page, none may be added: a full disk
ROOM = ("PRAGMA max_page_count = 1073741823",)
LONG = "台账缺失" * 110  # 1.3 KB, in the rectification and in the audit log


async def test_a_read_only_store_refuses_every_write_clearly_and_questions_are_answered(bot, offline_api):
    api, services = offline_api, bot.bot_data["services"]
    async with offline(bot) as errors:
        await process(bot, api.text("/due 王焕清", user=SECRETARY))  # leaders seeded while it was writable
        _on_db_thread(services, *READ_ONLY)
        for text in WRITES:
            await process(bot, api.text(text, user=ADMIN if text.startswith("/allow") else SECRETARY))
        await process(bot, api.text("越秀工作要点第17项谁牵头？", user=SECRETARY))
        replies = [c.text for c in api.sent() if c.chat_id in (ADMIN, SECRETARY)][1:]
        assert replies[:len(WRITES)] == [UNWRITABLE_REPLY] * len(WRITES)
        assert "第17项" in replies[-1]  # answers need no disk
        assert services.db["rectifications"].count == 0 and access.role_of(services.db, 4242) is None
        _on_db_thread(services, *WRITABLE)
        await process(bot, api.text(WRITES[0], user=SECRETARY))
    assert "已登记第1号整改" in api.sent(chat_id=SECRETARY)[-1].text and services.db["rectifications"].count == 1
    assert errors and all(isinstance(e, StoreUnwritable) for e in errors)  # logged, one line each


async def test_a_full_disk_refuses_the_write_that_needs_room_and_stores_it_once_there_is_room(bot, offline_api):
    api, services = offline_api, bot.bot_data["services"]
    async with offline(bot) as errors:
        await process(bot, api.text("/due 王焕清", user=SECRETARY))
        _on_db_thread(services, *FULL)
        for n in range(1, 20):  # each stored one fills the pages' last free bytes, until one does not fit
            await process(bot, api.text(f"/rectify 东山街 {LONG}{n} 2026年3月1日", user=SECRETARY))
            reply = api.sent(chat_id=SECRETARY)[-1].text
            if reply == UNWRITABLE_REPLY:
                break
            assert f"已登记第{n}号整改" in reply
        assert reply == UNWRITABLE_REPLY and services.db["rectifications"].count == n - 1  # nothing half-saved
        await process(bot, api.text("越秀工作要点第17项谁牵头？", user=SECRETARY))
        assert "第17项" in api.sent(chat_id=SECRETARY)[-1].text
        _on_db_thread(services, *ROOM)
        await process(bot, api.text(f"/rectify 东山街 {LONG}{n} 2026年3月1日", user=SECRETARY))
    assert f"已登记第{n}号整改" in api.sent(chat_id=SECRETARY)[-1].text
    assert errors and all(isinstance(e, StoreUnwritable) for e in errors)


async def test_a_page_damaged_after_start_refuses_the_write_clearly_and_answers_go_on(bot, offline_api):
    """A scribbled page the start did not read (the audit log's): the write that needs it is refused with
    the damaged-store reply, not "出错了"; questions, which never read it, are answered."""
    api, services = offline_api, bot.bot_data["services"]
    async with offline(bot) as errors:
        await process(bot, api.text("/due 王焕清", user=SECRETARY))
        db = services.db
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'").fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
        services.db_executor.submit(lambda: db.execute("PRAGMA wal_checkpoint(TRUNCATE)")).result()
        _scribble(_db_file(services), root, size)  # the disk went bad under a running bot
        # The database thread's connection must not serve the page from its cache.
        services.db_executor.submit(lambda: db.execute("PRAGMA shrink_memory")).result()
        await process(bot, api.text(WRITES[0], user=SECRETARY))
        assert api.sent(chat_id=SECRETARY)[-1].text == DAMAGED_REPLY
        await process(bot, api.text("越秀工作要点第17项谁牵头？", user=SECRETARY))
        assert "第17项" in api.sent(chat_id=SECRETARY)[-1].text
    assert errors and all(isinstance(e, StoreUnwritable) for e in errors)
