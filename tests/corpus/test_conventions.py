"""Responsibility conventions the development documents did not show (issue 16), one row per form.

Each row is a short real-style snippet of a convention found in real 工作要点 / 分工方案 / 责任清单 of
other districts, the item it is asked about (its number, or a phrase of its text) and the parties the
model must give it by role. ``None`` for a role means "not checked"; ``()`` means "must be empty".
"""

from __future__ import annotations

import pytest

from corpus.parse import parse_document


def _item(doc, key):
    pool = (*doc.items, *doc.tasks)
    if isinstance(key, int):
        found = [it for it in pool if it.number == key]
    else:
        found = [it for it in pool if key in it.text]
    assert found, f"no item {key!r} in {[(it.number, it.text[:20]) for it in pool]}"
    return found[0]


def _roles(it) -> dict[str, tuple[str, ...]]:
    u = it.units
    return {"lead": u.lead, "cooperate": u.cooperate, "shared": u.shared, "guide": u.guide, "coordinate": u.coordinate,
            "sub": tuple(s.unit for s in u.sub)}


CASES = [
    # --- label lines on their own line under a 一、 task, never merged into one paragraph ---------------
    ("label lines under 一、",
     "一、推进口岸通关便利化改革\n牵头单位：区口岸办\n配合单位：区税务局、区交建局\n完成时限：2024年12月底\n"
     "二、加强口岸安全管理\n牵头单位：区公安局\n配合单位：区应急局\n",
     1, {"lead": ("区口岸办",), "cooperate": ("区税务局", "区交建局")}),
    ("second 一、 task", "一、推进通关改革\n牵头单位：区口岸办\n二、加强口岸安全管理\n牵头单位：区公安局\n配合单位：区应急局\n",
     2, {"lead": ("区公安局",), "cooperate": ("区应急局",)}),
    # --- label slips and variants -----------------------------------------------------------------------
    ("责任制单位 slip", "一、工作任务\n1.开展隐患排查，建立台账。\n责任制单位：区应急局\n2.加强宣传。\n责任单位：区委宣传部\n",
     1, {"shared": ("区应急局",)}),
    ("label after task text", "1.加强宣传教育。责任部门：区委宣传部\n2.开展培训。责任部门：区人社局\n",
     1, {"shared": ("区委宣传部",)}),
    ("label wrapped onto next line", "1.落实整改措施，\n牵头部门：区住建局；\n配合部门：各乡镇\n2.开展培训。\n",
     1, {"lead": ("区住建局",), "cooperate": ("各乡镇",)}),
    ("主办/协办", "1.办理代表建议。\n主办单位：区发改局\n协办单位：区财政局\n2.办理提案。\n承办单位：区教育局\n",
     1, {"lead": ("区发改局",), "cooperate": ("区财政局",)}),
    ("承办单位", "1.办理代表建议。\n主办单位：区发改局\n协办单位：区财政局\n2.办理提案。\n承办单位：区教育局\n",
     2, {"shared": ("区教育局",)}),
    ("参加单位 in brackets", "1.开展纠风检查（牵头单位：区纪工委，参加单位：区财政局、区审计局）\n2.其他。\n",
     1, {"lead": ("区纪工委",), "cooperate": ("区财政局", "区审计局")}),
    ("指导部门", "1.建设微型消防站。\n实施单位：各行政村\n指导部门：区消防救援大队\n2.其他。\n",
     1, {"shared": ("各行政村",), "guide": ("区消防救援大队",)}),
    ("责任处室 half-width colon", "1.开展执法检查(责任处室:预算处)\n2.开展监督(责任处室:国库处)\n",
     2, {"shared": ("国库处",)}),
    # --- 第X条 owns its （一）（二） sub-clauses ---------------------------------------------------------------
    ("article sub-clauses", "第一条 为加强管理，制定本办法。\n第二条 各单位职责如下：\n（一）区财政局负责资金保障；\n"
     "（二）区审计局负责审计监督。\n第三条 本办法由区财政局负责解释。\n",
     2, {"shared": ("区财政局", "区审计局")}),
    ("由A负责解释", "第一条 为加强管理，制定本办法。\n第二条 各单位职责如下：\n（一）区财政局负责资金保障；\n"
     "（二）区审计局负责审计监督。\n第三条 本办法由区财政局负责解释。\n",
     3, {"shared": ("区财政局",)}),
    # --- unit-colon duty lists ------------------------------------------------------------------------
    ("unit-colon list", "一、工作职责\n1.区财政局：负责资金筹措和拨付；\n2.区教育局：负责组织学校开展近视防控；\n",
     2, {"shared": ("区教育局",)}),
    # --- inline verbs -----------------------------------------------------------------------------------
    ("由A负责，B配合", "一、主要任务\n（一）开展专项检查。由区市场监管局负责，区公安局配合。\n（二）摸排底数。各乡镇提供名单，区民政局汇总。\n",
     1, {"shared": ("区市场监管局",), "cooperate": ("区公安局",)}),
    ("A提供名单，B汇总", "一、主要任务\n（一）开展专项检查。由区市场监管局负责。\n（二）摸排底数。各乡镇提供名单，区民政局汇总。\n",
     2, {"shared": ("各乡镇", "区民政局")}),
    ("A会同B + verb", "一、主要任务\n（一）开展检查。由区市场监管局负责。\n（二）建立联席会议。区发改局会同区财政局研究制定方案。\n",
     2, {"lead": ("区发改局",), "cooperate": ("区财政局",)}),
    ("a label's value A会同B (no role word of its own)", "一、落实惠企政策\n责任单位：县财政局会同县税务局、县人社局\n"
     "二、其他工作\n责任单位：县商务局\n",
     1, {"lead": ("县财政局",), "cooperate": ("县税务局", "县人社局")}),
    ("A牵头、B配合", "1.开展整治。区城管局牵头、区公安局配合。\n2.其他。\n",
     1, {"lead": ("区城管局",), "cooperate": ("区公安局",)}),
    ("one list across a comma", "1.开展风险评估。（区资源生态局牵头，区经发局、区农业农村局，平潭海关等按职责分工负责）\n2.其他。\n",
     1, {"lead": ("区资源生态局",), "shared": ("区经发局", "区农业农村局", "平潭海关")}),
    ("unit-colon duty that leads", "（一）君山片区管理局：牵头统筹协调各部门开展整治行动；组织志愿者开展劝导。\n"
     "（二）君山派出所：负责维护治安秩序。\n", "统筹协调", {"lead": ("君山片区管理局",)}),
    ("负责牵头抓总", "对台职业资格采信工作由区党工委党群工作部负责牵头抓总，各部门做好比对工作。\n",
     "采信工作", {"lead": ("区党工委党群工作部",)}),
    ("由A + duty verb in an article", "第七条 对未完成责任目标的乡镇，由乡镇党委报送考评最后一名村的两委成员。\n第八条 其他。\n",
     7, {"shared": ("乡镇党委",)}),
    ("A联合B", "片区防控办联合片区疫情防控监督检查组对各行政村进行“一周一督导”。\n",
     "一周一督导", {"shared": ("片区防控办", "片区疫情防控监督检查组")}),
    ("label line closes its 一是 paragraph",
     "（一）合理规划公厕布局\n一是全面开展城乡公厕普查。建立一厕一档。\n责任单位：区交建局、各乡镇\n"
     "二是科学规划全区公厕布局。编制专项规划。\n责任单位：区规划局、区环土局\n",
     "科学规划", {"shared": ("区规划局", "区环土局")}),
    ("a party named once for all later items",
     "1.落实调查。（区资源生态局牵头负责；各片区负责配合落实，以下均需各片区配合落实，不再列出）\n"
     "2.开展监测。（区资源生态局牵头负责）\n", 2, {"lead": ("区资源生态局",), "cooperate": ("各片区",)}),
    ("一是/二是 lines are the heading's items",
     "二、主要任务\n（一）合理规划公厕布局\n一是全面开展城乡公厕普查。建立一厕一档。\n责任单位：区交建局、各乡镇\n"
     "二是科学规划全区公厕布局。编制专项规划。\n责任单位：区规划局、区环土局\n", 2,
     {"shared": ("区规划局", "区环土局")}),
    ("a duty article's items inherit its owner",
     "第十八条 区农村发展局工作职责：\n（一）农业方面\n1.负责编制现代农业发展规划。\n2.负责牵头做好畜禽养殖污染防治。\n"
     "第十九条 其他。\n", "畜禽养殖", {"lead": ("区农村发展局",)}),  # "负责牵头做好…": it leads
    ("the article's other duties are its own",
     "第十八条 区农村发展局工作职责：\n（一）农业方面\n1.负责编制现代农业发展规划。\n2.负责牵头做好畜禽养殖污染防治。\n"
     "第十九条 其他。\n", "现代农业", {"shared": ("区农村发展局",)}),
    ("a duty heading names a post", "三、站点消防员应履行以下职责\n1.负责初起火灾扑救。\n2.负责站内器材维护。\n",
     "初起火灾", {"shared": ("站点消防员",)}),
    ("X作为牵头单位", "1.推进母婴设施建设，区卫计局作为牵头单位，区妇联作为配合单位。\n2.其他。\n", 1,
     {"lead": ("区卫计局",), "cooperate": ("区妇联",)}),
    ("A牵头、B分别负责", "序号\t指标\t责任单位\n1\t群众诉求响应及时率\t党政办牵头、各处室分别负责\n2\t其他\t党政办\n", 1,
     {"lead": ("党政办",), "cooperate": ("各处室",)}),
    ("A配合B落实 in a cell", "序号\t工作任务\t责任单位\n1\t工业集中区消防综合治理\t经济发展处配合区经发局、消防救援支队落实\n2\t其他\t区应急局\n", 1,
     {"cooperate": ("经济发展处",), "shared": ("区经发局", "区消防救援支队")}),
    ("责任单位 and 配合单位 columns: the responsible unit leads", "序号\t工作任务\t责任单位\t配合单位\n1\t整治占道经营\t区城管局\t区市场监管局\n"
     "2\t其他\t区应急局\t\n", 1, {"lead": ("区城管局",), "cooperate": ("区市场监管局",)}),
    ("A配合B落实 in a sentence", "1.整治夹芯板材建筑。资源生态处配合区资源生态局、消防救援支队落实。\n2.其他。\n", 1,
     {"cooperate": ("资源生态处",), "shared": ("区资源生态局", "消防救援支队")}),
    ("a duty article naming two owners", "第二十四条 平潭海关、平潭出入境检验检疫局工作职责：\n1.负责进口固体废物的监管。\n"
     "第二十五条 其他。\n", "固体废物", {"shared": ("平潭海关", "平潭出入境检验检疫局")}),
    ("a unit-colon list's own lead duty", "（一）区财政金融局：负责编制年度预算；牵头成立PPP合作模式谈判小组。\n"
     "（二）区住建局：负责项目建设。\n", "谈判小组", {"shared": ("区财政金融局",), "sub": ("区财政金融局",)}),
    # --- tables -----------------------------------------------------------------------------------------
    ("group rows keep numbering",
     "序号\t工作任务\t责任单位\t完成时限\n一、知识产权保护方面（共2项）\n1\t加强种业执法\t区农业农村局、区市场监管局\t2023年12月\n"
     "2\t开展专项整治\t区公安局\t长期\n二、市场监管方面（共1项）\n3\t开展抽检\t区市场监管局\t6月底前\n",
     3, {"shared": ("区市场监管局",)}),
    ("备注 cell A牵头", "序号\t职责\t负责单位\t备注\n1\t建设母婴室\t区卫健委、区妇联\t区卫健委牵头\n2\t开展宣传\t区妇联\t\n",
     1, {"lead": ("区卫健委",), "cooperate": ("区妇联",)}),
    ("labels inside a cell", "序号\t工作任务\t责任单位\n1\t开展巡查\t牵头单位：区城管局 配合单位：各片区管理局\n2\t清理垃圾\t牵头单位：区环卫处 配合单位：区交建局\n",
     1, {"lead": ("区城管局",), "cooperate": ("各片区管理局",)}),
    ("sequence column gives the number", "序号\t工作任务\t责任单位\n5\t开展巡查\t区城管局\n6\t清理垃圾\t区环卫处\n",
     6, {"shared": ("区环卫处",)}),
    # --- annotations and aliases ------------------------------------------------------------------------
    ("annotation kept apart", "1.开展道路整治（区交建局牵头，区公安局配合）\n2.开展危化品检查（危化处（60日））\n",
     2, {"shared": ("危化处",)}),
    ("offices in brackets", "1.开展道路整治（区交建局）\n2.推进项目建设（区经济发展局（重点办、发改处））\n",
     2, {"shared": ("区经济发展局", "重点办", "发改处")}),
    ("line of work in brackets stays with the name", "1.开展管道整治（区经济发展局（商务）牵头，区经济发展局（海洋渔业）配合）\n2.其他。\n",
     1, {"lead": ("区经济发展局（商务）",), "cooperate": ("区经济发展局（海洋渔业）",)}),
    ("alias definition", "区交通与建设局（简称“区交建局”）负责道路建设。\n1.开展道路整治（区交建局牵头，区公安局配合）\n",
     "道路建设", {"shared": ("区交通与建设局",)}),
    # --- a subject acting "according to / on" something before its verb -----------------------------------
    ("根据… between subject and verb", "1.区财政局根据省级资金安排情况适时进行任务分解并下达目标数。\n2.加强宣传。\n",
     1, {"shared": ("区财政局",)}),
    ("对…进行 between subject and verb", "第九条 监督管理。区效能办对资金使用的全过程进行监督。\n",
     "监督管理", {"shared": ("区效能办",)}),
    ("由 + adverbial, verb in the next clause",
     "第九条 对没有完成任务的乡镇，由区计生领导小组根据实际情况，责成乡镇党委报送名单。\n",
     "没有完成", {"shared": ("区计生领导小组",)}),
    ("permissive modal, verb later", "1.各村居可根据实际，依托现有办公场所，探索建立综治工作站。\n", 1, {"shared": ("各村居",)}),
    ("time word and adverbial", "1.区民政局年终根据考核情况进行通报。\n", 1, {"shared": ("区民政局",)}),
    # --- a duty article's title names its owner, whatever topic stands before 职责 -------------------------
    ("topic between owner and 职责", "第一章 总则\n第七条 片区管理局党委安全生产工作职责:\n（一）贯彻落实安全生产方针。\n"
     "（二）将安全生产工作纳入发展规划。\n第八条 其他。\n", 7, {"shared": ("片区管理局党委",)}),
    ("基本职责 of two bodies", "第一章 总则\n第九条 片区内设处室、东庠办事处安全生产工作基本职责：\n（一）宣传贯彻安全生产法律。\n"
     "（二）建立健全安全生产工作制度。\n第十条 其他。\n", 9, {"shared": ("片区内设处室", "东庠办事处")}),
    ("生态环境保护职责", "第一章 总则\n第十九条 区教育局生态环境保护职责：\n（一）负责将生态环境保护知识纳入教育内容。\n"
     "（二）督促教育机构规范处理危险废物。\n第二十条 其他。\n", 19, {"shared": ("区教育局",)}),
    # --- an item whose colon announces its body, and leading posts as subjects ------------------------------
    ("colon item takes its (1)(2) lines", "一、结对帮扶联系点\n1、局党组联系2个基层单位：\n(1)村集体组织：岚城乡霞屿村\n"
     "(2)企业：流水小城镇改造项目\n2、局主要领导联系点：\n(1)村集体组织：北厝镇北厝村\n",
     "霞屿村", {"shared": ("局党组",)}),
    ("a post's contact points", "一、结对帮扶联系点\n1、局党组联系2个基层单位：\n(1)村集体组织：岚城乡霞屿村\n"
     "2、局主要领导联系点：\n(1)村集体组织：北厝镇北厝村\n", "北厝村", {"shared": ("局主要领导",)}),
    ("a leading post leads", "二、工作要求\n1、局分管领导牵头抱团科所对帮扶困难户开展慰问不少于2次。\n2、其他。\n",
     1, {"lead": ("局分管领导",)}),
    ("an item written as key-value lines",
     "（六）市政提升工程\n1.排水管网\n实施项目：完成金井二路污水管网项目。\n实施内容：重点围绕加强污水管网建设。\n"
     "责任分工：由各片区开发管理局负责，区交通投资集团有限公司组织实施。\n2.雨水管网\n实施项目：完成雨水管网。\n",
     1, {"shared": ("各片区开发管理局", "区交通投资集团有限公司")}),
    ("named bodies before 等 a kind of body", "1.开展管网建设，由各片区开发管理局负责，区交通与建设局等区直部门配合。\n2.其他。\n",
     1, {"shared": ("各片区开发管理局",), "cooperate": ("区交通与建设局",)}),
    # --- a clause with no subject continues the last one ---------------------------------------------------
    ("elided subject leads its own part",
     "1.区交通与建设局负责落实农村公路管理职责，加快培育养护市场主体，牵头推进农村公路应急体系建设等工作。\n2.其他。\n",
     1, {"shared": ("区交通与建设局",), "sub": ("区交通与建设局",)}),
    # --- a later 配合 does not make an earlier body a co-operator; 协同 + object is no role -------------------
    ("coordinating body before the paragraph's 配合",
     "（三）强化工作落实。区管委会、各乡镇政府要加强专项行动的统筹协调，落实各相关单位的责任。"
     "各牵头单位要切实履行牵头责任；各配合部门要认真配合，抓好工作落实。\n",
     "强化工作落实", {"cooperate": ("各配合部门",), "coordinate": ("区管委会", "各乡镇政府")}),
    ("a body named before the lead keeps its own duty",
     "1.区公安局负责现场秩序维护，区交建局牵头。\n2.其他。\n", 1, {"lead": ("区交建局",), "shared": ("区公安局",),
                                                         "cooperate": ()}),
    ("a body named after the lead works under it", "1.区交建局牵头制定方案，区公安局负责现场秩序维护。\n2.其他。\n",
     1, {"lead": ("区交建局",), "cooperate": ("区公安局",)}),
    ("协同 with an object: the subject acts",
     "（一）宣传教育\n1.各处室（中心）、办事处及行政村要协同辖区学校开展义务教育法的宣传工作。\n2.其他。\n",
     1, {"shared": ("各处室（中心）", "办事处", "行政村"), "cooperate": ()}),
    ("协同 ending the clause co-operates", "1.区财政局牵头，区审计局协同。\n2.其他。\n", 1,
     {"lead": ("区财政局",), "cooperate": ("区审计局",)}),
    # --- a lead rule stated far from the tasks -----------------------------------------------------------
    ("lead rule in the closing section",
     "一、工作任务\n1.开展检查。（区应急局、区公安局）\n2.完善制度。（区司法局、区财政局）\n"
     "二、工作要求\n各项任务中排位靠前的责任单位为牵头单位。\n",
     2, {"lead": ("区司法局",), "cooperate": ("区财政局",)}),
    # --- the holders of a post as subject; a subject with its deadline before the verb ----------------------
    ("every holder of a post", "四、工作要求\n1.各网格员负责日常巡查，发现问题及时上报。\n", 1, {"shared": ("各网格员",)}),
    ("assigned cadres with a modal", "四、工作要求\n1.各包村干部要负责做好宣传发动。\n", 1, {"shared": ("各包村干部",)}),
    ("a subject, its deadline, then the verb",
     "四、工作要求\n3.提供入户走访资料。各挂钩帮扶干部于12月31日前，将《扶贫手册》交至片区农业农村处。\n",
     3, {"shared": ("各挂钩帮扶干部",)}),
    ("a unit, its deadline, then the verb", "二、工作任务\n1.拨付资金。区财政局于6月底前，完成资金拨付。\n",
     1, {"shared": ("区财政局",)}),
    ("a body set up, then its duties", "一、组织领导\n1.各村居要成立由党组织书记担任组长的网格化工作领导小组，负责统筹协调；"
     "负责配备专职网格员。\n", 1, {"shared": ("各村居", "网格化工作领导小组")}),
    ("set up, then its duty", "一、组织领导\n1.全区成立冬春专项行动领导小组，负责统筹协调指导。\n", 1,
     {"shared": ("冬春专项行动领导小组",)}),
    ("A委托B代为…: both answer for the work", "三、工作规则\n2.会议原则上由组长组织召开，也可由组长委托常务副组长代为组织召开；\n",
     2, {"shared": ("组长", "常务副组长")}),
    ("A委托B代为… between bodies", "1.区民政局委托区社会福利中心代为发放补贴。\n", 1, {"shared": ("区民政局", "区社会福利中心")}),
    ("X与Y签订…: both sides of the agreement", "（二）加强规划研究。由区发展研究中心与中国政法大学签订课题研究委托协议，研究提升比对水平。\n",
     "中国政法大学", {"shared": ("区发展研究中心", "中国政法大学")}),
    ("an agreement already made (…签订的) is no act", "二、分解目标\n1.将我区党政领导与省委、省政府签订的目标责任逐项分解细化。\n",
     1, {"shared": (), "cooperate": ()}),
    ("two labels in one run after the text, a comma between", "一、任务\n1.推进改革。牵头单位：区口岸办，配合单位：区税务局。\n",
     1, {"lead": ("区口岸办",), "cooperate": ("区税务局",)}),
    ("P由A和B担任: the post's holders do its work", "1.防火检查人员由站内队长和队员担任。\n", 1, {"shared": ("站内队长", "队员")}),
    ("设总路长，由X担任，负责…", "（一）区级。设总路长，由区分管领导担任，负责领导全区路长制工作。\n", "总路长",
     {"shared": ("区分管领导",)}),
    ("a post described (…担任召集人的…制度) gives no duty", "1.建立健全由片区分管领导担任召集人的联席会议制度。\n", 1,
     {"shared": ()}),
    ("委托 without 代为 engages a body, names no party", "1.需鉴别证书的，委托区公证部门进行鉴别并提供依据。\n", 1, {"shared": ()}),
    ("cadres in general are no party", "四、工作要求\n1.党员干部要带头参加志愿服务。\n", 1, {"shared": ()}),
    ("a meeting's date is no subject", "四、工作要求\n1.总结会议于3月10日前，在区行政中心召开。\n", 1, {"shared": ()}),
    # --- a label's list written as clauses: each unit with its role word, the verb no part of the name ---
    ("label list of clauses", "一、主要任务\n1.建设美丽乡村。（责任单位：区规划局负责规划编制，所在乡镇人民政府组织实施）\n",
     1, {"shared": ("区规划局", "所在乡镇人民政府")}),
    ("组织实施 ends no name", "一、主要任务\n1.推进绿道建设。\n牵头单位：区规划局；责任单位：各片区开发管理局具体落实\n",
     1, {"lead": ("区规划局",), "shared": ("各片区开发管理局",)}),
    ("自行 before the role word", "一、考核方式\n1.责任单位自查。自查由各责任单位自行组织实施。\n", 1, {"shared": ("各责任单位",)}),
    ("a unit supporting another in a cell", "一、工作任务\n1.依法取缔非法场所。（社会事业处配合区社会事业局负责养老院）\n",
     1, {"cooperate": ("社会事业处",)}),
    ("负责人 is a noun, not a role word (never 各村 alone)", "一、工作任务\n1.明确责任。（责任单位：各村负责人）\n", 1,
     {"shared": (), "lead": ()}),
]


