"""One store suite, two backends (issue 18): every test here runs against a real SQLite file and a
real PostgreSQL server the tests started (tests/support/postgres.py), through the same code."""

import threading

import pytest

from assistant.conversation import context
from assistant.operations import inbox
from assistant.records import drafts, ledger, rectifications, state, void
from assistant.records.visits import list_visits
from tests.records.conftest import at

NOTE = "走访记录：王焕清 11月5日到东山街督导，召开座谈会，查阅三会一课记录，发现组织生活记录不规范，要求一个月内整改"
NOW = at(2026, 11, 6, 10)


def _log_visit(db, rules, telegram_id=222):
    sub = drafts.submit(db, NOTE, telegram_id=telegram_id, chat_id=telegram_id, now=NOW, rules=rules)
    assert sub.kind == "confirm", sub
    return drafts.confirm(db, sub.pending_id, telegram_id=telegram_id, now=NOW, rules=rules)


def test_a_note_becomes_a_visit_a_rectification_and_a_ledger_row(db, rules):
    reply = _log_visit(db, rules)
    assert "已保存第1号走访记录" in reply and "已登记第1号整改" in reply
    [visit] = list_visits(db, month="2026-11")
    assert visit["leader"] == "王焕清" and "东山街" in visit["points"]
    [rect] = rectifications.list_rectifications(db, status="open", rules=rules)
    assert rect["due"] == "2026-12-05"
    rows, _ = ledger.ledger_rows(db, "2026-11")
    assert len(rows) == 1
    assert ledger.to_csv(db, "2026-11").decode("utf-8-sig").count("王焕清") >= 1
    # a second confirm of the same draft saves nothing
    assert "已经保存过了" in drafts.confirm(db, 1, telegram_id=222, now=NOW, rules=rules)


def test_a_voided_visit_leaves_every_list_and_stays_on_record(db, rules):
    _log_visit(db, rules)
    ok, _ = void.void(db, "visit", 1, "重复录入", now=NOW, actor="1")
    assert ok
    assert list_visits(db, month="2026-11") == []
    assert db["visits"].get(1)["voided_at"]
    assert not void.void(db, "visit", 1, "再来一次", now=NOW, actor="1")[0]


def test_conversation_context_is_per_user_and_answers_are_remembered(db):
    ctx = context.EMPTY.updated(documents=("越秀工作要点",))
    context.save(db, 10, 1, ctx, now=NOW)
    context.save(db, 10, 1, ctx.updated(documents=("另一份",)), now=NOW)  # upsert, not a second row
    assert context.load(db, 10, 1, now=NOW).documents == ("另一份",)
    assert context.load(db, 10, 2, now=NOW) == context.EMPTY
    context.remember_answer(db, 10, 99, ctx, now=NOW)
    assert context.load(db, 10, 2, now=NOW, reply_to=99).documents == ("越秀工作要点",)


def test_an_updates_store_write_is_recorded_and_not_repeated_on_replay(db):
    calls = []

    def write():
        calls.append(1)
        db["audit_log"].insert({"at": NOW.isoformat(), "actor": "x", "action": "once", "details": "{}"})
        return len(calls)

    assert inbox.once(db, 7, "write", 1, write, at=NOW) == 1
    assert inbox.once(db, 7, "write", 1, write, at=NOW) == 1  # the replay gets the recorded result
    assert len(calls) == 1 and db["audit_log"].count_where("action = 'once'") == 1
    assert inbox.once(db, 7, "read", 1, lambda: "r", at=NOW) == "r"  # reads are not recorded
    assert db["inbox_effects"].count_where("fn = 'read'") == 0


def test_a_digest_is_claimed_once_however_many_threads_race_for_it(db, rules):
    from assistant.operations import access
    from assistant.records import bindings

    monday = at(2026, 11, 2, 9)
    access.allow(db, 111, at=monday, actor="1")
    bindings.request(db, 111, "王焕清", now=monday)
    bindings.confirm(db, 111, now=monday, actor="1")
    [digest] = [d for d in state.due_digests(db, monday, rules) if d.telegram_id == 111]
    won, barrier = [], threading.Barrier(4)

    def race():
        barrier.wait()
        won.append(state.claim_digest(db, digest, now=monday))

    threads = [threading.Thread(target=race) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(won) == [False, False, False, True]
    assert [d for d in state.due_digests(db, monday, rules) if d.telegram_id == 111] == []


def test_a_failed_transaction_leaves_nothing(db):
    with pytest.raises(RuntimeError), db.atomic():
        db["audit_log"].insert({"at": NOW.isoformat(), "actor": "x", "action": "half", "details": "{}"})
        with db.atomic():  # a savepoint inside
            db["audit_log"].insert({"at": NOW.isoformat(), "actor": "x", "action": "half", "details": "{}"})
        raise RuntimeError("boom")
    assert db["audit_log"].count_where("action = 'half'") == 0


def test_removed_on_reads_the_json_details_on_both_backends(db):
    from assistant.operations import access

    access.allow(db, 77, at=NOW, actor="1")
    assert access.removed_on(db, 77) is None
    access.deny(db, 77, at=NOW, actor="1")
    assert access.removed_on(db, 77) == NOW.isoformat()[:10]


@pytest.mark.parametrize(("sqlite", "postgres"), [
    ("select 1 from t where a = ? and b = '?%'", "select 1 from t where a = %s and b = '?%%'"),
    ("insert or ignore into t (a) values (?)", "insert into t (a) values (%s) on conflict do nothing"),
    ("INSERT OR REPLACE INTO t (k, v) VALUES (?, ?)",
     "insert into t (k, v) VALUES (%s, %s) on conflict (k) do update set v = excluded.v"),
    ("delete from h where day in (select value from json_each(?))",
     "delete from h where day in (select value from json_array_elements_text(%s::json))"),
    ("select group_concat(a || ':' || b) from t", "select string_agg((a || ':' || b)::text, ',') from t"),
    ("select at from audit_log where json_extract(details, '$.telegram_id') = ?",
     "select at from audit_log where (details::jsonb ->> 'telegram_id') = %s::text"),
])
def test_the_sqlite_spellings_the_code_uses_are_translated(sqlite, postgres):
    from assistant.storage.postgres import translate

    assert translate(sqlite, lambda table: ("k",)) == postgres


def test_a_postgresql_server_gone_is_the_stores_cannot_save_now():
    import psycopg
    from psycopg_pool import PoolTimeout

    from assistant.storage.store import unwritable

    assert unwritable(psycopg.OperationalError("server closed the connection unexpectedly"))
    assert unwritable(PoolTimeout("couldn't get a connection after 30.00 sec"))
    assert not unwritable(psycopg.errors.UndefinedTable("no such table"))  # a bug, not the server
