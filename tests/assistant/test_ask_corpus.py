"""Structured questions against the real bundled documents: exact answers with citations."""

import pytest

from assistant.questions.ask import ask, item_text

YUEXIU = "yuexiu-2018-party-political-life-work-points.txt"
SUPERVISION = "yuexiu-inner-party-supervision-work-plan.md"


def _cited(answer):
    return {(c.source, c.locator) for c in answer.citations}


@pytest.mark.parametrize(
    ("question", "expect", "source", "locator"),
    [
        ("越秀区工作要点第3项谁牵头", ["牵头单位：区委组织部"], YUEXIU, "第3项"),
        ("越秀要点第1项哪些单位配合", ["区委办公室", "区对口支援办"], YUEXIU, "第1项"),
        ("2018年工作要点第18项由哪个部门牵头，哪些单位配合", ["区委组织部", "配合：各街道"], YUEXIU, "第18项"),
        ("工作要点第四项谁牵头", ["没有单独的牵头单位", "区纪委、区委巡察办、区委组织部按职责分工负责"], YUEXIU, "第4项"),
        ("党内监督工作方案第12项谁牵头谁配合", ["牵头：区纪委", "区委政法委", "各行政执法部门"], SUPERVISION, "第12项"),
        ("监督条例方案第30项的牵头单位和配合单位", ["区公安分局", "区法院", "区检察院"], SUPERVISION, "第30项"),
        ("监督方案第17条谁配合", ["配合单位：区信访局"], SUPERVISION, "第17项"),
        ("监督方案第二项由谁负责", ["由区委宣传部负责", "由区委办负责"], SUPERVISION, "第2项"),
        ("越秀工作要点第26项由谁负责", ["区委组织部", "区直机关党工委"], YUEXIU, "第26项"),
        ("工作要点第十五项谁牵头", ["区委办公室"], YUEXIU, "第15项"),
    ],
)
def test_item_responsibility(knowledge, question, expect, source, locator):
    a = ask(question, knowledge)
    assert a.found, a.text
    for e in expect:
        assert e in a.text
    assert (source, locator) in _cited(a)
    assert "来源：" in a.text


def test_item_without_document_answers_every_document_labelled(knowledge):
    a = ask("第17项谁牵头？", knowledge)
    assert a.found
    docs = {c.document for c in a.citations}
    assert {"越秀工作要点", "党内监督工作方案", "洛阳机关党建意见", "海珠城管三年行动"} <= docs
    assert len(a.choices) == len(a.citations) >= 4
    assert "区纪委" in a.text and "区信访局" in a.text


def test_item_text(knowledge):
    a = ask("洛阳意见第6项的原文", knowledge)
    assert a.found and "每年至少召开1次民主生活会" in a.text
    b = item_text(knowledge, "监督条例方案", 17)
    assert b.found and "认真处理信访举报" in b.text and "区信访局" in b.text


@pytest.mark.parametrize(
    ("question", "expect", "absent"),
    [
        ("区委政法委参与了哪些工作", ["社会治理", "执纪程序"], []),
        ("区审计局要配合哪些事", ["审计监督", "第35项"], []),
        ("区信访局要配合哪些工作？", ["第17项", "第31项"], []),
        ("区纪委监委负责哪些工作", ["第13项", "第14项"], ["第11项"]),
        ("区委办要配合哪些工作", ["第8项", "第1项"], []),  # alias: 区委办 ↔ 区委办公室
    ],
)
def test_unit_duties(knowledge, question, expect, absent):
    a = ask(question, knowledge)
    assert a.found, a.text
    for e in expect:
        assert e in a.text
    for e in absent:
        assert e not in a.text


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("苏佩联系哪个社区", ["都府社区"]),
        ("谁挂点联系第七中学", ["王焕清"]),
        ("陈灏挂点哪个街道", ["矿泉街"]),
        ("光塔街由哪些区领导挂点联系", ["黄永青", "颜强"]),
        ("东湖新村社区由哪位区领导挂点", ["黄仰辉", "胡仲华"]),
        ("东山街道是哪位领导联系督导", ["王焕清"]),
    ],
)
def test_leader_table(knowledge, question, expect):
    a = ask(question, knowledge)
    assert a.found, a.text
    for e in expect:
        assert e in a.text
    assert all(c.locator.startswith("附件1 第") for c in a.citations)


@pytest.mark.parametrize(
    "question",
    ["", "   ", "字" * 10_000, "😀😀😀", "<script>alert(1)</script>", "'; DROP TABLE x; --",
     "第0项谁牵头", "第999项谁牵头", "越秀工作要点第999项", "区火星局要配合哪些工作", "张三联系哪个社区"],
)
def test_bad_input_gets_a_clear_chinese_reply(knowledge, question):
    a = ask(question, knowledge)
    assert not a.found
    assert a.text and any("\u4e00" <= ch <= "\u9fff" for ch in a.text)
    assert "Traceback" not in a.text


def test_missing_item_says_how_many_there_are(knowledge):
    assert "共37项" in ask("越秀工作要点第999项谁牵头", knowledge).text
