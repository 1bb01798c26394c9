"""Confident wrong answers found by asking the breadth documents as a demanding reader would (issue 16,
eval/hostile_probes.tsv): one row per mechanism, with short snippets in the style of the breadth corpus
(no file under /work/shared is read), answered through the whole router.

Each row: the document text, the question, phrases the answer must hold, phrases it must not hold.
"""

from __future__ import annotations

import pytest

from tests.support.routing import ask_alone

_ROSTER = ("关于成立海绵城市建设试点工作领导小组的通知\n\n区直各单位：\n现将组织机构通知如下：\n一、组织机构\n"
           "组 长：王进足 区党工委委员、管委会副主任\n副组长：林 杰 区环境与国土资源局局长\n欧小宁 区经济发展局局长\n"
           "陈道金 区财政金融局局长\n成 员：陈 强 资源生态处处长\n陈华强 流水派出所所长\n陈 强 区市场监管局君山分局局长\n"
           "二、责任分工\n1.区财政金融局：负责将实施项目列入年度财政预算。\n")

CASES = [
    ("a roster member's entry is quoted alone, never under the roster's first post",
     _ROSTER, "陈道金负责什么？", ("陈道金区财政金融局局长", "名单中任副组长"), ("组长：陈道金", "欧小宁")),
    ("a person's name is no abbreviation of a longer one (陈强 is not 陈华强)",
     _ROSTER, "陈强负责什么？", ("陈强资源生态处处长",), ("陈华强", "流水派出所")),
    ("two people of one name in a roster are both said, each with their post",
     _ROSTER, "陈强负责什么？", ("名单中有2人同名", "资源生态处处长", "区市场监管局君山分局局长"), ()),
    ("a body asked of that no found passage names is not answered with another body's duties",
     "进一步明确三个中心职责权限的通知\n\n一、规范便民事务管理\n直办业务流程：群众申请→村委意见→中心窗口收件。\n"
     "二、南海中心另行增加职能\n（一）负责村级组织日常事务管理。抓好三会一课，推动村级组织建设。\n"
     "（二）协助开展村居人居环境整治督促检查工作。\n",
     "村委负责什么？", ("村委意见",), ("抓好三会一课", "人居环境整治")),
    ("the offices of a body (片区管理局各内设处室) are not the body itself",
     "安全生产工作规定\n\n第八条 片区管理局安全生产工作职责：（一）宣传贯彻安全生产法律法规。（二）健全安全生产目标责任体系。\n"
     "第十一条 片区管理局各内设处室及办事处应当完善安全生产议事制度，主要负责人每季度主持召开一次安全生产专题会议。\n",
     "片区管理局负责什么？", ("宣传贯彻安全生产法律法规",), ("每季度主持召开",)),
    ("a district body (区防控办) is not the end of a sub-area's body (片区防控办): 区 ends 片区 there",
     "专项督导方案\n\n为做好疫情防控工作，根据区防控办督导工作要求，特制定本方案。\n一、主要任务\n"
     "片区防控办联合监督检查组对各行政村进行一周一督导。\n二、工作要求\n（一）片区防控办将严格落实追责机制。\n",
     "区防控办负责什么？", (), ("片区防控办承担", "一周一督导")),
    ("a paragraph's quote for one party stops where another party's sentence begins",
     "关于组建督查专班开展督查巡查工作的通知\n\n三、督查方式\n督查专班采取书面和实地督查相结合的方式进行督查，各相关部门须全力配合。"
     "督查专班综合汇总督查情况，及时向片区党委报告相关工作进展情况。\n",
     "各相关部门负责什么？", ("各相关部门须全力配合",), ("综合汇总督查情况",)),
    ("…and goes on where the unit is named again",
     "违建坟墓整治实施方案\n\n（一）核查核实阶段。各村要进一步摸清违建坟墓底数。相关职能部门要及时提供技术支持，"
     "及时发现违法占地行为。各村负责汇总本辖区核实情况，填写核实情况统计表。\n",
     "各村要做哪些事？", ("摸清违建坟墓底数", "填写核实情况统计表"), ("提供技术支持",)),
    ("a topic named only as one of a list of several units' topics is no one unit's topic",
     "两不愁三保障实施方案\n\n三、责任分工\n（一）核查标准\n1.贫困人口义务教育有保障。（责任单位：区教育局）\n"
     "2.贫困人口住房安全有保障。（责任单位：区危改办）\n（二）部门职责\n1.区直责任单位职责：区教育局、危改办等主管部门，"
     "要分别就解决义务教育、住房安全、饮水安全等方面突出问题，制定整改方案。\n",
     "区教育局在住房安全方面负责什么？", (), ("在“住房安全”方面",)),
    ("a body's ranked post (区道安办常务副主任李斌) acts, not the body",
     "交通安全综合整治专项行动方案\n\n二、组织领导\n成立工作领导小组，负责统筹安排综合整治工作。办公室设在区道安办，由高杰主任兼任"
     "办公室主任，负责牵头、组织、协调综合整治工作，由区道安办常务副主任李斌主持日常工作。\n",
     "区道安办负责什么？", (), ("正文中写到区道安办要做的事",)),
]


