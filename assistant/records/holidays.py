"""Holidays beyond the calendar package: the State Council's yearly notice parsed into days, statutory
holidays computed for years nobody has published yet, and the admin-maintained table that overrides
the package.

The notice is published each autumn, after chinese_calendar's release, so an admin pastes its text
(`/holidays`, `docbot holidays import FILE`): "一、元旦：1月1日（周五）放假，与周末连休，共3天。……
2月28日（星期日）上班。" Without it, the statutory days (《全国年节及纪念日放假办法》, 2025 revision) are
computed from the lunar calendar and every reminder for that year says the 调休 days are unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

import chinese_calendar
import sqlite_utils

from assistant.store import audit

_YEAR = re.compile(r"(20\d\d)\s*年")
_CLAUSE = re.compile(r"(?:^|[\n。；;])\s*[一二三四五六七八九十]+\s*[、.．]\s*([^：:\n]{1,8}?)\s*[：:]")
_PAREN = r"(?:[（(][^）)]{0,12}[）)])?"
_DAY = re.compile(r"(?:(\d{1,2})\s*月)?\s*(\d{1,2})\s*日" + _PAREN)
_RANGE = re.compile(r"(?:(\d{1,2})\s*月)?\s*(\d{1,2})\s*日" + _PAREN + r"\s*(?:至|到|—|-|～|~)\s*"
                    r"(?:(\d{1,2})\s*月)?\s*(\d{1,2})\s*日" + _PAREN)
_TOTAL = re.compile(r"共\s*(\d{1,2})\s*天")


@dataclass
class Notice:
    year: int
    off: dict[date, str] = field(default_factory=dict)  # holiday → its name
    work: dict[date, str] = field(default_factory=dict)  # adjusted working day (调休上班) → holiday name
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.off) and not self.problems


def _day(year: int, month: int, day: int, problems: list[str], text: str) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        problems.append(f"日期“{text.strip()}”不存在")
        return None


def _sentence_days(year: int, sentence: str, month: int, problems: list[str]) -> tuple[list[date], int]:
    """Every day a sentence names (ranges expanded) and the last month mentioned (for "至17日")."""
    days: list[date] = []
    pos = 0
    while pos < len(sentence):
        m = _RANGE.search(sentence, pos) or _DAY.search(sentence, pos)
        single = _DAY.search(sentence, pos)
        if m is None:
            break
        if single is not None and single.start() < m.start():
            m = single
        if m.re is _RANGE:
            m1 = int(m.group(1) or month)
            start = _day(year, m1, int(m.group(2)), problems, m.group(0))
            m2 = int(m.group(3) or m1)
            end_day = int(m.group(4))
            if not m.group(3) and start and end_day < start.day:  # "12月30日至1日" runs into next month
                m2 = m1 % 12 + 1
            end = _day(year + (m2 < m1), m2, end_day, problems, m.group(0))
            if start and end:
                if not 0 <= (end - start).days < 15:
                    problems.append(f"“{m.group(0).strip()}”不是有效的日期范围")
                else:
                    days += [start + timedelta(n) for n in range((end - start).days + 1)]
            month = m2
        else:
            month = int(m.group(1) or month)
            if d := _day(year, month, int(m.group(2)), problems, m.group(0)):
                days.append(d)
        pos = m.end()
    return days, month


def _fill_total(days: list[date], total: int) -> list[date]:
    """"1月1日放假，与周末连休，共3天": the weekend days next to the named ones belong to the holiday."""
    days = sorted(set(days))
    while days and len(days) < total and (days[-1] + timedelta(1)).weekday() >= 5:
        days.append(days[-1] + timedelta(1))
    while days and len(days) < total and (days[0] - timedelta(1)).weekday() >= 5:
        days.insert(0, days[0] - timedelta(1))
    return days


def parse_notice(text: str, year: int | None = None) -> Notice:
    """The notice's text → the days off and the adjusted working days of its year."""
    text = (text or "").strip()
    if year is None:
        years = [int(y) for y in _YEAR.findall(text)]
        year = max(years) if years else None
    if year is None:
        return Notice(0, problems=["未识别到年份：请包含通知标题（如“关于2027年部分节假日安排的通知”）或指定年份。"])
    notice = Notice(year)
    heads = list(_CLAUSE.finditer(text))
    if not heads:
        notice.problems.append("未识别到节日条目（应为“一、元旦：1月1日放假……”的格式）。")
        return notice
    for n, head in enumerate(heads):
        name = head.group(1).strip()
        body = text[head.end(): heads[n + 1].start() if n + 1 < len(heads) else len(text)]
        month = 1
        for sentence in re.split(r"[。；;\n]", body):
            if "上班" in sentence and "放假" not in sentence:
                days, month = _sentence_days(year, sentence, month, notice.problems)
                notice.work.update(dict.fromkeys(days, name))
            elif "放假" in sentence:
                before = sentence.split("放假")[0]
                days, month = _sentence_days(year, before, month, notice.problems)
                if total := _TOTAL.search(sentence):
                    days = _fill_total(days, int(total.group(1)))
                notice.off.update(dict.fromkeys(days, name))
    if not notice.off:
        notice.problems.append("未识别到放假日期。")
    return notice


