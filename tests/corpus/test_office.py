"""A .docx goes through the office loader (tables → tab-separated lines) and the same parser."""

import pytest

from corpus.library import load_corpus

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
