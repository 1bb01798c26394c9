"""The outbox shared by several workers (issue 18), the core against a real PostgreSQL server: a row is
sent only by the worker that owns it while that worker lives; once its session is gone (a SIGKILL ends
it the same way) another worker adopts it, exactly one of them; a replayed update finds its reply by
key whichever worker writes it."""

import time
from datetime import UTC, datetime

import pytest

from assistant.operations import outbox as store
from assistant.operations import shared_outbox
from assistant.storage.store import open_db

AT = datetime(2026, 11, 6, 10, tzinfo=UTC)


def _wait_until_released(db, key: int, within: float = 60.0) -> None:
    """A closed client's backend exits, and frees its advisory locks, a moment after the client has gone;
    on a loaded machine that moment can be long. Wait for the condition, not for a fixed time."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        held = db.query("select 1 from pg_locks where locktype = 'advisory' and granted and objsubid = 1 "
                        "and classid::bigint = ? and objid::bigint = ?", [key >> 32, key & 2147483647])
        if not list(held):
            return
        time.sleep(0.02)
    raise AssertionError("the closed session's advisory lock was never released")


@pytest.fixture
def db(postgres_url):
    database = open_db(postgres_url)
    yield database
    database.close()


@pytest.fixture
def owners(postgres_url):
    made = []

    def make():
        owner = shared_outbox.Owner(postgres_url)
        owner.hold()
        made.append(owner)
        return owner

    yield make
    for owner in made:
        owner.close()


def test_a_live_workers_rows_stay_its_own_and_a_dead_workers_are_adopted_once(db, owners):
    a, b, c = owners(), owners(), owners()
    msg, new = store.write(db, ("u7", 1), 42, "sendMessage", {"chat_id": 42, "text": "答"}, at=AT, owner=a.key)
    assert new and msg.owner == a.key and msg.status == "pending"
    assert shared_outbox.adopt_orphans(db, b.key) == [] and not shared_outbox.adopt(db, msg.id, b.key)
    assert shared_outbox.adopt(db, msg.id, a.key)  # its own
    a.close()  # the worker's session ends (as when it is killed): its lock is gone
    _wait_until_released(db, a.key)
    adopted = shared_outbox.adopt_orphans(db, b.key)
    assert [m.id for m in adopted] == [msg.id] and adopted[0].owner == b.key
    assert shared_outbox.adopt_orphans(db, c.key) == [] and not shared_outbox.adopt(db, msg.id, c.key)


def test_a_replay_on_another_worker_finds_the_reply_by_key(db, owners):
    a, b = owners(), owners()
    msg, _ = store.write(db, ("u8", 1), 42, "sendMessage", {"chat_id": 42, "text": "答"}, at=AT, owner=a.key)
    store.sent(db, msg.id, {"message_id": 5}, at=AT)
    again, new = store.write(db, ("u8", 1), 42, "sendMessage", {"chat_id": 42, "text": "答"}, at=AT, owner=b.key)
    assert not new and again.status == "sent" and again.result == {"message_id": 5} and again.owner == a.key
    a.close()
    assert shared_outbox.adopt_orphans(db, b.key) == []  # sent rows are nobody's business


def test_messages_finished_long_ago_are_pruned_and_waiting_ones_kept(db, owners):
    from datetime import timedelta

    from assistant.operations import shared_inbox

    a = owners()
    old, _ = store.write(db, ("u9", 1), 42, "sendMessage", {"chat_id": 42, "text": "旧"}, at=AT, owner=a.key)
    store.sent(db, old.id, {"message_id": 1}, at=AT - timedelta(days=10))
    waiting, _ = store.write(db, ("u9", 2), 42, "sendMessage", {"chat_id": 42, "text": "等"}, at=AT, owner=a.key)
    shared_inbox.prune(db)
    assert [r["id"] for r in db.query("select id from outbox")] == [waiting.id]
