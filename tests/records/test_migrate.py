"""`docbot migrate` and `docbot backup` on both backends (issue 18): a district's SQLite store copied
into PostgreSQL keeps every row and goes on numbering after them; the records commands work the same
with DOCBOT_DATABASE_URL set; a PostgreSQL backup is a pg_dump file."""

import json

import psycopg
import pytest

from tests.support.cli import run_in_process

NOTE = "走访记录：王焕清 11月5日到东山街督导，召开座谈会，查阅三会一课记录，发现组织生活记录不规范，要求一个月内整改"
NOTE_2 = "走访记录：苏佩 11月7日到北京街督导，召开座谈会，发现台账缺失，要求一个月内整改"


@pytest.fixture
def docbot(tmp_path, monkeypatch):
    base = {"DOCBOT_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1", "DOCBOT_CORPUS_DIR": None,
            "DOCBOT_DATABASE_URL": None}

    def run(*args, ok=True, url=None):
        r = run_in_process(monkeypatch, *args, env={**base, "DOCBOT_DATABASE_URL": url})
        if ok:
            assert r.returncode == 0, r.stderr
        return r

    return run


def test_a_sqlite_store_moves_to_postgresql_whole(docbot, tmp_path, postgres_url):
    docbot("visit", "add", NOTE, "--at", "2026-11-06T10:00", "--by", "222")
    docbot("bind", "111", "王焕清")
    before = json.loads(docbot("visits", "--json").stdout)
    sqlite_url = f"sqlite:///{tmp_path / 'data' / 'docbot.sqlite3'}"

    r = docbot("migrate", "--from", sqlite_url, "--to", postgres_url)
    assert "visits: 1" in r.stdout and "leaders:" in r.stdout
    assert json.loads(docbot("visits", "--json", url=postgres_url).stdout) == before
    # new rows continue the copied numbering (identity sequences moved past the copied ids)
    docbot("visit", "add", NOTE_2, "--at", "2026-11-08T10:00", "--by", "222", url=postgres_url)
    assert sorted(v["id"] for v in json.loads(docbot("visits", "--json", url=postgres_url).stdout)) == [1, 2]
    # into a store that already has data: refused, nothing changed
    again = docbot("migrate", "--from", sqlite_url, "--to", postgres_url, ok=False)
    assert again.returncode == 1 and "已有数据" in again.stderr
    assert len(json.loads(docbot("visits", "--json", url=postgres_url).stdout)) == 2


def test_migrate_brings_either_store_up_to_date_and_checks_its_arguments(docbot, postgres_url):
    assert "已是最新" in docbot("migrate").stdout
    assert "已是最新" in docbot("migrate", url=postgres_url).stdout
    half = docbot("migrate", "--from", "sqlite:///x.sqlite3", ok=False)
    assert half.returncode == 2 and "--to" in half.stderr
    bad = docbot("migrate", "--from", "mysql://x", "--to", postgres_url, ok=False)
    assert bad.returncode == 2 and "postgresql://" in bad.stderr


def test_backup_of_a_postgresql_store_is_a_pg_dump(docbot, tmp_path, postgres_url):
    docbot("visit", "add", NOTE, "--at", "2026-11-06T10:00", "--by", "222", url=postgres_url)
    out = tmp_path / "b.dump"
    r = docbot("backup", "--out", str(out), url=postgres_url)
    assert "pg_restore" in r.stdout
    assert out.read_bytes()[:5] == b"PGDMP"


def test_the_postgresql_store_has_every_table_the_sqlite_one_has(docbot, tmp_path, postgres_url):
    import sqlite3

    docbot("migrate")
    docbot("migrate", url=postgres_url)
    with sqlite3.connect(tmp_path / "data" / "docbot.sqlite3") as conn:
        lite = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")
                if not r[0].startswith(("sqlite_", "_sqlite"))}
    with psycopg.connect(postgres_url) as conn:
        pg = {r[0] for r in conn.execute("select tablename from pg_tables where schemaname = current_schema()")}
    assert lite and lite <= pg
