"""Voiding a visit or a rectification recorded by mistake (an admin's /void, `docbot void`).

Nothing is deleted: a voided visit keeps its row (``voided_at``) but loses its contact-point links, so
lists, ledgers and "last visited" for reminders no longer see it; a voided rectification gets status
``void`` (reminders and /overdue only look at open ones, the ledger skips void ones). The whole row
and the reason go to the audit log, so the change can be traced and undone by hand.
"""

from __future__ import annotations

import json
from datetime import datetime

import sqlite_utils

from assistant.storage.store import audit

KINDS = {"visit": "走访记录", "rectification": "整改"}
ALIASES = {"visit": "visit", "走访": "visit", "走访记录": "visit", "记录": "visit",
           "rectification": "rectification", "rect": "rectification", "整改": "rectification"}
MAX_REASON = 200


def void(db: sqlite_utils.Database, kind: str, record_id: int, reason: str, *, now: datetime,
         actor: str) -> tuple[bool, str]:
    """→ (voided now, a Chinese reply either way). ``kind``: visit | rectification."""
    name = KINDS[kind]
    reason = reason.strip()[:MAX_REASON]
    if not reason:
        return False, f"请写明作废{name}的原因。"
    table = "visits" if kind == "visit" else "rectifications"
    with db.atomic():
        row = next(db[table].rows_where("id = ?", [record_id]), None)
        if row is None:
            return False, f"没有第{record_id}号{name}。"
        if row.get("voided_at") or row.get("status") == "void":
            return False, f"第{record_id}号{name}已经作废过了。"
        if kind == "visit":
            db["visits"].update(record_id, {"voided_at": now.isoformat()})
            db.execute("DELETE FROM visit_points WHERE visit_id = ?", [record_id])
        else:
            db["rectifications"].update(record_id, {"status": "void", "closed_at": now.isoformat(),
                                                    "closed_by": actor, "close_note": "作废：" + reason})
        audit(db, at=now, actor=actor, action=f"void_{kind}", original=reason,
              details={"id": record_id, "row": json.dumps(row, ensure_ascii=False, default=str)})
        linked = [r["id"] for r in db.query("SELECT id FROM rectifications WHERE visit_id = ? AND status = 'open'",
                                            [record_id])] if kind == "visit" else []
    reply = f"已作废第{record_id}号{name}（原因：{reason}），台账和提醒中不再计入。"
    if linked:
        reply += f"\n该走访登记的第{'、'.join(map(str, linked))}号整改仍然有效；如也需作废，请另行作废。"
    return True, reply
