"""The roles vocabulary (corpus/roles.py) and the responsibility grammar generated from it."""

import pytest

from corpus import roles
from corpus.unit_sites import trailing_units, units_from_columns
from corpus.units import inherit_prefix, parse_units, split_spaced_units


@pytest.mark.parametrize(
    ("raw", "lead", "cooperate", "shared"),
    [
        # a label gives its role to every clause of its segment
        ("责任单位：政法综治处，各村委会", (), (), ("政法综治处", "各村委会")),
        ("责任处室:农业农村处、社会事业处", (), (), ("农业农村处", "社会事业处")),
        ("牵头部门：区发改局、区财政局、区统计局", ("区发改局", "区财政局", "区统计局"), (), ()),
        ("牵头单位：区委组织部；配合单位：区委宣传部", ("区委组织部",), ("区委宣传部",), ()),
        ("主责部门：区应急局；协助单位：各镇", ("区应急局",), ("各镇",), ()),
        # designated lead, in the parenthesis itself
        ("责任单位：区政务服务数据管理局、区市场监管局（排在第一位的为牵头单位）",
         ("区政务服务数据管理局",), ("区市场监管局",), ()),
        ("区卫健局、区教育局负责，列第一位者为牵头单位", ("区卫健局",), ("区教育局",), ()),
        # "A会同B负责"
        ("区财政局会同区审计局负责", ("区财政局",), ("区审计局",), ()),
        ("农业农村处牵头抓总，各村配合", ("农业农村处",), ("各村",), ()),
        ("区行政服务中心牵头实施，区数字办配合", ("区行政服务中心",), ("区数字办",), ()),
        # every unit before 按职责分工负责 is kept, not only the last
        ("区委办、区政府办、区纪委，区委组织部按职责分工负责", (), (), ("区委办", "区政府办", "区纪委", "区委组织部")),
    ],
)
def test_grammar(raw, lead, cooperate, shared):
    u = parse_units(raw)
    assert (u.lead, u.cooperate, u.shared) == (lead, cooperate, shared)


def test_guide_role():
    u = parse_units("区教育局指导，各学校负责")
    assert u.guide == ("区教育局",)
    assert u.shared == ("各学校",)
    assert "区教育局" in u.all


def test_designated_rule_is_recorded():
    assert parse_units("区甲局、区乙局负责，排在第一位的为牵头单位").rule
    assert not parse_units("区甲局牵头，区乙局配合").rule


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (("局机关党委", "乡村振兴处", "农业处"), ("局机关党委", "局乡村振兴处", "局农业处")),
        (("区公安局", "市场监督管理局", "各片区管理局"), ("区公安局", "区市场监督管理局", "各片区管理局")),
        (("区委组织部", "宣传部"), ("区委组织部", "区委宣传部")),
        (("区民政局", "团区委"), ("区民政局", "团区委")),  # already carries its own scope
        (("政法综治处", "交通与建设处"), ("政法综治处", "交通与建设处")),  # no prefix to inherit
    ],
)
def test_inherit_prefix(names, expected):
    assert inherit_prefix(names) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("区经济发展局 区行政审批局", "区经济发展局、区行政审批局"), ("各乡镇人民政府 （街道办事处）", "各乡镇人民政府 （街道办事处）")],
)
def test_two_units_in_one_cell(cell, expected):
    assert split_spaced_units(cell) == expected


@pytest.mark.parametrize(
    ("header", "role"),
    [("牵头单位", "lead"), ("配合/责任单位", "cooperate"), ("责任单位", "responsible"), ("指导部门", "guide"),
     ("主责部门", "lead"), ("协办单位", "cooperate"), ("责任处室", "responsible"), ("工作任务", None),
     ("完成时限", None)],
)
def test_column_role(header, role):
    assert roles.column_role(header) == role


def test_columns_lead_and_responsible():
    u = units_from_columns({"牵头单位": "区经济发展局 区行政审批局", "配合/责任单位": "区直各有关单位，各片区管理局"})
    assert u.lead == ("区经济发展局", "区行政审批局")
    assert u.cooperate == ("区直各有关单位", "各片区管理局")


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        ("…确保底数清、情况明。（责任单位：政法综治处、交通与建设处）", ("政法综治处", "交通与建设处")),
        ("…进京访治理工作。（责任单位：政法综治处，各村委会）", ("政法综治处", "各村委会")),
        ("…加强监督。(责任单位:区纪工委、区巡审办)", ("区纪工委", "区巡审办")),
    ],
)
def test_trailing_labelled_parenthesis(text, shared):
    assert trailing_units(text).shared == shared


def test_question_words_come_from_the_vocabulary():
    assert roles.question_role("第3项谁牵头") == "lead"
    assert roles.question_role("哪些单位配合") == "cooperate"
    assert roles.question_regex("lead").search("主责单位是谁")


@pytest.mark.parametrize(
    ("raw", "lead", "cooperate", "shared"),
    [
        ("区纪委为牵头单位，区委组织部为配合单位", ("区纪委",), ("区委组织部",), ()),
        ("区纪委牵头、区委组织部配合", ("区纪委",), ("区委组织部",), ()),
        ("责任单位：区委组织部（牵头）、区委宣传部、区委党校", ("区委组织部",), (), ("区委宣传部", "区委党校")),
        ("牵头领导：张三；责任单位：区委办", (), (), ("区委办",)),  # a person is not a unit
    ],
)
def test_more_conventions(raw, lead, cooperate, shared):
    u = parse_units(raw)
    assert (u.lead, u.cooperate, u.shared) == (lead, cooperate, shared)


def test_people_columns_assign_no_unit():
    assert roles.column_role("牵头领导") is None
    assert roles.column_role("责任人") is None


def test_unit_names_ending_like_a_role_word_stay_whole():
    u = parse_units("区纪委牵头，区人大办、区政协办、区审计局配合")
    assert u.cooperate == ("区人大办", "区政协办", "区审计局")


@pytest.mark.parametrize(
    "rule",
    ["列第一位者为牵头单位", "排在第一位的为牵头部门", "排名第一的单位为牵头单位", "第一个单位为牵头单位",
     "列在首位的为牵头单位", "排第一位的单位牵头", "排名在前的为牵头单位", "排在最前面的为牵头单位"],
)
def test_designated_lead_rules(rule):
    assert roles.FIRST_LEADS.search(rule)
    u = parse_units(f"区甲局、区乙局负责，{rule}")
    assert (u.lead, u.cooperate) == (("区甲局",), ("区乙局",))


@pytest.mark.parametrize("text", ["把政治建设摆在第一位，由区委牵头", "第一次会议由区委办牵头召开"])
def test_not_designated_lead_rules(text):
    assert not roles.FIRST_LEADS.search(text)


@pytest.mark.parametrize(
    "raw", ["责任单位：区委组织部★、区委宣传部、区委党校", "责任单位：*区委组织部、区委宣传部、区委党校"],
)
def test_a_marked_unit_is_the_lead(raw):
    u = parse_units(raw)
    assert u.lead == ("区委组织部",)
    assert "区委宣传部" in u.all and "区委组织部★" not in u.all
