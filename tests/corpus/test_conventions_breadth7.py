"""Conventions of the seventh question set's documents (eval/breadth7), one row per form.

Rows are short real-style snippets: a duty table whose rows also name the person answerable for them (牵头处室 |
防汛责任人), and tables whose 序号 restarts for every group of rows, whose rows must still be cited one by one.
"""

from __future__ import annotations

import pytest

from corpus.parse import parse_document

# ---- a role table's person column: the row's people answer for it beside its units ----------------------

PEOPLE_COLUMNS = [
    ("防汛责任人 beside 牵头处室, group cells merged down",
     "序号\t重点部位类型\t地理位置\t牵头处室\t防汛责任人\t主要职责\n"
     "1\t水库\t韩厝水库\t农业农村处\t周小钦\t1.汛前检查水库。\n2\t\t南松水库\t\t何劲松\t\n"
     "3\t\t君山水库\t\t郑 青\t\n",
     "南松水库", ("农业农村处",), ("何劲松",), "防汛责任人"),
    ("责任人 beside 责任单位, a space-padded two-character name",
     "序号\t工作任务\t责任单位\t责任人\t完成时限\n1\t完成门楼改造\t交通与建设处\t林 茂\t6月底前\n"
     "2\t清理沿街杂物\t农业农村处\t何秀清\t7月底前\n",
     "完成门楼改造", (), ("交通与建设处", "林茂"), "责任人"),
    ("河长 beside 牵头单位",
     "序号\t河道名称\t牵头单位\t河长\n1\t君山溪\t资源生态处\t吴晓斌\n2\t流水溪\t农业农村处\t施香强\n",
     "流水溪", ("农业农村处",), ("施香强",), "河长"),
]


@pytest.mark.parametrize(("text", "heading", "lead", "shared", "post"), [c[1:] for c in PEOPLE_COLUMNS],
                         ids=[c[0] for c in PEOPLE_COLUMNS])
def test_a_role_tables_people_answer_for_its_rows(text, heading, lead, shared, post):
    doc = parse_document("附件\n责任清单\n" + text, "x.txt")
    it = next(it for it in doc.items if it.heading.rstrip("。") == heading)
    assert it.units.lead == lead and it.units.shared == shared
    person = shared[-1]
    assert (person, post) in it.units.notes


def test_a_contact_column_names_no_party():
    doc = parse_document("附件\n责任清单\n序号\t工作任务\t牵头单位\t联系人\n1\t完成门楼改造\t交通与建设处\t林茂\n"
                         "2\t清理沿街杂物\t农业农村处\t何秀清\n", "x.txt")
    assert [it.units.all for it in doc.items] == [("交通与建设处",), ("农业农村处",)]


# ---- a 序号 restarting for every group: each row keeps an address of its own ------------------------------

RESTARTING = [
    ("numbering restarts per site type",
     "序号\t重点部位类型\t地理位置\t牵头处室\t防汛责任人\n1\t地质灾害点\t北港村海岸侵蚀\t资源生态处\t张大鹏\n"
     "2\t\t渔屿村北岚岭滑坡\t\t吴晓斌\n1\t水库\t韩厝水库\t农业农村处\t周小钦\n1\t易涝点\t中山大道\t政法综治处\t芦汪洋\n"),
    ("numbering restarts under repeated header rows",
     "序号\t项目名称\t责任单位\n1\t中原安置小区\t国投公司\n2\t吉钓安置小区\t交投公司\n"
     "序号\t项目名称\t责任单位\n1\t流水安置小区\t流水公司\n"),
]


@pytest.mark.parametrize("text", [c[1] for c in RESTARTING], ids=[c[0] for c in RESTARTING])
def test_rows_of_a_restarting_sequence_are_cited_one_by_one(text):
    doc = parse_document("附件\n清单\n" + text, "x.txt")
    locators = [t.locator(r) for t in doc.tables for r in t.rows]
    assert len(locators) == len(set(locators)) >= 3


