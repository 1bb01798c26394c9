"""A document of the same genre in another convention, dropped into the corpus, answers with no code
change: items numbered （一）, "责任单位：" / "牵头单位：…；配合单位：…" lines, "排在第一位的为牵头单位",
and a markdown task table with 牵头单位 / 配合单位 columns."""

import shutil
from pathlib import Path

import pytest

from assistant.ask import ask
from assistant.knowledge import Knowledge
from corpus import BUNDLED_DIR
from corpus.library import load_corpus

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "other-convention-task-plan.md"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    for f in BUNDLED_DIR.iterdir():
        shutil.copy(f, d / f.name)
    shutil.copy(FIXTURE, d / FIXTURE.name)
    return Knowledge(corpus=load_corpus(d))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("重点任务分工方案第3项谁牵头", ["牵头单位：区委组织部", "配合：区委党校"]),
        ("重点任务分工方案第二项谁配合", ["配合单位：区直机关工委、各街道党工委"]),
        ("重点任务分工方案第4项谁牵头", ["牵头单位：区委办公室", "区政务服务数据管理局"]),
        ("重点任务分工方案附件第2项谁牵头", ["牵头单位：区直机关工委", "团区委"]),
    ],
)
def test_new_convention_answers(mixed, question, expect):
    a = ask(question, mixed)
    assert a.found, a.text
    for e in expect:
        assert e in a.text
    assert a.citations[0].source == FIXTURE.name


def test_new_document_joins_unnamed_item_questions(mixed):
    a = ask("第3项谁牵头", mixed)
    assert FIXTURE.name in {c.source for c in a.citations}
    assert "越秀工作要点" in a.text  # the bundled documents still answer alongside it


def test_unit_duties_span_new_document(mixed):
    a = ask("区直机关工委牵头哪些工作", mixed)
    assert a.found and "开展党员志愿服务活动" in a.text
