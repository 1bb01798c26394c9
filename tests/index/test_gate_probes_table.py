"""``eval/gate_probes.tsv``: near-miss negatives and retrieve questions over tuning-set documents, run by
``eval/gate_probes.py``. The table stays well-formed; keyword-only, its counts stay at least as measured."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNUSED = {"009", "017", "018", "019", "027", "029", "045", "048", "062", "080", "081", "085", "086", "089", "092", "098"}


def _module():
    spec = importlib.util.spec_from_file_location("gate_probes", ROOT / "eval" / "gate_probes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_well_formed():
    gp = _module()
    rows = gp.read_probes()
    assert {r["kind"] for r in rows} == {"retrieve", "negative"}
    assert sum(r["kind"] == "negative" for r in rows) >= 60 and sum(r["kind"] == "retrieve" for r in rows) >= 40
    for r in rows:
        path = gp.document_path(r)
        assert path.is_file() and not r["set"].endswith("_aside") and r["doc"].lstrip("b") not in UNUSED, r
        text = path.read_text(encoding="utf-8")
        if r["kind"] == "retrieve":
            assert r["must"] and any(m in text for m in r["must"].split("|")), r
        else:
            assert not r["must"] and r["near_miss"], r


@pytest.mark.eval
def test_keyword_only_counts(monkeypatch):
    monkeypatch.setenv("DOCBOT_EMBEDDING_MODEL", "none")
    report = _module().run(_module().read_probes())
    assert report.kinds["negative"].passed >= 59 and report.kinds["retrieve"].passed >= 48