def test_rows_numbered_once_keep_their_number():
    doc = parse_document("附件\n清单\n序号\t项目名称\t责任单位\n1\t中原安置小区\t国投公司\n2\t吉钓安置小区\t交投公司\n"
                         "3\t流水安置小区\t流水公司\n", "x.txt")
    assert [doc.tables[0].locator(r) for r in doc.tables[0].rows] == ["附件 第1行", "附件 第2行", "附件 第3行"]


# ---- a notice's signature: issuer, an optional seal line, the date — below the body or the roster too -----

SIGNATURES = [
    ("a seal line between issuer and date",
     "某某工作要点\n\n各处室：\n现将工作要点印发给你们。\n平潭综合实验区扶贫开发领导小组\n（平潭综合实验区党工委代章）\n"
     "2019年8月12日\n\n一、总体要求\n1.抓好落实。\n",
     "平潭综合实验区扶贫开发领导小组", "2019年8月12日"),
    ("signed below a roster, the issuer on two lines",
     "关于组建防汛防台应急抢险队的通知\n\n各处室：\n经研究决定，组建应急抢险队伍，具体人员名单如下：\n一、君山镇应急抢险小分队\n"
     "队 长：薛 忠\n成 员：魏 建 韩祥杰\n平潭综合实验区君山片区管理局\n防汛抗旱指挥部\n（党政办公室代章）\n2022年4月8日\n",
     "平潭综合实验区君山片区管理局防汛抗旱指挥部", "2022年4月8日"),
    ("a title above the 文号 is no letterhead; the signature at the end names the issuer",
     "关于做好城乡环境综合整治工作的实施意见\n\n岚综管综〔2015〕116号\n关于做好城乡环境综合整治工作的实施意见\n"
     "区直各单位：\n现就有关工作提出如下实施意见：\n一、工作目标\n1.整治老城区。\n平潭综合实验区管委会\n2015年5月25日\n",
     "平潭综合实验区管委会", "2015年5月25日"),
]


@pytest.mark.parametrize(("text", "issuer", "date"), [c[1:] for c in SIGNATURES], ids=[c[0] for c in SIGNATURES])
def test_signature_issuer_and_date(text, issuer, date):
    doc = parse_document(text, "x.txt")
    assert (doc.issuer, doc.date) == (issuer, date)


# ---- a roster line of names set apart by single spaces, two-character names padded inside ------------------

SPACED_ROSTERS = [
    ("three-character names", "副队长：林宗生 吴海鹄 林润颖", ("林宗生", "吴海鹄", "林润颖"), "副队长：林宗生、吴海鹄、林润颖"),
    ("padded two-character names among them", "成 员：魏 建 韩祥杰 林 松 吴建恩", ("魏建", "韩祥杰", "林松", "吴建恩"),
     "成员：魏建、韩祥杰、林松、吴建恩"),
    ("a name and its post stay one entry", "成 员：林 兴 社会事业处处长", ("林兴",), "成员：林兴社会事业处处长"),
    ("one padded name", "队 长：薛 忠", ("薛忠",), "队长：薛忠"),
]


@pytest.mark.parametrize(("line", "people", "shown"), [c[1:] for c in SPACED_ROSTERS], ids=[c[0] for c in SPACED_ROSTERS])
def test_names_set_apart_by_spaces(line, people, shown):
    doc = parse_document("关于组建应急抢险队的通知\n\n各处室：\n经研究决定，组建抢险队伍，具体人员名单如下：\n一、君山镇应急抢险小分队\n"
                         f"{line}\n平潭综合实验区君山片区管理局\n（党政办公室代章）\n2022年4月8日\n", "x.txt")
    roster = doc.tasks[-1]
    assert [p for p in roster.units.all if p in people] == list(people)
    assert "2022年4月8日" not in roster.text and "代章" not in roster.text  # the signature is no member
    assert shown in roster.text
