"""Visits: stored from a confirmed note (always with its original text), listed, and turned into what
each leader still has to visit this month / quarter. Service functions take (db, now, …)."""

from __future__ import annotations

from datetime import date, datetime

import sqlite_utils

from assistant.records.dates import month_range
from assistant.records.leaders import leader_by_name
from assistant.records.notes import ParsedNote
from assistant.records.rectifications import add_rectification, list_rectifications
from assistant.records.reminders import LeaderState, pending_points
from assistant.records.rules import Rules
from assistant.storage.store import audit

_VISITS_SQL = ("select v.id, l.name as leader, v.visit_date as date, v.points, v.methods, v.findings, "
               "v.original, v.logged_by, v.logged_at from visits v join leaders l on l.id = v.leader_id "
               "where {where} order by v.visit_date desc, v.id desc")


class NoteIncomplete(ValueError):
    """A note with open questions cannot be stored."""


def record_visit(db: sqlite_utils.Database, note: ParsedNote, *, actor_id: int | None, actor: str,
                 now: datetime, rules: Rules) -> tuple[int, int | None]:
    """Store the visit (and its rectification, if any) in one transaction. → (visit id, rectification id)."""

    if note.questions or note.leader_id is None or not note.points or not note.visit_date:
        raise NoteIncomplete("；".join(note.questions) or "记录不完整")
    with db.atomic():
        visit_id = db["visits"].insert({
            "leader_id": note.leader_id, "visit_date": note.visit_date,
            "points": "、".join(p["name"] for p in note.points), "methods": "、".join(note.methods),
            "findings": note.findings, "original": note.original, "logged_by": actor_id,
            "logged_at": now.isoformat()}).last_pk
        for p in note.points:
            db["visit_points"].insert({"visit_id": visit_id, "point_id": p["id"]}, ignore=True)
        rect_id = None
        r = note.rectification
        if r and r.due:
            rect_id = add_rectification(
                db, unit="、".join(p["name"] for p in note.points), issue=note.findings or r.requirement,
                notice_date=date.fromisoformat(note.visit_date), due=date.fromisoformat(r.due), rule=r.rule,
                citation=r.citation, leader_id=note.leader_id, logged_by=actor_id, now=now, actor=actor,
                original=note.original, visit_id=visit_id, rules=rules)
        audit(db, at=now, actor=actor, action="visit_add", original=note.original,
              details={"visit_id": visit_id, "rectification_id": rect_id, "parsed": note.to_dict()})
    return visit_id, rect_id


def list_visits(db: sqlite_utils.Database, leader: str | None = None, month: str | None = None) -> list[dict]:
    """Visits, newest first. ``month`` as 2026-11 (ValueError when malformed)."""
    where, params = ["v.voided_at = ''"], []  # voided visits (records/void.py) are out of every list
    if leader:
        where.append("l.name = ?")
        params.append(leader.strip())
    if month:
        first, nxt = month_range(month)
        where.append("v.visit_date >= ? and v.visit_date < ?")
        params += [first.isoformat(), nxt.isoformat()]
    # Only fixed clauses are joined; every value is a bound parameter.
    sql = _VISITS_SQL.format(where=" and ".join(where))
    return [dict(r) for r in db.query(sql, params)]


def last_visits(db: sqlite_utils.Database, until: date | None = None) -> dict[int, date]:
    """Latest visit date per contact point (on or before ``until``: later visits did not happen yet)."""
    sql = ("select vp.point_id, max(v.visit_date) from visit_points vp "
           "join visits v on v.id = vp.visit_id where v.visit_date <= ? group by vp.point_id")
    limit = (until or date.max).isoformat()
    parse = date.fromisoformat
    return {pid: parse(d) for pid, d in db.conn.execute(sql, [limit])}


def leader_states(db: sqlite_utils.Database) -> list[LeaderState]:
    """Active leaders with their points and confirmed Telegram id; plain tuples (10 000 leaders in ~0.1 s)."""
    points: dict[int, list[tuple[int, str, str]]] = {}
    for leader_id, pid, kind, name in db.conn.execute(
            "select leader_id, id, kind, name from contact_points where active = 1 order by id"):
        points.setdefault(leader_id, []).append((pid, kind, name))
    bound = dict(db.conn.execute("select leader_id, telegram_id from leader_bindings where confirmed = 1"))
    return [LeaderState(lid, name, bound.get(lid), tuple(points.get(lid, ())))
            for lid, name in db.conn.execute("select id, name from leaders where active = 1 order by id")]


def due_for(db: sqlite_utils.Database, leader_name: str, today: date, rules: Rules) -> dict | None:
    """What one leader still has to do: {"leader", "month_pending", "quarter_pending", "deadlines"}."""

    lead = leader_by_name(db, leader_name)
    if lead is None:
        return None
    state = LeaderState(lead.id, lead.name, lead.telegram_id, tuple((p.id, p.kind, p.name) for p in lead.points))
    month, quarter = pending_points(state, last_visits(db, today), today, rules)
    deadlines = [r for r in list_rectifications(db, status="open", rules=rules) if r["leader"] == lead.name]
    return {"leader": lead.name, "month_pending": month, "quarter_pending": quarter, "deadlines": deadlines}


def render_due(d: dict, today: date) -> str:
    lines = [f"{d['leader']}同志，截至{today.isoformat()}："]
    lines.append("本月待联系督导：" + ("、".join(d["month_pending"]) or "无"))
    lines.append("本季度待联系督导：" + ("、".join(d["quarter_pending"]) or "无"))
    if d["deadlines"]:
        lines.append("未完成的整改：")
        for r in d["deadlines"]:
            late = "（已逾期）" if r["due"] < today.isoformat() else ""
            lines.append(f"• 第{r['id']}号 {r['unit']}：{r['issue']}，期限 {r['due']}{late}（依据：{r['rule']}）")
    else:
        lines.append("未完成的整改：无")
    return "\n".join(lines)


def render_visits(rows: list[dict], limit: int = 30) -> str:
    if not rows:
        return "没有找到走访记录。"
    lines = [f"走访记录共 {len(rows)} 条" + ("（显示最近 30 条）" if len(rows) > limit else "") + "："]
    for r in rows[:limit]:
        lines.append(f"• {r['date']} {r['leader']} → {r['points']}；{r['methods'] or '方式未写明'}"
                     + (f"；发现：{r['findings']}" if r["findings"] else ""))
    return "\n".join(lines)
