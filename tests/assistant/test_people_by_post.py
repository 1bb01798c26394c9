"""Tables of people by post ("政府行政责任人 | 主管部门责任人 | …", each with 姓名 and 单位及职务): who holds
which post for a row, and which rows a person holds a post for, answered from the cells with the row cited."""

from __future__ import annotations

import pytest

from assistant.documents.contact_tables import ContactIndex
from assistant.documents.units_index import UnitIndex
from assistant.questions.contact_answers import answer_leader, answer_point
from assistant.questions.intents import LeaderPoints, PointLeaders, parse_question
from corpus.parse import parse_document

TABLE = ("附件\n小型水库防汛责任人名单\n序号\t水库名称\t所在地\t政府行政责任人\t\t管理单位责任人\t\t乡镇负责人\t\n"
         "\t\t\t姓名\t单位及职务\t姓名\t单位及职务\t姓名\t单位及职务\n"
         "1\t君山水库\t流水镇山门村\t陈人寿\t农发局局长\t林国前\t君山水库发电站站长\t薛学强\t流水镇政府书记\n"
         "2\t南松水库\t流水镇南松村\t陈人寿\t农发局局长\t吴开清\t城中水利站站长\t薛学强\t流水镇政府书记\n"
         "3\t玉井水库\t澳前镇玉井村\t陈人寿\t农发局局长\t李振用\t城南水利站站长\t周训岚\t澳前镇政府书记\n")

CASES = [
    ("the post a question names", "君山水库的管理单位责任人是谁？", PointLeaders, ("林国前", "第1行"), ("陈人寿", "薛学强")),
    ("every post of a row", "玉井水库的防汛责任人都有谁？", PointLeaders, ("陈人寿", "李振用", "周训岚", "澳前镇政府书记"),
     ("林国前",)),
    ("the rows a person holds a post for", "薛学强是哪几个水库的乡镇负责人？", LeaderPoints, ("君山水库", "南松水库"),
     ("玉井水库",)),
    ("a person's rows, whatever the post", "吴开清负责哪个水库？", LeaderPoints, ("南松水库", "管理单位责任人"), ("君山水库",)),
]


@pytest.mark.parametrize(("question", "frame", "present", "absent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_people_by_post_are_read_from_the_cells(question, frame, present, absent):
    doc = parse_document(TABLE, "x.txt", short_name="水库责任人名单")
    contacts = ContactIndex((doc,))
    f = parse_question(question, UnitIndex((doc,)), contacts, (doc,))
    assert isinstance(f, frame), f
    answer = (answer_point if frame is PointLeaders else answer_leader)(question, f, contacts)
    text = "\n".join(answer.blocks)
    assert answer.found and answer.citations
    assert all(p in text for p in present), text
    assert not any(a in text for a in absent), text


def test_a_post_column_of_names_is_not_a_contact_point():
    contacts = ContactIndex((parse_document(TABLE, "x.txt"),))
    points = {p for a in contacts.assignments for _, p in a.points}
    assert "林国前" not in points and "农发局局长" not in points
    assert {a.post for a in contacts.assignments} == {"政府行政责任人", "管理单位责任人", "乡镇负责人"}


ROSTER_TABLE = ("关于成立征迁工作专班的通知\n\n为做好征迁工作，决定成立工作专班，人员及分工如下：\n序号\t姓名\t职务\t分工\n"
                "1\t张三丰\t组长\t负责全面工作\n2\t李四海\t副组长\t负责宣传报道、信息报送\n"
                "3\t王五福\t成员\t负责后勤保障和经费管理\n")

DUTIES = [
    ("who does a duty of the 分工 cell", "谁负责信息报送？", PointLeaders, ("李四海", "第2行"), ("挂点", "张三丰")),
    ("a duty joined by 和", "经费管理由谁负责？", PointLeaders, ("王五福",), ("挂点", "李四海")),
    ("what a person does", "李四海负责什么？", LeaderPoints, ("宣传报道", "信息报送", "副组长"), ("挂点", "后勤保障")),
]


@pytest.mark.parametrize(("question", "frame", "present", "absent"), [c[1:] for c in DUTIES], ids=[c[0] for c in DUTIES])
def test_a_roster_table_of_duties_is_read_from_its_cells(question, frame, present, absent):
    doc = parse_document(ROSTER_TABLE, "x.txt", short_name="征迁工作专班")
    contacts = ContactIndex((doc,))
    f = parse_question(question, UnitIndex((doc,)), contacts, (doc,))
    assert isinstance(f, frame), f
    answer = (answer_point if frame is PointLeaders else answer_leader)(question, f, contacts)
    text = "\n".join(answer.blocks)
    assert answer.found and answer.citations
    assert all(p in text for p in present), text
    assert not any(a in text for a in absent), text
