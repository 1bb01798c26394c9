"""Leader ↔ Telegram account: a leader asks with /bind 姓名, an admin confirms (or binds directly)."""

from __future__ import annotations

from datetime import datetime

import sqlite_utils

from assistant.operations import access
from assistant.records.leaders import leader_by_name
from assistant.storage.store import audit


def request(db: sqlite_utils.Database, telegram_id: int, name: str, *, now: datetime) -> tuple[bool, str]:
    """Record an unconfirmed binding. → (ok, reply)."""
    lead = leader_by_name(db, name)
    if lead is None:
        return False, f"联系点名单中没有“{name.strip()[:20]}”。请发送完整姓名，如 /bind 王焕清。"
    with db.atomic():
        db["leader_bindings"].upsert({"telegram_id": telegram_id, "leader_id": lead.id, "confirmed": 0,
                                      "requested_at": now.isoformat(), "confirmed_by": ""}, pk="telegram_id")
        audit(db, at=now, actor=str(telegram_id), action="bind_request", details={"leader": lead.name})
    return True, f"已提交绑定申请：{lead.name}。管理员确认后，您将收到联系督导和整改期限提醒。"


def confirm(db: sqlite_utils.Database, telegram_id: int, *, now: datetime, actor: str,
            name: str | None = None) -> tuple[bool, str]:
    """Confirm a pending request, or (admins) bind ``telegram_id`` to ``name`` directly."""
    with db.atomic():
        if name is not None:
            lead = leader_by_name(db, name)
            if lead is None:
                return False, f"联系点名单中没有“{name.strip()[:20]}”。"
            leader_id, leader_name = lead.id, lead.name
        else:
            row = next(db.query("select b.leader_id, l.name from leader_bindings b join leaders l "
                                "on l.id = b.leader_id where b.telegram_id = ?", [telegram_id]), None)
            if row is None:
                return False, f"用户 {telegram_id} 没有待确认的绑定申请。"
            if access.role_of(db, telegram_id) is None:  # removed since the request: no digests for them
                return False, f"用户 {telegram_id} 已没有使用权限，未绑定。如需绑定，请先 /allow {telegram_id}。"
            leader_id, leader_name = row["leader_id"], row["name"]
        db["leader_bindings"].upsert({"telegram_id": telegram_id, "leader_id": leader_id, "confirmed": 1,
                                      "requested_at": now.isoformat(), "confirmed_by": actor}, pk="telegram_id")
        role = access.role_of(db, telegram_id)
        # A pending request confirmed later never re-admits a user an admin removed meanwhile;
        # only an admin's direct /bind 用户ID 姓名 lets a new user in.
        if role == "member" or (role is None and name is not None):
            access.set_role(db, telegram_id, "leader", at=now, actor=actor)
        audit(db, at=now, actor=actor, action="bind", details={"telegram_id": telegram_id, "leader": leader_name})
    return True, f"已绑定：用户 {telegram_id} ↔ {leader_name}。"


def leader_of(db: sqlite_utils.Database, telegram_id: int) -> str | None:
    row = next(db.query("select l.name from leader_bindings b join leaders l on l.id = b.leader_id "
                        "where b.telegram_id = ? and b.confirmed = 1", [telegram_id]), None)
    return row["name"] if row else None
