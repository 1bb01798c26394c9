"""The ledger (台账) of a month: visits and rectifications, as xlsx (openpyxl) or CSV bytes.

The same rows whoever asks: `docbot export` writes them to a file, /export sends them as a document.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import sqlite_utils

from assistant.records.dates import month_range
from assistant.records.rectifications import STATUS_NAMES, list_rectifications
from assistant.records.report import coverage
from assistant.records.rules import Rules
from assistant.records.visits import list_visits
from assistant.user_input.cleaning import clean

VISIT_HEADERS = ("编号", "走访日期", "区领导", "联系点", "方式", "发现问题", "整改编号", "整改期限", "整改状态",
                 "原始记录", "登记时间", "照片")
SUMMARY_HEADERS = ("区领导", "本月应督导联系点", "已督导", "待督导", "逾期未督导", "未完成整改", "逾期整改")
OVERDUE_FILL = "F4A3A3"
RECT_HEADERS = ("编号", "单位", "问题", "通知日期", "整改期限", "依据", "状态", "区领导", "办结时间", "办结说明")


def _cell(value) -> str:
    # A leading = + - @ would run as a formula in Excel: prefix a quote (CSV injection). Control
    # characters are cleaned when text arrives; cleaning again here keeps old rows exportable.
    s = clean("" if value is None else str(value))
    return "'" + s if s[:1] in ("=", "+", "-", "@") else s


def ledger_rows(db: sqlite_utils.Database, month: str) -> tuple[list[tuple], list[tuple]]:
    """(visit rows, rectification rows) for ``month`` (2026-11); rectifications noticed or open then."""
    first, nxt = month_range(month)
    rects = list_rectifications(db)
    by_visit = {r["id"]: r for r in rects}
    rect_of_visit = {row["visit_id"]: row["id"] for row in db.query(
        "select id, visit_id from rectifications where visit_id is not null")}
    photos = dict(db.execute("select visit_id, count(*) from visit_photos group by visit_id").fetchall())
    visits = []
    for v in reversed(list_visits(db, month=month)):
        r = by_visit.get(rect_of_visit.get(v["id"]))
        visits.append((v["id"], v["date"], v["leader"], v["points"], v["methods"], v["findings"],
                       r["id"] if r else "", r["due"] if r else "", STATUS_NAMES.get(r["status"], "") if r else "",
                       v["original"], v["logged_at"][:16].replace("T", " "),
                       f"{photos[v['id']]}张" if photos.get(v["id"]) else ""))
    rect_rows = [(r["id"], r["unit"], r["issue"], r["notice_date"], r["due"], r["rule"],
                  STATUS_NAMES.get(r["status"], r["status"]), r["leader"], (r["closed_at"] or "")[:10],
                  r["close_note"])
                 for r in rects
                 if r["status"] != "void" and (first.isoformat() <= r["notice_date"] < nxt.isoformat()
                 or (r["status"] == "open" and r["notice_date"] < nxt.isoformat()))]
    return visits, rect_rows


def _reference_day(month: str, today: date | None) -> date:
    """Overdue means "as of": today within the month, else the month's last day."""
    first, nxt = month_range(month)
    last = nxt - timedelta(days=1)
    return min(today, last) if today and today >= first else last


def summary_rows(db: sqlite_utils.Database, month: str, today: date | None = None) -> list[tuple]:
    """Per leader: the month's due points (coverage), visited / pending / overdue, open and overdue
    rectifications — the same numbers as the coverage chart and the rectification sheet."""

    first, _ = month_range(month)
    ref = _reference_day(month, today)
    cov = coverage(db, first.year, first.month, Rules(), today=ref)
    open_rects: dict[str, list[str]] = {}
    for r in list_rectifications(db, status="open"):
        open_rects.setdefault(r["leader"] or "", []).append(r["due"])
    out = []
    for leader, cells in cov.rows:
        statuses = [s for _, _, s in cells]
        dues = open_rects.get(leader, [])
        out.append((leader, len(cells), statuses.count("visited"), statuses.count("pending"),
                    statuses.count("overdue"), len(dues), sum(d < ref.isoformat() for d in dues)))
    return out


def to_xlsx(db: sqlite_utils.Database, month: str, today: date | None = None) -> bytes:
    # openpyxl takes ~0.1 s to import: only an xlsx export pays for it, not the bot's start-up or CSV.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    visits, rects = ledger_rows(db, month)
    ref = _reference_day(month, today).isoformat()
    late = PatternFill("solid", fgColor=OVERDUE_FILL)
    wb = Workbook()
    for ws, title, headers, rows in ((wb.active, f"走访台账{month}", VISIT_HEADERS, visits),
                                     (wb.create_sheet(), "整改台账", RECT_HEADERS, rects),
                                     (wb.create_sheet(), "汇总", SUMMARY_HEADERS, summary_rows(db, month, today))):
        ws.title = title[:31]
        ws.append(headers)
        for c in ws[1]:
            c.font = Font(bold=True)
        for row in rows:
            ws.append([_cell(v) if isinstance(v, str) else v for v in row])
            overdue = ((headers is RECT_HEADERS and row[6] == STATUS_NAMES["open"] and row[4] < ref)
                       or (headers is VISIT_HEADERS and row[8] == STATUS_NAMES["open"] and row[7] < ref)
                       or (headers is SUMMARY_HEADERS and (row[4] or row[6])))
            if overdue:
                for c in ws[ws.max_row]:
                    c.fill = late
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col[:50])
            ws.column_dimensions[col[0].column_letter].width = min(60, max(8, width * 2))
            for c in col[1:]:
                c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_csv(db: sqlite_utils.Database, month: str) -> bytes:
    """Visits then rectifications, one CSV, UTF-8 with BOM so Excel opens the Chinese correctly."""
    visits, rects = ledger_rows(db, month)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([f"走访台账 {month}"])
    w.writerow(VISIT_HEADERS)
    w.writerows([[_cell(v) for v in row] for row in visits])
    w.writerow([])
    w.writerow(["整改台账"])
    w.writerow(RECT_HEADERS)
    w.writerows([[_cell(v) for v in row] for row in rects])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
