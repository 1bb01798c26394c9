"""Two writers on one store file, as in production: the bot's writer thread and a `docbot` command
in another process. A transaction that reads before it writes must wait for the other writer, not fail
with "database is locked" (a deferred BEGIN cannot upgrade a snapshot another connection moved past)."""

import threading
import time

from assistant.storage.store import open_db


def test_a_read_then_write_transaction_waits_for_a_concurrent_writer(tmp_path):
    path = tmp_path / "docbot.sqlite3"
    a, b = open_db(path), open_db(path)
    a["t"].insert({"id": 1, "n": 0}, pk="id")
    errors: list[BaseException] = []
    began = threading.Event()

    def read_then_write():
        try:
            with a.atomic():
                n = a.execute("select n from t where id = 1").fetchone()[0]  # the snapshot is taken here
                began.set()
                time.sleep(0.3)  # meanwhile the other connection writes
                a.execute("update t set n = ? where id = 1", [n + 1])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    t = threading.Thread(target=read_then_write)
    t.start()
    began.wait(5)
    with b.atomic():
        b.execute("update t set n = n + 10 where id = 1")
    t.join(10)
    assert not errors, errors
    assert a.execute("select n from t where id = 1").fetchone()[0] == 11  # one after the other, none lost


def test_nested_blocks_are_savepoints(tmp_path):
    db = open_db(tmp_path / "docbot.sqlite3")
    db["t"].insert({"id": 1, "n": 0}, pk="id")
    with db.atomic():
        db.execute("update t set n = 1 where id = 1")
        try:
            with db.atomic():
                db.execute("update t set n = 2 where id = 1")
                raise ValueError
        except ValueError:
            pass
    assert db.execute("select n from t where id = 1").fetchone()[0] == 1
