"""The parser never raises, whatever text it is given (uploads can be anything)."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from corpus.parse import parse_document

PIECES = st.sampled_from([
    "\n", "\n\n", "\t", "一、", "（一）", "(二)", "1. ", "17．", "2.", "附件", "附件 1", "附件：", "**", "<p>", "</p>",
    "#", "## ", "---", "|", "| 序号 | 工作任务 | 牵头单位 |", "（", "）", "(", ")", "区纪委牵头", "配合", "负责",
    "，", "。", "、", "；", "其中", "由", "责任单位：", "排在第一位的为牵头单位", "2018年6月27日", "越办〔2018〕2号",
    "关于印发《", "》的通知", "工作要点", "😀", "<script>", "'; DROP TABLE", " ", "　",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60))
def test_parse_never_raises(pieces):
    doc = parse_document("".join(pieces), "fuzz.txt")
    headers = {h for table in doc.tables for h in table.headers}
    for item in doc.items:
        assert item.line_start <= item.line_end
        # The units' source: the item's own text, a 责任单位：… line, or "<unit column>：<cell>" of a table row.
        raw = item.units.raw
        assert (not raw or raw in item.text or raw.startswith(("牵头单位", "配合单位", "责任单位"))
                or any(raw.startswith(f"{h}：") for h in headers))  # a header may hold a colon itself
    for p in doc.paragraphs:
        assert p.number >= 1


def test_empty_and_junk():
    for text in ("", "\n\n\n", "😀" * 100, "<script>alert(1)</script>", "x" * 10000, "\t\t\t\n\t"):
        doc = parse_document(text, "junk.txt")
        assert doc.items == ()


def test_shuffled_real_lines_do_not_raise():
    import random

    rng = random.Random(7)
    for path in sorted(corpus.BUNDLED_DIR.glob("*.*")):
        if path.suffix not in (".txt", ".md"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for _ in range(5):
            rng.shuffle(lines)
            parse_document("\n".join(lines), Path(path).name)
