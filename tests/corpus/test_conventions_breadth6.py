"""Conventions of the sixth question set's documents (eval/breadth6), one row per form.

Rows are short real-style snippets of the forms those documents use: tables split into groups by an unnumbered
title row and closed by 合计 rows, and numbered lists whose （一）… clauses close with a semicolon (clauses, never bare headings).
"""

from __future__ import annotations

import pytest

from corpus.parse import parse_document

HEADER = "序号\t项目名称\t建设地址\t套数\t所属片区\t责任单位\n"

# ---- tables: a title row names the group of rows below it; a 合计 row is no item ------------------------

TABLE_GROUPS = [
    ("an unnumbered title row between the header and the rows",
     HEADER + "2016年新开工项目\n1\t中原安置小区\t中原组团南隅\t1052\t岚城片区\t国投公司\n"
     "2\t吉钓安置小区\t环岛路东北侧\t1860\t金井湾片区\t交投公司\n合计\t\t\t2912\t\t\n"
     "2016年基本建成项目\n1\t流水安置小区\t流水镇五埕村\t1181\t流水片区\t流水公司\n合计\t\t\t1181\t\t\n",
     [("2016年新开工项目", 1, "中原安置小区", "国投公司"), ("2016年新开工项目", 2, "吉钓安置小区", "交投公司"),
      ("2016年基本建成项目", 1, "流水安置小区", "流水公司")]),
    ("a numbered group row still a group row",
     HEADER + "一、新开工项目\n1\t中原安置小区\t中原组团南隅\t1052\t岚城片区\t国投公司\n小计\t\t\t1052\t\t\n",
     [("一、新开工项目", 1, "中原安置小区", "国投公司")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TABLE_GROUPS], ids=[c[0] for c in TABLE_GROUPS])
def test_table_group_rows_and_total_rows(text, expected):
    doc = parse_document("附件\n项目清单\n" + text, "x.txt")
    assert len(doc.tables) == 1 and doc.tables[0].headers[1] == "项目名称", doc.tables  # one table, its header kept
    got = [(it.section.split(" / ")[-1], it.number, it.heading, it.units.shared) for it in doc.items]
    assert got == [(g, n, h, (u,)) for g, n, h, u in expected]  # the 合计/小计 rows are rows, never items
    assert all("合计" not in it.text and "小计" not in it.text for it in doc.items)


def test_a_table_row_item_keeps_its_other_cells():
    doc = parse_document("附件\n" + HEADER + "1\t吉钓安置小区\t环岛路东北侧\t1860\t金井湾片区\t交投公司\n"
                         "2\t澳前安置小区\t澳前镇山谷\t573\t澳前片区\t交投公司\n", "x.txt")
    assert "所属片区：澳前片区" in doc.items[1].text and "套数：573" in doc.items[1].text


def test_a_sentence_between_tables_is_no_group_row():
    doc = parse_document(HEADER + "1\t中原安置小区\t中原组团南隅\t1052\t岚城片区\t国投公司\n"
                         "以上项目必须于2016年9月底前实现开工目标。\n"
                         "2\t吉钓安置小区\t环岛路东北侧\t1860\t金井湾片区\t交投公司\n", "x.txt")
    assert not any(r.group for t in doc.tables for r in t.rows)


# ---- （一）… clauses closed by a semicolon are items, never headings -------------------------------------

LIST_CLAUSES = [
    ("a duty list whose clauses close with semicolons",
     "二、片区消防工作站主要职责\n（一）贯彻落实相关消防法律、法规，研究制定措施、意见；\n（二）组织制定片区消防工作年度计划；\n"
     "（三）协调解决重大问题，并负责具体实施；\n（四）完成片区党委交办的其他消防工作任务。\n",
     [(1, "研究制定措施"), (2, "年度计划"), (3, "协调解决重大问题"), (4, "其他消防工作任务")]),
    ("meeting rules, the first clause short",
     "三、会议规则\n（一）会议原则上每半年召开一次，主要研究重大问题；\n（二）会议的议题由工作站办公室研究提出，报组长决定。\n",
     [(1, "每半年召开一次"), (2, "工作站办公室研究提出")]),
    ("the list's last duty, short and closed by a full stop after siblings with their own text",
     "五、南海中心另行增加职能\n负责加强村级组织的规范化管理，主要承担三方面职能：\n"
     "（一）负责村级组织日常事务管理。抓好“三会一课”，落实事务公开制度。\n"
     "（二）协助开展村居人居环境整治督促检查工作。采取定期检查和不定时抽查相结合的方式。\n（三）协助开展两违管控工作。\n"
     "中共平潭综合实验区金井片区管理局委员会\n",
     [(1, "日常事务管理"), (2, "人居环境整治"), (3, "两违管控")]),
    ("a rule's last clause on a line of its own",
     "三、工作规则\n（一）联席会议原则上每年召开一次全体会议。根据工作需要，可临时召开会议。\n"
     "（二）联席会议办公室负责汇总收集各相关单位考核评价完成情况。\n四、职责分工\n",
     [(1, "每年召开一次"), (2, "汇总收集")]),
]


def test_a_short_heading_over_its_own_text_stays_a_heading():
    """"（二）强化督查。" with its paragraph on the next line heads that paragraph, even after a sibling with text."""
    doc = parse_document("四、保障措施\n（一）加强领导。各单位要高度重视。\n（二）强化督查。\n区督查室要定期开展督查，通报进展。\n",
                         "x.txt")
    assert [p.section.rsplit(" / ", 1)[-1] for p in doc.paragraphs if "区督查室" in p.text] == ["（二）强化督查"]
    assert not [p for p in doc.paragraphs if p.text.startswith("（二）")]


def test_a_full_stop_line_over_numbered_items_heads_them():
    """"（二）指挥部接到信息后，通知点长进行管控。" over "1.日常巡查：…" heads those items."""
    doc = parse_document("三、触发机制\n（一）区气象局发布预报信息。蓝眼泪指挥部负责统筹。\n"
                         "（二）指挥部接到信息后，通知点长进行管控。\n1.日常巡查：区文旅集团安排人员巡逻。\n"
                         "2.定点值班：由点长调配管控人员。\n", "x.txt")
    assert [it.section.rsplit(" / ", 1)[-1] for it in doc.items if it.number in (1, 2)] == [
        "（二）指挥部接到信息后，通知点长进行管控"] * 2
    assert not [p for p in doc.paragraphs if p.text.startswith("（二）")]  # a heading, not a paragraph of its own


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in LIST_CLAUSES], ids=[c[0] for c in LIST_CLAUSES])
def test_semicolon_clauses_are_text_not_headings(text, expected):
    doc = parse_document(text, "x.txt")
    got = [it.text for it in doc.items] + [p.text for p in doc.paragraphs]
    for _number, phrase in expected:
        assert any(phrase in t for t in got), got  # the clause's text is searchable, never only a section title


