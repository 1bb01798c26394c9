"""The upload preview / `docbot inspect` report tells the truth (assistant/documents/report.py)."""

import json

import pytest

from assistant.documents.report import describe, irregular_numbering
from corpus.model import Item
from corpus.parse import parse_document
from tests.support.documents import NumberedDocx

HEAD = "某某区关于加强机关党建工作的实施方案\n\n一、主要任务\n"


def _report(body: str):
    return describe(parse_document(HEAD + body, "plan.txt"))


def test_counts_samples_and_no_warning_when_items_have_units():
    body = "".join(f"{n}.加强第{n}项工作，按时报送材料。（区委组织部牵头，区委宣传部配合）\n" for n in range(1, 6))
    report = _report(body)
    [part] = report.parts
    assert (part.part, part.items, part.with_units, len(part.samples)) == ("正文", 5, 5, 3)
    assert part.samples[0].lead == ("区委组织部",) and part.samples[0].cooperate == ("区委宣传部",)
    assert "牵头：区委组织部｜配合：区委宣传部" in report.text() and not report.warnings


@pytest.mark.parametrize("body, warning", [
    ("会议认为，过去一年机关党建工作取得明显成效，党员队伍素质进一步提高。\n", "没有识别出任何条目"),
    ("1.加强政治建设。\n2.加强思想建设。\n3.加强组织建设。（区委组织部负责）\n", "3 项中只有 1 项识别出责任单位"),
    ("1.加强政治建设。（区委办负责）\n2.加强思想建设。（区委宣传部负责）\n5.加强组织建设。（区委组织部负责）\n",
     "第2项之后是第5项"),
])
def test_warnings(body, warning):
    report = _report(body)
    assert any(warning in w for w in report.warnings), report.warnings
    assert f"【注意：{report.warnings[0]}】" in report.text()  # 【】 is bold in Telegram


def _items(*pairs):
    return [Item(number=n, heading="", text="", section=s) for s, n in pairs]


@pytest.mark.parametrize("pairs, found", [
    ((("（一）", 1), ("（一）", 2), ("（二）", 1), ("（二）", 2)), ()),  # restarts under each heading
    ((("（一）", 1), ("（一）", 2), ("（二）", 3), ("（二）", 4)), ()),  # continuous across headings
    ((("（一）", 1), ("（一）", 3)), ("（一）下第1项之后是第3项",)),
    ((("（一）", 1), ("（一）", 2), ("（一）", 2)), ("（一）下第2项之后是第2项",)),
    ((("（一）", 1), ("（二）", 4)), ("（二）下第1项之后是第4项",)),
    ((("（一）", 3),), ("（一）的第一项是第3项",)),
])
def test_irregular_numbering(pairs, found):
    assert irregular_numbering(_items(*pairs)) == found


def test_docbot_inspect_json(tmp_path, docbot):
    d = NumberedDocx()
    d.para("某某区2024年基层治理工作任务分工方案")
    n = d.define(("decimal", "%1."))
    d.para("推进网格化管理。", n)
    d.para("牵头单位：区委政法委")
    d.para("配合单位：各街道")
    (tmp_path / "plan.docx").write_bytes(d.bytes())
    r = docbot("inspect", "--json", str(tmp_path / "plan.docx"))
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert (report["items"], report["with_units"], report["warnings"]) == (1, 1, [])
    assert report["parts"][0]["samples"][0]["lead"] == ["区委政法委"]
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 broken")
    r = docbot("inspect", str(tmp_path / "bad.docx"))
    assert r.returncode == 1 and "无法读取" in r.stderr and not r.stdout


def test_unnumbered_task_paragraphs_are_counted_not_reported_missing():
    report = _report("区数字办负责统筹推进政务数据共享工作，每季度通报进展。\n")
    assert (report.items, report.with_units, report.parts[0].unnumbered) == (1, 1, 1)
    assert "未编号的任务段落 1 项" in report.text() and not report.warnings


def test_the_designated_lead_rule_is_reported_once():
    report = _report("1.建立工作专班，定期调度进展。责任单位：区政务服务数据管理局、区市场监管局（排在第一位的为牵头单位，下同）\n"
                     "2.推行告知承诺制。责任单位：区司法局、区政务服务数据管理局\n")
    assert len(report.lead_rules) == 1 and "排在第一位的为牵头单位" in report.lead_rules[0]
    assert [s.lead for s in report.parts[0].samples] == [("区政务服务数据管理局",), ("区司法局",)]
    assert f"牵头规则：{report.lead_rules[0]}" in report.text()
