"""A numbered stage line ("第三阶段：验收阶段（…）", "第二步：整改落实") heads the paragraph below it, so
the paragraph is found and cited under its stage; a stage written inside running text stays text."""

import pytest

from corpus.parse import parse_document

BODY = "区管委会督查室组织区直有关部门进行监督核查。\n"


@pytest.mark.parametrize(("line", "heads"), [
    ("第三阶段：验收阶段（2016年4月1日至2016年5月30日）", True),
    ("第二阶段：整治阶段", True),
    ("第一步：自查自纠（3月底前）", True),
    ("第2轮：回头看", True),
    ("第三阶段", True),
    ("第三阶段为验收阶段，由区管委会督查室组织。", False),
    ("第一阶段：各单位自查，形成清单。", False),
])
def test_a_stage_line_heads_the_paragraph_below(line, heads):
    doc = parse_document(f"某方案\n\n四、工作步骤\n{line}\n{BODY}", "x.txt")
    body = next(p for p in doc.paragraphs if p.text.startswith("区管委会督查室"))
    assert (line in body.section) is heads
