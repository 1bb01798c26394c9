"""Holiday import validated, not trusted (issue 20, item 6): the notice's year from its title or body,
never from the signature date; every date checked against that year (a range may run into 1–3 January of
the next year and lands there); a notice without all seven statutory holidays is a preview that needs
confirmation; the input is bounded; the import is one transaction that can be undone."""

from datetime import date, timedelta

import pytest

from assistant.records import holiday_store
from assistant.records.holiday_store import import_notice, list_year, load_overrides, undo_import
from assistant.records.holidays import MAX_CHARS, parse_notice
from assistant.records.state import load_calendar
from tests.records.conftest import at

# The 2025 notice as published (国办发明电〔2024〕12号): six clauses, 国庆节 and 中秋节 in one.
NOTICE_2025 = """国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
根据《国务院关于修改〈全国年节及纪念日放假办法〉的决定》，经国务院批准，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。
国务院办公厅
2024年11月12日"""

# The 2023 notice: its 元旦 starts on the last day of 2022, written with both years.
NOTICE_2023 = """国务院办公厅关于2023年部分节假日安排的通知
一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
三、清明节：4月5日放假，共1天。
四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。
五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。
六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。
国务院办公厅
2022年12月8日"""

BODY_2027 = """一、元旦：1月1日（周五）放假，与周末连休，共3天。
二、春节：2月5日（农历除夕、周五）至11日（农历正月初六、周四）放假调休，共7天。2月28日（星期日）上班。
三、清明节：4月3日至5日放假调休，共3天。
四、劳动节：5月1日至5日放假调休，共5天。4月25日（星期日）、5月8日（星期六）上班。
五、端午节：6月9日至11日放假，共3天。
六、中秋节：9月15日至17日放假，共3天。
七、国庆节：10月1日至7日放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。"""
NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知\n" + BODY_2027 + "\n国务院办公厅\n2026年11月12日"
# The next year's 元旦 announced with this year's days: 12月31日 is 2027's, 1月1日 and 2日 are 2028's.
NEXT_NEW_YEAR = "\n八、2028年元旦：12月31日（周五）至1月2日（周日）放假，共3天。"
PARTIAL_2028 = "国务院办公厅关于2028年部分节假日安排的通知\n一、春节：1月25日（农历除夕）至2月1日放假调休，共8天。" \
               "\n二、国庆节：9月30日至10月7日放假调休，共8天。"


def _agrees_with_package(notice, year: int) -> list[date]:
    import chinese_calendar

    from assistant.records.workdays import WorkCalendar

    cal = WorkCalendar({**dict.fromkeys(notice.off, False), **dict.fromkeys(notice.work, True)},
                       frozenset({notice.year}))
    days = [date(year, 1, 1) + timedelta(n) for n in range(365)]
    return [d for d in days if cal.is_workday(d) != chinese_calendar.is_workday(d)]


# -- the year --------------------------------------------------------------------------------------


def test_the_year_is_never_read_from_the_signature_date():
    unsigned_title = BODY_2027 + "\n国务院办公厅\n2026年11月12日"
    n = parse_notice(unsigned_title)
    assert not n.ok and any("年份" in p for p in n.problems)  # not silently 2026
    assert parse_notice(unsigned_title, 2027).ok


def test_the_title_year_wins_over_other_years_in_the_body():
    n = parse_notice(NOTICE_2027 + NEXT_NEW_YEAR)
    assert n.ok and n.year == 2027 and date(2027, 2, 8) in n.off


def test_a_notice_with_two_bare_years_and_no_title_is_ambiguous():
    n = parse_notice("2027年节假日\n" + BODY_2027 + "\n2028年元旦：1月1日放假。")
    assert not n.ok and any("年份" in p for p in n.problems)


# -- every date against the year -----------------------------------------------------------------


def test_a_range_into_next_january_lands_in_next_year():
    n = parse_notice(NOTICE_2027 + NEXT_NEW_YEAR)
    assert {d for d, name in n.off.items() if "2028" in name} == {date(2027, 12, 31), date(2028, 1, 1),
                                                                  date(2028, 1, 2)}
    assert date(2027, 1, 2) in n.off and n.off[date(2027, 1, 2)] == "元旦"  # this year's 元旦 untouched


def test_dates_written_with_their_year_are_kept_in_that_year_2023_notice_as_published():
    n = parse_notice(NOTICE_2023)
    assert n.ok and n.year == 2023 and not n.missing
    assert {d for d, name in n.off.items() if name == "元旦"} == {date(2022, 12, 31), date(2023, 1, 1),
                                                                 date(2023, 1, 2)}
    assert date(2023, 12, 31) not in n.off
    assert _agrees_with_package(n, 2023) == []


def test_the_2025_notice_as_published_is_complete_and_agrees_with_the_package():
    n = parse_notice(NOTICE_2025)
    assert n.ok and n.year == 2025 and not n.missing
    assert len(n.off) == 1 + 8 + 3 + 5 + 3 + 8 and len(n.work) == 5
    assert _agrees_with_package(n, 2025) == []


@pytest.mark.parametrize("line, problem", [
    ("一、元旦：2025年1月1日放假1天。", "不在2027年"),  # another year's date
    ("一、元旦：2028年5月1日放假1天。", "不在2027年"),
    ("一、元旦：12月25日至1月5日放假，共12天。", "不在2027年"),  # runs past 3 January of the next year
    ("一、元旦：1月1日放假1天。2029年1月2日上班。", "不在2027年"),
])
def test_a_date_outside_the_notice_year_is_refused(line, problem):
    n = parse_notice("国务院办公厅关于2027年部分节假日安排的通知\n" + line)
    assert not n.ok and any(problem in p for p in n.problems), n.problems


