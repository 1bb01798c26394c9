"""tools/regroup.py, the module regrouping as data (issue 19, item 5): the tree refers to no old module,
and the rewrite handles every form of reference and changes nothing on a second run. (This file is left
out of the rewrite: its strings name the old modules on purpose.)"""

import importlib.util
import sys

import pytest

from tests.test_import_cycles import ROOT

_spec = importlib.util.spec_from_file_location("regroup", ROOT / "tools" / "regroup.py")
regroup = importlib.util.module_from_spec(_spec)
sys.modules["regroup"] = regroup
_spec.loader.exec_module(regroup)

A_TEST = ROOT / "tests" / "test_example.py"

CASES = [
    ("from assistant import access, store\n",
     "from assistant.operations import access\nfrom assistant.storage import store\n"),
    ("from assistant import answering\n\nanswering.search(t, f)\n",
     "from assistant.questions import frame_answers\n\nframe_answers.search(t, f)\n"),
    # the new name is taken in this file: the module keeps its old name as an alias
    ("from assistant import conversation\n\ncontext = conversation.EMPTY\n",
     "from assistant.conversation import context as conversation\n\ncontext = conversation.EMPTY\n"),
    ("from assistant import inbox as core\n", "from assistant.operations import inbox as core\n"),
    ("from assistant.answers import Answer, Page\n", "from assistant.questions.answer import Answer, Page\n"),
    ("    from assistant.store import open_db  # lazy\n", "    from assistant.storage.store import open_db  # lazy\n"),
    ('monkeypatch.setattr("assistant.router.route", fake)\n',
     'monkeypatch.setattr("assistant.questions.router.route", fake)\n'),
    ('code = "import sys; from assistant import sandbox; sandbox.extract(1)"\n',
     'code = "import sys; from assistant.documents import sandbox; sandbox.extract(1)"\n'),
    ("python -m assistant.evaluation --help\n", "python -m assistant.evaluation.question_sets --help\n"),
    ('HANDLER_MODULES = ["handlers.ask", "handlers.records"]\n',
     'HANDLER_MODULES = ["handlers.ask", "handlers.records.notes"]\n'),
    ("see assistant/answers.py and assistant/migrations/m001_base.py\n",
     "see assistant/questions/answer.py and assistant/storage/migrations/m001_base.py\n"),
    ("from assistant.docnames import norm\n\nkey = norm(title)  # norm() drops quotes\n",
     "from assistant.documents.names import name_key\n\nkey = name_key(title)  # name_key() drops quotes\n"),
    ("from assistant.records import drafts\nfrom handlers.records_common import runtime_of\n",
     "from assistant.records import drafts\nfrom handlers.records.runtime import runtime_of\n"),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_every_form_of_reference_is_rewritten_once(before, after):
    assert regroup.rewrite(before, A_TEST) == after
    assert regroup.rewrite(after, A_TEST) == after  # idempotent: a second run changes nothing


def test_the_map_never_reuses_an_old_name():
    regroup.validate()


def test_the_tree_refers_to_no_old_module():
    """A branch merged after the move that still imports an old module fails here: run the script."""
    assert [m for m in regroup.MODULES if regroup.exists(m) and regroup.exists(m) != regroup.path_of(
        regroup.MODULES[m]).parent] == []
    assert regroup.stale_references() == []


def test_assistant_holds_packages_only():
    """Every core module belongs to a package by responsibility: a new module directly under assistant/
    (say, from a branch begun before the move) gets a line in tools/regroup.py's MODULES."""
    assert sorted(p.name for p in (ROOT / "assistant").glob("*.py")) == ["__init__.py"]
