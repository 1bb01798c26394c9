"""A heading that names a body (or a post) and says these are its duties makes the items and paragraphs under it
that body's duties (issue 16): "3.3.1流水镇防汛指挥部职责", "二、微型消防站队长应履行以下职责",
"五、南海中心另行增加职能". Headings that name no one body ("二、工作职责", "（二）部门职责",
"四、各相关部门工作职责") give nothing; an item that names its own party keeps it.

Each row: the snippet, then (words of an item's or paragraph task's text, the parties it is owned by) pairs.
"""

from __future__ import annotations

import pytest

from corpus.parse import parse_document

CASES = [
    ("a decimal heading over （1） items",
     "防汛预案\n\n三、组织指挥体系及职责\n3.3组织机构职责\n3.3.1流水镇防汛指挥部职责\n"
     "（1）统一指挥水库防洪防台风工作，宣布启动应急预案。\n（2）在县人民政府的领导下，贯彻执行相关决定、指令。\n"
     "四、预防和预警机制\n",
     [("统一指挥水库", ("流水镇防汛指挥部",)), ("在县人民政府", ("流水镇防汛指挥部",))]),
    ("a body's duties over 1. items",
     "微型消防站岗位职责\n\n一、微型消防站职责\n1.宣传消防安全知识，提高群众自防自救能力；\n2.开展防火巡查，报告火灾隐患。\n",
     [("宣传消防安全知识", ("微型消防站",)), ("开展防火巡查", ("微型消防站",))]),
    ("a post's duties: 应履行以下职责",
     "微型消防站岗位职责\n\n二、微型消防站队长应履行以下职责\n1.组织指挥初起火灾扑救和应急救援；\n"
     "2.及时报告工作中的重要情况。\n三、站点消防员应履行以下职责\n1.根据职责分工，完成初起火灾扑救任务；\n"
     "2.负责防火巡查和消防宣传教育。\n",
     [("组织指挥初起火灾", ("微型消防站队长",)), ("及时报告", ("微型消防站队长",)),
      ("根据职责分工", ("站点消防员",)), ("负责防火巡查", ("站点消防员",))]),
    ("主要职责 over （一）…； clauses",
     "片区消防工作站实施方案\n\n一、工作要求\n1.各村要落实消防责任。\n二、片区消防工作站主要职责\n"
     "（一）贯彻落实相关消防法律、法规，研究制定措施、意见；\n（二）组织制定片区消防工作年度计划；\n"
     "（三）指导成员单位健全落实消防安全责任制。\n",
     [("贯彻落实相关消防", ("片区消防工作站",)), ("组织制定片区", ("片区消防工作站",))]),
    ("另行增加职能 over a paragraph and （一） paragraphs in a part with 1. items",
     "关于明确三个中心职责权限的通知\n\n一、便民服务\n1.临时救助（1000元以下由便民服务中心审批）；\n"
     "二、南海中心另行增加职能\n负责加强村级组织的规范化管理，主要承担两方面职能：\n"
     "（一）负责村级组织日常事务管理。抓好三会一课，落实事务公开制度。\n"
     "（二）协助开展村居人居环境整治督促检查工作。采取定期检查和不定时抽查相结合的方式。\n",
     [("负责加强村级组织", ("南海中心",)), ("（一）负责村级组织", ("南海中心",)), ("（二）协助开展", ("南海中心",))]),
    ("an item that names its own party keeps it",
     "微型消防站岗位职责\n\n一、微型消防站职责\n1.开展防火巡查，报告火灾隐患；\n2.区消防救援大队负责业务指导。\n",
     [("开展防火巡查", ("微型消防站",)), ("区消防救援大队负责", ("区消防救援大队",))]),
]

GENERIC = [
    ("工作职责", "实施方案\n\n二、工作职责\n1.组织开展防火巡查；\n2.及时报告工作情况。\n"),
    ("职责分工及岗位职责", "实施方案\n\n三、职责分工及岗位职责\n1.组织开展防火巡查；\n2.及时报告工作情况。\n"),
    ("部门职责", "实施方案\n\n一、工作任务\n（二）部门职责\n1.组织开展防火巡查；\n2.及时报告工作情况。\n"),
    ("a collective's duties", "实施方案\n\n四、各相关部门工作职责\n组织开展防火巡查，及时报告工作情况。\n"),
]


def _owners(text: str) -> dict[str, tuple[str, ...]]:
    doc = parse_document(text, "d.txt")
    return {t.text: t.units.all for t in (*doc.items, *doc.tasks)}


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_duty_heading_owns_the_items_under_it(text, expected):
    owners = _owners(text)
    for start, parties in expected:
        found = [units for body, units in owners.items() if start in body]
        assert found, (start, owners)
        assert tuple(found[0]) == parties, (start, found[0])


@pytest.mark.parametrize("text", [c[1] for c in GENERIC], ids=[c[0] for c in GENERIC])
def test_heading_naming_no_one_body_gives_nothing(text):
    assert not any(_owners(text).values())
