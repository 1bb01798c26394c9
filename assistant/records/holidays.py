"""Holidays beyond the calendar package: the State Council's yearly notice parsed into days and
checked, and the statutory holidays computed for years nobody has published yet.

The notice is published each autumn, after chinese_calendar's release, so an admin pastes its text
(`/holidays`, `docbot holidays import FILE`): "一、元旦：1月1日（周五）放假，与周末连休，共3天。……
2月28日（星期日）上班。" Without it, the statutory days (《全国年节及纪念日放假办法》, 2025 revision) are
computed from the lunar calendar and every reminder for that year says the 调休 days are unknown.

A wrong calendar moves every reminder, so the text is validated, not trusted: the year comes from the
title ("关于2027年部分节假日安排的通知") or the body, never from the signature date; every date must
lie in that year (a date written with its year may be the previous 31 December, as 2023's 元旦 was; a
range may run into 1–3 January of the next year); each holiday's days must lie near that holiday's
date in that year (last year's notice under this year's title is refused); and a notice that lacks any
of the seven statutory holidays is accepted only after confirmation, the missing ones kept at their
statutory days. Storing, replacing and undoing an import: assistant/records/holiday_store.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from lunar_python import Lunar, Solar

from assistant.records.dates import MONTH_YEARS
from corpus.vocabulary_records import HOLIDAY_STEMS, STATUTORY_HOLIDAYS

MAX_CHARS = 20_000  # a real notice is about 1,500 characters; anything longer is not one
STATUTORY = STATUTORY_HOLIDAYS
NEAR_DAYS = 3  # a holiday's days off lie within this many days of its statutory date in the notice's year
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_TITLE_YEAR = re.compile(r"关于\s*([0-9]{4})\s*年")
_BARE_YEAR = re.compile(r"([0-9]{4})\s*年(?!\s*[0-9]{1,2}\s*月)")  # "2027年部分节假日", not a date's year
_CLAUSE = re.compile(r"(?:^|[\n。；;])\s*[一二三四五六七八九十]+\s*[、.．]\s*([^：:\n]{1,10}?)\s*[：:]")
_PAREN = r"(?:[（(][^）)]{0,12}[）)])?"
_DATE = r"(?:([0-9]{4})\s*年\s*)?(?:([0-9]{1,2})\s*月\s*)?([0-9]{1,2})\s*日" + _PAREN
_DAY = re.compile(_DATE)
_RANGE = re.compile(_DATE + r"\s*(?:至|到|—|–|-|～|~)+\s*" + _DATE)
_TOTAL = re.compile(r"共\s*([0-9]{1,2})\s*天")


@dataclass
class Notice:
    year: int
    off: dict[date, str] = field(default_factory=dict)  # holiday → its name
    work: dict[date, str] = field(default_factory=dict)  # adjusted working day (调休上班) → holiday name
    problems: list[str] = field(default_factory=list)
    named: frozenset[str] = frozenset()  # the statutory holidays the notice has a clause for

    @property
    def ok(self) -> bool:
        return bool(self.off) and not self.problems

    @property
    def missing(self) -> tuple[str, ...]:
        """The statutory holidays the notice says nothing about (an import needs confirmation)."""
        return tuple(name for name in STATUTORY if name not in self.named)


def holidays_named(name: str) -> list[str]:
    """The statutory holidays a clause's name covers: "国庆节、中秋节" → [中秋节, 国庆节]."""
    return [h for h in STATUTORY if any(stem in name for stem, full in HOLIDAY_STEMS.items() if full == h)]


def notice_year(text: str) -> tuple[int | None, str]:
    """(year, "") from the title, else from the one bare year in the body; (None, why) otherwise. The
    signature date ("2026年11月12日") and the dates of the clauses are dates, not the notice's year."""
    if title := _TITLE_YEAR.search(text):
        return int(title.group(1)), ""
    years = sorted({int(y) for y in _BARE_YEAR.findall(text)})
    if len(years) == 1:
        return years[0], ""
    if years:
        return None, f"通知中有多个年份（{'、'.join(map(str, years))}），请包含通知标题或指定年份。"
    return None, "未识别到年份：请包含通知标题（如“关于2027年部分节假日安排的通知”）或指定年份。"


