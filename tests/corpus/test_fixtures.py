"""Documents in other formatting conventions parse without code changes (tests/fixtures)."""

from pathlib import Path

import pytest

from corpus.library import load_corpus, load_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def plan():
    return load_document(FIXTURES / "other-convention-task-plan.md")


@pytest.fixture(scope="module")
def winter():
    return load_document(FIXTURES / "gb18030-winter-training.txt")


def test_markdown_plan_header(plan):
    assert plan.title == "某某区2019年基层党建重点任务分工方案"
    assert (plan.issuer, plan.doc_number, plan.date) == ("中共某某区委办公室", "某办〔2019〕5号", "2019年3月1日")
    assert plan.short_name == "某某区2019年基层党建重点任务分工方案"  # derived: not in any names.toml
    assert plan.attachments == ("重点任务分工表",)


def test_chinese_numbered_items_with_unit_lines(plan):
    items = plan.main_items
    assert [i.number for i in items] == [1, 2, 3, 4]
    assert [i.heading for i in items] == ["加强党支部标准化建设。", "规范“三会一课”制度。", "深化党员教育培训。", "推进党务公开。"]
    one, two, three, four = items
    assert one.units.shared == ("区委组织部", "各街道党工委")
    assert one.body.endswith("年底前完成达标评定。")
    assert (two.units.lead, two.units.cooperate) == (("区委组织部",), ("区直机关工委", "各街道党工委"))
    assert "支部委员会每月至少召开1次。" in two.text  # joined across a blank line
    assert (three.units.lead, three.units.cooperate) == (("区委组织部",), ("区委党校",))
    assert (four.units.lead, four.units.cooperate) == (("区委办公室",), ("区委组织部", "区政务服务数据管理局"))
    assert all(i.section == "一、重点任务" for i in items)
    assert not [s for s in plan.sections if s.level == 2]  # items, not headings


def test_pipe_table_rows_become_items(plan):
    (table,) = plan.tables
    assert table.headers == ("序号", "工作任务", "牵头单位", "配合单位")
    assert table.part == "附件"
    assert [r.number for r in table.rows] == [1, 2, 3]
    rows = [i for i in plan.items if i.part == "附件"]
    assert [i.number for i in rows] == [1, 2, 3]
    assert rows[0].text == "建立区领导党建联系点制度，区领导每月到联系点调研1次。"
    assert (rows[1].units.lead, rows[1].units.cooperate) == (("区直机关工委",), ("区民政局（区转制办）", "团区委"))
    assert rows[2].units.lead == ("区财政局（区国资局）",)
    assert rows[2].units.cooperate == ()
    assert plan.item(2, "附件").locator == "附件 第2项"


def test_plan_paragraphs(plan):
    texts = [p.text for p in plan.paragraphs]
    assert "各单位要按照分工抓好落实，于每年12月15日前将工作总结报送区委组织部。" in texts


def test_gb18030_ascii_punctuation_and_tab_table(winter):
    assert winter.title == "关于做好2020年党员冬训工作的安排意见"
    assert winter.issuer == "中共某某县委组织部"
    assert winter.date == "2020年11月20日"
    items = winter.main_items
    assert [i.number for i in items] == [1, 2, 3]
    assert (items[0].units.lead, items[0].units.cooperate) == (("县委组织部",), ("县委宣传部", "县委党校"))
    assert "各乡镇至少组织1次警示教育活动" in items[1].text
    assert items[1].units.shared == ("县纪委监委", "县委组织部")
    (table,) = winter.tables
    assert [r.number for r in table.rows] == [1, 2, 3]  # repeated header skipped
    assert table.rows[1].get("配合单位") == ""
    rows = [i for i in winter.items if i.part == "附件1"]
    assert [(i.number, i.units.lead) for i in rows] == [
        (1, ("县委组织部",)), (2, ("县委宣传部",)), (3, ("县委组织部",))]


def test_fixture_directory_loads_as_a_corpus():
    corpus = load_corpus(FIXTURES)
    assert [d.source for d in corpus.documents] == ["gb18030-winter-training.txt", "other-convention-task-plan.md"]
    assert corpus.units.same("区委办", "区委办公室")  # falls back to the bundled alias file


def test_regulation_articles_and_chapters():
    from corpus.parse import parse_document

    text = ("某某党组工作规则\n\n第一章 总则\n\n第一条 为规范党组工作，制定本规则。\n\n第二条 党组每年至少召开2次专题会议。\n\n"
            "第二章 职责\n\n第三条 党组书记负总责。（党组办公室负责）\n")
    doc = parse_document(text, "rules.txt")
    assert doc.title == "某某党组工作规则"
    assert [i.number for i in doc.items] == [1, 2, 3]
    assert doc.item(2).heading == "党组每年至少召开2次专题会议。"
    assert doc.item(3).section == "第二章 职责"
    assert doc.item(3).units.shared == ("党组办公室",)
    assert [s.label for s in doc.sections] == ["第一章", "第二章"]
