"""The PostgreSQL backend: the slice of sqlite-utils' ``Database`` API the store's code uses, over a
psycopg 3 connection pool, with a small SQL dialect translation. See assistant/storage/backend.py for why
the interface is this shape (one adapter, not a rewrite of every records module).

What the adapter covers, and how:

- ``execute(sql, params)`` / ``query(sql, params)`` / ``conn.execute`` / ``conn.executemany``: the
  SQL the code writes for SQLite, translated by ``translate``: ``?`` → ``%s``; ``insert or ignore``
  → ``on conflict do nothing``; ``insert or replace`` → ``on conflict (pk) do update``;
  ``group_concat(x)`` → ``string_agg((x)::text, ',')``; ``json_each(?)`` of an array →
  ``json_array_elements_text(?::json)``; ``json_extract(c, '$.k') = ?`` →
  ``(c::jsonb ->> 'k') = %s::text``. Results are read whole (the connection goes back to the pool).
- ``db["table"]``: create / create_index / add_column (so the numbered migrations run unchanged),
  insert (``last_pk``) / insert_all / upsert / update / get / rows_where / count_where / count / exists.
- ``atomic()``: one transaction per thread, nested blocks are savepoints (as in SQLite). The outermost
  block takes a transaction-level advisory lock (``WRITE_LOCK``), so write transactions run one at a
  time across every worker — the same one-writer rule SQLite gives, which the read-then-write code in
  assistant/records/ was written against. Reads outside ``atomic()`` never wait for it.
- ``conn.total_changes``: rows changed by this thread's statements (``inbox.once`` asks whether a call
  wrote anything).
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool
from sqlite_utils.db import NotFoundError

WRITE_LOCK = 0x646F63626F74  # "docbot": the advisory lock every write transaction holds
_TYPES = {int: "BIGINT", str: "TEXT", bytes: "BYTEA", float: "DOUBLE PRECISION", bool: "BIGINT"}


def _outside_quotes(sql: str, fn) -> str:
    """Apply ``fn`` to the parts of ``sql`` outside single-quoted literals; escape ``%`` everywhere."""
    parts = sql.split("'")
    return "'".join(fn(p.replace("%", "%%")) if i % 2 == 0 else p.replace("%", "%%") for i, p in enumerate(parts))


_OR_IGNORE = re.compile(r"^\s*insert\s+or\s+ignore\s+into", re.I)
_OR_REPLACE = re.compile(r"^\s*insert\s+or\s+replace\s+into\s+(\w+)\s*\(([^)]*)\)", re.I)
_GROUP_CONCAT = re.compile(r"group_concat\(([^()]*)\)", re.I)
_JSON_EACH = re.compile(r"json_each\(\?\)", re.I)
_JSON_EQ = re.compile(r"json_extract\((\w+),\s*'\$\.(\w+)'\)\s*=\s*\?", re.I)


def translate(sql: str, pk_of=None) -> str:
    """SQLite's dialect, as the store's code writes it, in PostgreSQL's."""
    sql = _JSON_EQ.sub(r"(\1::jsonb ->> '\2') = ?::text", sql)
    sql = _GROUP_CONCAT.sub(r"string_agg((\1)::text, ',')", sql)
    sql = _JSON_EACH.sub("json_array_elements_text(?::json)", sql)  # a JSON array parameter, as rows
    if _OR_IGNORE.match(sql):
        sql = _OR_IGNORE.sub("insert into", sql) + " on conflict do nothing"
    elif re.match(r"^\s*insert\s+or\s+replace\s+into\s+(\w+)\s+values", sql, re.I) and pk_of is not None:
        table = re.match(r"^\s*insert\s+or\s+replace\s+into\s+(\w+)", sql, re.I).group(1)
        sql = re.sub(r"^\s*insert\s+or\s+replace\s+into", "insert into", sql, flags=re.I)
        sql += f" on conflict ({', '.join(pk_of(table))}) do nothing"  # no column list: random keys (tokens)
    elif (m := _OR_REPLACE.match(sql)) and pk_of is not None:
        table, cols = m.group(1), [c.strip() for c in m.group(2).split(",")]
        pk = pk_of(table)
        sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in pk)
        sql = re.sub(r"^\s*insert\s+or\s+replace\s+into", "insert into", sql, flags=re.I)
        sql += f" on conflict ({', '.join(pk)}) " + (f"do update set {sets}" if sets else "do nothing")
    return _outside_quotes(sql, lambda part: part.replace("?", "%s"))


class Result:
    """A finished statement's rows (read whole), shaped like a DB-API cursor."""

    def __init__(self, rows: list, rowcount: int, description=None):
        self._rows, self.rowcount, self.description = rows, rowcount, description
        self._at = 0

    def fetchone(self):
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    def fetchall(self) -> list:
        rest, self._at = self._rows[self._at:], len(self._rows)
        return rest

    def __iter__(self):
        return iter(self.fetchall())


