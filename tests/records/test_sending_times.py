"""Sending times and digests: nothing at night or on holidays, one digest per person per morning,
titled on its own line, split cleanly; 2027 holidays from the lunar calendar with the warning."""

from datetime import date

import pytest

from assistant.records.digest import compose, split_clean
from assistant.records.reminders import (
    LeaderState,
    RectState,
    ReminderState,
    Schedule,
    due,
    next_sending_time,
    sending_time,
)
from assistant.records.rules import Rules
from assistant.records.workdays import WorkCalendar
from tests.records.conftest import at

WANG = LeaderState(1, "王焕清", 111, ((1, "street", "东山街"), (2, "school", "第七中学")))


def _state(rects=(), sent=(), calendar=None, admins=()):
    return ReminderState([WANG], {}, list(rects), set(sent), Rules(), Schedule(), calendar or WorkCalendar(),
                         tuple(admins))


def _rect(rid, due_day, secretary=222):
    return RectState(rid, "东山街", f"问题{rid}", due_day, "王焕清", 111, secretary, "秘书", "越秀工作要点附件2")


@pytest.mark.parametrize("now, sends", [
    (at(2026, 11, 28, 2, 36), False),  # the 02:36 deadline reminder of the report: never at night
    (at(2026, 11, 30, 8, 59), False),
    (at(2026, 11, 30, 9, 0), True),
    (at(2026, 11, 30, 17, 59), True),  # catch-up the same working day
    (at(2026, 11, 30, 18, 0), False),
    (at(2026, 11, 29, 10, 0), False),  # Sunday
    (at(2026, 10, 5, 10, 0), False),  # National Day holiday (package data)
    (at(2027, 1, 1, 9, 0), False),  # New Year's Day 2027: no package data, computed
    (at(2027, 2, 8, 9, 0), False),  # Spring Festival 2027 (初三) from the lunar calendar
    (at(2027, 2, 10, 9, 0), True),
])
def test_sending_time(now, sends):
    assert sending_time(now, Schedule(), WorkCalendar()) is sends


def test_due_at_night_waits_for_the_next_sending_time():
    rects = [_rect(7, date(2026, 12, 5))]
    assert due(_state(rects), at(2026, 11, 28, 2, 36)) == []  # d7 reached, but it is night (and Saturday)
    assert next_sending_time(at(2026, 11, 28, 2, 36), Schedule(), WorkCalendar()) == at(2026, 11, 30, 9, 0)
    assert {r.key for r in due(_state(rects), at(2026, 11, 30, 9, 0)) if r.kind != "nudge"} == {"rect:7:d7:111", "rect:7:d7:222"}
    assert next_sending_time(at(2026, 12, 31, 19, 0), Schedule(), WorkCalendar()) == at(2027, 1, 4, 9, 0)


def test_one_digest_per_person_per_morning_with_title_on_its_own_line():
    rects = [_rect(7, date(2026, 12, 7)), _rect(8, date(2026, 12, 1)), _rect(9, date(2026, 11, 23))]
    st = _state(rects)
    reminders = due(st, at(2026, 11, 30, 9, 0))
    digests = compose(reminders, date(2026, 11, 30), st.calendar, st.sent)
    assert sorted(d.telegram_id for d in digests) == [111, 222]
    wang = next(d for d in digests if d.telegram_id == 111)
    assert wang.text.split("\n")[0] == "【每日提醒】2026年11月30日（星期一）"
    assert "【联系督导催办】\n" in wang.text and "【整改期限提醒】\n第7号整改" in wang.text
    assert "【整改逾期提醒】\n第9号整改" in wang.text
    assert set(wang.keys) >= {"digest:111:2026-11-30", "nudge:1:2026-11", "rect:7:d7:111", "rect:8:d1:111"}
    # the digest key is claimed: a reminder that becomes due later that morning waits for the next day
    assert compose(reminders, date(2026, 11, 30), st.calendar, {"digest:111:2026-11-30"})[0].telegram_id == 222


