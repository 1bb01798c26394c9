"""Quality gate: real documents nobody here wrote, each graded alone (docbot eval --each-document).

Runs on ../shared/eval/documents when that folder is present, else on the copy kept in
tests/fixtures/eval_documents (so a fresh clone is self-contained). Thresholds sit just under the
measured figures (docs/parsing.md); lowering them needs a reason written there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation.question_sets import merge
from bot.commands.eval import each_document_scores
from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval" / "documents"
FIXTURE = ROOT / "tests" / "fixtures" / "eval_documents"
OVERALL = 0.95  # measured 131/136 = 0.963 hybrid, strict retrieve rule (docs/parsing.md); the issue asks ≥ 0.95
LEAD_AND_UNIT = 0.95  # measured 71/73 = 0.973
# Held-out set (tests/fixtures/holdout_documents): real documents in other regions' conventions, never
# tuned on sentence by sentence; measured 55/56 overall, 34/35 on lead+unit (docs/parsing.md).
HOLDOUT = ROOT / "tests" / "fixtures" / "holdout_documents"
HOLDOUT_OVERALL = 0.95
HOLDOUT_LEAD_AND_UNIT = 0.94
# `make eval`, not `make test`: 36 documents graded one by one with the real model (encode, calibrate,
# answer) take minutes. The timeout covers the session's model and index too, on a loaded machine.
pytestmark = [pytest.mark.eval, pytest.mark.timeout(3600)]


@pytest.fixture(scope="module")
def scores(tmp_path_factory, chinese_searcher):
    """The default configuration (hybrid search with the built-in Chinese model, the one this session
    already loaded), as a user's `docbot eval --each-document` runs it."""
    directory = SHARED if SHARED.is_dir() else FIXTURE
    settings = Settings(data_dir=tmp_path_factory.mktemp("eval-data"), models_dir=chinese_searcher.models_dir)
    return each_document_scores(directory, settings=settings)


def test_each_document_alone_meets_the_gate(scores):
    total = merge(s.report for s in scores)
    passed = sum(k.passed for k in total.kinds.values())
    count = sum(k.total for k in total.kinds.values())
    assert len(scores) >= 14
    assert passed / count >= OVERALL, total.failures


def test_who_leads_and_unit_duties_meet_the_gate(scores):
    total = merge(s.report for s in scores)
    lu = [total.kinds[k] for k in ("lead", "unit") if k in total.kinds]
    rate = sum(k.passed for k in lu) / sum(k.total for k in lu)
    assert rate >= LEAD_AND_UNIT, [f for f in total.failures if f["kind"] in ("lead", "unit")]


def test_negatives_never_answered(scores):
    total = merge(s.report for s in scores)
    assert total.kinds["negative"].passed == total.kinds["negative"].total


@pytest.fixture(scope="module")
def holdout(tmp_path_factory, chinese_searcher):
    settings = Settings(data_dir=tmp_path_factory.mktemp("holdout-data"), models_dir=chinese_searcher.models_dir)
    return merge(s.report for s in each_document_scores(HOLDOUT, settings=settings))


def test_held_out_documents_meet_their_gate(holdout):
    kinds = holdout.kinds
    passed = sum(k.passed for k in kinds.values())
    count = sum(k.total for k in kinds.values())
    lu = [kinds[k] for k in ("lead", "unit")]
    assert count >= 56
    assert passed / count >= HOLDOUT_OVERALL, holdout.failures
    assert sum(k.passed for k in lu) / sum(k.total for k in lu) >= HOLDOUT_LEAD_AND_UNIT, holdout.failures
    assert kinds["negative"].passed == kinds["negative"].total
