"""Task lists grouped under a heading that names their unit ("一、县示范区管委会牵头工作（8项）")."""

import pytest

from corpus.parse import parse_document
from corpus.tasks import heading_units


@pytest.mark.parametrize(
    ("title", "lead", "shared"),
    [
        ("县示范区管委会牵头工作(8项)", ("县示范区管委会",), ()),
        ("区发改局牵头的重点任务（12项）", ("区发改局",), ()),
        ("区委组织部负责事项", (), ("区委组织部",)),
        ("市住建局牵头任务：", ("市住建局",), ()),
        # ordinary headings name no unit
        ("坚持系统集成,推动审批全链条优化", (), ()),
        ("强化组织领导", (), ()),
        ("加强党的建设工作", (), ()),
        ("落实主体责任", (), ()),
    ],
)
def test_heading_units(title, lead, shared):
    units = heading_units(title)
    assert units.lead == lead
    assert units.shared == shared


def test_items_under_a_unit_heading_inherit_it_but_keep_their_own():
    doc = parse_document("""某县政府工作报告任务清单
一、县示范区管委会牵头工作(3项)
1.建设南美白对虾养殖基地。
2.打造食用菌生产基地。
3.建设劳动密集型产业园。（县工信局牵头）
二、加快城乡融合发展
4.推进县城道路改造。
""", "snippet.txt")
    leads = [it.units.lead for it in doc.items]
    assert leads == [("县示范区管委会",), ("县示范区管委会",), ("县工信局",), ()]


@pytest.mark.parametrize(
    ("line", "section_title"),
    [
        ("一、责任到人,闭环管理。各责任单位需严格对照任务清单,逐项细化职责,制定实施方案,明确责任人与工作标准。",
         "责任到人,闭环管理"),
        ("二、各责任单位要高度重视,切实加强领导,制订工作方案,并于1月15日前将工作方案报区政府办公室。",
         "各责任单位要高度重视"),
    ],
)
def test_numbered_notice_paragraph_is_a_section_and_a_searchable_paragraph(line, section_title):
    doc = parse_document(f"某区关于印发重点工作责任分解的通知\n{line}\n", "snippet.txt")
    assert [s.title for s in doc.sections if s.level == 1] == [section_title]
    assert any(line.split("、", 1)[1][:12] in p.text for p in doc.paragraphs)


def test_short_numbered_heading_stays_a_heading():
    doc = parse_document("某方案\n一、总体要求\n(一)指导思想。坚持以人民为中心。\n", "snippet.txt")
    assert [s.title for s in doc.sections if s.level == 1] == ["总体要求"]


def test_half_paren_numbers_under_dot_items_are_sub_items():
    doc = parse_document("""某方案
一、重点任务
1.加强组织建设。
1）完善党组织设置制度。（区委组织部牵头）
2）强化党员教育培训。（区委党校负责）
2.推进作风建设。（区纪委牵头）
""", "snippet.txt")
    # "1.加强组织建设。" is only a title: its 1）2） with their own units are its items, named by it
    assert [(it.number, it.path, it.units.lead) for it in doc.items] == [
        (1, "加强组织建设", ("区委组织部",)), (2, "加强组织建设", ()), (2, "", ("区纪委",))]


def test_half_paren_numbers_alone_are_items():
    doc = parse_document("某方案\n1）完善党组织设置制度。（区委组织部牵头）\n2）强化党员教育培训。（区委党校负责）\n",
                         "snippet.txt")
    assert [it.number for it in doc.items] == [1, 2]


@pytest.mark.parametrize("bullet", ["---", "——", "●", "·"])
def test_bulleted_paragraphs_are_tasks_headed_without_their_bullet(bullet):
    doc = parse_document(f"某方案\n一、重点任务\n{bullet}完善党组织设置制度。（区委组织部牵头）\n", "snippet.txt")
    assert [(t.heading, t.units.lead) for t in doc.tasks] == [("完善党组织设置制度。", ("区委组织部",))]


def test_paren_numbers_are_the_items_when_nothing_else_is_numbered():
    doc = parse_document("某方案\n（1）推进政务公开。（牵头单位:县政府办;配合单位:县直各部门）\n"
                         "（2）完善平台。（牵头单位:县大数据中心）\n", "snippet.txt")
    assert [(it.number, it.units.lead) for it in doc.items] == [(1, ("县政府办",)), (2, ("县大数据中心",))]