def render_notice(notice: Notice) -> str:
    if notice.problems:
        return "无法导入：" + "；".join(dict.fromkeys(notice.problems))
    names: dict[str, list[date]] = {}
    for d, name in sorted(notice.off.items()):
        names.setdefault(name, []).append(d)
    lines = [f"{notice.year}年节假日安排（共{len(notice.off)}天放假，{len(notice.work)}天调休上班）："]
    for name, days in names.items():
        span = f"{days[0]:%m月%d日}" + (f"至{days[-1]:%m月%d日}" if len(days) > 1 else "")
        lines.append(f"• {name}：{span}放假，共{len(days)}天")
    if notice.work:
        lines.append("调休上班：" + "、".join(f"{d:%m月%d日}（{notice.work[d]}）" for d in sorted(notice.work)))
    return "\n".join(lines)


@lru_cache(maxsize=64)
def statutory(year: int) -> dict[date, str]:
    """The statutory days off of a year from the rules alone (no 调休, no bridging weekends)."""
    from lunar_python import Lunar, Solar

    def lunar(month: int, day: int, y: int = year) -> date:
        s = Lunar.fromYmd(y, month, day).getSolar()
        return date(s.getYear(), s.getMonth(), s.getDay())

    spring = lunar(1, 1)
    qingming = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"]
    days = {date(year, 1, 1): "元旦", date(year, 5, 1): "劳动节", date(year, 5, 2): "劳动节",
            date(year, 4, qingming.getDay()): "清明节", lunar(5, 5): "端午节", lunar(8, 15): "中秋节"}
    days.update({spring + timedelta(n): "春节" for n in range(-1, 3)})  # 除夕 and 正月初一至初三
    days.update({date(year, 10, n): "国庆节" for n in (1, 2, 3)})
    return {d: name for d, name in days.items() if d.year == year}


# -- the store --------------------------------------------------------------------------------------


def import_notice(db: sqlite_utils.Database, notice: Notice, *, now: datetime, actor: str,
                  original: str = "") -> int:
    """Replace the year's calendar with the notice's days (one transaction). → days stored."""
    if not notice.ok:
        raise ValueError(render_notice(notice))
    rows = [{"day": d.isoformat(), "year": notice.year, "off": 1, "name": name, "imported_at": now.isoformat(),
             "actor": actor} for d, name in notice.off.items()]
    rows += [{"day": d.isoformat(), "year": notice.year, "off": 0, "name": name, "imported_at": now.isoformat(),
              "actor": actor} for d, name in notice.work.items()]
    with db.atomic():
        db.execute("delete from holidays where year = ?", [notice.year])
        db["holidays"].insert_all(rows)
        audit(db, at=now, actor=actor, action="holidays_import", original=original,
              details={"year": notice.year, "off": len(notice.off), "work": len(notice.work)})
    return len(rows)


@lru_cache(maxsize=64)
def package_knows(year: int) -> bool:
    """Whether the chinese_calendar package has the year's holidays and make-up working days."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
        return True
    except NotImplementedError:
        return False


def load_overrides(db: sqlite_utils.Database) -> tuple[dict[date, bool], frozenset[int]]:
    """(day → is a working day, imported years) for WorkCalendar."""
    days = {date.fromisoformat(r["day"]): not r["off"] for r in db.query("select day, off from holidays")}
    return days, frozenset(d.year for d in days)


def list_year(db: sqlite_utils.Database, year: int) -> str:
    rows = list(db.query("select day, off, name from holidays where year = ? order by day", [year]))
    if rows:
        notice = Notice(year, {date.fromisoformat(r["day"]): r["name"] for r in rows if r["off"]},
                        {date.fromisoformat(r["day"]): r["name"] for r in rows if not r["off"]})
        return render_notice(notice) + "\n（来源：管理员导入的国务院办公厅通知）"
    if package_knows(year):
        return f"{year}年：未导入通知，使用 chinese_calendar 包中的节假日和调休数据。"
    days = statutory(year)
    listing = "、".join(f"{d:%m月%d日}（{n}）" for d, n in sorted(days.items()))
    return (f"{year}年：尚未导入国务院办公厅节假日安排通知。按法定节假日推算的放假日：{listing}。\n"
            "调休上班日未知，请用 /holidays 或 docbot holidays import 导入通知全文。")
