"""Parsing conventions of real documents of the genre, one short snippet each (written for these tests)."""

import pytest

from corpus.deadlines import deadline_of, frequency_of
from corpus.inline import inline_units
from corpus.parse import parse_document
from corpus.unit_sites import trailing_label_units


def parse(text: str):
    return parse_document(text.strip() + "\n", "snippet.txt")


def test_numbering_that_restarts_under_each_section_gets_paths():
    doc = parse("""
某片区专项行动方案
一、工作任务
（一）矛盾纠纷化解
1.开展矛盾纠纷摸排。（责任单位：政法处、交通处）
2.建立调解机制。（责任单位：政法处）
（二）信访积案攻坚
1.落实包案化解机制。（责任单位：政法处）
2.加强进京访治理。（责任单位：政法处，各村委会）
""")
    assert [i.locator for i in doc.items] == ["一（一） 第1项", "一（一） 第2项", "一（二） 第1项", "一（二） 第2项"]
    assert doc.items[3].units.shared == ("政法处", "各村委会")


def test_continuous_numbering_keeps_plain_numbers():
    doc = parse("""
某方案
一、主要任务
1.明确年度目标。责任单位：各区属国企
二、保障措施
2.健全监督机制。责任单位：区纪工委、区巡审办，各区属国企
""")
    assert [i.locator for i in doc.items] == ["第1项", "第2项"]
    assert doc.items[1].units.shared == ("区纪工委", "区巡审办", "各区属国企")
    assert doc.items[1].body.endswith("健全监督机制。")


def test_two_runs_of_articles_are_told_apart():
    doc = parse("""
某某管理办法
第一条 为加强管理，制定本办法。
第二条 本办法自印发之日起施行。
某某员管理办法
第一条 为加强队伍管理，制定本办法。
第二条 乡镇林业站负责日常考核。
""")
    first, second = [i for i in doc.items if i.number == 2]
    assert first.path != second.path
    assert second.path == "某某员管理办法"
    assert second.units.shared == ("乡镇林业站",)
    # articles are cited by their own noun; the first run's heading is the document's title, which the header
    # takes, so that run is named by position
    assert [it.locator for it in doc.items] == ["第1部分 第一条", "第1部分 第二条", "某某员管理办法 第一条",
                                                "某某员管理办法 第二条"]


def test_articles_alone_on_their_line_with_a_designated_lead_rule():
    doc = parse("""
某区关于推进政务服务改革的实施方案
各单位：现将方案印发如下。（各项任务中，列第一位者为牵头单位，下同）
第一条
推进一网通办。
责任单位：区政务服务数据管理局、区市场监管局
第二条
推进证照分离改革。
责任单位：区市场监管局、区司法局
""")
    one, two = doc.items
    assert (one.units.lead, one.units.cooperate) == (("区政务服务数据管理局",), ("区市场监管局",))
    assert two.units.lead == ("区市场监管局",)
    assert "列第一位者为牵头单位" in two.units.rule


def test_rule_inside_one_item_without_xiatong_governs_only_that_item():
    doc = parse("""
某方案
1.推进甲工作。（责任单位：区甲局、区乙局，排在第一位的为牵头单位）
2.推进乙工作。（责任单位：区丙局、区丁局）
""")
    assert doc.items[0].units.lead == ("区甲局",)
    assert doc.items[1].units.lead == () and doc.items[1].units.shared == ("区丙局", "区丁局")


def test_section_paragraphs_are_the_tasks_when_there_are_no_numbered_items():
    doc = parse("""
某片区森林防火工作要点
一、强化源头防控
（一）发布火险预报。资源生态处及时发送高火险警报。
（二）加强宣传教育。各处室（中心）、各行政村要广泛开展宣传。
二、强化火情处置
（三）完善应急预案。结合实际完善预案。
""")
    assert [i.number for i in doc.items] == [1, 2, 3]
    assert doc.items[1].units.shared == ("各处室（中心）", "各行政村")


def test_unnumbered_paragraphs_that_assign_work_are_tasks():
    doc = parse("""
某试点工作方案
三、职责分工
区行政服务中心作为建设单位牵头实施，区数字办配合制定技术方案。
区数字办负责指导各部门的项目申报工作。
""")
    assert doc.items == ()
    lead, own = doc.tasks
    assert (lead.units.lead, lead.units.cooperate) == (("区行政服务中心",), ("区数字办",))
    assert own.units.shared == ("区数字办",)
    assert own.number == 0 and own.locator.endswith("段")


