"""Who may use the assistant, and in which role. Closed by default.

Admins named in the configuration (DOCBOT_ADMINS) are always admins; everyone else needs an admin's
/allow. Roles gate record-keeping: member < secretary / leader < admin.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlite_utils

from assistant.storage.store import audit

ROLES = ("member", "secretary", "leader", "admin")
ROLE_NAMES = {"member": "成员", "secretary": "秘书", "leader": "区领导", "admin": "管理员"}


def role_of(db: sqlite_utils.Database, telegram_id: int, admins: frozenset[int] = frozenset()) -> str | None:
    """The user's role, or None when they are not allowed in."""
    if telegram_id in admins:
        return "admin"
    row = next(db["users"].rows_where("telegram_id = ?", [telegram_id]), None)
    if not row or not row["allowed"]:
        return None
    return row["role"]


def allow(db, telegram_id: int, *, at: datetime, actor: str, role: str = "member", name: str = "") -> None:
    with db.atomic():
        existing = next(db["users"].rows_where("telegram_id = ?", [telegram_id]), None)
        record = {"telegram_id": telegram_id, "allowed": 1, "added_at": at.isoformat(), "added_by": actor,
                  "role": (existing or {}).get("role") or role}
        if name:
            record["name"] = name
        db["users"].upsert(record, pk="telegram_id")
        audit(db, at=at, actor=actor, action="allow", details={"telegram_id": telegram_id})


# What a person holds besides their role, ended with it (/deny): a leader binding confirmed or pending
# (the digests go to bound leaders), unit subscriptions (monthly obligations), notes awaiting 确认.
# (table, the statement ending the person's rows); a table a build lacks is skipped.
PERSONAL = (("leader_bindings", "DELETE FROM leader_bindings WHERE telegram_id = ?"),
            ("unit_subscriptions", "DELETE FROM unit_subscriptions WHERE telegram_id = ?"),
            ("pending_notes", "UPDATE pending_notes SET status = 'cancelled' WHERE telegram_id = ? AND status = 'pending'"))


def deny(db, telegram_id: int, *, at: datetime, actor: str) -> bool:
    """Remove a user: the role and everything in PERSONAL, in one transaction, so a removed leader gets
    no digest the next morning and an admin's old 确认绑定 button finds no request to confirm."""
    with db.atomic():
        if not db["users"].count_where("telegram_id = ?", [telegram_id]):
            return False
        db["users"].update(telegram_id, {"allowed": 0})
        ended = {table: db.execute(sql, [telegram_id]).rowcount for table, sql in PERSONAL if db[table].exists()}
        audit(db, at=at, actor=actor, action="deny", details={"telegram_id": telegram_id, **ended})
        return True


def set_role(db, telegram_id: int, role: str, *, at: datetime, actor: str) -> None:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    with db.atomic():
        db["users"].upsert({"telegram_id": telegram_id, "role": role, "allowed": 1,
                            "added_at": at.isoformat(), "added_by": actor}, pk="telegram_id")
        audit(db, at=at, actor=actor, action="set_role", details={"telegram_id": telegram_id, "role": role})


def has_role(role: str | None, *needed: str) -> bool:
    """Admins pass every check; otherwise the role must be one of ``needed``."""
    return role == "admin" or (role is not None and role in needed)


def note_stranger(db, telegram_id: int, *, at: datetime, name: str = "", username: str = "") -> bool:
    """Keep a refused user on record; True the first time we see them (so admins are told once)."""
    with db.atomic():
        if db["users"].count_where("telegram_id = ?", [telegram_id]):
            return False
        db["users"].insert({"telegram_id": telegram_id, "name": name, "username": username, "allowed": 0,
                            "role": "member", "added_at": at.isoformat(), "added_by": ""})
        audit(db, at=at, actor=str(telegram_id), action="refused", details={"telegram_id": telegram_id})
        return True


def may_notify(db, telegram_id: int, kind: str, *, at: datetime, every: timedelta = timedelta(days=1)) -> bool:
    """True (and remembered) when admins were not told about this user and kind within ``every``:
    a stranger repeating /bind must not flood the admins."""
    with db.atomic():
        row = next(db["admin_notices"].rows_where("telegram_id = ? AND kind = ?", [telegram_id, kind]), None)
        if row and at - datetime.fromisoformat(row["at"]) < every:
            return False
        db["admin_notices"].upsert({"telegram_id": telegram_id, "kind": kind, "at": at.isoformat()},
                                   pk=("telegram_id", "kind"))
        return True


def removed_on(db, telegram_id: int) -> str | None:
    """The date an admin last removed this user (/deny), for notifications about them."""
    row = next(db.query("SELECT at FROM audit_log WHERE action = 'deny' AND json_extract(details, '$.telegram_id') = ? "
                        "ORDER BY id DESC LIMIT 1", [telegram_id]), None)
    return row["at"][:10] if row else None


def admin_ids(db, admins: frozenset[int] = frozenset()) -> frozenset[int]:
    """Configured admins plus users given the admin role."""
    rows = db["users"].rows_where("role = 'admin' AND allowed = 1", select="telegram_id")
    return admins | {r["telegram_id"] for r in rows}


def chat_is_open(db, chat_id: int) -> bool:
    row = next(db["chats"].rows_where("chat_id = ?", [chat_id]), None)
    return bool(row and row["open_qa"])


def set_chat_open(db, chat_id: int, is_open: bool, *, at: datetime, actor: str) -> None:
    """Switch a chat to open question-answering (anyone in it may ask) or back to members only."""
    with db.atomic():
        db["chats"].upsert({"chat_id": chat_id, "open_qa": int(is_open), "changed_at": at.isoformat(),
                            "changed_by": actor}, pk="chat_id")
        audit(db, at=at, actor=actor, action="open_chat" if is_open else "close_chat",
              details={"chat_id": chat_id})
