"""Task lists grouped under a heading that names their unit ("一、县示范区管委会牵头工作（8项）")."""

import pytest

from corpus.parse import parse_document
from corpus.tasks import heading_units


@pytest.mark.parametrize(
    ("title", "lead", "shared"),
    [
        ("县示范区管委会牵头工作(8项)", ("县示范区管委会",), ()),
        ("区发改局牵头的重点任务（12项）", ("区发改局",), ()),
        ("区委组织部负责事项", (), ("区委组织部",)),
        ("市住建局牵头任务：", ("市住建局",), ()),
        # ordinary headings name no unit
        ("坚持系统集成,推动审批全链条优化", (), ()),
        ("强化组织领导", (), ()),
        ("加强党的建设工作", (), ()),
        ("落实主体责任", (), ()),
    ],
)
def test_heading_units(title, lead, shared):
    units = heading_units(title)
    assert units.lead == lead
    assert units.shared == shared


def test_items_under_a_unit_heading_inherit_it_but_keep_their_own():
    doc = parse_document("""某县政府工作报告任务清单
一、县示范区管委会牵头工作(3项)
1.建设南美白对虾养殖基地。
2.打造食用菌生产基地。
3.建设劳动密集型产业园。（县工信局牵头）
二、加快城乡融合发展
4.推进县城道路改造。
""", "snippet.txt")
    leads = [it.units.lead for it in doc.items]
    assert leads == [("县示范区管委会",), ("县示范区管委会",), ("县工信局",), ()]
