"""Conventions of the fifth question set's documents (eval/breadth5), one row per form.

Rows are short real-style snippets: numbering that the tree must read the way a reader does, subjects
the responsibility grammar must find, and phrases it must never make into parties.
"""

from __future__ import annotations

import pytest

from corpus.parse import parse_document


def _parties(doc, key) -> dict[str, tuple[str, ...]]:
    pool = (*doc.items, *doc.tasks)
    found = [it for it in pool if key in it.text]
    assert found, f"no item {key!r} in {[(it.number, it.text[:20]) for it in pool]}"
    u = found[0].units
    return {"lead": u.lead, "cooperate": u.cooperate, "shared": u.shared}


# ---- numbering -------------------------------------------------------------------------------------

NUMBERING = [
    # "1.3月20日～4月10日": item 1 with a date, not section 1.3 of a decimal outline
    ("a date after an item's number",
     "三、督查时间：\n1.3月20日～4月10日，主要督查前期工作。\n2.4月11日～6月30日，主要督查目标任务完成情况。\n",
     [(1, "3月20日～4月10日"), (2, "4月11日～6月30日")]),
    ("a year after an item's number", "一、工作安排\n1.2023年底前完成摸排。\n2.12月底前完成整改。\n",
     [(1, "2023年底前"), (2, "12月底前")]),
    # "第九条 以下物品不属于销毁范围：" owns its 1. 2. list and the sentence that closes it
    ("an article owns the list it announces",
     "第八条 销毁载体需要安排专人押运。\n第九条 以下物品不属于销毁范围：\n1. 公开发行的书籍；\n2.塑料物品；\n"
     "不属于可销毁的物品严禁放入销毁袋。\n第十条 各处室所用销毁袋应为标准布袋。\n",
     [(8, "专人押运"), (9, "公开发行的书籍"), (9, "严禁放入销毁袋"), (10, "标准布袋")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in NUMBERING], ids=[c[0] for c in NUMBERING])
def test_numbering(text, expected):
    doc = parse_document(text, "x.txt")
    numbered = [(it.number, it.text) for it in doc.items]
    for number, phrase in expected:
        assert any(n == number and phrase in t for n, t in numbered), numbered
    assert len({n for n, _ in numbered}) == len(numbered), numbered  # nothing numbered twice


def test_sub_items_with_their_own_units_are_items_of_their_group():
    doc = parse_document(
        "（二）重点任务\n1.公共广场、公厕管理方面。\n（1）路面干净整洁。（牵头处室：交通与建设处）\n"
        "（2）显著位置有公益广告景观小品。（牵头处室：党群工作处）\n2.主次干道管理方面。\n"
        "（1）道路名称、标牌广告用字规范。（牵头处室：社会事业处）\n3.建筑工地管理方面。环境卫生由建设单位负主体责任，"
        "片区管理局负责督促业主单位履行职责。\n（1）施工现场设置围挡。（牵头处室：交通与建设处，配合单位：各项目建设单位）\n",
        "x.txt")
    got = {(it.locator, it.units.lead) for it in doc.items}
    assert ("公共广场、公厕管理方面 第2项", ("党群工作处",)) in got, got
    assert ("主次干道管理方面 第1项", ("社会事业处",)) in got, got
    assert ("建筑工地管理方面 第1项", ("交通与建设处",)) in got, got
    # a group line that is only a title is the heading; one with its own text stays an item
    assert not [it for it in doc.items if it.text.startswith("公共广场")]
    assert [it.units.shared for it in doc.items if it.text.startswith("建筑工地")] == [("片区管理局",)]


def test_an_item_under_a_duty_heading_is_the_owners_beside_a_party_it_names():
    doc = parse_document("（一）一级岸线巡防队主要职责如下：\n1.负责组织指导下级巡防队。\n"
                         "2.收集问题。需要上级帮助解决的，由领导小组办公室负责召集各成员单位研讨。\n"
                         "（二）驻岚垂直管理单位职责\n1.平潭海关工作职责：负责对进出境货物实施监管。\n", "x.txt")
    assert _parties(doc, "收集问题")["shared"] == ("一级岸线巡防队", "领导小组办公室")
    assert _parties(doc, "平潭海关")["shared"] == ("平潭海关",)  # its own duty list, not the group's


def test_a_duty_article_keeps_its_numbered_duties_as_items():
    doc = parse_document("第十八条 区农村发展局工作职责：\n1.负责造林绿化。\n2.负责森林防火。\n第十九条 其他。\n", "x.txt")
    duties = [it for it in doc.items if not it.text.startswith(("区农村", "其他"))]
    assert [it.units.shared for it in duties] == [("区农村发展局",), ("区农村发展局",)]


# ---- subjects the grammar finds ----------------------------------------------------------------------

SUBJECTS = [
    ("需 is a modal", "第十三条 各处室需自行做好相关备份和存档工作。\n", "备份", {"shared": ("各处室",)}),
    ("由 after a topic, manner adverb", "第十二条 工作文件集中装车前由各处室自行保管，并加强保密安全管理。\n",
     "装车前", {"shared": ("各处室",)}),
    ("由 after a topic clause", "第六条 确定销毁时间后，各处室将销毁袋运送到集中地点由党政办公室安排人员统一押运送销。\n",
     "押运", {"shared": ("党政办公室",)}),
    ("a time clause before the verb",
     "区经济发展局在收到企业报备材料后，应在10个工作日内牵头联合属地片区管理局、区公安局到现场核实材料。\n",
     "核实", {"lead": ("区经济发展局",)}),
    ("a subject set off by a comma, with its count",
     "一、职责范围\n六名专职巡查员，要全力负责北厝、敖东违建坟墓巡查工作。\n二、工作模式\n", "巡查工作",
     {"shared": ("专职巡查员",)}),
    ("a list and 等 a kind of body, then a comma",
     "区直责任单位职责：区教育局、医保局、农发局等主管部门，要按照谁主管谁负责的原则加强监管。\n", "监管",
     {"shared": ("区直责任单位", "区教育局", "区医保局", "区农发局")}),
    ("the body a clause sets up, then its duty", "一、督察组组成人员：由区县纪检监察、森林与园林部门抽调专人组成督查组，负责开展督查工作。\n",
     "开展督查工作", {"shared": ("督查组",)}),
    ("拟 is a modal", "四、结果应用：督查工作结束后，督查组拟将督查结果进行通报，并报区、县相关领导及区党群工作部备案，作为领导干部年终绩效考核依据之一。\n", "备案",
     {"shared": ("督查组",)}),
    ("partners end where the clause goes on",
     "区直各职能部门会同行业主管部门和属地片区管理局，按照有关规定加强管理。\n", "加强管理",
     {"lead": ("区直各职能部门",), "cooperate": ("行业主管部门", "属地片区管理局")}),
    ("a partner's full name before its verb",
     "每半年考核一次，由片区资源生态处联合区自然资源中心苏平片区服务站对护林员进行考评。\n", "考评",
     {"shared": ("片区资源生态处", "区自然资源中心苏平片区服务站")}),
]


@pytest.mark.parametrize(("text", "key", "expected"), [c[1:] for c in SUBJECTS], ids=[c[0] for c in SUBJECTS])
def test_subjects(text, key, expected):
    got = _parties(parse_document(text, "x.txt"), key)
    for role, names in expected.items():
        assert got[role] == names, got


NOT_PARTIES = [
    ("an adverbial list before a noun", "为进一步加强整治工作，根据党工委、管委会安排部署，制定本方案。\n", ("管委会",)),
    ("the place reported to", "较为复杂的矛盾纠纷可上报片区联合调处中心以及辖区司法所、派出所，参与调解。\n",
     ("调处中心", "司法所", "派出所")),
]


@pytest.mark.parametrize(("text", "bad"), [c[1:] for c in NOT_PARTIES], ids=[c[0] for c in NOT_PARTIES])
def test_phrases_are_never_parties(text, bad):
    doc = parse_document(text, "x.txt")
    names = [n for it in (*doc.items, *doc.tasks) for n in it.units.all]
    assert not [n for n in names if n in bad or any(n.endswith(b) and len(n) <= len(b) + 2 for b in bad)], names


def test_a_public_notice_is_titled_by_its_first_line_not_its_closing_formula():
    doc = parse_document("平潭综合实验区金井片区管理局河长制办公室关于河湖长名单的公示\n\n"
                         "为进一步推进河湖长制工作，现将河湖长名单向社会公告。\n特此公告\n金井片区管理局河长制办公室\n"
                         "2023年4月18日\n\n区 域\t河 长\t姓 名\n片区级\t河长\t林 武\n", "x.txt")
    assert doc.title == "平潭综合实验区金井片区管理局河长制办公室关于河湖长名单的公示"


def test_a_section_heading_keeps_its_paragraph_that_ends_in_its_units():
    doc = parse_document("二、主要任务\n（五）落实补贴\n1.落实精准补贴。（责任单位：区财金局）\n2.落实节水奖励。（责任单位：区农发局）\n"
                         "（六）加强农田节水宣传培训\n开展农田节水技术培训，扩大影响。（责任单位：区农发局、市场监管局、各乡镇）\n"
                         "区直各有关单位：金井湾、澳前片区项目建设指挥部。\n", "x.txt")
    assert _parties(doc, "农田节水技术培训")["shared"] == ("区农发局", "区市场监管局", "各乡镇")
    assert not [t for t in (*doc.items, *doc.tasks) if "区直各有关单位" in t.text]  # the task ended at its units


def test_a_merged_group_column_after_the_serial_column_is_filled_down():
    doc = parse_document("附件1\n沿海村居情况一览表\n序号\t属地派出所\t沿海行政村（居）名称\n1\t苏澳派出所\t和平村\n2\t\t下苏澳村\n"
                         "3\t伯塘派出所\t东占村\n4\t\t国彩村\n", "x.txt")
    rows = {dict(r.cells)["沿海行政村（居）名称"]: dict(r.cells)["属地派出所"] for r in doc.tables[0].rows}
    assert rows == {"和平村": "苏澳派出所", "下苏澳村": "苏澳派出所", "东占村": "伯塘派出所", "国彩村": "伯塘派出所"}


@pytest.mark.parametrize(("question", "expected"), [
    ("第2项谁牵头", ["推进作风建设"]),  # the top level, unless a group is named
    ("加强组织建设第2项谁负责", ["强化党员教育培训"]),
])
def test_a_number_under_a_group_is_found_by_the_groups_name(question, expected):
    from assistant.documents.item_numbers import find_items

    doc = parse_document("某方案\n一、重点任务\n1.加强组织建设。\n1）完善党组织设置制度。（区委组织部牵头）\n"
                         "2）强化党员教育培训。（区委党校负责）\n2.推进作风建设。（区纪委牵头）\n", "s.txt")
    found = find_items(doc, 2, "正文", question)
    assert sorted(it.text[:6] for it in found) == sorted(e[:6] for e in expected)
