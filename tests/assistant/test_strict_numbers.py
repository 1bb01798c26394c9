"""The strict number rule in questions and notes (issue 20): a number is typed in ASCII or full-width
digits or as a Chinese numeral. "第²项", "第①项", "第١٢项" were read as items 2, 1 and (by search) some
paragraph: NFKC folded ² and ① into ASCII digits before any recogniser saw them. Now the normaliser keeps
such digits as typed and the door (``invalid_reason``, before every recogniser) refuses them clearly."""

import pytest

from assistant.questions.basic_answers import invalid_reason
from assistant.user_input.normalise import normalise
from assistant.user_input.numbers import loose_number

REFUSED = [
    ("越秀工作要点第²项谁牵头？", "²"), ("越秀工作要点第③项谁牵头？", "③"), ("第①条是什么", "①"),
    ("工作要点第١٢项", "١٢"), ("第৩项", "৩"), ("第⑽项谁负责", "⑽"), ("第 ² 项", "²"),
    ("11月⑤日到东山街督导", "⑤"), ("每年至少²次", "²"), ("不少于³人参加", "³"), ("第1²项", "1²"),
]
ACCEPTED = [
    "越秀工作要点第2项谁牵头？", "越秀工作要点第２项谁牵头？", "越秀工作要点第二项谁牵头？", "第十七项",
    "①加强党建是什么",  # a pasted list marker, not a number read
    "㈠部分有哪些", "民主生活会一年开几次？", "11月5日到东山街督导", "H₂O", "x²+1",
]


@pytest.mark.parametrize(("question", "number"), REFUSED)
def test_a_number_typed_with_digits_the_rule_refuses_is_refused_at_the_door(question, number):
    assert loose_number(question) == number
    reason = invalid_reason(question)
    assert reason is not None and f"“{number}”不是能识别的数字" in reason


@pytest.mark.parametrize("question", ACCEPTED)
def test_other_questions_pass_the_door(question):
    assert invalid_reason(question) is None


@pytest.mark.parametrize(("typed", "kept"), [("第²项", "第²项"), ("第①项", "第①项"), ("第１７项", "第17项"),
                                             ("ＡＢ１", "AB1"), ("第١٢项", "第١٢项")])
def test_the_normaliser_never_folds_a_refused_digit_into_an_ascii_one(typed, kept):
    assert normalise(typed) == kept
