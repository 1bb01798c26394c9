"""A note's way from a chat message to a stored visit: parsed → shown with 确认/修改/取消 → stored
only on 确认. Pending notes live in the store (pending_notes), so nothing depends on process memory
except which message the buttons sit on."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from assistant.records.leaders import load_leaders
from assistant.records.note_start import is_note, may_be_note
from assistant.records.notes import ParsedNote, parse_note, render
from assistant.records.repeats import REPEAT_REPLY, earlier_visit
from assistant.records.rules import Rules
from assistant.records.visits import NoteIncomplete, record_visit
from assistant.storage.store import audit

__all__ = ["Submission", "cancel", "confirm", "fields_to_text", "is_note", "may_be_note", "submit"]

_FIELDS = {"领导": "leader", "姓名": "leader", "日期": "date", "时间": "date", "联系点": "points",
           "单位": "points", "方式": "methods", "发现": "findings", "问题": "findings", "整改": "rect"}


@dataclass(frozen=True)
class Submission:
    kind: str  # "not_note" | "questions" | "confirm" | "repeat" (saved shortly before: records/repeats.py)
    note: ParsedNote | None = None
    pending_id: int | None = None
    text: str = ""  # the reply

    @property
    def is_note(self) -> bool:
        return self.kind != "not_note"


def fields_to_text(args: str) -> str:
    """/visit 领导=王焕清 日期=11月5日 联系点=东山街 方式=座谈会 发现=… 整改=一个月内 → a note."""
    pairs = dict(re.findall(r"(\S+?)[=＝：:](\S+)", args))
    got = {_FIELDS[k]: v for k, v in pairs.items() if k in _FIELDS}
    if not got:
        return "走访记录：" + args.strip()
    parts = [f"走访记录：{got.get('leader', '')} {got.get('date', '')}到{got.get('points', '')}督导"]
    if "methods" in got:
        parts.append(got["methods"])
    if "findings" in got:
        parts.append("发现" + got["findings"])
    if "rect" in got:
        parts.append("要求" + got["rect"] + ("" if "整改" in got["rect"] else "整改"))
    return "，".join(parts)


def submit(db: sqlite_utils.Database, text: str, *, telegram_id: int, chat_id: int, now: datetime,
           rules: Rules, explicit: bool = False, draft: str | None = None, store: bool = True,
           original: str | None = None) -> Submission:
    """Parse a message. ``now`` is local time (its date is "today" for 昨天, 11月5日 …). ``explicit``
    (/visit, or a reply to our question) treats it as a note for sure; ``draft`` is the previous
    incomplete note the message may complete; ``store=False`` only classifies (for users who may not
    log visits); ``original`` is the secretary's own words when ``text`` was rewritten (an informal note
    with the leader's full name written in): it is what gets stored."""
    today = now.date()
    leaders = load_leaders(db)
    note = parse_note(text, leaders, today, rules)
    if draft and not is_note(note, text):
        combined = parse_note(draft + "，" + text, leaders, today, rules)
        if len(combined.questions) < len(parse_note(draft, leaders, today, rules).questions):
            note, text = combined, draft + "，" + text
    if not explicit and not is_note(note, text):
        return Submission("not_note", note)
    if note.questions or not store:  # the draft continues from the resolved text
        return Submission("questions", note, None, render(note) + "\n\n请直接回复补充的内容，或重新发送完整记录。")
    if original:
        note.original, text = original, original
    if (earlier := earlier_visit(db, telegram_id, text, now)) is not None:
        return Submission("repeat", note, None, REPEAT_REPLY.format(n=earlier))
    with db.atomic():
        pid = db["pending_notes"].insert({"telegram_id": telegram_id, "chat_id": chat_id, "original": text,
                                          "parsed": json.dumps(note.to_dict(), ensure_ascii=False),
                                          "created_at": now.isoformat(), "status": "pending"}).last_pk
    return Submission("confirm", note, pid, render(note) + "\n\n请核对后点“确认”保存；有误点“修改”。")


def _pending(db: sqlite_utils.Database, pending_id: int, telegram_id: int) -> dict | None:
    row = next(db["pending_notes"].rows_where("id = ?", [pending_id]), None)
    return row if row and row["telegram_id"] == telegram_id else None


def confirm(db: sqlite_utils.Database, pending_id: int, *, telegram_id: int, now: datetime,
            rules: Rules) -> str:
    with db.atomic():
        row = _pending(db, pending_id, telegram_id)
        if row is None:
            return "只有发送这条记录的秘书可以确认。"
        if row["status"] != "pending":
            return {"confirmed": "这条记录已经保存过了。", "cancelled": "这条记录已取消，请重新发送。"}.get(
                row["status"], "这条记录已失效，请重新发送。")
        note = ParsedNote.from_dict(json.loads(row["parsed"]))
        if (earlier := earlier_visit(db, telegram_id, row["original"], now)) is not None:
            db["pending_notes"].update(pending_id, {"status": "confirmed"})  # sent twice, confirmed twice
            return REPEAT_REPLY.format(n=earlier)
        try:
            visit_id, rect_id = record_visit(db, note, actor_id=telegram_id, actor=str(telegram_id),
                                             now=now, rules=rules)
        except NoteIncomplete as e:
            return f"记录不完整，未保存：{e}"
        db["pending_notes"].update(pending_id, {"status": "confirmed"})
        # photos sent with the note's caption belong to the visit now
        db.execute("update visit_photos set visit_id = ? where pending_id = ?", [visit_id, pending_id])
    text = f"✅ 已保存第{visit_id}号走访记录（{note.leader}，{note.visit_date}）。"
    if rect_id:
        r = note.rectification
        text += f"\n已登记第{rect_id}号整改，期限 {r.due}（依据：{r.citation}）。整改完成后发送 /done {rect_id}。"
    return text


def cancel(db: sqlite_utils.Database, pending_id: int, *, telegram_id: int, now: datetime,
           editing: bool = False) -> tuple[str, str | None]:
    """→ (reply, the original text when editing, so the next message can correct it)."""
    with db.atomic():
        row = _pending(db, pending_id, telegram_id)
        if row is None or row["status"] != "pending":
            return "这条记录已处理或已失效。", None
        db["pending_notes"].update(pending_id, {"status": "cancelled"})
        audit(db, at=now, actor=str(telegram_id), action="note_edit" if editing else "note_cancel",
              original=row["original"])
    if editing:
        return "请发送修改后的完整记录（可复制下面的原文修改）：\n" + row["original"], row["original"]
    return "已取消，未保存。", None
