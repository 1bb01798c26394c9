"""PDF through pdfplumber's layout: running headers/footers and page numbers dropped, paragraphs re-joined
across line and page breaks, ruled tables as tab-separated rows, scans refused (corpus/loaders_pdf.py)."""

import io
from pathlib import Path

import pytest

from corpus import BUNDLED_DIR
from corpus.library import load_corpus
from corpus.loaders import ScannedDocument
from corpus.loaders_pdf import _Line, join_lines, pdf_text
from corpus.parse import parse_document
from corpus.text import strip_markup
from tests.support.documents import pdf_pages

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
_ROOT = Path(__file__).resolve().parents[2]
# Real documents nobody here wrote: the copy in tests/fixtures, else ../shared/eval/documents
EVAL_DOCUMENTS = next((d for d in (FIXTURES / "eval_documents", _ROOT.parent / "shared/eval/documents",
                                   _ROOT.parent.parent / "shared/eval/documents") if d.is_dir()), None)
ROUND_TRIP_DOCUMENTS = ([p for p in sorted(BUNDLED_DIR.iterdir()) if p.suffix in (".txt", ".md")]
                        + [FIXTURES / "other-convention-task-plan.md"]
                        + sorted(EVAL_DOCUMENTS.glob("doc*[0-9].txt") if EVAL_DOCUMENTS else []))

LONG = "　　加强统筹协调，建立一网通办工作专班，定期调度工作进展，及时研究解决改革中遇到的困难和问题，确保各项任务按时完成。"


def _text(tmp_path, data: bytes) -> list[str]:
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    return pdf_text(path).splitlines()


def test_headers_footers_dropped_and_wrapped_lines_rejoined(tmp_path):
    pages = [["某某区关于推进一网通办改革的实施办法", "一、工作目标", LONG, "二、主要任务", "1.推行告知承诺制，减少证明材料。"],
             ["2.建设统一受理平台。", LONG]]
    lines = _text(tmp_path, pdf_pages(pages))
    assert lines == ["某某区关于推进一网通办改革的实施办法", "一、工作目标", LONG.lstrip("　"), "二、主要任务",
                     "1.推行告知承诺制，减少证明材料。", "2.建设统一受理平台。", LONG.lstrip("　")]
    assert not any("人民政府办公室文件" in line or "—" in line for line in lines)


def test_a_sentence_broken_by_a_page_break_is_one_line(tmp_path):
    # 34 characters after the indent, then 36: the page ends on a full line, mid-sentence
    broken = ("健全联系服务群众机制推动区领导定期到联系点调研督导了解基层困难和群众诉求" * 2)[:70]
    pages = [["联系服务群众工作方案", "　　" + broken], ["形成问题清单并逐项销号。", "　　下一段从新的一行开始。"]]
    assert _text(tmp_path, pdf_pages(pages))[1:] == [broken + "形成问题清单并逐项销号。", "下一段从新的一行开始。"]


def test_article_label_alone_on_its_line_labels_the_text_below(tmp_path):
    pages = [["某某区政务服务管理办法", "　　第一条", "　　为规范政务服务，制定本办法。", "　　第二条", "　　本办法自印发之日起施行。"]]
    assert _text(tmp_path, pdf_pages(pages))[-2:] == ["第一条 为规范政务服务，制定本办法。", "第二条 本办法自印发之日起施行。"]


def _line(text, x1=500.0, x0=72.0):
    return _Line(text, x0, x1, 0.0, 12.0)


@pytest.mark.parametrize("lines, joined", [
    ([_line("推动改革向纵深发展，"), _line("确保取得实效。", x1=160)], ["推动改革向纵深发展，确保取得实效。"]),
    ([_line("推动改革向纵深发展"), _line("（1）下一项", x1=160)], ["推动改革向纵深发展", "（1）下一项"]),  # a marker
    ([_line("一、总体要求", x1=150), _line("为深入贯彻落实…")], ["一、总体要求", "为深入贯彻落实…"]),  # short line
    ([_line("整改到位。"), _line("新的段落开始。", x0=96)], ["整改到位。", "新的段落开始。"]),  # indented
    ([_line("整改到位。"), _line("接着写的内容。", x1=200)], ["整改到位。接着写的内容。"]),  # not indented
    ([_line("由区委组织部牵头"), _line("第三条 其他事项。")], ["由区委组织部牵头", "第三条 其他事项。"]),
])
def test_join_rule(lines, joined):
    assert join_lines([lines]) == joined