def test_last_years_notice_under_this_years_title_is_refused():
    """The 2026 notice with its title changed (or --year 2027): 春节, 端午节 and 中秋节 fall weeks away
    from 2027's lunar dates, so the year is wrong and nothing is imported."""
    from tests.records.test_holidays import NOTICE_2026

    n = parse_notice(NOTICE_2026.split("\n", 1)[1], 2027)
    assert not n.ok
    assert any("春节" in p and "年份" in p for p in n.problems) and any("中秋节" in p for p in n.problems)


def test_input_is_bounded():
    n = parse_notice(NOTICE_2027 + "\n" + "附" * MAX_CHARS)
    assert not n.ok and any("过长" in p for p in n.problems) and not n.off


# -- a partial notice -------------------------------------------------------------------------------


def test_a_partial_notice_lists_what_is_missing_and_needs_confirmation(db):
    n = parse_notice(PARTIAL_2028)
    assert n.ok and n.missing == ("元旦", "清明节", "劳动节", "端午节", "中秋节")
    with pytest.raises(ValueError, match="缺少"):
        import_notice(db, n, now=at(2027, 11, 20), actor="1")
    assert db["holidays"].count == 0
    import_notice(db, n, now=at(2027, 11, 20), actor="1", partial_ok=True)
    cal = load_calendar(db)
    # The missing holidays are not turned into working days: their statutory days stay off.
    assert not cal.is_workday(date(2028, 5, 1)) and cal.is_workday(date(2028, 1, 3))
    assert not cal.is_workday(date(2028, 4, 4))  # 清明节 2028 (a Tuesday)
    assert cal.is_workday(date(2028, 2, 2)) and not cal.is_workday(date(2028, 1, 31))


# -- the store: one transaction, across years, undone --------------------------------------------


def test_a_range_into_next_year_does_not_mark_next_year_imported(db):
    import_notice(db, parse_notice(NOTICE_2027 + NEXT_NEW_YEAR), now=at(2026, 11, 20), actor="1")
    assert load_overrides(db)[1] == frozenset({2027})
    cal = load_calendar(db)
    assert not cal.is_workday(date(2028, 1, 1)) and not cal.is_workday(date(2027, 12, 31))
    assert not cal.is_workday(date(2028, 1, 26))  # 2028's Spring Festival still computed, not a workday
    assert not cal.adjustments_known(2028)
    # Then 2028's own notice: it owns its days (no clash over 1 January), and undoing it gives them back.
    import_notice(db, parse_notice(PARTIAL_2028), now=at(2027, 11, 20), actor="1", partial_ok=True)
    assert load_overrides(db)[1] == frozenset({2027, 2028})
    undo_import(db, 2028, now=at(2027, 11, 21), actor="1")
    assert load_overrides(db)[1] == frozenset({2027})
    assert not load_calendar(db).is_workday(date(2028, 1, 2))  # 2027's notice's day again


def test_an_import_can_be_undone_step_by_step(db):
    first = parse_notice(NOTICE_2027)
    import_notice(db, first, now=at(2026, 11, 20), actor="1", original=NOTICE_2027)
    second = NOTICE_2027.replace("2月28日（星期日）上班。", "")
    import_notice(db, parse_notice(second), now=at(2026, 11, 21), actor="2", original=second)
    assert not load_calendar(db).is_workday(date(2027, 2, 28))
    message = undo_import(db, 2027, now=at(2026, 11, 22), actor="1")
    assert "已撤销" in message and load_calendar(db).is_workday(date(2027, 2, 28))  # the first import again
    undo_import(db, 2027, now=at(2026, 11, 22), actor="1")
    assert db["holidays"].count == 0 and "尚未导入" in list_year(db, 2027)
    with pytest.raises(ValueError, match="没有可撤销"):
        undo_import(db, 2027, now=at(2026, 11, 22), actor="1")
    actions = [r["action"] for r in db.query("select action from audit_log where action like 'holidays%' order by id")]
    assert actions == ["holidays_import", "holidays_import", "holidays_undo", "holidays_undo"]


def test_a_failed_import_changes_nothing(db, monkeypatch):
    import_notice(db, parse_notice(NOTICE_2027), now=at(2026, 11, 20), actor="1")
    before = list(db["holidays"].rows)

    def boom(*args, **kwargs):
        raise RuntimeError("disk went away")

    monkeypatch.setattr(holiday_store, "audit", boom)  # the last step of the transaction fails
    with pytest.raises(RuntimeError):
        import_notice(db, parse_notice(NOTICE_2027.replace("2月28日（星期日）上班。", "")), now=at(2026, 11, 21),
                      actor="1")
    assert list(db["holidays"].rows) == before and db["holiday_imports"].count == 1


@pytest.mark.parametrize("year", [2101, 2150, 1999])
def test_a_year_that_list_and_undo_refuse_is_not_imported(year):
    """2025's dates under a 2101 title were imported (no statutory dates to check them against), and then
    `holidays list 2101` and `--undo 2101` refused the year (hostile pass, 7 December)."""
    notice = parse_notice(NOTICE_2025.replace("2025年", f"{year}年"))
    assert not notice.ok and "超出范围" in notice.problems[0]
