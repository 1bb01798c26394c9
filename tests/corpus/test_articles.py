"""Regulations (第X章 / 第X条): each article is numbered on its own and cited "第十二条"; its （一）
clauses are its own text, or, when they head 1. 2. items, sections under the article whose items are
cited "第四条（一） 第2项" and belong to the article's owner; two runs of articles are told apart by
the heading over each run."""

import pytest

from assistant.documents.item_numbers import find_items
from corpus.model import MAIN_PART
from corpus.parse import parse_document


def parse(text):
    return parse_document(text.strip() + "\n", "t.txt")


CASES = [
    ("clauses-are-the-articles-own", """
某区生态环境保护工作职责规定
第一章 总则
第一条 为明确职责，制定本规定。
第二章 部门职责
第二条 区公安局工作职责：
（一）依法查处涉及生态环境保护的违法犯罪案件。
（二）负责危险化学品的公共安全管理。
第三条 区教育局工作职责：
（一）负责将生态环境保护知识纳入教育内容。
""", [("第一条", ()), ("第二条", ("区公安局",)), ("第三条", ("区教育局",))]),
    ("clause-headings-over-numbered-items", """
某区生态环境保护工作职责规定
第一章 部门职责
第一条 区经济发展局工作职责：
（一）发展改革方面
1.负责编制生态建设规划。
2.负责推进能源结构调整。
（二）工业和信息化方面
1.负责推广节能新产品。
第二条 区宣传部工作职责：
1.负责开展生态环境保护宣传教育。
""", [("第一条", ("区经济发展局",)), ("第一条（一） 第1项", ("区经济发展局",)),
      ("第一条（一） 第2项", ("区经济发展局",)), ("第一条（二） 第1项", ("区经济发展局",)),
      ("第二条", ("区宣传部",)), ("第二条 第1项", ("区宣传部",))]),
    ("articles-in-an-attachment", """
关于印发某办法的通知
各单位：现印发给你们。
附件1
某某管理办法
第一条 为加强管理，制定本办法。
第二条 本办法由区财政局负责解释。
""", [("附件1 第一条", ()), ("附件1 第二条", ("区财政局",))]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_articles_and_the_items_inside_them(text, expected):
    doc = parse(text)
    assert [(it.locator, it.units.shared + it.units.lead) for it in doc.items] == expected


@pytest.mark.parametrize(("question", "number", "locators"), [
    ("第二条是谁的职责？", 2, ["第二条"]),
    ("第2条谁负责", 2, ["第二条"]),
    ("第一条（二）第1项谁负责", 1, ["第一条（二） 第1项"]),
    ("第二项谁负责", 2, ["第一条（一） 第2项", "第二条"]),  # 项 may mean either: both are offered
])
def test_an_article_is_asked_by_its_own_noun(question, number, locators):
    doc = parse(CASES[1][1])
    assert [it.locator for it in find_items(doc, number, MAIN_PART, question)] == locators


TWO_PARTS = """
某某小镇、台湾创业园工作实施方案
二、某某小镇工作任务
（三）突出对台元素
1.引进特色餐饮。（责任单位：区两岸发展公司）
2.举办美食节。（责任单位：区两岸发展公司）
3.引进台湾特色餐饮。（责任单位：区两岸发展公司）
三、台湾创业园工作任务
（三）整合服务职能
1.建设服务中心。（牵头单位：区商务局）
2.完善政策。（牵头单位：区财政局）
3.提供配套金融服务。（牵头单位：区金融办）
"""


@pytest.mark.parametrize(("question", "locators"), [
    ("台创园（三）里的第3项谁牵头？", ["三（三） 第3项"]),  # 台创园: the short name of 台湾创业园
    ("台湾创业园（三）第3项谁牵头", ["三（三） 第3项"]),
    ("（三）第3项谁牵头", ["二（三） 第3项", "三（三） 第3项"]),  # both paths: the question must say which
])
def test_a_section_named_by_its_short_name(question, locators):
    doc = parse(TWO_PARTS)
    assert [it.locator for it in find_items(doc, 3, MAIN_PART, question)] == locators
