"""The five bundled documents parse into the expected structure (counts, joins, units, header)."""

import pytest

from corpus.model import MAIN_PART

YX = "越秀工作要点"
HZ = "海珠城管三年行动"
GZ = "广州三年行动计划解读"
LY = "洛阳机关党建意见"
JD = "党内监督工作方案"


@pytest.mark.parametrize(("name", "count"), [(YX, 37), (HZ, 22), (LY, 60), (JD, 35), (GZ, 0)])
def test_main_item_counts_and_consecutive_numbers(docs, name, count):
    items = docs[name].main_items
    assert len(items) == count
    assert [i.number for i in items] == list(range(1, count + 1))


def test_every_part_is_numbered_consecutively(bundled):
    for doc in bundled.documents:
        parts = {i.part for i in doc.items if i.number}  # number 0: unnumbered paragraph tasks
        for part in parts:
            numbers = [i.number for i in doc.items if i.part == part and i.number]
            assert numbers == list(range(1, len(numbers) + 1)), (doc.short_name, part)


@pytest.mark.parametrize("name", [YX, JD])
def test_every_main_item_has_units(docs, name):
    assert [i.number for i in docs[name].main_items if not i.units] == []


@pytest.mark.parametrize(
    ("name", "title", "issuer", "number", "date"),
    [
        (YX, "2018年越秀区加强和规范党内政治生活工作要点", "中共广州市越秀区委办公室", "越办〔2018〕2号", "2018年6月27日"),
        (HZ, "海珠区城市管理局加强党的基层组织建设三年行动计划实施方案（2018—2020年）", "中共广州市海珠区城市管理局党组",
         "海城管党组〔2018〕23号", "2018年10月23日"),
        (LY, "中共洛阳市委关于加强和改进全市机关党的建设的实施意见", "中共洛阳市委", "", "二〇二〇年六月五日"),
        (JD, "广州市越秀区关于深入贯彻落实《中国共产党党内监督条例》的工作方案", "广州市越秀区党风廉政建设领导小组",
         "越党廉〔2018〕3号", "2018年4月19日"),
        (GZ, "广州印发实施加强和规范党内政治生活三年行动计划(2018-2020年)", "", "", ""),
    ],
)
def test_header(docs, name, title, issuer, number, date):
    doc = docs[name]
    assert (doc.title, doc.issuer, doc.doc_number, doc.date) == (title, issuer, number, date)


def test_attachments(docs):
    assert docs[YX].attachments == (
        "关于开展加强和规范党内政治生活联系督导工作方案",
        "2018年越秀区加强和规范党内政治生活情况检查考核工作方案",
    )
    assert docs[JD].attachments == ("党的工作部门、基层党组织、党员监督责任清单",)
    assert docs[HZ].attachments == docs[LY].attachments == docs[GZ].attachments == ()


def _units(item):
    u = item.units
    return u.lead, u.cooperate, u.shared, u.coordinate


@pytest.mark.parametrize(
    ("name", "number", "lead", "cooperate", "shared"),
    [
        (YX, 1, ("区纪委",), ("区委办公室", "区委组织部", "区委政法委", "区编办", "区委巡察办", "区对口支援办"), ()),
        (YX, 4, (), (), ("区纪委", "区委巡察办", "区委组织部")),
        (YX, 7, (), ("区直机关党工委", "区文广新局", "区委党校", "区委党史研究室"), ("区委组织部", "区委宣传部")),
        (YX, 18, ("区委组织部",), ("各街道",), ()),
        (YX, 19, ("区委组织部",), ("区纪委",), ()),
        (YX, 22, (), (), ("区纪委", "区委组织部")),
        (YX, 33, ("区司法局",), ("区委办公室", "区人大办公室", "区政府办公室", "区政协办公室", "区属各单位"), ()),
        (YX, 35, (), ("区审计局", "区财政局（区国资局）"), ("区委组织部", "区委办公室")),
        (JD, 12, ("区纪委",), ("区委组织部", "区委政法委", "各行政执法部门"), ()),
        (JD, 17, ("区纪委",), ("区信访局",), ()),
        (JD, 30, ("区纪委",), ("区委政法委", "区公安分局", "区法制办", "区法院", "区检察院"), ()),
    ],
)
def test_item_units(docs, name, number, lead, cooperate, shared):
    u = docs[name].item(number).units
    assert (u.lead, u.cooperate, u.shared) == (lead, cooperate, shared)


def test_supervision_plan_item_1_coordinate_line_and_item_2_sub_attributions(docs):
    doc = docs[JD]
    one = doc.item(1)
    assert one.units.coordinate == ("区党风廉政建设领导小组",)
    assert one.text.endswith("（区党风廉政建设领导小组组织协调）")
    assert one.body.endswith("强化监督检查。")
    two = doc.item(2)
    assert [(s.unit, s.scope) for s in two.units.sub] == [
        ("区委宣传部", "政治立场、落实意识形态工作责任制情况"),
        ("区委组织部", "加强党的建设、从严治党、公道正派选人用人、责任担当"),
        ("区委办", "执行党的决议"),
        ("区纪委", "廉洁自律"),
    ]


