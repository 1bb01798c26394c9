"""The responsibility splitter, on real snippets from the bundled documents (and other conventions)."""

import pytest

from corpus.inline import inline_units
from corpus.model import SubAttribution
from corpus.unit_sites import is_units_parenthesis, trailing_units, units_line
from corpus.units import parse_units, split_unit_list

CASES = [
    # 越秀工作要点 item 1
    ("区纪委牵头负责，区委办公室、区委组织部、区委政法委、区编办、区委巡察办、区对口支援办配合",
     ("区纪委",), ("区委办公室", "区委组织部", "区委政法委", "区编办", "区委巡察办", "区对口支援办"), (), ()),
    # 越秀工作要点 item 4
    ("区纪委、区委巡察办、区委组织部按职责分工负责", (), (), ("区纪委", "区委巡察办", "区委组织部"), ()),
    # 越秀工作要点 item 7 (bold wrapper)
    ("**区委组织部、区委宣传部按职责分工负责，区直机关党工委、区文广新局、区委党校、区委党史研究室配合**",
     (), ("区直机关党工委", "区文广新局", "区委党校", "区委党史研究室"), ("区委组织部", "区委宣传部"), ()),
    # 越秀工作要点 item 13: unit names carry their own parentheses
    ("区纪委监委、区委组织部、区委政法委、区委巡察办、区财政局（区国资局）、区人社局、区民政局（区转制办）按职责分工负责，区属各单位配合",
     (), ("区属各单位",),
     ("区纪委监委", "区委组织部", "区委政法委", "区委巡察办", "区财政局（区国资局）", "区人社局", "区民政局（区转制办）"), ()),
    # 越秀工作要点 item 18
    ("区委组织部牵头，各街道配合", ("区委组织部",), ("各街道",), (), ()),
    # 越秀工作要点 item 33: "及区属各单位"
    ("区司法局牵头，区委办公室、区人大办公室、区政府办公室、区政协办公室及区属各单位配合",
     ("区司法局",), ("区委办公室", "区人大办公室", "区政府办公室", "区政协办公室", "区属各单位"), (), ()),
    # 监督方案 item 1
    ("区党风廉政建设领导小组组织协调", (), (), (), ("区党风廉政建设领导小组",)),
    # 监督方案 item 8: bold around single units
    ("**区委组织部**牵头负责，**区纪委、区委办**配合", ("区委组织部",), ("区纪委", "区委办"), (), ()),
    # 监督方案 item 12
    ("**区纪委**牵头，**区委组织部、区委政法委、各行政执法部门**配合",
     ("区纪委",), ("区委组织部", "区委政法委", "各行政执法部门"), (), ()),
    # 监督方案 item 30
    ("**区纪委牵头，区委政法委、区公安分局、区法制办、区法院、区检察院配合**",
     ("区纪委",), ("区委政法委", "区公安分局", "区法制办", "区法院", "区检察院"), (), ()),
    # ASCII punctuation
    ("县委组织部牵头,县委宣传部、县委党校配合", ("县委组织部",), ("县委宣传部", "县委党校"), (), ()),
    # label then inline role words; "参加" cooperates; a list closed by "等有关部门"
    ("责任单位:县扶贫开发办牵头,县教育和体育局、县民政局等有关部门参加,各镇街落实",
     ("县扶贫开发办",), ("县教育和体育局", "县民政局"), ("各镇街",), ()),
    # labels one after another on one line, with or without the space between them
    ("牵头单位：市委组织部 责任单位：市委宣传部", ("市委组织部",), (), ("市委宣传部",), ()),
    ("牵头单位：县政府办配合单位：县直各部门", ("县政府办",), ("县直各部门",), (), ()),
    # first listed leads
    ("区委组织部、区委宣传部负责，排在第一位的为牵头单位", ("区委组织部",), ("区委宣传部",), (), ()),
    ("区委办、区委组织部、区纪委负责，第一个为牵头单位", ("区委办",), ("区委组织部", "区纪委"), (), ()),
    ("牵头单位：区委组织部；配合单位：区委宣传部、各街道", ("区委组织部",), ("区委宣传部", "各街道"), (), ()),
    ("区委组织部牵头抓总，各街道落实", ("区委组织部",), (), ("各街道",), ()),
]


@pytest.mark.parametrize(("raw", "lead", "cooperate", "shared", "coordinate"), CASES)
def test_parse_units(raw, lead, cooperate, shared, coordinate):
    units = parse_units(raw)
    assert units.lead == lead
    assert units.cooperate == cooperate
    assert units.shared == shared
    assert units.coordinate == coordinate


def test_sub_attributions_of_supervision_plan_item_2():
    raw = ("区委组织部牵头，区纪委、区委办、区委宣传部配合；其中政治立场、落实意识形态工作责任制情况由区委宣传部负责，"
           "加强党的建设、从严治党、公道正派选人用人、责任担当由区委组织部负责，执行党的决议由区委办负责，廉洁自律由区纪委负责")
    units = parse_units(raw)
    assert units.lead == ("区委组织部",)
    assert units.cooperate == ("区纪委", "区委办", "区委宣传部")
    assert units.sub == (
        SubAttribution("区委宣传部", "政治立场、落实意识形态工作责任制情况"),
        SubAttribution("区委组织部", "加强党的建设、从严治党、公道正派选人用人、责任担当"),
        SubAttribution("区委办", "执行党的决议"),
        SubAttribution("区纪委", "廉洁自律"),
    )


