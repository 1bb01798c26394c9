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

ROOT = Path(__file__).resolve().parent.parent

QUESTIONS = [
    "越秀工作要点第17项谁牵头？", "第17项谁牵头", "监督条例方案第30项的牵头单位和配合单位", "区信访局要配合哪些工作？",
    "区委组织部牵头哪些工作", "东湖新村社区由哪位区领导挂点？", "苏佩联系哪个社区", "洛阳第6项的原文",
]
HEAVY = ("torch", "sentence_transformers", "jieba", "faiss", "bm25s", "numpy", "sqlite_utils", "telegram",
         "corpus.parse", "rapidfuzz", "importlib.metadata", "tempfile")
# as the installed `docbot` program runs it: bot.cli.main() reading sys.argv (the regex cache installed)
COLD = ("import json, sys; sys.argv = ['docbot', 'ask', '--json', '第17项谁牵头']; from bot.cli import main; main();"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
# the floor: the interpreter and site (the venv's .pth files) with the stdlib modules that path imports
BARE = "import argparse, dataclasses, json, logging, pathlib, pickle, re, typing, zoneinfo; print('[]')"
COLD_RUNS = 15  # runs with both caches; every third is followed by one of each other kind


def _cold_run(env: dict[str, str], code: str = COLD, cwd: Path | None = None) -> tuple[float, float, list[str]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=cwd)
    wall = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu, json.loads(out.stdout.strip().splitlines()[-1])


def _cold(data: Path, cache: Path) -> dict[str, list]:
    """Cold runs in fresh processes over one data dir, interleaved: both caches in place (every run but the
    first after a change), the compiled-regex cache removed before the run (the first run after a code
    change: bot/regex_cache.py), the parsed-corpus cache removed (the first after a document change: the
    parser imported and run). Byte code is cached (in a temporary PYTHONPYCACHEPREFIX), as it is for any
    installed package."""
    env = {**os.environ, "DOCBOT_DATA_DIR": str(data), "PYTHONPYCACHEPREFIX": str(cache), "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _cold_run(env, cwd=ROOT)  # writes the byte code and both caches
    old = Path(os.environ["BENCH_BASELINE"]).resolve() if os.environ.get("BENCH_BASELINE") else None
    old_env = {**env, "DOCBOT_DATA_DIR": f"{data}-old", "PYTHONPYCACHEPREFIX": f"{cache}-old", "PYTHONPATH": str(old)}
    if old:
        _cold_run(old_env, cwd=old)
    out: dict[str, list] = {"hit": [], "regex": [], "miss": [], "bare": [], "old": []}
    for i in range(COLD_RUNS):
        out["hit"].append(_cold_run(env, cwd=ROOT))
        out["bare"].append(_cold_run(env, BARE))
        if old:
            out["old"].append(_cold_run(old_env, cwd=old))
        if i % 3 == 0:
            for path in (data / "cache").glob("regex-*"):
                path.unlink()
            out["regex"].append(_cold_run(env, cwd=ROOT))
            shutil.rmtree(data / "cache", ignore_errors=True)
            out["miss"].append(_cold_run(env, cwd=ROOT))
            _cold_run(env, cwd=ROOT)  # both caches back
    return out


def run() -> str:
    from assistant.documents.knowledge import Knowledge
    from assistant.questions.ask import ask
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
    heavy = sorted({m for r in cold["hit"] for m in r[2]}) or ["none"]
    bare = percentiles([r[1] for r in cold["bare"]])
    table = []
    for key, label in (("hit", "parsed corpus and compiled patterns cached: every run but the first after a change"),
                       ("regex", "compiled-regex cache removed before each run (first run after a code change)"),
                       ("miss", "both caches removed: the parser imported and run, patterns compiled"),
                       ("old", f"both caches, the older tree `BENCH_BASELINE` ({os.environ.get('BENCH_BASELINE')})")):
        if not cold[key]:
            continue
        wall, cpu = percentiles([r[0] for r in cold[key]]), percentiles([r[1] for r in cold[key]])
        table.append(f"| {label} | {len(cold[key])} | {wall[0]:.0f} / {wall[1]:.0f} ms | {cpu[0]:.0f} / {cpu[1]:.0f} ms |")
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
        "byte code cached, as for any installed package; the kinds interleaved):",
        "",
        "| data dir | runs | wall median / p95 | process CPU median / p95 |",
        "|---|---|---|---|",
        *table,
        "",
        f"Target (issue 17): ≤ 150 ms wall. Of the modules {', '.join(HEAVY)}, the cached runs imported: "
        f"{', '.join(heavy)}. On a shared machine wall time is mostly waiting for a core; CPU time is what a "
        "quiet machine's wall time approaches. A bare interpreter importing only the stdlib modules the path "
        f"needs costs {bare[0]:.0f} ms CPU (median of {len(cold['bare'])}, same moments); the rest is importing "
        "the question-understanding modules (their code, ~50 frozen dataclasses at ~0.5 ms each) and, without "
        "the regex cache, compiling ~320 regular expressions. Kept off this path (tests/test_cli.py): "
        "rapidfuzz (a subsequence test instead, the fuzzy match imports it past its character filter), "
        "importlib.metadata (only to key office files), tempfile, pkgutil; the garbage collector is off while "
        "the command's modules import, then frozen (bot/cli.py).",
        "",
    ])


if __name__ == "__main__":
    print(run())
