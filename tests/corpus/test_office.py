"""Office loaders: .docx with Word's automatic numbering (tables → tab-separated lines), PDF layout
(running headers/footers, re-joined lines, scans), .doc through LibreOffice; then the same parser."""

import re

import pytest

from corpus.docx_numbering import format_number
from corpus.library import load_corpus
from corpus.loaders_office import docx_text
from corpus.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int
from corpus.parse import parse_document
from corpus.text import strip_markup
from tests.corpus.test_pdf import ROUND_TRIP_DOCUMENTS
from tests.support.documents import NumberedDocx

docx = pytest.importorskip("docx")


def test_docx_paragraphs_and_table(tmp_path):
    import corpus.loaders_office  # noqa: F401  registers .docx

    d = docx.Document()
    for text in ["中共某某区委办公室", "某办〔2020〕1号", "2020年5月1日", "某某区2020年党建工作要点", "一、重点任务",
                 "1. 加强学习。每月组织集中学习1次。（区委组织部牵头，区委宣传部配合）", "2. 抓好整改。（区纪委负责）",
                 "附件", "任务分工表"]:
        d.add_paragraph(text)
    table = d.add_table(rows=3, cols=4)
    rows = [["序号", "工作任务", "牵头单位", "配合单位"], ["1", "开展调研", "区委办公室", "各街道"], ["2", "编写报告", "区委组织部", ""]]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    d.save(tmp_path / "plan.docx")
    (doc,) = load_corpus(tmp_path).documents
    assert (doc.title, doc.issuer, doc.doc_number) == ("某某区2020年党建工作要点", "中共某某区委办公室", "某办〔2020〕1号")
    assert [(i.part, i.number) for i in doc.items] == [("正文", 1), ("正文", 2), ("附件", 1), ("附件", 2)]
    assert doc.item(1).units.cooperate == ("区委宣传部",)
    assert doc.item(2, "附件").units.lead == ("区委组织部",)
    assert doc.tables[0].rows[1].get("配合单位") == ""


# --- Word automatic numbering (corpus/docx_numbering.py) -------------------------------------------


@pytest.mark.parametrize("n, fmt, shown", [
    (1, "decimal", "1"), (12, "decimalZero", "12"), (3, "decimalFullWidth", "３"),
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCountingThousand", "十一"),
    (25, "chineseCounting", "二十五"), (105, "chineseCountingThousand", "一百零五"), (110, "chineseCounting", "一百一十"),
    (3, "chineseLegalSimplified", "叁"), (2, "ideographTraditional", "乙"), (2, "ideographZodiac", "丑"),
    (4, "decimalEnclosedCircle", "④"), (4, "decimalEnclosedCircleChinese", "④"), (2, "decimalEnclosedParen", "⑵"),
    (2020, "ideographDigital", "二〇二〇"), (4, "upperRoman", "IV"), (27, "lowerLetter", "aa"), (2, "upperLetter", "B"),
    (7, "someFutureFormat", "7"),
])
def test_word_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


def _lines(builder: NumberedDocx, tmp_path) -> list[str]:
    path = tmp_path / "numbered.docx"
    path.write_bytes(builder.bytes())
    return [line for line in docx_text(path).splitlines() if line]