@pytest.mark.parametrize(
    ("text", "lead", "raw"),
    [
        ("…加强监督检查。（区纪委牵头负责，区委办公室配合）", ("区纪委",), "区纪委牵头负责，区委办公室配合"),
        ("…工作提供法律服务。（区司法局牵头，区属各单位配合）。", ("区司法局",), "区司法局牵头，区属各单位配合"),
        ("…谈透彻。（**区委组织部**牵头负责）", ("区委组织部",), "区委组织部牵头负责"),
        # square brackets, half-width colon and semicolon
        ("…巩固防控成果。[牵头单位:区卫健局;责任单位:各街办(新区)]", ("区卫健局",), "牵头单位:区卫健局;责任单位:各街办(新区)"),
        ("…落实到位。【牵头单位：县发改局、县工信局；配合单位：各乡镇】", ("县发改局", "县工信局"),
         "牵头单位：县发改局、县工信局；配合单位：各乡镇"),
        ("…全市机关党建活动。", (), ""),
        ("…见附件[1]", (), ""),
        ("…制定《中国共产党工作机关条例(试行)》", (), ""),
        ("…党组（党委）", (), ""),
    ],
)
def test_trailing_units(text, lead, raw):
    units = trailing_units(text)
    assert units.lead == lead
    assert units.raw == raw


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("（区纪委牵头，区信访局配合）", True),
        ("（区党风廉政建设领导小组组织协调）", True),
        ("（以下简称《准则》）", False),
        ("（一）加强党的政治建设", False),
    ],
)
def test_units_parenthesis_line(line, expected):
    assert is_units_parenthesis(line) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区财政局（区国资局）、区人社局", ("区财政局（区国资局）", "区人社局")),
        ("区科工信局（黄花岗科技园管委会）", ("区科工信局（黄花岗科技园管委会）",)),
        ("区建设和水务局、区市场和质量监管局", ("区建设和水务局", "区市场和质量监管局")),
        ("区政协办公室及区属各单位", ("区政协办公室", "区属各单位")),
        ("县卫生健康局、县医疗保障局等有关部门", ("县卫生健康局", "县医疗保障局")),
        ("区委组织部、区委宣传部等", ("区委组织部", "区委宣传部")),
        ("区平等就业促进办", ("区平等就业促进办",)),
    ],
)
def test_split_unit_list(text, expected):
    assert split_unit_list(text) == expected


def test_units_line_forms():
    assert units_line("责任单位：区委组织部、各街道党工委").shared == ("区委组织部", "各街道党工委")
    assert units_line("配合单位：区委组织部").cooperate == ("区委组织部",)
    assert not units_line("各单位要按照分工抓好落实。")


@pytest.mark.parametrize(
    ("text", "lead", "shared"),
    [
        ("在省委领导下,省委农村工作领导小组负责巩固拓展脱贫攻坚成果、全面推进乡村振兴的牵头抓总、统筹协调。",
         ("省委农村工作领导小组",), ()),
        ("区委组织部负责全区基层党建工作的牵头抓总。", ("区委组织部",), ()),
        ("县发改局负责项目建设的牵头工作,县财政局负责资金保障。", ("县发改局",), ()),
        ("加快5G基站建设。县工信局为牵头单位，县通信公司为责任单位。", ("县工信局",), ()),
        # leading is not what they are responsible for
        ("区财政局负责牵头单位的资金保障。", (), ("区财政局",)),
        ("区民政局负责配合区委牵头的工作。", (), ("区民政局",)),
    ],
)
def test_responsible_for_leading_is_the_lead(text, lead, shared):
    units = inline_units(text)
    assert units.lead == lead
    assert units.shared == shared


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        ("…推进理论武装。（区委宣传部、区委组织部）", ("区委宣传部", "区委组织部")),
        ("…严格落实意识形态工作责任制。（区委宣传部）", ("区委宣传部",)),
        ("…加强审计监督。（区财政局，区审计局）", ("区财政局", "区审计局")),
        # not a list of responsible units
        ("…党组（党委）", ()),
        ("…制定管理办法。（试行）", ()),
        ("…建立工作台账。（2021—2025年）", ()),
        ("…区委办公室。（以下简称区委办）", ()),
        ("…覆盖各党支部。（含开发区）", ()),
    ],
)
def test_bare_unit_parenthesis_after_a_full_stop(text, shared):
    units = trailing_units(text)
    assert units.shared == shared
    assert units.lead == ()


def test_starred_unit_in_a_bare_parenthesis_leads():
    units = trailing_units("…推进政务公开。（★县政府办、县直各部门）")
    assert (units.lead, units.cooperate) == (("县政府办",), ("县直各部门",))


def test_units_by_their_duty_share_inline():
    units = inline_units("县应急管理局负责全县安全生产工作的综合监督管理，县直有关部门按照职责分工负责本行业安全生产工作。")
    assert units.shared == ("县应急管理局", "县直有关部门")