# Items broken by page-break blank lines: (document, item, text spanning the break, last line)
JOINS = [
    (YX, 4, "坚决防止未经批准擅自行动", 33), (YX, 7, "分众化、对象化、互动式宣讲", 43),
    (YX, 12, "严肃查处顶风违纪行为", 57), (YX, 14, "明确区委工作部门", 63),
    (YX, 19, "已在领导岗位的坚决调整下来", 79), (YX, 22, "坚决防止“带病提拔”。抓好个人有关事项填报工作", 87),
    (YX, 25, "抓好基层党组织带头人队伍建设", 97), (YX, 27, "构建开放、集约、共享的党群服务阵地体系", 103),
    (YX, 33, "重要党内规范性文件", 121),
    (JD, 3, "加强和规范党内政治生活", 61), (JD, 7, "巡视巡察反馈、组织约谈函询", 71),
    (JD, 10, "建立述责述廉情况公开机制，探索述责述廉情况", 79), (JD, 17, "建立纪委常委会定期听取", 99),
    (JD, 21, "应当点名道姓通报曝光", 109), (JD, 30, "应当向同级党委、纪委通报", 129),
    (JD, 34, "并以适当方式向其反馈办理情况", 139),
    (HZ, 2, "示范带动基层党组织规范党内政治生活。", 53), (HZ, 6, "“不忘初心、牢记使命”主题教育", 67),
    (HZ, 9, "难点问题，不断加强", 77), (HZ, 15, "紧紧扭住群众反映最强烈", 95),
]


@pytest.mark.parametrize(("name", "number", "snippet", "line_end"), JOINS)
def test_page_break_joins(docs, name, number, snippet, line_end):
    item = docs[name].item(number)
    assert snippet in item.text
    assert item.line_end == line_end


@pytest.mark.parametrize(
    ("name", "number", "heading"),
    [(YX, 3, "加强政治能力建设。"), (HZ, 1, "全面增强基层党组织学习贯彻习近平新时代中国特色社会主义思想的责任意识。"),
     (HZ, 13, "精准整顿软弱涣散基层党组织。"), (LY, 26, "增加先进支部。"), (JD, 6, "加强巡察工作。")],
)
def test_item_heading_is_first_sentence(docs, name, number, heading):
    assert docs[name].item(number).heading == heading


def test_item_text_keeps_document_punctuation(docs):
    assert "部门党组(党委)要结合实际," in docs[LY].item(2).text  # ASCII as written
    assert "**" not in docs[JD].item(8).text
    assert docs[YX].item(2).text.endswith("（区委办公室、区政府办公室牵头，区属各单位配合）")


def test_item_sections(docs):
    assert docs[LY].item(1).section == "一、以提升政治能力为抓手,着力加强政治机关建设 / （一）打造绝对忠诚政治机关"
    assert docs[HZ].item(3).section == "三、具体措施 / （二）开展“头雁”培育行动，全面提升带头人队伍建设水平"
    assert docs[YX].item(37).section == "九、落实管党治党政治责任"
    assert docs[JD].item(35).section == "三、工作要点和责任分工"


def test_attachment_list_lines_are_not_items(docs):
    doc = docs[YX]
    assert all("检查考核工作方案" not in i.text for i in doc.main_items)
    assert doc.item(37).line_end == 131


def test_numbered_lines_in_attachments_belong_to_their_part(docs):
    doc = docs[YX]
    scoring = [i for i in doc.items if i.part == "附件2"]
    assert [i.number for i in scoring] == [1, 2, 3, 4]
    assert scoring[0].heading == "实地检查考核得分，占40分。"
    assert "位考评得分，占 40 分" in scoring[3].text  # joined across the page break
    notes = [i for i in doc.items if i.part == "附件1"]
    assert [i.number for i in notes] == [1, 2, 3]
    assert doc.item(1, "附件2").locator == "附件2 第1项"


def test_sections_and_parts(docs):
    doc = docs[YX]
    parts = [(s.label, s.title) for s in doc.sections if s.level == 0]
    assert parts == [
        ("附件1", "关于开展加强和规范党内政治生活联系督导工作方案"),
        ("附件", "区级班子党员领导干部挂点联系督导加强和规范党内政治生活情况表"),
        ("附件2", "2018年越秀区加强和规范党内政治生活情况检查考核工作方案"),
    ]
    assert [s.title for s in doc.sections if s.level == 1 and s.part == MAIN_PART][:2] == [
        "把党的政治建设摆在首位", "筑牢理想信念灵魂"]
    ly = [s for s in docs[LY].sections if s.level == 2]
    assert len(ly) == 25 and ly[-1].label == "（二十五）" and ly[0].title == "打造绝对忠诚政治机关"
    jd = docs[JD]
    assert [s.label for s in jd.sections if s.level == 0] == ["附件"]
    assert [s.title for s in jd.sections if s.level == 1 and s.part == MAIN_PART] == [
        "总体要求", "基本原则", "工作要点和责任分工", "工作要求"]


