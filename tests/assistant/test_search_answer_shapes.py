"""What a search answer quotes and which hits answer (issue 16), one row per form, on real-style snippets:
- a passage that names the asked topic only as an exception ("承担除旧城区外垃圾转运站的建设") comes last;
- a table row is one record: quoted whole, every cell (数据采集单位 beside 责任处室);
- "哪个单位的职责": two items of different owners that state the topic as fully both answer;
- the check that a question shares more than names with a passage compares counts in digits ("扣一分" / "扣1分").
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.documents.knowledge import Knowledge
from assistant.questions.ask import ask
from assistant.questions.frame_answers import shares_only_names
from assistant.questions.search_answers import _prefer_not_excepted, excepts_topic, quote
from corpus.library import Corpus
from corpus.parse import parse_document
from index.searcher import open_searcher


@dataclass
class Passage:
    text: str
    kind: str = "paragraph"


@dataclass
class Hit:
    passage: Passage
    focus: str = ""


@pytest.mark.parametrize(("question", "text", "excepts"), [
    ("旧城区垃圾转运站谁组织建？", "区交通投资集团有限公司：负责作为业主单位承担除旧城区外垃圾转运站的建设工作。", True),
    ("旧城区垃圾转运站谁组织建？", "区交通与建设局：负责旧城区垃圾转运站等环卫设施的建设工作。", False),
    ("景区公厕谁管护？", "除了景区、学校以外的公厕由各村负责管护。", True),
    # named as an exception and again on its own: the passage is about it too
    ("旧城区垃圾转运站谁组织建？", "除旧城区外的转运站由各片区建设，旧城区垃圾转运站由区交建局建设。", False),
    ("垃圾转运站谁建？", "除旧城区外垃圾转运站由集团建设。", False),  # the exception is not what is asked
])
def test_a_passage_excepting_the_topic(question, text, excepts):
    assert excepts_topic(question, text) is excepts


def test_a_passage_excepting_the_topic_comes_last():
    hits = [Hit(Passage("负责作为业主单位承担除旧城区外垃圾转运站的建设工作。")),
            Hit(Passage("区交通与建设局负责旧城区垃圾转运站等环卫设施的建设工作。"))]
    assert _prefer_not_excepted("旧城区垃圾转运站谁组织建？", hits)[0] is hits[1]


ROW = "一级指标：（三）协调发展 210；二级指标：22.河长制工作成效；权重：20；数据采集单位：区农业农村局（河长办）；责任处室：农业农村处"


def test_a_table_row_is_quoted_with_every_cell():
    assert quote("河长制工作成效的数据谁采集？", Hit(Passage(ROW, "row")), lambda t: 1.0) == f"【{ROW}】"


def test_a_paragraph_is_still_quoted_by_its_key_sentence():
    said = quote("河长制工作成效的数据谁采集？", Hit(Passage(ROW + "。" + "其他内容。" * 60, "paragraph")), lambda t: 1.0)
    assert said.endswith("…")


def test_counts_in_digits_are_shared_words():
    assert not shares_only_names("扣一分罚多少钱？", "扣1分折合人民币罚100元，扣2分折合人民币罚200元", ())
    assert shares_only_names("苏州天气怎么样", "苏佩联系东湖新村社区", ("苏佩",))


RULES = """某区生态环境保护工作职责规定

第一章 部门职责
第二十五条 平潭海关工作职责：
负责对进口固体废物、放射性废物的监督管理。
第二十六条 平潭出入境检验检疫局工作职责：
1.负责职责范围内的进口固体废物的检验检疫及监督管理工作。
2.负责对进出境动植物实施检验检疫。
第二十七条 区气象局工作职责：
负责大气污染气象条件的监测预报。
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    corpus = Corpus(documents=(parse_document(RULES, "rules.txt", "职责规定"),))
    searcher = open_searcher(corpus, tmp_path_factory.mktemp("rules-index"), embedding_model=None)
    return Knowledge(corpus=corpus, searcher_factory=lambda: searcher)


def test_every_owner_stating_the_topic_answers_whose_duty(rules):
    text = "\n".join(ask("进口固体废物的监管是哪个单位的职责？", rules).blocks)
    assert "平潭海关" in text and "平潭出入境检验检疫局" in text
    assert "区气象局" not in text


def test_a_lead_question_keeps_the_one_item_ranked_first(rules):
    answer = ask("进口固体废物的监管由哪个单位牵头？", rules)
    assert sum(line.startswith("责任分工") for line in answer.blocks) <= 1
