"""Date parsing as secretaries write dates; property tests: never crash, never a future visit date."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.records.dates import add_months, find_dates, month_range, parse_date

TODAY = date(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize("text, expected", [
    ("今天", date(2026, 11, 22)),
    ("昨天", date(2026, 11, 21)),
    ("前天", date(2026, 11, 20)),
    ("上周五", date(2026, 11, 13)),
    ("上星期一", date(2026, 11, 9)),
    ("本周三", date(2026, 11, 18)),
    ("本月3号", date(2026, 11, 3)),
    ("上月30日", date(2026, 10, 30)),
    ("11月5日", date(2026, 11, 5)),
    ("11月5号", date(2026, 11, 5)),
    ("十一月五日", date(2026, 11, 5)),
    ("2026年11月5日", date(2026, 11, 5)),
    ("2025年3月1日", date(2025, 3, 1)),
    ("11.5", date(2026, 11, 5)),
    ("11/5", date(2026, 11, 5)),
    ("１１月５日", date(2026, 11, 5)),
    ("2026-11-05", date(2026, 11, 5)),
    ("12月1日", date(2025, 12, 1)),  # no year: the most recent past one
    ("11月22日", date(2026, 11, 22)),
])
def test_visit_dates(text, expected):
    got = parse_date(text, TODAY)
    assert got is not None and got.error is None, got
    assert got.value == expected


@pytest.mark.parametrize("text, reason", [
    ("13月45日", "不存在"),
    ("2月30日", "不存在"),
    ("2月29日", "不存在"),  # not in 2026 or 2025: asked back rather than guessing 2024
    ("2026年2月29日", "不存在"),
    ("本月31号", "不存在"),
    ("2026年12月1日", "将来"),
    ("2027年1月1日", "将来"),
    ("本周五", "将来"),  # the coming Friday is still in the future... on a Sunday it is past
])
def test_rejected_with_reason(text, reason):
    today = TODAY if text != "本周五" else date(2026, 11, 17)
    got = parse_date(text, today)
    assert got is not None and got.value is None and reason in got.error


def test_deadline_without_year_is_the_next_one():
    assert parse_date("1月10日", date(2026, 12, 20), past=False).value == date(2027, 1, 10)
    assert parse_date("11月30日", date(2026, 11, 5), past=False).value == date(2026, 11, 30)


def test_find_dates_in_a_note():
    found = find_dates("走访记录：王焕清 11月5日到东山街督导，要求11月30日前整改", TODAY)
    assert [d.text for d in found] == ["11月5日", "11月30日"]


@pytest.mark.parametrize("start, months, expected", [
    (date(2026, 11, 5), 1, date(2026, 12, 5)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
])
def test_calendar_months(start, months, expected):
    assert add_months(start, months) == expected


def test_month_range():
    assert month_range("2026-11") == (date(2026, 11, 1), date(2026, 12, 1))
    assert month_range("2026年12月") == (date(2026, 12, 1), date(2027, 1, 1))
    with pytest.raises(ValueError):
        month_range("2026-13")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789年月日号.-/今昨前天上本周五一二三十〇两 ，abc😀")), max_size=40),
       st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)))
def test_never_crashes_never_future(text, today):
    for d in find_dates(text, today):
        assert (d.value is None) != (d.error is None)
        if d.value is not None:
            assert d.value <= today


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)),
       st.integers(min_value=0, max_value=400))
def test_written_dates_round_trip(today, back):
    day = today - timedelta(days=back)
    for text in (f"{day.year}年{day.month}月{day.day}日", f"{day.year}-{day.month:02d}-{day.day:02d}"):
        assert parse_date(text, today).value == day
    if back < 300:  # without a year: the most recent past one
        assert parse_date(f"{day.month}月{day.day}日", today).value == day
