"""When a document was issued, asked the way people type it: the signature's date, or a search when the words
name something other than the document."""

from __future__ import annotations

import pytest

from assistant.questions import issue_date
from corpus.parse import parse_document

NOTICE = parse_document(
    "平潭综合实验区君山片区管理局防汛抗旱指挥部关于组建防汛防台应急抢险队的通知\n\n各处室：\n经研究决定，组建应急抢险队伍，"
    "具体人员名单如下：\n一、君山镇应急抢险小分队\n队 长：薛 忠\n平潭综合实验区君山片区管理局\n防汛抗旱指挥部\n"
    "（党政办公室代章）\n2022年4月8日\n", "notice.txt")
UNSIGNED = parse_document("“僵尸型”社会组织专项整治行动实施方案\n\n一、总体目标\n清除一批社会组织。\n", "plan.txt")

ASKED = [
    ("the notice named by its title's words", "组建抢险队的通知什么时候发的", NOTICE, "2022年4月8日"),
    ("a demonstrative and a genre", "这个通知是哪天印发的", NOTICE, "2022年4月8日"),
    ("an issue noun with 日期", "发文日期是哪天", NOTICE, "2022年4月8日"),
    ("colloquial 啥时候", "这份通知啥时候下发的", NOTICE, "2022年4月8日"),
]


@pytest.mark.parametrize(("question", "doc", "date"), [c[1:] for c in ASKED], ids=[c[0] for c in ASKED])
def test_the_issue_date_is_the_signatures(question, doc, date):
    frame = issue_date.recognise(question, (doc,))
    assert frame is not None
    answer = issue_date.answer(question, frame)
    assert answer.found and date in answer.blocks[0] and answer.citations[0].source == doc.source


@pytest.mark.parametrize("question", ["检查组什么时候发布通报", "抢险队什么时候成立", "垃圾桶什么时候发的",
                                      "薛忠什么时候到岗"])
def test_other_things_issued_or_dated_are_searched(question):
    assert issue_date.recognise(question, (NOTICE,)) is None


def test_an_unsigned_document_says_it_has_no_date():
    frame = issue_date.recognise("这个方案什么时候印发的", (UNSIGNED,))
    answer = issue_date.answer("这个方案什么时候印发的", frame)
    assert not answer.found and "没有写明印发日期" in answer.blocks[0]


@pytest.mark.parametrize(("question", "asks", "said"), [
    ("这个通知是谁代章的", "seal", "党政办公室代章"), ("落款单位是哪个", "issuer", "平潭综合实验区君山片区管理局防汛抗旱指挥部"),
    ("抢险队的通知是哪个部门发的", "issuer", "防汛抗旱指挥部"),
])
def test_the_signatures_seal_and_issuer(question, asks, said):
    frame = issue_date.recognise(question, (NOTICE,))
    assert frame is not None and frame.asks == asks
    answer = issue_date.answer(question, frame)
    assert answer.found and said in answer.blocks[0]


def test_a_signature_without_seal_says_so():
    frame = issue_date.recognise("谁代章的", (UNSIGNED,))
    assert not issue_date.answer("谁代章的", frame).found
