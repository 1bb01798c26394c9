"""Photos of a visit: a secretary's photo whose caption is the note goes with that note (attached to
the pending draft, moved to the visit on 确认); a photo whose caption is not a note goes to the
secretary's latest visit of the last day. Telegram keeps the file; we keep its file id."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlite_utils

from assistant.storage.store import audit


def attach_to_pending(db: sqlite_utils.Database, pending_id: int, file_id: str, caption: str, *,
                      now: datetime) -> None:
    with db.atomic():
        db["visit_photos"].insert({"pending_id": pending_id, "file_id": file_id, "caption": caption,
                                   "added_at": now.isoformat()})


def attach_to_latest(db: sqlite_utils.Database, telegram_id: int, file_id: str, caption: str, *,
                     now: datetime) -> dict | None:
    """→ the visit the photo was attached to, or None when the secretary logged none in the last day."""
    since = (now - timedelta(days=1)).isoformat()
    with db.atomic():
        row = next(db.query("select v.id, v.visit_date, v.points, l.name as leader from visits v join leaders l "
                            "on l.id = v.leader_id where v.logged_by = ? and v.logged_at >= ? "
                            "order by v.logged_at desc, v.id desc limit 1", [telegram_id, since]), None)
        if row is None:
            return None
        db["visit_photos"].insert({"visit_id": row["id"], "file_id": file_id, "caption": caption,
                                   "added_at": now.isoformat()})
        audit(db, at=now, actor=str(telegram_id), action="visit_photo", original=caption,
              details={"visit_id": row["id"], "file_id": file_id})
    return dict(row)


def photos_of(db: sqlite_utils.Database, visit_id: int) -> list[str]:
    return [r["file_id"] for r in db.query("select file_id from visit_photos where visit_id = ? order by id",
                                           [visit_id])]
