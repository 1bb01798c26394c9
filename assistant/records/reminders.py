"""What reminders are due at a moment: a pure function of (state, now). The JobQueue only calls it.

Nothing is due outside the sending time: a working day (per ``WorkCalendar``: imported notice, the
package, or computed statutory holidays) from 09:00 until ``send_until_hour``. A reminder that became
due at night, at a weekend or on a holiday waits for the next sending time; so does catch-up after
downtime. ``digest.compose`` then folds a person's reminders into one message per morning.

- monthly: first working day of the month, 09:00 — contact points not yet visited this month / quarter;
- nudge: the 20th (next working day if not one), 09:00 — what is still pending;
- deadline: 7 days before, 1 day before, on the due day of an open rectification, 09:00;
- overdue: every 7 days after the due day while it stays open.

Each reminder has an idempotency key. Only the latest stage reached is ever due, so a reminder missed
while the bot was down goes out once at the next start while still relevant (a nudge supersedes the
month's first reminder, a later deadline stage an earlier one) and never twice once its key is stored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from assistant.questions.render import source_note
from assistant.records.obligations import due_in_month
from assistant.records.rules import Rules
from assistant.records.workdays import DEFAULT, WorkCalendar, quarter_start


@dataclass(frozen=True)
class Schedule:
    timezone: str = "Asia/Shanghai"
    hour: int = 9
    minute: int = 0
    send_until_hour: int = 18  # catch-up after downtime still goes out the same working day, never at night
    nudge_day: int = 20
    deadline_days_before: tuple[int, ...] = (7, 1, 0)
    overdue_every_days: int = 7


@dataclass(frozen=True)
class LeaderState:
    id: int
    name: str
    telegram_id: int | None
    points: tuple[tuple[int, str, str], ...]  # (point id, kind, name)


@dataclass(frozen=True)
class RectState:
    id: int
    unit: str
    issue: str
    due: date
    leader_name: str
    leader_telegram_id: int | None
    secretary_id: int | None
    secretary_name: str = "秘书"
    rule_source: str = ""


@dataclass
class ReminderState:
    leaders: list[LeaderState]
    last_visits: dict[int, date]  # point id → latest visit date
    rectifications: list[RectState]
    sent: set[str] = field(default_factory=set)
    rules: Rules = field(default_factory=Rules)
    schedule: Schedule = field(default_factory=Schedule)
    calendar: WorkCalendar = field(default_factory=lambda: DEFAULT)
    admins: tuple[int, ...] = ()  # reminded weekly in December to import next year's holidays
    obligations: tuple = ()  # obligations.Obligation, from the parsed documents
    subscriptions: tuple[tuple[int, str], ...] = ()  # (telegram id, unit) subscribed to its obligations


@dataclass(frozen=True)
class Reminder:
    kind: str  # monthly | nudge | deadline | overdue | holidays | obligation
    recipient_name: str
    telegram_id: int | None
    pending: tuple[str, ...]
    due: str | None
    text: str
    key: str

    def to_json(self) -> dict:
        d = asdict(self)
        return {"kind": d["kind"], "recipient": {"name": self.recipient_name, "telegram_id": self.telegram_id},
                "pending": list(self.pending), "due": self.due, "text": self.text, "key": self.key}


def pending_points(leader: LeaderState, last_visits: dict[int, date], today: date,
                   rules: Rules) -> tuple[list[str], list[str]]:
    """(this month's, this quarter's) contact points without a visit in the period."""
    month_start, q_start = today.replace(day=1), quarter_start(today)
    monthly_kinds = rules["visit_monthly"].kinds
    month, quarter = [], []
    for pid, kind, name in leader.points:
        last = last_visits.get(pid)
        if kind in monthly_kinds:
            if last is None or last < month_start:
                month.append(name)
        elif last is None or last < q_start:
            quarter.append(name)
    return month, quarter


def _at(d: date, s: Schedule, tz: ZoneInfo) -> datetime:
    return datetime.combine(d, time(s.hour, s.minute), tzinfo=tz)


def _visit_text(leader: LeaderState, stage: str, today: date, month: list[str], quarter: list[str],
                rules: Rules) -> str:
    head = "【联系督导提醒】" if stage == "monthly" else "【联系督导催办】"
    lines = [head, f"{leader.name}同志，{today.year}年{today.month}月尚待联系督导的联系点："]
    if month:
        lines.append(f"本月（每月不少于{rules['visit_monthly'].value}次）：" + "、".join(month))
    if quarter:
        lines.append(f"本季度（每季度不少于{rules['visit_quarterly'].value}次）：" + "、".join(quarter))
    lines.append(f"依据：{rules['visit_monthly'].source}")
    summary = rules["year_end_summary"]
    if today.month == summary.month:
        lines.append(f"另：联系督导点单位须于{summary.month}月底前完成年度全面总结（{summary.source}）。")
    return "\n".join(lines)


def _visit_reminders(state: ReminderState, local: datetime, include_unbound: bool) -> list[Reminder]:
    s, tz, today, cal = state.schedule, ZoneInfo(state.schedule.timezone), local.date(), state.calendar
    first = _at(cal.first_workday(today.year, today.month), s, tz)
    if local < first:
        return []
    nudge = _at(cal.workday_on_or_after(today.replace(day=min(s.nudge_day, 28))), s, tz)
    stage = "nudge" if local >= nudge and nudge.month == today.month else "monthly"
    month_tag = f"{today.year:04d}-{today.month:02d}"
    out = []
    for leader in state.leaders:
        if leader.telegram_id is None and not include_unbound:
            continue
        key = f"{stage}:{leader.id}:{month_tag}"
        if key in state.sent:
            continue
        month, quarter = pending_points(leader, state.last_visits, today, state.rules)
        if not month and not quarter:
            continue
        text = _visit_text(leader, stage, today, month, quarter, state.rules)
        out.append(Reminder(stage, leader.name, leader.telegram_id, tuple(month + quarter), None, text, key))
    return out


def _rect_stage(due: date, today: date, s: Schedule) -> tuple[str, date] | None:
    """The latest reminder stage reached on ``today`` (date granularity), or None."""
    if today > due and s.overdue_every_days > 0:
        weeks = (today - due).days // s.overdue_every_days
        if weeks:
            return f"w{weeks}", due + timedelta(days=weeks * s.overdue_every_days)
    reached = [(f"d{n}", due - timedelta(days=n)) for n in s.deadline_days_before
               if due - timedelta(days=n) <= today]
    return max(reached, key=lambda x: x[1]) if reached else None


def _rect_reminders(state: ReminderState, local: datetime, include_unbound: bool) -> list[Reminder]:
    s, tz, today = state.schedule, ZoneInfo(state.schedule.timezone), local.date()
    out = []
    for r in state.rectifications:
        stage = _rect_stage(r.due, today, s)
        if stage is None or local < _at(stage[1], s, tz):
            stage = _rect_stage(r.due, today - timedelta(days=1), s)  # today's stage not yet at 09:00
            if stage is None:
                continue
        days = (r.due - today).days
        kind = "deadline" if days >= 0 else "overdue"
        when = {0: "今天到期"}.get(days, f"还有{days}天到期" if days > 0 else f"已逾期{-days}天")
        text = (f"【整改{'期限' if days >= 0 else '逾期'}提醒】\n第{r.id}号整改：{r.unit}——{r.issue}\n"
                f"整改期限：{r.due.isoformat()}，{when}。\n依据：{r.rule_source or '记录中写明的期限'}\n"
                f"完成后请秘书发送 /done {r.id} 说明情况。")
        recipients = {}
        if r.secretary_id is not None:
            recipients[r.secretary_id] = r.secretary_name
        if r.leader_telegram_id is not None:
            recipients.setdefault(r.leader_telegram_id, r.leader_name)
        elif include_unbound:
            recipients[f"name:{r.leader_name}"] = r.leader_name
        for tid, name in recipients.items():
            key = f"rect:{r.id}:{stage[0]}:{tid}"
            if key not in state.sent:
                telegram_id = tid if isinstance(tid, int) else None
                out.append(Reminder(kind, name, telegram_id, (f"第{r.id}号 {r.unit}：{r.issue}",),
                                    r.due.isoformat(), text, key))
    return out


def _holiday_reminders(state: ReminderState, local: datetime) -> list[Reminder]:
    """From 1 December, once a week, until next year's holiday schedule is known."""
    year = local.year + 1
    if local.month != 12 or state.calendar.adjustments_known(year):
        return []
    week = local.isocalendar()
    text = (f"【节假日安排提醒】\n{year}年的节假日调休安排尚未导入，提醒的工作日目前按法定节假日推算，调休上班日未知。\n"
            f"国务院办公厅发布通知后，请发送 /holidays 加通知全文导入（或 docbot holidays import 文件）。")
    return [Reminder("holidays", "管理员", tid, (), None, text, f"holidays:{year}:{week.year}-W{week.week:02d}:{tid}")
            for tid in state.admins if f"holidays:{year}:{week.year}-W{week.week:02d}:{tid}" not in state.sent]


