"""A document of the same genre in another convention, dropped into the corpus, answers with no code
change: items numbered （一）, "责任单位：" / "牵头单位：…；配合单位：…" lines, "排在第一位的为牵头单位",
and a markdown task table with 牵头单位 / 配合单位 columns."""

import shutil
from pathlib import Path

import pytest

from assistant.documents.knowledge import Knowledge
from assistant.questions.ask import ask
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


RESTARTING = """某片区2022年专项攻坚行动方案
一、工作任务
（一）矛盾纠纷大化解行动
1.开展矛盾纠纷摸排，确保底数清。（责任单位：政法综治处、交通与建设处）
2.建立调解联动机制。（责任单位：政法综治处、辖区司法所）
（二）信访积案大攻坚行动
1.落实领导包案化解机制。（责任单位：政法综治处）
2.加强进京访治理工作，3月底前完成排查。（责任单位：政法综治处，各村委会）
（三）公共安全大整治行动
（四）基层基础大提升行动
二、职责分工
片区数字办负责建设综治信息平台，完成视频监控联网。
附件
任务清单
序号\t工作任务\t牵头单位\t配合单位
1\t整治重点场所\t片区执法队\t派出所
2\t清理违规广告\t片区城管办\t各村委会
"""


@pytest.fixture(scope="module")
def restarting(tmp_path_factory):
    d = tmp_path_factory.mktemp("restart")
    (d / "plan.txt").write_text(RESTARTING, encoding="utf-8")
    return Knowledge(corpus=load_corpus(d))


def test_ambiguous_item_number_lists_candidates_with_paths_and_choices(restarting):
    a = ask("第2项谁负责", restarting)
    assert a.found
    assert "有2个第2项" in a.text
    assert "一（一） 第2项" in a.text and "一（二） 第2项" in a.text
    assert [c.label for c in a.choices] == ["一（一） 第2项", "一（二） 第2项"]
    # picking a button asks for exactly that item
    picked = ask(a.choices[1].question, restarting)
    assert "各村委会" in picked.text and "辖区司法所" not in picked.text


@pytest.mark.parametrize(
    ("question", "expect", "absent"),
    [
        ("信访积案大攻坚行动的第2项由哪些单位负责", "各村委会", "辖区司法所"),
        ("（一）第2项谁负责", "辖区司法所", "各村委会"),
        ("（二）第1项谁负责", "落实领导包案", "交通与建设处"),
        ("附件里第2项谁牵头", "牵头单位：片区城管办", "政法综治处"),
    ],
)
def test_question_names_which_item(restarting, question, expect, absent):
    a = ask(question, restarting)
    assert a.found and expect in a.text, a.text
    assert absent not in a.text
    assert not a.choices


def test_deadline_is_answerable(restarting):
    a = ask("信访积案大攻坚行动第2项什么时候完成", restarting)
    assert "完成时限：3月底前" in a.text


def test_unnumbered_paragraph_task_reaches_unit_questions(restarting):
    a = ask("片区数字办负责哪些工作", restarting)
    assert a.found and "建设综治信息平台" in a.text
    assert "二、职责分工" in a.citations[0].locator or "第" in a.citations[0].locator


ARTICLES = """某某管理办法
一、总则
第一条 为加强管理，制定本办法。
第二条 区应急局负责统筹协调。
某某员管理办法
第一条 为加强队伍管理，制定本办法。
第二条 乡镇林业站负责日常考核。
（一）发布火险预报。资源生态处及时发送警报。
"""

SECTIONS = """某片区森林防火工作要点
一、强化源头防控
（一）发布火险预报。资源生态处及时发送高火险警报。
（二）开展巡山护林。护林员经常性开展巡山。
（三）压实监管责任。各处室要落实监管责任。
（四）加强宣传教育。各处室（中心）、各相关单位、各行政村要广泛开展宣传。
"""


@pytest.mark.parametrize(
    ("text", "question", "expect"),
    [
        (ARTICLES, "第2部分第2条谁负责", "乡镇林业站"),
        (ARTICLES, "某某员管理办法第二条由谁负责", "乡镇林业站"),
        (SECTIONS, "第（四）项由哪些单位开展", "各行政村"),
    ],
)
def test_runs_and_section_numbers(tmp_path, text, question, expect):
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    a = ask(question, Knowledge(corpus=load_corpus(tmp_path)))
    assert a.found and expect in a.text, a.text
    assert not a.choices
