import json

import pytest

from assistant.evaluation.question_sets import anchor_rank, contains, evaluate, load_questions, match_key
from assistant.questions.answer import Answer, Citation


@pytest.mark.parametrize(
    ("hay", "needle"),
    [("**区委组织部**牵头", "区委组织部"), ("占１０分", "占10分"), ("60分 （不含）以下", "60分(不含)以下"),
     ("<b>都府</b>社区", "都府社区"), ("【存档备查】", "存档备查")],
)
def test_matching_ignores_markup_width_and_space(hay, needle):
    assert contains(hay, needle)


def test_match_key_is_not_too_lenient():
    assert not contains("区委办公室", "区委组织部")
    assert match_key("ＡＢ  c") == "abc"


def test_anchor_rank():
    assert anchor_rank(["存档备查"], ["甲", "要存档备查", "存档备查"]) == 2
    assert anchor_rank(["x"], ["a"]) is None


def _answer(q, text, cites=(), found=True):
    return Answer(q, "x", found, text, tuple(Citation("d", "s", "l", t) for t in cites))


def test_evaluate_kinds_and_metrics():
    qs = [
        {"id": "L", "kind": "lead", "q": "a", "expect": ["区委组织部"]},
        {"id": "L2", "kind": "lead", "q": "b", "expect": ["区纪委"]},
        {"id": "R1", "kind": "retrieve", "q": "r1", "anchors": ["甲"]},
        {"id": "R2", "kind": "retrieve", "q": "r2", "anchors": ["乙"]},
        {"id": "R3", "kind": "retrieve", "q": "r3", "anchors": ["丙"]},
        {"id": "N", "kind": "negative", "q": "n"},
    ]
    answers = {
        "a": _answer("a", "**区委组织部**牵头"), "b": _answer("b", "区委办公室"),
        "r1": _answer("r1", "", ["甲"]), "r2": _answer("r2", "", ["x", "y", "乙"]), "r3": _answer("r3", "", ["x"]),
        "n": _answer("n", "没有找到", found=False),
    }
    deeper = {"r3": ["x", "y", "z", "w", "丙"]}
    report = evaluate(qs, lambda q: answers[q], lambda q, k: deeper.get(q, []))
    assert report.kinds["lead"].passed == 1 and report.kinds["negative"].passed == 1
    assert report.ranks == [1, 3, 5]
    assert report.hit_at(1) == pytest.approx(1 / 3) and report.hit_at(3) == pytest.approx(2 / 3)
    assert report.mrr == pytest.approx((1 + 1 / 3 + 1 / 5) / 3)
    data = report.to_json()
    assert data["retrieve"]["passed"] == 2 and data["retrieve_metrics"]["hit@3"] == pytest.approx(0.6667)
    assert {f["id"] for f in data["failures"]} == {"L2", "R3"}
    assert "hit@3" in report.format()


def test_load_questions_reports_bad_lines(tmp_path):
    good = tmp_path / "q.jsonl"
    good.write_text(json.dumps({"kind": "lead", "q": "x"}) + "\n\n", encoding="utf-8")
    assert len(load_questions(good)) == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "lead", "q": "x"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match="第2行"):
        load_questions(bad)
    with pytest.raises(ValueError, match="缺少"):
        bad.write_text('{"q": "x"}\n', encoding="utf-8")
        load_questions(bad)
