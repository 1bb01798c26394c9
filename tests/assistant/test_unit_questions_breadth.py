"""Unit questions over documents in other conventions ("X负责什么", "X要做哪些事", issue 16): one row per
mechanism, with short snippets in the style of the breadth corpus (no file under /work/shared is read).

Each row: the document text, the question, phrases the answer must hold, phrases it must not hold.
"""

from __future__ import annotations

import pytest

from assistant.documents.contact_tables import ContactIndex
from assistant.documents.units_index import UnitIndex
from assistant.questions.frames import UnitDuties
from assistant.questions.intents import parse_question
from assistant.questions.unit_answers import answer_unit_duties
from corpus.parse import parse_document

CASES = [
    ("a body only the running text names as the one who acts",
     "关于推进安全生产标准化三年行动的通知\n\n一、企事业单位三年行动\n各行业主管部门要切实落实工作机构。同时，适时更新企业名册，"
     "并于6月20日前将企业名册报送区安办。区安办将对报送企业名册不及时的部门进行通报。\n二、个体工商户\n各行业主管部门应确定名单。\n",
     "区安办在这项工作里管什么？", ("进行通报", "文件没有把区安办列为"), ()),
    ("a sentence that carries on without a subject of its own",
     "关于推进安全生产标准化三年行动的通知\n\n一、企事业单位三年行动\n各行业主管部门要切实落实工作机构。同时，适时更新企业名册，"
     "并于6月20日前将企业名册报送区安办。区安办将对报送不及时的部门进行通报。\n二、个体工商户\n各行业主管部门应确定名单。\n",
     "各行业主管部门要做哪些事？", ("适时更新企业名册", "确定名单"), ("进行通报",)),
    ("由X负责解释 in a heading of the closing articles",
     "市容环境卫生考评办法\n\n三、考评工作小组\n区环境卫生综合整治主题活动领导小组办公室负责具体组织实施，人员由区效能办等单位组成。\n"
     "六、附则\n（一）本办法自2014年9月11日起实施\n（二）本办法由区环境卫生综合整治主题活动领导小组办公室负责解释\n",
     "区环境卫生综合整治主题活动领导小组办公室负责什么？", ("具体组织实施", "负责解释"), ()),
    ("a role written as a verb after the unit, with no 负责",
     "宜居环境建设行动计划\n\n（一）建设美丽乡村\n责任分工：区规划局负责开展规划编制工作，所在乡镇人民政府组织实施，"
     "区交通与建设局业务检查指导并协助区规划局做好规划编制工作。\n（二）推进绿道网建设\n责任分工：区交通与建设局负责检查指导。\n",
     "区交通与建设局负责什么？", ("业务检查指导并协助区规划局", "检查指导"), ("开展规划编制工作」",)),
    ("a role noun as the subject (主办单位), though no task lists it",
     "关于办理代表建议和政协提案的通知\n\n四、强化协调配合。代表建议由两个以上单位会同办理的，主办单位应主动征求协办单位意见"
     "并负责答复代表或提案者，协办单位应积极配合。\n五、密切沟通联系。各承办单位要加强沟通。\n",
     "主办单位要做哪些事？", ("主动征求协办单位意见", "负责答复代表或提案者"), ("加强沟通",)),
    ("a body set up by the text does what follows",
     "关于组建督查专班开展督查巡查工作的通知\n\n经党委研究，决定成立金井片区督查专班，对落实各项目标任务责任情况开展督查巡查。\n"
     "三、督查方式\n督查专班综合汇总督查情况，及时向片区党委报告。\n",
     "督查专班负责什么？", ("对落实各项目标任务责任情况开展督查巡查", "综合汇总督查情况"), ()),
    ("topic words held by every duty's heading (排查哪些领域)",
     "关于开展安全生产大检查工作的通知\n\n三、检查重点\n1.房屋及工程施工安全领域：相关处室重点排查违法建设行为；\n"
     "2.道路交通领域：相关处室重点排查道路运输企业；\n3.城镇燃气领域：相关处室重点排查非法储存充装点。\n",
     "相关处室要排查哪些领域？", ("房屋及工程施工安全领域", "道路交通领域", "城镇燃气领域"), ()),
    ("a topic naming the section of some duties lists those only",
     "深化权力运行网上公开试点工作方案\n\n二、工作任务\n（一）承接省级试点工作\n我区以下单位参与试点：\n"
     "1.区经济发展局：行政征收网上公开；惠企惠农项目资金管理网上公开。\n2.区交通与建设局：公共服务事项管理网上公开。\n"
     "（二）推行区级权力运行网上公开\n1.区经济发展局：梳理权力清单。\n2.区财政局：做好经费保障。\n",
     "区经济发展局承接哪些省级试点事项？", ("惠企惠农项目资金管理网上公开", "省级试点"), ("梳理权力清单",)),
    ("people named with 干部 in one place and 责任人 in another are one collective",
     "关于开展结对帮扶走访慰问活动的通知\n各挂钩帮扶干部：\n现将有关事项通知如下：\n四、工作要求\n"
     "1.继续摸底基本情况。各挂钩帮扶责任人应再次摸底各脱贫户生产、生活情况。\n"
     "2.提供入户走访资料。各挂钩帮扶干部于12月31日前将工作手册交至农业农村处。\n",
     "挂钩帮扶干部要做哪些事？", ("继续摸底基本情况", "提供入户走访资料"), ()),
    ("a roster place is said as such, and that no personal duty is written",
     "关于成立迎接省级评估工作领导小组的通知\n\n各处室，各相关单位：\n为做好迎检工作，经研究，决定成立领导小组，组成人员如下：\n"
     "组 长：叶苏凤 党委书记、局长\n副 组 长：林 兴 社会事业处处长\n成 员：陈李凯 党政办公室主任\n佘长强 自然资源服务站站长\n",
     "佘长强要做哪些事？", ("名单中任成员", "未写明其个人分工"), ("按职责分工负责",)),
    ("a short form no document writes as a party (区财金局 of 区财政金融局)",
     "绿岛花城建设工作要点\n\n3.落实建设资金。区财政金融局统筹安排建设资金。领导小组办公室配合区财金局严把资金使用关。\n"
     "5.抓好乡村绿化。区财政金融局负责安排专项资金。\n",
     "区财金局负责哪块？", ("统筹安排建设资金", "安排专项资金"), ()),
    ("a name asked without its level (局交通与建设处 as 交通与建设处)",
     "清明期间交通疏导方案\n\n四、工作要求\n1.局交通与建设处要做好道路交通安保工作。\n2.大练区域各村委会要做好值班。\n",
     "交通与建设处负责什么？", ("道路交通安保工作",), ("做好值班",)),
    ("a name asked without the place it opens with (大练区域各村委会 as 各村委会)",
     "清明期间交通疏导方案\n\n四、工作要求\n1.局交通与建设处要做好道路交通安保工作。\n"
     "2.大练区域各村委会要做好值班，将值班表报局交通与建设处备案。\n",
     "各村委会要做哪些事？", ("大练区域各村委会", "做好值班"), ("文件没有把",)),
    ("a collective asked without 各 (各乡镇安委会 as 乡镇安委会)",
     "推进安全生产责任体系建设的通知\n\n1.各乡镇安委会要加强督促指导。\n2.各行政村要明确安全生产职责。\n",
     "乡镇安委会要做哪些事？", ("加强督促指导",), ("明确安全生产职责",)),
    ("a name that goes on into another body's name, and a seal note, are no mention",
     "两不愁三保障实施方案\n\n三、职责分工\n1.各乡镇组织专门力量核实情况。\n2.落实属地责任（责任单位：各乡镇党委和人民政府）。\n"
     "四、其他\n（各乡镇代章）\n",
     "各乡镇要做哪些事？", ("组织专门力量核实情况",), ("各乡镇党委和人民政府）」", "代章")),
    ("a leader's share of the work (张三同志：主持…；分管…；联系…), asked without 同志",
     "关于调整镇领导班子成员分工的通知\n\n各村（居），镇直各单位：\n现将分工通知如下：\n"
     "张三同志：主持镇政府全面工作；分管党政办公室、财政所；联系东山村。\n"
     "王五同志：负责农业农村工作，协助张三同志抓好财政工作；分管农业服务中心。\n",
     "张三负责什么？", ("主持镇政府全面工作", "分管党政办公室、财政所", "联系东山村"), ("农业农村工作",)),
    ("another body ending in the same words is not the unit",
     "党风廉政建设工作要点\n\n1.加强日常监督（区纪委牵头）。\n2.强化问责（区委组织部牵头）。\n三、保障措施\n"
     "市纪委负责统筹督导各区工作。各单位要报送区纪委备案。\n",
     "区纪委负责哪些工作？", ("加强日常监督",), ("统筹督导", "报送区纪委备案")),
]