def test_semicolon_clauses_are_items_where_the_list_assigns_work():
    doc = parse_document("二、主要职责\n（一）组织制定片区消防工作年度计划；\n（二）指导成员单位健全落实责任制；\n"
                         "（三）提请片区党委会开展督查、考核，并由片区消防工作站负责具体实施；\n（四）完成交办的其他任务。\n",
                         "x.txt")
    assert [(it.number, it.text[:6]) for it in doc.items] == [
        (1, "组织制定片区"), (2, "指导成员单位"), (3, "提请片区党委"), (4, "完成交办的其")]


def test_a_title_line_is_still_a_heading():
    doc = parse_document("二、工作措施\n（一）加强组织领导\n各单位要成立领导小组。\n（二）强化督查\n定期通报进展。\n", "x.txt")
    assert [s.title for s in doc.sections if s.level == 2] == ["加强组织领导", "强化督查"]


# ---- rosters: a member whose post ends like a group's title is still a member ------------------------------

ROSTER_MEMBERS = [
    ("a post ending in 工作组 after the name",
     "一、成员名单\n组 长：施 强 党委书记、局长\n成 员：林 勇 党政办公室主任\n翁 涛 派驻金井片区执法队筹建组\n"
     "林 森 区公安驻金井片区工作组\n刘树蕊 南海边防派出所所长\n消防工作站下设办公室，挂靠在政法综治处。\n",
     ["翁涛", "林森", "刘树蕊"]),
]


@pytest.mark.parametrize(("text", "members"), [c[1:] for c in ROSTER_MEMBERS], ids=[c[0] for c in ROSTER_MEMBERS])
def test_spaced_member_lines_stay_in_the_roster(text, members):
    doc = parse_document(text, "x.txt")
    roster = next(p for p in doc.paragraphs if p.roster)
    assert all(m in roster.text.replace(" ", "") for m in members), roster.text
    assert not [s for s in doc.sections if "工作组" in s.title or "所长" in s.title], doc.sections


def test_a_group_title_after_a_roster_is_still_a_group():
    doc = parse_document("关于调整工作组的通知\n五个小组组成人员如下：\n第一组\n组 长：林新平\n成 员：王茂华、高众\n工作职责：负责北港文创村的排查整治。\n第二组\n"
                         "组 长：林宝雄\n成 员：薛理涓\n工作职责：负责长江澳景点的排查整治。\n", "x.txt")
    assert {"第一组", "第二组"} <= {s.title for s in doc.sections}


# ---- the office a body sets up under itself ----------------------------------------------------------------