@pytest.mark.parametrize(
    ("text", "lead", "cooperate", "shared"),
    [
        ("区行政服务中心作为建设单位牵头实施，区数字办配合制定技术方案", ("区行政服务中心",), ("区数字办",), ()),
        ("区纪工委、廉政办负责监督检查", (), (), ("区纪工委", "区廉政办")),
        ("区党群工作部与区党工委配合，负责审核把关", (), ("区党群工作部", "区党工委"), ()),
        ("乡镇林业站工作职责一、贯彻落实法律法规", (), (), ("乡镇林业站",)),
        ("区经济发展局：行政征收网上公开；行政给付网上公开", (), (), ("区经济发展局",)),
        ("局党委负总责，分管领导具体负责", ("局党委",), ("分管领导",), ()),  # a leading post answers for its part
        ("市委组织部有关部门负责人表示，计划已印发", (), (), ()),  # 负责人 is a person
        ("党员干部要带头学习", (), (), ()),  # people, not a body
    ],
)
def test_inline_responsibility(text, lead, cooperate, shared):
    u = inline_units(text)
    assert (u.lead, u.cooperate, u.shared) == (lead, cooperate, shared)


def test_several_inline_leads_each_lead_their_part():
    u = inline_units("重点排查三方面内容，其中：区交通局牵头开展结构安全排查；区市场局牵头开展经营安全排查")
    assert u.lead == ()
    assert [(s.unit, s.role) for s in u.sub] == [("区交通局", "lead"), ("区市场局", "lead")]
    assert u.sub[1].scope == "牵头开展经营安全排查"


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        ("力争营业收入增长10%以上。责任单位：各区属国企", ("各区属国企",)),
        ("完善监督机制。责任处室:农业农村处、社会事业处", ("农业农村处", "社会事业处")),
        ("全面开展排查。", ()),
    ],
)
def test_trailing_label_without_brackets(text, shared):
    assert trailing_label_units(text).shared == shared


def test_task_table_with_group_column_blank_and_double_leads():
    doc = parse("""
某分解表
附件
任务分解表
工作任务\t工作要求\t牵头单位\t配合/责任单位\t完成时限
一、加强市场主体信息公开\t1.增强政策透明度。\t\t区直各有关单位\t长期坚持
\t2.建立审批问题反馈机制。\t区经济发展局 区行政审批局\t各片区管理局\t6月底前
二、加强减税降费信息公开\t3.推送减税降费政策。\t区财政金融局\t区直各有关单位\t
""")
    one, two, three = doc.items
    assert [i.locator for i in doc.items] == ["附件 第1项", "附件 第2项", "附件 第3项"]
    assert one.text == "增强政策透明度。" and one.units.lead == () and one.units.cooperate == ("区直各有关单位",)
    assert two.units.lead == ("区经济发展局", "区行政审批局")
    assert two.section.endswith("一、加强市场主体信息公开")
    assert (one.deadline, two.deadline) == ("长期坚持", "6月底前")
    assert three.units.lead == ("区财政金融局",)


def test_markdown_task_table_with_guide_column():
    doc = parse("""
某清单
| 序号 | 改革举措 | 牵头部门 | 指导部门 |
| --- | --- | --- | --- |
| 1 | 推行一件事一次办 | 区政务服务局 | 市政务服务局 |
| 2 | 优化营商环境 | 区发改局 | |
""")
    one, two = doc.items
    assert one.text == "推行一件事一次办"
    assert (one.units.lead, one.units.guide) == (("区政务服务局",), ("市政务服务局",))
    assert two.units.guide == ()


def test_duty_table_rows_are_items_of_their_unit():
    doc = parse("""
某方案
附件
部门职责分工表
序号\t部门\t主要职责分工
1\t区交通建设局\t牵头开展结构安全排查整治；会同有关部门加强监管。
2\t区行政审批局\t配合市场监管局推动安全鉴定；完善确权登记管理制度。
""")
    one, two = doc.items
    assert one.units.lead == ("区交通建设局",)
    assert two.units.shared == ("区行政审批局",)
    assert two.text.startswith("区行政审批局：")


