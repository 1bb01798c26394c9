"""Operations (issue 10, item 9): the question log, /status, `docbot status` and its health check."""

import asyncio
import dataclasses
import hashlib
import json
import logging
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.operations import access
from assistant.operations import inbox as core_inbox
from assistant.storage.store import open_db
from bot import status
from handlers.oplog import user_hash
from tests.support import telegram_harness as harness
from tests.support.fake_bot_api import TOKEN
from tests.support.telegram_harness import offline, process

ADMIN, MEMBER = 1, 55
ROOT = Path(__file__).resolve().parents[2]
offline_api = harness.offline_api


def _question_lines(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "docbot.questions"]


async def test_one_json_line_per_question_without_the_text_unless_asked(offline_api, tmp_path, knowledge, caplog):
    caplog.set_level(logging.INFO, logger="docbot.questions")
    for log_text in (False, True):
        settings = dataclasses.replace(harness.settings_for(offline_api, tmp_path, admins={ADMIN}), log_text=log_text)
        app = harness.make_app(settings, harness.make_services(settings, knowledge), offline_api)
        async with offline(app):
            await process(app, offline_api.text("越秀工作要点第17项谁牵头？", user=ADMIN))
            await process(app, offline_api.text("/ask 火星基地建设方案", user=ADMIN))
    quiet, loud = _question_lines(caplog)[:2], _question_lines(caplog)[2:]
    assert [(r["intent"], r["found"]) for r in quiet] == [("lead", True), (quiet[1]["intent"], False)]
    for r in quiet:
        assert set(r) == {"event", "at", "intent", "found", "latency_ms", "user", "chat", "citations"}
        assert r["user"] == user_hash(TOKEN, ADMIN) != hashlib.sha256(str(ADMIN).encode()).hexdigest()[:16]
        assert r["latency_ms"] >= 0
    assert quiet[0]["user"] == quiet[1]["user"]  # the same person counts as one
    assert [r["text"] for r in loud] == ["越秀工作要点第17项谁牵头？", "火星基地建设方案"]


@pytest.mark.parametrize("relative", [True, False], ids=["relative data dir", "absolute data dir"])
async def test_status_is_for_admins_and_tells_the_backlog_and_the_corpus(offline_api, tmp_path, knowledge,
                                                                        monkeypatch, relative):
    settings = harness.settings_for(offline_api, tmp_path, admins={ADMIN})
    if relative:  # the default DOCBOT_DATA_DIR is "data": /status used to answer 出错了
        monkeypatch.chdir(tmp_path)
        settings = dataclasses.replace(settings, data_dir=Path("data"))
    services = harness.make_services(settings, knowledge)
    access.allow(services.db, MEMBER, at=harness.FIXED_NOW, actor="test")
    app = harness.make_app(settings, services, offline_api)
    async with offline(app) as errors:
        await process(app, offline_api.text("/status", user=MEMBER))
        await process(app, offline_api.text("/status", user=ADMIN))
    assert "管理员" in offline_api.sent(chat_id=MEMBER)[-1].text
    text = offline_api.sent(chat_id=ADMIN)[-1].text
    assert "文件库：5 份" in text and "待处理消息：0 条" in text and "检索方式" in text and "最近发出提醒" in text
    assert not errors


async def test_the_running_bot_beats_and_the_health_check_follows_it(fake_api, tmp_path, knowledge):
    settings = harness.settings_for(fake_api, tmp_path, admins={ADMIN})
    app = harness.make_app(settings, harness.make_services(settings, knowledge))
    async with harness.polling(app) as errors:
        for _ in range(250):  # the first beat comes a second after start
            if status.heartbeat_path(settings).exists():
                break
            await asyncio.sleep(0.02)
    assert not errors
    beat = datetime.fromisoformat(status.heartbeat_path(settings).read_text())
    assert status.alive(settings, beat + timedelta(seconds=10))[0]
    ok, why = status.alive(settings, beat + timedelta(minutes=5))
    assert not ok and "心跳已停止" in why


def test_docbot_status_check_is_a_real_process_exit_code(tmp_path):
    """The Docker HEALTHCHECK runs `docbot status --check` as its own process: its exit code is the verdict."""
    env = {"DOCBOT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}

    def check():
        return subprocess.run([sys.executable, "-m", "bot.cli", "status", "--check"], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)

    dead = check()
    assert dead.returncode == 1 and "没有心跳" in dead.stderr
    status.write_heartbeat(dataclasses.replace(harness.settings_for(None, tmp_path), data_dir=tmp_path), datetime.now(UTC))
    assert check().returncode == 0


@pytest.mark.parametrize("relative", [True, False], ids=["relative data dir", "absolute data dir"])
def test_docbot_status_with_a_store_and_an_inbox(tmp_path, monkeypatch, docbot, relative):
    # the default data dir is "data", relative to the working directory: SQLite's read-only URI needs
    # an absolute path (it used to crash with "relative path can't be expressed as a file URI")
    monkeypatch.chdir(tmp_path)
    data = Path("data") if relative else tmp_path / "data"
    env = {"DOCBOT_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1"}
    assert docbot("status", "--check", env=env).returncode == 1
    settings = dataclasses.replace(harness.settings_for(None, tmp_path), data_dir=data)
    data.mkdir()
    open_db(settings.db_path).close()
    inbox = core_inbox.open_inbox(settings.inbox_path)
    core_inbox.receive(inbox, 1, {"update_id": 1}, at=datetime.now(UTC))
    inbox.close()
    status.write_heartbeat(settings, datetime.now(UTC))
    assert docbot("status", "--check", env=env).returncode == 0
    r = docbot("status", "--json", env=env)
    assert r.returncode == 0, r.stderr
    facts = json.loads(r.stdout)
    assert len(facts["documents"]) == 5 and facts["alive"] is True and facts["inbox_backlog"] == 1
    human = docbot("status", env=env)
    assert human.returncode == 0 and "待处理消息：1 条" in human.stdout and "最近发出提醒：尚无" in human.stdout


@pytest.mark.parametrize(("env", "admins", "max_age"), [
    ({"DOCBOT_ADMINS": "1, 22;333", "DOCBOT_INBOX_MAX_AGE": "90"}, {1, 22, 333}, 90),
    ({"DOCBOT_ADMINS": "²,4", "DOCBOT_INBOX_MAX_AGE": "²"}, {4}, 60),
    ({"DOCBOT_INBOX_MAX_AGE": "0"}, set(), 60), ({"DOCBOT_INBOX_MAX_AGE": "99999999"}, set(), 60),
])
def test_settings_read_numbers_strictly(env, admins, max_age):
    from bot.config import load_settings

    settings = load_settings(env)
    assert (settings.admins, settings.inbox_max_age_minutes) == (frozenset(admins), max_age)
