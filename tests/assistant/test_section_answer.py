"""A question naming a section by its own title lists the section's items (assistant/questions/section_answers.py)."""

import pytest

from assistant.questions.section_answers import answer_section
from corpus.parse import parse_document

NOTICE = ("关于对2014造林绿化开展督查的通知\n\n根据会议部署精神，决定开展督查。现将有关事项通知如下：\n"
          "一、督察组组成人员：由纪检监察、森林与园林部门抽调专人组成督查组，负责开展督查工作。\n二、督查内容：\n"
          "1.各级各部门贯彻全区造林绿化工作会议精神情况；\n2.造林绿化及森林经营目标任务落实情况；\n"
          "三、督查时间：\n1.3月20日～4月10日，主要督查前期工作落实情况。\n2.4月11日～6月30日，主要督查目标任务完成情况。\n")


@pytest.mark.parametrize(("question", "present"), [
    ("督查内容有哪些？", ("森林经营目标任务落实情况", "工作会议精神情况")),
    ("这次督查时间是什么", ("3月20日～4月10日", "4月11日～6月30日")),
])
def test_a_section_named_by_its_title_lists_its_items(question, present):
    doc = parse_document(NOTICE, "d.txt")
    answer = answer_section(question, (doc,))
    assert answer is not None and answer.found
    body = "\n".join(answer.blocks)
    assert all(p in body for p in present), body
    assert len(answer.citations) == 2


@pytest.mark.parametrize("question", [
    "督查内容里森林经营怎么督查？",  # one thing inside the section: search answers it
    "督查组组长是谁",  # no section of that title
])
def test_other_questions_are_not_section_lists(question):
    assert answer_section(question, (parse_document(NOTICE, "d.txt"),)) is None


def test_a_title_shared_by_two_documents_is_not_guessed():
    a, b = parse_document(NOTICE, "a.txt"), parse_document(NOTICE, "b.txt")
    assert answer_section("督查内容有哪些", (a, b)) is None