OFFICES = [
    ("duties after the office's seat",
     "消防工作站下设办公室，挂靠在政法综治处，负责落实开展消防安全各项工作。办公室主任由政法综治处处长巫贤洪同志兼任。"
     "办公室定期组织开展联合督导。", "消防工作站办公室", "shared"),
    ("a subject-less duty sentence after the office's people",
     "工作组下设办公室和五个小组。办公室设在经济发展处，主任由陈弘兼任，成员由陈尧、翁绳武组成。负责综合协调整治的相关工作。",
     "工作组办公室", "shared"),
    ("the office leads", "领导小组下设办公室，依托在区道安办，由高杰兼任办公室主任，负责牵头、组织、协调、督导整治工作。",
     "领导小组办公室", "lead"),
    ("具体承担", "领导小组下设办公室，由副总指挥张遵耀担任办公室主任，具体承担领导小组日常工作。", "领导小组办公室", "shared"),
    ("the body set up in the clause before", "区安委会成立打非治违专项行动工作小组，下设办公室，负责综合协调和监督检查。",
     "打非治违专项行动工作小组办公室", "shared"),
]


@pytest.mark.parametrize(("text", "office", "role"), [c[1:] for c in OFFICES], ids=[c[0] for c in OFFICES])
def test_an_office_set_up_under_a_body_is_called_by_its_name(text, office, role):
    doc = parse_document("关于成立工作站的通知\n\n" + text + "\n", "x.txt")
    units = next(it.units for it in doc.tasks if "下设" in it.text)
    assert office in getattr(units, role), units
    assert "办公室" not in units.all and "政法综治处" not in units.all and "区道安办" not in units.all, units


# ---- a bare-title item over a （1）（2）… list: the list's entries are the items of that group --------------

def test_a_title_item_over_a_list_heads_its_entries():
    doc = parse_document("二、规范便民事务管理\n（二）办证服务职能\n1.窗口直接受理业务\n（1）老年优待证办理；\n（2）大学生助学贷款证明办理；\n"
                         "（3）临时救助（1000元以下由便民服务中心审批）；\n2.收件代办业务\n（1）水电立户申请；\n"
                         "（2）城乡困难居民临时救助（3000元以上经片区管理局党委研究）；\n", "x.txt")
    got = [(it.locator, it.text) for it in doc.items]
    assert ("窗口直接受理业务 第2项", "大学生助学贷款证明办理；") in got, got
    assert ("收件代办业务 第2项", "城乡困难居民临时救助（3000元以上经片区管理局党委研究）；") in got, got
    assert not [t for _, t in got if t.startswith(("窗口", "收件"))]  # the titles head the groups, no items of their own


def test_an_item_with_a_sentence_keeps_its_bracketed_notes():
    doc = parse_document("一、工作措施\n1.加强宣传。各村要张贴标语。\n（1）发放宣传册；\n2.开展检查。\n", "x.txt")
    assert [it.number for it in doc.items] == [1, 2], [(it.number, it.text) for it in doc.items]


# ---- 会同 / 联合 after a modal, partners closed by 等 -------------------------------------------------------

TOGETHER = [
    ("将会同 … 等", "局社会事业组将会同党群工作组、政法综治组、农业农村组等进行抽查评估。",
     {"lead": ("局社会事业组",), "cooperate": ("党群工作组", "政法综治组", "农业农村组")}),
    ("会同 … 等 without a modal", "社会事业组会同党群工作组、农业农村组等开展检查。",
     {"lead": ("社会事业组",), "cooperate": ("党群工作组", "农业农村组")}),
    ("将联合", "区消防工作站将联合区应急局适时对各有关单位进行督导检查。",
     {"shared": ("区消防工作站", "区应急局")}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TOGETHER], ids=[c[0] for c in TOGETHER])
def test_together_after_a_modal(text, expected):
    from corpus.inline import inline_units

    units = inline_units(text)
    for role, names in expected.items():
        assert getattr(units, role) == names, units


def test_a_group_title_met_again_is_named_with_the_labels_above_it():
    doc = parse_document("三、采信办法\n（一）准入类职业资格\n1.确定比对类别。由业务主管部门组织专家比对。\n2.实施采认工作\n"
                         "（1）鉴别确认证书。\n（2）比对并发放采信证明。\n（二）水平评价类职业资格\n1.确定比对标准。由业务主管部门对照。\n"
                         "2.实施采认工作\n（1）鉴别确认证书。\n（2）比对并发放采信证明。\n", "x.txt")
    locators = [it.locator for it in doc.items if "采信证明" in it.text]
    assert len(set(locators)) == 2, locators  # two groups of one title, cited apart


# ---- a kind of place alone as a clause's subject: every place of that kind (a collective) --------------

