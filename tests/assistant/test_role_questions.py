"""Questions that ask for a responsible unit by any label of the roles vocabulary."""

import pytest

from assistant.intents import asks_responsible_unit


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
