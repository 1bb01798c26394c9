"""Working days in China, from three sources in this order:

1. the admin-imported State Council notice for the year (table ``holidays``: days off and 调休 days);
2. the ``chinese_calendar`` package (holidays and 调休 for the years it was released with);
3. for later years, the statutory holidays computed from the lunar calendar (``holidays.statutory``):
   weekends and those days are off, and the adjusted working days are *unknown*, which every reminder
   for that year says (``WorkCalendar.adjustments_known``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar

from assistant.records.holidays import package_knows, statutory


@dataclass
class WorkCalendar:
    overrides: dict[date, bool] = field(default_factory=dict)  # day → is a working day (imported)
    imported: frozenset[int] = frozenset()  # years with an imported notice
    _cache: dict[date, bool] = field(default_factory=dict, repr=False)

    def is_workday(self, d: date) -> bool:
        got = self._cache.get(d)
        if got is None:
            got = self._cache[d] = self._workday(d)
        return got

    def _workday(self, d: date) -> bool:
        if d.year in self.imported:
            return self.overrides.get(d, d.weekday() < 5)
        if package_knows(d.year):
            return bool(chinese_calendar.is_workday(d))
        return d.weekday() < 5 and d not in statutory(d.year)

    def adjustments_known(self, year: int) -> bool:
        return year in self.imported or package_knows(year)

    def unknown_warning(self, year: int) -> str:
        if self.adjustments_known(year):
            return ""
        return (f"注意：{year}年的节假日调休安排尚未导入，工作日按法定节假日推算，调休上班日未知"
                "（管理员可用 /holidays 导入国务院办公厅通知）。")

    def workday_on_or_after(self, d: date) -> date:
        for _ in range(40):  # the longest Chinese holiday is 8-9 days
            if self.is_workday(d):
                return d
            d += timedelta(days=1)
        return d

    def next_workday_after(self, d: date) -> date:
        return self.workday_on_or_after(d + timedelta(days=1))

    def first_workday(self, year: int, month: int) -> date:
        """The first working day of a month: 2026-10 → 10月8日 (after the National Day holiday)."""
        return self.workday_on_or_after(date(year, month, 1))


DEFAULT = WorkCalendar()


def is_workday(d: date) -> bool:
    return DEFAULT.is_workday(d)


def workday_on_or_after(d: date) -> date:
    return DEFAULT.workday_on_or_after(d)


def first_workday(year: int, month: int) -> date:
    return DEFAULT.first_workday(year, month)


def quarter_start(d: date) -> date:
    return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