def test_indented_document_keeps_inline_enumerations_and_splits_articles():
    """Every paragraph starts indented, so a line at the margin continues the one above, even when
    it starts with "三是" or "二、" that happened to land there; an article after a full stop does not."""
    para = [_line("　　一、总体要求", x0=96, x1=170), _line("　　为加强统筹，现提出以下意见。", x0=96, x1=300),
            _line("　　第一条 健全工作机制，一是建立台账，二是定期调度，", x0=96), _line("三是严格考核，主要包括："),
            _line("一、加强宣传；"), _line("二、落实责任。", x1=200), _line("　　第二条 本办法自印发之日起施行，", x0=96),
            _line("并按年度评估。"), _line("第三条 附则。", x1=150)]
    assert join_lines([para]) == ["　　一、总体要求", "　　为加强统筹，现提出以下意见。",
                                  "　　第一条 健全工作机制，一是建立台账，二是定期调度，三是严格考核，主要包括：一、加强宣传；二、落实责任。",
                                  "　　第二条 本办法自印发之日起施行，并按年度评估。", "第三条 附则。"]


def test_ruled_table_becomes_tab_separated_rows(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595, 842))
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(72, 780, "重点任务分工表")
    rows = [["序号", "工作任务", "牵头单位", "配合单位"], ["1", "开展调研", "区委办公室", "各街道"],
            ["2", "编写报告", "区委组织部", "区委宣传部"]]
    xs, top = [72, 112, 262, 382, 522], 740
    pdf.grid(xs, [top - 24 * i for i in range(len(rows) + 1)])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            pdf.drawString(xs[c] + 4, top - 24 * r - 17, value)
    pdf.showPage()
    pdf.save()
    lines = _text(tmp_path, out.getvalue())
    assert lines == ["重点任务分工表", "序号\t工作任务\t牵头单位\t配合单位", "1\t开展调研\t区委办公室\t各街道",
                     "2\t编写报告\t区委组织部\t区委宣传部"]
    (doc,) = load_corpus(tmp_path).documents
    assert doc.tables and doc.tables[0].rows[1].get("牵头单位") == "区委组织部"


def test_scanned_pdf_is_refused_not_empty(tmp_path):
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.rect(72, 72, 400, 600, fill=1)  # a page that is all picture
    pdf.showPage()
    pdf.save()
    with pytest.raises(ScannedDocument, match="扫描件，无法识别文字"):
        _text(tmp_path, out.getvalue())


def _paginate(lines: list[str], per_page: int = 34, width: int = 36) -> list[list[str]]:
    pages, page, used = [], [], 0
    for line in lines:
        height = -(-(len(line.lstrip("　")) + (2 if line.startswith("　") else 0)) // width)
        if used + height > per_page and page:
            pages, page, used = [*pages, page], [], 0
        page, used = [*page, line], used + height
    return [*pages, page]


@pytest.mark.parametrize("path", ROUND_TRIP_DOCUMENTS, ids=lambda p: p.stem)
def test_real_documents_survive_a_pdf_round_trip(tmp_path, path):
    """Each paragraph printed as an official document is (indented, wrapped at the margin, paginated
    under a running header and page numbers); the PDF must parse to the same items with the same units
    as the text it was printed from. Table lines are left out: a PDF draws tables with rules."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        text = strip_markup(raw)
        if text and "\t" not in text and "|" not in text:
            lines.append("　　" + text if len(text) > 30 else text)  # short lines are headings
    original = parse_document("\n".join(line.lstrip("　") for line in lines), path.name)
    printed = parse_document("\n".join(_text(tmp_path, pdf_pages(_paginate(lines)))), path.name)
    assert [(i.part, i.number, i.units) for i in printed.items] == [(i.part, i.number, i.units) for i in original.items]


def test_footnote_moves_to_the_end_and_its_rule_governs_the_items(tmp_path):
    # the first article runs over the page break; the footnote sits between the two halves
    broken = ("建立一网通办工作专班定期调度工作进展及时研究解决改革中遇到的困难和问题确保各项任务按时完成" * 2)[:70]
    pages = [["某某区关于推进一网通办改革的实施办法", "　　1." + broken[2:]],
             ["形成工作台账。（责任单位：区政务服务数据管理局、区市场监管局）", "　　2.推行告知承诺制。（责任单位：区司法局、区政务服务数据管理局）"]]
    lines = _text(tmp_path, pdf_pages(pages, footnotes={1: "注：责任单位中排在第一位的为牵头单位。"}))
    assert lines[1:] == ["1." + broken[2:] + "形成工作台账。（责任单位：区政务服务数据管理局、区市场监管局）",
                         "2.推行告知承诺制。（责任单位：区司法局、区政务服务数据管理局）", "", "注：责任单位中排在第一位的为牵头单位。"]
    (doc,) = load_corpus(tmp_path).documents
    assert [i.units.lead for i in doc.items] == [("区政务服务数据管理局",), ("区司法局",)]
