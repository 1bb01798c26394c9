"""What a unit answer quotes for a duty: the clauses of a duty article, a group's 职责 line (issue 16)."""

from __future__ import annotations

import pytest

from assistant.documents.contact_tables import ContactIndex
from assistant.documents.units_index import UnitIndex
from assistant.questions.intents import UnitDuties, parse_question
from assistant.questions.item_answers import answer_unit
from corpus.parse import parse_document

CASES = [
    ("every clause of a duty article is listed",
     "君山片区管理局安全生产工作规定\n\n第一章 总则\n第九条 片区内设处室、东庠办事处安全生产工作基本职责：\n"
     "（一）宣传贯彻执行国家安全生产法律、法规和方针政策，" + "督促落实" * 40 + "。\n"
     "（二）建立健全本处室的安全生产工作制度、规定和办法。\n（三）制定和完善生产安全事故应急救援预案，定期组织演练。\n"
     "第十条 其他事项。\n",
     "东庠办事处有哪些职责？", ("（二）建立健全本处室的安全生产工作制度", "（三）制定和完善生产安全事故应急救援预案"), ()),
    ("a group's duties, not its people",
     "样板项目服务工作专班的通知\n\n一、综合协调小组\n小组长：任小强 屿头办事处负责人\n成 员： 陈正凤 城乡建设服务中心副主任\n"
     "工作职责：负责收集项目资料，负责做好相关部署及会议精神的上传下达。\n二、用地保障小组\n小组长：俞 文 党群工作处副处长\n"
     "工作职责：负责做好农转用组卷报批等基础工作。\n",
     "综合协调小组做什么工作？", ("会议精神的上传下达",), ("小组长",)),
    ("a short duty article is quoted whole, not cut to each clause's opening",
     "某区生态环境保护工作职责规定\n\n第一章 部门职责\n第十九条 区教育局工作职责：\n"
     "（一）负责将生态环境保护知识纳入各类教育机构的教育内容，培养学生生态环境保护意识。\n"
     "（二）负责加强教育机构的环境管理，督促教育机构做好实验室有毒有害物质的收储。\n第二十条 其他事项。\n",
     "区教育局负责什么？", ("实验室有毒有害物质的收储", "第十九条"), ()),
    ("the unit's clause and the clauses that go on with its duties",
     "网格化服务管理通知\n\n二、组建网格服务管理队伍\n1.组建队伍。各村居要成立网格化工作领导小组，负责统筹协调、指挥调度；"
     "负责为每个单元网格配备专职网格员。各村居要做好保障。\n",
     "网格化工作领导小组负责哪些事？", ("负责统筹协调", "配备专职网格员"), ("做好保障",)),
    ("a paragraph's short title comes with the unit's clause",
     "某村容村貌提升方案\n\n（五）实施村容村貌提升行动\n——整治房前屋后。推进村庄房前屋后整治。\n"
     "——规整村庄杆线。结合房前屋后整治，由区通管办牵头协调电力、通信等部门制定实施方案。\n",
     "区通管办负责什么？", ("规整村庄杆线：区通管办牵头协调",), ()),
    ("the task of a merged table row whose own cell names the unit",
     "某工作方案\n\n序号\t工作任务\t工作内容\t责任单位及分工\n"
     "1\t重点治理\t组织对工业集中区开展综合治理\t经济发展处配合区经发局落实\n"
     "\t\t组织对夹芯板材开展综合治理\t资源生态处配合区资源生态局落实\n",
     "资源生态处负责哪块？", ("组织对夹芯板材开展综合治理",), ("工业集中区",)),
    ("items under a duty heading are quoted whole",
     "岸线巡防工作方案\n\n四、职责任务\n（一）一级岸线巡防队主要职责如下：\n"
     "1.负责组织指导、监督推进下级岸线巡防队的建立和运行。每月开展1次联合督导活动，督促下级巡防人员规范履职。\n"
     "2.收集、汇总下级岸线巡防队发现的问题。需要上级帮助解决的，报领导小组办公室，由领导小组办公室负责召集各成员单位研讨。\n"
     "3.巡查队员每周轮流下沉一线，支援帮扶下级巡防队开展实地巡防工作。\n（二）二级岸线巡防队主要职责如下：\n1.开展巡防工作。\n",
     "一级岸线巡防队有哪些职责？", ("每月开展1次联合督导活动", "收集、汇总下级岸线巡防队发现的问题", "支援帮扶下级巡防队"),
     ("开展巡防工作」",)),
    ("a post also named by the document's title",
     "关于殡改专职巡查员工作职责及奖惩机制有关规定的通知\n\n一、职责范围\n"
     "六名专职巡查员，要全力负责北厝、敖东违建坟墓巡查工作。对发现违规改扩建行为要立即制止并第一时间上报。\n二、工作模式\n",
     "专职巡查员要做哪些工作？", ("违建坟墓巡查工作", "立即制止并第一时间上报"), ()),
]


def _unit_answer(text: str, question: str):
    """The duty-list answer to ``question`` over one document (the question must read as a unit's duties)."""
    doc = parse_document(text, "d.txt")
    units = UnitIndex((doc,))
    frame = parse_question(question, units, ContactIndex(()), (doc,))
    assert isinstance(frame, UnitDuties), frame
    return answer_unit(question, frame, units)


