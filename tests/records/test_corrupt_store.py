"""A damaged store (issue 20, item 5): opening refuses with a clear message naming `docbot backup` and the
way to restore, and the damaged file is left byte for byte as it was (evidence, and a chance to recover)."""

import hashlib
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from assistant.operations import access
from assistant.storage.store import StoreCorrupt, open_db

NOW = datetime(2026, 11, 2, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("good") / "docbot.sqlite3"
    db = open_db(path)
    for n in range(200):
        access.allow(db, 1000 + n, at=NOW, actor="test")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path.read_bytes()


DAMAGE = {
    "random bytes": lambda data: os.urandom(len(data)),
    "truncated": lambda data: data[: len(data) // 2],
    "a few bytes left": lambda data: data[:50],
    "header overwritten": lambda data: b"X" * 100 + data[100:],
}


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_store_is_refused_clearly_and_left_untouched(tmp_path, good, damage):
    path = tmp_path / "docbot.sqlite3"
    path.write_bytes(DAMAGE[damage](good))
    before = _sha(path)
    with pytest.raises(StoreCorrupt) as refused:
        open_db(path)
    assert "docbot backup" in str(refused.value) and str(path) in str(refused.value)
    assert _sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) in (["docbot.sqlite3"], ["docbot.sqlite3", "docbot.sqlite3-wal",
                                                                                 "docbot.sqlite3-shm"])


@pytest.mark.parametrize("command", [("rectifications",), ("run",)])
def test_the_cli_and_the_bot_refuse_to_start_with_a_message_not_a_traceback(tmp_path, good, command):
    data = tmp_path / "data"
    data.mkdir()
    store = data / "docbot.sqlite3"
    store.write_bytes(DAMAGE["header overwritten"](good))
    before = _sha(store)
    env = {**os.environ, "DOCBOT_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1", "DOCBOT_EMBEDDING_MODEL": "none",
           "TELEGRAM_BOT_TOKEN": "123456:TEST-token", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot"}
    env.pop("DOCBOT_CORPUS_DIR", None)
    r = subprocess.run([sys.executable, "-m", "bot.cli", *command], capture_output=True, text=True, timeout=120,
                       env=env)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert "已损坏" in r.stderr and "docbot backup" in r.stderr
    assert _sha(store) == before
