"""The working-day calendar's imported holidays: a parsed State Council notice stored in one
transaction, and undone the same way (`docbot holidays --undo YEAR`, `/holidays 撤销 YEAR`).

Table ``holidays`` (migration 021): one row per day, ``off`` 1 for a day off and 0 for an adjusted
working day; ``year`` is the notice's year (the import that owns the row), which may differ from the
day's own year: 2023's notice starts its 元旦 on 2022-12-31, and a notice may announce the next year's
1 January. The years with a notice are the distinct ``year`` values, never the days' years: a notice
owning 1–2 January of the next year does not make that year "imported" (its other holidays would then
become working days). Table ``holiday_imports`` (migration 070) keeps, per import, the rows it
replaced; undoing the latest import of a year deletes that year's rows and puts those back.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import sqlite_utils

from assistant.questions.render import source_note
from assistant.records.holidays import STATUTORY, Notice, render_notice, statutory, with_statutory
from assistant.records.workdays import package_knows
from assistant.storage.store import audit


def import_notice(db: sqlite_utils.Database, notice: Notice, *, now: datetime, actor: str,
                  original: str = "", partial_ok: bool = False) -> int:
    """Replace the year's calendar with the notice's days (one transaction). → days stored.

    A notice lacking any of the seven statutory holidays needs ``partial_ok`` (the admin confirmed the
    preview); the missing holidays are stored at their statutory days, never left as working days."""
    if not notice.ok:
        raise ValueError(render_notice(notice))
    if notice.missing and not partial_ok:
        raise ValueError(f"通知中缺少{'、'.join(notice.missing)}，需要确认后才能导入。")
    full = with_statutory(notice) if notice.missing else notice
    stamp = now.isoformat()
    rows = [{"day": d.isoformat(), "year": notice.year, "off": 1, "name": name, "imported_at": stamp,
             "actor": actor} for d, name in full.off.items()]
    rows += [{"day": d.isoformat(), "year": notice.year, "off": 0, "name": name, "imported_at": stamp,
              "actor": actor} for d, name in full.work.items() if d not in full.off]
    owned = [notice.year, json.dumps([r["day"] for r in rows])]  # the year's rows, and any row for its days
    with db.atomic():
        replaced = list(db.query("select day, year, off, name, imported_at, actor from holidays "
                                 "where year = ? or day in (select value from json_each(?))", owned))
        db["holiday_imports"].insert({"year": notice.year, "imported_at": stamp, "actor": actor,
                                      "days": len(rows), "replaced": json.dumps(replaced, ensure_ascii=False)})
        db.execute("delete from holidays where year = ? or day in (select value from json_each(?))", owned)
        db["holidays"].insert_all(rows)
        audit(db, at=now, actor=actor, action="holidays_import", original=original,
              details={"year": notice.year, "off": len(full.off), "work": len(full.work),
                       "missing": list(notice.missing), "replaced": len(replaced)})
    return len(rows)


def undo_import(db: sqlite_utils.Database, year: int, *, now: datetime, actor: str) -> str:
    """Undo the year's latest import in force (one transaction): its rows go, the rows it replaced come
    back. → what happened, in Chinese; ValueError when there is nothing to undo."""
    with db.atomic():
        found = list(db.query("select * from holiday_imports where year = ? and undone_at = '' "
                              "order by id desc limit 1", [year]))
        if not found:
            raise ValueError(f"没有可撤销的{year}年节假日安排导入。")
        last = found[0]
        restored = json.loads(last["replaced"])
        db.execute("delete from holidays where year = ?", [year])
        if restored:
            db["holidays"].insert_all(restored, replace=True)
        db["holiday_imports"].update(last["id"], {"undone_at": now.isoformat(), "undone_by": actor})
        audit(db, at=now, actor=actor, action="holidays_undo",
              details={"year": year, "import": last["id"], "restored": len(restored)})
    before = [r for r in restored if r["year"] == year]
    when = last["imported_at"][:16].replace("T", " ")
    return (f"已撤销{year}年节假日安排的导入（{when} 导入）。"
            + (f"已恢复此前导入的安排（{len(before)}天）。" if before else
               f"{year}年恢复为未导入：按 chinese_calendar 包或法定节假日推算。"))


def load_overrides(db: sqlite_utils.Database) -> tuple[dict[date, bool], frozenset[int]]:
    """(day → is a working day, years with an imported notice) for WorkCalendar."""
    rows = list(db.query("select day, off, year from holidays"))
    return {date.fromisoformat(r["day"]): not r["off"] for r in rows}, frozenset(r["year"] for r in rows)


def list_year(db: sqlite_utils.Database, year: int) -> str:

    rows = list(db.query("select day, off, name, imported_at from holidays where year = ? order by day", [year]))
    if rows:
        notice = Notice(year, {date.fromisoformat(r["day"]): r["name"] for r in rows if r["off"]},
                        {date.fromisoformat(r["day"]): r["name"] for r in rows if not r["off"]},
                        named=frozenset(STATUTORY))
        when = rows[0]["imported_at"][:10]
        return render_notice(notice) + "\n" + source_note(
            f"管理员导入的国务院办公厅通知，{when}；撤销：/holidays 撤销 {year} 或 docbot holidays --undo {year}")
    if package_knows(year):
        return f"{year}年：未导入通知，使用 chinese_calendar 包中的节假日和调休数据。"
    days = statutory(year)
    listing = "、".join(f"{d:%m月%d日}（{n}）" for d, n in sorted(days.items()))
    return (f"{year}年：尚未导入国务院办公厅节假日安排通知。按法定节假日推算的放假日：{listing}。\n"
            "调休上班日未知，请用 /holidays 或 docbot holidays import 导入通知全文。")
