"""The pure reminder function: working days, nudges, deadline stages, catch-up after downtime."""

from datetime import date

import pytest

from assistant.records.reminders import LeaderState, RectState, ReminderState, Schedule, due
from assistant.records.rules import Rules
from assistant.records.workdays import first_workday, workday_on_or_after
from tests.records.conftest import at

WANG = LeaderState(1, "王焕清", 111, ((1, "street", "东山街"), (2, "department", "区教育局"),
                                     (3, "community", "五羊社区"), (4, "school", "第七中学")))
SU = LeaderState(2, "苏佩", None, ((5, "street", "北京街"),))


def state(visits=None, rects=(), sent=(), leaders=(WANG, SU), rules=None):
    return ReminderState(list(leaders), dict(visits or {}), list(rects), set(sent), rules or Rules(), Schedule())


@pytest.mark.parametrize("year, month, expected", [
    (2026, 10, date(2026, 10, 8)),  # after the National Day holiday
    (2026, 1, date(2026, 1, 4)),  # a Sunday that is an adjusted working day (调休)
    (2026, 5, date(2026, 5, 6)),  # after the Labour Day holiday
    (2026, 2, date(2026, 2, 2)),
    (2026, 11, date(2026, 11, 2)),  # 1 November is a Sunday
])
def test_first_working_day(year, month, expected):
    assert first_workday(year, month) == expected


def test_nudge_moves_to_next_working_day():
    assert workday_on_or_after(date(2026, 2, 20)) == date(2026, 2, 24)  # Spring Festival
    assert workday_on_or_after(date(2026, 12, 20)) == date(2026, 12, 21)  # a Sunday


def test_monthly_on_first_working_day_of_october():
    assert due(state(), at(2026, 10, 1, 9, 0)) == []  # National Day: not yet
    assert due(state(), at(2026, 10, 8, 8, 59)) == []
    [r] = due(state(), at(2026, 10, 8, 9, 0))
    assert (r.kind, r.telegram_id, r.key) == ("monthly", 111, "monthly:1:2026-10")
    assert r.pending == ("东山街", "区教育局", "五羊社区", "第七中学")
    assert "越秀工作要点" not in r.text or "附件1" in r.text  # cites the rule's source when known


def test_unbound_leaders_only_when_asked():
    got = due(state(), at(2026, 11, 2, 9, 0), include_unbound=True)
    assert {(r.recipient_name, r.telegram_id) for r in got} == {("王焕清", 111), ("苏佩", None)}


def test_visited_points_are_not_pending():
    visits = {1: date(2026, 11, 3), 2: date(2026, 10, 30), 3: date(2026, 10, 2), 4: date(2026, 9, 30)}
    [r] = due(state(visits), at(2026, 11, 20, 9, 0))
    assert r.kind == "nudge" and r.pending == ("区教育局", "第七中学")  # 五羊社区 done this quarter
    everything = {1: date(2026, 11, 3), 2: date(2026, 11, 4), 3: date(2026, 10, 2), 4: date(2026, 11, 1)}
    assert due(state(everything), at(2026, 11, 20, 9, 0)) == []


def test_sent_keys_are_not_repeated_and_nudge_supersedes_missed_monthly():
    assert due(state(sent={"monthly:1:2026-11"}), at(2026, 11, 10, 9, 0)) == []
    # Down from before the 1st working day until after the nudge: only the nudge goes out, once.
    [r] = due(state(), at(2026, 11, 25, 14, 0))
    assert r.kind == "nudge"
    assert due(state(sent={r.key}), at(2026, 11, 25, 14, 5)) == []


def _rect(due_day, secretary=222):
    return RectState(7, "东山街", "组织生活记录不规范", due_day, "王焕清", 111, secretary, "秘书", "越秀工作要点附件2")


@pytest.mark.parametrize("now, kind, stage, days_text", [
    (at(2026, 11, 30, 9, 0), "deadline", "d7", "还有5天到期"),  # d7 fell on Saturday 11-28
    (at(2026, 12, 4, 9, 0), "deadline", "d1", "还有1天到期"),
    (at(2026, 12, 4, 17, 59), "deadline", "d1", "还有1天到期"),
    (at(2026, 12, 7, 9, 0), "overdue", "d0", "已逾期2天"),  # due on Saturday: told on Monday
    (at(2026, 12, 14, 9, 0), "overdue", "w1", "已逾期9天"),  # w1 fell on Saturday 12-12: Monday
    (at(2026, 12, 21, 10, 0), "overdue", "w2", "已逾期16天"),
    (at(2026, 12, 2, 9, 0), "deadline", "d7", "还有3天到期"),  # down since before d7: sent late, once
])
def test_rectification_stages(now, kind, stage, days_text):
    got = due(state(rects=[_rect(date(2026, 12, 5))], leaders=()), now)
    assert {r.telegram_id for r in got} == {111, 222}  # the secretary who logged it and the leader
    assert {r.key for r in got} == {f"rect:7:{stage}:111", f"rect:7:{stage}:222"}
    assert all(r.kind == kind and days_text in r.text and r.due == "2026-12-05" for r in got)


def test_no_rectification_reminder_before_stage_time():
    assert due(state(rects=[_rect(date(2026, 12, 5))], leaders=()), at(2026, 11, 28, 8, 59)) == []
    assert due(state(rects=[_rect(date(2026, 12, 5))], leaders=()), at(2026, 11, 20, 9, 0)) == []


def test_same_person_secretary_and_leader_gets_one():
    got = due(state(rects=[_rect(date(2026, 12, 4), secretary=111)], leaders=()), at(2026, 12, 4, 9, 0))
    assert len(got) == 1


def test_december_mentions_year_end_summary(rules):
    [r] = due(state(rules=rules), at(2026, 12, 1, 9, 0))
    assert r.text.startswith("【联系督导提醒】\n")  # the title on its own line
    assert "12月底前" in r.text and "越秀工作要点" in r.text


def test_utc_now_is_converted_to_shanghai():
    from datetime import UTC, datetime
    assert due(state(), datetime(2026, 11, 2, 0, 59, tzinfo=UTC)) == []  # 08:59 in Shanghai
    assert len(due(state(), datetime(2026, 11, 2, 1, 0, tzinfo=UTC))) == 1
