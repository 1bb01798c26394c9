"""The State Council notice parsed into days; statutory holidays for years without data; the table."""

from datetime import date, timedelta

import pytest

from assistant.records.holiday_store import import_notice, list_year, load_overrides
from assistant.records.holidays import parse_notice, statutory
from assistant.records.state import load_calendar
from tests.records.conftest import at

NOTICE = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）放假，与周末连休，共3天。
二、春节：2月5日（农历除夕）至11日（农历正月初六）放假调休，共7天。2月28日（星期日）上班。
三、清明节：4月3日至5日放假调休，共3天。
四、劳动节：5月1日至5日放假调休，共5天。4月25日（星期日）、5月8日（星期六）上班。
五、端午节：6月9日至11日放假，共3天。
六、中秋节：9月15日至17日放假，共3天。
七、国庆节：10月1日至7日放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。"""


def test_notice_days_off_and_adjusted_working_days():
    n = parse_notice(NOTICE)
    assert n.ok and n.year == 2027
    assert [d for d, name in n.off.items() if name == "元旦"] == [date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)]
    assert n.off[date(2027, 2, 11)] == "春节" and date(2027, 2, 4) not in n.off
    assert sorted(n.work) == [date(2027, 2, 28), date(2027, 4, 25), date(2027, 5, 8), date(2027, 9, 26),
                              date(2027, 10, 9)]
    assert len([d for d, name in n.off.items() if name == "国庆节"]) == 7


@pytest.mark.parametrize("text, problem", [
    ("", "年份"),
    ("2027年放假安排：大家好好休息", "节日条目"),
    ("关于2027年的通知\n一、元旦：13月45日放假。", "不存在"),
    ("关于2027年的通知\n一、元旦：全体放假。", "放假日期"),
])
def test_bad_notices_are_refused_with_a_reason(text, problem):
    n = parse_notice(text)
    assert not n.ok and any(problem in p for p in n.problems)


def test_range_across_a_month_without_the_second_month():
    n = parse_notice("关于2028年部分节假日安排的通知\n一、春节：1月25日至2月1日放假调休，共8天。\n二、国庆节：9月30日至7日放假。")
    assert date(2028, 2, 1) in n.off and date(2028, 10, 7) in n.off and date(2028, 9, 30) in n.off


def test_statutory_holidays_from_the_lunar_calendar():
    days = statutory(2027)
    assert {d for d, n in days.items() if n == "春节"} == {date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7),
                                                          date(2027, 2, 8)}
    assert days[date(2027, 4, 5)] == "清明节" and days[date(2027, 6, 9)] == "端午节"
    assert days[date(2027, 9, 15)] == "中秋节" and days[date(2027, 1, 1)] == "元旦"


def test_import_overrides_the_computed_calendar(db):
    assert load_calendar(db).is_workday(date(2027, 2, 28)) is False  # a Sunday, unknown 调休
    assert "尚未导入" in list_year(db, 2027)
    assert import_notice(db, parse_notice(NOTICE), now=at(2026, 11, 20), actor="1", original=NOTICE) == 31 + 5
    cal = load_calendar(db)
    assert cal.is_workday(date(2027, 2, 28)) and not cal.is_workday(date(2027, 2, 10))
    assert cal.adjustments_known(2027) and not cal.unknown_warning(2027)
    assert "调休上班" in list_year(db, 2027) and load_overrides(db)[1] == frozenset({2027})
    assert db["audit_log"].count_where("action = 'holidays_import' and original = ?", [NOTICE]) == 1
    import_notice(db, parse_notice(NOTICE.replace("2月28日（星期日）上班", "")), now=at(2026, 11, 21), actor="1")
    assert not load_calendar(db).is_workday(date(2027, 2, 28))  # re-import replaces the year


def test_invalid_notice_changes_nothing(db):
    with pytest.raises(ValueError):
        import_notice(db, parse_notice("2027年\n一、元旦：13月45日放假。"), now=at(2026, 11, 20), actor="1")
    assert db["holidays"].count == 0


NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。"""


def test_an_imported_notice_agrees_with_the_package_day_by_day():
    """The 2026 notice as published, imported, gives the same working days as chinese_calendar's data."""
    import chinese_calendar

    from assistant.records.workdays import WorkCalendar

    n = parse_notice(NOTICE_2026)
    cal = WorkCalendar({**dict.fromkeys(n.off, False), **dict.fromkeys(n.work, True)}, frozenset({2026}))
    days = [date(2026, 1, 1) + timedelta(n) for n in range(365)]
    assert [d for d in days if cal.is_workday(d) != chinese_calendar.is_workday(d)] == []


@pytest.mark.parametrize("year", [2025, 2026])
def test_computed_statutory_days_are_days_off_in_the_package(year):
    """Where the package has data (and the 2025 rules apply), every computed statutory day is a day off."""
    import chinese_calendar

    assert [d for d in statutory(year) if chinese_calendar.is_workday(d)] == []