class _Cursor:
    """The year and month a date written without them continues from, within one clause."""

    def __init__(self, year: int):
        self.year, self.month = year, 1

    def place(self, y: str | None, m: str | None, d: str, text: str, problems: list[str]) -> date | None:
        month = int(m) if m else self.month
        day = int(d)
        if y:
            year = int(y)
        else:
            year = self.year
            if month < self.month and self.month == 12:  # "12月31日至1月2日": January after December
                year += 1
        try:
            got = date(year, month, day)
        except ValueError:
            problems.append(f"日期“{text.strip()}”不存在")
            return None
        self.year, self.month = year, month
        return got


def _sentence_days(cursor: _Cursor, sentence: str, problems: list[str]) -> list[tuple[date, str]]:
    """Every day a sentence names (ranges expanded), each with the text that named it."""
    days: list[tuple[date, str]] = []
    pos = 0
    while pos < len(sentence):
        m = _RANGE.search(sentence, pos)
        single = _DAY.search(sentence, pos)
        if single is None:
            break
        if m is None or single.start() < m.start():
            m = single
        text = m.group(0).strip()
        if m.re is _RANGE:
            start = cursor.place(m.group(1), m.group(2), m.group(3), text, problems)
            y2, m2 = m.group(4), m.group(5)
            if start and not m2 and int(m.group(6)) < start.day:  # "9月30日至7日" runs into the next month
                m2 = str(start.month % 12 + 1)
            end = cursor.place(y2, m2, m.group(6), text, problems)
            if start and end:
                if not 0 <= (end - start).days < 15:
                    problems.append(f"“{text}”不是有效的日期范围")
                else:
                    days += [(start + timedelta(n), text) for n in range((end - start).days + 1)]
        elif d := cursor.place(m.group(1), m.group(2), m.group(3), text, problems):
            days.append((d, text))
        pos = m.end()
    return days


def _fill_total(days: list[date], total: int) -> list[date]:
    """"1月1日放假，与周末连休，共3天": the weekend days next to the named ones belong to the holiday."""
    days = sorted(set(days))
    while days and len(days) < total and (days[-1] + timedelta(1)).weekday() >= 5:
        days.append(days[-1] + timedelta(1))
    while days and len(days) < total and (days[0] - timedelta(1)).weekday() >= 5:
        days.insert(0, days[0] - timedelta(1))
    return days


def _in_year(year: int, named: list[tuple[date, str]], problems: list[str]) -> list[date]:
    """The days that belong to the notice's year; a problem for each text naming one that does not."""
    first, last = date(year - 1, 12, 1), date(year + 1, 1, 3)
    for text in dict.fromkeys(t for d, t in named if not first <= d <= last):
        problems.append(f"日期“{text}”不在{year}年（通知只能包含该年的日期，以及跨年的前一年12月或次年1月1日至3日）")
    return [d for d, _ in named if first <= d <= last]


def _check_near_statutory(notice: Notice, name: str, days: list[date]) -> None:
    """Each holiday's days off lie near its statutory date of the notice's year: the lunar ones move by
    weeks from year to year, so last year's notice (or a wrong --year) fails here."""
    for holiday in holidays_named(name):
        years = (notice.year, notice.year + 1) if holiday == "元旦" else (notice.year,)  # next year's 元旦 too
        anchors = [d for y in years for d, n in statutory(y).items() if n == holiday]
        if not anchors or not days:
            continue
        distance = min(abs((d - a).days) for d in days for a in anchors)
        if distance > NEAR_DAYS:
            notice.problems.append(
                f"“{holiday}”的放假日期（{min(days):%m月%d日}至{max(days):%m月%d日}）与{notice.year}年的{holiday}"
                f"（{min(anchors):%m月%d日}）相差{distance}天：请核对通知的年份。")


