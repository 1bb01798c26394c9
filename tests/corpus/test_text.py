import pytest

import corpus
from corpus.aliases import UnitAliases, load_unit_aliases
from corpus.headings import classify
from corpus.text import collapse_spaces, ends_sentence, join_cjk_spaces, normalize_for_match, strip_markup
from corpus.units import UNITS_LINE  # noqa: F401  (import check: no cycles)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("#### **四、工作要求**", "四、工作要求"),
        ("## 附件", "附件"),
        ("---", ""),
        ("- 附件：1. 关于开展加强和规范党内政治生活联系督导工作方案", "附件：1. 关于开展加强和规范党内政治生活联系督导工作方案"),
        ("<b>二、基层党组织监督责任清单</b>\t", "二、基层党组织监督责任清单\t"),
        ("\t<p>9. 在职责范围内建立健全</p>", "\t9. 在职责范围内建立健全"),
        ("（**区委组织部**牵头负责）", "（区委组织部牵头负责）"),
    ],
)
def test_strip_markup(raw, clean):
    assert strip_markup(raw) == clean


@pytest.mark.parametrize(
    ("raw", "joined"),
    [
        ("2018 年越秀区加强和规范党内", "2018年越秀区加强和规范党内"),
        ("关于开展加强和规范党内政治生活 联系督导工作方案", "关于开展加强和规范党内政治生活联系督导工作方案"),
        ("党的工作部门、基层党组织、 党员监督责任清单", "党的工作部门、基层党组织、党员监督责任清单"),
    ],
)
def test_join_cjk_spaces(raw, joined):
    assert join_cjk_spaces(raw) == joined


def test_collapse_spaces_keeps_spaces_around_numbers():
    assert collapse_spaces("全力推进 2018 年涉及  公共教育") == "全力推进 2018 年涉及公共教育"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("区财政局（区国资局）", "区财政局(区国资局)"),
        ("部门党组(党委)要结合实际,", "部门党组（党委）要结合实际，"),
        ("**区委 组织部**", "区委组织部"),
        ("第１７项", "第17项"),
    ],
)
def test_normalize_for_match(a, b):
    assert normalize_for_match(a) == normalize_for_match(b)


@pytest.mark.parametrize(
    ("line", "ends"),
    [("严明党和国家机构改革纪律，坚决防", False), ("（区纪委牵头负责）", True), ("规范党内政治生活。", True),
     ("研究落实有效举措,", False), ("“…的核心。”", True), ("", True)],
)
def test_ends_sentence(line, ends):
    assert ends_sentence(line) is ends


@pytest.mark.parametrize(
    ("line", "kind", "number"),
    [
        ("17. 开展“新时代越秀党建先锋行动”。", "item", 17),
        ("17．开展", "item", 17),
        ("1.全面增强基层党组织", "item", 1),
        ("13. 精准整顿软弱涣散基层党组织。", "item", 13),
        ("一、把党的政治建设摆在首位", "h1", 1),
        ("（一）打造绝对忠诚政治机关", "h2", 1),
        ("(二十五)加强机关党建工作保障", "h2", 25),
        ("(二) 开展“头雁”培育行动", "h2", 2),
        ("附件 1", "part", 0),
        ("附件2", "part", 0),
        ("附件", "part", 0),
        ("附件：区级班子党员领导干部挂点联系督导加强和规范党内政治生活情况表", "attach_list", 0),
        ("（区纪委牵头，区信访局配合）", "paren_units", 0),
        ("责任单位：区委组织部", "units", 0),
        ("2018 年越秀区加强和规范党内", "text", 0),
        ("2018年6月27日", "text", 0),
        ("序号\t区级班子党员领导干部", "table", 0),
        ("| 序号 | 工作任务 |", "table", 0),
        ("序号 | 工作任务 | 牵头单位", "table", 0),
        ("---|---|---", "table", 0),
    ],
)
def test_classify(line, kind, number):
    ln = classify(1, line)
    assert ln.kind == kind
    if number:
        assert ln.number == number


def test_part_names():
    assert classify(1, "附件 1").rest == "附件1"
    assert classify(1, "附件二").rest == "附件2"
    assert classify(1, "附件").rest == "附件"


def test_unit_aliases():
    aliases = load_unit_aliases(corpus.UNIT_ALIASES_FILE)
    assert aliases.canonical("区委办") == "区委办公室"
    assert aliases.canonical("区府办") == "区政府办公室"
    assert aliases.canonical("区财政局(区国资局)") == "区财政局（区国资局）"
    assert aliases.same("区委办", "区委办公室")
    assert not aliases.same("区纪委", "区纪委监委")
    assert not aliases.same("区委组织部", "区委办公室")
    assert aliases.canonical("**区纪委**") == "区纪委"
    assert "区委办" in aliases.spellings("区委办公室")
    assert UnitAliases.from_lines(["# c", "", "甲 = 乙"]).same("乙", "甲")
    assert load_unit_aliases("/nonexistent").canonical("x") == "x"
