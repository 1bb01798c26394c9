"""Question phrasings of the seventh question set (eval/breadth7), one row per form, typed as in a chat."""

from __future__ import annotations

import pytest

from assistant.questions.frame_answers import shares_only_names
from assistant.questions.intents import asks_responsible_unit
from assistant.user_input.normalise import normalise
from index.answer_type import answer_kind

# A contact table's points can be tasks ("开展“小升规”企业跟踪服务" under a 责任领导 column): a question about the
# task names part of the point, and is no near miss; sharing one character with a name still is.
POINT = "开展小升规企业跟踪服务推进润峡新能源洁大师铠强科技等3家企业入规纳统"
NEAR_MISSES = [
    ("a task point asked by part of its words", "小升规企业跟踪服务谁负责",
     "开展“小升规”企业跟踪服务，推进润峡新能源、洁大师、铠强科技等3家企业入规纳统。", (POINT, "陈华"), False),
    ("a person's name sharing one character", "谢谢", "区级班子党员领导干部：谢伟光；街道：六榕街", ("谢伟光",), True),
    ("a place sharing two characters", "东山区怎么走", "王焕清；东山街；区教育局", ("王焕清", "东山街"), True),
]


@pytest.mark.parametrize(("question", "passage", "names", "near_miss"), [c[1:] for c in NEAR_MISSES],
                         ids=[c[0] for c in NEAR_MISSES])
def test_near_misses_and_task_points(question, passage, names, near_miss):
    assert shares_only_names(question, passage, names) is near_miss


@pytest.mark.parametrize("question", ["全额退还增值税留抵税额那条谁落实", "垃圾分类谁来落实", "这项改造谁实施",
                                      "整治方案由谁执行", "小升规企业跟踪服务谁负责"])
def test_who_with_a_duty_verb_asks_the_responsible_unit(question):
    assert asks_responsible_unit(question)


@pytest.mark.parametrize(("typed", "read"), [("追泪区网格长由谁来当", "追泪区网格长由谁担任"),
                                             ("组长谁来担任", "组长谁担任")])
def test_colloquial_appointment(typed, read):
    assert normalise(typed) == read


@pytest.mark.parametrize(("question", "kind"), [("办公室成员有哪几个人", ""), ("副队长有哪几位", "担任职务的人"), ("进展情况要在哪几天报上去", "时间或期限"),
                                                ("办公室有几个人", "数量"), ("涉及好几个部门吗", "")])
def test_which_few_asks_which_not_how_many(question, kind):
    assert answer_kind(question) == kind


@pytest.mark.parametrize(("question", "lists_documents"), [
    ("各乡镇要报送哪些材料", False), ("申请要提交什么材料", False), ("需要准备哪些材料", False),
    ("有哪些材料", True), ("有几份文件", True),
])
def test_materials_handed_in_are_not_the_librarys_documents(tmp_path, question, lists_documents):
    from assistant.documents.knowledge import Knowledge
    from assistant.questions.frames import Docs
    from assistant.questions.router import Turn, default_router
    from corpus.library import load_corpus

    (tmp_path / "plan.txt").write_text("解决突出问题实施方案\n\n一、时间步骤\n1.各乡镇汇总上报情况汇总表。\n", encoding="utf-8")
    turn = Turn(question=question, knowledge=Knowledge(corpus=load_corpus(tmp_path)))
    assert isinstance(default_router().recognise(turn), Docs) is lists_documents


@pytest.mark.parametrize(("question", "topic"), [("东庠那边副队长有哪些人", "东庠"), ("君山镇这边队长是谁", "君山镇"),
                                                 ("养殖污染监管那块谁管", "养殖污染监管")])
def test_a_pointer_word_is_no_part_of_the_topic(question, topic):
    from index.tokenize import strip_question_words

    searched = strip_question_words(question)
    assert topic in searched and "那边" not in searched and "这边" not in searched and "那块" not in searched