def test_leader_contact_table(docs):
    tables = docs[YX].tables
    assert len(tables) == 1
    table = tables[0]
    assert table.part == "附件1"
    assert table.headers == ("序号", "区级班子党员领导干部", "街道", "部门", "社区党建联系点", "“两新”组织党组织联系点", "学校")
    assert [r.number for r in table.rows] == list(range(1, 30))
    row15 = table.rows[14]
    assert row15.get("区级班子党员领导干部") == "黄永青"
    assert row15.get("“两新”组织党组织联系点") == ""
    assert row15.get("学校") == "市满族学校"
    donghu = [r.get("区级班子党员领导干部") for r in table.rows if r.get("社区党建联系点") == "东湖新村社区"]
    assert donghu == ["黄仰辉", "胡仲华"]
    assert table.rows[12].get("部门") == "区科工信局（黄花岗科技园管委会）"
    assert all(len(r.cells) == 7 for r in table.rows)


def test_responsibility_lists(docs):
    tables = docs[JD].tables
    assert [(t.title, len(t.rows)) for t in tables] == [
        ("党的工作部门监督责任清单", 22), ("基层党组织监督责任清单", 12), ("党员监督责任清单", 8)]
    for table in tables:
        assert table.headers == ("责任要求", "责任内容")
        assert table.part == "附件"
        assert [r.number for r in table.rows] == list(range(1, len(table.rows) + 1))
        assert all(r.get("责任要求").startswith("（") for r in table.rows)
        assert all(r.get("责任内容") and not r.get("责任内容")[0].isdigit() for r in table.rows)
        assert all("<" not in v for r in table.rows for _, v in r.cells)
    first = tables[0]
    assert first.rows[1].get("责任要求") == "（一）严格落实党风廉政建设责任制"  # filled down
    assert first.rows[17].get("责任要求") == "（四）强化对本系统党组织和党员干部的日常监督"  # wrapped cell
    assert first.rows[18].get("责任要求") == first.rows[17].get("责任要求")
    assert first.rows[18].get("责任内容") == "加强对下级领导班子民主生活会的指导和监督，提高民主生活会质量。"
    members = tables[2]
    assert members.rows[5].get("责任要求") == "（三）参加党组织开展的评议领导干部活动，勇于触及矛盾问题、指出缺点错误，对错误言行敢于较真、敢于斗争"
    assert members.rows[6].get("责任要求").startswith("（四）向党负责地揭发")


def test_paragraphs(docs):
    news = docs[GZ]
    assert news.main_items == ()  # no numbered items (a paragraph may still assign work)
    assert len(news.paragraphs) >= 25
    first = news.paragraphs[0]
    assert first.section.endswith("探索人民群众代表列席地方党委会") and first.number == 1
    joined = [p for p in news.paragraphs if "研究落实有效举措," in p.text][0]
    assert "2017年以来,广州市纪委牵头" in joined.text  # page-break join
    yx = docs[YX]
    visits = [p for p in yx.paragraphs if "每月不少于1次" in p.text]
    assert len(visits) == 1
    assert visits[0].part == "附件1"
    assert visits[0].section == "四、有关要求 / （二）加强指导检查"
    assert "对挂点联系单位的党内政治生活情况开展检查指导" in visits[0].text
    jd = docs[JD]
    deadline = [p for p in jd.paragraphs if "12月10日前" in p.text]
    assert deadline and deadline[0].section.startswith("四、工作要求")
    rectify = [p for p in yx.paragraphs if "1个月内" in p.text]
    assert rectify and rectify[0].part == "附件2"
    for doc in (yx, jd, news):
        for part in {p.part for p in doc.paragraphs}:
            nums = [p.number for p in doc.paragraphs if p.part == part]
            assert nums == list(range(1, len(nums) + 1))


def test_no_markup_left_anywhere(bundled):
    for doc in bundled.documents:
        texts = [i.text for i in doc.items] + [p.text for p in doc.paragraphs] + [s.title for s in doc.sections]
        texts += [v for t in doc.tables for r in t.rows for _, v in r.cells]
        for t in texts:
            assert "**" not in t and "<p>" not in t and "<b>" not in t and not t.startswith("#"), t


def test_label_and_first_note_on_one_line():
    from corpus.parse import parse_document

    text = "附件\n\n情况表\n\n说明：1. 第一条说明。\n\n2. 第二条说明。\n"
    doc = parse_document(text, "notes.txt")
    assert [(i.part, i.number, i.section) for i in doc.items] == [("附件", 1, "说明"), ("附件", 2, "说明")]
