"""Which row is "第N项" in a task table: the 序号 column numbers the items, rows under an empty 序号
(a merged cell) are more of the item above — each of their tasks keeps its own parties, and a lead of
one task leads that task only — while tasks that number themselves ("44、…") keep their own numbers
and 序号 then numbers their groups; sub-rules "1. 2." restarting inside every cell are not numbers."""

import pytest

from corpus.parse import parse_document

HEAD = "某某工作任务清单\n序号\t工作任务\t工作内容\t责任单位及分工\t完成时限\n"

CASES = [
    ("merged-serial-joins-rows", HEAD + "\n".join([
        "1\t动员部署\t召开专题会议进行动员部署。\t各处室\t3月底前",
        "2\t重点领域治理\t组织对工业集中区开展综合治理\t经济发展处配合区经发局落实\t4月20日前",
        "\t\t组织对群租房开展综合治理\t政法综治处落实\t4月20日前",
        "\t\t组织对电动自行车开展综合治理\t政法综治处牵头，交通与建设处配合\t4月20日前",
        "3\t总结\t形成台账。\t各处室\t5月底前",
     ]), {1: ((), ("各处室",)), 2: ((), ("区经发局", "政法综治处")), 3: ((), ("各处室",))},
     {2: ("政法综治处", "组织对电动自行车开展综合治理")}),
    ("tasks-number-themselves", "某某分工表\n序号\t措施\t工作任务\t主要责任单位\t时限\n" + "\n".join([
        "10\t搬迁\t10、制定居民搬迁方案\t区农发局 区环土局\t全年",
        "\t\t11、实施搬迁\t区农发局\t全年",
        "11\t投资\t12、完成环保设施投资\t区环土局 区财金局\t全年",
     ]), {10: (), 11: (), 12: ()}, {}),
    ("sub-rules-in-cells-are-not-numbers", "某某考核表\n序号\t考核项目\t考核评分细则\t责任单位\n" + "\n".join([
        "1\t林长制\t1.未建立制度的扣2分。2.未培训的扣1分。\t资源生态处",
        "\t\t2.未公示的扣1分。\t资源生态处、各村",
        "2\t护林员管理\t1.未建立护林员制度的扣2分。\t资源生态处、苏平服务站",
        "3\t信访调处\t1.未及时调处的扣0.5分。\t政法综治处",
     ]), {1: (), 2: (), 3: ()}, {}),
]


@pytest.mark.parametrize(("text", "numbers", "subs"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_which_row_is_item_n(text, numbers, subs):
    doc = parse_document(text + "\n", "t.txt")
    items = {it.number: it for it in doc.items}
    assert sorted(items) == sorted(numbers)
    for n, expected in numbers.items():
        if expected:
            lead, shared = expected
            assert items[n].units.lead == lead
            assert set(shared) <= set(items[n].units.shared)
    for n, (unit, scope) in subs.items():
        assert [(s.unit, s.scope, s.role) for s in items[n].units.sub] == [(unit, scope, "lead")]
        assert "组织对群租房开展综合治理（责任单位及分工：政法综治处落实）" in items[n].text
