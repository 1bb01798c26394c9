"""Visit-note parsing: real-looking notes, questions asked back, and property tests."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.records.drafts import fields_to_text, is_note, may_be_note
from assistant.records.leaders import Leader, Point, assignments_from_table
from assistant.records.notes import parse_note, render
from tests.records.conftest import make_table

TODAY = date(2026, 11, 22)


def _leaders() -> list[Leader]:
    out, pid = [], 0
    for i, (name, _, points) in enumerate(assignments_from_table(make_table()), start=1):
        pts = []
        for kind, p in points:
            pid += 1
            pts.append(Point(pid, i, kind, p))
        out.append(Leader(i, name, tuple(pts)))
    return out


LEADERS = _leaders()


@pytest.mark.parametrize("text, leader, points, visit, methods, due, rule", [
    ("走访记录：王焕清 11月5日到东山街督导，召开座谈会，查阅三会一课记录，发现组织生活记录不规范，要求一个月内整改",
     "王焕清", ["东山街"], "2026-11-05", ["召开座谈会", "查阅三会一课记录"], "2026-12-05", "rectification_notice"),
    ("督导记录：王焕清昨天到东山街道和七中督导，个别访谈党员干部3人，发现三会一课台账缺失，要求11月30日前整改",
     "王焕清", ["东山街", "第七中学"], "2026-11-21", ["个别访谈党员干部3人"], "2026-11-30", "explicit"),
    ("走访记录：苏佩 2026年11月3日 到北京街、都府社区联系督导，听取党工委工作汇报，未发现突出问题",
     "苏佩", ["北京街", "都府社区"], "2026-11-03", ["听取党工委工作汇报"], None, None),
    ("陈晓丹同志11.5到农林街走访，召开党员座谈会，发现主题党日活动记录不全，限期两个月内整改",
     "陈晓丹", ["农林街"], "2026-11-05", ["召开党员座谈会"], "2027-01-05", "explicit"),
    ("走访记录：黄永青上周五到区安监局督导，查阅党组会议记录，发现问题线索移交区纪委",
     "黄永青", ["区安监局"], "2026-11-13", ["查阅党组会议记录"], "2027-02-13", "clue_feedback"),
    ("走访记录：王焕清 本月3号到海印实业集团督导，实地检查党建阵地",
     "王焕清", ["广州海印实业集团有限公司党委"], "2026-11-03", ["实地检查"], None, None),
])
def test_notes(text, leader, points, visit, methods, due, rule, rules):
    note = parse_note(text, LEADERS, TODAY, rules)
    assert note.questions == []
    assert note.leader == leader and [p["name"] for p in note.points] == points
    assert note.visit_date == visit and note.methods == methods
    assert is_note(note, text)
    if due is None:
        assert note.rectification is None
    else:
        assert (note.rectification.due, note.rectification.rule) == (due, rule)


@pytest.mark.parametrize("text, findings", [
    ("走访记录：王焕清 11月5日到东山街，发现三会一课记录不全，整改期限：2026年12月31日", "三会一课记录不全"),
    ("走访记录：王焕清 11月5日到东山街，存在问题：台账缺失；发现以下问题：记录不全。", "台账缺失；记录不全"),
    ("走访记录：王焕清 11月5日到东山街，未发现突出问题", ""),
])
def test_findings(text, findings, rules):
    assert parse_note(text, LEADERS, TODAY, rules).findings == findings


def test_rule_citation_quotes_the_document(rules):
    note = parse_note(
        "走访记录：王焕清 11月5日到东山街督导，发现组织生活记录不规范，要求一个月内整改", LEADERS, TODAY, rules)
    assert "越秀工作要点" in note.rectification.citation and "附件2" in note.rectification.citation
    assert "1个月内" in note.rectification.citation
    assert "2026-12-05" in render(note)


@pytest.mark.parametrize("text, question", [
    ("走访记录：王焕清 13月45日到东山街督导", "不存在"),
    ("走访记录：王焕清 2026年12月1日到东山街督导", "将来"),
    ("走访记录：王焕清到东山街督导，召开座谈会", "走访日期"),
    ("走访记录：李四 11月5日到东山街督导", "“李四”不在"),
    ("走访记录：王焕清 11月5日到北京街督导", "不是王焕清的联系点"),
    ("走访记录：王焕清、苏佩 11月5日到东山街督导", "多位区领导"),
    ("走访记录：王焕清 11月5日督导", "未识别到走访的联系点"),
    ("走访记录：王焕清 11月5日和11月6日到东山街督导", "多个日期"),
    ("走访记录：王焕清 11月5日到东山街督导，要求11月1日前整改", "早于走访日期"),
    ("", "内容为空"),
    ("走访记录：" + "很长" * 5000, "过长"),
])
def test_questions_asked_back(text, question, rules):
    note = parse_note(text, LEADERS, TODAY, rules)
    assert any(question in q for q in note.questions), note.questions


def test_a_date_without_a_year_is_the_most_recent_past_one(rules):
    note = parse_note("走访记录：王焕清 12月25日到东山街督导", LEADERS, TODAY, rules)
    assert note.visit_date == "2025-12-25" and not note.questions  # last year's, not a future date


def test_a_note_without_the_prefix_and_with_an_impossible_date_is_asked_back(rules):
    text = "王焕清 13月45日到东山街督导"
    note = parse_note(text, LEADERS, TODAY, rules)
    assert is_note(note, text) and any("不存在" in q for q in note.questions)


@pytest.mark.parametrize("text", [
    "苏佩联系哪个社区？", "第17项谁牵头", "今天天气不错", "<script>alert(1)</script>",
    "'; DROP TABLE visits; --", "😀😀😀", "王焕清联系东山街吗", "督导工作怎么开展？",
    "走访工作有什么要求", "调研要注意什么？",
])
def test_not_notes(text, rules):
    note = parse_note(text, LEADERS, TODAY, rules)
    assert not is_note(note, text)


@pytest.mark.parametrize("text, expected", [
    ("走访记录：王焕清 11月5日到东山街督导", True),
    ("【督导记录】李四 11月5日到东山街", True),  # starts like a note: parsed, then the name is asked back
    ("陈晓丹同志11.5到农林街走访，召开党员座谈会", True),
    ("苏佩 11月3日到北京街", True),
    ("苏佩联系哪个社区", False),  # a leader but none of her contact points
    ("苏佩联系北京街吗？", False),  # a question
    ("陈晓丹和苏佩11.5到北京街", True),  # several leaders: parsed, then asked back
    ("越秀工作要点第17项谁牵头？", False),
    ("区信访局要配合哪些工作？", False),
    ("民主生活会一年开几次？", False),
    ("督导工作怎么开展？", False),
    ("", False),
])
def test_may_be_note(text, expected):
    assert may_be_note(text, LEADERS) is expected


def test_fields_to_text():
    text = fields_to_text("领导=王焕清 日期=11月5日 联系点=东山街 方式=座谈会 发现=记录不规范 整改=一个月内")
    note = parse_note(text, LEADERS, TODAY)
    assert (note.leader, note.visit_date, note.rectification.due) == ("王焕清", "2026-11-05", "2026-12-05")


names = st.sampled_from(["王焕清", "苏佩", "李四", "", "陈晓丹"])
places = st.sampled_from(["东山街", "东山街道", "七中", "北京街", "火星", "区教育局", ""])
when = st.sampled_from(["11月5日", "13月45日", "昨天", "2027年1月1日", "上周五", "", "11.5", "2月30日"])
tail = st.text(max_size=30)


@settings(max_examples=300, deadline=None)
@given(name=names, place=places, day=when, rest=tail, head=st.sampled_from(["走访记录：", "", "督导记录:"]))
def test_note_parser_properties(rules, name, place, day, rest, head):
    text = f"{head}{name} {day}到{place}督导，{rest}"
    note = parse_note(text, LEADERS, TODAY, rules)
    if note.visit_date:
        assert date.fromisoformat(note.visit_date) <= TODAY
    if not note.questions:  # complete: every field present and consistent
        assert note.leader and note.points and note.visit_date
        own = {p.name for lead in LEADERS if lead.name == note.leader for p in lead.points}
        assert {p["name"] for p in note.points} <= own
    assert note.original == text.strip()


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_never_crashes(rules, text):
    note = parse_note(text, LEADERS, TODAY, rules)
    render(note)


@settings(max_examples=300, deadline=None)
@given(name=names, place=places, day=when, rest=tail, head=st.sampled_from(["走访记录：", "", "督导记录:", "请问"]),
       end=st.sampled_from(["", "？", "吗", "。"]))
def test_may_be_note_never_drops_a_note(rules, name, place, day, rest, head, end):
    """The pre-check only skips what is_note would reject anyway."""
    text = f"{head}{name} {day}到{place}督导，{rest}{end}"
    if is_note(parse_note(text, LEADERS, TODAY, rules), text):
        assert may_be_note(text, LEADERS)


@pytest.mark.parametrize(("said", "due"), [("一个半月内", "2026-12-20"), ("三个半月内", "2027-02-20")])
def test_a_note_reads_months_and_a_half(said, due, rules):
    """"一个半月内整改" was read as "半月内": due in 15 days (hostile pass, 7 December)."""
    note = parse_note(f"陈晓丹同志11.5到农林街走访，召开党员座谈会，发现记录不全，限期{said}整改", LEADERS, TODAY, rules)
    assert note.questions == [] and (note.rectification.due, note.rectification.rule) == (due, "explicit")
    assert said in note.rectification.citation


def test_a_note_asks_back_a_deadline_of_zero_months(rules):
    note = parse_note("陈晓丹同志11.5到农林街走访，召开党员座谈会，发现记录不全，限期0个月内整改", LEADERS, TODAY, rules)
    assert note.questions and not note.rectification.due