BARE_PLACES = [
    ("乡镇要", "乡镇要健全完善安全生产目标责任和考核体系。", {"shared": ("乡镇",)}),
    ("乡镇及行政村要", "乡镇及行政村（社区）要确定政府和村民委员会主要负责人担任本级安委会主任。",
     {"shared": ("乡镇", "行政村（社区）")}),
    ("由片区负责", "对未恢复林业生产条件的，由片区负责恢复。", {"shared": ("片区",)}),
    ("由片区牵头", "由片区牵头、行业部门共同参与排查。", {"lead": ("片区",)}),
    ("社区要", "社区要做好宣传发动工作。", {"shared": ("社区",)}),
    ("a body of the place stays one name", "乡镇党委要对本区域安全生产工作负总责。", {"shared": ("乡镇党委",)}),
    ("a collective stays as written", "各乡镇要做好汛期值班。", {"shared": ("各乡镇",)}),
]

# ---- 务必 ("must") is a modal verb like 必须: the names before it are the clause's subject ------------------

MUST = [
    ("务必", "各片区开发管理局、各责任单位务必把保障性安居工程建设作为一把手工程来抓。",
     {"shared": ("各片区开发管理局", "各责任单位")}),
    ("务必 after a list", "各处室（中心）、东庠办事处、各村居务必高度重视，加强组织领导。",
     {"shared": ("各处室（中心）", "东庠办事处", "各村居")}),
    ("务必 as 必须", "各处室必须高度关注区绩效考评的各项任务。", {"shared": ("各处室",)}),
    ("a place that acts on nothing is no subject", "片区为一级巡查网格，村居为二级巡查网格。", {"shared": ()}),
    ("the place an object", "区农业局要对乡镇进行督导。", {"shared": ("区农业局",)}),
    ("a place's people are no place", "片区参加植树人员于当天上午8：00前集中。", {"shared": (), "cooperate": ()}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in BARE_PLACES + MUST], ids=[c[0] for c in BARE_PLACES + MUST])
def test_a_bare_place_is_a_collective_subject(text, expected):
    from corpus.inline import inline_units
    from corpus.parties import recognise

    units = recognise(inline_units(text))
    for role, names in expected.items():
        assert getattr(units, role) == names, units


NOTICE_TO_TOWNSHIPS = (
    "关于贯彻落实全面推进乡镇及村居安全生产责任体系建设的通知\n\n岚综管〔2015〕67号\n各乡镇人民政府：\n"
    "为全面推进我区安全生产责任体系建设，现就健全乡镇及村居安全生产责任体系有关事项通知如下：\n"
    "一、推进安全生产责任体系建设，是深化安全生产监管体制机制改革的重大举措。各乡镇安委会要高度重视，加强督促指导。\n"
    "二、乡镇党委要对本区域安全生产工作负总责，明确主要负责人的安全生产责任，确定安全生产工作具体联系领导。\n"
    "三、乡镇要全面落实安全生产“党政同责、一岗双责”，厘清党委、政府的安全生产工作职责；"
    "各行政村（社区）要明确村（居）两委主要负责人及安全协管员的安全生产职责，做到权有所属、责有所归。\n"
    "四、乡镇要按照属地监管原则，明确各内设机构及各岗位的安全生产工作职责，明确党政领导的安全生产职责分工。\n"
)


def test_bare_place_items_are_owned_by_the_place():
    doc = parse_document(NOTICE_TO_TOWNSHIPS, "x.txt")
    assert [it.units.shared for it in doc.items] == [("各乡镇安委会",), ("乡镇党委",), ("乡镇", "各行政村（社区）"),
                                                         ("乡镇",)]


# ---- a numbered title line over its body: the body's subject opens a clause of its own -------------------

TITLE_OVER_BODY = [
    ("a title line, then the subject", "1．强化媒体宣传工作\n县政府要积极协调各类新闻媒体开设专栏、专题，集中宣传防火常识。\n",
     ("县政府",)),
    ("a title line, then 由", "1．物资保障组\n由政法综治处根据实际情况准备防汛抢险物资及无线电话传递工作。\n", ("政法综治处",)),
    ("a title line, then a subject doing its verb", "1．确定比对标准\n业务主管部门组织专家及业务骨干，对不同等级进行对照，提出比对方案。\n",
     ("业务主管部门",)),
]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in TITLE_OVER_BODY], ids=[c[0] for c in TITLE_OVER_BODY])
def test_a_title_line_is_no_part_of_the_subject(body, expected):
    doc = parse_document("工作方案\n一、主要任务\n" + body + "2．开展从业人员培训\n区人社局要将消防知识纳入农民工培训平台，组织开展培训。\n",
                         "x.txt")
    assert [it.units.shared for it in doc.items] == [expected, ("区人社局",)], doc.items
