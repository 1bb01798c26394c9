"""Structured answers (issue 2): warm latency of `ask` and a cold `docbot ask` process's CPU time.

Structured questions must never wait for jieba or torch: the cold run also reports which heavy
modules the process imported (expected: none).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys

from bench.stats import percentiles, time_calls

QUESTIONS = [
    "越秀工作要点第17项谁牵头？", "第17项谁牵头", "监督条例方案第30项的牵头单位和配合单位", "区信访局要配合哪些工作？",
    "区委组织部牵头哪些工作", "东湖新村社区由哪位区领导挂点？", "苏佩联系哪个社区", "洛阳第6项的原文",
]
COLD = ("import json, sys; from bot.cli import main; main(['ask', '--json', '第17项谁牵头']);"
        "print(json.dumps([m for m in ('torch', 'sentence_transformers', 'jieba', 'faiss', 'telegram') if m in sys.modules]))")


def _cold_run() -> tuple[float, float, list[str]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    import time

    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True)
    wall = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu, json.loads(out.stdout.strip().splitlines()[-1])


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
    runs = [_cold_run() for _ in range(7)]
    wall = percentiles([r[0] for r in runs])
    cpu = percentiles([r[1] for r in runs])
    heavy = sorted({m for r in runs for m in r[2]}) or ["none"]
    return "\n".join([
        "## Structured answers",
        "",
        "Warm `ask()` (corpus parsed, unit and contact indexes built), 200 calls each:",
        "",
        "| question | median ms | p95 ms |",
        "|---|---|---|",
        *rows,
        "",
        f"Cold `docbot ask --json \"第17项谁牵头\"` in a fresh process, 7 runs: process CPU time median "
        f"{cpu[0]:.0f} ms (p95 {cpu[1]:.0f} ms), wall median {wall[0]:.0f} ms (p95 {wall[1]:.0f} ms). "
        f"Heavy modules imported: {', '.join(heavy)}.",
        "",
    ])


if __name__ == "__main__":
    print(run())
