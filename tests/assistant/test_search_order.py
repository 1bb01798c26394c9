"""Within the first page of search answers, the hit the question's shape asks for comes first:
- "X由哪个单位牵头": the item that names a lead for X, not one where a unit only 配合开展X;
- "资源生态处负责哪些工作": the paragraph that opens with that unit, not one that merely lists it.
Dense ranking cannot tell these apart (both are about the same topic); the order is decided by structure."""

from dataclasses import dataclass

import pytest

from assistant.questions.search_answers import _prefer_subject
from assistant.questions.who_answers import states_role
from corpus.parse import parse_document


@dataclass
class Passage:
    text: str


@dataclass
class Hit:
    passage: Passage


@pytest.mark.parametrize(
    ("question", "first", "other"),
    [
        ("资源生态处在湾（滩）长制中负责哪些工作？", "资源生态处在区资源生态局的指导下，配合协同做好海洋生态环境属地监管工作。",
         "成员：资源生态处处长蔡昌旺、农业农村处处长丁宗泉，办公室依托在资源生态处。"),
        ("区卫健局负责什么", "区卫健局：负责医疗卫生机构自建房安全排查。", "由区住建局牵头，区卫健局、区教育局配合。"),
        ("各村要负责哪些禁毒工作？", "各村要落实禁毒宣传，签订帮教协议书。", "片区禁毒办指导各村开展工作。"),
        ("纪工委的职责是什么", "（二）纪工委负责对试点工作进行监督检查。", "试点工作接受纪工委、廉政办的监督。"),
    ],
)
def test_the_units_own_duty_paragraph_comes_first(question, first, other):
    hits = [Hit(Passage(other)), Hit(Passage(first))]
    assert _prefer_subject(question, hits)[0].passage.text == first


@pytest.mark.parametrize("question", ["自建房排查整治由哪个单位牵头", "民主生活会一年开几次", "第17项谁牵头"])
def test_questions_without_a_subject_keep_the_search_order(question):
    hits = [Hit(Passage("甲")), Hit(Passage("乙"))]
    assert _prefer_subject(question, hits) == hits


DUTY_TABLE = """某区自建房安全专项整治实施方案

附件2

部门职责分工表

序号\t部门\t主要职责分工
1\t区执法应急局\t牵头自建房“两违”排查整治工作，负责指导属地片区合理处置存量。
2\t区农业农村局\t负责农村宅基地管理有关工作，配合开展自建房“两违”排查整治工作。
"""


@pytest.fixture(scope="module")
def table_doc():
    return parse_document(DUTY_TABLE, "plan.txt", "整治方案")


def _locators(doc):
    return [t.locator(r) for t in doc.tables for r in t.rows]


def test_the_row_that_leads_states_the_lead_role(table_doc):
    leads = [loc for loc in _locators(table_doc) if states_role((table_doc,), "plan.txt", loc, "lead")]
    assert len(leads) == 1
    row = next(r for t in table_doc.tables for r in t.rows if t.locator(r) == leads[0])
    assert "区执法应急局" in str(row)