def test_two_level_list_restarts_the_inner_level_under_each_heading(tmp_path):
    d = NumberedDocx()
    n = d.define(("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))
    for text, level in [("总体要求", 0), ("指导思想", 1), ("坚持党的领导。", 2), ("坚持问题导向。", 2),
                        ("工作目标", 1), ("到年底基本建成。", 2), ("重点任务", 0), ("加强组织建设", 1), ("建强支部。", 2)]:
        d.para(text, n, level)
    assert _lines(d, tmp_path) == ["一、总体要求", "（一）指导思想", "1.坚持党的领导。", "2.坚持问题导向。", "（二）工作目标",
                                   "1.到年底基本建成。", "二、重点任务", "（一）加强组织建设", "1.建强支部。"]


@pytest.mark.parametrize("levels, shown", [
    ((("decimal", "%1."),), ["1.甲", "2.乙", "3.丙"]),
    ((("decimal", "（%1）"),), ["（1）甲", "（2）乙", "（3）丙"]),
    ((("chineseCounting", "第%1条"),), ["第一条 甲", "第二条 乙", "第三条 丙"]),
    ((("decimal", "%1.", 5),), ["5.甲", "6.乙", "7.丙"]),  # a list that starts at 5
    ((("ideographTraditional", "%1、"),), ["甲、甲", "乙、乙", "丙、丙"]),
    ((("decimalEnclosedCircle", "%1"),), ["① 甲", "② 乙", "③ 丙"]),
    ((("bullet", "\u2022"),), ["• 甲", "• 乙", "• 丙"]),
])
def test_one_level_list_formats(tmp_path, levels, shown):
    d = NumberedDocx()
    n = d.define(*levels)
    for text in "甲乙丙":
        d.para(text, n)
    assert _lines(d, tmp_path) == shown


def test_continue_and_restart_numbering_across_instances(tmp_path):
    d = NumberedDocx()
    n = d.define(("decimal", "%1."))
    d.para("一段", n)
    d.para("二段", n)
    d.para("中间的说明文字，不编号。")
    d.para("接着编号", n)  # same instance: continues
    d.para("重新编号", d.restart(n))  # "重新开始编号": a new instance that overrides the start
    assert _lines(d, tmp_path) == ["1.一段", "2.二段", "中间的说明文字，不编号。", "3.接着编号", "1.重新编号"]


def test_multi_level_template_and_numbering_from_a_style(tmp_path):
    d = NumberedDocx()
    n = d.define(("decimal", "%1."), ("decimal", "%1.%2"))
    d.para("总则", n, 0)
    d.para("适用范围。", n, 1)
    d.para("基本原则。", n, 1)
    d.para("职责", n, 0)
    d.para("牵头部门职责。", n, 1)
    style = d.document.styles["List Number"]  # a paragraph style that carries numbering, as templates do
    num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = d.define(("chineseCounting", "%1、"))
    d.para("按样式编号的标题", style="List Number")
    d.para("第二个", style="List Number")
    assert _lines(d, tmp_path) == ["1.总则", "1.1 适用范围。", "1.2 基本原则。", "2.职责", "2.1 牵头部门职责。",
                                   "一、按样式编号的标题", "二、第二个"]


def test_numbered_word_file_with_label_lines_parses_into_items_with_units(tmp_path):
    d = NumberedDocx()
    d.para("某某区2024年基层治理工作任务分工方案")
    n = d.define(("chineseCounting", "%1、"), ("decimal", "%2."))
    d.para("重点任务", n, 0)
    for task, lead, cooperate in [("推进网格化管理，完善网格员队伍。", "区委政法委", "各街道、区民政局"),
                                  ("加强财政资金监管，规范街道财务管理。", "区财政局", "街道财政所")]:
        d.para(task, n, 1)
        d.para(f"牵头单位：{lead}")
        d.para(f"配合单位：{cooperate}")
    d.table([["序号", "区领导", "联系街道"], ["1", "张三", "北京街"]])  # a table after the list, in order
    (tmp_path / "plan.docx").write_bytes(d.bytes())
    (doc,) = load_corpus(tmp_path).documents
    assert [(i.number, i.units.lead, i.units.cooperate) for i in doc.items] == [
        (1, ("区委政法委",), ("各街道", "区民政局")), (2, ("区财政局",), ("街道财政所",))]
    assert doc.items[0].section.startswith("一、重点任务")


# --- .doc / .wps through LibreOffice (corpus/loaders_legacy.py) -------------------------------------


def _plan() -> NumberedDocx:
    d = NumberedDocx()
    d.para("某某区2024年机关党建工作要点")
    n = d.define(("decimal", "%1."))
    for task in ["开展主题党日活动。（区直机关工委牵头，各机关党组织配合）", "规范党费收缴管理。（区委组织部牵头，区财政局配合）"]:
        d.para(task, n)
    return d


def test_doc_file_is_converted_with_its_numbering(tmp_path):
    from tests.support.documents import to_doc

    data = to_doc(_plan().bytes())
    if data is None:
        pytest.skip("LibreOffice (soffice) is not installed: .doc/.wps conversion cannot be tested here")
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # really the binary format
    (tmp_path / "plan.doc").write_bytes(data)
    (doc,) = load_corpus(tmp_path).documents
    assert [(i.number, i.units.lead) for i in doc.items] == [(1, ("区直机关工委",)), (2, ("区委组织部",))]


def test_without_libreoffice_the_message_names_the_fix(tmp_path, monkeypatch):
    import corpus.loaders_legacy as legacy
    from corpus.loaders import ConverterMissing, load_text

    monkeypatch.setattr(legacy, "soffice", lambda: None)
    (tmp_path / "plan.wps").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    with pytest.raises(ConverterMissing, match="LibreOffice.*另存为 .docx"):
        load_text(tmp_path / "plan.wps")


# --- Real documents retyped in Word with automatic numbering ---------------------------------------

_CN = CHINESE_NUMERAL_CHARS
# The hand-typed labels of the real documents and the Word list level that displays each of them.
WORD_LISTS = [(re.compile(r"^(\d{1,3})[.．](?!\d)\s*"), "decimal", "%1."),
              (re.compile(r"^[（(](\d{1,2})[）)]\s*"), "decimal", "（%1）"),
              (re.compile(rf"^([{_CN}]{{1,3}})、\s*"), "chineseCounting", "%1、"),
              (re.compile(rf"^[（(]([{_CN}]{{1,3}})[）)]\s*"), "chineseCounting", "（%1）"),
              (re.compile(rf"^第([{_CN}]{{1,4}})条\s*"), "chineseCounting", "第%1条")]


def word_copy(lines: list[str]) -> bytes:
    """The document as someone would type it in Word: every label becomes automatic numbering (a new
    "restart numbering" instance wherever the count does not simply continue), tab-separated lines a
    Word table. python-docx alone returns none of the labels."""
    d, nums, counters, rows = NumberedDocx(), {}, {}, []
    for line in [*lines, ""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            width = max(map(len, rows))
            d.table([r + [""] * (width - len(r)) for r in rows])
            rows = []
        for pattern, fmt, template in WORD_LISTS:
            m = pattern.match(line)
            if m and (n := chinese_to_int(m.group(1))):
                key = (fmt, template)
                if key not in nums:
                    nums[key], counters[key] = d.define((fmt, template)), 0
                if n != counters[key] + 1:
                    nums[key] = d.restart(nums[key], start=n)
                counters[key] = n
                d.para(line[m.end():], nums[key])
                break
        else:
            if line:
                d.para(line)
    return d.bytes()


@pytest.mark.parametrize("path", ROUND_TRIP_DOCUMENTS, ids=lambda p: p.stem)
def test_real_documents_retyped_in_word_parse_the_same(tmp_path, path):
    lines = [t for t in (strip_markup(raw) for raw in path.read_text(encoding="utf-8").splitlines())
             if t and "|" not in t]
    original = parse_document("\n".join(lines), path.name)
    (tmp_path / "copy.docx").write_bytes(word_copy(lines))
    retyped = parse_document(docx_text(tmp_path / "copy.docx"), path.name)
    assert [(i.part, i.number, i.units) for i in retyped.items] == [(i.part, i.number, i.units) for i in original.items]
    assert len(retyped.tables) == len(original.tables)


def test_a_lead_rule_stated_in_a_footnote_governs_the_items(tmp_path):
    d = NumberedDocx()
    d.para("某某区2024年优化营商环境重点任务分工方案")
    n = d.define(("decimal", "%1."))
    first = d.para("推进企业开办全程网办。（责任单位：区市场监管局、区政务服务数据管理局）", n)
    d.footnote(first, "各项任务中排在第一位的为牵头单位。")
    d.para("压减工程建设项目审批时间。（责任单位：区住房建设局、区规划和自然资源局）", n)
    (tmp_path / "plan.docx").write_bytes(d.bytes())
    assert docx_text(tmp_path / "plan.docx").rstrip().endswith("注：各项任务中排在第一位的为牵头单位。")
    (doc,) = load_corpus(tmp_path).documents
    assert [(i.units.lead, i.units.cooperate) for i in doc.items] == [
        (("区市场监管局",), ("区政务服务数据管理局",)), (("区住房建设局",), ("区规划和自然资源局",))]


def test_tracked_changes_accepted_and_content_controls_read(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = NumberedDocx()
    d.para("某某区2024年机关党建工作要点")
    n = d.define(("decimal", "%1."))
    edited = d.para("开展主题党日活动。（区直机关工委牵头", n)
    edited._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="审核人"><w:r><w:t>，各机关党组织配合</w:t></w:r></w:ins>'))
    edited._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="审核人"><w:r><w:delText>，区委办配合</w:delText></w:r></w:del>'))
    edited._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>）</w:t></w:r>'))
    inside = d.para("规范党费收缴管理。（区委组织部牵头）", n)  # then wrapped in a content control
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent/></w:sdt>')
    inside._p.addprevious(sdt)
    sdt[1].append(inside._p)
    (tmp_path / "plan.docx").write_bytes(d.bytes())
    assert docx_text(tmp_path / "plan.docx").splitlines()[1:] == [
        "1.开展主题党日活动。（区直机关工委牵头，各机关党组织配合）", "2.规范党费收缴管理。（区委组织部牵头）"]


def test_merged_cells_group_row_once_and_vertical_merge_carried_down(tmp_path):
    d = docx.Document()
    rows = [["序号", "工作任务", "牵头单位", "配合单位"], ["一、组织建设", "", "", ""], ["1", "建强支部", "区委组织部", "各街道"],
            ["2", "发展党员", "", "区委宣传部"]]
    table = d.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(1, 3))  # a group row across the table
    table.cell(2, 2).merge(table.cell(3, 2))  # one lead for two tasks
    d.save(tmp_path / "t.docx")
    assert docx_text(tmp_path / "t.docx").splitlines() == [
        "序号\t工作任务\t牵头单位\t配合单位", "一、组织建设", "1\t建强支部\t区委组织部\t各街道", "2\t发展党员\t区委组织部\t区委宣传部"]


def test_a_docx_saved_under_a_legacy_name_needs_no_converter(tmp_path, monkeypatch):
    import corpus.loaders_legacy as legacy

    monkeypatch.setattr(legacy, "soffice", lambda: None)  # would refuse if it tried to convert
    (tmp_path / "plan.wps").write_bytes(_plan().bytes())
    (doc,) = load_corpus(tmp_path).documents
    assert [i.units.lead for i in doc.items] == [("区直机关工委",), ("区委组织部",)]