@pytest.mark.parametrize(("text", "question", "present", "absent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_probe(text, question, present, absent, tmp_path):
    reply = ask_alone(text, question, tmp_path)
    for phrase in present:
        assert phrase in reply.text, reply.text
    # "另见：…" only lists where other passages are (a heading like "（二）协助开展村居人居环境整治督促检查工作 第3段"):
    # it states no duty, so what must not be said is looked for in the rest
    said = "\n".join(line for line in reply.text.splitlines() if not line.startswith("另见："))
    for phrase in absent:
        assert phrase not in said, reply.text


# ---- second round (eval/hostile_probes2.tsv): who-lead by topic, names and places near one another ----------

_TASKS = ("2024年县优化营商环境重点任务分工方案\n\n"
          "一、开展涉企收费专项清理\n责任单位：县市场监管局、县发改局\n完成时限：2024年9月底\n"
          "二、规范涉企行政检查\n牵头领导：副县长 张伟\n牵头单位：县司法局\n配合单位：县市场监管局\n"
          "三、引进台湾特色餐饮\n责任单位：两岸发展公司\n"
          "四、打造文创观光工坊产业\n牵头单位：区台湾工作部\n责任单位：两岸发展公司\n")
_GROUPS = ("关于成立换届选举工作指导组的通知\n\n一、指导组名单及指导村\n"
           "第二指导组\n组 长：林 黎\n副组长：陈若非\n指导村：大坪村、君山村\n"
           "第三指导组\n组 长：林黎明\n副组长：王海\n指导村：小坪村、渔屿村\n二、工作职责\n工作指导组要逐村调研分析。\n")
_PAIRS = ("关于建立县级领导干部联系乡镇制度的通知\n\n现将联系安排通知如下：\n张三（县委副书记）联系城关镇、东坝乡；\n"
          "张三丰（县人大常委会副主任）联系东坝镇；\n李四（常务副县长）挂钩西河镇；\n"
          "联系领导每季度到联系乡镇调研不少于1次。县委办负责联系工作的统筹协调。\n")

CASES2 = [
    ("the item on the asked topic answers who leads, not another item only for stating a lead",
     _TASKS, "涉企收费专项清理谁牵头？", ("县市场监管局", "县发改局"), ("县司法局",)),
    ("…a sole owner's item too, over an item sharing one word of the topic",
     _TASKS, "引进台湾特色餐饮谁牵头？", ("两岸发展公司",), ("区台湾工作部",)),
    ("…while the item stating the lead on the topic still answers",
     _TASKS, "规范涉企行政检查谁牵头？", ("县司法局",), ()),
    ("a person's name is not also a shorter name it begins with (roster places)",
     _GROUPS, "林黎明指导哪些村？", ("小坪村", "渔屿村"), ("大坪村", "君山村")),
    ("…nor in leader ↔ place lines",
     _PAIRS, "张三丰联系哪些乡镇？", ("东坝镇",), ("城关镇", "东坝乡")),
    ("a place the text does not name is not answered by a passage on the question's other words",
     _PAIRS, "西河乡归谁联系？", ("没有找到“西河乡”",), ("统筹协调", "李四")),
    ("…asked with who first",
     _PAIRS, "谁联系西河乡？", ("没有找到“西河乡”",), ("李四",)),
    ("…while the place written answers",
     _PAIRS, "谁联系西河镇？", ("李四",), ("张三",)),
    ("a label's value \"A会同B\" names its parties: never \"文件未写明该项的责任单位\"",
     "惠企政策分工方案\n\n一、落实惠企政策直达快享\n责任单位：县财政局会同县税务局\n二、加强宣传\n责任单位：县商务局\n",
     "第一项谁牵头？", ("县财政局", "县税务局"), ("未写明",)),
    ("a paragraph of one-body sentences: who answers for a topic is the body of its sentence, not every body",
     "关于做好防汛工作的通知\n\n一、明确责任\n区经济发展局负责防汛物资储备。区资源生态局负责地质灾害监测预警。"
     "区综合执法局负责城市排涝。\n二、工作要求\n各乡镇要落实属地责任。\n",
     "城市排涝谁负责？", ("按职责分工负责：区综合执法局",), ("区经济发展局",)),
    ("…but an article's owner, not written in its items, stays their subject",
     "生态环境保护工作职责规定\n\n第十八条 区农村发展局：\n（一）负责农业面源污染防治。\n"
     "（二）会同区环境与国土资源局、区交建局牵头组建河长制办公室，承担日常工作。\n第十九条 区财政局：\n（一）负责资金保障。\n",
     "河长制办公室由谁牵头组建？", ("区农村发展局",), ()),
    ("the issuer and its seal on one line (\"X（代章）\") sign the document: its date is read",
     "关于做好防汛工作的通知\n\n一、明确责任\n区应急局负责统筹协调。\n区防汛抗旱指挥部办公室（代章）\n2024年5月10日\n",
     "什么时候发的？", ("2024年5月10日",), ("没有写明",)),
    ("…and who sealed it",
     "关于做好防汛工作的通知\n\n一、明确责任\n区应急局负责统筹协调。\n区防汛抗旱指挥部办公室（代章）\n2024年5月10日\n",
     "谁代章的？", ("区防汛抗旱指挥部办公室",), ("没有写代章",)),
    ("a place of another kind with the same stem is another place",
     _GROUPS, "君山社区归哪个组？", ("没有找到“君山社区”",), ("第二指导组",)),
]


@pytest.mark.parametrize(("text", "question", "present", "absent"), [c[1:] for c in CASES2], ids=[c[0] for c in CASES2])
def test_hostile_probe_round2(text, question, present, absent, tmp_path):
    test_hostile_probe(text, question, present, absent, tmp_path)
