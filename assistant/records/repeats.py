"""A record sent again is not a second record: when the reply to a /rectify or to a note's 确认 did not
reach the person (or they did not see it), they send the same text again. The same person, the same
words (spacing aside) and within ``REPEAT_WINDOW`` of the first is a repeat: answered with the number
of the record already saved, and nothing is stored.

Past the window, or with any word changed, it is a new record: two identical problems found a day
apart are two rectifications. Only a record still open counts: a voided one (the person voided it to
log it anew), and a closed one — a rectification marked done with /done, or a note whose rectification
was — do not. What the person means by sending a closed record's text again is that the problem is
back: a new rectification, not "已经保存过了" pointing at one that is finished.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import sqlite_utils

REPEAT_WINDOW = timedelta(minutes=30)
REPEAT_REPLY = "这条记录已经保存过了（第{n}号）。"


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", " ", a or "").strip() == re.sub(r"\s+", " ", b or "").strip()


def earlier_rectification(db: sqlite_utils.Database, actor_id: int | None, original: str, now: datetime) -> int | None:
    """The id of the same /rectify by the same person within the window, if any."""
    if actor_id is None:
        return None
    rows = db.query("SELECT id, original FROM rectifications WHERE logged_by = ? AND created_at >= ? "
                    "AND status = 'open' AND visit_id IS NULL ORDER BY id DESC",
                    [actor_id, (now - REPEAT_WINDOW).isoformat()])
    return next((r["id"] for r in rows if _same(r["original"], original)), None)


def earlier_visit(db: sqlite_utils.Database, actor_id: int | None, original: str, now: datetime) -> int | None:
    """The id of the same note saved by the same person within the window, if any."""
    if actor_id is None:
        return None
    rows = db.query("SELECT id, original FROM visits v WHERE logged_by = ? AND logged_at >= ? AND voided_at = '' "
                    "AND NOT EXISTS (SELECT 1 FROM rectifications r WHERE r.visit_id = v.id AND r.status = 'done') "
                    "ORDER BY id DESC", [actor_id, (now - REPEAT_WINDOW).isoformat()])
    return next((r["id"] for r in rows if _same(r["original"], original)), None)