def _obligation_reminders(state: ReminderState, local: datetime) -> list[Reminder]:
    """A unit's contact, on the month's first working day (or the first sending time after it): what the
    documents make the unit do this month, each with its citation."""

    if not state.subscriptions or local < _at(state.calendar.first_workday(local.year, local.month), state.schedule,
                                               ZoneInfo(state.schedule.timezone)):
        return []
    out = []
    for tid, unit in state.subscriptions:
        key = f"obl:{tid}:{unit}:{local.year:04d}-{local.month:02d}"
        found = due_in_month(state.obligations, local.year, local.month, unit=unit) if key not in state.sent else []
        if not found:
            continue
        lines = ["【工作事项提醒】", f"{unit}{local.month}月到期的工作事项（共{len(found)}项）："]
        lines += [f"• {o.when}：{o.quote[:70]}{source_note(o.citation)}" for o in found[:30]]
        out.append(Reminder("obligation", unit, tid, tuple(o.citation for o in found), None, "\n".join(lines), key))
    return out


def sending_time(local: datetime, schedule: Schedule, calendar: WorkCalendar) -> bool:
    """A working day between the morning sending time and ``send_until_hour``."""
    start = time(schedule.hour, schedule.minute)
    return calendar.is_workday(local.date()) and start <= local.time() < time(schedule.send_until_hour)


def next_sending_time(now: datetime, schedule: Schedule, calendar: WorkCalendar) -> datetime:
    tz = ZoneInfo(schedule.timezone)
    local = now.astimezone(tz)
    if sending_time(local, schedule, calendar):
        return local
    day = local.date()
    if local.time() >= time(schedule.hour, schedule.minute) or not calendar.is_workday(day):
        day = calendar.next_workday_after(day)
    return _at(day, schedule, tz)


def due(state: ReminderState, now: datetime, *, include_unbound: bool = False) -> list[Reminder]:
    """Reminders to send at ``now`` (timezone-aware) that have not been sent yet; none outside the
    sending time."""
    local = now.astimezone(ZoneInfo(state.schedule.timezone))
    if not sending_time(local, state.schedule, state.calendar):
        return []
    return (_visit_reminders(state, local, include_unbound) + _rect_reminders(state, local, include_unbound)
            + _holiday_reminders(state, local) + _obligation_reminders(state, local))