class _ThreadConn:
    """What ``db.conn`` is on PostgreSQL: this thread's view (statements, change count, transaction)."""

    def __init__(self, store: PgStore):
        self._store = store

    @property
    def total_changes(self) -> int:
        return getattr(self._store._local, "changes", 0)

    @property
    def in_transaction(self) -> bool:
        return getattr(self._store._local, "tx", None) is not None

    def execute(self, sql: str, params: Iterable = ()) -> Result:
        return self._store.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable) -> Result:
        return self._store.executemany(sql, rows)

    def close(self) -> None:
        self._store.close()


class PgStore:
    """A store in a PostgreSQL database (``DOCBOT_DATABASE_URL=postgresql://…``)."""

    dialect = "postgresql"

    # A worker holds one connection per update it handles (the claim, assistant/operations/shared_inbox.py) besides
    # the database thread's, the event loop's reads and the webhook's arrivals: 16 updates at a time + room.
    def __init__(self, url: str, *, max_size: int = 32):
        self.url = url
        self.pool = ConnectionPool(url, min_size=1, max_size=max_size, open=True, timeout=30,
                                   kwargs={"autocommit": True})
        self._local = threading.local()
        self._pks: dict[str, tuple[str, ...]] = {}

    # ---- statements -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        held = getattr(self._local, "tx", None)
        if held is not None:
            yield held
            return
        with self.pool.connection() as conn:
            yield conn

    def _count(self, cur, sql: str) -> None:
        if cur.rowcount > 0 and sql.lstrip()[:6].lower() in ("insert", "update", "delete"):
            self._local.changes = getattr(self._local, "changes", 0) + cur.rowcount

    def execute(self, sql: str, params: Iterable = (), *, rows=None) -> Result:
        sql = translate(sql, self.pk)
        with self._connection() as conn, conn.cursor(row_factory=rows) as cur:
            cur.execute(sql, list(params) if params else None)
            self._count(cur, sql)
            got = cur.fetchall() if cur.description is not None else []
            return Result(got, cur.rowcount, cur.description)

    def executemany(self, sql: str, rows: Iterable) -> Result:
        sql = translate(sql, self.pk)
        with self._connection() as conn, conn.cursor() as cur:
            cur.executemany(sql, [list(r) for r in rows])
            self._count(cur, sql)
            return Result([], cur.rowcount)

    def query(self, sql: str, params: Iterable = ()) -> Iterator[dict]:
        yield from self.execute(sql, params, rows=dict_row).fetchall()

    @property
    def conn(self) -> _ThreadConn:
        return _ThreadConn(self)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[PgStore]:
        held = getattr(self._local, "tx", None)
        if held is not None:  # nested: a savepoint
            with held.transaction():
                yield self
            return
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("select pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            self._local.tx = conn
            try:
                yield self
            finally:
                self._local.tx = None

    def rollback(self) -> None:  # sqlite-utils' name; transactions here end with their ``atomic`` block
        pass

    def close(self) -> None:
        self.pool.close()

    # ---- schema ---------------------------------------------------------------------------------
    def pk(self, table: str) -> tuple[str, ...]:
        if table not in self._pks:
            rows = self.execute(
                "select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid "
                "and a.attnum = any(i.indkey) where i.indrelid = ?::regclass and i.indisprimary "
                "order by array_position(i.indkey, a.attnum)", [table]).fetchall()
            self._pks[table] = tuple(r[0] for r in rows)
        return self._pks[table]

    def table_names(self) -> list[str]:
        return [r[0] for r in self.execute(
            "select tablename from pg_tables where schemaname = current_schema() order by tablename")]

    def __getitem__(self, name: str) -> PgTable:
        return PgTable(self, name)


def _ident(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"unexpected identifier {name!r}")
    return name


class PgTable:
    """``db["name"]`` on PostgreSQL: the sqlite-utils Table methods the store's code calls."""

    def __init__(self, db: PgStore, name: str):
        self.db, self.name, self.last_pk = db, _ident(name), None

    def exists(self) -> bool:
        return self.db.execute("select to_regclass(?) is not null", [self.name]).fetchone()[0]

    def create(self, columns: dict, pk=None, foreign_keys=(), defaults=None, not_null=()) -> PgTable:
        pks = (pk,) if isinstance(pk, str) else tuple(pk or ())
        defaults, cols = defaults or {}, []
        for col, kind in columns.items():
            if len(pks) == 1 and col == pks[0] and kind is int:
                cols.append(f"{_ident(col)} BIGINT GENERATED BY DEFAULT AS IDENTITY")
                continue
            spec = f"{_ident(col)} {_TYPES[kind]}"
            if col in defaults:
                spec += f" NOT NULL DEFAULT {_literal(defaults[col])}" if col in not_null else \
                    f" DEFAULT {_literal(defaults[col])}"
            cols.append(spec)
        if pks:
            cols.append(f"PRIMARY KEY ({', '.join(map(_ident, pks))})")
        for col, other, other_col in foreign_keys:
            cols.append(f"FOREIGN KEY ({_ident(col)}) REFERENCES {_ident(other)} ({_ident(other_col)})")
        self.db.execute(f"create table {self.name} ({', '.join(cols)})")
        return self

    def create_index(self, columns: list[str], unique: bool = False, index_name: str | None = None,
                     if_not_exists: bool = True) -> PgTable:
        # always "if not exists" (sqlite-utils' if_not_exists is accepted for the same migrations)
        name = index_name or f"idx_{self.name}_{'_'.join(columns)}"
        self.db.execute(f"create {'unique ' if unique else ''}index if not exists {_ident(name)} "
                        f"on {self.name} ({', '.join(map(_ident, columns))})")
        return self

    def add_column(self, name: str, kind=str, not_null_default=None) -> PgTable:
        spec = f" NOT NULL DEFAULT {_literal(not_null_default)}" if not_null_default is not None else ""
        self.db.execute(f"alter table {self.name} add column {_ident(name)} {_TYPES[kind]}{spec}")
        return self

    def _insert_sql(self, cols: list[str], conflict: str) -> str:
        pk = self.db.pk(self.name)
        returning = f" returning {pk[0]}" if len(pk) == 1 else ""
        return (f"insert into {self.name} ({', '.join(map(_ident, cols))}) values "  # noqa: S608 - identifiers checked
                f"({', '.join('?' * len(cols))}){conflict}{returning}")

    def _conflict(self, cols: list[str], ignore: bool, replace: bool, pk=None) -> str:
        if ignore:
            return " on conflict do nothing"
        if not replace:
            return ""
        keys = (pk,) if isinstance(pk, str) else tuple(pk or self.db.pk(self.name))
        sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in keys)
        return f" on conflict ({', '.join(keys)}) " + (f"do update set {sets}" if sets else "do nothing")

    def insert(self, row: dict, ignore: bool = False, replace: bool = False, pk=None) -> PgTable:
        cols = list(row)
        got = self.db.execute(self._insert_sql(cols, self._conflict(cols, ignore, replace, pk)),
                              list(row.values())).fetchone()
        self.last_pk = got[0] if got else None
        return self

    def insert_all(self, rows: Iterable[dict], ignore: bool = False, replace: bool = False, pk=None) -> PgTable:
        rows = list(rows)
        if rows:
            cols = list(rows[0])
            sql = self._insert_sql(cols, self._conflict(cols, ignore, replace, pk)).split(" returning ")[0]
            self.db.executemany(sql, [[r.get(c) for c in cols] for r in rows])
        return self

    def upsert(self, row: dict, pk=None) -> PgTable:
        return self.insert(row, replace=True, pk=pk)

    def _where_pk(self, value) -> tuple[str, list]:
        pk, values = self.db.pk(self.name), value if isinstance(value, (list, tuple)) else [value]
        return " and ".join(f"{c} = ?" for c in pk), list(values)

    def get(self, value) -> dict:
        where, params = self._where_pk(value)
        row = next(self.db.query(f"select * from {self.name} where {where}", params), None)  # noqa: S608
        if row is None:
            raise NotFoundError
        return row

    def update(self, value, updates: dict) -> PgTable:
        where, params = self._where_pk(value)
        sets = ", ".join(f"{_ident(c)} = ?" for c in updates)
        self.db.execute(f"update {self.name} set {sets} where {where}", [*updates.values(), *params])  # noqa: S608
        self.last_pk = value
        return self

    def rows_where(self, where: str | None = None, where_args: Any = None, order_by: str | None = None,
                   select: str = "*", limit: int | None = None) -> Iterator[dict]:
        sql = f"select {select} from {self.name}" + (f" where {where}" if where else "")  # noqa: S608
        sql += f" order by {order_by}" if order_by else ""
        sql += f" limit {int(limit)}" if limit is not None else ""
        return self.db.query(sql, where_args or [])

    def count_where(self, where: str | None = None, where_args: Any = None) -> int:
        sql = f"select count(*) from {self.name}" + (f" where {where}" if where else "")  # noqa: S608
        return self.db.execute(sql, where_args or []).fetchone()[0]

    @property
    def count(self) -> int:
        return self.count_where()

    @property
    def rows(self) -> Iterator[dict]:
        return self.rows_where()


def _literal(value) -> str:
    if isinstance(value, bool | int | float):
        return str(int(value) if isinstance(value, bool) else value)
    return "'" + str(value).replace("'", "''") + "'"
