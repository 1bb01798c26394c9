"""District leaders and their contact points: found in the parsed corpus (the 附件1 contact-point table,
detected by its columns, never by file name), seeded into the store, editable by admins (/assign).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from assistant.documents.contact_tables import PERSON_HEADER, POINT_SPLIT
from assistant.records.rules import KIND_NAMES
from corpus.model import Table

# The store (sqlite-utils, numpy) is imported only where it is used: note parsing needs these types,
# and a cold `docbot ask` must not pay for the store.
if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

# Column header → contact-point kind. Order matters: "社区党建联系点" must not read as 部门.
_COLUMN_KINDS = (("两新", "org"), ("社区", "community"), ("学校", "school"), ("街道", "street"),
                 ("部门", "department"))
# The same person-column and cell-splitting rules as questions read (assistant/documents/contact_tables.py).
_LEADER_COLUMN = PERSON_HEADER
_SPLIT = POINT_SPLIT


@dataclass(frozen=True)
class Point:
    id: int
    leader_id: int
    kind: str
    name: str


@dataclass(frozen=True)
class Leader:
    id: int
    name: str
    points: tuple[Point, ...]
    telegram_id: int | None = None


def column_kind(header: str) -> str | None:
    for word, kind in _COLUMN_KINDS:
        if word in header:
            return kind
    return None


def is_contact_table(table: Table) -> bool:
    """A table with a leader column and at least three contact-point columns."""
    has_leader = any(_LEADER_COLUMN.search(h) for h in table.headers)
    return has_leader and len({column_kind(h) for h in table.headers} - {None}) >= 3


def assignments_from_table(table: Table) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """[(leader name, row citation, [(kind, point name), …])] for each row with a leader name."""
    leader_col = next(h for h in table.headers if _LEADER_COLUMN.search(h))
    out = []
    for row in table.rows:
        name = re.sub(r"\s+", "", row.get(leader_col))
        if not name:
            continue
        points = []
        for header, value in row.cells:
            kind = column_kind(header) if header != leader_col else None
            if kind:
                points += [(kind, p.strip()) for p in _SPLIT.split(value) if p.strip()]
        out.append((name, f"{table.part} 第{row.number}行", points))
    return out


def contact_tables(documents: Iterable) -> list[tuple[str, Table]]:
    """(document short name, table) for every contact-point table in the corpus documents."""
    return [(doc.short_name, t) for doc in documents for t in doc.tables if is_contact_table(t)]


def seed(db: sqlite_utils.Database, tables: list[tuple[str, Table]], *, now: datetime,
         actor: str = "system") -> int:
    """Insert leaders and points from the tables; existing leaders (maybe edited by /assign) are kept."""
    added = 0
    with db.atomic():
        for document, table in tables:
            for name, where, points in assignments_from_table(table):
                if db["leaders"].count_where("name = ?", [name]):
                    continue
                leader_id = db["leaders"].insert({"name": name, "source": f"{document} {where}"}).last_pk
                for kind, point in points:
                    db["contact_points"].insert({"leader_id": leader_id, "kind": kind, "name": point},
                                                ignore=True)
                added += 1
        if added:
            from assistant.storage.store import (
                audit,  # lazy: sqlite-utils (questions read leaders without the store)
            )
            audit(db, at=now, actor=actor, action="seed_leaders", details={"leaders": added})
    return added


# What load_leaders returns depends on these rows only: a fingerprint of them (active leaders and points,
# confirmed bindings, each pair spelled out since a re-bind keeps the counts) says when to re-read.
# Tens of microseconds on the tables a district has; a store-wide change counter would move with every
# conversation step and make each question re-read every leader.
_VERSION = ("select (select count(*) from leaders where active = 1), "
            "(select coalesce(sum(id), 0) from leaders where active = 1), "
            "(select count(*) from contact_points where active = 1), "
            "(select coalesce(sum(id), 0) from contact_points where active = 1), "
            "(select coalesce(group_concat(leader_id || ':' || telegram_id), '') from "
            "(select leader_id, telegram_id from leader_bindings where confirmed = 1 order by telegram_id) as bound)")


def version(db: sqlite_utils.Database | sqlite3.Connection) -> tuple | None:
    """Changes when load_leaders would return something else; None for a store without these tables."""
    try:
        return tuple(db.execute(_VERSION).fetchone())
    except Exception:  # noqa: BLE001 - a store another version wrote, or none seeded yet
        return None


def load_leaders(db: sqlite_utils.Database | sqlite3.Connection) -> list[Leader]:
    """Every active leader with its points. Plain ``execute`` so a read-only stdlib connection serves too:
    `docbot ask` reads the table that way, without importing sqlite-utils (and numpy) or migrating."""
    points: dict[int, list[Point]] = {}
    for pid, leader_id, kind, name in db.execute(
            "select id, leader_id, kind, name from contact_points where active = 1 order by id"):
        points.setdefault(leader_id, []).append(Point(pid, leader_id, kind, name))
    bound = dict(db.execute("select leader_id, telegram_id from leader_bindings where confirmed = 1"))
    return [Leader(lid, name, tuple(points.get(lid, ())), bound.get(lid))
            for lid, name in db.execute("select id, name from leaders where active = 1 order by id")]


def leader_by_name(db: sqlite_utils.Database, name: str) -> Leader | None:
    """One active leader as load_leaders would give it, without loading every leader (/due, /bind)."""
    row = next(db.query("select id, name from leaders where active = 1 and name = ? order by id", [name.strip()]), None)
    if row is None:
        return None
    points = tuple(Point(r["id"], r["leader_id"], r["kind"], r["name"]) for r in db.query(
        "select id, leader_id, kind, name from contact_points where active = 1 and leader_id = ? order by id",
        [row["id"]]))
    bound = [r["telegram_id"] for r in db.query(
        "select telegram_id from leader_bindings where confirmed = 1 and leader_id = ?", [row["id"]])]
    return Leader(row["id"], row["name"], points, bound[-1] if bound else None)


def assign(db: sqlite_utils.Database, leader: str, kind: str, point: str, *, now: datetime, actor: str,
           remove: bool = False) -> str:
    """Add (or remove) one contact point of a leader; creates the leader when new. Returns a Chinese reply."""

    leader, point = leader.strip(), point.strip()
    if kind not in KIND_NAMES or not leader or not point or len(leader) > 20 or len(point) > 60:
        return "用法：/assign 姓名 类型 联系点（类型：街道、部门、社区、两新、学校；删除时在前面加“删除”）"
    with db.atomic():
        row = next(db["leaders"].rows_where("name = ?", [leader]), None)
        if row is None:
            if remove:
                return f"没有名为“{leader}”的区领导。"
            leader_id = db["leaders"].insert({"name": leader, "source": f"{actor} 添加"}).last_pk
        else:
            leader_id = row["id"]
        if remove:
            n = db.execute("update contact_points set active = 0 where leader_id = ? and kind = ? and name = ?",
                           [leader_id, kind, point]).rowcount
            if not n:
                return f"{leader}没有{KIND_NAMES[kind]}联系点“{point}”。"
        else:
            db.execute("insert into contact_points (leader_id, kind, name, active) values (?, ?, ?, 1) "
                       "on conflict(leader_id, kind, name) do update set active = 1", [leader_id, kind, point])
        from assistant.storage.store import (
            audit,  # lazy: sqlite-utils (questions read leaders without the store)
        )
        audit(db, at=now, actor=actor, action="unassign" if remove else "assign",
              details={"leader": leader, "kind": kind, "point": point})
    verb = "已删除" if remove else "已添加"
    return f"{verb}：{leader} 的{KIND_NAMES[kind]}联系点“{point}”。"


KIND_ALIASES = {"街道": "street", "街": "street", "部门": "department", "社区": "community",
                "两新": "org", "“两新”组织": "org", "两新组织": "org", "学校": "school"}