def _answer(text: str, question: str):
    doc = parse_document(text, "d.txt")
    units = UnitIndex((doc,))
    frame = parse_question(question, units, ContactIndex(()), (doc,))
    assert isinstance(frame, UnitDuties), frame
    return answer_unit_duties(question, frame, units, (doc,))


@pytest.mark.parametrize(("text", "question", "present", "absent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_unit_question(text, question, present, absent):
    answer = _answer(text, question)
    assert answer.found and answer.citations
    for phrase in present:
        assert phrase in answer.text, answer.text
    for phrase in absent:
        assert phrase not in answer.text, answer.text


NOT_UNIT_QUESTIONS = [
    # who-questions about a task: search and the item's parsed units answer them
    ("确定农业用水总量由哪些单位负责？", "农业水价改革方案\n\n一、确定农业用水总量\n区农发局牵头确定农业用水总量，各乡镇配合。\n"),
    # a section's contents, not a body
    ("督查内容有哪些？", "督查方案\n\n二、督查内容\n督查组对造林绿化进度开展督查。\n"),
    # a body no sentence names as the one who acts: nothing to list (searched, or said unknown)
    ("区火星局负责什么？", "督查方案\n\n二、督查内容\n督查组对造林绿化进度开展督查。\n"),
]


@pytest.mark.parametrize(("question", "text"), NOT_UNIT_QUESTIONS, ids=[q for q, _ in NOT_UNIT_QUESTIONS])
def test_not_a_unit_question(question, text):
    doc = parse_document(text, "d.txt")
    frame = parse_question(question, UnitIndex((doc,)), ContactIndex(()), (doc,))
    assert not isinstance(frame, UnitDuties), frame


def test_a_bodys_people_are_not_the_body():
    """"各学校教师要…" is what the teachers do; "区纪委书记负责…" what the secretary does."""
    text = ("控辍保学工作实施方案\n\n三、工作措施\n（一）落实责任\n1.各学校要明确主体责任。\n2.各学校教师要做好结对帮扶工作。\n"
            "3.区纪委书记负责督办。\n")
    answer = _answer(text, "各学校负责什么？")
    assert "明确主体责任" in answer.text and "结对帮扶" not in answer.text, answer.text


def test_a_unit_no_task_names_is_not_counted_as_having_none():
    """"主办单位有几项工作": no item names it, the text says what it does — never "文件中没有主办单位承担的条目"."""
    from assistant.documents.knowledge import Knowledge
    from assistant.questions.router import Turn, route
    from corpus.library import Corpus

    doc = parse_document(CASES[4][1], "d.txt")
    reply, _ = route(Turn("主办单位有几项工作？", Knowledge(corpus=Corpus(documents=(doc,)))))
    assert "文件中没有主办单位" not in reply.text and "主动征求协办单位意见" in reply.text, reply.text
