"""Dates as secretaries write them: 今天, 昨天, 前天, 上周五, 本月3号, 11月5日, 2026年11月5日, 11.5, 11/5.

Pure functions of (text, today). A visit date without a year is the most recent past one; a visit date
in the future or a date that does not exist (13月45日) is rejected with a Chinese reason, never guessed.
Deadlines ("11月30日前整改") are the other way round: without a year, the next one on or after the notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from corpus.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int
from corpus.vocabulary import one_of
from corpus.vocabulary_records import RELATIVE_DAYS, THIS_MONTH_WORDS, WEEK_NOUNS, WEEK_RELATIVES, WEEKDAYS

# Full-width digits and separators → ASCII, one character for one so match offsets stay valid.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．／－", "0123456789./-")
_N = rf"(?:\d{{1,4}}|[{CHINESE_NUMERAL_CHARS}]{{1,4}})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"(?P<y>\d{{4}}|[{CHINESE_NUMERAL_CHARS}]{{4}})年(?P<m>{_N})月(?P<d>{_N})[日号]?")),
    ("iso", re.compile(r"(?<![\d.])(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d.])")),
    ("this_month", re.compile(rf"(?P<rel>{one_of(THIS_MONTH_WORDS)}|上个?月)(?P<d>{_N})[日号]")),
    ("md", re.compile(rf"(?P<m>{_N})月(?P<d>{_N})[日号]?")),
    ("m.d", re.compile(r"(?<![\d.])(?P<m>\d{1,2})[./](?P<d>\d{1,2})(?![\d./%])")),
    ("week", re.compile(rf"(?P<rel>{one_of(WEEK_RELATIVES)})(?:{one_of(WEEK_NOUNS)})(?P<wd>[{''.join(WEEKDAYS)}])")),
    ("relative", re.compile(one_of(RELATIVE_DAYS))),
]


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: ``value`` when it resolved, otherwise ``error`` says why (in Chinese)."""

    text: str
    start: int
    end: int
    value: date | None = None
    error: str | None = None


def _num(s: str) -> int | None:
    return chinese_to_int(s) if s else None


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _invalid(raw: str) -> str:
    return f"日期“{raw}”不存在，请核对月份和日期。"


def _resolve(kind: str, m: re.Match[str], today: date, past: bool) -> tuple[date | None, str | None]:
    raw = m.group(0)
    g = m.groupdict()
    if kind == "relative":
        return today - timedelta(days=RELATIVE_DAYS[raw]), None
    if kind == "week":
        monday = today - timedelta(days=today.weekday())
        shift = {"上上": 14, "上": 7}.get(g["rel"], 0)
        return monday - timedelta(days=shift) + timedelta(days=WEEKDAYS[g["wd"]]), None
    month, day = _num(g.get("m") or ""), _num(g["d"])
    if kind == "this_month":
        first = today.replace(day=1)
        if g["rel"].startswith("上"):
            first = (first - timedelta(days=1)).replace(day=1)
        month, year = first.month, first.year
        got = _make(year, month, day or 0)
        return (got, None) if got else (None, _invalid(raw))
    if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None, _invalid(raw)
    if kind in ("ymd", "iso"):
        got = _make(_num(g["y"]) or 0, month, day)
        return (got, None) if got else (None, _invalid(raw))
    # No year: the most recent past occurrence (visits) or the next one (deadlines).
    years = (today.year, today.year - 1) if past else (today.year, today.year + 1)
    candidates = [c for y in years if (c := _make(y, month, day))]
    if not candidates:
        return None, _invalid(raw)
    if past:
        ok = [c for c in candidates if c <= today]
        return (max(ok), None) if ok else (None, _invalid(raw))
    ok = [c for c in candidates if c >= today]
    return (min(ok), None) if ok else (None, _invalid(raw))


def find_dates(text: str, today: date, *, past: bool = True) -> list[DateMatch]:
    """Every date mention in ``text``, left to right, non-overlapping (earlier patterns win)."""
    norm = text.translate(_FULLWIDTH)
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(norm):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            value, error = _resolve(kind, m, today, past)
            if value is not None and past and value > today:
                value, error = None, f"日期“{m.group(0)}”（{value.isoformat()}）在今天之后，走访日期不能是将来。"
            found.append(DateMatch(text[m.start():m.end()], m.start(), m.end(), value, error))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str, today: date, *, past: bool = True) -> DateMatch | None:
    """The single date in a short text such as a /visit field; None when there is none."""
    dates = find_dates(text.strip(), today, past=past)
    return dates[0] if dates else None


# The years a month argument may name (/report, /export, /calendar, /visits and their CLI twins): year 0
# and 9999 are typos, and the calendar arithmetic around them (next month, the quarter) overflows.
MONTH_YEARS = (2000, 2100)
# ASCII digits only after the full-width ones were mapped: "²", "③", "١٢" are not months ([0-9], not \d).
_MONTH_ARG = re.compile(r"\s*(?:([0-9]{4})\s*[-年/.]\s*)?([0-9]{1,2})\s*月?\s*")
MONTH_USAGE = f"月份格式应为 2026-11（{MONTH_YEARS[0]}—{MONTH_YEARS[1]}年）"


def parse_month(text: str | None, default_year: int | None = None) -> tuple[int, int] | None:
    """'2026-11' / '2026年11月' / '２０２６-１１' (and '11月' / '11' when ``default_year`` is given) →
    (year, month); None for anything else, including years outside MONTH_YEARS."""
    m = _MONTH_ARG.fullmatch((text or "").translate(_FULLWIDTH))
    if not m or (m.group(1) is None and default_year is None):
        return None
    year, month = int(m.group(1) or default_year), int(m.group(2))
    return (year, month) if 1 <= month <= 12 and MONTH_YEARS[0] <= year <= MONTH_YEARS[1] else None


def month_range(month: str) -> tuple[date, date]:
    """'2026-11' / '2026年11月' → (first day, first day of next month). ValueError when malformed."""
    got = parse_month(month)
    if got is None:
        raise ValueError(f"{MONTH_USAGE}：{month[:20]!r}")
    first = date(*got, 1)
    return first, add_months(first, 1)


def add_months(d: date, months: int) -> date:
    """Calendar months: 1月31日 + 1 month = 2月28日/29日 (the last day when the day does not exist)."""
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    for day in (d.day, 30, 29, 28):
        got = _make(year, month, min(d.day, day))
        if got:
            return got
    raise ValueError(d)  # unreachable: every month has a 28th