@pytest.mark.parametrize(("text", "key", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_conventions(text, key, expected):
    got = _roles(_item(parse_document(text, "x.txt"), key))
    for role, names in expected.items():
        assert got[role] == names, f"{role}: {got}"


# Phrases that must never come out as a party, whatever convention carried them.
NOT_PARTIES = [
    ("rule sentence", "一、工作任务\n1.开展检查。（区应急局、区公安局）\n二、工作要求\n各项任务中排位靠前的责任单位为牵头单位。\n"),
    ("label word as a unit", "一、工作任务\n责任制单位：区应急局\n"),
    ("由 inside the subject", "第三条 本办法由区财政局负责解释。\n"),
    ("其他领导", "1.做好值班工作，其他领导按职责分工负责。\n"),
    ("开展机关", "1.开展机关作风建设，落实责任。\n"),
    ("alias parenthesis", "区交通与建设局（简称“区交建局”）负责道路建设。\n"),
    ("各单位职责如下", "第二条 各单位职责如下：\n（一）区财政局负责资金保障；\n"),
    ("verb before an object ending like a unit", "1.一周内仍未完成整改的，给相关单位发送督办通报。\n"),
    ("深入 + place", "1.结合区管委会开展的“三下乡”活动，深入乡镇开展渔业生产技术咨询。\n"),
    ("a definition list, not duties", "区直各有关单位：金井湾、澳前、岚城、流水片区项目建设指挥部。\n"),
    ("a clause ending in a place", "1.本单位每两周组织1次到挂钩村开展大扫除志愿者活动。\n"),
    ("two bodies joined by 向", "1.实现安监部门向同级组织部门通报安全生产情况全覆盖。\n"),
    ("协同 + body", "1.协同区防汛办做好汛期水库调度。\n"),
    ("verb + object ending like a unit", "1.掌握组织单位开展消防安全建设要求。\n"),
    ("where, not who", "1.在片区北港村、大坪村、芦北村等试点村先行开展清单制试点。\n"),
    ("the body reported to", "1.由各考核对象按规定时间向区财政局报送材料，区财政局对报送情况进行核对。\n"),
    ("经 + body", "1.各部门报送情况，经区财政局核实后定期通报。\n"),
    ("the object of 对", "1.组织开展火灾调查，对未落实责任制的村（社区）和有关单位进行约谈。\n"),
    ("the object of 向", "1.及时告知环卫队伍清理，并向各联合党委和职能处室进行报备。\n"),
    ("entrusted body", "1.需鉴别证书的，委托区公证部门进行鉴别并提供依据。\n"),
    ("an adverb and a verb before the object", "1.指挥部办公室及时报指挥启动应急预案，立即组织有关部门和单位做好人员转移。\n"),
    ("将 inside a subject", "1.区消防工作站将联合党政办督查组适时对各单位进行督导检查。\n"),
    ("a time adverb opens a predicate with no subject", "1.制定年度计划，定期向安全生产监督管理部门报送工作计划。\n"),
    ("协调 + a collective is a verb with its object", "8.金井湾片区管理局：按照实施方案，协调各项目业主单位组织实施；\n"),
    ("协调有关部门 inside a duty", "3.负责物资的储备和管理，协调有关部门做好抢险物资的储备。\n"),
    ("a time adverb before 向", "第九条 片区内设处室安全生产工作职责：\n（一）定期向安全生产监督管理部门报送工作计划。\n"),
]

_BAD = ("协调", "定期", "立即", "规定时间", "经区", "有关单位", "职能处室", "委托", "站将", "开展", "按职责", "由", "简称", "排位", "职责如下", "责任制单位", "其他领导", "落实", "督办", "深入", "区直各有关单位", "每", "向", "协同", "掌握", "村")


@pytest.mark.parametrize("text", [c[1] for c in NOT_PARTIES], ids=[c[0] for c in NOT_PARTIES])
def test_phrases_are_never_parties(text):
    doc = parse_document(text, "x.txt")
    names = [n for it in (*doc.items, *doc.tasks) for n in it.units.all]
    assert not [n for n in names if any(b in n for b in _BAD)], names


ROSTERS = [
    ("roster after its intro line",
     "成立安全生产工作领导小组：\n组  长：张三（管委会副主任）\n副组长：李四（区应急局局长）\n成  员：王五（区公安局副局长）、赵六（区消防大队大队长）\n",
     ("张三",), ("李四", "王五", "赵六")),
    ("a name under the line above, spaced labels",
     "成立平原区域征迁工作专班：\n组  长：韩祥平（苏平片区管理局副局长）\n副 组 长：潘玉平（党工委委员）\n吴兆敏（管理局副局长）\n",
     ("韩祥平",), ("潘玉平", "吴兆敏")),
    ("小组长 leads; the group is a party", "四、项目建设推进小组\n小组长：陈正凤（城乡建设服务中心副主任）\n成员：俞文（党群工作处副处长）\n",
     ("陈正凤",), ("项目建设推进小组", "俞文")),
    ("bodies as members", "成立工作专班，名单如下：\n组长：王明\n成员：区征迁办、苏平片区经济发展处\n",
     ("王明",), ("工作专班", "区征迁办", "苏平片区经济发展处")),
    ("a rare surname vouched for by its post", "成立督查专班，名单如下：\n组 长：庄 亮 党委委员、驻片区纪检监察组组长\n"
     "副组长：林 华 局长助理\n", ("庄亮",), ("督查专班", "林华")),
    ("a numbered lead-in that sets the group up names it, quoted campaign name and all",
     "二、组织机构\n（一）工作领导小组。全区成立“除火患、保平安”冬春专项行动领导小组，负责统筹协调指导。\n"
     "组 长：杜源生 区党工委副书记\n副组长：林 杰 区环境与国土局局长\n",
     ("杜源生",), ("除火患、保平安冬春专项行动领导小组", "林杰")),
    ("the roster's first 长 post heads it; a post wrapped at a space is no person",
     "现成立金井片区湾（滩）长制工作领导小组，组成人员名单如下：\n湾 （滩） 长：施 强 片区党委书记、局长\n"
     "副 湾（滩） 长：林述佳 片区党委委员、副局长\n成 员：吴 滨 华光联合党委书记、资源生态 处处长\n"
     "蔡昌旺 芬尾联合党委书记、农业农村 处处长\n",
     ("施强",), ("金井片区湾（滩）长制工作领导小组", "林述佳", "吴滨", "蔡昌旺")),
    ("a group's own title over its roster, no set-up verb", "二、组织架构\n（一）白青区域征迁工作专班\n"
     "组 长：吕振南 党政办公室主任\n副 组 长：王玲玲 经济发展处处长\n", ("吕振南",), ("白青区域征迁工作专班", "王玲玲")),
    ("one lead-in over several titled groups: each group is named by its title",
     "现组建工作专班，负责研究、推动相关产业链培育，各工作专班组成人员名单如下：\n（一）世茂海峡城工作专班\n"
     "组 长：施 强 金井片区管理局党委书记、局长\n副组长：林贤华 区经济发展局副局长\n", ("施强",), ("世茂海峡城工作专班", "林贤华")),
]


def test_a_field_after_the_units_ends_the_list():
    """"责任单位：A，所属片区：B": 所属片区 is a field of the item (where), not a party nor a refused name."""
    it = parse_document("一、任务\n2.吉钓安置小区1860套，责任单位：区交投公司，所属片区：金井湾片区开发管理局。\n", "x.txt").items[0]
    assert it.units.shared == ("区交投公司",) and not it.units.rejected


def test_a_head_post_after_the_members_does_not_lead():
    """Only a roster's first "…长" post heads it: one listed after its members is a member's post."""
    tasks = parse_document("成立河长制工作小组：\n成 员：张三 区水利局局长\n河 长：李四 区长\n", "x.txt").tasks
    assert [(t.units.lead, t.units.shared) for t in tasks] == [((), ("张三", "李四"))]


@pytest.mark.parametrize(("text", "lead", "members"), [c[1:] for c in ROSTERS], ids=[c[0] for c in ROSTERS])
def test_rosters_name_people_and_bodies(text, lead, members):
    doc = parse_document(text, "x.txt")
    roster = [t for t in doc.tasks if t.units.lead]
    assert roster and roster[0].units.lead == lead and roster[0].units.shared == members
    assert any(note[0] == lead[0] for note in roster[0].units.notes)  # the position is kept


CONDITIONS = [
    ("谁主管谁负责", "1.开展行业检查。按照“谁主管谁负责”的原则，由各行业主管部门负责。\n2.其他。\n", 1, "谁主管谁负责"),
    ("by type", "1.清理僵尸社会组织。根据社会组织类型分别由业务主管单位负责处置。\n2.其他。\n", 1, "根据社会组织类型"),
    ("属地管理", "1.做好防汛工作，坚持属地管理原则。\n2.其他。\n", 1, "属地管理"),
]


@pytest.mark.parametrize(("text", "key", "rule"), [c[1:] for c in CONDITIONS], ids=[c[0] for c in CONDITIONS])
def test_conditional_owner_is_kept_as_the_rule(text, key, rule):
    assert rule in _item(parse_document(text, "x.txt"), key).units.condition


GROUP_DUTIES = [
    ("section title names the group",
     "一、工作专班\n一、综合协调小组\n小组长：任小强 屿头办事处负责人\n成 员： 陈正凤 城乡建设服务中心副主任\n"
     "工作职责：负责收集项目资料，做好会议精神的上传下达。\n二、用地保障小组\n小组长：俞 文 党群工作处副处长\n",
     "综合协调小组", "会议精神的上传下达"),
    ("the roster opens with the group's title",
     "领导小组下设6个工作小组：\n第六小组：东海陵园清明祭扫保障工作小组\n组 长：林 峰\n成 员：社会事业处\n"
     "职 责：统一接收人员调度，负责做好现场维稳稳控等相关工作。\n",
     "第六小组", "现场维稳稳控"),
    ("the body a preamble set up, under 人员组成",
     "督查巡查工作的通知\n经党委研究，决定成立金井片区督查专班，对落实各项目标任务责任情况开展督查巡查。现将有关事项通知如下：\n"
     "一、人员组成\n组 长：庄 亮 党委委员\n成 员：林 勇 办公室科员\n工作职责：负责督查巡查各项目标任务落实情况。\n二、督查方式\n",
     "金井片区督查专班", "督查巡查各项目标任务"),
]


@pytest.mark.parametrize(("text", "group", "duty"), [c[1:] for c in GROUP_DUTIES], ids=[c[0] for c in GROUP_DUTIES])
def test_a_groups_duties_follow_its_roster(text, group, duty):
    """"职责：…" under a group's people belongs to that roster paragraph, and the group is a party of it."""
    doc = parse_document(text, "x.txt")
    owned = [t for t in doc.tasks if group in t.units.shared]
    assert owned and duty in owned[0].text, [(t.units, t.text) for t in doc.tasks]


def test_alias_definition_gives_both_names():
    doc = parse_document("区交通与建设局（简称“区交建局”）负责道路建设。\n由区市场监督管理局（以下简称区市监局）牵头。\n", "x.txt")
    assert ("区交通与建设局", "区交建局") in doc.party_aliases
    assert ("区市场监督管理局", "区市监局") in doc.party_aliases


# One body written two ways in one document: the shorter form is an alias of the only longer name that holds it.
IMPLICIT_ALIASES = [
    ("a word left out of the longer name",
     "区直各单位，金井湾片区开发管理局，岚城片区开发管理局：\n二、责任分工\n8.金井湾片区管理局：按照实施方案，组织实施；\n",
     ("金井湾片区开发管理局", "金井湾片区管理局"), True),
    ("an abbreviation of the name in the roster", "成员：张三 区医疗保障局局长\n1.区医保局负责医保基金监管。\n",
     ("区医疗保障局", "区医保局"), True),
    ("two longer names: never merged", "成员单位：区财政金融局、区财政审计局。\n1.区财政局负责资金保障。\n",
     ("区财政金融局", "区财政局"), False),
    ("a setting-up verb is no part of a name", "领导小组下设办公室，负责日常工作。\n1.领导小组办公室负责汇总。\n",
     ("领导小组下设办公室", "领导小组办公室"), False),
    ("a generic qualifier makes another collective", "1.有关主管部门负责审批。\n2.有关部门配合做好宣传。\n",
     ("有关主管部门", "有关部门"), False),
    ("two bodies joined by 和", "1.乡镇党委和人民政府负责组织。\n2.乡镇政府负责实施。\n",
     ("乡镇党委和人民政府", "乡镇政府"), False),
]


@pytest.mark.parametrize(("text", "pair", "aliased"), [c[1:] for c in IMPLICIT_ALIASES], ids=[c[0] for c in IMPLICIT_ALIASES])
def test_one_body_written_two_ways_is_one_party(text, pair, aliased):
    assert (pair in parse_document(text, "x.txt").party_aliases) == aliased


def test_a_list_of_groups_is_one_roster_per_group():
    text = ("成立换届选举工作指导组，名单如下：\n第一指导组\n组长：林兴\n成员：流水村包村工作队\n"
            "第二指导组\n组长：潘小兰\n成员：昆湖村包村工作队\n")
    rosters = [t for t in parse_document(text, "x.txt").tasks if t.units.lead]
    assert [t.units.lead for t in rosters] == [("林兴",), ("潘小兰",)]
    assert rosters[1].section.endswith("第二指导组")


def test_decimal_outline_numbering():
    doc = parse_document("3 组织体系\n3.1 防汛抢险指挥部\n3.1.1 指挥长由镇长担任，负责全面指挥。\n"
                         "3.2 抢险队\n3.2.1 区应急局负责组建抢险队。\n", "x.txt")
    items = {(it.path, it.number): it for it in doc.items}
    assert set(items) == {("3.1", 1), ("3.2", 1)}
    assert items[("3.2", 1)].units.shared == ("区应急局",) and "抢险队" in items[("3.2", 1)].section


@pytest.mark.parametrize(("listed", "names"), [
    ("金井片区、海坛片区管理局", ("金井片区管理局", "海坛片区管理局")),  # the body noun written once
    ("大澳村、谢厝村、东美村包村工作队", ("大澳村包村工作队", "谢厝村包村工作队", "东美村包村工作队")),
    ("区财政局、区审计局", ("区财政局", "区审计局")),
    ("苏平片区、君山片区", ("苏平片区", "君山片区")),
    ("各部门各乡镇", ("各部门", "各乡镇")),
    ("市场监管局各片区管理局", ("市场监管局", "各片区管理局")),  # a 、 left out between two bodies
    ("片区管理局各内设处室及办事处", ("片区管理局各内设处室", "办事处")),  # a body's own offices: one collective
    ("北厝便民服务中心和敖东便民服务中心", ("北厝便民服务中心", "敖东便民服务中心")),
    ("区文旅集团（景区管理公司）和属地村", ("区文旅集团（景区管理公司）", "属地村")),  # a name closed by its note
    ("各乡镇党委和人民政府", ("各乡镇党委和人民政府",)),  # one place's two bodies, written as one
])
def test_unit_lists(listed, names):
    from corpus.units import split_unit_list
    assert split_unit_list(listed) == names


def test_bodies_with_their_own_scope_keep_their_name():
    from corpus.units import inherit_prefix
    assert inherit_prefix(("区经济发展局", "财政金融局", "人行平潭支行")) == ("区经济发展局", "区财政金融局", "人行平潭支行")


def test_two_level_header_and_people_table():
    text = ("附件\n小型水库防汛责任人名单\n序号\t水库名称\t政府行政责任人\t\t管理单位责任人\t\n"
            "\t\t姓名\t单位及职务\t姓名\t单位及职务\n1\t君山水库\t陈人寿\t农发局局长\t林国前\t君山水库发电站站长\n"
            "2\t南松水库\t陈人寿\t农发局局长\t吴开清\t城中水利站站长\n")
    doc = parse_document(text, "x.txt")
    assert doc.tables[0].headers[2:4] == ("政府行政责任人/姓名", "政府行政责任人/单位及职务")
    row2 = next(it for it in doc.items if it.number == 2)
    assert row2.units.shared == ("陈人寿", "吴开清") and ("吴开清", "管理单位责任人") in row2.units.notes


def test_a_remark_lead_abbreviated_and_other_columns_keep_their_role():
    text = ("序号\t职业资格名称\t国家实施部门\t区实施部门\t备注\n"
            "10\t监理工程师\t交通运输部、水利部\t区交通与建设局、区农村发展局\t交建局牵头\n")
    it = parse_document(text, "x.txt").items[0]
    assert it.units.lead == ("区交通与建设局",) and it.units.cooperate == ("区农村发展局",)
    assert it.units.shared == ("交通运输部", "水利部")


def test_roster_names_with_nested_posts_and_rare_surnames():
    text = "成立工作专班：\n组  长：蓝德华 金井片区管理局副局长\n成  员：陈 宏 区旅游集团（＊＊＊）、张向鹏 资源生态处副处长\n"
    roster = next(t for t in parse_document(text, "x.txt").tasks if t.units.lead)
    assert roster.units.lead == ("蓝德华",) and roster.units.shared == ("陈宏", "张向鹏")


def test_only_numbered_level_is_one_then_those_are_the_items():
    text = ("各相关科室：\n一、坚决纠正保障性住房建设的不正之风\n严厉查处违规用地行为。（牵头单位：监察室，参加单位：用地科）\n"
            "二、坚决纠正违法违规强制征地拆迁问题\n依法依规依程序征迁。（牵头单位：征地部，参加单位：法规科）\n")
    doc = parse_document(text, "x.txt")
    two = doc.item(2)
    assert two is not None and two.heading == "坚决纠正违法违规强制征地拆迁问题"
    assert two.units.lead == ("征地部",) and two.units.cooperate == ("法规科",)


def test_vertically_managed_bodies_keep_their_own_name():
    from corpus.units import inherit_prefix
    assert inherit_prefix(("区交通与建设局", "平潭海事局")) == ("区交通与建设局", "平潭海事局")


# Tables whose 序号 (and the cells beside it) are merged over several rows: which column titles an
# item, which names its group, and what number each row gets.
MERGED_ROWS = [
    ("group column beside the 序号; the title is the row's own cell",
     "序号\t考核项目\t考核内容\t考核评分细则\t责任单位\n"
     "1\t工作考核(30分)\t林长制责任体系建立及运行情况\t1.完善林长责任体系建设，未及时更新的扣0.5分。\t资源生态处、党群工作处\n"
     "\t\t\t2.未向社会公告林长名单的扣0.5分。\t资源生态处、党政办公室\n"
     "2\t\t林长制相关配套制度制定及执行情况\t1.考核工作制度运行情况，每缺一项扣1.5分。\t资源生态处\n"
     "3\t二、责任考核（70分）\t森林防灭火\t1.未制定森林火灾应急预案的扣1分。\t政法综治处、资源生态处\n",
     3, "", "森林防灭火", "二、责任考核（70分）", ("政法综治处", "资源生态处")),
    ("a row under a merged 序号 is part of that item",
     "序号\t考核项目\t考核内容\t考核评分细则\t责任单位\n"
     "1\t工作考核(30分)\t林长制责任体系建立及运行情况\t1.完善林长责任体系建设，未及时更新的扣0.5分。\t资源生态处、党群工作处\n"
     "\t\t\t2.未向社会公告林长名单的扣0.5分。\t资源生态处、党政办公室\n"
     "2\t\t林长制相关配套制度制定及执行情况\t1.考核工作制度运行情况，每缺一项扣1.5分。\t资源生态处\n",
     0, "第1项第2行", "未向社会公告林长名单的扣0.5分。", "林长制责任体系建立及运行情况", ("资源生态处", "党政办公室")),
    ("the title merged with the 序号, no group",
     "序号\t工作任务\t工作内容\t责任单位及分工\t完成时限\n"
     "1\t全面动员部署工作\t各部门召开专题会议进行动员部署。\t各处室\t2022年4月8日前\n"
     "2\t深化重点领域消防安全隐患治理\t组织对工业集中区开展消防安全综合治理\t经济发展处落实\t2022年4月20日前\n"
     "\t\t组织对群租房开展消防安全综合治理\t政法综治处落实\t2022年4月20日前\n",
     2, "", "深化重点领域消防安全隐患治理", "", ("经济发展处",)),
    ("rows that number themselves under a merged 序号",
     "序号\t主要工作任务\t具体工作措施\t完成时限\t主要责任单位\t任务来源\n"
     "1\t推进生态文明建设\t1、成立生态文明建设领导小组\t3月\t区经发局\t平潭综合实验区2016年工作要点\n"
     "\t\t2、组织编制生态文明建设规划\t12月\t区环土局\t\n"
     "2\t饮用水源地环境综合整治\t3、制定三十六脚湖保护区内居民搬迁方案\t3月\t区农发局 区环土局\t全省环境保护工作视频会议\n"
     "\t\t4、实施居民搬迁工程\t12月\t区农发局\t\n",
     3, "", "制定三十六脚湖保护区内居民搬迁方案", "饮用水源地环境综合整治", ("区农发局", "区环土局")),
    ("every row numbered; the group, its lead and duties merged down",
     "序号\t重点部位类型\t地理位置\t牵头处室\t防汛责任人\t主要职责\n"
     "1\t地质灾害点\t流水下厝场村海岸侵蚀\t资源生态处\t陈伟\t1.汛前落实各项防御措施。2.汛期下沉包村。\n"
     "2\t\t北港村海岸侵蚀\t\t张大鹏\t\n3\t\t渔屿村北岚岭滑坡\t\t吴晓斌\t\n"
     "4\t水库\t韩厝水库\t农业农村处\t周小钦\t1.汛前检查水库。\n5\t\t南松水库\t\t何劲松\t\n6\t\t君山水库\t\t郑青\t\n",
     2, "", "北港村海岸侵蚀", "地质灾害点", ("资源生态处", "张大鹏")),  # the 防汛责任人 answers too
]


@pytest.mark.parametrize(("text", "number", "path", "heading", "section", "parties"), [c[1:] for c in MERGED_ROWS],
                         ids=[c[0] for c in MERGED_ROWS])
def test_merged_sequence_cells(text, number, path, heading, section, parties):
    doc = parse_document(text, "x.txt")
    it = next(it for it in doc.items if it.number == number and it.path == path)
    assert it.heading.rstrip("。") == heading.rstrip("。")
    assert section in it.section.split(" / ") or (not section and it.section == doc.tables[0].section)
    assert it.units.all == parties
