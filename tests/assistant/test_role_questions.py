"""Questions that ask for a responsible unit by any label of the roles vocabulary."""

import pytest

from assistant.questions.intents import asks_responsible_unit


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("回应关切这项任务的负责科室是？", True),
        ("政务服务的主责部门是哪个", True),
        ("这项工作的责任单位", True),
        ("配合单位有哪些", True),
        ("区委组织部负责哪些工作", False),
        ("政务公开工作要点有几项", False),
    ],
)
def test_asks_responsible_unit(question, expected):
    assert asks_responsible_unit(question) is expected


def test_a_units_duty_in_a_shared_item_quotes_its_own_clause():
    """Several units, a clause each: the unit's duty list shows its clause, not the heading alone."""
    from assistant.documents.units_index import Duty
    from assistant.questions.item_answers import _duty_text
    from corpus.parse import parse_document

    doc = parse_document("5.加强演练培训。区应急局负责组织演练；区资源生态局负责组织专业培训，提高识灾能力。\n6.其他。\n", "x.txt")
    item = doc.items[0]
    assert "区资源生态局" in item.units.all and "区应急局" in item.units.all
    assert _duty_text(Duty(doc, item, "shared", "区资源生态局")) == "加强演练培训：区资源生态局负责组织专业培训，提高识灾能力"
