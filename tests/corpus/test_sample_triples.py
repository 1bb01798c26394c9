"""eval/sample_triples.py: the hand-checked sample is deterministic, stable and keeps its verdicts."""

import csv
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("sample_triples", ROOT / "eval" / "sample_triples.py")
st = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(st)

PLAN = """2024年口岸工作要点

1.推进口岸通关便利化改革。
牵头单位：区口岸办
配合单位：区税务局、区交建局
2.加强口岸队伍建设。（责任单位：区委组织部）
3.完善口岸应急预案。
"""


def _rows(n):
    return [{"doc": "a.txt", "locator": f"第{i}项", "party": "区财政局"} for i in range(n)]


def test_sample_is_stable_when_the_population_changes():
    rows = _rows(50)
    first = st.sample(rows, 10, seed=16)
    assert first == st.sample(list(rows), 10, seed=16)
    dropped = next(r for r in rows if r not in first)  # a triple the parser no longer extracts
    again = st.sample([r for r in rows if r is not dropped], 10, seed=16)
    assert again == first
    assert st.sample(rows, 10, seed=17) != first


def test_triples_and_verdict_merge(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PLAN, encoding="utf-8")
    verdicts = tmp_path / "verdicts.tsv"
    verdicts.write_text("doc\tlocator\tparty\tverdict\treason\na.txt\t第1项\t区口岸办\tok\t牵头单位：区口岸办\n",
                        encoding="utf-8")
    out = tmp_path / "sample.tsv"
    assert st.main(["--corpus", str(corpus), "--out", str(out), "--verdicts", str(verdicts)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert [(r["locator"], r["party"], r["role"], r["verdict"]) for r in rows] == [
        ("第1项", "区口岸办", "lead", "ok"), ("第1项", "区税务局", "cooperate", ""),
        ("第1项", "区交建局", "cooperate", ""), ("第2项", "区委组织部", "shared", "")]
    assert "牵头单位：区口岸办" in rows[0]["excerpt"]
    verdicts.write_text("doc\tlocator\tparty\tverdict\treason\na.txt\t第1项\t区口岸办\tfine\t\n", encoding="utf-8")
    assert st.main(["--corpus", str(corpus), "--out", str(out), "--verdicts", str(verdicts)]) == 1  # unknown verdict