def parse_notice(text: str, year: int | None = None) -> Notice:
    """The notice's text → the days off and the adjusted working days of its year, with every problem."""
    text = (text or "").strip().translate(_FULL_WIDTH)
    if len(text) > MAX_CHARS:
        return Notice(year or 0, problems=[f"通知全文过长（{len(text)}字，上限{MAX_CHARS}字）：请只粘贴通知正文。"])
    found, why = notice_year(text)
    if year is not None and found is not None and found != year:
        return Notice(year, problems=[f"通知标题是{found}年，而指定的是{year}年。"])
    year = year or found
    if year is None:
        return Notice(0, problems=[why])
    if not MONTH_YEARS[0] <= year <= MONTH_YEARS[1]:  # the years `holidays list` and `--undo` accept
        return Notice(year, problems=[f"年份{year}超出范围（{MONTH_YEARS[0]}–{MONTH_YEARS[1]}）。"])
    notice = Notice(year)
    heads = list(_CLAUSE.finditer(text))
    if not heads:
        notice.problems.append("未识别到节日条目（应为“一、元旦：1月1日放假……”的格式）。")
        return notice
    named: set[str] = set()
    for n, head in enumerate(heads):
        name = head.group(1).strip()
        body = text[head.end(): heads[n + 1].start() if n + 1 < len(heads) else len(text)]
        cursor, clause_off = _Cursor(year), []
        for sentence in re.split(r"[。；;\n]", body):
            if "上班" in sentence and "放假" not in sentence:
                work = _in_year(year, _sentence_days(cursor, sentence, notice.problems), notice.problems)
                notice.work.update(dict.fromkeys(work, name))
            elif "放假" in sentence:
                days = _in_year(year, _sentence_days(cursor, sentence.split("放假")[0], notice.problems),
                                notice.problems)
                if total := _TOTAL.search(sentence):
                    days = _fill_total(days, int(total.group(1)))
                clause_off += days
                notice.off.update(dict.fromkeys(days, name))
        if clause_off and not holidays_named(name):
            notice.problems.append(f"“{name}”不是法定节假日（{'、'.join(STATUTORY)}）之一")
        _check_near_statutory(notice, name, clause_off)
        named.update(h for h in holidays_named(name) if clause_off)
    notice.named = frozenset(named)
    if not notice.off:
        notice.problems.append("未识别到放假日期。")
    return notice


def with_statutory(notice: Notice) -> Notice:
    """The notice with its missing holidays at their statutory days (no 调休: the notice did not say)."""
    off = dict(notice.off)
    for d, name in statutory(notice.year).items():
        if name in notice.missing:
            off.setdefault(d, f"{name}（按法定日推算）")
    return replace(notice, off=off, named=frozenset(STATUTORY))


def render_notice(notice: Notice) -> str:
    if notice.problems:
        return "无法导入：" + "；".join(dict.fromkeys(notice.problems))
    shown = with_statutory(notice) if notice.missing else notice
    names: dict[str, list[date]] = {}
    for d, name in sorted(shown.off.items()):
        names.setdefault(name, []).append(d)
    lines = [f"{notice.year}年节假日安排（共{len(shown.off)}天放假，{len(notice.work)}天调休上班）："]
    for name, days in names.items():
        span = _day_text(days[0], notice.year) + (f"至{_day_text(days[-1], notice.year)}" if len(days) > 1 else "")
        lines.append(f"• {name}：{span}放假，共{len(days)}天")
    if notice.work:
        lines.append("调休上班：" + "、".join(f"{_day_text(d, notice.year)}（{notice.work[d]}）" for d in sorted(notice.work)))
    if notice.missing:
        lines.append(f"注意：通知中缺少{'、'.join(notice.missing)}（七个法定节假日应各有一条）。确认导入后，"
                     "缺少的节日按法定放假日推算，调休上班日未知；请核对是否粘贴了通知全文。")
    return "\n".join(lines)


def _day_text(d: date, year: int) -> str:
    return f"{d:%m月%d日}" if d.year == year else f"{d.year}年{d:%m月%d日}"


@lru_cache(maxsize=64)
def statutory(year: int) -> dict[date, str]:
    """The statutory days off of a year from the rules alone (no 调休, no bridging weekends)."""

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
