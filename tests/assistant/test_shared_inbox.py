"""Several workers on one PostgreSQL store (issue 18), the core: the shared inbox's claims (idempotent
arrival, one chat at a time in order, a dead worker's update claimed again), the scheduler's leader
lock and the uploaded documents every worker follows. A real PostgreSQL server the tests started."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.operations import shared_inbox as shared
from assistant.storage.store import open_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(postgres_url):
    store = open_db(postgres_url)
    yield store
    store.close()


def _msg(uid: int, chat: int) -> dict:
    return {"update_id": uid, "message": {"chat": {"id": chat}, "text": f"m{uid}"}}


def test_an_update_delivered_twice_is_stored_once(db):
    assert shared.receive(db, 1, 10, _msg(1, 10))
    assert not shared.receive(db, 1, 10, _msg(1, 10))
    assert shared.backlog(db) == 1


def test_one_chat_is_handled_by_one_worker_at_a_time_in_order(db):
    for uid, chat in [(1, 10), (2, 10), (3, 20)]:
        shared.receive(db, uid, chat, _msg(uid, chat))
    first = shared.claim(db, "a")
    assert first.update_id == 1
    second = shared.claim(db, "b")  # chat 10's next waits for update 1: chat 20 is taken instead
    assert second.update_id == 3
    assert shared.claim(db, "c") is None
    first.finish("a")
    third = shared.claim(db, "c")
    assert third.update_id == 2 and third.payload["message"]["text"] == "m2"
    second.finish("b")
    third.finish("c")
    assert shared.claim(db, "a") is None and shared.backlog(db) == 0


def test_an_abandoned_claim_is_taken_again(db):
    shared.receive(db, 5, 10, _msg(5, 10))
    shared.claim(db, "a").abandon()
    again = shared.claim(db, "b")
    assert (again.update_id, again.attempts) == (5, 2)
    again.finish("b")


_DIE_HOLDING_A_CLAIM = """
import os, signal, sys
from assistant.operations import shared_inbox as shared
from assistant.storage.store import open_db
db = open_db(sys.argv[1])
got = shared.claim(db, "doomed")
print(got.update_id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _claim_soon(db, worker: str, tries: int = 500):
    """The next claim, waiting (on the condition, not a fixed time) for the server to let go of a dead
    session's locks: on a loaded machine it may take it a moment to read the closed socket."""
    for _ in range(tries):
        if (got := shared.claim(db, worker)) is not None:
            return got
        time.sleep(0.01)
    raise AssertionError("nothing became claimable")


def test_a_worker_killed_mid_update_leaves_it_to_be_claimed_again(db, postgres_url):
    shared.receive(db, 7, 10, _msg(7, 10))
    shared.receive(db, 8, 10, _msg(8, 10))
    proc = subprocess.run([sys.executable, "-c", _DIE_HOLDING_A_CLAIM, postgres_url], cwd=ROOT,  # noqa: S603
                          capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == -signal.SIGKILL and proc.stdout.strip() == "7", proc.stderr
    # the server rolls the claim back as soon as it notices the closed socket: no lease to wait out
    got = _claim_soon(db, "survivor")
    assert (got.update_id, got.attempts) == (7, 2)
    got.finish("survivor")
    assert shared.claim(db, "survivor").update_id == 8


def test_an_update_that_keeps_killing_workers_is_given_up(db):
    shared.receive(db, 9, 10, _msg(9, 10))
    for _ in range(shared.MAX_ATTEMPTS):
        shared.claim(db, "a").abandon()
    assert shared.claim(db, "a") is None
    assert db.execute("select status from shared_inbox where update_id = 9").fetchone()[0] == "failed"


def test_one_scheduler_leader_and_the_next_takes_over(postgres_url):
    first, second = shared.Leader(postgres_url), shared.Leader(postgres_url)
    try:
        assert first.is_leader() and first.is_leader()
        assert not second.is_leader()
        first.close()  # the leader's session ended (a dead worker's does too)
        # the server lets go of the lock once it has noticed the session ended: within a tick or so
        for _ in range(300):
            if second.is_leader():
                break
            time.sleep(0.01)
        else:
            raise AssertionError("the lock was never released to the next worker")
        assert not first.is_leader()
    finally:
        first.close()
        second.close()


def test_an_upload_on_one_worker_reaches_every_workers_uploads(db, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    with db.atomic():
        shared.record_document(db, "新文件.txt", "第一条 内容", at="2026-11-06T10:00")
    seen_a = shared.documents_since(db, 0, a)
    seen_b = shared.documents_since(db, 0, b)
    assert seen_a == seen_b > 0 and (b / "新文件.txt").read_text(encoding="utf-8") == "第一条 内容"
    assert shared.documents_since(db, seen_b, b) == seen_b  # nothing new
    with db.atomic():
        shared.record_document(db, "新文件.txt", None, at="2026-11-06T11:00")
    assert shared.documents_since(db, seen_b, b) > seen_b and not (b / "新文件.txt").exists()


def test_a_confirmed_staged_upload_reaches_the_other_workers(db, tmp_path):
    """The 确认 of a staged preview (uploads.add_staged, used by the bot since uploads survive a restart)
    wrote only this worker's uploads folder: the other workers never saw the document (hostile pass)."""
    from datetime import UTC, datetime

    from assistant.documents import uploads
    from corpus import BUNDLED_DIR

    mine, other = tmp_path / "worker1", tmp_path / "worker2"
    data = (BUNDLED_DIR / "haizhu-urban-management-grassroots-three-year-plan.txt").read_bytes()
    found = uploads.preview("机关党建方案.txt", data, mine)
    staged = uploads.stage(db, found, at=datetime(2026, 11, 6, 9, tzinfo=UTC))
    seen = shared.documents_since(db, 0, other)
    uploads.add_staged(db, mine, staged, at=datetime(2026, 11, 6, 10, tzinfo=UTC), actor="1")
    assert shared.documents_since(db, seen, other) > seen
    assert (other / "机关党建方案.txt").read_text(encoding="utf-8") == found.text


def test_an_upload_previewed_on_one_worker_is_confirmed_on_another(db, tmp_path):
    """Failure: the preview's text was staged on the receiving worker's disk, so 确认 reaching the
    other worker (another load-balanced request) said "预览已失效". Staged in the shared store now."""
    from datetime import UTC, datetime

    from assistant.documents import uploads
    from corpus import BUNDLED_DIR

    first, second = tmp_path / "worker1" / "uploads", tmp_path / "worker2" / "uploads"
    data = (BUNDLED_DIR / "haizhu-urban-management-grassroots-three-year-plan.txt").read_bytes()
    found = uploads.preview("机关党建方案.txt", data, first)
    staged = uploads.stage(db, found, at=datetime(2026, 11, 6, 9, tzinfo=UTC))  # on worker 1
    path = uploads.add_staged(db, second, staged, at=datetime(2026, 11, 6, 10, tzinfo=UTC), actor="1")  # on 2
    assert path == second / "机关党建方案.txt" and path.read_text(encoding="utf-8") == found.text
    assert shared.documents_since(db, 0, first) > 0 and (first / "机关党建方案.txt").exists()  # and back to 1
    with pytest.raises(uploads.UploadError, match="预览已失效"):  # spent: a second 确认 adds nothing
        uploads.add_staged(db, tmp_path / "worker3", staged, at=datetime(2026, 11, 6, 11, tzinfo=UTC), actor="1")