@pytest.mark.parametrize(
    ("text", "deadline", "frequency"),
    [
        ("（一）部署启动阶段（3月底前）。制定具体措施。", "3月底前", ""),
        ("2023年6月底前完成所有自建房排查摸底。", "2023年6月底前完成", ""),
        ("---确定权力清单（4月底前）。加快梳理进度。", "4月底前", ""),
        ("各牵头部门于每年12月10日前报告。", "12月10日前", "每年"),
        ("区领导每季度至少1次到联系点调研。", "", "每季度至少1次"),
        ("领导干部要长期坚持。", "长期坚持", ""),
        ("加强组织领导。", "", ""),
    ],
)
def test_deadlines_and_frequencies(text, deadline, frequency):
    assert deadline_of(text) == deadline
    assert frequency_of(text) == frequency


def test_top_level_paragraph_ending_in_units_is_a_task_not_a_heading():
    doc = parse("""
某区2023年工作要点
一、加强政治建设，严明政治纪律。（区纪委牵头，区委组织部配合）
二、推进基层组织建设。（区委组织部负责）
三、保障措施
1.加强领导。（区委办牵头）
""")
    first, second, third = doc.items
    assert first.text.startswith("加强政治建设") and first.units.lead == ("区纪委",)
    assert second.units.shared == ("区委组织部",)
    assert third.section == "三、保障措施"
    assert [s.title for s in doc.sections] == ["保障措施"]


@pytest.mark.parametrize(
    ("text", "lead", "named"),
    [
        ("加强禁毒宣传。一是局党委负总责；二是各村居要负责本村居的禁毒工作。", ("局党委",), ("局党委", "各村居")),
        ("---区数字办负责升级电子监察系统（10月底前）。", (), ("区数字办",)),
        ("（1）对排查发现的隐患，由区交通局牵头推进专项整治。", ("区交通局",), ("区交通局",)),
    ],
)
def test_enumerated_clauses_carry_their_subjects(text, lead, named):
    u = inline_units(text)
    assert (u.lead, u.all) == (lead, named)


def test_sub_item_paragraph_with_its_own_parenthesis_is_a_task():
    doc = parse("""
某方案
1.实施分类整治。按照要求有序推进。
（1）对结构安全隐患开展专项整治。（区交通局牵头，各片区配合）
（2）对经营性自建房开展复查。（区市场局牵头）
""")
    # items of their own, named by the item above them ("实施分类整治 第1项"), which keeps its own number
    assert [(it.locator, it.units.lead) for it in doc.items] == [
        ("第1项", ()), ("实施分类整治 第1项", ("区交通局",)), ("实施分类整治 第2项", ("区市场局",))]


def test_html_table_rows():
    doc = parse("""
某清单
<table>
<tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>配合单位</th></tr>
<tr><td>1</td><td>建立联系点制度</td><td>区委组织部</td><td>各街道</td></tr>
<tr><td>2</td><td>规范三会一课</td><td>区直机关工委</td><td>区民政局<br>团区委</td></tr>
</table>
""")
    one, two = doc.items
    assert one.text == "建立联系点制度" and one.units.lead == ("区委组织部",)
    assert two.units.lead == ("区直机关工委",)
    assert two.units.cooperate == ("区民政局", "团区委")  # stacked in one cell with <br>


_COVER = """关于印发《某某片区督导方案》的通知
{addressee}
现将《某某片区督导方案》印发给你们，请认真遵照执行。
某某片区管理局
2021年4月8日
某某片区督导方案
{opening}
组　长：张三 党委委员
副组长：李四 农业农村处处长
"""


@pytest.mark.parametrize(("addressee", "opening"), [
    ("各处室，各村委会：", "根据《关于开展村干部经济责任审计的通知》（某农联〔2021〕3号）精神，为加强督导，决定成立督导领导小组，具体成员名单如下："),
    ("各镇（街道）党（工）委，区直各单位：", "为贯彻落实《某某条例》，结合实际，制定本方案，现将有关事项通知如下："),
    ("各乡镇党委，县直各单位党组（党委）、各部门，各人民团体党组：", "根据工作安排，经研究，决定成立专项督导组，名单如下:"),
])
def test_a_running_paragraph_ending_in_a_colon_is_body_not_an_addressee(addressee, opening):
    # the addressee line belongs to the header; the opening paragraph (however it ends) is searchable text
    doc = parse(_COVER.format(addressee=addressee, opening=opening))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert doc.title == "某某片区督导方案"
    assert opening[:20] in body
    assert addressee not in body
