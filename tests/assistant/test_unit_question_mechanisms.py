"""Unit questions ("X负责什么", "X在Y方面要做什么", "张三负责什么") through the whole router, one row per mechanism
(issue 16, eval/unit_probe_table.tsv): short snippets in the style of the breadth corpus, no file under
/work/shared read. Each row: the document text, the question, phrases the answer must hold, phrases it must not.
"""

from __future__ import annotations

import pytest

from assistant.documents.units_index import UnitIndex
from corpus.parse import parse_document
from tests.support.routing import ask_alone

_PLAN = "禁毒工作方案\n\n一、工作目标\n全面加强禁毒工作。\n"
_ROSTER = ("清明节祭扫期间突发事件应急预案\n\n四、组织机构\n（一）总指挥部：\n总 指 挥 ：林 峰 党委委员、四级调研员\n"
           "副总指挥 ：何 盈 党委副书记\n欧阳志为 党委委员、副局长\n林鹏飞 党委委员、四级调研员\n成 员 ： 王强平 党政办公室主任\n"
           "领导小组下设办公室，办公室依托社会事业处，主任由林瑞珍同志兼任，负责统筹协调日常工作。\n"
           "领导小组下设2个清明祭扫保障工作小组\n第一小组：大练清明祭扫保障工作小组\n组 长：欧阳志为\n副 组 长：郑应昌 李云桂\n"
           "成 员：交通与建设处、大练包村工作队及村干部\n职 责：负责大练涉迁坟墓安置区的祭扫管理、交通疏导等相关保障工作。\n"
           "第二小组：屿头清明祭扫保障工作小组\n组 长：何 盈\n成 员：党群工作处\n职 责：负责屿头辖区内农村散葬区的祭扫管理。\n")

