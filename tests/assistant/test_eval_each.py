"""`docbot eval --each-document`: the strict lead rule and grading each document alone."""

from __future__ import annotations

import json

import pytest

from assistant.evaluation.question_sets import contains, content, document_sets, lead_rule_failure
from assistant.questions.answer import Answer, Citation, Page
from bot.cli import main

Q = {"q": "第3项谁牵头？", "kind": "lead", "expect": ["区甲局", "区乙局"], "lead": ["区甲局"]}


def _presenting(*parties) -> Answer:
    return Answer(Q["q"], "lead", True, "（答案文字不参与评分）", parties=parties)


@pytest.mark.parametrize(
    ("parties", "ok"),
    [
        ((("lead", ("区甲局",)), ("cooperate", ("区乙局",))), True),
        ((("lead", ("区 甲局",)), ("cooperate", ("区乙局",))), True),  # whitespace ignored
        ((("shared", ("区甲局", "区乙局")),), False),  # "没有单独的牵头单位"
        ((("lead", ("区甲局", "区乙局")),), False),  # not exactly the designated lead
        ((), False),  # lead never presented
        ((("cooperate", ("区乙局",)), ("lead", ("区甲局",))), True),  # the first presented as 牵头 counts
        ((("lead", ("区甲局",)), ("no_lead", ("区乙局",))), False),  # "没有单独的牵头单位" anywhere fails
    ],
)
def test_lead_rule_grades_the_parties_presented(parties, ok):
    assert (lead_rule_failure(Q, _presenting(*parties)) == "") is ok


def test_lead_rule_only_when_question_asks_lead():
    q = dict(Q, q="第3项由哪些单位负责？")
    assert lead_rule_failure(q, _presenting(("shared", ("区甲局", "区乙局")))) == ""


def test_expect_is_graded_on_fields_not_on_the_rendered_text():
    # the sources line and the "more" hint are rendering: an expected string only there does not count
    cite = Citation("甲方案", "a.txt", "第3项", "做好丙事项。")
    answer = Answer("丙事项谁负责", "search", True, ("《甲方案》第3项：", "【做好丙事项。】"), (cite,),
                    more=Page("区丁局在哪", 3))
    assert "区丁局" in answer.text and not contains(content(answer), "区丁局")
    assert contains(content(answer), "甲方案 第3项")


def test_each_document_grades_alone(tmp_path, capsys):
    (tmp_path / "doc2.txt").write_text("关于做好甲工作的方案\n1.做好丙事项。（区丙局牵头，区丁局配合）\n", "utf-8")
    (tmp_path / "doc10.txt").write_text("关于乙工作的方案\n1.做好戊事项。（区戊局负责）\n", "utf-8")
    rows = [{"id": "a", "kind": "lead", "q": "第1项谁牵头？", "expect": ["区丙局"], "lead": ["区丙局"]},
            {"id": "b", "kind": "negative", "q": "经费是多少万元？"}]
    (tmp_path / "doc2.questions.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    (tmp_path / "doc10.questions.jsonl").write_text(json.dumps(rows[0], ensure_ascii=False), "utf-8")
    (tmp_path / "doc10.source.txt").write_text("provenance", "utf-8")
    assert [d.name for d, _ in document_sets(tmp_path)] == ["doc2.txt", "doc10.txt"]
    assert main(["eval", "--each-document", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["documents"]["doc2"]["lead"]["passed"] == 1
    # doc10 alone has no 区丙局: graded on its own corpus, its lead question fails
    assert out["documents"]["doc10"]["lead"]["passed"] == 0
    assert out["total"]["total"] == 3


def test_each_document_usage_errors(tmp_path, capsys):
    assert main(["eval", "--each-document", str(tmp_path / "missing")]) == 2
    assert main(["eval", "--each-document", str(tmp_path)]) == 2
    assert main(["eval"]) == 2
    assert "用法错误" in capsys.readouterr().err


def test_compare_lexical_grades_hybrid_and_keywords_side_by_side(tmp_path, capsys, monkeypatch):
    """`--compare-lexical`: every document twice, with the configured model and with keywords alone."""
    from index import searcher as searcher_mod
    from index import warmup as warmup_mod
    from tests.index import fakes

    seen, real = [], searcher_mod.open_searcher
    monkeypatch.setattr(warmup_mod, "ensure_loadable", lambda name: None)
    monkeypatch.setattr(warmup_mod, "load_embedder", lambda name, model_id=None: fakes.HashEmbedder())
    monkeypatch.setattr(searcher_mod, "open_searcher",
                        lambda *a, **k: seen.append(k["embedding_model"]) or real(*a, **k))
    monkeypatch.setenv("DOCBOT_EMBEDDING_MODEL", "local/zh-model")
    (tmp_path / "doc1.txt").write_text("关于做好甲工作的方案\n1.每年至少召开1次民主生活会。（区丙局牵头）\n", "utf-8")
    rows = [{"id": "r", "kind": "retrieve", "q": "民主生活会一年开几次", "anchors": ["每年至少召开1次"]},
            {"id": "n", "kind": "negative", "q": "经费是多少万元？"}]
    (tmp_path / "doc1.questions.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    assert main(["eval", "--each-document", str(tmp_path), "--compare-lexical", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert seen == ["local/zh-model", "none"]
    assert out["total"] == {"hybrid": 2, "lexical": 2, "total": 2}
    assert main(["eval", "--each-document", str(tmp_path), "--compare-lexical"]) == 0
    text = capsys.readouterr().out
    assert "混合|关键词" in text and text.splitlines()[-2].startswith("合计")
    assert main(["eval", str(tmp_path / "doc1.questions.jsonl"), "--compare-lexical"]) == 2


def test_compare_lists_the_questions_only_one_mode_answers():
    from assistant.evaluation.compare import format_compare
    from assistant.evaluation.question_sets import DocumentScore, KindScore, Report

    def report(failed):
        fails = [{"id": i, "kind": "retrieve", "q": f"问题{i}", "why": ""} for i in failed]
        return Report(kinds={"retrieve": KindScore(3, 3 - len(failed))}, failures=fails)

    text = format_compare([DocumentScore("doc1", report(["a"]))], [DocumentScore("doc1", report(["b", "c"]))])
    assert "混合答对、关键词未答对 doc1 b：问题b" in text and "关键词答对、混合未答对 doc1 a：问题a" in text
    assert "   2/3   |    1      +1" in text
