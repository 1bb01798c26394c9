"""Structured answers (issue 2, issue 17): warm latency of `ask`, and a cold `docbot ask` process's wall and CPU time.

Structured questions must never wait for jieba or torch: the cold run also reports which heavy
modules the process imported (expected: none).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stats import percentiles, time_calls

QUESTIONS = [
    "越秀工作要点第17项谁牵头？", "第17项谁牵头", "监督条例方案第30项的牵头单位和配合单位", "区信访局要配合哪些工作？",
    "区委组织部牵头哪些工作", "东湖新村社区由哪位区领导挂点？", "苏佩联系哪个社区", "洛阳第6项的原文",
]
HEAVY = ("torch", "sentence_transformers", "jieba", "faiss", "bm25s", "numpy", "sqlite_utils", "telegram",
         "corpus.parse")
COLD = ("import json, sys; from bot.cli import main; main(['ask', '--json', '第17项谁牵头']);"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
COLD_RUNS = 15


def _cold_run(env: dict[str, str]) -> tuple[float, float, list[str]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True, env=env)
    wall = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu, json.loads(out.stdout.strip().splitlines()[-1])


def _cold(data: Path, cache: Path) -> dict[str, list]:
    """Cold runs in fresh processes over one data dir: first with the parsed-corpus cache removed before
    each run (what the first question after a document change costs), then with it in place. Byte code
    is cached (in a temporary PYTHONPYCACHEPREFIX), as it is for any installed package."""
    env = {**os.environ, "DOCBOT_DATA_DIR": str(data), "PYTHONPYCACHEPREFIX": str(cache), "HF_HUB_OFFLINE": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _cold_run(env)  # writes the byte code and the corpus cache
    misses = []
    for _ in range(5):
        shutil.rmtree(data / "cache", ignore_errors=True)
        misses.append(_cold_run(env))
    hits = [_cold_run(env) for _ in range(COLD_RUNS)]
    return {"miss": misses, "hit": hits}


def run() -> str:
    from assistant.ask import ask
    from assistant.knowledge import Knowledge
    from corpus.library import load_corpus

    knowledge = Knowledge(corpus=load_corpus())
    ask(QUESTIONS[0], knowledge)  # build the unit and contact indexes once
    rows = []
    for q in QUESTIONS:
        med, p95 = percentiles(time_calls(lambda q=q: ask(q, knowledge), 200))
        rows.append(f"| {q} | {med:.3f} | {p95:.3f} |")
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-ask-") as tmp:
        cold = _cold(Path(tmp) / "data", Path(tmp) / "pycache")
    load = f"{load:.1f} → {os.getloadavg()[0]:.1f}"
    hit_wall, hit_cpu = percentiles([r[0] for r in cold["hit"]]), percentiles([r[1] for r in cold["hit"]])
    miss_wall, miss_cpu = percentiles([r[0] for r in cold["miss"]]), percentiles([r[1] for r in cold["miss"]])
    heavy = sorted({m for r in cold["hit"] for m in r[2]}) or ["none"]
    return "\n".join([
        "## Structured answers",
        "",
        "Warm `ask()` (corpus parsed, unit and contact indexes built), 200 calls each:",
        "",
        "| question | median ms | p95 ms |",
        "|---|---|---|",
        *rows,
        "",
        f"Cold `docbot ask --json \"第17项谁牵头\"` in a fresh process (1-minute load average {load}; "
        "byte code cached, as for any installed package):",
        "",
        "| data dir | runs | wall median / p95 | process CPU median / p95 |",
        "|---|---|---|---|",
        f"| parsed corpus cached (assistant/corpus_cache.py): every run but the first after a change | "
        f"{len(cold['hit'])} | {hit_wall[0]:.0f} / {hit_wall[1]:.0f} ms | {hit_cpu[0]:.0f} / {hit_cpu[1]:.0f} ms |",
        f"| cache removed before each run: the parser imported and run | {len(cold['miss'])} | "
        f"{miss_wall[0]:.0f} / {miss_wall[1]:.0f} ms | {miss_cpu[0]:.0f} / {miss_cpu[1]:.0f} ms |",
        "",
        f"Target (issue 17): ≤ 150 ms wall. Of the modules {', '.join(HEAVY)}, the cached runs imported: "
        f"{', '.join(heavy)}. Before issue 17's change (main at 3504d61, no cache, every command module "
        "imported): 0.37–0.45 s.",
        "",
    ])


if __name__ == "__main__":
    print(run())