def test_long_digest_is_split_cleanly_within_the_limit():
    rects = [_rect(n, date(2026, 12, 7)) for n in range(1, 120)]
    st = _state(rects)
    [d] = [d for d in compose(due(st, at(2026, 11, 30, 9, 0)), date(2026, 11, 30), st.calendar) if d.telegram_id == 222]
    chunks = d.chunks()
    assert len(chunks) > 1 and all(len(c) <= 3500 for c in chunks)
    assert all(c.startswith(d.title) for c in chunks) and chunks[1].startswith(d.title + "（续）\n")
    joined = "\n".join(c.split("\n", 1)[1] if i else c for i, c in enumerate(chunks))
    assert joined.replace("\n", "") == d.text.replace("\n", "")  # nothing lost, nothing cut mid-line
    assert all(line.startswith(("第", "整改", "依据", "完成", "【", "", "秘书")) for c in chunks for line in c.split("\n"))


@pytest.mark.parametrize("text", ["短", "a\n" * 10])
def test_short_text_is_one_chunk(text):
    assert split_clean(text, "T", 100) == [text]


def test_2027_reminders_warn_that_adjustments_are_unknown_until_imported():
    cal = WorkCalendar()
    st = _state([_rect(7, date(2027, 2, 15))], calendar=cal)
    reminders = due(st, at(2027, 2, 10, 9, 0))
    [d] = [d for d in compose(reminders, date(2027, 2, 10), cal) if d.telegram_id == 222]
    assert "2027年的节假日调休安排尚未导入" in d.text
    imported = WorkCalendar({date(2027, 2, 10): False}, frozenset({2027}))
    assert not sending_time(at(2027, 2, 10, 9, 0), Schedule(), imported)  # the notice's day off is honoured
    later = compose(due(_state([_rect(7, date(2027, 2, 15))], calendar=imported), at(2027, 2, 11, 9, 0)),
                    date(2027, 2, 11), imported)
    assert later and all("尚未导入" not in x.text for x in later)


def test_admins_reminded_weekly_from_december_until_next_year_is_known():
    st = _state(admins=(1,))
    [r] = [r for r in due(st, at(2026, 12, 1, 9, 0)) if r.kind == "holidays"]
    assert r.telegram_id == 1 and "2027年" in r.text and "/holidays" in r.text
    assert not [r for r in due(_state(admins=(1,), sent={r.key}), at(2026, 12, 3, 9, 0)) if r.kind == "holidays"]
    assert [r for r in due(_state(admins=(1,), sent={r.key}), at(2026, 12, 7, 9, 0)) if r.kind == "holidays"]
    known = WorkCalendar({date(2027, 1, 1): False}, frozenset({2027}))
    assert not [r for r in due(_state(admins=(1,), calendar=known), at(2026, 12, 7, 9, 0)) if r.kind == "holidays"]
    assert not [r for r in due(_state(admins=(1,)), at(2026, 11, 30, 9, 0)) if r.kind == "holidays"]


def test_a_subscribed_unit_gets_its_months_obligations_in_the_digest(knowledge):
    from assistant.records.obligations import obligations_of

    obligations = tuple(obligations_of(knowledge.corpus.documents))
    st = ReminderState([], {}, [], set(), Rules(), Schedule(), WorkCalendar(), (), obligations,
                       ((333, "各牵头部门"), (444, "不存在的单位")))
    assert not [r for r in due(st, at(2026, 11, 30, 9, 0)) if r.kind == "obligation"]  # nothing due in November
    [r] = [r for r in due(st, at(2026, 12, 1, 9, 0)) if r.kind == "obligation"]
    assert r.telegram_id == 333 and r.key == "obl:333:各牵头部门:2026-12"
    assert "12月10日前" in r.text and "《党内监督工作方案》" in r.text and r.text.startswith("【工作事项提醒】\n")
    st.sent.add(r.key)
    assert not [r for r in due(st, at(2026, 12, 2, 9, 0)) if r.kind == "obligation"]  # once a month
