"""A real SQLite file across restarts: a reminder is neither repeated nor lost, goes out only in the
sending time, and each person gets one digest per morning."""

from assistant.records import bindings
from assistant.records.leaders import load_leaders, seed
from assistant.records.notes import parse_note
from assistant.records.state import claim, claim_digest, due_digests, due_now, release, release_digest
from assistant.records.visits import record_visit
from assistant.storage.store import open_db
from tests.records.conftest import at, make_table

NOTE = "走访记录：王焕清 11月5日到东山街督导，召开座谈会，发现组织生活记录不规范，要求一个月内整改"


def tick(path, now, rules, outbox):
    """What the job does each round, with a fresh connection (= a fresh process)."""
    db = open_db(path)
    try:
        for d in due_digests(db, now, rules):
            if d.telegram_id is not None and claim_digest(db, d, now=now):
                outbox += [(now, r.key, r.telegram_id) for r in d.reminders]
                outbox.append((now, d.key, d.telegram_id))
    finally:
        db.close()


def setup_store(path, rules):
    db = open_db(path)
    seed(db, [("越秀工作要点", make_table())], now=at(2026, 11, 1))
    bindings.confirm(db, 111, now=at(2026, 11, 1), actor="admin", name="王焕清")
    note = parse_note(NOTE, load_leaders(db), at(2026, 11, 5).date(), rules)
    record_visit(db, note, actor_id=222, actor="222", now=at(2026, 11, 5, 18), rules=rules)
    db.close()


def test_restart_neither_repeats_nor_loses(tmp_path, rules):
    path = tmp_path / "docbot.sqlite3"
    setup_store(path, rules)
    outbox: list = []
    tick(path, at(2026, 11, 2, 9, 0), rules, outbox)  # the month's first working day
    tick(path, at(2026, 11, 2, 9, 5), rules, outbox)  # restarted five minutes later
    assert [k for _, k, _ in outbox] == ["monthly:1:2026-11", "digest:111:2026-11-02"]
    # Down from 11-19 to 11-25 (missed the nudge on the 20th): sent once at the next start.
    outbox.clear()
    for t in (at(2026, 11, 25, 10, 0), at(2026, 11, 25, 10, 5), at(2026, 11, 26, 9, 0)):
        tick(path, t, rules, outbox)
    assert [k for _, k, _ in outbox if not k.startswith("digest")] == ["nudge:1:2026-11"]
    # Rectification due 2026-12-05: 7 days before (Saturday 11-28) waits for Monday 9:00, through a
    # restart at night; the secretary and the leader get it once each.
    outbox.clear()
    for t in (at(2026, 11, 28, 2, 36), at(2026, 11, 28, 9, 0), at(2026, 11, 29, 9, 0), at(2026, 11, 30, 2, 0)):
        tick(path, t, rules, outbox)
    assert outbox == []
    for t in (at(2026, 11, 30, 9, 0), at(2026, 11, 30, 9, 5), at(2026, 11, 30, 23, 0)):
        tick(path, t, rules, outbox)
    assert sorted((k, tid) for _, k, tid in outbox if k.startswith("rect")) == [("rect:1:d7:111", 111),
                                                                                ("rect:1:d7:222", 222)]
    assert {tid for _, k, tid in outbox if k.startswith("digest")} == {111, 222}
    # The whole of December 1-20, ticking every day (with a restart each time): each stage exactly once.
    outbox.clear()
    for day in range(1, 21):
        for hour in (3, 9, 13, 22):
            tick(path, at(2026, 12, day, hour, 0), rules, outbox)
    keys = [k for _, k, _ in outbox]
    assert len(keys) == len(set(keys))
    assert all(9 <= t.hour < 18 and t.weekday() < 5 for t, _, _ in outbox)
    # d0 (Saturday 12-05) went out on Monday 12-07, w1 (Saturday 12-12) on 12-14; w2 is on 12-21
    assert {k.rsplit(":", 1)[0] for k in keys if k.startswith("rect")} == {"rect:1:d1", "rect:1:d0", "rect:1:w1"}
    digests = [(t.date(), tid) for t, k, tid in outbox if k.startswith("digest")]
    assert len(digests) == len(set(digests))  # one digest per person per morning
    assert "monthly:1:2026-12" in keys and "nudge:1:2026-12" not in keys  # the nudge is on 12-21


def test_release_allows_a_retry_after_a_failed_send(tmp_path, rules):
    path = tmp_path / "docbot.sqlite3"
    setup_store(path, rules)
    db = open_db(path)
    [r] = [x for x in due_now(db, at(2026, 11, 2, 9, 0), rules) if x.telegram_id == 111]
    assert claim(db, r, now=at(2026, 11, 2, 9, 0)) and not claim(db, r, now=at(2026, 11, 2, 9, 0))
    release(db, r.key)  # the send failed with a network error
    db.close()
    db = open_db(path)
    assert [x.key for x in due_now(db, at(2026, 11, 2, 9, 5), rules)] == [r.key]
    assert db["audit_log"].count_where("action = 'visit_add' and original = ?", [NOTE]) == 1


def test_released_digest_is_sent_at_the_next_run(tmp_path, rules):
    path = tmp_path / "docbot.sqlite3"
    setup_store(path, rules)
    db = open_db(path)
    [d] = due_digests(db, at(2026, 11, 2, 9, 0), rules)
    assert claim_digest(db, d, now=at(2026, 11, 2, 9, 0)) and not claim_digest(db, d, now=at(2026, 11, 2, 9, 0))
    assert due_digests(db, at(2026, 11, 2, 9, 5), rules) == []
    release_digest(db, d)  # flood control outlasted our wait: nothing stays claimed and unsent
    db.close()
    db = open_db(path)
    assert [x.keys for x in due_digests(db, at(2026, 11, 2, 9, 10), rules)] == [d.keys]
