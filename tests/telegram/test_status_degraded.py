"""Degraded modes are explicit (issue 20, item 5): /status and `docbot status` say when the store cannot
be written (a refused write recorded by the running bot, a read-only file system, a nearly full disk, a
damaged file), the inbox backlog and the last error; a full disk does not stop the heartbeat."""

import dataclasses
import errno
import hashlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.operations.health import Health
from assistant.storage.store import UNWRITABLE_REPLY, open_db
from bot import status
from tests.support import telegram_harness as harness
from tests.support.cli import run_in_process
from tests.support.telegram_harness import offline, process
from tests.telegram.test_store_unwritable import READ_ONLY, WRITABLE, _on_db_thread

ADMIN, SECRETARY = 1, 222
offline_api = harness.offline_api


@pytest.fixture
def bot(offline_api, tmp_path, knowledge):
    return harness.bundled_app_with_secretary(offline_api, tmp_path, knowledge, ADMIN, SECRETARY)


async def _status(bot, api) -> str:
    await process(bot, api.text("/status", user=ADMIN))
    return api.sent(chat_id=ADMIN)[-1].text


async def test_status_shows_a_store_that_refuses_writes_the_backlog_and_the_last_error(bot, offline_api):
    api, services = offline_api, bot.bot_data["services"]
    async with offline(bot):
        await process(bot, api.text("/due 王焕清", user=SECRETARY))
        healthy = await _status(bot, api)
        assert "数据库：正常" in healthy and "最近错误：无" in healthy and "降级运行" not in healthy
        _on_db_thread(services, *READ_ONLY)
        await process(bot, api.text("/rectify 东山街 台账缺失 2026年3月1日", user=SECRETARY))
        assert api.sent(chat_id=SECRETARY)[-1].text == UNWRITABLE_REPLY
        degraded = await _status(bot, api)
        assert "（降级运行）" in degraded and "数据库：⚠ 暂时无法写入" in degraded and "SQLITE_READONLY" in degraded
        assert "写入被拒绝 1 次" in degraded and "提问照常回答" in degraded
        assert "最近错误：" in degraded and "StoreUnwritable" in degraded and "待处理消息：" in degraded
        _on_db_thread(services, *WRITABLE)
        await process(bot, api.text("/rectify 东山街 台账缺失 2026年3月1日", user=SECRETARY))
        assert "已登记第1号整改" in api.sent(chat_id=SECRETARY)[-1].text
        recovered = await _status(bot, api)
    assert "数据库：正常" in recovered and "降级运行" not in recovered
    assert "StoreUnwritable" in recovered  # the last error stays on record


def _settings(tmp_path: Path):
    return dataclasses.replace(harness.settings_for(None, tmp_path), data_dir=tmp_path / "data")


def _env(settings) -> dict:
    return {"DOCBOT_DATA_DIR": str(settings.data_dir), "HF_HUB_OFFLINE": "1", "DOCBOT_EMBEDDING_MODEL": "none",
            "DOCBOT_CORPUS_DIR": None}


def test_docbot_status_shows_what_the_running_bot_recorded(tmp_path, monkeypatch):
    settings = _settings(tmp_path)
    settings.data_dir.mkdir()
    open_db(settings.db_path).close()
    health, now = Health(), datetime.now(UTC)
    health.write_refused("SQLITE_FULL: database or disk is full", now)
    health.error(RuntimeError("boom"), now)
    status.write_heartbeat(settings, now, health.snapshot())  # what the bot's heartbeat job writes
    r = run_in_process(monkeypatch, "status", env=_env(settings))
    assert r.returncode == 0, r.stderr
    assert "降级运行" in r.stdout and "SQLITE_FULL" in r.stdout and "最近错误：" in r.stdout and "boom" in r.stdout


def test_docbot_status_names_a_damaged_store_and_leaves_it_as_it_was(tmp_path, monkeypatch):
    settings = _settings(tmp_path)
    settings.data_dir.mkdir()
    open_db(settings.db_path).close()
    data = settings.db_path.read_bytes()
    settings.db_path.write_bytes(b"X" * 100 + data[100:])
    settings.inbox_path.write_bytes(os.urandom(4096))  # the inbox damaged too
    before = hashlib.sha256(settings.db_path.read_bytes()).hexdigest()
    for args in (("status",), ("status", "--json")):
        r = run_in_process(monkeypatch, *args, env=_env(settings))
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
        assert "已损坏" in r.stdout and "docbot backup" in r.stdout and "无法读取" in r.stdout
    assert hashlib.sha256(settings.db_path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("flag, free, shown", [(os.ST_RDONLY, 10**9, "只读"), (0, 4096 * 10, "磁盘空间不足")])
def test_a_read_only_or_full_file_system_is_reported(tmp_path, monkeypatch, flag, free, shown):
    settings = _settings(tmp_path)
    settings.data_dir.mkdir()
    fs = os.statvfs(settings.data_dir)
    fake = type("StatVfs", (), {"f_flag": flag, "f_bavail": free // 4096, "f_frsize": 4096, "f_bsize": fs.f_bsize})
    monkeypatch.setattr(os, "statvfs", lambda path: fake)
    problems = status.store_problems(settings, {})
    assert len(problems) == 1 and shown in problems[0]


def test_the_heartbeat_goes_on_when_the_disk_is_full(tmp_path, monkeypatch):
    settings = _settings(tmp_path)
    settings.data_dir.mkdir()
    first = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    status.write_heartbeat(settings, first)

    def no_room(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", no_room)  # no new file can be written
    monkeypatch.setattr(Path, "write_text", no_room)
    status.write_heartbeat(settings, first + timedelta(minutes=10), {"unwritable": None, "last_error": None})
    assert status.alive(settings, first + timedelta(minutes=11))[0]  # overwritten in place


@pytest.mark.parametrize("where", ["file", "postgres"])
def test_a_data_dir_that_is_a_file_or_an_unreachable_postgres_is_not_normal(tmp_path, monkeypatch, where):
    """Both said "数据库：正常" while nothing could be saved (hostile pass, 7 December)."""
    settings = _settings(tmp_path)
    env = _env(settings)
    if where == "file":
        settings.data_dir.write_text("not a folder")
    else:
        env["DOCBOT_DATABASE_URL"] = "postgresql://nobody:secret@127.0.0.1:1/none"  # port 1: refused at once
    r = run_in_process(monkeypatch, "status", env=env)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "降级运行" in r.stdout and "数据库：正常" not in r.stdout and "secret" not in r.stdout, r.stdout
