"""The bridge between the store and the pure reminder function: load a ReminderState (with the
holiday calendar and the admins), compute what is due right now, fold it into per-person digests, and
claim a digest's keys before sending (in the same transaction as its audit entry), and hand claimed
digests to the outbox again after a kill (``unqueued_digests``)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlite_utils

from assistant.operations.access import admin_ids
from assistant.records.digest import Digest, compose
from assistant.records.holiday_store import load_overrides
from assistant.records.reminders import RectState, Reminder, ReminderState, Schedule, due
from assistant.records.rules import Rules
from assistant.records.visits import last_visits, leader_states
from assistant.records.workdays import WorkCalendar
from assistant.storage.store import audit


def open_rect_states(db: sqlite_utils.Database, rules: Rules) -> list[RectState]:
    sql = ("select r.id, r.unit, r.issue, r.due, r.rule, r.citation, r.logged_by, "
           "coalesce(l.name, '') as leader, b.telegram_id as leader_tid, coalesce(u.name, '') as sec_name "
           "from rectifications r left join leaders l on l.id = r.leader_id "
           "left join leader_bindings b on b.leader_id = r.leader_id and b.confirmed = 1 "
           "left join users u on u.telegram_id = r.logged_by where r.status = 'open' order by r.id")
    out, seen = [], set()
    for r in db.query(sql):
        if r["id"] in seen:  # a leader bound to two accounts: the first one gets it
            continue
        seen.add(r["id"])
        source = r["citation"] if r["rule"] == "explicit" else rules[r["rule"]].source
        out.append(RectState(r["id"], r["unit"], r["issue"], date.fromisoformat(r["due"]),
                             r["leader"] or "（未指定区领导）", r["leader_tid"], r["logged_by"],
                             r["sec_name"] or "秘书", source))
    return out


def load_calendar(db: sqlite_utils.Database) -> WorkCalendar:
    overrides, years = load_overrides(db)
    return WorkCalendar(overrides, years)


def load_state(db: sqlite_utils.Database, rules: Rules, schedule: Schedule | None = None,
               today: date | None = None, admins: frozenset[int] = frozenset(), obligations: tuple = ()) -> ReminderState:
    sent = {r["key"] for r in db.query("select key from sent_reminders")}
    subs = tuple((r["telegram_id"], r["unit"]) for r in db.query("select telegram_id, unit from unit_subscriptions"))
    return ReminderState(leader_states(db), last_visits(db, today), open_rect_states(db, rules), sent, rules,
                         schedule or Schedule(), load_calendar(db), tuple(sorted(admin_ids(db, admins))),
                         tuple(obligations), subs)


def due_now(db: sqlite_utils.Database, now: datetime, rules: Rules, schedule: Schedule | None = None,
            *, include_unbound: bool = False, admins: frozenset[int] = frozenset()) -> list[Reminder]:
    schedule = schedule or Schedule()
    today = now.astimezone(ZoneInfo(schedule.timezone)).date()
    return due(load_state(db, rules, schedule, today, admins), now, include_unbound=include_unbound)


def due_digests(db: sqlite_utils.Database, now: datetime, rules: Rules, schedule: Schedule | None = None,
                *, include_unbound: bool = False, admins: frozenset[int] = frozenset(),
                obligations: tuple = ()) -> list[Digest]:
    """What the job sends at ``now``: one digest per person, none outside the sending time."""
    schedule = schedule or Schedule()
    today = now.astimezone(ZoneInfo(schedule.timezone)).date()
    state = load_state(db, rules, schedule, today, admins, obligations)
    return compose(due(state, now, include_unbound=include_unbound), today, state.calendar, state.sent)


def claim_digest(db: sqlite_utils.Database, digest: Digest, *, now: datetime) -> bool:
    """Claim the digest's key and every reminder key in it, all or nothing; False when any of them was
    claimed already (another run got there first: the rest is recomputed at the next tick)."""
    with db.atomic():
        keys = list(digest.keys)
        marks = ",".join("?" * len(keys))
        if db.execute(f"select 1 from sent_reminders where key in ({marks}) limit 1", keys).fetchone():  # noqa: S608
            return False
        db["sent_reminders"].insert_all(
            [{"key": digest.key, "kind": "digest", "telegram_id": digest.telegram_id, "sent_at": now.isoformat(),
              "text": digest.text, "queued": 0}]
            + [{"key": r.key, "kind": r.kind, "telegram_id": r.telegram_id, "sent_at": now.isoformat(),
                "text": r.text, "queued": 1} for r in digest.reminders])
        audit(db, at=now, actor="reminders", action="reminder_sent",
              details={"key": digest.key, "to": digest.telegram_id, "keys": keys[1:]})
        return True


def digest_queued(db: sqlite_utils.Database, key: str) -> None:
    """The claimed digest's messages are in the outbox (or it was given up): nothing to hand over again."""
    with db.atomic():
        db.execute("update sent_reminders set queued = 1 where key = ?", [key])


def unqueued_digests(db: sqlite_utils.Database) -> list[tuple[str, int, str]]:
    """Digests claimed and never handed to the outbox — the process died in between: (key, telegram
    id, text), oldest first. The claim and the outbox are two files (two stores in shared mode), so the
    hand-over is made repeatable instead of atomic: the outbox rows are keyed by the digest's key, and
    handing a digest over again finds the rows written before (sent ones are not sent again)."""
    return [(r["key"], r["telegram_id"], r["text"]) for r in db.query(
        "select key, telegram_id, text from sent_reminders where kind = 'digest' and queued = 0 "
        "and telegram_id is not null order by sent_at, key")]


def release_digest(db: sqlite_utils.Database, digest: Digest) -> None:
    with db.atomic():
        keys = list(digest.keys)
        db.execute(f"delete from sent_reminders where key in ({','.join('?' * len(keys))})", keys)  # noqa: S608


def claim(db: sqlite_utils.Database, reminder: Reminder, *, now: datetime) -> bool:
    """Store the key before sending; False when another run already claimed it (so it is not resent).

    At-most-once: a crash between claim and delivery loses that one message rather than risking a
    duplicate; `release` undoes the claim when sending failed with a clear error.
    """
    with db.atomic():
        cur = db.execute("insert or ignore into sent_reminders (key, kind, telegram_id, sent_at, text) "
                         "values (?, ?, ?, ?, ?)",
                         [reminder.key, reminder.kind, reminder.telegram_id, now.isoformat(), reminder.text])
        if cur.rowcount:
            audit(db, at=now, actor="reminders", action="reminder_sent",
                  details={"key": reminder.key, "to": reminder.telegram_id})
        return bool(cur.rowcount)


def release(db: sqlite_utils.Database, key: str) -> None:
    with db.atomic():
        db.execute("delete from sent_reminders where key = ?", [key])


def subscribe(db: sqlite_utils.Database, telegram_id: int, unit: str, *, now: datetime, remove: bool = False) -> None:
    with db.atomic():
        if remove:
            db.execute("delete from unit_subscriptions where telegram_id = ? and unit = ?", [telegram_id, unit])
        else:
            db["unit_subscriptions"].upsert({"telegram_id": telegram_id, "unit": unit, "created_at": now.isoformat()},
                                            pk=("telegram_id", "unit"))
        audit(db, at=now, actor=str(telegram_id), action="unsubscribe" if remove else "subscribe",
              details={"unit": unit})


def subscriptions_of(db: sqlite_utils.Database, telegram_id: int) -> list[str]:
    return [r["unit"] for r in db.query("select unit from unit_subscriptions where telegram_id = ? order by unit",
                                        [telegram_id])]