CASES = [
    ("co-subjects: the asked body listed with others before the predicate they share (A、B务必…)",
     "保障性安居工程建设目标任务\n\n三、工作要求\n1.务必高度重视。保障性安居工程建设规模大，各片区开发管理局、各责任单位务必"
     "把保障性安居工程建设作为一把手工程来抓。\n2.务必尽快启动。各片区开发管理局、各责任单位要按工作时限倒排工期。\n",
     "各责任单位要做什么？", ("作为一把手工程来抓", "按工作时限倒排工期"), ()),
    ("co-subjects: a collective right after the asked collective (各相关部门各村要…)",
     "清明节群众祭扫保障工作方案\n\n三、工作要求\n（一）加强组织领导。各相关部门各村要把做好清明节工作作为维护社会和谐稳定的"
     "重要工作来抓。\n（二）做好信息报送。各相关部门各村要及时、准确地做好群众祭扫相关信息报送。\n",
     "各村要做哪些事？", ("维护社会和谐稳定", "群众祭扫相关信息报送"), ()),
    ("the one the subject acts with (各村与吸毒人员家庭签订…) keeps the subject's duty",
     _PLAN + "二、加大帮教力度\n以网格化服务管理机制为手段，各村与吸毒人员家庭签订帮教协议书。采取管理、监督相结合的办法。\n",
     "各村要负责哪些禁毒工作？", ("各村与吸毒人员家庭签订帮教协议书",), ()),
    ("…but never a noun phrase (A与B的…)",
     _PLAN + "二、职责\n各村与社区的关系另行规定。派出所负责吸毒人员管控。\n",
     "各村要做哪些事？", (), ("关系另行规定",)),
    ("a body's offices (片区管理局各内设处室) are not a second subject after the body",
     "安全生产工作规定\n\n第八条 片区管理局安全生产工作职责：（一）宣传贯彻安全生产法律法规。（二）健全安全生产目标责任体系。\n"
     "第十一条 片区管理局各内设处室及办事处应当完善安全生产议事制度。\n",
     "片区管理局负责什么？", ("宣传贯彻安全生产法律法规",), ("完善安全生产议事制度",)),
    ("a short form the index knows (乡镇人民政府 of 各乡镇人民政府) abbreviated once more: 乡镇政府",
     "畜禽养殖废弃物资源化利用实施方案\n\n三、重点任务\n1.推进畜禽标准化规模养殖。\n责任单位：各乡镇人民政府，区农村发展局。\n"
     "2.促进畜禽粪便肥料化利用。\n责任单位：各乡镇人民政府，区环境与国土资源局。\n",
     "乡镇政府要做哪些事？", ("各乡镇人民政府", "推进畜禽标准化规模养殖", "促进畜禽粪便肥料化利用"), ()),
    ("a collective named inside a longer body's name (各乡镇 in 各乡镇人民政府) is not that body's subject",
     "农村人居环境整治三年行动实施方案\n\n三、保障措施\n1.营造良好氛围。各乡镇要组织开展农村美丽庭院评选。（责任单位：各乡镇）\n"
     "2.整治房前屋后。推进村庄房前屋后整治（责任单位：各乡镇人民政府、区社会事业局）。\n",
     "各乡镇要干什么", ("组织开展农村美丽庭院评选",), ("责任单位：各乡镇人民政府",)),
    ("a place level dropped (片区消防工作站 asked as 消防工作站), though the document's title names it too",
     "关于成立金井片区消防工作站的通知\n\n一、主要职责\n（一）组织制定片区消防工作年度计划。（责任单位：片区消防工作站）\n"
     "（二）指导成员单位健全落实消防安全责任制。（责任单位：片区消防工作站）\n二、工作要求\n消防工作站办公室负责落实开展消防安全各项工作。\n",
     "消防工作站负责什么？", ("组织制定片区消防工作年度计划",), ("文件没有把",)),
    ("a collective asked without 各 (乡镇 of 各乡镇)",
     "农业水价综合改革工作计划\n\n二、主要任务\n1.确定农业用水总量指标。（责任单位：各乡镇）\n2.推广节水农业技术。（责任单位：各乡镇、区农发局）\n",
     "乡镇要做哪些事", ("确定农业用水总量指标", "推广节水农业技术"), ()),
    ("a time or stage frames the topic (在…阶段, 在…时, 在…期间)",
     "违建坟墓整治攻坚战实施方案\n\n二、实施步骤\n（一）核查核实阶段。各村要进一步摸清违建坟墓底数。\n"
     "（二）集中整治阶段。各村对照排查问题清单，坚持边查边改。\n",
     "各村在核查阶段要做什么？", ("进一步摸清违建坟墓底数",), ("对照排查问题清单",)),
    ("an abbreviation asked with a topic (交投公司负责哪些安置小区) is asked of the full name",
     "保障性安居工程建设目标任务\n\n一、安置型商品房\n1.吉钓安置小区1860套，责任单位：平潭综合实验区交通投资发展有限公司。\n"
     "2.澳前安置小区573套，责任单位：平潭综合实验区交通投资发展有限公司。\n3.流水安置小区300套，责任单位：平潭综合实验区流水小城镇建设有限公司。\n",
     "交投公司负责哪些安置小区？", ("吉钓安置小区", "澳前安置小区"), ("流水安置小区",)),
    ("a frame pointing back (在这些项目里) names no topic: the whole list",
     "宜居环境建设行动计划实施方案\n\n二、重点项目\n1.城市绿道建设。（责任单位：区交通与建设局）\n2.公路沿线绿化整治。（责任单位：区交通与建设局）\n",
     "区交通与建设局在这些项目里主要干什么？", ("城市绿道建设", "公路沿线绿化整治"), ()),
    ("a place's body asked by its level without the place's name (君山片区管理局 as 片区管理局)",
     "君山片区违规摆摊设点整治工作方案\n\n三、职责分工\n（一）君山片区管理局：负责牵头统筹协调整治工作。\n"
     "（二）片区市场监管所：负责打击强买强卖。\n",
     "片区管理局在整治中负责啥？", ("牵头统筹协调",), ("强买强卖",)),
    ("a place written with its alternative in brackets (各村（居）) asked with the bracket run in (村居)",
     "平安建设责任书\n\n一、工作任务\n1.各村（居）要落实信访评理工作。\n2.各村（居）要提高平安三率。\n",
     "村居要做哪些工作？", ("信访评理", "平安三率"), ()),
    ("a framed topic that is the document's own (在林长制考核中, 林长制工作考核 in the title): the whole list",
     "2022年林长制工作考核任务分解表\n\n序号\t考核内容\t责任单位\n1\t森林防灭火\t政法综治处\n2\t涉林信访纠纷调处\t政法综治处\n"
     "3\t营造林生产\t资源生态处\n",
     "政法综治处在林长制考核中负责什么？", ("森林防灭火", "涉林信访纠纷调处"), ("营造林生产",)),
    ("a body asked by its stem (公安 of 区公安局, 交警 of 交警部门), level and organisation noun left out",
     "种业知识产权保护专项行动方案\n\n二、重点任务\n（一）强化种业知识产权保护。（责任单位：区法院，配合单位：区公安局）\n"
     "（二）加大重大案件查处力度。（责任单位：区农业农村局，配合单位：区公安局、交警部门）\n（三）加强宣传。（责任单位：区宣传部）\n",
     "公安配合哪些工作？", ("强化种业知识产权保护", "加大重大案件查处力度"), ("加强宣传",)),
    ("…and a stem no unit has stays unknown",
     "种业知识产权保护专项行动方案\n\n二、重点任务\n（一）强化种业知识产权保护。（责任单位：区法院，配合单位：区公安局）\n",
     "财政配合哪些工作？", (), ("强化种业知识产权保护",)),
    ("a heading that is only the unit's name owns what follows it (（二）区路长办公室。负责…), asked by its short form",
     "路长制实施方案\n\n五、职责分工\n（一）区级总路长。区级总路长负责全区路长制的组织、调度、协调和监督工作。\n"
     "（二）区路长办公室。负责制定路长管理制度和考核办法，负责督促落实总路长的工作部署。\n"
     "（三）乡镇路长。乡镇路长为辖区内农村公路路域环境整治的第一责任人。\n六、保障措施\n（一）加强组织领导。区路长办公室负责牵头，"
     "每季度定期召开成员单位会议。\n二、基本原则\n乡镇负责日常小修保养。\n",
     "路长办要做哪些事？", ("负责制定路长管理制度和考核办法",), ("区级总路长负责",)),
    ("a body followed by a post (乡镇路长) asks the post's holder, not the body",
     "路长制实施方案\n\n五、职责分工\n（一）乡镇路长。乡镇路长为辖区内农村公路路域环境整治的第一责任人，负责组织做好征迁工作。\n"
     "六、保障措施\n1.日常小修保养。（责任单位：乡镇）\n2.路面清扫。（责任单位：乡镇）\n",
     "乡镇路长负责什么？", ("第一责任人",), ("日常小修保养",)),
    ("a topic framed as such (在组织方面) narrows the duties though two characters long",
     "生态环境保护工作职责规定\n\n第六条 区党群工作部工作职责：\n（一）组织方面\n1.完善党政领导干部考核机制。\n"
     "2.组织开展领导干部生态环境保护教育培训工作。\n（二）宣传方面\n1.负责开展生态环境保护宣传教育。\n",
     "党群工作部在组织方面负责什么？", ("完善党政领导干部考核机制",), ("宣传教育",)),
    ("a role word inside a topic frame (在协作配合上) asks no role; condition clauses go on with the duty",
     "执法监督检查计划\n\n三、有关要求\n（一）严格计划管理。各处室要严格按照执法监督检查计划执行。\n"
     "（二）加强协作配合。各处室加强日常沟通协调,同类监督检查工作能够联合开展的,应当联合开展;结果能够共享的,应当主动共享。"
     "日常监督检查工作中,发现涉嫌违纪违法违规问题线索的,要依法依规及时处置，并抄送监督检查处。\n（三）守检查纪律。检查人员要遵守工作纪律。\n",
     "各处室在协作配合上要做什么？", ("应当联合开展", "应当主动共享", "抄送监督检查处", "“协作配合”方面"),
     ("没有把各处室列为", "遵守工作纪律")),
    ("a roster's continuation line is under its own label (副总指挥), never the roster's first post",
     _ROSTER, "欧阳志为负责什么？", ("名单中任副总指挥",), ("总指挥 ：欧阳志为", "总指挥：欧阳志为")),
    ("a group's members asked: its roster, though the group is a unit with duties (金井片区督查专班 = 督查专班)",
     "关于组建督查专班开展督查巡查工作的通知\n\n关于组建督查专班开展督查巡查工作的通知\n各工作小组，各村（居）委会：\n"
     "为推动各项工作落实，经研究，决定成立金井片区督查专班，对落实各项目标任务责任情况开展督查巡查。\n一、人员组成\n"
     "组 长：庄 亮 党委委员、驻片区纪检监察组组长\n副组长：林 华 局长助理\n成 员：林 勇 办公室工作小组副组长\n"
     "林圣龙 办公室工作小组科员\n施丽华 党群工作小组科员\n二、督查内容\n片区管理局重点工作落实情况。\n三、督查方式\n"
     "督查专班认真对照重点工作任务完成情况，采取书面和实地督查相结合的方式进行督查。\n四、督查要求\n"
     "（一）明确督查内容。督查组组长要组织组员对检查内容进行梳理。\n（二）坚持问题导向。各督查组要以问题为导向。\n",
     "督查专班有哪些成员？", ("林圣龙", "施丽华"), ()),
    ("a group leader's duties say which group they are",
     _ROSTER, "欧阳志为负责什么？", ("大练清明祭扫保障工作小组；职责：负责大练涉迁坟墓安置区",), ("屿头辖区",)),
]


