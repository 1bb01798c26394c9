"""One message per person per morning: a person's due reminders (pending visits, deadlines, overdue
rectifications, subscribed obligations, the admins' holiday reminder) folded into a digest titled on
its own line, cut at section or line boundaries into chunks Telegram accepts (4096 characters).

Exactly-once stays per reminder key; the digest adds one key per person and day, so a reminder that
becomes due after this morning's digest went out waits for the next sending day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assistant.records.reminders import Reminder
from assistant.records.workdays import WorkCalendar

CHUNK = 3500  # characters: below 4096 UTF-16 units even after HTML escaping of the odd "&" or "<"
_ORDER = {"monthly": 0, "nudge": 0, "deadline": 1, "overdue": 2, "obligation": 3, "holidays": 4}
_WEEKDAYS = "一二三四五六日"
# What a person reads for each kind of reminder; the idempotency keys ("monthly:1:2026-12") are for the
# store and the logs, never shown.
KIND_HEADINGS = {"monthly": "本月联系督导提醒", "nudge": "联系督导催办", "deadline": "整改期限提醒",
                 "overdue": "整改逾期提醒", "obligation": "工作事项提醒", "holidays": "节假日安排提醒"}


@dataclass(frozen=True)
class Digest:
    telegram_id: int | None
    recipient_name: str
    day: date
    reminders: tuple[Reminder, ...]
    title: str
    text: str

    @property
    def key(self) -> str:
        who = self.telegram_id if self.telegram_id is not None else f"name:{self.recipient_name}"
        return f"digest:{who}:{self.day.isoformat()}"

    @property
    def headings(self) -> str:
        """"本月联系督导提醒、整改期限提醒×2": what the digest holds, in Chinese, for listings."""
        counts: dict[str, int] = {}
        for r in self.reminders:
            name = KIND_HEADINGS.get(r.kind, "提醒")
            counts[name] = counts.get(name, 0) + 1
        return "、".join(name + (f"×{n}" if n > 1 else "") for name, n in counts.items())

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *(r.key for r in self.reminders))

    def chunks(self, limit: int = CHUNK) -> list[str]:
        return split_clean(self.text, self.title, limit)

    def to_json(self) -> dict:
        return {"recipient": {"name": self.recipient_name, "telegram_id": self.telegram_id},
                "day": self.day.isoformat(), "key": self.key, "text": self.text,
                "reminders": [r.to_json() for r in self.reminders]}


def digest_key(who: int | str, day: date) -> str:
    return f"digest:{who}:{day.isoformat()}"


def split_clean(text: str, title: str, limit: int = CHUNK) -> list[str]:
    """Chunks of at most ``limit`` characters, cut between sections, else between lines (a line longer
    than a whole chunk is cut inside); every chunk after the first starts with "title（续）"."""
    if len(text) <= limit:
        return [text]
    head = f"{title}（续）\n"
    lines: list[str] = []
    for line in text.split("\n"):
        room = limit - len(head)
        lines.extend([line[i:i + room] for i in range(0, len(line), room)] or [""])
    chunks, current = [], ""
    for line in lines:
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit and current:
            chunks.append(current.rstrip("\n"))
            current = head + line
        else:
            current = candidate
    if current.strip():
        chunks.append(current.rstrip("\n"))
    return chunks


def warning_for(reminders: list[Reminder], day: date, calendar: WorkCalendar, cache: dict | None = None) -> str:
    """"Adjusted working days unknown" for today's year and the years of the deadlines mentioned."""
    years = tuple(sorted({day.year} | {int(r.due[:4]) for r in reminders if r.due}))
    cache = {} if cache is None else cache
    if years not in cache:  # 10 000 digests share a handful of year sets
        cache[years] = "\n".join(w for y in years if (w := calendar.unknown_warning(y)))
    return cache[years]


def compose(reminders: list[Reminder], day: date, calendar: WorkCalendar, sent: set[str] = frozenset()) -> list[Digest]:
    """Group by recipient (Telegram id, or name for unbound leaders when those are listed)."""
    groups: dict[int | str, list[Reminder]] = {}
    for r in reminders:
        groups.setdefault(r.telegram_id if r.telegram_id is not None else f"name:{r.recipient_name}", []).append(r)
    title = f"【每日提醒】{day.year}年{day.month}月{day.day}日（星期{_WEEKDAYS[day.weekday()]}）"
    out, warnings = [], {}
    for who, items in groups.items():
        if digest_key(who, day) in sent:
            continue
        items.sort(key=lambda r: (_ORDER.get(r.kind, 9), r.key))
        body = "\n\n".join(r.text for r in items)
        warning = warning_for(items, day, calendar, warnings)
        text = f"{title}\n{items[0].recipient_name}，您好。今天的待办：\n\n{body}" + (f"\n\n{warning}" if warning else "")
        out.append(Digest(items[0].telegram_id, items[0].recipient_name, day, tuple(items), title, text))
    return out
