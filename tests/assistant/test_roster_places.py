"""Roster groups given places ("第二指导组 … 指导村：大坪村、君山村"): who answers for a place, which group a
place belongs to, and which places a person's group is given, read from the group's paragraph and cited by it."""

from __future__ import annotations

import pytest

from assistant.documents.text_contacts import contact_index
from assistant.documents.units_index import UnitIndex
from assistant.questions.contact_answers import answer_leader, answer_point
from assistant.questions.intents import LeaderPoints, PointLeaders, parse_question
from corpus.parse import parse_document

GROUPS = ("君山片区关于成立换届选举工作指导组的通知\n\n"
          "为加强对换届选举工作的指导，决定成立工作指导组，名单如下：\n"
          "一、指导组名单及指导村（社区）\n"
          "第一指导组\n组 长：陈李凯\n副组长：周伟霞、陈国伟\n成 员：北港村包村工作队\n{label}：北港村、渔屿村\n"
          "第二指导组\n组 长：林 黎\n副组长：陈若非、李 岚\n成 员：大坪村包村工作队\n{label}：大坪村、君山村\n"
          "二、工作职责\n（一）深入调查摸底。工作指导组要逐村调研分析。\n")

LABELS = ["指导村", "联系村", "挂钩村（社区）", "包片区域"]

CASES = [
    ("who answers for a place", "谁负责君山村？", PointLeaders, ("林黎", "第二指导组", "陈若非"), ("陈李凯",)),
    ("a place's group, asked as a group", "大坪村归哪个组？", PointLeaders, ("第二指导组", "林黎"), ("第一指导组",)),
    ("the post a question names", "渔屿村的组长是谁？", PointLeaders, ("陈李凯",), ("周伟霞", "林黎")),
    ("a place inside the document's name", "君山村由谁负责？", PointLeaders, ("林黎",), ("陈李凯",)),
    ("a leader's places", "林黎负责哪些村？", LeaderPoints, ("大坪村", "君山村", "组长"), ("北港村",)),
    ("a deputy's places", "周伟霞负责哪些村？", LeaderPoints, ("北港村", "渔屿村", "副组长"), ("大坪村",)),
]


def _answered(doc, question, frame, present, absent):
    """The question's frame is ``frame``; its answer is found, cited, holds ``present`` and none of ``absent``."""
    contacts = contact_index((doc,))
    f = parse_question(question, UnitIndex((doc,)), contacts, (doc,))
    assert isinstance(f, frame), f
    answer = (answer_point if frame is PointLeaders else answer_leader)(question, f, contacts)
    text = "\n".join(answer.blocks)
    assert answer.found and answer.citations, text
    assert all(p in text for p in present), text
    assert not any(a in text for a in absent), text
    return answer


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize(("question", "frame", "present", "absent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_roster_group_answers_for_its_places(label, question, frame, present, absent):
    answer = _answered(parse_document(GROUPS.format(label=label), "x.txt", short_name="君山片区换届指导组"),
                       question, frame, present, absent)
    assert all("段" in c.locator for c in answer.citations)  # cited by the group's paragraph


@pytest.mark.parametrize("label", ["工作职责", "联系电话", "成员单位", "职务"])
def test_a_roster_field_that_names_no_places_gives_none(label):
    doc = parse_document(GROUPS.replace("{label}：北港村、渔屿村", f"{label}：负责全面工作")
                         .replace("{label}：大坪村、君山村", f"{label}：负责协调"), "x.txt")
    assert contact_index((doc,)).assignments == []


def test_bodies_in_a_roster_are_not_leaders_of_its_places():
    contacts = contact_index((parse_document(GROUPS.format(label="指导村"), "x.txt"),))
    assert {a.leader for a in contacts.assignments} == {"陈李凯", "周伟霞", "陈国伟", "林黎", "陈若非", "李岚"}


def test_a_long_list_of_places_stays_the_groups_field():
    long_list = "、".join(f"{n}村" for n in ("流金华府", "五埕", "新湖", "松南", "松厝", "户楼", "砂美", "南松", "东进"))
    doc = parse_document(GROUPS.format(label="指导村").replace("指导村：大坪村、君山村", f"指导村（社区）：{long_list}"),
                         "x.txt")
    contacts = contact_index((doc,))
    assert {p for a in contacts.of_leader("林黎") for _, p in a.points} == {f"{n}村" for n in (
        "流金华府", "五埕", "新湖", "松南", "松厝", "户楼", "砂美", "南松", "东进")}


LINES = ("关于建立县级领导干部联系乡镇制度的通知\n\n各乡镇党委、政府，县直各单位：\n"
         "经研究，决定建立县级领导干部联系乡镇制度。现将联系安排通知如下：\n"
         "{a}张三（县委副书记）联系城关镇、东坝乡；\n{b}李四（常务副县长）挂钩西河镇；\n{c}王五同志包片南山乡、北岭镇。\n"
         "联系领导每季度到联系乡镇调研不少于1次，要联系群众、解决实际问题。\n")


@pytest.mark.parametrize("numbering", [("", "", ""), ("1.", "2.", "3."), ("（一）", "（二）", "（三）")])
@pytest.mark.parametrize(("question", "frame", "present", "absent"), [
    ("谁联系西河镇？", PointLeaders, ("李四", "常务副县长"), ("张三", "王五")),
    ("东坝乡由哪位县领导联系？", PointLeaders, ("张三",), ("李四",)),
    ("张三联系哪些乡镇？", LeaderPoints, ("城关镇", "东坝乡", "县委副书记"), ("西河镇",)),
    ("王五负责哪些地方？", LeaderPoints, ("南山乡", "北岭镇"), ("城关镇",)),
])
def test_a_line_giving_a_person_places_answers_both_ways(numbering, question, frame, present, absent):
    a, b, c = numbering
    _answered(parse_document(LINES.format(a=a, b=b, c=c), "x.txt"), question, frame, present, absent)


def test_a_line_of_no_places_gives_none():
    """"要联系群众" and a sentence with a verb of contact but no place name give no contact points."""
    contacts = contact_index((parse_document(LINES.format(a="", b="", c=""), "x.txt"),))
    assert {p for a in contacts.assignments for _, p in a.points} == {"城关镇", "东坝乡", "西河镇", "南山乡", "北岭镇"}