@pytest.mark.parametrize(("text", "question", "present", "absent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_unit_answer_quotes_what_the_unit_does(text, question, present, absent):
    answer = _unit_answer(text, question)
    for phrase in present:
        assert phrase in answer.text, answer.text
    for phrase in absent:
        assert phrase not in answer.text, answer.text


SPELLINGS = [
    ("a body inside its parent, asked by its own name",
     "交通安全整治方案\n\n一、工作任务\n1.区公安局交警部门要严格查处酒驾醉驾。\n2.区公安局交警部门要规范停车秩序。\n"
     "3.交警部门要对查处的三轮车登记造册。\n",
     "交警部门这次要抓哪些工作？", ("酒驾醉驾", "停车秩序", "登记造册")),
    ("a conjunction dropped from a long name",
     "计划生育考核规定\n\n第九条 对没有完成任务的乡镇，由区人口计划生育领导小组根据实际情况，责成乡镇党委报送名单。\n"
     "第十条 本规定由区人口和计划生育领导小组负责解释。\n",
     "区人口计划生育领导小组管哪些事？", ("责成乡镇党委报送名单", "负责解释")),
    ("a body under two nameplates, asked by one of them",
     "宜居环境建设方案\n\n（七）推进绿道网建设\n责任分工：区森林园林局负责绿化，区交通与建设局负责检查指导。\n"
     "（十一）实施三年绿荫行动\n责任分工：由区规划局负责规划指导，区森林园林局（区森林园林公司)负责绿化。\n",
     "区森林园林局负责哪些项目？", ("推进绿道网建设", "实施三年绿荫行动")),
]


@pytest.mark.parametrize(("text", "question", "present"), [c[1:] for c in SPELLINGS], ids=[c[0] for c in SPELLINGS])
def test_one_unit_written_two_ways_is_one_unit(text, question, present):
    answer = _unit_answer(text, question)
    for phrase in present:
        assert phrase in answer.text, answer.text


def test_a_bare_sub_body_name_shared_by_two_parents_stays_apart():
    doc = parse_document("整治方案\n\n一、工作任务\n1.区公安局办公室负责值班。\n2.区财政局办公室负责保障。\n3.办公室负责汇总。\n",
                         "d.txt")
    units = UnitIndex((doc,))
    assert units.key("办公室") == "办公室" and units.duties_of("区公安局办公室")


def test_a_duty_headed_by_a_word_shows_what_is_to_be_done():
    """"7.消防。…占用、堵塞疏散通道的" led by a unit named elsewhere: the heading alone ("消防") says nothing."""
    text = ("专项行动方案\n\n三、重点整治\n1.交通运输。超速、超载的。（区交通与建设局牵头）\n"
            "2.消防。生产、储存易燃易爆危险品的场所与居住场所设置在同一建筑物内的；占用、堵塞、封闭疏散通道的。（区消防支队牵头）\n")
    assert "占用、堵塞、封闭疏散通道" in _unit_answer(text, "区消防支队牵头哪些工作？").text


@pytest.mark.parametrize(("text", "leads"), [
    ("对台职业资格采信工作由区党工委党群工作部负责牵头抓总", ("区党工委党群工作部",)),  # 负责 is no part of the name
    ("由区国资局牵头委托评估机构", ("区国资局",)),
    ("牵头单位：区交建局、区公安局", ("区交建局", "区公安局")),
    ("（牵头单位：区交通与建设局（住建），配合单位：区公安局）", ("区交通与建设局（住建）",)),  # the label ends the list
    ("由哪个单位牵头？", ()),  # a question, not a statement
    ("6、严肃查处损害农民利益的突出问题（牵头单位：县环保局相关业务科室）", ("县环保局相关业务科室",)),  # the bracket closes
    ("（牵头单位：县纪委(监察局)）", ("县纪委(监察局)",)),  # its own bracket kept, the enclosing one not
])
def test_leads_a_quoted_passage_states(text, leads):
    """The parties an answer presents from its own quote (graded by `docbot eval`'s strict lead rule)."""
    from assistant.questions.item_answers import stated_leads

    assert tuple(n for _, names in stated_leads(text) for n in names) == leads


def test_an_items_presented_lead_is_read_from_its_whole_heading():
    """A heading shortened for display ends in "…": the lead it states is read from the whole heading."""
    from assistant.questions.item_answers import parties_of

    doc = parse_document("专项行动方案\n\n一、重点整治\n（1）破坏损害城镇燃气管道设施的；在管道周边乱建乱挖乱钻的（牵头单位："
                         "区交通与建设局（住建），配合单位：区经济发展局（发改）、区公安局、区环境与国土资源局等相关部门）。\n", "d.txt")
    item = next(it for it in (*doc.items, *doc.tasks) if "燃气" in it.text)
    leads = [n for role, names in parties_of(item, "text") if role == "lead" for n in names]
    assert leads and all("…" not in n for n in leads) and "区交通与建设局（住建）" in leads, leads


def test_a_search_quote_takes_the_clauses_that_continue_the_units_duty():
    from assistant.questions.search_answers import _duty_clauses

    sents = ["各处室要密切配合，社会事业处负责制定清明节文明祭扫工作预案，重点做好祭扫服务场所的管控；",
             "协助相关部门处置突发事件；", "负责祭扫服务工作情况的收集、汇总和上报工作。", "党群工作处负责做好政策宣传工作。"]
    assert _duty_clauses("社会事业处在清明祭扫中负责哪些工作？", sents, 0, 1) == 3
    assert _duty_clauses("党群工作处负责哪些工作？", sents, 3, 4) == 4
    assert _duty_clauses("清明节祭扫预案谁制定？", sents, 0, 1) == 1  # not a question about a unit's duties
