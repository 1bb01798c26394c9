"""Working days in China: public holidays and adjusted working days (调休) from `chinese_calendar`.

For years the package has no data for, weekdays count as working days (the package raises
NotImplementedError there; a reminder on a holiday beats no reminder at all).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar


@lru_cache(maxsize=4096)
def is_workday(d: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(d))
    except NotImplementedError:
        return d.weekday() < 5


@lru_cache(maxsize=1024)
def workday_on_or_after(d: date) -> date:
    for _ in range(40):  # the longest Chinese holiday is 8-9 days
        if is_workday(d):
            return d
        d += timedelta(days=1)
    return d


def first_workday(year: int, month: int) -> date:
    """The first working day of a month: 2026-10 → 10月9日 (after the National Day holiday)."""
    return workday_on_or_after(date(year, month, 1))


def quarter_start(d: date) -> date:
    return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