@pytest.mark.parametrize(("text", "question", "present", "absent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_unit_question(text, question, present, absent, tmp_path):
    reply = ask_alone(text, question, tmp_path)
    for phrase in present:
        assert phrase in reply.text, reply.text
    for phrase in absent:
        assert phrase not in reply.text, reply.text


# One body's offices or post written at several lengths in one document is one unit; two bodies stay two.
_OFFICES = ("安全生产工作规定\n\n第六条 各内设处室应当各司其职。（责任单位：片区管理局各内设处室）\n"
            "第九条 片区内设处室、东庠办事处安全生产工作基本职责：（一）宣传贯彻执行国家安全生产法律。（二）建立健全制度。\n"
            "第十二条 内设处室负责本行业安全生产监督。（责任单位：内设处室）\n")
_TEAM = ("微型消防站建设的通知\n\n二、微型消防站队长应履行以下职责\n1.组织指挥初起火灾扑救和应急救援；\n2.组织开展防火巡查。\n"
         "三、学习制度\n1.队长要组织站员学习消防设施的使用方法。\n2.消防站队长应制定站内学习计划。\n")
_TASK_FORCES = ("征迁工作专班的通知\n\n一、工作专班负责统筹全片区征迁工作。（责任单位：工作专班）\n"
                "二、各区域征迁工作专班负责本区域征迁。（责任单位：各区域征迁工作专班）\n"
                "三、白青区域征迁工作专班负责白青区域。（责任单位：白青区域征迁工作专班）\n")


@pytest.mark.parametrize(("text", "asked", "together"), [
    (_OFFICES, "内设处室", ("片区内设处室", "片区管理局各内设处室")),
    (_TEAM, "队长", ("微型消防站队长", "消防站队长")),
])
def test_one_body_written_at_several_lengths_is_one_unit(text, asked, together):
    units = UnitIndex((parse_document(text, "d.txt"),))
    keys = {units.key(n) for n in (asked, *together)}
    assert len(keys) == 1, keys


def test_a_collective_and_one_of_its_members_stay_apart():
    units = UnitIndex((parse_document(_TASK_FORCES, "d.txt"),))
    assert len({units.key(n) for n in ("工作专班", "各区域征迁工作专班", "白青区域征迁工作专班")}) == 3
